// Session 10 prompt words: named voices, genres played by another style (said aloud), the EDM
// drop, spelling corrections, melodic minor and words that used to be unknown.
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

TEST(PromptVoices, NamedInstrumentsChooseTheirVoice) {
    const CueSpec cello = spec_of("solo cello, slow, D minor");
    EXPECT_EQ(cello.instruments.include, std::vector<std::string>{"strings"});
    EXPECT_EQ(cello.instruments.voices, (Voices{{"strings", {"cello"}}}));
    EXPECT_EQ(spec_of("church organ hymn").instruments.voices, (Voices{{"piano", {"church_organ"}}}));
    EXPECT_EQ(spec_of("jazz saxophone").instruments.voices, (Voices{{"woodwinds", {"saxophone"}}}));
    EXPECT_EQ(spec_of("a harp").instruments.voices, (Voices{{"guitar", {"harp"}}}));
    EXPECT_EQ(spec_of("banjo").instruments.voices, (Voices{{"guitar", {"banjo"}}}));
    EXPECT_EQ(spec_of("synth bass").instruments.voices, (Voices{{"bass", {"synth_bass"}}}));
    EXPECT_EQ(spec_of("electric piano").instruments.voices, (Voices{{"piano", {"electric_piano"}}}));
    EXPECT_EQ(spec_of("sitar and music box").instruments.voices, (Voices{{"guitar", {"sitar"}}, {"synth", {"music_box"}}}));
    // A plain group word sets no voice: the style decides its sound.
    EXPECT_TRUE(spec_of("strings and brass").instruments.voices.empty());
}

TEST(PromptVoices, TwoVoicesOfOneGroupFindTwoTracks) {
    const CueSpec mallets = spec_of("marimba and glockenspiel");
    EXPECT_EQ(mallets.instruments.voices, (Voices{{"piano", {"marimba"}}, {"synth", {"glockenspiel"}}}));
    EXPECT_EQ(mallets.instruments.include, (std::vector<std::string>{"piano", "synth"}));
    // The piano is asked for by name, so the marimba takes its other track, in either order.
    for (const char* prompt : {"piano and marimba", "marimba and piano"}) {
        const CueSpec spec = spec_of(prompt);
        EXPECT_EQ(spec.instruments.voices, (Voices{{"synth", {"marimba"}}})) << prompt;
        EXPECT_EQ(spec.instruments.include.size(), 2u) << prompt;
    }
    // "strings and cello": the cello refines the strings.
    EXPECT_EQ(spec_of("strings and cello").instruments.voices, (Voices{{"strings", {"cello"}}}));
    // Session 12: two voices of one group are two players on it (a duo of single players).
    const Resolution both = resolved("violin and cello");
    EXPECT_EQ(both.spec.instruments.voices, (Voices{{"strings", {"violin", "cello"}}}));
    EXPECT_EQ(both.spec.instruments.include, std::vector<std::string>{"strings"});
    EXPECT_FALSE(warns(both, "share the strings track"));
}

TEST(PromptVoices, UsedWordsReportTheVoice) {
    const PromptReading reading = read_prompt("solo cello", project_lexicon());
    ASSERT_EQ(reading.used_words.size(), 1u);
    EXPECT_NE(reading.used_words[0].meaning.find("instruments.voices.strings=cello"), std::string::npos);
}

TEST(PromptVoices, ExplicitVoicesBeatPromptWords) {
    const nlohmann::json json = {{"instruments", {{"voices", {{"strings", "viola"}}}}}};
    const Resolution r = resolve_spec({"solo cello", json, {}}, project_lexicon());
    EXPECT_EQ(r.spec.instruments.voices, (Voices{{"strings", {"viola"}}}));
    EXPECT_TRUE(warns(r, "instruments.voices.strings"));
    SpecPatch flags;
    flags.instruments_voices = Voices{{"strings", {"style"}}};  // back to the style's strings
    EXPECT_TRUE(resolve_spec({"solo cello", json, flags}, project_lexicon()).spec.instruments.voices.empty());
}

