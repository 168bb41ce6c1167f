// Tests for src/accompany/separation.cpp: a bare voice is not called a mix, a voice over a band
// is, and isolation raises the voice's signal-to-distortion ratio.
#include "accompany/separation.h"

#include <cmath>
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "analyze/melody_salience.h"
#include "base/random.h"
#include "sung_song.h"

namespace tunesmith {
namespace {

using testing_song::SungSong;

SungSong song(bool band) {
    testing_song::SungSongOptions o;
    o.phrases = 2;
    o.band = band;
    o.band_db = 0.0;
    return testing_song::synthesize_song(o, Rng(5));
}

TEST(Separation, BareVoiceIsNotAMix) {
    const SungSong s = song(false);
    const F0Track f0 = track_pitch(s.audio, SampleRate(s.rate));
    const MixDetection d = detect_mix(s.audio, SampleRate(s.rate), f0);
    EXPECT_FALSE(d.is_mix) << d.partial_share << " " << d.pause_level_db;
    EXPECT_GT(d.partial_share, 0.6);
}

TEST(Separation, VoiceOverABandIsAMixAndIsolationImprovesIt) {
    const SungSong s = song(true);
    const SampleRate rate(s.rate);
    const F0Track f0 = track_pitch(s.audio, rate);
    const MixDetection d = detect_mix(s.audio, rate, f0);
    EXPECT_TRUE(d.is_mix) << d.partial_share << " " << d.pause_level_db;
    const std::vector<float> voice = isolate_voice(s.audio, rate, f0);
    ASSERT_EQ(voice.size(), s.audio.size());
    const double before = signal_to_distortion_db(s.voice, s.audio);
    const double after = signal_to_distortion_db(s.voice, voice);
    EXPECT_GT(after, before + 2.5) << "SDR " << before << " dB -> " << after << " dB";
}

// A rough voice (its partials plus a quieter second pitch under them, as from a buzz or bleed)
// with silent gaps between its notes is a bare voice; the same tone running on through the gaps is
// an instrument, so a mix.
std::vector<float> rough_notes(bool tone_in_gaps, int rate) {
    std::vector<float> out;
    const double two_pi = 2.0 * 3.141592653589793;
    for (int note = 0; note < 6; ++note) {
        for (int i = 0; i < rate * 6 / 10; ++i) {
            const double t = static_cast<double>(out.size()) / rate;
            double v = 0.0;
            for (int h = 1; h <= 6; ++h) v += 0.3 / h * std::sin(two_pi * 220.0 * h * t) + 0.2 / h * std::sin(two_pi * 311.0 * h * t);
            out.push_back(static_cast<float>(v));
        }
        for (int i = 0; i < rate * 4 / 10; ++i) {
            const double t = static_cast<double>(out.size()) / rate;
            double v = 0.0;
            for (int h = 1; h <= 6; ++h) v += 0.2 / h * std::sin(two_pi * 311.0 * h * t);
            out.push_back(tone_in_gaps ? static_cast<float>(v) : 0.0f);
        }
    }
    return out;
}

TEST(Separation, SilentGapsMakeARoughVoiceBare) {
    const int rate = 22050;
    for (bool noise_in_gaps : {false, true}) {
        const std::vector<float> audio = rough_notes(noise_in_gaps, rate);
        const MixDetection d = detect_mix(audio, SampleRate(rate), track_pitch(audio, SampleRate(rate)));
        EXPECT_LT(d.partial_share, 0.8) << noise_in_gaps;
        EXPECT_EQ(d.is_mix, noise_in_gaps) << d.partial_share << " " << d.pause_level_db << " " << d.quiet_s;
        if (!noise_in_gaps) {
            EXPECT_GE(d.quiet_s, 1.0);
        }
    }
}

// A melody f0 that disagrees with the monophonic one marks a mix (a loud bass took the f0), but not
// when the upload falls silent in its pauses: speech disagrees too, and no band stops with the voice.
TEST(Separation, MelodyDisagreementIsAMixOnlyWithoutSilentPauses) {
    F0Track f0, melody;
    for (int i = 0; i < 100; ++i) {
        f0.frames.push_back(PitchFrame{110.0f, 0.9f, -20.0f, true});
        // A tritone off: neither an octave nor a simple ratio (a major third, 5:1 over 110 Hz, would be
        // one harmonic series read at two partials).
        melody.frames.push_back(PitchFrame{440.0f * 1.414f, 0.9f, -20.0f, true});
    }
    MixDetection silent{.partial_share = 0.9, .pause_level_db = -90.0, .quiet_s = 2.0};
    add_melody_agreement(silent, f0, melody);
    EXPECT_LT(silent.melody_agreement, 0.5);
    EXPECT_FALSE(silent.is_mix);
    MixDetection busy{.partial_share = 0.9, .pause_level_db = -12.0, .quiet_s = 0.0};
    add_melody_agreement(busy, f0, melody);
    EXPECT_TRUE(busy.is_mix);
    MixDetection brief{.partial_share = 0.9, .pause_level_db = -120.0, .quiet_s = 0.2};
    add_melody_agreement(brief, f0, melody);
    EXPECT_TRUE(brief.is_mix);
}

// A legato line of harmonic tones (no vibrato) with partial amplitudes `partials`, over MIDI
// `low`..`low + 12`, with one breath of a note's length in the middle (too short to count as silent
// pauses). `band`: "chords" adds sustained triads, "drums" a decaying noise burst on every
// eighth (as from a hi-hat) also through the breath, each at the line's RMS.
std::vector<float> instrument_line(const std::vector<double>& partials, int low, const std::string& band, int rate) {
    const double two_pi = 2.0 * 3.141592653589793;
    const std::vector<int> steps{0, 2, 4, 5, 7, 9, 7, 5, 4, 2, 0, 4, -1, 7, 12, 11, 9, 7, 5, 4, 2, 0, 7, 4, 0};
    const auto note = static_cast<std::size_t>(rate * 45 / 100);
    std::vector<float> line(steps.size() * note, 0.0f), accompaniment(line.size(), 0.0f);
    Rng noise(3);
    for (std::size_t n = 0; n < steps.size(); ++n) {
        const double hz = 440.0 * std::exp2((low + steps[n] - 69) / 12.0);
        // I, IV, V, vi in equal temperament, a new chord every four notes, in a comping register (MIDI 48-64).
        const std::vector<std::vector<int>> progression{{0, 4, 7}, {5, 9, 12}, {7, 11, 14}, {9, 12, 16}};
        const std::vector<int>& chord = progression[n / 4 % progression.size()];
        for (std::size_t i = 0; i < note; ++i) {
            const double t = static_cast<double>(i) / rate;
            const double global_t = static_cast<double>(n * note + i) / rate;
            const double envelope = std::min(1.0, t / 0.02) * std::min(1.0, static_cast<double>(note - i) / rate / 0.02);
            double v = 0.0;
            if (steps[n] >= 0)
                for (std::size_t h = 0; h < partials.size(); ++h)
                    v += partials[h] * std::sin(two_pi * hz * static_cast<double>(h + 1) * t);
            line[n * note + i] = static_cast<float>(0.3 * envelope * v);
            double b = 0.0;
            if (band == "chords")
                for (int tone : chord)
                    for (int h = 1; h <= 4; ++h)
                        b += std::sin(two_pi * 440.0 * std::exp2((48 + (low + tone) % 12 - 69) / 12.0) * h * global_t) / h;
            if (band == "drums") b = std::exp(-std::fmod(t, 0.225) / 0.06) * noise.uniform(-1.0, 1.0);  // eighths
            accompaniment[n * note + i] = static_cast<float>(b);
        }
    }
    if (band.empty()) return line;
    std::vector<float> mix = line;
    testing_song::detail::add_at_level(accompaniment, line, 0.0, mix);
    return mix;
}

MixDetection detect_with_melody(const std::vector<float>& audio, int rate, const SeparationOptions& options) {
    const F0Track f0 = track_pitch(audio, SampleRate(rate));
    MixDetection d = detect_mix(audio, SampleRate(rate), f0, options);
    add_melody_agreement(d, f0, track_predominant_melody(audio, SampleRate(rate)), options);
    return d;
}

// Session 14: a rendered solo flute and a sine tune were called mixes and "isolated": the voice-melody
// tracker read them at a sub- or superharmonic (its register prior: a flute a fifth or a tenth low, a
// low saxophone at its third partial). A clean line of any timbre is bare; the same line over chords
// or drums is a mix. The session-13 agreement test called two of these five lines (sine, flute) mixes.
TEST(Separation, ACleanLineOfAnyTimbreIsBareAndTheSameLineOverABandIsAMix) {
    const int rate = 22050;
    struct Line {
        const char* name;
        std::vector<double> partials;
        int low;
    };
    const std::vector<Line> lines{{"sine", {1.0}, 72},
                                  {"flute", {1.0, 0.25, 0.08}, 79},
                                  {"clarinet", {1.0, 0.02, 0.45, 0.02, 0.3, 0.02, 0.15}, 55},
                                  {"cello", {1.0, 0.7, 0.5, 0.45, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1}, 40},
                                  {"saxophone", {1.0, 0.8, 0.7, 0.55, 0.45, 0.35, 0.3, 0.2}, 50}};
    SeparationOptions session13;
    session13.same_series_max_term = 0;
    int called_mix_before = 0;
    for (const Line& line : lines) {
        const auto bare = instrument_line(line.partials, line.low, "", rate);
        const MixDetection d = detect_with_melody(bare, rate, {});
        const MixDetection old = detect_with_melody(bare, rate, session13);
        called_mix_before += old.is_mix;
        const auto with_chords = instrument_line(line.partials, line.low, "chords", rate);
        const auto with_drums = instrument_line(line.partials, line.low, "drums", rate);
        const MixDetection chords = detect_with_melody(with_chords, rate, {});
        const MixDetection drums = detect_with_melody(with_drums, rate, {});
        std::printf("  %-9s session 13 with chords %d, drums %d\n", line.name, detect_with_melody(with_chords, rate, session13).is_mix,
                    detect_with_melody(with_drums, rate, session13).is_mix);
        std::printf("  %-9s share / agreement / same series / mix: bare %.3f %.3f %.3f %d (session 13: %d) | "
                    "+chords %.3f %.3f %.3f %d | +drums %.3f %.3f %.3f %d\n",
                    line.name, d.partial_share, d.melody_agreement, d.series_agreement, d.is_mix, old.is_mix,
                    chords.partial_share, chords.melody_agreement, chords.series_agreement, chords.is_mix,
                    drums.partial_share, drums.melody_agreement, drums.series_agreement, drums.is_mix);
        EXPECT_FALSE(d.is_mix) << line.name;
        EXPECT_TRUE(chords.is_mix) << line.name << " over chords";
        EXPECT_TRUE(drums.is_mix) << line.name << " over drums";
    }
    EXPECT_GT(called_mix_before, 0) << "the fixture no longer shows the session-13 false alarms";
}

TEST(Separation, SdrOfIdenticalAndOppositeSignals) {
    const std::vector<float> x{0.5f, -0.25f, 0.125f};
    EXPECT_TRUE(std::isinf(signal_to_distortion_db(x, x)));
    const std::vector<float> half{0.25f, -0.125f, 0.0625f};
    EXPECT_NEAR(signal_to_distortion_db(x, half), 6.0206, 1e-3);
}

}  // namespace
}  // namespace tunesmith
