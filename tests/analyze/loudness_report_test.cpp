// Tests for src/analyze/loudness_report.cpp: the one-pass report and its pruned true peak agree with
// audio/loudness.h's libebur128 meter (which oversamples every sample) on integrated loudness and peaks.
#include "analyze/loudness_report.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <ebur128.h>
#include <gtest/gtest.h>

#include "audio/loudness.h"
#include "base/random.h"

namespace tunesmith {
namespace {

// A sine at a quarter of the rate with samples at +-45 degrees: every sample is 0.707 of the
// waveform's crest, so the true peak lies 3 dB above the sample peak, between samples.
AudioBuffer quarter_rate_sine(int rate, double seconds, double amplitude) {
    const auto frames = static_cast<std::size_t>(seconds * rate);
    AudioBuffer audio(SampleRate(rate), 1, frames);
    for (std::size_t i = 0; i < frames; ++i)
        audio.channels[0][i] = static_cast<float>(amplitude * std::sin(std::numbers::pi / 2.0 * static_cast<double>(i) +
                                                                      std::numbers::pi / 4.0));
    return audio;
}

// Stereo music-like material: a decaying chord on each beat, noise, one loud transient late on.
AudioBuffer stereo_material(int rate) {
    const auto frames = static_cast<std::size_t>(6 * rate);
    AudioBuffer audio(SampleRate(rate), 2, frames);
    Rng rng(7);
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = static_cast<double>(i) / rate;
        const double decay = std::exp(-3.0 * std::fmod(t, 0.5));
        double x = 0.0;
        for (double hz : {220.0, 277.2, 329.6, 5000.0}) x += 0.12 * decay * std::sin(2.0 * std::numbers::pi * hz * t);
        audio.channels[0][i] = static_cast<float>(x + rng.uniform(-0.02, 0.02));
        audio.channels[1][i] = static_cast<float>(0.7 * x + rng.uniform(-0.02, 0.02));
    }
    // A quarter-rate burst whose interpolated peak (0.9) lies 3 dB above its samples.
    const std::size_t at = 4 * static_cast<std::size_t>(rate);
    for (std::size_t i = 0; i < 64; ++i)
        audio.channels[1][at + i] =
            static_cast<float>(0.9 * std::sin(std::numbers::pi / 2.0 * static_cast<double>(i) + std::numbers::pi / 4.0));
    return audio;
}

TEST(LoudnessReport, TruePeakFindsTheIntersamplePeak) {
    const AudioBuffer audio = quarter_rate_sine(48000, 1.0, 0.5);
    const LoudnessReport report = loudness_report(audio);
    EXPECT_NEAR(report.sample_peak_dbfs, 20.0 * std::log10(0.5 * std::sqrt(0.5)), 0.01);
    EXPECT_NEAR(report.true_peak_dbtp, 20.0 * std::log10(0.5), 0.3);
    EXPECT_GT(report.true_peak_dbtp, report.sample_peak_dbfs + 2.5);
}

// libebur128's own short-term curve (every 0.5 s) and loudness range, fed the same way.
struct Reference {
    std::vector<double> short_term;
    double range = 0.0;
    double integrated = 0.0;
};

Reference libebur128_reference(const AudioBuffer& audio, double hop_seconds = 0.5) {
    Reference out;
    ebur128_state* state = ebur128_init(static_cast<unsigned>(audio.channel_count()),
                                        static_cast<unsigned long>(audio.rate.hz), EBUR128_MODE_I | EBUR128_MODE_LRA);
    const auto hop = static_cast<std::size_t>(std::lround(hop_seconds * audio.rate.hz));
    std::vector<float> interleaved(hop * audio.channel_count());
    for (std::size_t first = 0; first < audio.frames(); first += hop) {
        const std::size_t count = std::min(hop, audio.frames() - first);  // the last may be partial
        for (std::size_t i = 0; i < count; ++i)
            for (std::size_t c = 0; c < audio.channel_count(); ++c)
                interleaved[i * audio.channel_count() + c] = audio.channels[c][first + i];
        ebur128_add_frames_float(state, interleaved.data(), count);
        if (count < hop) break;
        double value = 0.0;
        ebur128_loudness_shortterm(state, &value);
        out.short_term.push_back(value);
    }
    ebur128_loudness_range(state, &out.range);
    ebur128_loudness_global(state, &out.integrated);
    ebur128_destroy(&state);
    return out;
}

TEST(LoudnessReport, AgreesWithTheFullLibebur128Meter) {
    for (int rate : {44100, 22050}) {
        const AudioBuffer audio = stereo_material(rate);
        const LoudnessReport report = loudness_report(audio);
        const LoudnessReading reading = measure_loudness(audio, true);
        EXPECT_NEAR(report.integrated_lufs, reading.integrated_lufs, 0.01) << rate;
        EXPECT_NEAR(report.sample_peak_dbfs, reading.sample_peak_dbfs, 0.01) << rate;
        EXPECT_NEAR(report.true_peak_dbtp, reading.true_peak_dbtp, 0.02) << rate;
        EXPECT_GT(report.true_peak_dbtp, report.sample_peak_dbfs) << rate;
        const Reference reference = libebur128_reference(audio);
        ASSERT_EQ(report.short_term_lufs.size(), reference.short_term.size()) << rate;
        EXPECT_EQ(report.short_term_lufs.size(), 12u) << rate;
        for (std::size_t i = 0; i < reference.short_term.size(); ++i)
            EXPECT_NEAR(report.short_term_lufs[i], reference.short_term[i], 0.01) << rate << " " << i;
        EXPECT_NEAR(report.loudness_range_lu, reference.range, 0.01) << rate;
    }
}

// 30 s of a chord over noise fading by 45 dB, with half a second of silence: loudness blocks at
// every level, so both gates and both percentiles of the range cut somewhere.
AudioBuffer fading_material(int rate) {
    const auto frames = static_cast<std::size_t>(30 * rate);
    AudioBuffer audio(SampleRate(rate), 2, frames);
    Rng rng(11);
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = static_cast<double>(i) / rate;
        const double gain = t >= 20.0 && t < 20.5 ? 0.0 : std::pow(10.0, -45.0 * t / 30.0 / 20.0);
        double x = 0.0;
        for (double hz : {220.0, 277.2, 329.6}) x += 0.2 * std::sin(2.0 * std::numbers::pi * hz * t);
        audio.channels[0][i] = static_cast<float>(gain * (x + rng.uniform(-0.05, 0.05)));
        audio.channels[1][i] = static_cast<float>(gain * (0.8 * x + rng.uniform(-0.05, 0.05)));
    }
    return audio;
}

