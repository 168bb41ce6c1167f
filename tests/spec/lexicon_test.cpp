#include "spec/lexicon.h"

#include <gtest/gtest.h>

#include "spec/value_parsers.h"
#include "spec_test_support.h"

namespace tunesmith {
namespace {

using nlohmann::json;
using testing::error_message;
using testing::project_lexicon;

json minimal_lexicon() {
    return json::parse(R"({
      "defaults": {"major_key": "C major", "minor_key": "A minor", "neutral_key": "C major", "bpm": 100},
      "genres": {"rock": {"bpm": [100, 160], "typical_bpm": 120}},
      "moods": {"dark": {"valence": -0.7, "arousal": 0.4}},
      "instruments": {"bass": ["bass guitar"]},
      "tempo_words": {"slow": 70}, "energy_words": {"quiet": {"level": 0.2}},
      "build_words": ["build"], "fade_out_words": ["fade out"], "big_finish_words": ["big finish"],
      "hit_words": {"hit": "hit"}, "section_words": {"intro": 0.3}, "filler": ["the"]
    })");
}

TEST(Lexicon, ProjectLexiconLoadsAndMapsSynonyms) {
    const Lexicon& lex = project_lexicon();
    auto group = [&](const char* phrase) {
        const PhraseMeaning* m = lex.find(normalize_phrase(phrase));
        return m && m->kind == PhraseKind::instrument ? m->value : std::string("(none)");
    };
    EXPECT_EQ(group("violins"), "strings");
    EXPECT_EQ(group("cello"), "strings");
    EXPECT_EQ(group("horns"), "brass");
    EXPECT_EQ(group("flute"), "woodwinds");
    EXPECT_EQ(group("synth pads"), "pad");
    EXPECT_EQ(group("percussion"), "drums");
    EXPECT_EQ(group("keys"), "piano");
    EXPECT_EQ(group("voices"), "choir");
    for (const auto& g : instrument_groups()) EXPECT_EQ(group(g.c_str()), g);
    EXPECT_EQ(lex.find("drum and bass")->kind, PhraseKind::genre);
    EXPECT_EQ(lex.find("lo fi")->value, "lofi");
    ASSERT_NE(lex.genre("waltz"), nullptr);
    EXPECT_EQ(lex.genre("waltz")->meter, (Meter{3, 4}));
}

TEST(Lexicon, MinimalDocumentParses) {
    const Lexicon lex = parse_lexicon(minimal_lexicon(), "test.json");
    EXPECT_EQ(lex.find("bass guitar")->value, "bass");
    EXPECT_EQ(lex.longest_phrase, 2u);
}

TEST(Lexicon, ErrorsNameFileAndField) {
    json bad = minimal_lexicon();
    bad["genres"]["rock"]["bpm"] = json::array({100, 900});
    EXPECT_NE(error_message([&] { parse_lexicon(bad, "lex.json"); }).find("lex.json: genres.rock.bpm[1]"), std::string::npos);
    json dup = minimal_lexicon();
    dup["genres"]["bass"] = json{{"bpm", {60, 90}}, {"typical_bpm", 70}};
    EXPECT_NE(error_message([&] { parse_lexicon(dup, "lex.json"); }).find("listed only once"), std::string::npos);
    json group = minimal_lexicon();
    group["instruments"]["kazoo"] = json::array();
    EXPECT_NE(error_message([&] { parse_lexicon(group, "lex.json"); }).find("instruments.kazoo"), std::string::npos);
    json missing = minimal_lexicon();
    missing.erase("moods");
    EXPECT_NE(error_message([&] { parse_lexicon(missing, "lex.json"); }).find("lex.json: moods"), std::string::npos);
    EXPECT_NE(error_message([] { load_lexicon("/nonexistent"); }).find("lexicon.json"), std::string::npos);
}

TEST(Lexicon, GenresMayTakeDecades) {
    EXPECT_TRUE(project_lexicon().genre("funk")->has_decades);
    EXPECT_FALSE(project_lexicon().genre("trailer")->has_decades);
    json bad = minimal_lexicon();
    bad["genres"]["rock"]["decades"] = "yes";
    EXPECT_NE(error_message([&] { parse_lexicon(bad, "lex.json"); }).find("genres.rock.decades"), std::string::npos);
}

}  // namespace
}  // namespace tunesmith
