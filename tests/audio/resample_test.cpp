// Tests for src/audio/resample.cpp: resampled sines match the ideal sine at the new rate
// (so pitch and timing are kept), lengths are exact, and content above Nyquist is removed.
#include "audio/resample.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "audio_fixtures.h"

namespace tunesmith {
namespace {

using testing_audio::sine;

// Largest deviation from the ideal sine at the output rate, away from the edges.
double max_error_against_ideal(const std::vector<float>& out, double hz, int rate, double amplitude) {
    double worst = 0.0;
    const std::size_t margin = static_cast<std::size_t>(rate / 50);
    for (std::size_t i = margin; i + margin < out.size(); ++i) {
        const double ideal = amplitude * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(i) / rate);
        worst = std::max(worst, std::abs(static_cast<double>(out[i]) - ideal));
    }
    return worst;
}

double rms(const std::vector<float>& x, std::size_t margin) {
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t i = margin; i + margin < x.size(); ++i, ++n) sum += static_cast<double>(x[i]) * static_cast<double>(x[i]);
    return n ? std::sqrt(sum / static_cast<double>(n)) : 0.0;
}

struct RateCase {
    int from;
    int to;
    double hz;
};

class ResampleSine : public ::testing::TestWithParam<RateCase> {};

TEST_P(ResampleSine, MatchesTheIdealSineAtTheNewRate) {
    const auto [from, to, hz] = GetParam();
    const auto input = sine(hz, 1.0, from, 0.5);
    const auto output = resample(input, SampleRate(from), SampleRate(to));
    const auto expected_length = (static_cast<std::int64_t>(input.size()) * to + from - 1) / from;
    EXPECT_EQ(static_cast<std::int64_t>(output.size()), expected_length);
    EXPECT_LT(max_error_against_ideal(output, hz, to, 0.5), 2e-3) << from << " -> " << to;
}

INSTANTIATE_TEST_SUITE_P(Rates, ResampleSine,
                         ::testing::Values(RateCase{44100, 16000, 1000.0}, RateCase{48000, 44100, 3000.0},
                                           RateCase{16000, 48000, 440.0}, RateCase{22050, 16000, 5000.0},
                                           RateCase{44100, 16001, 700.0}, RateCase{8000, 22050, 2500.0}));

TEST(Resample, RemovesContentAboveTheNewNyquist) {
    const auto input = sine(12000.0, 1.0, 44100, 0.5);
    const auto output = resample(input, SampleRate(44100), SampleRate(16000));
    // 12 kHz would alias to 4 kHz at 16 kHz; it must be at least 70 dB down.
    EXPECT_LT(rms(output, 400), 0.5 / std::sqrt(2.0) * std::pow(10.0, -70.0 / 20.0));
}

TEST(Resample, KeepsTheTimingOfAnImpulse) {
    std::vector<float> input(44100, 0.0f);
    input[22050] = 1.0f;  // exactly 0.5 s
    const auto output = resample(input, SampleRate(44100), SampleRate(16000));
    const auto peak = std::max_element(output.begin(), output.end()) - output.begin();
    EXPECT_EQ(peak, 8000);
}

TEST(Resample, SameRateAndEmptyInputAreIdentity) {
    const auto input = sine(100.0, 0.01, 16000);
    EXPECT_EQ(resample(input, SampleRate(16000), SampleRate(16000)), input);
    EXPECT_TRUE(resample({}, SampleRate(44100), SampleRate(16000)).empty());
    EXPECT_THROW(resample(input, SampleRate(0), SampleRate(16000)), std::invalid_argument);
}

}  // namespace
}  // namespace tunesmith
