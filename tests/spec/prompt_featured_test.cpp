// Featured instruments (session 13) and added ones (session 14): "X with Y" after a genre is the
// style's band plus Y (instruments.feature or instruments.add), not Y alone; how the fields read and
// write as JSON and flags, how they are validated and merged across layers, and which prompts keep
// include's meaning.
#include <gtest/gtest.h>

#include "spec/cue_spec_json.h"
#include "spec/spec_patch.h"
#include "spec/validate.h"
#include "spec/value_parsers.h"
#include "spec/voices.h"
#include "spec_test_support.h"

namespace tunesmith {
namespace {

using testing::error_field;
using testing::error_message;
using testing::read;
using testing::resolved;
using testing::spec_of;
using Strings = std::vector<std::string>;
using Voices = std::map<std::string, std::vector<std::string>>;

std::string meaning_of(const PromptReading& reading, const std::string& text) {
    for (const auto& w : reading.used_words)
        if (w.text == text) return w.meaning;
    return "(not used)";
}

TEST(PromptFeatured, AnInstrumentWithAGenreIsAddedToTheStylesBand) {
    const CueSpec strings = spec_of("cinematic with strings");
    EXPECT_EQ(strings.style, Strings{"cinematic"});
    EXPECT_TRUE(strings.instruments.include.empty());  // was [strings]: strings alone
    EXPECT_EQ(strings.instruments.add, Strings{"strings"});  // session 14: joins the band, does not lead
    EXPECT_EQ(sounding_groups(strings.instruments).size(), instrument_groups().size());

    const CueSpec sax = spec_of("pop song with a saxophone solo");
    EXPECT_EQ(sax.style, Strings{"pop"});
    EXPECT_TRUE(sax.instruments.include.empty());  // was [woodwinds] and every other group excluded
    EXPECT_TRUE(sax.instruments.exclude.empty());
    EXPECT_EQ(sax.instruments.feature, Strings{"woodwinds"});
    EXPECT_EQ(sax.instruments.voices, (Voices{{"woodwinds", {"saxophone"}}}));
    EXPECT_FALSE(played_by_soloists(sax.instruments));
    EXPECT_EQ(meaning_of(read("pop song with a saxophone solo"), "with a saxophone solo"),
              "instruments.feature+=woodwinds (on top of the style's band); instruments.voices.woodwinds=saxophone");

    for (const char* prompt : {"jazz featuring a trumpet", "rock ballad plus a choir", "lofi beat with a flute",
                               "pop, and a saxophone solo", "upbeat funk with a solo saxophone"}) {
        const CueSpec spec = spec_of(prompt);
        EXPECT_TRUE(spec.instruments.include.empty()) << prompt;
        EXPECT_TRUE(spec.instruments.exclude.empty()) << prompt;
        EXPECT_EQ(spec.instruments.feature.size() + spec.instruments.add.size(), 1u) << prompt;
    }
}

// Session 14: after a genre a soloist (one named melodic player, or words saying "solo"/"featuring")
// carries the tune; plain groups and sections join the band and leave the tune to the style's lead.
TEST(PromptFeatured, SectionsJoinTheBandAndSoloistsCarryTheTune) {
    const CueSpec strings = spec_of("cinematic with strings");
    EXPECT_TRUE(strings.instruments.feature.empty());  // was [strings]: the strings took the tune
    EXPECT_EQ(meaning_of(read("cinematic with strings"), "with strings"),
              "instruments.add+=strings (joins the style's band; the style's lead keeps the tune)");
    EXPECT_EQ(spec_of("rock with piano and a choir").instruments.add, (Strings{"piano", "choir"}));
    EXPECT_EQ(spec_of("rock ballad plus a choir").instruments.add, Strings{"choir"});
    EXPECT_EQ(spec_of("cinematic with violins").instruments.add, Strings{"strings"});
    for (const char* prompt : {"ambient with a flute", "cinematic with a cello", "jazz featuring strings",
                               "cinematic with strings solo", "rock with a lead guitar"}) {
        const CueSpec spec = spec_of(prompt);
        EXPECT_EQ(spec.instruments.feature.size(), 1u) << prompt;
        EXPECT_TRUE(spec.instruments.add.empty()) << prompt;
    }
    EXPECT_FALSE(played_by_soloists(strings.instruments));
    // A solo joined on after the band's list plays over it ("solo cello" alone was every other group out).
    const CueSpec cello = spec_of("cinematic with strings and a solo cello, 1 minute");
    EXPECT_EQ(cello.instruments.feature, Strings{"strings"});
    EXPECT_TRUE(cello.instruments.exclude.empty());
    EXPECT_EQ(cello.instruments.voices, (Voices{{"strings", {"cello"}}}));
}

// Session 14 trial: "orchestral adventure theme, with a big brass lift at 1:15" was brass alone: an
// instrument word before a hit word colours the hit and joins the band.
TEST(PromptFeatured, AnInstrumentBeforeAHitJoinsTheBand) {
    const CueSpec lift = spec_of("orchestral adventure theme in D major, 2:00, with a big brass lift at 1:15");
    EXPECT_TRUE(lift.instruments.include.empty());
    EXPECT_TRUE(lift.instruments.exclude.empty());
    EXPECT_EQ(lift.instruments.add, Strings{"brass"});
    ASSERT_EQ(lift.hits.size(), 1u);
    EXPECT_EQ(lift.hits[0].kind, "lift");
    EXPECT_EQ(spec_of("tense, drum hit at 0:12, 30s").instruments.add, Strings{"drums"});
}

// Session 14: "pop song, saxophone solo" (no joining word) was a solo saxophone: after a genre, one
// melodic player followed by "solo" is featured over the band. Without a genre it is the player alone.
TEST(PromptFeatured, AGenreThenAPlayersSoloIsTheBandFeaturingThePlayer) {
    for (const char* prompt : {"pop song, saxophone solo", "funk groove; trumpet solo", "rock ballad, violin solo"}) {
        const CueSpec spec = spec_of(prompt);
        EXPECT_EQ(spec.instruments.feature.size(), 1u) << prompt;
        EXPECT_TRUE(spec.instruments.include.empty()) << prompt;
        EXPECT_TRUE(spec.instruments.exclude.empty()) << prompt;
        EXPECT_FALSE(played_by_soloists(spec.instruments)) << prompt;
    }
    EXPECT_EQ(spec_of("pop song, saxophone solo").instruments.voices, (Voices{{"woodwinds", {"saxophone"}}}));
    EXPECT_EQ(meaning_of(read("pop song, saxophone solo"), "saxophone solo"),
              "instruments.feature+=woodwinds (on top of the style's band); instruments.voices.woodwinds=saxophone");
    const CueSpec alone = spec_of("saxophone solo");  // no band to play over
    EXPECT_EQ(alone.instruments.include, Strings{"woodwinds"});
    EXPECT_TRUE(played_by_soloists(alone.instruments));
    EXPECT_EQ(spec_of("pop song, solo saxophone").instruments.include, Strings{"woodwinds"});  // said alone
}

TEST(PromptFeatured, RestrictingWordsKeepTheirMeaning) {
    const CueSpec both = spec_of("strings and brass");
    EXPECT_EQ(both.instruments.include, (Strings{"strings", "brass"}));
    EXPECT_TRUE(both.instruments.feature.empty());
    const CueSpec solo = spec_of("solo piano");
    EXPECT_EQ(solo.instruments.include, Strings{"piano"});
    EXPECT_EQ(solo.instruments.exclude.size(), instrument_groups().size() - 1);
    EXPECT_TRUE(solo.instruments.feature.empty());
    // Without a genre there is no band to add to; "only"/"just" and ensembles restrict as before.
    for (const char* prompt : {"piano with strings", "jazz with just piano", "jazz with piano only",
                               "cinematic with a string quartet", "cinematic strings", "jazz and piano"}) {
        const CueSpec spec = spec_of(prompt);
        EXPECT_TRUE(spec.instruments.feature.empty()) << prompt;
        EXPECT_FALSE(spec.instruments.include.empty()) << prompt;
    }
    // A later negation or include of a featured group moves it.
    EXPECT_TRUE(spec_of("pop with strings, no strings").instruments.feature.empty());
    EXPECT_TRUE(spec_of("pop with strings, no strings").instruments.add.empty());
    EXPECT_EQ(spec_of("pop with strings, no strings").instruments.exclude, Strings{"strings"});
}

TEST(PromptFeatured, JsonReadsWritesAndValidatesTheField) {
    const CueSpec spec =
        cue_spec_from_json(nlohmann::json::parse(R"({"instruments": {"feature": ["woodwinds", "percussion"]}})"));
    EXPECT_EQ(spec.instruments.feature, (Strings{"woodwinds", "drums"}));
    EXPECT_EQ(to_json(spec)["instruments"]["feature"], (nlohmann::json{"woodwinds", "drums"}));
    EXPECT_EQ(cue_spec_from_json(to_json(spec)), spec);
    // Empty: not written, so a cue without featured groups keeps its cue.json bytes.
    EXPECT_FALSE(to_json(CueSpec{})["instruments"].contains("feature"));
    EXPECT_FALSE(to_json(CueSpec{})["instruments"].contains("add"));
    const CueSpec added = cue_spec_from_json(nlohmann::json::parse(R"({"instruments": {"add": ["choir"]}})"));
    EXPECT_EQ(added.instruments.add, Strings{"choir"});
    EXPECT_EQ(cue_spec_from_json(to_json(added)), added);
    CueSpec featured_and_added;
    featured_and_added.instruments.feature = {"choir"};
    featured_and_added.instruments.add = {"choir"};
    EXPECT_EQ(error_field([&] { validate(featured_and_added); }), "instruments.add[0]");

    auto instruments = [](const char* text) { return nlohmann::json{{"instruments", nlohmann::json::parse(text)}}; };
    EXPECT_EQ(error_field([&] { cue_spec_from_json(instruments(R"({"feature": ["kazoo"]})")); }), "instruments.feature[0]");
    // Within one spec a group is in one list (layers merge per group before validation).
    CueSpec both;
    both.instruments.include = {"piano"};
    both.instruments.feature = {"strings", "piano"};
    const std::string twice = error_message([&] { validate(both); });
    EXPECT_NE(twice.find("instruments.feature[1]"), std::string::npos) << twice;
    EXPECT_NE(twice.find("at most one of include, exclude, feature and add"), std::string::npos) << twice;
    both.instruments = {{}, {"brass"}, {}, {"brass"}};
    EXPECT_EQ(error_field([&] { validate(both); }), "instruments.feature[0]");
    EXPECT_NE(error_message([&] { cue_spec_from_json(instruments(R"({"featuring": ["brass"]})")); }).find("feature"),
              std::string::npos);
}

TEST(PromptFeatured, FlagsFeatureWithAPlusAndLayersMergePerGroup) {
    const InstrumentSpec list = parse_instrument_list("+saxophone,-drums", "--instruments");
    EXPECT_EQ(list.feature, Strings{"woodwinds"});
    EXPECT_EQ(list.exclude, Strings{"drums"});
    EXPECT_TRUE(list.include.empty());
    EXPECT_EQ(list.voices, (Voices{{"woodwinds", {"saxophone"}}}));

    // A flag's include of the featured group restricts again; a flag's feature lifts a prompt's include.
    SpecPatch include_strings;
    include_strings.instruments_include = Strings{"strings"};
    const Resolution restricted = resolve_spec({"cinematic with strings", std::nullopt, include_strings},
                                               testing::project_lexicon());
    EXPECT_EQ(restricted.spec.instruments.include, Strings{"strings"});
    EXPECT_TRUE(restricted.spec.instruments.feature.empty());
    SpecPatch feature_strings;
    feature_strings.instruments_feature = Strings{"strings"};
    const Resolution featured = resolve_spec({"cinematic, strings", std::nullopt, feature_strings},
                                             testing::project_lexicon());
    EXPECT_TRUE(featured.spec.instruments.include.empty());
    EXPECT_EQ(featured.spec.instruments.feature, Strings{"strings"});
}

}  // namespace
}  // namespace tunesmith
