// Tests for the prompt parser's reading of eras, lengths, hit lists and tempo typos (found by a
// QA pass, session 9): a decade is an era, never a length; a comma list after "hits at" is all
// hits; "half a minute", "2m30s" and "120 bmp" read as meant.
#include <gtest/gtest.h>

#include <algorithm>

#include "spec/prompt_parser.h"
#include "spec/resolve.h"
#include "spec_test_support.h"

namespace tunesmith {
namespace {

using testing::project_lexicon;
using testing::read;
using testing::spec_of;

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}
bool warns_about(const PromptReading& r, const std::string& text) {
    return std::any_of(r.warnings.begin(), r.warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

TEST(PromptEras, DecadeBeforeAGenreIsAnEraAndOtherwiseSeconds) {
    const CueSpec funk = spec_of("70s funk, 20 seconds");
    EXPECT_DOUBLE_EQ(funk.length.value, 20.0);
    EXPECT_EQ(funk.style, std::vector<std::string>{"funk"});
    const auto reading = read("70s funk, 20 seconds");
    EXPECT_FALSE(warns_about(reading, "more than once"));
    EXPECT_TRUE(warns_about(reading, "era"));
    EXPECT_TRUE(has(reading.ignored_words, "70s"));

    EXPECT_DOUBLE_EQ(spec_of("90s hip hop beat").length.value, 60.0);
    EXPECT_DOUBLE_EQ(spec_of("70s soft rock").length.value, 60.0);  // one adjective between
    EXPECT_DOUBLE_EQ(spec_of("the 60s, 40 seconds").length.value, 40.0);
    EXPECT_DOUBLE_EQ(spec_of("80s style synth, 30 seconds").length.value, 30.0);
    // Outside an era reading two-digit seconds stay seconds.
    EXPECT_DOUBLE_EQ(spec_of("a 30s cue").length.value, 30.0);
    EXPECT_DOUBLE_EQ(spec_of("a 30s trailer").length.value, 30.0);  // trailer takes no decades
    EXPECT_DOUBLE_EQ(spec_of("a 20s corporate cue").length.value, 20.0);
    EXPECT_DOUBLE_EQ(spec_of("a 30s dark cinematic cue").length.value, 30.0);
    EXPECT_DOUBLE_EQ(spec_of("a 40s quiet piano cue").length.value, 40.0);
    EXPECT_DOUBLE_EQ(spec_of("ambient, 50s").length.value, 50.0);
    EXPECT_DOUBLE_EQ(spec_of("funk, 30 s").length.value, 30.0);
}

TEST(PromptEras, FourDigitAndApostropheDecadesAreEras) {
    const CueSpec retro = spec_of("retro 1980s synth pop, 30 seconds");  // was length_s 1980, exit 2
    EXPECT_DOUBLE_EQ(retro.length.value, 30.0);
    // "80s" has a style in the lexicon (synthwave); "1980s" and "'80s" find it too.
    EXPECT_TRUE(has(retro.style, "synthwave"));
    EXPECT_TRUE(has(retro.style, "pop"));
    EXPECT_TRUE(has(spec_of("'80s ballad, 45 seconds").style, "synthwave"));
    EXPECT_DOUBLE_EQ(spec_of("'70s cue").length.value, 60.0);
    EXPECT_DOUBLE_EQ(spec_of("70's rock, 25 s").length.value, 25.0);
    EXPECT_DOUBLE_EQ(spec_of("\u201970s piano").length.value, 60.0);  // curly apostrophe
    EXPECT_DOUBLE_EQ(spec_of("2010s pop").length.value, 60.0);
}

TEST(PromptHitLists, CommaListAfterHitsAtIsAllHits) {
    const CueSpec spec = spec_of("tense synth, hits at 10s, 20s and 45s");
    EXPECT_EQ(spec.hits, (std::vector<HitSpec>{{Seconds(10.0), "hit"}, {Seconds(20.0), "hit"}, {Seconds(45.0), "hit"}}));
    EXPECT_DOUBLE_EQ(spec.length.value, 60.0);
    EXPECT_EQ(spec_of("hits at 10s, 20s, and 30s").hits.size(), 3u);
    EXPECT_EQ(spec_of("hits at 0:10, 0:20, 0:30").hits.size(), 3u);
    EXPECT_EQ(spec_of("impact at 10s, 20s and 40s").hits.size(), 3u);  // closed by "and": one list
    // After a closing "and", or a single hit, a comma leads to the length.
    const CueSpec closed = spec_of("hits at 10s and 20s, 45 seconds");
    EXPECT_EQ(closed.hits.size(), 2u);
    EXPECT_DOUBLE_EQ(closed.length.value, 45.0);
    const CueSpec single = spec_of("hit at 10s, 45 seconds");
    EXPECT_EQ(single.hits.size(), 1u);
    EXPECT_DOUBLE_EQ(single.length.value, 45.0);
    const CueSpec labelled = spec_of("hits at 10s, 20s, 50 seconds long");
    EXPECT_EQ(labelled.hits.size(), 2u);
    EXPECT_DOUBLE_EQ(labelled.length.value, 50.0);
    // "chorus" is not a plural: after a comma its time list needs a closing "and".
    const CueSpec chorus = spec_of("chorus at 0:20, 40 seconds");
    EXPECT_EQ(chorus.sections.size(), 1u);
    EXPECT_DOUBLE_EQ(chorus.length.value, 40.0);
    // A full stop ends the list.
    EXPECT_EQ(spec_of("hits at 10s. 20 seconds").hits.size(), 1u);
}

TEST(PromptLengths, HalfMinutesAndCompactMinutesSeconds) {
    EXPECT_DOUBLE_EQ(spec_of("half a minute").length.value, 30.0);
    EXPECT_DOUBLE_EQ(spec_of("a half-minute sting").length.value, 30.0);
    EXPECT_DOUBLE_EQ(spec_of("a minute and a half").length.value, 90.0);
    EXPECT_DOUBLE_EQ(spec_of("one and a half minutes").length.value, 90.0);
    EXPECT_DOUBLE_EQ(spec_of("2m30s").length.value, 150.0);
    EXPECT_DOUBLE_EQ(spec_of("calm piano, 1m15s").length.value, 75.0);
    EXPECT_DOUBLE_EQ(spec_of("2m").length.value, 120.0);
    EXPECT_DOUBLE_EQ(spec_of("a minute").length.value, 60.0);
}

TEST(PromptTempo, BmpIsReadAsBpmAndSaid) {
    const auto reading = read("rock, 120 bmp");
    ASSERT_TRUE(reading.patch.bpm);
    EXPECT_DOUBLE_EQ(*reading.patch.bpm, 120.0);
    EXPECT_TRUE(warns_about(reading, "'bmp' as 'bpm'"));
    EXPECT_DOUBLE_EQ(spec_of("tempo 96 bmp").bpm, 96.0);
    EXPECT_FALSE(warns_about(read("rock, 120 bpm"), "as 'bpm'"));
}

// Session 13 trial: "30 secnds" left the cue at the default 60 s, saying only that '30' and
// 'secnds' were not understood.
TEST(PromptTimes, AMisspeltUnitAfterANumberIsReadAsThatUnit) {
    EXPECT_DOUBLE_EQ(spec_of("uplifting corporate, 30 secnds").length.value, 30.0);
    EXPECT_TRUE(warns_about(read("uplifting corporate, 30 secnds"), "secnds -> seconds"));
    EXPECT_DOUBLE_EQ(spec_of("ambient, 2 minuets").length.value, 120.0);
    EXPECT_DOUBLE_EQ(spec_of("musique triste, 30 secondes").length.value, 30.0);
    // Only after a number, and only a slip of a unit: "a second theme" and "30 sections" stay.
    EXPECT_DOUBLE_EQ(spec_of("piano, 30 sections").length.value, 60.0);
    EXPECT_FALSE(warns_about(read("piano, 45 seconds"), "spelling corrected"));
}

}  // namespace
}  // namespace tunesmith
