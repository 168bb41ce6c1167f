// Tests for render/limiter.cpp and render/dsp.cpp: the limiter holds the true-peak ceiling on
// inter-sample peaks, stays at unity on quiet material; reverb is linear (the basis of the
// linked stems); the high-pass EQ attenuates below its corner.
#include "render/limiter.h"

#include <gtest/gtest.h>

#include <cstdint>

#include <cmath>
#include <numbers>

#include "audio/loudness.h"
#include "render/dsp.h"

namespace tunesmith {
namespace {

AudioBuffer tone_bursts(SampleRate rate) {
    AudioBuffer audio(rate, 2, static_cast<std::size_t>(rate.hz * 2));
    for (std::size_t i = 0; i < audio.frames(); ++i) {
        const double t = static_cast<double>(i) / rate.hz;
        const double burst = std::fmod(t, 0.25) < 0.05 ? 1.0 : 0.2;
        // fs/4 at 45 degrees: the true peak is 3 dB above every sample.
        const double x = burst * std::sin(2 * std::numbers::pi * rate.hz / 4.0 * t + std::numbers::pi / 4);
        audio.channels[0][i] = static_cast<float>(x);
        audio.channels[1][i] = static_cast<float>(0.5 * x);
    }
    return audio;
}

TEST(Limiter, HoldsTheTruePeakCeiling) {
    const SampleRate rate(48000);
    AudioBuffer audio = tone_bursts(rate);
    const auto peaks = true_peak_envelope(audio);
    const double input_gain = 2.0;
    const auto gain = limiter_gain(peaks, input_gain, LimiterSettings{-1.0, Seconds(0.005), Seconds(0.05)}, rate);
    for (auto& ch : audio.channels)
        for (std::size_t i = 0; i < ch.size(); ++i) ch[i] *= static_cast<float>(input_gain) * gain[i];
    const auto reading = measure_loudness(audio);
    EXPECT_LE(reading.true_peak_dbtp, -0.9);
    EXPECT_GT(reading.true_peak_dbtp, -3.0);  // limited, not squashed
}

TEST(Limiter, LeavesQuietMaterialAlone) {
    const std::vector<float> peaks(1000, 0.5f);
    const auto gain = limiter_gain(peaks, 1.0, LimiterSettings{}, SampleRate(48000));
    for (float g : gain) ASSERT_FLOAT_EQ(g, 1.0f);
}

TEST(Limiter, TruePeakEnvelopeFindsTheInterSamplePeak) {
    const SampleRate rate(48000);
    AudioBuffer audio(rate, 1, 4800);
    for (std::size_t i = 0; i < audio.frames(); ++i)
        audio.channels[0][i] = static_cast<float>(std::sin(std::numbers::pi / 2 * static_cast<double>(i) + std::numbers::pi / 4));
    const auto peaks = true_peak_envelope(audio);
    EXPECT_NEAR(peaks[2400], 1.0, 0.03);
    EXPECT_NEAR(std::abs(audio.channels[0][2400]), 0.7071, 0.001);
}

// The streamed limiter must give limiter_gain's bytes whatever the block sizes.
TEST(Limiter, StreamingGivesTheSameGainsInAnyBlocks) {
    const SampleRate rate(48000);
    std::vector<float> peaks(20000);
    std::uint32_t state = 12345;
    for (float& p : peaks) {
        state = state * 1664525u + 1013904223u;
        p = static_cast<float>(state >> 8) / static_cast<float>(1u << 24) * 1.6f;
    }
    const LimiterSettings settings{-1.0, Seconds(0.005), Seconds(0.08)};
    const std::vector<float> whole = limiter_gain(peaks, 1.3, settings, rate);
    for (std::size_t block : {1u, 7u, 239u, 240u, 241u, 4096u}) {
        StreamingLimiter limiter(1.3, settings, rate);
        std::vector<float> gains;
        for (std::size_t first = 0; first < peaks.size(); first += block)
            limiter.push(peaks.data() + first, std::min(block, peaks.size() - first), gains);
        limiter.finish(gains);
        EXPECT_EQ(gains, whole) << "block " << block;
    }
}

TEST(Reverb, IsLinearSoStemSharesSumToTheSharedReverb) {
    const SampleRate rate(22050);
    std::vector<float> a(20000), b(20000), ab(20000);
    std::uint32_t seed = 1;
    for (std::size_t i = 0; i < a.size(); ++i) {
        seed = seed * 1664525u + 1013904223u;
        a[i] = i < 2000 ? static_cast<float>(seed >> 8) / 16777216.0f - 0.5f : 0.0f;
        b[i] = static_cast<float>(0.3 * std::sin(0.05 * static_cast<double>(i)));
        ab[i] = a[i] + b[i];
    }
    std::vector<float> la(a.size()), ra(a.size()), lb(a.size()), rb(a.size()), lab(a.size()), rab(a.size());
    Reverb(ReverbSettings{}, rate).process_add(a.data(), la.data(), ra.data(), a.size());
    Reverb(ReverbSettings{}, rate).process_add(b.data(), lb.data(), rb.data(), b.size());
    Reverb(ReverbSettings{}, rate).process_add(ab.data(), lab.data(), rab.data(), ab.size());
    double diff = 0.0, ref = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double d = static_cast<double>(la[i] + lb[i]) - static_cast<double>(lab[i]);
        diff += d * d;
        ref += static_cast<double>(lab[i]) * static_cast<double>(lab[i]);
    }
    ASSERT_GT(ref, 0.0);
    EXPECT_LT(10.0 * std::log10(diff / ref), -100.0);
    // It is a reverb: energy well after the burst ends.
    double late = 0.0;
    for (std::size_t i = 15000; i < 16000; ++i) late += static_cast<double>(la[i]) * static_cast<double>(la[i]);
    EXPECT_GT(late, 1e-6);
}

TEST(Biquad, HighpassAttenuatesBelowItsCorner) {
    const SampleRate rate(48000);
    auto level_after = [&](double freq) {
        std::vector<float> x(48000);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = static_cast<float>(std::sin(2 * std::numbers::pi * freq * static_cast<double>(i) / rate.hz));
        Biquad(EqBand{EqKind::highpass, 100.0, 0.0, 0.7071}, rate).process(x.data(), x.size());
        double e = 0.0;
        for (std::size_t i = 24000; i < x.size(); ++i) e += static_cast<double>(x[i]) * static_cast<double>(x[i]);
        return 10.0 * std::log10(e / 24000.0 * 2.0);
    };
    EXPECT_LT(level_after(25.0), -20.0);
    EXPECT_NEAR(level_after(1000.0), 0.0, 0.1);
    EXPECT_NEAR(level_after(100.0), -3.0, 0.3);
}

TEST(Pan, CentreIsUnityAndHardLeftSilencesTheRight) {
    EXPECT_FLOAT_EQ(pan_gains(0.0).left, 1.0f);
    EXPECT_FLOAT_EQ(pan_gains(0.0).right, 1.0f);
    EXPECT_NEAR(pan_gains(-1.0).right, 0.0f, 1e-6f);
}

}  // namespace
}  // namespace tunesmith