// Integrated, range and the short-term curve read every hop agree with one library meter fed the
// same hops, at rates whose 100 ms is and is not a whole number of samples, and for hops that are and
// are not whole 100 ms blocks (the last hop partial).
TEST(LoudnessReport, MeasuresMatchTheLibraryAtEveryRateAndHop) {
    for (int rate : {48000, 44100, 11025}) {
        const AudioBuffer audio = fading_material(rate);
        for (double hop : {0.3, 0.25, 1.0}) {
            LoudnessReportOptions options;
            options.short_term_hop_s = hop;
            const LoudnessReport report = loudness_report(audio, options);
            const Reference reference = libebur128_reference(audio, hop);
            ASSERT_EQ(report.short_term_lufs.size(), reference.short_term.size()) << rate << " " << hop;
            for (std::size_t i = 0; i < reference.short_term.size(); ++i)
                EXPECT_NEAR(report.short_term_lufs[i], reference.short_term[i], 1e-6) << rate << " " << hop << " " << i;
            EXPECT_NEAR(report.integrated_lufs, reference.integrated, 1e-6) << rate << " " << hop;
            EXPECT_NEAR(report.loudness_range_lu, reference.range, 1e-6) << rate << " " << hop;
            EXPECT_GT(report.loudness_range_lu, 10.0) << rate << " " << hop;
        }
    }
}

TEST(LoudnessReport, SilenceIsUndefined) {
    const AudioBuffer audio(SampleRate(44100), 2, 44100 * 2);
    const LoudnessReport report = loudness_report(audio);
    EXPECT_TRUE(std::isinf(report.integrated_lufs));
    EXPECT_TRUE(std::isinf(report.true_peak_dbtp));
    EXPECT_TRUE(std::isinf(report.sample_peak_dbfs));
}

}  // namespace
}  // namespace tunesmith