// Session 11: words that say one player per part and nothing else are read and reported; each
// gives the same instruments as the flags or JSON that name the voice alone.
TEST(PromptVoices, SoloAndDuoWordsMeanThosePlayersOnly) {
    const std::vector<std::string> all_but_strings{"piano", "brass", "woodwinds", "guitar", "bass",
                                                   "drums", "synth", "pad",   "choir"};
    for (const char* prompt : {"solo cello", "cello solo", "unaccompanied cello", "cello alone", "cello on its own",
                               "cello by itself", "just a cello", "only one cello", "a lone cello"}) {
        const Resolution r = resolved(prompt);
        EXPECT_EQ(r.spec.instruments.include, std::vector<std::string>{"strings"}) << prompt;
        EXPECT_EQ(r.spec.instruments.exclude, all_but_strings) << prompt;
        EXPECT_EQ(r.spec.instruments.voices, (Voices{{"strings", {"cello"}}})) << prompt;
        EXPECT_TRUE(played_by_soloists(r.spec.instruments)) << prompt;
        const PromptReading reading = read_prompt(prompt, project_lexicon());
        EXPECT_TRUE(reading.ignored_words.empty() || reading.ignored_words == std::vector<std::string>{"a"}) << prompt;
        ASSERT_FALSE(reading.used_words.empty()) << prompt;
        EXPECT_NE(reading.used_words.back().meaning.find("played as a solo"), std::string::npos) << prompt;
    }
    const CueSpec duo = spec_of("piano and cello duo, tender");
    EXPECT_EQ(duo.instruments.include, (std::vector<std::string>{"piano", "strings"}));
    EXPECT_EQ(duo.instruments.voices, (Voices{{"strings", {"cello"}}}));
    EXPECT_TRUE(played_by_soloists(duo.instruments));
    EXPECT_EQ(spec_of("a cappella").instruments.include, std::vector<std::string>{"choir"});
    EXPECT_EQ(spec_of("a cappella choir").instruments.include, std::vector<std::string>{"choir"});
    // The flag and the JSON that name the cello alone give the same instruments' meaning.
    SpecPatch flags;
    const InstrumentSpec listed = parse_instrument_list("cello", "--instruments");
    flags.instruments_include = listed.include;
    flags.instruments_voices = listed.voices;
    EXPECT_TRUE(played_by_soloists(resolve_spec({"melancholic", std::nullopt, flags}, project_lexicon()).spec.instruments));
    const nlohmann::json json = {{"instruments", {{"include", {"strings"}}, {"voices", {{"strings", "cello"}}}}}};
    EXPECT_TRUE(played_by_soloists(resolve_spec({"melancholic", json, {}}, project_lexicon()).spec.instruments));
    // A plain section or a band is not a soloist cue.
    EXPECT_FALSE(played_by_soloists(spec_of("strings and brass").instruments));
    EXPECT_FALSE(played_by_soloists(spec_of("solo piano with drums").instruments));
}

TEST(PromptVoices, GenresWithoutAStyleSaySoAloud) {
    const Resolution trap = resolved("dark trap beat");
    EXPECT_EQ(trap.spec.style, std::vector<std::string>{"trap"});
    EXPECT_TRUE(warns(trap, "trap: no trap style; using electronic"));
    const Resolution latin = resolved("latin");
    EXPECT_TRUE(warns(latin, "no latin style; using bossa_nova"));
    // Genres with a style file of their own say nothing.
    for (const char* genre : {"funk", "bossa nova", "reggae", "metal", "drum and bass", "march", "ballad", "hymn"})
        EXPECT_FALSE(warns(resolved(genre), "style; using")) << genre;
}

TEST(PromptVoices, TheDropIsThePeak) {
    const CueSpec edm = spec_of("edm, 60 seconds, drop at 30s");
    ASSERT_EQ(edm.sections.size(), 1u);
    EXPECT_EQ(edm.sections[0].name, "drop");
    EXPECT_DOUBLE_EQ(edm.sections[0].start.value, 30.0);
    EXPECT_DOUBLE_EQ(edm.sections[0].energy, 1.0);
    EXPECT_EQ(edm.hits, (std::vector<HitSpec>{{Seconds(30.0), "hit"}}));
    const CueSpec build = spec_of("builds to the drop at 0:32, 60 seconds");
    ASSERT_EQ(build.sections.size(), 1u);
    EXPECT_EQ(build.sections[0].name, "drop");
    // Instruments dropping out still means a fall.
    EXPECT_EQ(spec_of("drop out at 28s").hits, (std::vector<HitSpec>{{Seconds(28.0), "drop"}}));
}

