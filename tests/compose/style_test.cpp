// Tests for compose/style: every shipped style file loads, bad files name the file and field,
// and choose_style picks by genre and mood words with a default.
#include "compose/style.h"

#include <gtest/gtest.h>

#include <fstream>

#include "base/error.h"
#include "spec/lexicon.h"

namespace tunesmith {
namespace {

const std::filesystem::path kData = std::filesystem::path(TUNESMITH_SOURCE_DIR) / "data";

nlohmann::json minimal_style() {
    return nlohmann::json::parse(R"({
        "name": "tiny", "match": ["tiny"],
        "layers": {"low": [{"group": "piano", "role": "pad"}],
                   "mid": [{"group": "piano", "role": "comp", "pattern": "broken"}],
                   "high": [{"group": "drums", "role": "drums"}]},
        "drums": {"light": {"kick": "X..."}, "medium": {"kick": "X.x."}, "full": {"kick": "XxXx", "snare": "..X."}}
    })");
}

TEST(Style, AllShippedStylesLoad) {
    const StyleLibrary library = load_styles(kData);
    ASSERT_GE(library.styles.size(), 12u);
    for (const char* name : {"cinematic", "ambient", "pop", "rock", "electronic", "lofi", "jazz", "folk",
                             "orchestral", "piano", "corporate", "tension"}) {
        const Style* style = library.find(name);
        ASSERT_NE(style, nullptr) << name;
        EXPECT_FALSE(style->match.empty()) << name;
        EXPECT_LE(style->tempo_min, style->tempo_max) << name;
        for (const auto& tier : style->layers) EXPECT_FALSE(tier.empty()) << name;
        EXPECT_FALSE(style->lead.empty()) << name;
        // Layering rises with energy: the high tier has at least as many layers as the low one.
        EXPECT_GE(style->layers[2].size(), style->layers[0].size()) << name;
    }
}

TEST(Style, RoundTripsThroughJson) {
    const Style a = style_from_json(minimal_style(), "tiny.json");
    const Style b = style_from_json(to_json(a), "tiny.json");
    EXPECT_EQ(to_json(a), to_json(b));
    EXPECT_EQ(a.layers[1].front().pattern, "broken");
    EXPECT_EQ(a.drums.grooves[2].steps, 4);
}

void expect_error(const nlohmann::json& j, const std::string& field_part) {
    try {
        (void)style_from_json(j, "styles/bad.json");
        FAIL() << "no error for " << field_part;
    } catch (const InputError& e) {
        EXPECT_NE(e.field().find("styles/bad.json"), std::string::npos) << e.what();
        EXPECT_NE(e.field().find(field_part), std::string::npos) << e.what();
    }
}

TEST(Style, BadFieldsNameFileAndField) {
    auto j = minimal_style();
    j["layers"]["mid"][0]["role"] = "wobble";
    expect_error(j, "layers.mid[0].role");
    j = minimal_style();
    j["layers"]["low"][0]["group"] = "kazoo";
    expect_error(j, "layers.low[0].group");
    j = minimal_style();
    j["drums"]["full"]["snare"] = "..X";
    expect_error(j, "drums.full.snare");
    j = minimal_style();
    j["swing"] = 3;
    expect_error(j, "swing");
    j = minimal_style();
    j["harmony"] = {{"bars_per_chord", 3}};
    expect_error(j, "harmony.bars_per_chord");
    j = minimal_style();
    j["tempo_typo"] = 1;
    expect_error(j, "tempo_typo");
    j = minimal_style();
    j.erase("drums");
    expect_error(j, "drums");
}

TEST(Style, BadFileInFolderNamesTheFile) {
    const auto dir = std::filesystem::temp_directory_path() / "tunesmith_style_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "styles");
    auto j = minimal_style();
    j["layers"]["high"][0]["pattern"] = 7;
    std::ofstream(dir / "styles" / "broken.json") << j.dump();
    try {
        (void)load_styles(dir);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("styles/broken.json: layers.high[0].pattern"), std::string::npos) << e.what();
    }
    std::filesystem::remove_all(dir);
}

TEST(Style, ChoosesByGenreThenMoodWithDefault) {
    const StyleLibrary library = load_styles(kData);
    CueSpec spec;
    spec.style = {"jazz"};
    EXPECT_EQ(choose_style(library, spec).name, "jazz");
    spec.style = {"edm"};
    EXPECT_EQ(choose_style(library, spec).name, "electronic");
    spec.style = {};
    spec.mood = {"ominous", "suspense"};
    EXPECT_EQ(choose_style(library, spec).name, "tension");
    spec.mood = {"zzz-unknown"};
    EXPECT_EQ(choose_style(library, spec).name, "cinematic");
    // Deterministic: the same spec gives the same style every time.
    spec.mood = {"chill"};
    EXPECT_EQ(&choose_style(library, spec), &choose_style(library, spec));
}

// No genre silently becomes another: each lexicon genre is played by its own style file, or by the
// style its lexicon entry names (and the prompt parser reports that).
TEST(Style, EveryLexiconGenreIsPlayedByItsDeclaredStyle) {
    const StyleLibrary library = load_styles(kData);
    const Lexicon lexicon = load_lexicon(kData);
    for (const Genre& genre : lexicon.genres) {
        CueSpec spec;
        spec.style = {genre.name};
        const std::string expected = genre.style.empty() ? genre.name : genre.style;
        EXPECT_NE(library.find(expected), nullptr) << genre.name << ": no style " << expected;
        EXPECT_EQ(choose_style(library, spec).name, expected) << genre.name;
    }
}

TEST(Style, ANamedVoiceReplacesTheStylesSound) {
    const StyleLibrary library = load_styles(kData);
    const Style& rock = *library.find("rock");
    InstrumentSpec instruments;
    EXPECT_EQ(cue_instrument(rock, instruments, "guitar").program, 29);
    instruments.voices = {{"guitar", {"banjo"}}};
    const InstrumentInfo banjo = cue_instrument(rock, instruments, "guitar");
    EXPECT_EQ(banjo.program, 105);
    EXPECT_EQ(banjo.low, 48);
    // A generic name keeps the style's program when it is one of that family.
    instruments.voices = {{"guitar", {"electric_guitar"}}};
    EXPECT_EQ(cue_instrument(rock, instruments, "guitar").program, 29);
    EXPECT_EQ(cue_instrument(*library.find("pop"), instruments, "guitar").program, 27);
    // Chords sit low for a tuba, high for a glockenspiel.
    instruments.voices = {{"brass", {"tuba"}}, {"synth", {"glockenspiel"}}};
    EXPECT_LT(cue_instrument(rock, instruments, "brass").chord_low, 48);
    EXPECT_GE(cue_instrument(rock, instruments, "synth").chord_low, 72);
}

}  // namespace
}  // namespace tunesmith
