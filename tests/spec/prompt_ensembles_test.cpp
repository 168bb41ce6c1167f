// Session 12 prompt words: chamber ensembles ("string quartet", "piano trio", "brass quintet") and
// several named players of one group ("violin and cello duet"), how explicit values beat them, and
// the warning when a style-arranged cue cannot give each its own track.
#include <gtest/gtest.h>

#include "spec/prompt_parser.h"
#include "spec/resolve.h"
#include "spec/value_parsers.h"
#include "spec/voices.h"
#include "spec_test_support.h"

namespace tunesmith {
namespace {

using testing::project_lexicon;
using testing::resolved;
using testing::spec_of;
using testing::warns;
using Voices = std::map<std::string, std::vector<std::string>>;

std::vector<std::string> tracks_of(const CueSpec& spec) {
    std::vector<std::string> tracks;
    for (const Player& p : cue_players(spec.instruments)) tracks.push_back(p.track);
    return tracks;
}

TEST(PromptEnsembles, EnsembleWordsExpandToTheirStandardPlayers) {
    struct Case {
        const char* prompt;
        std::vector<std::string> include;
        Voices voices;
        std::vector<std::string> tracks;
    };
    const std::vector<Case> cases{
        {"string quartet", {"strings"}, {{"strings", {"violin", "violin", "viola", "cello"}}},
         {"violin_1", "violin_2", "viola", "cello"}},
        {"string trio", {"strings"}, {{"strings", {"violin", "viola", "cello"}}}, {"violin", "viola", "cello"}},
        {"string duo", {"strings"}, {{"strings", {"violin", "cello"}}}, {"violin", "cello"}},
        {"piano trio", {"piano", "strings"}, {{"strings", {"violin", "cello"}}}, {"piano", "violin", "cello"}},
        {"piano quartet", {"piano", "strings"}, {{"strings", {"violin", "viola", "cello"}}},
         {"piano", "violin", "viola", "cello"}},
        {"piano quintet", {"piano", "strings"}, {{"strings", {"violin", "violin", "viola", "cello"}}},
         {"piano", "violin_1", "violin_2", "viola", "cello"}},
        {"brass quintet", {"brass"}, {{"brass", {"trumpet", "trumpet", "french_horn", "trombone", "tuba"}}},
         {"trumpet_1", "trumpet_2", "french_horn", "trombone", "tuba"}},
        {"woodwind quintet", {"woodwinds", "brass"},
         {{"woodwinds", {"flute", "oboe", "clarinet", "bassoon"}}, {"brass", {"french_horn"}}},
         {"french_horn", "flute", "oboe", "clarinet", "bassoon"}},
        {"wind quintet", {"woodwinds", "brass"},
         {{"woodwinds", {"flute", "oboe", "clarinet", "bassoon"}}, {"brass", {"french_horn"}}},
         {"french_horn", "flute", "oboe", "clarinet", "bassoon"}},
        // Session 13: "saxophone quartet" was one saxophone.
        {"saxophone quartet", {"woodwinds"}, {{"woodwinds", {"soprano_sax", "alto_sax", "tenor_sax", "baritone_sax"}}},
         {"soprano_sax", "alto_sax", "tenor_sax", "baritone_sax"}},
    };
    for (const Case& c : cases) {
        const Resolution r = resolved(c.prompt);
        EXPECT_EQ(r.spec.instruments.include, c.include) << c.prompt;
        EXPECT_EQ(r.spec.instruments.voices, c.voices) << c.prompt;
        EXPECT_EQ(tracks_of(r.spec), c.tracks) << c.prompt;
        EXPECT_TRUE(played_by_soloists(r.spec.instruments)) << c.prompt;
        EXPECT_TRUE(r.warnings.empty()) << c.prompt << ": " << r.warnings.front();
        const PromptReading reading = read_prompt(c.prompt, project_lexicon());
        ASSERT_EQ(reading.used_words.size(), 1u) << c.prompt;
        EXPECT_EQ(reading.used_words[0].text, c.prompt);
        EXPECT_NE(reading.used_words[0].meaning.find("played as a"), std::string::npos) << reading.used_words[0].meaning;
        EXPECT_TRUE(reading.ignored_words.empty()) << c.prompt;
    }
    EXPECT_NE(read_prompt("string quartet", project_lexicon()).used_words[0].meaning.find(
                  "instruments.voices.strings=violin,violin,viola,cello; played as a quartet"),
              std::string::npos);
}

TEST(PromptEnsembles, NamedPlayersOfOneGroupAreAChamberCue) {
    for (const char* prompt : {"violin and cello duet, 20s", "violin, viola and cello", "violin and cello",
                               "violin, viola and cello trio"}) {
        const Resolution r = resolved(prompt);
        EXPECT_TRUE(played_by_soloists(r.spec.instruments)) << prompt;
        EXPECT_EQ(r.spec.instruments.include, std::vector<std::string>{"strings"}) << prompt;
        EXPECT_FALSE(warns(r, "strings track")) << prompt;
    }
    EXPECT_EQ(spec_of("violin, viola and cello").instruments.voices, (Voices{{"strings", {"violin", "viola", "cello"}}}));
    EXPECT_EQ(tracks_of(spec_of("flute, oboe, clarinet and horn quartet")),
              (std::vector<std::string>{"french_horn", "flute", "oboe", "clarinet"}));
    // A voice with a second track still takes it when its own is asked for ("tuba and trumpet").
    EXPECT_EQ(spec_of("tuba and trumpet").instruments.voices, (Voices{{"brass", {"trumpet"}}, {"bass", {"tuba"}}}));
    // "no string quartet" leaves out the group its players would play on.
    EXPECT_EQ(spec_of("cinematic, no string quartet").instruments.exclude, std::vector<std::string>{"strings"});
}

TEST(PromptEnsembles, ExplicitInstrumentsBeatEnsembleWords) {
    SpecPatch flags;
    const InstrumentSpec listed = parse_instrument_list("cello", "--instruments");
    flags.instruments_include = listed.include;
    flags.instruments_voices = listed.voices;
    const Resolution r = resolve_spec({"string quartet", std::nullopt, flags}, project_lexicon());
    EXPECT_EQ(r.spec.instruments.voices, (Voices{{"strings", {"cello"}}}));  // the flag's list replaces the prompt's
    EXPECT_TRUE(warns(r, "instruments.voices.strings"));
    const nlohmann::json json = {{"instruments", {{"voices", {{"strings", {"violin", "viola"}}}}}}};
    EXPECT_EQ(resolve_spec({"string quartet", json, {}}, project_lexicon()).spec.instruments.voices,
              (Voices{{"strings", {"violin", "viola"}}}));
    // --instruments names each player: "violin,violin,viola,cello" is the quartet.
    EXPECT_EQ(parse_instrument_list("violin,violin,viola,cello", "--instruments").voices,
              (Voices{{"strings", {"violin", "violin", "viola", "cello"}}}));
}

TEST(PromptEnsembles, AStyleArrangedCueSaysItsGroupPlaysTheStylesSound) {
    const Resolution r = resolved("cinematic, violin and cello with drums");
    EXPECT_FALSE(played_by_soloists(r.spec.instruments));
    EXPECT_EQ(r.spec.instruments.voices, (Voices{{"strings", {"violin", "cello"}}}));
    EXPECT_TRUE(warns(r, "the violin and the cello would share the strings track in a cue the style arranges "
                         "(drums plays too); it plays the style's strings"));
    EXPECT_TRUE(warns(resolved("piano quintet and a trumpet"), "(6 players); it plays the style's strings (a chamber cue has at most 5"));
}

// Session 13: band words that name a genre and players who are not all single players.
TEST(PromptEnsembles, BandWordsSetTheirGenreAndPlayersForTheStyleToArrange) {
    struct Case {
        const char* prompt;
        std::vector<std::string> include;
        const char* style;
    };
    for (const Case& c : {Case{"jazz trio", {"piano", "bass", "drums"}, "jazz"},
                          Case{"a jazz piano trio, 30s", {"piano", "bass", "drums"}, "jazz"},
                          Case{"power trio", {"guitar", "bass", "drums"}, "rock"},
                          Case{"jazz quartet", {"woodwinds", "piano", "bass", "drums"}, "jazz"}}) {
        const Resolution r = resolved(c.prompt);
        EXPECT_EQ(r.spec.instruments.include, c.include) << c.prompt;
        EXPECT_EQ(r.spec.style, std::vector<std::string>{c.style}) << c.prompt;
        EXPECT_FALSE(played_by_soloists(r.spec.instruments)) << c.prompt;  // drums: the style arranges them
        EXPECT_TRUE(r.warnings.empty()) << c.prompt << ": " << r.warnings.front();
    }
    const PromptReading reading = read_prompt("jazz trio", project_lexicon());
    ASSERT_EQ(reading.used_words.size(), 1u);
    EXPECT_EQ(reading.used_words[0].meaning, "instruments.include+=piano,bass,drums; style+=jazz");
    EXPECT_EQ(spec_of("jazz quartet").instruments.voices, (Voices{{"woodwinds", {"saxophone"}}}));
}

// Session 13: a plural is a section, not one player; a number before it is that many players.
TEST(PromptEnsembles, PluralsAreSectionsAndCountedPluralsArePlayers) {
    const Resolution both = resolved("violins and cellos, sad, 40s");
    EXPECT_EQ(both.spec.instruments.include, std::vector<std::string>{"strings"});
    EXPECT_TRUE(both.spec.instruments.voices.empty());  // the strings' own section sound
    EXPECT_FALSE(played_by_soloists(both.spec.instruments));
    EXPECT_FALSE(warns(both, "share the strings track"));
    EXPECT_TRUE(spec_of("trumpets and trombones").instruments.voices.empty());

    const CueSpec cellos = spec_of("sad cellos, slow");
    EXPECT_EQ(cellos.instruments.voices, (Voices{{"strings", {"cello_section"}}}));
    EXPECT_FALSE(played_by_soloists(cellos.instruments));  // was a solo cello
    EXPECT_EQ(spec_of("cinematic violins").instruments.voices, (Voices{{"strings", {"violin_section"}}}));
    EXPECT_EQ(spec_of("big band saxophones").instruments.voices, (Voices{{"woodwinds", {"sax_section"}}}));

    EXPECT_EQ(spec_of("two violins and a cello").instruments.voices,
              (Voices{{"strings", {"violin", "violin", "cello"}}}));
    EXPECT_TRUE(played_by_soloists(spec_of("two violins and a cello").instruments));
    const std::vector<std::string> horns{"french_horn_1", "french_horn_2", "french_horn_3", "french_horn_4", "timpani"};
    EXPECT_EQ(tracks_of(spec_of("four horns and timpani")), horns);
    EXPECT_EQ(spec_of("3 trumpets").instruments.voices, (Voices{{"brass", {"trumpet", "trumpet", "trumpet"}}}));
    // Not a count: a time, a tempo, or more players than a chamber cue has.
    EXPECT_EQ(spec_of("six violins").instruments.voices, (Voices{{"strings", {"violin_section"}}}));
    EXPECT_EQ(spec_of("violins, 2 minutes").length, Seconds(120.0));
}

}  // namespace
}  // namespace tunesmith
