// Tests for src/accompany/beat_patterns.cpp: the corpus table is read and checked, a slow line of
// sixteenths is likelier on its own beats than on twice as many, and pauses are not charged.
#include "accompany/beat_patterns.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/data_dir.h"
#include "base/error.h"

namespace tunesmith {
namespace {

BeatPatterns corpus_patterns() { return load_beat_patterns(default_data_dir()); }

std::vector<double> steady_beats(double bpm, int count, double start = 0.5) {
    std::vector<double> beats;
    for (int i = 0; i < count; ++i) beats.push_back(start + 60.0 / bpm * i);
    return beats;
}

// Beats and the points halfway between them: the same line read at twice its tempo.
std::vector<double> doubled(const std::vector<double>& beats) {
    std::vector<double> out;
    for (std::size_t i = 0; i + 1 < beats.size(); ++i) out.push_back(beats[i]), out.push_back(0.5 * (beats[i] + beats[i + 1]));
    out.push_back(beats.back());
    return out;
}

// Onsets on the given places of each beat from `from` to `to` (beat indices).
std::vector<double> line_on(const std::vector<double>& beats, std::size_t from, std::size_t to,
                            std::initializer_list<double> places) {
    std::vector<double> onsets;
    for (std::size_t b = from; b < to && b + 1 < beats.size(); ++b)
        for (double place : places) onsets.push_back(beats[b] + place * (beats[b + 1] - beats[b]));
    return onsets;
}

TEST(BeatPatterns, ReadsTheCorpusTableAndRejectsBadOnes) {
    const BeatPatterns patterns = corpus_patterns();
    ASSERT_EQ(patterns.slots, 8);
    ASSERT_EQ(patterns.log_share.size(), 256u);
    // A note on the beat alone is commoner than one on the second sixteenth alone (slot 2).
    EXPECT_GT(patterns.log_share[1], patterns.log_share[4]);
    const auto table = [](const std::string& text) { return beat_patterns_from_json(nlohmann::json::parse(text), "t"); };
    EXPECT_NO_THROW(table(R"({"slots_per_beat": 1, "max_gap_s": 1, "pattern_share": [0.5, 0.5]})"));
    EXPECT_THROW(table(R"({"slots_per_beat": 1, "max_gap_s": 1, "pattern_share": [0.5, 0.2, 0.3]})"), InputError);
    EXPECT_THROW(table(R"({"slots_per_beat": 1, "max_gap_s": 1, "pattern_share": [0.5, 0]})"), InputError);
    EXPECT_THROW(table(R"({"slots_per_beat": 1, "max_gap_s": 0, "pattern_share": [0.5, 0.5]})"), InputError);
    EXPECT_THROW(table(R"({"slots_per_beat": 12, "max_gap_s": 1, "pattern_share": [0.5, 0.5]})"), InputError);
    EXPECT_THROW(table(R"({"max_gap_s": 1, "pattern_share": [0.5, 0.5]})"), InputError);
    try {
        table(R"({"slots_per_beat": 1, "max_gap_s": 1, "pattern_share": [0.5, -1]})");
        FAIL() << "a negative share was taken";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("pattern_share"), std::string::npos) << e.what();
    }
}

// A ballad's beats in turn: two eighths, an eighth and two sixteenths, two eighths, four sixteenths.
// Each sixteenth beat alone reads as well or better as two eighth-note beats of twice the tempo (so
// the place profile prefers double time); the plain eighth beats tell the tempo.
TEST(BeatPatternLogLikelihood, ASlowSixteenthLineIsLikelierOnItsOwnBeatsThanAtDoubleTime) {
    const BeatPatterns patterns = corpus_patterns();
    const auto beats = steady_beats(60.0, 33);
    std::vector<double> onsets;
    for (std::size_t b = 0; b < 32; b += 4)
        for (const auto& line : {line_on(beats, b, b + 1, {0.0, 0.5}), line_on(beats, b + 1, b + 2, {0.0, 0.5, 0.75}),
                                 line_on(beats, b + 2, b + 3, {0.0, 0.5}), line_on(beats, b + 3, b + 4, {0.0, 0.25, 0.5, 0.75})})
            onsets.insert(onsets.end(), line.begin(), line.end());
    EXPECT_GT(beat_pattern_log_likelihood(beats, onsets, patterns),
              beat_pattern_log_likelihood(doubled(beats), onsets, patterns) + 10.0);
}

TEST(BeatPatternLogLikelihood, EmptyBeatsInAPauseAreNotCharged) {
    const BeatPatterns patterns = corpus_patterns();
    const auto beats = steady_beats(60.0, 40);
    const auto first = line_on(beats, 2, 10, {0.0, 0.5});
    const auto second = line_on(beats, 20, 30, {0.0, 0.5});  // after a 10-beat pause
    std::vector<double> both = first;
    both.insert(both.end(), second.begin(), second.end());
    EXPECT_NEAR(beat_pattern_log_likelihood(beats, both, patterns),
                beat_pattern_log_likelihood(beats, first, patterns) + beat_pattern_log_likelihood(beats, second, patterns), 1e-9);
    // Onsets outside the grid are not scored; a grid of fewer than two beats scores nothing.
    EXPECT_DOUBLE_EQ(beat_pattern_log_likelihood(std::vector<double>{0.5}, both, patterns), 0.0);
}

}  // namespace
}  // namespace tunesmith
