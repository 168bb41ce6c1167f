// Tests for rights/melody_line: the skyline keeps the top voice, the features ignore
// transposition and tempo, and the duration-ratio classes are round(2 * log2(ratio)).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "melody_disguise.h"
#include "rights/melody_line.h"

namespace tunesmith {
namespace {

TEST(MelodyLine, SkylineKeepsTheTopVoiceAndMeasuresIois) {
    const std::vector<Note> notes = {{Ticks(0), Ticks(960), 48, 80}, {Ticks(0), Ticks(480), 67, 80},
                                     {Ticks(480), Ticks(480), 69, 80}, {Ticks(1440), Ticks(240), 71, 80}};
    const MelodyLine line = melody_line(notes);
    EXPECT_EQ(line.pitches, (std::vector<std::uint8_t>{67, 69, 71}));
    EXPECT_EQ(line.iois, (std::vector<std::uint16_t>{6, 12, 3}));  // twelfths of a quarter
    const MelodyFeatures f = melody_features(line);
    EXPECT_EQ(f.intervals, (std::vector<std::int8_t>{2, 2}));
    EXPECT_EQ(f.ratios, (std::vector<std::int8_t>{2, -4}));  // 2 * log2(12/6), 2 * log2(3/12)
}

TEST(MelodyLine, FeaturesIgnoreTranspositionAndTempo) {
    const MelodyLine a = testing_disguise::random_melody(40, Rng(1));
    MelodyLine b = a;
    for (auto& p : b.pitches) p = static_cast<std::uint8_t>(p + 7);
    for (auto& d : b.iois) d = static_cast<std::uint16_t>(d * 3);
    EXPECT_EQ(melody_features(a).intervals, melody_features(b).intervals);
    EXPECT_EQ(melody_features(a).ratios, melody_features(b).ratios);
}

TEST(MelodyLine, TranscribedNotesUseHalfASecondPerQuarter) {
    const MelodyLine line = melody_line(std::vector<TimedPitch>{{0.0, 0.5, 60}, {0.5, 0.25, 64}, {0.75, 0.25, 62}});
    EXPECT_EQ(line.pitches, (std::vector<std::uint8_t>{60, 64, 62}));
    EXPECT_EQ(line.iois, (std::vector<std::uint16_t>{12, 6, 6}));
}

TEST(MelodyLine, RatioClassesAreRoundedHalfOctaves) {
    // The classes come from comparisons with precomputed boundaries (no log2 per step): they must
    // equal the definition for every pair of IOIs a melody line can hold.
    int checked = 0;
    for (int a = 1; a <= 192; ++a) {
        for (int b = 1; b <= 192; b += (a % 7 == 0 ? 1 : 5)) {
            MelodyLine line;
            line.pitches = {60, 62};
            line.iois = {static_cast<std::uint16_t>(a), static_cast<std::uint16_t>(b)};
            const double exact = 2.0 * std::log2(static_cast<double>(b) / static_cast<double>(a));
            const int expected = std::clamp(static_cast<int>(std::lround(exact)), -4, 4);
            ASSERT_EQ(melody_features(line).ratios.at(0), expected) << a << " -> " << b;
            ++checked;
        }
    }
    EXPECT_GT(checked, 5000);
}

}  // namespace
}  // namespace tunesmith
