// Tests for src/accompany/sung_repeats.cpp: a figure that comes back (slower, as a drifting singer
// sings it, or straight after itself) is found note for note; an even run or another contour is not
// a repeat.
#include "accompany/sung_repeats.h"

#include <gtest/gtest.h>

#include <vector>

namespace tunesmith {
namespace {

struct Line {
    std::vector<double> onsets, pitches;
    void add(double t, double pitch) { onsets.push_back(t), pitches.push_back(pitch); }
};

// A dotted figure (beats: 0, 0.75, 1, 1.5, 2, 3) on a rising then falling contour, from `start` at
// `beat_s` seconds per beat.
void figure(Line& line, double start, double beat_s, double transpose = 0.0) {
    const double places[] = {0.0, 0.75, 1.0, 1.5, 2.0, 3.0};
    const double pitches[] = {60, 62, 64, 67, 64, 62};
    for (int k = 0; k < 6; ++k) line.add(start + places[k] * beat_s, pitches[k] + transpose);
}

TEST(SungRepeats, FindsAFigureSungAgainMoreSlowly) {
    Line line;
    figure(line, 0.5, 0.6);
    line.add(3.2, 55), line.add(3.5, 57), line.add(4.4, 59);  // other notes between
    figure(line, 5.0, 0.63);                                   // 5 % slower
    const auto pairs = find_repeated_onsets(line.onsets, line.pitches);
    ASSERT_EQ(pairs.size(), 6u);
    for (std::size_t k = 0; k < 6; ++k) EXPECT_EQ(pairs[k], (RepeatedOnset{k, k + 9})) << k;
}

TEST(SungRepeats, AnEvenRunIsNotAFigure) {
    Line line;
    for (int k = 0; k < 24; ++k) line.add(0.5 + 0.3 * k, 60);
    EXPECT_TRUE(find_repeated_onsets(line.onsets, line.pitches).empty());
}

TEST(SungRepeats, AnotherContourIsNotARepeatButTheRhythmAloneIs) {
    Line line;
    figure(line, 0.5, 0.6);
    figure(line, 4.0, 0.6);
    for (std::size_t k = 6; k < 12; ++k) line.pitches[k] = 72.0 - line.pitches[k];  // the contour upside down
    EXPECT_TRUE(find_repeated_onsets(line.onsets, line.pitches).empty());
    const std::vector<double> flat(line.onsets.size(), 0.0);
    EXPECT_EQ(find_repeated_onsets(line.onsets, flat).size(), 6u);
}

TEST(SungRepeats, ATransposedFigureIsARepeat) {
    Line line;
    figure(line, 0.5, 0.6);
    figure(line, 4.0, 0.6, 5.0);
    EXPECT_EQ(find_repeated_onsets(line.onsets, line.pitches).size(), 6u);
}

TEST(SungRepeats, BackToBackOccurrencesPairNoteForNoteWithoutOverlap) {
    Line line;
    figure(line, 0.5, 0.6);
    figure(line, 0.5 + 4 * 0.6, 0.6);  // straight after the first
    const auto pairs = find_repeated_onsets(line.onsets, line.pitches);
    ASSERT_EQ(pairs.size(), 6u);
    for (std::size_t k = 0; k < 6; ++k) EXPECT_EQ(pairs[k], (RepeatedOnset{k, k + 6})) << k;
}

// A short motif (a dotted rhythm on a turn, four notes) sung again after other notes is a figure.
TEST(SungRepeats, AFourNoteMotifIsAFigure) {
    Line line;
    const double places[] = {0.0, 0.75, 1.0, 2.0};
    const double pitches[] = {64, 66, 64, 59};
    for (int k = 0; k < 4; ++k) line.add(0.5 + places[k] * 0.6, pitches[k]);
    line.add(2.6, 71), line.add(3.1, 69), line.add(3.4, 76);  // other notes between
    for (int k = 0; k < 4; ++k) line.add(4.0 + places[k] * 0.62, pitches[k] + 2.0);
    const auto pairs = find_repeated_onsets(line.onsets, line.pitches);
    ASSERT_EQ(pairs.size(), 4u);
    for (std::size_t k = 0; k < 4; ++k) EXPECT_EQ(pairs[k], (RepeatedOnset{k, k + 7})) << k;
}

TEST(SungRepeats, ALoneFigureIsNoRepeat) {
    Line line;
    figure(line, 0.5, 0.6);
    EXPECT_TRUE(find_repeated_onsets(line.onsets, line.pitches).empty());
}

}  // namespace
}  // namespace tunesmith
