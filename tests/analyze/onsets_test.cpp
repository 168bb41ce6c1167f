// Tests for analyze/onsets: onset F-measure on synthesized notes, vibrato robustness, silence.
#include "analyze/onsets.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "../../eval/metrics.h"
#include "base/error.h"
#include "../../eval/test_signals.h"

namespace tunesmith {
namespace {

constexpr SampleRate kRate{22050};

TEST(Onsets, FindsNoteStartsWithin50ms) {
    std::vector<float> audio(static_cast<std::size_t>(kRate.hz) * 12, 0.0f);
    std::vector<double> truth;
    Rng rng(3);
    double t = 0.3;
    int pitch = 55;
    while (t < 11.0) {
        truth.push_back(t);
        const double duration = rng.uniform(0.15, 0.6);
        signals::add_tone(audio, kRate, t, duration, pitch, rng.uniform(0.1, 0.4), 8, 3.0);
        pitch = 50 + rng.range(0, 24);
        t += duration + rng.uniform(0.0, 0.1);
    }
    const OnsetResult result = detect_onsets(audio, kRate);
    const auto f = metrics::event_f_measure(truth, result.seconds, 0.05);
    EXPECT_GE(f.f, 0.9) << "precision " << f.precision << " recall " << f.recall;
    ASSERT_EQ(result.onsets.size(), result.seconds.size());
    for (std::size_t i = 1; i < result.onsets.size(); ++i) EXPECT_LT(result.onsets[i - 1], result.onsets[i]);
}

TEST(Onsets, VibratoIsNotAnOnset) {
    // One 4 s sung-like tone with 6 Hz, +-50 cent vibrato: one onset, not dozens.
    std::vector<float> audio(static_cast<std::size_t>(kRate.hz) * 5, 0.0f);
    double phase = 0.0;
    for (std::size_t i = static_cast<std::size_t>(kRate.hz / 2); i < static_cast<std::size_t>(kRate.hz) * 9 / 2; ++i) {
        const double t = static_cast<double>(i) / kRate.hz;
        const double hz = 330.0 * std::pow(2.0, 0.5 / 12.0 * std::sin(2.0 * std::numbers::pi * 6.0 * t));
        phase += 2.0 * std::numbers::pi * hz / kRate.hz;
        double sample = 0.0;
        for (int h = 1; h <= 8; ++h) sample += std::sin(h * phase) / h;
        audio[i] = static_cast<float>(0.2 * std::min(1.0, (t - 0.5) / 0.03) * sample);
    }
    const OnsetResult result = detect_onsets(audio, kRate);
    EXPECT_GE(result.onsets.size(), 1u);
    EXPECT_LE(result.onsets.size(), 2u);
    ASSERT_FALSE(result.seconds.empty());
    EXPECT_NEAR(result.seconds.front(), 0.5, 0.05);
}

TEST(Onsets, SilenceHasNone) {
    const std::vector<float> silence(static_cast<std::size_t>(kRate.hz) * 3, 0.0f);
    EXPECT_TRUE(detect_onsets(silence, kRate).onsets.empty());
    EXPECT_TRUE(detect_onsets(std::span<const float>{}, kRate).onsets.empty());
}

// One STFT pass gives each envelope exactly as its own pass would, whether its filters are shared
// with another envelope's (the whole band and the band under 5 kHz) or not (over 5 kHz).
TEST(Onsets, EnvelopesOfOnePassEqualSeparateOnes) {
    std::vector<float> audio(static_cast<std::size_t>(kRate.hz) * 4, 0.0f);
    Rng rng(5);
    for (double t = 0.2; t < 3.5; t += 0.3) {
        signals::add_tone(audio, kRate, t, 0.25, 48 + rng.range(0, 30), 0.2, 8, 3.0);
        signals::add_drum_hit(audio, kRate, t + 0.15, false, rng);
    }
    OnsetOptions whole, low, high;
    low.max_hz = 5000.0;
    high.min_hz = 5000.0;
    high.max_filter_bands = 5;
    const OnsetOptions sets[] = {whole, low, high};
    const std::vector<OnsetEnvelope> together = onset_envelopes(audio, kRate, sets);
    ASSERT_EQ(together.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        const OnsetEnvelope alone = onset_envelope(audio, kRate, sets[i]);
        EXPECT_EQ(together[i].hop, alone.hop);
        EXPECT_EQ(together[i].values, alone.values) << "envelope " << i;
    }
    EXPECT_NE(together[0].values, together[1].values);
    OnsetOptions other_rate = whole;
    other_rate.frames_per_second = 50.0;
    const OnsetOptions mismatched[] = {whole, other_rate};
    EXPECT_THROW(onset_envelopes(audio, kRate, mismatched), InputError);
}

TEST(Onsets, RejectsATooLowSampleRate) {
    const std::vector<float> audio(100, 0.0f);
    EXPECT_THROW(detect_onsets(audio, SampleRate(1000)), InputError);
}

}  // namespace
}  // namespace tunesmith
