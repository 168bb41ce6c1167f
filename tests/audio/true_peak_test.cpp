// Tests for audio/true_peak.cpp: the pruned search finds exactly what filtering every sample
// finds, the history before a range counts, and the meter agrees with libebur128's true peak.
#include "audio/true_peak.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "audio/loudness.h"
#include "base/random.h"

namespace tunesmith {
namespace {

// Noise bursts of varying level with a few sharp clicks: peaks sit in a few places.
AudioBuffer bursts(int rate, double seconds, std::uint64_t seed) {
    Rng rng(seed);
    AudioBuffer out(SampleRate(rate), 2, static_cast<std::size_t>(seconds * rate));
    for (auto& channel : out.channels) {
        for (std::size_t i = 0; i < channel.size(); ++i) {
            const double level = 0.05 + 0.4 * (0.5 + 0.5 * std::sin(static_cast<double>(i) * 3e-4));
            channel[i] = static_cast<float>(level * (2.0 * rng.uniform() - 1.0));
        }
        for (int click = 0; click < 5; ++click) {
            const auto at = static_cast<std::size_t>(rng.uniform() * static_cast<double>(channel.size() - 2));
            channel[at] = 0.9f;
            channel[at + 1] = -0.9f;  // an inter-sample overshoot between the two
        }
    }
    return out;
}

double unpruned_peak(const AudioBuffer& audio, std::size_t first, std::size_t last) {
    const TruePeakFilter filter(audio.rate.hz);
    double peak = 0.0;
    for (const auto& channel : audio.channels) {
        peak = std::max(peak, filter.peak(channel, first, last));
        for (std::size_t i = first; i < last; ++i) peak = std::max(peak, static_cast<double>(std::abs(channel[i])));
    }
    return peak;
}

TEST(TruePeak, PrunedSearchEqualsFilteringEverySample) {
    for (const int rate : {44100, 48000, 96000}) {
        const AudioBuffer audio = bursts(rate, 2.0, 7);
        const SignalPeaks peaks = signal_peaks(audio);
        EXPECT_DOUBLE_EQ(peaks.true_peak, unpruned_peak(audio, 0, audio.frames())) << rate;
        EXPECT_GT(peaks.true_peak, peaks.sample) << rate;
    }
}

TEST(TruePeak, RangeReadsTheFramesBeforeItAsHistory) {
    // An overshoot whose newest input is the range's first frame: only the history makes it visible.
    AudioBuffer audio(SampleRate(48000), 1, 4000);
    audio.channels[0][1999] = 0.9f;
    audio.channels[0][2000] = -0.9f;
    const SignalPeaks with_history = signal_peaks(audio, 2000, 4000);
    EXPECT_DOUBLE_EQ(with_history.true_peak, unpruned_peak(audio, 2000, 4000));
    EXPECT_GT(with_history.true_peak, 0.95);

    AudioBuffer cut(SampleRate(48000), 1, 2000);
    std::copy(audio.channels[0].begin() + 2000, audio.channels[0].end(), cut.channels[0].begin());
    EXPECT_LT(signal_peaks(cut).true_peak, with_history.true_peak);
}

TEST(TruePeak, AgreesWithLibebur128) {
    const AudioBuffer audio = bursts(48000, 3.0, 11);
    const double ours = 20.0 * std::log10(signal_peaks(audio).true_peak);
    EXPECT_NEAR(ours, measure_loudness(audio, true).true_peak_dbtp, 0.02);
}

TEST(TruePeak, SilenceAndEmptyRangesAreZero) {
    const AudioBuffer silent(SampleRate(48000), 2, 1000);
    EXPECT_EQ(signal_peaks(silent).true_peak, 0.0);
    EXPECT_EQ(signal_peaks(silent, 500, 500).sample, 0.0);
}

}  // namespace
}  // namespace tunesmith
