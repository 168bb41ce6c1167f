// Tests for analyze/beats: beat F-measure on a drum track whose tempo drifts, tempo, meter
// (4/4 vs 3/4 from harmonic change), the metrical level and beat phase of an even accompaniment,
// the TempoMap through the beats, and silence.
#include "analyze/beats.h"

#include <gtest/gtest.h>

#include <limits>
#include <numbers>

#include "../../eval/metrics.h"
#include "../../eval/test_signals.h"

namespace tunesmith {
namespace {

constexpr SampleRate kRate{22050};

// A drum track (kick on each bar's first beat, noise on every beat) with chords changing every
// bar, at a tempo drifting +-7 % around `bpm`.
std::vector<float> drifting_groove(const std::vector<double>& beats, int beats_per_bar, double seconds) {
    std::vector<float> out(signals::index_of(seconds, kRate), 0.0f);
    Rng rng(7);
    const std::vector<Chord> progression{{0, ChordQuality::major}, {9, ChordQuality::minor},
                                         {5, ChordQuality::major}, {7, ChordQuality::major}};
    for (std::size_t b = 0; b < beats.size(); ++b) {
        const bool downbeat = b % static_cast<std::size_t>(beats_per_bar) == 0;
        signals::add_drum_hit(out, kRate, beats[b], downbeat, rng);
        if (downbeat && b + static_cast<std::size_t>(beats_per_bar) < beats.size()) {
            const Chord& chord = progression[(b / static_cast<std::size_t>(beats_per_bar)) % progression.size()];
            signals::add_chord(out, kRate, beats[b], beats[b + static_cast<std::size_t>(beats_per_bar)] - beats[b], chord, 0.12);
        }
    }
    return out;
}

TEST(Beats, FollowsADriftingDrumTrack) {
    const double seconds = 30.0;
    const auto truth = signals::drifting_beats(100.0, 0.07, 12.0, 0.5, seconds - 0.5);
    const auto audio = drifting_groove(truth, 4, seconds);
    const BeatResult result = track_beats(audio, kRate);
    const auto f = metrics::beat_f_measure(truth, result.seconds);
    EXPECT_GE(f.f, 0.9) << "precision " << f.precision << " recall " << f.recall << " bpm " << result.bpm;
    EXPECT_NEAR(result.bpm, 100.0, 6.0);
    // Local tempo follows the drift: the fastest and slowest local tempi differ by > 8 %.
    const auto [lo, hi] = std::minmax_element(result.local_bpm.begin() + 2, result.local_bpm.end() - 2);
    EXPECT_GT(*hi / *lo, 1.08);
}

TEST(Beats, InfersFourFourAndDownbeats) {
    const auto truth = signals::drifting_beats(110.0, 0.05, 15.0, 0.4, 29.5);
    const BeatResult result = track_beats(drifting_groove(truth, 4, 30.0), kRate);
    EXPECT_EQ(result.meter.numerator, 4);
    ASSERT_FALSE(result.downbeats.empty());
    // Downbeats land on the true bar starts (truth index multiple of 4).
    std::size_t on_bar = 0;
    for (std::size_t d : result.downbeats) {
        const double t = result.seconds[d];
        for (std::size_t b = 0; b < truth.size(); b += 4)
            if (std::abs(truth[b] - t) < 0.07) { ++on_bar; break; }
    }
    EXPECT_GE(static_cast<double>(on_bar) / static_cast<double>(result.downbeats.size()), 0.8);
}

TEST(Beats, InfersThreeFourFromAWaltz) {
    const auto truth = signals::drifting_beats(120.0, 0.04, 15.0, 0.4, 29.5);
    const BeatResult result = track_beats(drifting_groove(truth, 3, 30.0), kRate);
    EXPECT_EQ(result.meter.numerator, 3);
    EXPECT_GE(metrics::beat_f_measure(truth, result.seconds).f, 0.9);
}

TEST(Beats, TempoMapAnchorsEveryBeatAndStartsAtABarLine) {
    const auto truth = signals::drifting_beats(95.0, 0.06, 10.0, 1.3, 24.0);
    const BeatResult result = track_beats(drifting_groove(truth, 4, 25.0), kRate);
    ASSERT_GE(result.beats.size(), 8u);
    for (std::size_t i = 0; i < result.beats.size(); ++i)
        EXPECT_EQ(result.tempo.to_samples(Ticks((static_cast<std::int64_t>(i) + result.lead_in_beats) * 960)),
                  result.beats[i]);
    ASSERT_FALSE(result.downbeats.empty());
    const std::int64_t first_downbeat_tick = (static_cast<std::int64_t>(result.downbeats[0]) + result.lead_in_beats) * 960;
    EXPECT_EQ(first_downbeat_tick % result.meter.bar().value, 0);
    EXPECT_EQ(result.tempo.to_samples(Ticks(0)), Samples(0));
}

// An even accompaniment: identical chord stabs on every eighth note (beats and off-beats sound
// alike), the chord changing on each bar's first beat, at a tempo drifting +-5 % around `bpm`.
// Only the harmony says where the beats and bars are.
std::vector<double> eighth_note_accompaniment(double bpm, double seconds, std::vector<float>& out) {
    const auto beats = signals::drifting_beats(bpm, 0.05, 13.0, 0.6, seconds - 1.0);
    out.assign(signals::index_of(seconds, kRate), 0.0f);
    const std::vector<Chord> progression{{0, ChordQuality::major}, {9, ChordQuality::minor},
                                         {5, ChordQuality::major}, {7, ChordQuality::major}};
    for (std::size_t b = 0; b + 1 < beats.size(); ++b) {
        const Chord& chord = progression[(b / 4) % progression.size()];
        const double half = (beats[b + 1] - beats[b]) / 2.0;
        signals::add_chord(out, kRate, beats[b], 0.9 * half, chord, 0.12);
        signals::add_chord(out, kRate, beats[b] + half, 0.9 * half, chord, 0.12);
    }
    return {beats.begin(), beats.end() - 1};
}

TEST(Beats, SlowBalladWithEighthNotesIsTrackedAtItsBeat) {
    std::vector<float> audio;
    const auto truth = eighth_note_accompaniment(58.0, 30.0, audio);
    const BeatResult result = track_beats(audio, kRate);
    const auto f = metrics::beat_f_measure(truth, result.seconds);
    // The eighths are the strongest periodicity (~116 bpm); the level choice halves them and the
    // chord changes pick the on-beat half.
    EXPECT_NEAR(result.bpm, 58.0, 4.0) << "tracked " << result.level.tracked_bpm;
    EXPECT_TRUE(result.level.halved);
    EXPECT_GE(f.f, 0.9) << "precision " << f.precision << " recall " << f.recall;
}

TEST(Beats, BrightAttacksKeepTheTrackedLevel) {
    // The same ballad with a noisy hit on every eighth (a hi-hat's worth of flux over 5 kHz): the
    // level the prior would halve is kept, because a kit marks its own tactus.
    std::vector<float> audio;
    const auto beats = eighth_note_accompaniment(58.0, 30.0, audio);
    Rng rng(5);
    for (std::size_t b = 0; b + 1 < beats.size(); ++b) {
        signals::add_drum_hit(audio, kRate, beats[b], false, rng);
        signals::add_drum_hit(audio, kRate, (beats[b] + beats[b + 1]) / 2.0, false, rng);
    }
    const BeatResult halved = track_beats(onset_envelope(audio, kRate), BeatOptions{}, nullptr);
    ASSERT_TRUE(halved.level.halved) << "without the recording the prior alone decides";
    const BeatResult kept = track_beats(audio, kRate);
    EXPECT_FALSE(kept.level.halved) << "tracked " << kept.level.tracked_bpm;
    EXPECT_NEAR(kept.bpm, 116.0, 8.0);
}

// A pop kit at `bpm`: kick on beats 1 and 3, a snare (a noise burst) on 2 and 4, a closed hi-hat
// (partials over 5.5-10.5 kHz) on every eighth, over a chord per bar. Returns the beat times.
std::vector<double> backbeat_kit(double bpm, double seconds, std::vector<float>& audio, double hat_level = 0.1) {
    audio.assign(signals::index_of(seconds, kRate), 0.0f);
    Rng rng(9);
    const double beat = 60.0 / bpm;
    const std::vector<Chord> progression{{0, ChordQuality::major}, {7, ChordQuality::major},
                                         {9, ChordQuality::minor}, {5, ChordQuality::major}};
    std::vector<double> beats;
    for (double t = 0.5; t + beat < seconds; t += beat) beats.push_back(t);
    for (std::size_t b = 0; b < beats.size(); ++b) {
        signals::add_drum_hit(audio, kRate, beats[b], b % 2 == 0, rng);  // kick (accented) or snare
        for (double at : {beats[b], beats[b] + beat / 2.0}) {
            const std::size_t first = signals::index_of(at, kRate);
            double phases[12];
            for (double& phase : phases) phase = rng.uniform(0.0, 2.0 * std::numbers::pi);
            for (std::size_t i = 0; i < signals::index_of(0.03, kRate) && first + i < audio.size(); ++i) {
                const double t = static_cast<double>(i) / kRate.hz;
                double hat = 0.0;  // partials spread over 5.5-10.5 kHz
                for (int k = 0; k < 12; ++k) hat += std::sin(2.0 * std::numbers::pi * (5500.0 + 450.0 * k) * t + phases[k]);
                audio[first + i] += static_cast<float>(hat_level * hat * std::exp(-t / 0.006));
            }
        }
        if (b % 4 == 0 && b + 4 < beats.size())
            signals::add_chord(audio, kRate, beats[b], beats[b + 4] - beats[b], progression[(b / 4) % progression.size()], 0.08);
    }
    return beats;
}

TEST(Beats, ABackbeatTrackedAtHalfTempoIsDoubled) {
    std::vector<float> audio;
    const auto truth = backbeat_kit(128.0, 30.0, audio);
    const BeatResult comb = track_beats(onset_envelope(audio, kRate), BeatOptions{}, nullptr);
    ASSERT_NEAR(comb.bpm, 64.0, 4.0) << "without the recording the comb keeps the kick's half tempo";
    const BeatResult result = track_beats(audio, kRate);
    EXPECT_TRUE(result.level.doubled) << "brightness " << result.level.brightness << " mid-beat ratio "
                                      << result.level.midbeat_ratio;
    EXPECT_NEAR(result.bpm, 128.0, 5.0);
    const auto f = metrics::beat_f_measure(truth, result.seconds);
    EXPECT_GE(f.f, 0.9) << "precision " << f.precision << " recall " << f.recall;
}

TEST(Beats, HiHatEighthsAloneDoNotDoubleTheBeat) {
    // The same kit at 72 bpm with a loud hi-hat, tracked at its beat: kick and snare fall on the
    // tracked beats and the half-beats hold only the hat, which the mid-beat test does not hear (it
    // reads under 5 kHz; over the whole band this hat alone would double the beat).
    std::vector<float> audio;
    backbeat_kit(72.0, 30.0, audio, 0.3);
    const BeatResult result = track_beats(audio, kRate);
    EXPECT_NEAR(result.bpm, 72.0, 4.0) << "mid-beat ratio " << result.level.midbeat_ratio;
    EXPECT_FALSE(result.level.doubled);
    EXPECT_GT(result.level.brightness, 1.0) << "the kit is bright, so the mid-beat test was made";
}

TEST(Beats, EvenAccompanimentIsTrackedOnTheBeatNotTheOffBeat) {
    std::vector<float> audio;
    const auto truth = eighth_note_accompaniment(84.0, 30.0, audio);
    BeatOptions options;
    options.halve_threshold = std::numeric_limits<double>::infinity();  // phase only
    const BeatResult result = track_beats(audio, kRate, options);
    // At 84 bpm the eighths (168) are outside the comb's preference, so the beat level is found;
    // the phase must follow the chord changes rather than the equally loud off-beat stabs.
    EXPECT_NEAR(result.bpm, 84.0, 5.0);
    const auto f = metrics::beat_f_measure(truth, result.seconds);
    EXPECT_GE(f.f, 0.9) << "precision " << f.precision << " recall " << f.recall;
}

TEST(Beats, ModerateTempoIsNotHalved) {
    // The 100 bpm drum groove: the tempo prior prefers 100 to 50, so the level is kept.
    const auto truth = signals::drifting_beats(100.0, 0.05, 12.0, 0.5, 29.5);
    const BeatResult result = track_beats(drifting_groove(truth, 4, 30.0), kRate);
    EXPECT_FALSE(result.level.halved);
    EXPECT_NEAR(result.bpm, 100.0, 6.0);
    EXPECT_LT(result.level.prior_log_ratio, 0.0);
}

TEST(Beats, SilenceAndNoiseGiveNoBeats) {
    const std::vector<float> silence(static_cast<std::size_t>(kRate.hz) * 10, 0.0f);
    const BeatResult quiet = track_beats(silence, kRate);
    EXPECT_TRUE(quiet.empty());
    EXPECT_EQ(quiet.bpm, 0.0);
    const BeatResult nothing = track_beats(std::span<const float>{}, kRate);
    EXPECT_TRUE(nothing.empty());
}

TEST(Beats, TempoMapFromBeatsNeedsTwoBeats) {
    const std::vector<Samples> one{Samples(1000)};
    const TempoMap map = tempo_map_from_beats(one, 0, kRate, 90.0);
    EXPECT_NEAR(map.bpm_at(Ticks(0)), 90.0, 1e-6);
}

}  // namespace
}  // namespace tunesmith
