// Tests for src/analyze/pitch.cpp (pYIN): tone accuracy in cents, voicing of silence and noise,
// frame timing, and raw pitch accuracy on synthesized sung melodies.
#include "analyze/pitch.h"

#include <cmath>
#include <cstdio>
#include <numbers>

#include <gtest/gtest.h>

#include "base/error.h"
#include "sung_melody.h"

namespace tunesmith {
namespace {

std::vector<float> harmonic_tone(double hz, double seconds, int rate, double start_s = 0.0) {
    std::vector<float> out(static_cast<std::size_t>((start_s + seconds) * rate), 0.0f);
    const auto first = static_cast<std::size_t>(start_s * rate);
    for (std::size_t i = first; i < out.size(); ++i) {
        const double t = static_cast<double>(i - first) / rate;
        double sum = 0.0;
        for (int h = 1; h <= 6 && h * hz < rate / 2.0; ++h) sum += std::sin(2.0 * std::numbers::pi * h * hz * t) / h;
        out[i] = static_cast<float>(0.3 * sum);
    }
    return out;
}

double cents_between(double a, double b) { return 1200.0 * std::log2(a / b); }

class PitchTone : public ::testing::TestWithParam<double> {};

TEST_P(PitchTone, IsTrackedWithinAFewCents) {
    const double hz = GetParam();
    const auto tone = harmonic_tone(hz, 1.0, 44100);
    const F0Track track = track_pitch(tone, SampleRate(44100));
    ASSERT_EQ(track.size(), 1u + (16000u - 1u) / 160u);
    std::size_t voiced = 0;
    double worst = 0.0;
    for (std::size_t f = 5; f + 5 < track.size(); ++f) {
        if (!track.frames[f].voiced) continue;
        ++voiced;
        worst = std::max(worst, std::abs(cents_between(static_cast<double>(track.frames[f].f0_hz), hz)));
    }
    EXPECT_GE(voiced, track.size() - 12);
    // Parabolic interpolation is coarser at short lags (~16 samples at 1 kHz and 16 kHz).
    EXPECT_LT(worst, hz < 700.0 ? 5.0 : 10.0) << hz << " Hz";
}

INSTANTIATE_TEST_SUITE_P(Frequencies, PitchTone, ::testing::Values(82.4, 146.8, 220.0, 311.1, 440.0, 659.3, 987.8));

TEST(Pitch, SilenceAndEmptyInputAreUnvoiced) {
    EXPECT_EQ(track_pitch({}, SampleRate(16000)).size(), 0u);
    const std::vector<float> silence(16000, 0.0f);
    const F0Track track = track_pitch(silence, SampleRate(16000));
    ASSERT_EQ(track.size(), 100u);
    for (const PitchFrame& frame : track.frames) {
        EXPECT_FALSE(frame.voiced);
        EXPECT_EQ(frame.f0_hz, 0.0f);
    }
}

TEST(Pitch, WhiteNoiseIsMostlyUnvoiced) {
    Rng rng(7);
    std::vector<float> noise(32000);
    for (float& x : noise) x = static_cast<float>(rng.uniform(-0.3, 0.3));
    const F0Track track = track_pitch(noise, SampleRate(16000));
    std::size_t voiced = 0;
    for (const PitchFrame& frame : track.frames) voiced += frame.voiced ? 1 : 0;
    EXPECT_LT(static_cast<double>(voiced) / static_cast<double>(track.size()), 0.1);
}

TEST(Pitch, VoicingStartsWhenTheToneStarts) {
    const auto tone = harmonic_tone(220.0, 0.5, 16000, 1.0);
    const F0Track track = track_pitch(tone, SampleRate(16000));
    std::size_t first = 0;
    while (first < track.size() && !track.frames[first].voiced) ++first;
    ASSERT_LT(first, track.size());
    EXPECT_NEAR(track.frame_time(first), 1.0, 0.03);
    EXPECT_LT(track.frames[first / 2].level_db, -100.0f);
    EXPECT_NEAR(static_cast<double>(track.frames[first + 20].level_db), 20.0 * std::log10(0.3 * 0.9), 3.0);
}

TEST(Pitch, BadOptionsAreInputErrors) {
    PitchOptions options;
    options.min_hz = 2000.0;
    EXPECT_THROW(track_pitch(std::vector<float>(100, 0.0f), SampleRate(16000), options), InputError);
    options = PitchOptions{};
    options.hop = 0;
    EXPECT_THROW(track_pitch(std::vector<float>(100, 0.0f), SampleRate(16000), options), InputError);
}

TEST(Pitch, SungMelodiesReachHighRawPitchAccuracy) {
    double rpa50 = 0.0, rpa10 = 0.0, false_alarm = 0.0;
    const int songs = 3;
    for (int seed = 1; seed <= songs; ++seed) {
        testing_sung::SungMelodyOptions options;
        options.detune_cents = seed == 2 ? 23.0 : 0.0;
        options.low_midi = seed == 3 ? 45 : 55;  // one low (male) voice
        options.high_midi = seed == 3 ? 62 : 74;
        const auto melody = testing_sung::synthesize_sung_melody(options, Rng(static_cast<std::uint64_t>(seed)));
        const F0Track track = track_pitch(melody.audio, SampleRate(melody.rate));
        rpa50 += testing_sung::raw_pitch_accuracy(melody, track, 50.0) / songs;
        rpa10 += testing_sung::raw_pitch_accuracy(melody, track, 10.0) / songs;
        false_alarm += testing_sung::voicing_false_alarm(melody, track) / songs;
    }
    RecordProperty("rpa50", std::to_string(rpa50));
    RecordProperty("rpa10", std::to_string(rpa10));
    std::printf("sung melodies: RPA@50c %.3f  RPA@10c %.3f  voicing false alarm %.3f\n", rpa50, rpa10, false_alarm);
    EXPECT_GE(rpa50, 0.95);
    EXPECT_GE(rpa10, 0.85);
    EXPECT_LT(false_alarm, 0.2);
}

}  // namespace
}  // namespace tunesmith
