// Tests for src/analyze/melody_salience.cpp: the sung line of a voice over a band with a loud bass
// (where pYIN follows the bass), contour voicing (vibrato vs plucked strings), determinism, bounds.
#include "analyze/melody_salience.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "../accompany/melody_truth.h"
#include "../accompany/sung_song.h"
#include "base/error.h"

namespace tunesmith {
namespace {

using testing_song::SungSong;

// Two sung phrases (about 20 s), bare or over a band and a bass 6 dB over the voice; synthesized
// once per binary (they are read-only fixtures).
const SungSong& song(bool band) {
    auto make = [](bool with_band) {
        testing_song::SungSongOptions o;
        o.phrases = 2;
        o.band = with_band;
        o.bass = with_band;
        return testing_song::synthesize_song(o, Rng(5));
    };
    static const SungSong bare = make(false), mixed = make(true);
    return band ? mixed : bare;
}

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// A 1.2 s harmonic tone at `midi` with 5.5 Hz vibrato of `vibrato_cents`, held at a steady level.
std::vector<float> sung_tone(double midi, double vibrato_cents, int rate) {
    std::vector<float> out(static_cast<std::size_t>(1.2 * rate));
    double phase = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = static_cast<double>(i) / rate;
        const double f0 = 440.0 * std::exp2((midi - 69.0 + vibrato_cents / 100.0 * std::sin(kTwoPi * 5.5 * t)) / 12.0);
        phase += kTwoPi * f0 / rate;
        double v = 0.0;
        for (int h = 1; h <= 8; ++h) v += std::sin(phase * h) / h;
        out[i] = static_cast<float>(0.2 * std::min(1.0, t / 0.03) * v);
    }
    return out;
}

// The same pitch plucked every 0.4 s: steady and decaying.
std::vector<float> plucked_tone(double midi, int rate) {
    std::vector<float> out(static_cast<std::size_t>(1.2 * rate));
    const double f0 = 440.0 * std::exp2((midi - 69.0) / 12.0);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = std::fmod(static_cast<double>(i) / rate, 0.4);
        double v = 0.0;
        for (int h = 1; h <= 8; ++h) v += std::sin(kTwoPi * f0 * h * t) / h;
        out[i] = static_cast<float>(0.2 * std::exp(-6.0 * t) * v);
    }
    return out;
}

TEST(PredominantMelody, FollowsTheVoiceOverALoudBassAndBand) {
    const SungSong& s = song(true);
    const SampleRate rate(s.rate);
    const auto before = testing_song::score_melody(track_pitch(s.audio, rate), s.notes);
    const auto after = testing_song::score_melody(track_predominant_melody(s.audio, rate), s.notes);
    // pYIN follows the bass (the failure this tracker exists for); the voice melody follows the voice.
    EXPECT_LT(before.raw_pitch_accuracy(), 0.1);
    EXPECT_GE(after.raw_pitch_accuracy(), 0.45) << "recall " << after.voicing_recall() << " fa " << after.voicing_false_alarm();
    EXPECT_LE(after.voicing_false_alarm(), 0.3);
}

TEST(PredominantMelody, TracksABareVoice) {
    const SungSong& s = song(false);
    const auto scores = testing_song::score_melody(track_predominant_melody(s.audio, SampleRate(s.rate)), s.notes);
    EXPECT_GE(scores.raw_pitch_accuracy(), 0.8) << "recall " << scores.voicing_recall();
    EXPECT_LE(scores.voicing_false_alarm(), 0.1);
}

TEST(PredominantMelody, TheBandAloneIsMostlyUnvoiced) {
    const SungSong& s = song(true);
    std::vector<float> band(s.audio.size());
    for (std::size_t i = 0; i < band.size(); ++i) band[i] = s.audio[i] - s.voice[i];
    const F0Track track = track_predominant_melody(band, SampleRate(s.rate));
    std::size_t voiced = 0;
    for (const PitchFrame& f : track.frames) voiced += f.voiced;
    EXPECT_LE(static_cast<double>(voiced) / static_cast<double>(track.size()), 0.1);
}

TEST(PredominantMelody, VibratoToneIsVoiceLikeAndAPluckedOneIsNot) {
    constexpr int rate = 16000;
    const auto sung = salience_contours(sung_tone(64.0, 40.0, rate), SampleRate(rate));
    const auto plucked = salience_contours(plucked_tone(64.0, rate), SampleRate(rate));
    auto at_pitch = [](const std::vector<PitchContour>& contours) {
        const PitchContour* best = nullptr;
        for (const PitchContour& c : contours)
            if (std::abs(c.mean_midi - 64.0) < 0.5 && (best == nullptr || c.midi.size() > best->midi.size())) best = &c;
        return best;
    };
    const PitchContour* voice = at_pitch(sung);
    const PitchContour* string = at_pitch(plucked);
    ASSERT_NE(voice, nullptr);
    ASSERT_NE(string, nullptr);
    EXPECT_TRUE(voice->voice_like) << voice->deviation_cents << " cents, " << voice->decay_db_per_s << " dB/s";
    EXPECT_GT(voice->deviation_cents, 15.0);
    EXPECT_FALSE(string->voice_like) << string->deviation_cents << " cents, " << string->decay_db_per_s << " dB/s";
    EXPECT_LT(string->decay_db_per_s, -20.0);
    const F0Track track = track_predominant_melody(sung_tone(64.0, 40.0, rate), SampleRate(rate));
    std::size_t near = 0, voiced = 0;
    for (const PitchFrame& f : track.frames) {
        if (!f.voiced) continue;
        ++voiced;
        near += std::abs(12.0 * std::log2(static_cast<double>(f.f0_hz) / 329.63)) <= 0.5;
    }
    EXPECT_GT(voiced, track.size() * 3 / 4);
    EXPECT_GE(near, voiced * 95 / 100);
}

TEST(PredominantMelody, SameInputGivesTheSameTrack) {
    const SungSong& s = song(true);
    const std::span<const float> clip(s.audio.data(), s.audio.size() / 3);
    const F0Track a = track_predominant_melody(clip, SampleRate(s.rate));
    const F0Track b = track_predominant_melody(clip, SampleRate(s.rate));
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a.frames[i].f0_hz, b.frames[i].f0_hz);
        EXPECT_EQ(a.frames[i].voiced, b.frames[i].voiced);
    }
}

TEST(PredominantMelody, EmptySilentAndBadOptions) {
    EXPECT_EQ(track_predominant_melody({}, SampleRate(16000)).size(), 0u);
    const std::vector<float> silence(16000, 0.0f);
    const F0Track quiet = track_predominant_melody(silence, SampleRate(16000));
    EXPECT_EQ(quiet.size(), 100u);  // one frame per 10 ms hop: 1 + (16000 - 1) / 160
    for (const PitchFrame& f : quiet.frames) EXPECT_FALSE(f.voiced);
    PredominantMelodyOptions bad;
    bad.max_midi = bad.min_midi;
    EXPECT_THROW(track_predominant_melody(silence, SampleRate(16000), bad), InputError);
}

}  // namespace
}  // namespace tunesmith
