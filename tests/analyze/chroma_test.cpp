// Tests for analyze/chroma: pitch classes of a chord, the bass register, tuning estimation, silence.
#include "analyze/chroma.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "../../eval/test_signals.h"

namespace tunesmith {
namespace {

constexpr SampleRate kRate{22050};

std::vector<std::size_t> top_pitch_classes(const PitchClassVector& v, std::size_t n) {
    std::vector<std::size_t> order(12);
    for (std::size_t i = 0; i < 12; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] > v[b]; });
    order.resize(n);
    std::sort(order.begin(), order.end());
    return order;
}

TEST(Chroma, AChordLightsItsThreePitchClassesAndItsBass) {
    std::vector<float> audio(static_cast<std::size_t>(kRate.hz) * 2, 0.0f);
    signals::add_chord(audio, kRate, 0.0, 2.0, Chord{2, ChordQuality::minor}, 0.3);  // D minor: D F A
    const Chromagram chroma = compute_chroma(audio, kRate);
    ASSERT_GT(chroma.frames(), 10u);
    const PitchClassVector mean = mean_chroma(chroma.full, chroma.energy, 0, chroma.frames());
    EXPECT_EQ(top_pitch_classes(mean, 3), (std::vector<std::size_t>{2, 5, 9}));
    const PitchClassVector bass = mean_chroma(chroma.bass, chroma.energy, 0, chroma.frames());
    EXPECT_EQ(top_pitch_classes(bass, 1), (std::vector<std::size_t>{2}));
    EXPECT_NEAR(chroma.tuning_cents, 0.0, 5.0);
}

TEST(Chroma, EstimatesTuningAndCorrectsForIt) {
    // A major triad 30 cents sharp still reads as A major.
    std::vector<float> audio(static_cast<std::size_t>(kRate.hz) * 2, 0.0f);
    for (double p : {57.3, 61.3, 64.3, 69.3}) signals::add_tone(audio, kRate, 0.0, 2.0, p, 0.2, 6, 0.5);
    const Chromagram chroma = compute_chroma(audio, kRate);
    EXPECT_NEAR(chroma.tuning_cents, 30.0, 6.0);
    const PitchClassVector mean = mean_chroma(chroma.full, chroma.energy, 0, chroma.frames());
    EXPECT_EQ(top_pitch_classes(mean, 3), (std::vector<std::size_t>{1, 4, 9}));
}

TEST(Chroma, FrameTimesMapToSourceSamples) {
    std::vector<float> audio(static_cast<std::size_t>(kRate.hz), 0.1f);
    const Chromagram chroma = compute_chroma(audio, kRate);
    ASSERT_GT(chroma.frames(), 2u);
    EXPECT_EQ(chroma.frame_at(chroma.frame_sample(2)), 2u);
    EXPECT_NEAR(chroma.frame_seconds(1), 512.0 / 11025.0, 1e-12);
}

TEST(Chroma, SilenceIsAllZero) {
    const std::vector<float> silence(static_cast<std::size_t>(kRate.hz), 0.0f);
    const Chromagram chroma = compute_chroma(silence, kRate);
    for (const auto& frame : chroma.full)
        for (float v : frame) EXPECT_EQ(v, 0.0f);
    EXPECT_EQ(compute_chroma(std::span<const float>{}, kRate).frames(), 0u);
}

}  // namespace
}  // namespace tunesmith
