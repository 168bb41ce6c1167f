// Tests for render/attack_onset.cpp: the onset of a hit's attack in silence, past a quiet lead-in,
// and over what still rings before it.
#include "render/attack_onset.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace tunesmith {
namespace {

constexpr SampleRate kRate(48000);

// Adds a 220 Hz sine of `amplitude` to both channels over [from, to).
void add_tone(std::vector<float>& left, std::vector<float>& right, std::size_t from, std::size_t to, double amplitude) {
    for (std::size_t i = from; i < to && i < left.size(); ++i) {
        const auto x = static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * 220.0 * static_cast<double>(i) / 48000.0));
        left[i] += x;
        right[i] += x;
    }
}

TEST(AttackOnset, AStepOutOfSilenceIsFoundWhereItStarts) {
    std::vector<float> left(48000, 0.0f), right(48000, 0.0f);
    add_tone(left, right, 20000, 30000, 0.5);
    const std::int64_t onset = attack_onset(left, right, 20000, kRate);
    EXPECT_GE(onset, 20000);
    EXPECT_LE(onset, 20004);
    // Looked for from 10 ms before the time asked about: a cut 5 ms off still finds it.
    EXPECT_EQ(attack_onset(left, right, 20240, kRate), onset);
    EXPECT_EQ(attack_onset(left, right, 10000, kRate), -1);  // silence all around
}

TEST(AttackOnset, AQuietLeadInIsNotTheHit) {
    std::vector<float> left(48000, 0.0f), right(48000, 0.0f);
    add_tone(left, right, 19900, 20000, 0.005);  // -40 dB of the hit: a sample's lead-in
    add_tone(left, right, 20000, 30000, 0.5);
    const std::int64_t onset = attack_onset(left, right, 20000, kRate);
    EXPECT_GE(onset, 20000);
    EXPECT_LE(onset, 20004);
}

TEST(AttackOnset, TheHitMustStandSixDecibelsOverWhatRingsBeforeIt) {
    std::vector<float> left(48000, 0.0f), right(48000, 0.0f);
    add_tone(left, right, 0, 48000, 0.1);  // a tone ringing through
    std::vector<float> soft_left = left, soft_right = right;
    add_tone(soft_left, soft_right, 20000, 30000, 0.05);  // in phase: 0.15, 3.5 dB up
    EXPECT_EQ(attack_onset(soft_left, soft_right, 20000, kRate), -1);
    add_tone(left, right, 20000, 30000, 0.4);  // 0.5: 14 dB up, past 2x the background within a few samples
    const std::int64_t onset = attack_onset(left, right, 20000, kRate);
    EXPECT_GE(onset, 20000);
    EXPECT_LE(onset, 20024);
}

}  // namespace
}  // namespace tunesmith
