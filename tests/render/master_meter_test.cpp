// Tests for render/master_meter.cpp: the parallel, part-wise measurement of the master equals one
// meter over the whole master signal, whatever the thread count, with envelope and fade applied.
#include "render/master_meter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "audio/true_peak.h"

namespace tunesmith {
namespace {

constexpr int kRate = 48000;

FrameStore swelling_sum(std::size_t frames) {
    AudioBuffer audio(SampleRate(kRate), 2, frames);
    for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t i = 0; i < frames; ++i) {
            const double t = static_cast<double>(i) / kRate;
            const double level = 0.05 + 0.5 * std::pow(std::sin(0.4 * t + static_cast<double>(c)), 2.0);
            audio.channels[c][i] = static_cast<float>(level * std::sin(2.0 * std::numbers::pi * (110.0 + 50.0 * static_cast<double>(c)) * t));
        }
    FrameStore store(SampleRate(kRate), 2, frames);
    store.write(0, audio, frames);
    return store;
}

FrameStore ducking_envelope(std::size_t frames) {
    AudioBuffer env(SampleRate(kRate), 1, frames);
    for (std::size_t i = 0; i < frames; ++i)
        env.channels[0][i] = static_cast<float>(0.6 + 0.4 * std::cos(static_cast<double>(i) / kRate));
    FrameStore store(SampleRate(kRate), 1, frames);
    store.write(0, env, frames);
    return store;
}

TEST(MasterMeter, PartsInParallelEqualOneMeterOverTheWholeMaster) {
    const std::size_t frames = 32 * kRate;  // three parts of at most 15 s
    const FrameStore sum = swelling_sum(frames);
    const FrameStore envelope = ducking_envelope(frames);
    const MasterSignal master{&sum, &envelope, 1.7, EndFade{frames - 1000, 2 * kRate}};

    AudioBuffer whole, scratch;
    master.read(0, master.fade.length, whole, scratch);
    const LoudnessReading reference = measure_loudness(whole, false);
    const double reference_true_peak = 20.0 * std::log10(signal_peaks(whole).true_peak);

    for (const int threads : {1, 2, 3}) {
        const LoudnessReading reading = measure_master(master, threads);
        EXPECT_NEAR(reading.integrated_lufs, reference.integrated_lufs, 0.002) << threads;
        EXPECT_DOUBLE_EQ(reading.sample_peak_dbfs, reference.sample_peak_dbfs) << threads;
        EXPECT_DOUBLE_EQ(reading.true_peak_dbtp, reference_true_peak) << threads;
        const LoudnessReading again = measure_master(master, 1);
        EXPECT_EQ(reading.integrated_lufs, again.integrated_lufs) << "the thread count changed the value";
    }
}

TEST(MasterMeter, EndFadeReachesZeroAtTheLastFrame) {
    const EndFade fade{1000, 100};
    EXPECT_EQ(fade.at(0), 1.0f);
    EXPECT_EQ(fade.at(899), 1.0f);
    EXPECT_LT(fade.at(950), 1.0f);
    EXPECT_EQ(fade.at(999), 0.0f);
}

TEST(MasterMeter, SilenceReadsMinusInfinity) {
    const FrameStore sum(SampleRate(kRate), 2, kRate);
    const LoudnessReading reading = measure_master(MasterSignal{&sum, nullptr, 1.0, EndFade{kRate, 0}}, 2);
    EXPECT_TRUE(std::isinf(reading.integrated_lufs) && reading.integrated_lufs < 0);
    EXPECT_TRUE(std::isinf(reading.true_peak_dbtp) && reading.true_peak_dbtp < 0);
}

}  // namespace
}  // namespace tunesmith
