// Tests for src/compose/harmonic_rhythm.cpp: the corpus table loads, reads as harmonic rhythm
// (changes at bar lines, more after a whole bar), and malformed tables name their field.
#include "compose/harmonic_rhythm.h"

#include <gtest/gtest.h>

#include "base/data_dir.h"
#include "base/error.h"

namespace tunesmith {
namespace {

TEST(HarmonicRhythm, CorpusChangesChordsOnBarLinesAfterABar) {
    const HarmonicRhythm rhythm = load_harmonic_rhythm(default_data_dir());
    ASSERT_EQ(rhythm.max_age(), 16);
    EXPECT_NE(rhythm.source.find("POP909"), std::string::npos);
    // A chord that has lasted one 4/4 bar usually changes on the next bar line, rarely inside the bar.
    EXPECT_GT(rhythm.change_probability(MetricLevel::bar, 4), 0.6);
    EXPECT_LT(rhythm.change_probability(MetricLevel::half_bar, 2), 0.4);
    EXPECT_LT(rhythm.change_probability(MetricLevel::beat, 1), 0.05);
    EXPECT_GT(rhythm.change_probability(MetricLevel::bar, 4), rhythm.change_probability(MetricLevel::half_bar, 4));
    // Ages are clamped to the table.
    EXPECT_DOUBLE_EQ(rhythm.change_probability(MetricLevel::bar, 40), rhythm.change_probability(MetricLevel::bar, 16));
    EXPECT_DOUBLE_EQ(rhythm.change_probability(MetricLevel::bar, 0), rhythm.change_probability(MetricLevel::bar, 1));
}

TEST(HarmonicRhythm, MalformedTablesNameTheField) {
    const nlohmann::json level = {{"beats", {10, 10}}, {"changes", {5, 1}}};
    const nlohmann::json good = {{"bar", level}, {"half_bar", level}, {"beat", level}};
    EXPECT_NO_THROW(harmonic_rhythm_from_json(good, "t"));
    nlohmann::json missing = good;
    missing.erase("beat");
    try {
        harmonic_rhythm_from_json(missing, "t");
        FAIL() << "a table without the beat level was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("beat"), std::string::npos) << e.what();
    }
    nlohmann::json uneven = good;
    uneven["half_bar"]["changes"] = {1, 2, 3};
    EXPECT_THROW(harmonic_rhythm_from_json(uneven, "t"), InputError);
    nlohmann::json impossible = good;
    impossible["bar"]["changes"] = {11, 0};
    EXPECT_THROW(harmonic_rhythm_from_json(impossible, "t"), InputError);
    EXPECT_THROW(load_harmonic_rhythm("/nonexistent"), InputError);
}

}  // namespace
}  // namespace tunesmith
