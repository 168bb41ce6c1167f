// Tests for audio/loudness.cpp: BS.1770 reference tones, true peak above sample peak for an
// inter-sample peak, and silence reported as -infinity (never NaN).
#include "audio/loudness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace tunesmith {
namespace {

AudioBuffer sine(SampleRate rate, double freq, double amplitude, double phase, double seconds) {
    AudioBuffer out(rate, 2, static_cast<std::size_t>(seconds * rate.hz));
    for (auto& ch : out.channels)
        for (std::size_t i = 0; i < ch.size(); ++i)
            ch[i] = static_cast<float>(amplitude * std::sin(2 * std::numbers::pi * freq * static_cast<double>(i) / rate.hz + phase));
    return out;
}

TEST(Loudness, OneKilohertzSineAtMinus20DbfsIsMinus20Lufs) {
    // A 997 Hz sine at -20 dBFS peak in both channels reads -20 LUFS (BS.1770's calibration).
    const auto reading = measure_loudness(sine(SampleRate(48000), 997.0, 0.1, 0.0, 5.0));
    EXPECT_NEAR(reading.integrated_lufs, -20.0, 0.1);
    EXPECT_NEAR(reading.sample_peak_dbfs, -20.0, 0.05);
}

TEST(Loudness, ChangesOneForOneWithGain) {
    const double a = integrated_loudness(sine(SampleRate(44100), 440.0, 0.2, 0.0, 3.0));
    const double b = integrated_loudness(sine(SampleRate(44100), 440.0, 0.1, 0.0, 3.0));
    EXPECT_NEAR(a - b, 20.0 * std::log10(2.0), 0.01);
}

TEST(Loudness, TruePeakSeesInterSamplePeaks) {
    // fs/4 at 45 degrees: every sample is at 0.707 of the waveform's real peak.
    const auto reading = measure_loudness(sine(SampleRate(48000), 12000.0, 1.0, std::numbers::pi / 4, 1.0));
    EXPECT_NEAR(reading.sample_peak_dbfs, -3.01, 0.05);
    EXPECT_GT(reading.true_peak_dbtp, -0.5);
}

TEST(Loudness, SilenceIsMinusInfinityNotNan) {
    const auto reading = measure_loudness(AudioBuffer(SampleRate(48000), 2, 48000));
    EXPECT_TRUE(std::isinf(reading.integrated_lufs) && reading.integrated_lufs < 0);
    EXPECT_TRUE(std::isinf(reading.true_peak_dbtp) && reading.true_peak_dbtp < 0);
    const auto empty = measure_loudness(AudioBuffer());
    EXPECT_FALSE(std::isnan(empty.integrated_lufs));
}

TEST(Loudness, StreamingEqualsOneShot) {
    const auto audio = sine(SampleRate(22050), 330.0, 0.3, 0.0, 2.0);
    LoudnessMeter meter(audio.rate, 2);
    for (std::size_t first = 0; first < audio.frames(); first += 1000) meter.add(audio, first, 1000);
    EXPECT_DOUBLE_EQ(meter.integrated_lufs(), measure_loudness(audio).integrated_lufs);
}

// A level that moves over seconds, so that dropping or doubling gating blocks shows.
AudioBuffer swelling(SampleRate rate, double seconds) {
    AudioBuffer out = sine(rate, 220.0, 1.0, 0.0, seconds);
    for (auto& ch : out.channels)
        for (std::size_t i = 0; i < ch.size(); ++i)
            ch[i] *= static_cast<float>(0.02 + 0.3 * std::pow(std::sin(static_cast<double>(i) / rate.hz), 2.0));
    return out;
}

// Meters over consecutive parts, each started `pre_roll_hops` 100 ms hops before its part.
double parts_loudness(const AudioBuffer& audio, std::size_t part, std::size_t pre_roll_hops) {
    const auto hop = static_cast<std::size_t>((audio.rate.hz + 5) / 10);
    std::vector<LoudnessMeter> meters;
    for (std::size_t first = 0; first < audio.frames(); first += part) {
        const std::size_t from = first - std::min(first, pre_roll_hops * hop);
        meters.emplace_back(audio.rate, audio.channel_count(), false);
        meters.back().add(audio, from, std::min(audio.frames(), first + part) - from);
    }
    return LoudnessMeter::integrated_lufs_of(meters);
}

TEST(Loudness, PartsWithThreeHopsOfPreRollTileTheWholeSignalsBlocks) {
    for (const int hz : {44100, 48000}) {
        const SampleRate rate(hz);
        const AudioBuffer audio = swelling(rate, 12.0);
        const double whole = integrated_loudness(audio);
        const auto part = static_cast<std::size_t>(20 * ((hz + 5) / 10));  // 2 s parts
        EXPECT_NEAR(parts_loudness(audio, part, 3), whole, 0.002) << hz;
        // Without the pre-roll the blocks across each seam are missing; with more, counted twice.
        EXPECT_GT(std::abs(parts_loudness(audio, part, 0) - whole), 0.01) << hz;
        EXPECT_GT(std::abs(parts_loudness(audio, part, 6) - whole), 0.01) << hz;
    }
}

}  // namespace
}  // namespace tunesmith
