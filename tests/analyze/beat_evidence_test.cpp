// Tests for analyze/beat_evidence: harmonic novelty peaks where the chord changes and stays low
// inside a held chord; silence gives none.
#include "analyze/beat_evidence.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "../../eval/test_signals.h"

namespace tunesmith {
namespace {

constexpr SampleRate kRate{22050};

TEST(BeatEvidence, HarmonicNoveltyPeaksAtChordChanges) {
    std::vector<float> audio(signals::index_of(8.5, kRate), 0.0f);
    const std::vector<Chord> chords{{0, ChordQuality::major}, {9, ChordQuality::minor},
                                    {5, ChordQuality::major}, {7, ChordQuality::major}};
    // Stabs every 0.5 s (same onset strength everywhere), the chord changing every 2 s.
    for (int i = 0; i < 16; ++i)
        signals::add_chord(audio, kRate, 0.25 + 0.5 * i, 0.45, chords[static_cast<std::size_t>(i / 4)], 0.12);
    const OnsetEnvelope envelope = onset_envelope(audio, kRate);
    const std::vector<double> novelty = harmonic_novelty(compute_chroma(audio, kRate), envelope);
    ASSERT_EQ(novelty.size(), envelope.frames());
    const auto at = [&](double seconds) {
        const auto f = static_cast<std::size_t>(seconds * envelope.frames_per_second());
        const auto lo = novelty.begin() + static_cast<std::ptrdiff_t>(f - 5);
        return *std::max_element(lo, lo + 11);  // +-50 ms
    };
    for (double change : {2.25, 4.25, 6.25}) {
        EXPECT_GT(at(change), 2.0) << "at " << change << " s";
        // The stab half a bar later (same chord) carries far less novelty.
        EXPECT_LT(at(change + 1.0), 0.5 * at(change)) << "at " << change + 1.0 << " s";
    }
}

TEST(BeatEvidence, SilenceGivesNoNovelty) {
    const std::vector<float> silence(static_cast<std::size_t>(kRate.hz) * 3, 0.0f);
    const OnsetEnvelope envelope = onset_envelope(silence, kRate);
    const std::vector<double> novelty = harmonic_novelty(compute_chroma(silence, kRate), envelope);
    EXPECT_EQ(novelty.size(), envelope.frames());
    EXPECT_TRUE(std::all_of(novelty.begin(), novelty.end(), [](double v) { return v == 0.0; }));
}

}  // namespace
}  // namespace tunesmith

namespace tunesmith {
namespace {

// Noise clicks (a hat or snare) against decaying low tones (a piano's left hand), 4 s at 44.1 kHz.
std::vector<float> attacks(bool noisy) {
    const int rate = 44100;
    std::vector<float> x(static_cast<std::size_t>(4 * rate), 0.0f);
    std::uint64_t state = 12345;
    for (int hit = 0; hit < 16; ++hit) {
        const auto at = static_cast<std::size_t>(hit * rate / 4);
        for (std::size_t i = 0; i < 6000 && at + i < x.size(); ++i) {
            const double decay = std::exp(-static_cast<double>(i) / 1500.0);
            double v = 0.3 * std::sin(2.0 * std::numbers::pi * 196.0 * static_cast<double>(i) / rate) * decay;
            if (noisy) {
                state = state * 6364136223846793005ull + 1442695040888963407ull;
                v += 0.3 * (static_cast<double>(state >> 40) / 8388608.0 - 1.0) * std::exp(-static_cast<double>(i) / 300.0);
            }
            x[at + i] += static_cast<float>(v);
        }
    }
    return x;
}

TEST(OnsetBrightness, NoisyAttacksAreBrightTonalOnesAreNot) {
    const SampleRate rate(44100);
    const std::vector<float> noisy = attacks(true), tonal = attacks(false);
    const double bright = onset_brightness(onset_envelope(noisy, rate), noisy, rate);
    const double dull = onset_brightness(onset_envelope(tonal, rate), tonal, rate);
    EXPECT_GT(bright, 1.0);
    EXPECT_LT(dull, 0.7);
    const std::vector<float> silence(44100, 0.0f);
    EXPECT_EQ(onset_brightness(onset_envelope(silence, rate), silence, rate), 0.0);
    // The bands of one pass give the same brightness as a second pass over the recording.
    const OnsetBands bands = onset_bands(noisy, rate);
    EXPECT_EQ(onset_brightness(bands.whole, bands.high), bright);
}

TEST(MidbeatRatio, HalfBeatsAsStrongAsBeatsGiveOneEmptyOnesZero) {
    OnsetEnvelope envelope;
    envelope.rate = SampleRate(44100);
    envelope.hop = 441;
    envelope.values.assign(1000, 0.0f);
    std::vector<Samples> beats;
    for (std::size_t f = 100; f < 900; f += 80) {
        envelope.values[f] = 1.0f;
        beats.push_back(Samples(static_cast<std::int64_t>(f) * 441));
    }
    EXPECT_EQ(midbeat_ratio(envelope, beats), 0.0);
    for (std::size_t f = 141; f < 900; f += 80) envelope.values[f] = 0.5f;  // a frame off the midpoint
    EXPECT_NEAR(midbeat_ratio(envelope, beats), 0.5, 1e-9);
    for (std::size_t f = 140; f < 900; f += 80) envelope.values[f] = 1.0f;
    EXPECT_NEAR(midbeat_ratio(envelope, beats), 1.0, 1e-9);
    EXPECT_EQ(midbeat_ratio(envelope, std::span(beats).first(1)), 0.0);
}

}  // namespace
}  // namespace tunesmith