TEST(PromptVoices, MisspellingsAreCorrectedAndReported) {
    const Resolution r = resolved("acoustic gitar, 20s");
    EXPECT_EQ(r.spec.instruments.include, std::vector<std::string>{"guitar"});
    EXPECT_TRUE(warns(r, "gitar -> guitar"));
    EXPECT_EQ(spec_of("an orchestal cue").style, std::vector<std::string>{"orchestral"});
    EXPECT_EQ(spec_of("orchestal strings").instruments.voices.at("strings"), std::vector<std::string>{"string_ensemble"});
    EXPECT_EQ(spec_of("stirngs").instruments.include, std::vector<std::string>{"strings"});  // swapped letters
    // Short words, replaced letters (often another real word) and non-music words are left alone.
    EXPECT_TRUE(spec_of("hapy").mood.empty());
    EXPECT_TRUE(spec_of("strong").instruments.include.empty());
    EXPECT_TRUE(warns(resolved("female singer"), "not understood"));
    EXPECT_FALSE(warns(resolved("female singer"), "->"));
    EXPECT_TRUE(warns(resolved("zorblat"), "zorblat"));
    // Real English words one slip from a lexicon word stay what they are.
    EXPECT_TRUE(spec_of("a mental health campaign").style.empty());
    EXPECT_TRUE(spec_of("county fair").style.empty());
    EXPECT_FALSE(warns(resolved("sober and calm"), "->"));
    EXPECT_EQ(spec_of("epic movies").style, std::vector<std::string>{"cinematic"});  // a plural is the word
}

// Session 11: a slip is corrected only when it is unambiguous. Every lexicon word one edit away
// (a replaced letter included) must mean the same; a capitalised word inside a phrase is a name;
// swapped neighbours count from four letters. The warning names the word as written.
TEST(PromptVoices, OnlyUnambiguousSlipsAreCorrected) {
    EXPECT_TRUE(spec_of("violn").instruments.voices.empty());        // violin or viola
    EXPECT_TRUE(spec_of("barss section").instruments.include.empty());  // brass or bass
    EXPECT_TRUE(warns(resolved("violn"), "'violn'"));                // reported as not understood
    EXPECT_TRUE(spec_of("music for Gitar Studios").instruments.include.empty());  // a name
    EXPECT_EQ(spec_of("Gitar, calm").instruments.include, std::vector<std::string>{"guitar"});
    EXPECT_EQ(spec_of("rcok anthem").style, std::vector<std::string>{"rock"});  // four letters, swapped
    EXPECT_TRUE(spec_of("tarp").style.empty());  // an English word one swap from "trap"
    const Resolution gitar = resolved("acoustic gitar");
    EXPECT_TRUE(warns(gitar, "gitar -> guitar (spelling corrected"));
}

TEST(PromptVoices, MelodicMinorIsPlayedAsMinorAndSaid) {
    const Resolution r = resolved("C melodic minor");
    EXPECT_EQ(r.spec.key, (Key{NoteName{0, 0}, Mode::minor}));
    EXPECT_TRUE(warns(r, "melodic minor"));
}

TEST(PromptVoices, CommonWordsAreKnown) {
    for (const char* prompt : {"progressive house", "progressive", "funky groove", "car chase", "chase", "jingle",
                               "anthem", "sci-fi", "futuristic"}) {
        const Resolution r = resolved(prompt);
        EXPECT_FALSE(warns(r, "not understood")) << prompt;
    }
    EXPECT_EQ(spec_of("chase scene").style, std::vector<std::string>{"action"});
    EXPECT_EQ(spec_of("sci-fi").style, std::vector<std::string>{"sci_fi"});
    EXPECT_EQ(spec_of("jingle").style, std::vector<std::string>{"corporate"});
    EXPECT_EQ(spec_of("anthem").mood, std::vector<std::string>{"triumphant"});
    EXPECT_FALSE(spec_of("progressive").energy.empty());
}

}  // namespace
}  // namespace tunesmith
