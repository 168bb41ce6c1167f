// Tests for src/audio/stft.cpp: frame count and centring, peak bin and magnitude of a sine,
// and the FFT itself against a direct DFT.
#include "audio/stft.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "audio_fixtures.h"

namespace tunesmith {
namespace {

TEST(Stft, SinePeaksAtItsBinWithTheExpectedMagnitude) {
    const auto signal = testing_audio::sine(1000.0, 1.0, 16000, 0.5);
    const Spectrogram spec = magnitude_spectrogram(signal, SampleRate(16000), 1024, 256);
    EXPECT_EQ(spec.bins, 513);
    EXPECT_EQ(spec.frames(), 1u + (16000u - 1u) / 256u);
    const std::size_t frame = 30;
    std::size_t peak = 0;
    for (std::size_t b = 1; b < static_cast<std::size_t>(spec.bins); ++b)
        if (spec.at(frame, b) > spec.at(frame, peak)) peak = b;
    EXPECT_EQ(peak, 64u);  // 1000 Hz * 1024 / 16000
    EXPECT_NEAR(spec.bin_frequency(peak), 1000.0, 1e-9);
    // A Hann window of N points has sum N/2, so a sine of amplitude A peaks at A * N / 4.
    EXPECT_NEAR(spec.at(frame, peak), 0.5 * 1024 / 4, 0.5);
}

TEST(Stft, FramesAreCentredOnMultiplesOfTheHop) {
    std::vector<float> signal(16000, 0.0f);
    signal[4096] = 1.0f;
    const Spectrogram spec = magnitude_spectrogram(signal, SampleRate(16000), 512, 128);
    std::size_t loudest = 0;
    for (std::size_t f = 0; f < spec.frames(); ++f)
        if (spec.at(f, 10) > spec.at(loudest, 10)) loudest = f;
    EXPECT_EQ(loudest, 32u);
    EXPECT_NEAR(spec.frame_time(loudest), 0.256, 1e-12);
}

TEST(Stft, RealFftMatchesADirectDft) {
    RealFft fft(64);
    std::vector<float> x(64);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = static_cast<float>(std::sin(0.3 * static_cast<double>(i)) + 0.1 * static_cast<double>(i % 5));
    const auto spectrum = fft.transform(x);
    ASSERT_EQ(spectrum.size(), 33u);
    for (std::size_t k = 0; k < spectrum.size(); ++k) {
        double re = 0.0, im = 0.0;
        for (std::size_t n = 0; n < x.size(); ++n) {
            const double angle = -2.0 * std::numbers::pi * static_cast<double>(k * n) / 64.0;
            re += static_cast<double>(x[n]) * std::cos(angle);
            im += static_cast<double>(x[n]) * std::sin(angle);
        }
        EXPECT_NEAR(spectrum[k].real(), re, 1e-3);
        EXPECT_NEAR(spectrum[k].imag(), im, 1e-3);
    }
}

TEST(Stft, EmptyInputHasNoFramesAndBadSizesAreRejected) {
    EXPECT_EQ(magnitude_spectrogram({}, SampleRate(16000), 1024, 256).frames(), 0u);
    const std::vector<float> one(1, 1.0f);
    EXPECT_EQ(magnitude_spectrogram(one, SampleRate(16000), 1024, 256).frames(), 1u);
    EXPECT_THROW(magnitude_spectrogram(one, SampleRate(16000), 1023, 256), std::invalid_argument);
    EXPECT_THROW(magnitude_spectrogram(one, SampleRate(16000), 1024, 0), std::invalid_argument);
}

}  // namespace
}  // namespace tunesmith
