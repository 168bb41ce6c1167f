#include "spec/prompt_parser.h"

#include <gtest/gtest.h>

#include "spec/resolve.h"
#include "spec_test_support.h"

namespace tunesmith {
namespace {

using testing::project_lexicon;
using testing::read;
using testing::spec_of;

const Key kDMinor{NoteName{1, 0}, Mode::minor};

TEST(PromptParser, KeysInEverySpelling) {
    EXPECT_EQ(spec_of("D minor").key, kDMinor);
    // Session 14 trial: a note name as a clause of its own was ignored ("folk, 6/8, G, 25 seconds").
    EXPECT_EQ(spec_of("acoustic guitar folk, 6/8, G, 25 seconds").key, (Key{NoteName{4, 0}, Mode::major}));
    EXPECT_EQ(spec_of("sad piano, Eb").key, (Key{NoteName{2, -1}, Mode::minor}));
    EXPECT_EQ(spec_of("something in Dm").key, kDMinor);
    EXPECT_EQ(spec_of("Dm, 90 bpm").key, kDMinor);
    EXPECT_EQ(spec_of("F sharp major").key, (Key{NoteName{3, 1}, Mode::major}));
    EXPECT_EQ(spec_of("in F# major").key, (Key{NoteName{3, 1}, Mode::major}));
    EXPECT_EQ(spec_of("key of E flat").key, (Key{NoteName{2, -1}, Mode::major}));
    EXPECT_EQ(spec_of("in the key of E flat minor").key, (Key{NoteName{2, -1}, Mode::minor}));
    EXPECT_EQ(spec_of("in A").key, (Key{NoteName{5, 0}, Mode::major}));
    EXPECT_EQ(spec_of("sad piano in A").key, (Key{NoteName{5, 0}, Mode::minor}));  // tonic given, mode from mood
    EXPECT_EQ(spec_of("Bb dorian groove").key, (Key{NoteName{6, -1}, Mode::dorian}));
    EXPECT_EQ(spec_of("D dorian").key, (Key{NoteName{1, 0}, Mode::dorian}));
    EXPECT_EQ(spec_of("C# harmonic minor").key, (Key{NoteName{0, 1}, Mode::harmonic_minor}));
    EXPECT_EQ(spec_of("cinematic, a minor, 92 bpm").key, (Key{NoteName{5, 0}, Mode::minor}));
}

TEST(PromptParser, ArticleAIsNotTheKeyA) {
    const CueSpec spec = spec_of("a 42-second cue");
    EXPECT_EQ(spec.key, project_lexicon().neutral_key);
    EXPECT_DOUBLE_EQ(spec.length.value, 42.0);
    // "in a minor key" is a minor-mode lean, tonic from the lexicon defaults.
    EXPECT_EQ(spec_of("something in a minor key").key, project_lexicon().minor_key);
    EXPECT_EQ(spec_of("a major key piece").key, project_lexicon().major_key);
    EXPECT_EQ(spec_of("a dark cue").key, project_lexicon().minor_key);
}

TEST(PromptParser, DefaultKeyFollowsMood) {
    EXPECT_EQ(spec_of("dark").key.mode, Mode::minor);
    EXPECT_EQ(spec_of("sad").key.mode, Mode::minor);
    EXPECT_EQ(spec_of("tense").key.mode, Mode::minor);
    EXPECT_EQ(spec_of("happy").key, project_lexicon().major_key);
    EXPECT_EQ(spec_of("uplifting").key.mode, Mode::major);
    EXPECT_EQ(spec_of("").key, project_lexicon().neutral_key);
}

TEST(PromptParser, Tempo) {
    EXPECT_DOUBLE_EQ(spec_of("92 BPM").bpm, 92.0);
    EXPECT_DOUBLE_EQ(spec_of("92bpm").bpm, 92.0);
    EXPECT_DOUBLE_EQ(spec_of("tempo 92").bpm, 92.0);
    EXPECT_DOUBLE_EQ(spec_of("at 92 beats per minute").bpm, 92.0);
    EXPECT_DOUBLE_EQ(spec_of("slow piano").bpm, 70.0);
    EXPECT_DOUBLE_EQ(spec_of("fast").bpm, 140.0);
    EXPECT_DOUBLE_EQ(spec_of("fast, 92 bpm").bpm, 92.0);
    EXPECT_DOUBLE_EQ(spec_of("ambient").bpm, project_lexicon().genre("ambient")->typical_bpm);
    EXPECT_DOUBLE_EQ(spec_of("").bpm, 100.0);
    const auto reading = read("fast, 92 bpm");
    EXPECT_NE(std::find(reading.ignored_words.begin(), reading.ignored_words.end(), "fast"), reading.ignored_words.end());
}

// Several genre words: the one that says most about tempo sets it, inside every word's range.
TEST(PromptParser, GenresAgreeOnATempo) {
    const Lexicon& lexicon = project_lexicon();
    EXPECT_DOUBLE_EQ(spec_of("jazz ballad").bpm, lexicon.genre("ballad")->typical_bpm);
    EXPECT_DOUBLE_EQ(spec_of("ballad, jazz").bpm, lexicon.genre("ballad")->typical_bpm);
    const double corporate = spec_of("corporate pop").bpm;
    EXPECT_DOUBLE_EQ(corporate, spec_of("pop corporate").bpm);  // the order of the words does not matter
    for (const char* name : {"corporate", "pop"}) {
        EXPECT_GE(corporate, lexicon.genre(name)->bpm_min) << name;
        EXPECT_LE(corporate, lexicon.genre(name)->bpm_max) << name;
    }
    EXPECT_EQ(spec_of("jazz ballad").style.front(), "jazz");  // the first word still names the style
}

// Session 13 trial: with no genre, "melancholic piano" and "tense thriller" both played at 100 bpm.
TEST(PromptParser, MoodsSetATempoWhenNoGenreDoes) {
    EXPECT_DOUBLE_EQ(spec_of("melancholic piano in F# minor").bpm, 82.0);  // sad: arousal 0.2
    EXPECT_DOUBLE_EQ(spec_of("tense thriller").bpm, 112.0);                // tense: 0.7
    EXPECT_DOUBLE_EQ(spec_of("sad but hopeful").bpm, 88.0);                // the mean of 0.2 and 0.4
    EXPECT_DOUBLE_EQ(spec_of("sad jazz").bpm, project_lexicon().genre("jazz")->typical_bpm);  // genre decides
    EXPECT_DOUBLE_EQ(spec_of("sad, fast").bpm, 140.0);                                       // so does a tempo word
    EXPECT_DOUBLE_EQ(spec_of("a 42-second cue").bpm, 100.0);                                 // no mood: the default
}

TEST(PromptParser, Meters) {
    EXPECT_EQ(spec_of("3/4").time_signature, (Meter{3, 4}));
    EXPECT_EQ(spec_of("in 6/8").time_signature, (Meter{6, 8}));
    EXPECT_EQ(spec_of("7/8 time").time_signature, (Meter{7, 8}));
    EXPECT_EQ(spec_of("a gentle waltz").time_signature, (Meter{3, 4}));
    EXPECT_EQ(spec_of("waltz in 6/8").time_signature, (Meter{6, 8}));
    EXPECT_EQ(spec_of("rock").time_signature, (Meter{4, 4}));
}

TEST(PromptParser, Lengths) {
    EXPECT_DOUBLE_EQ(spec_of("45 seconds").length.value, 45.0);
    EXPECT_DOUBLE_EQ(spec_of("45s").length.value, 45.0);
    EXPECT_DOUBLE_EQ(spec_of("a 45-second cue").length.value, 45.0);
    EXPECT_DOUBLE_EQ(spec_of("1:30").length.value, 90.0);
    EXPECT_DOUBLE_EQ(spec_of("2 minutes").length.value, 120.0);
    EXPECT_DOUBLE_EQ(spec_of("90 sec").length.value, 90.0);
    EXPECT_DOUBLE_EQ(spec_of("1 minute 30 seconds").length.value, 90.0);
    EXPECT_DOUBLE_EQ(spec_of("a two-minute piece").length.value, 120.0);
    EXPECT_DOUBLE_EQ(spec_of("").length.value, 60.0);
    // 16 bars of 4/4 at 120 BPM = 32 s; of 3/4 at 90 BPM = 32 s.
    EXPECT_DOUBLE_EQ(spec_of("16 bars, 120 bpm").length.value, 32.0);
    EXPECT_DOUBLE_EQ(spec_of("16 bars in 3/4 at 90 bpm").length.value, 32.0);
    EXPECT_DOUBLE_EQ(spec_of("80s synthwave").length.value, 60.0);  // "80s" is a genre, not 80 seconds
}

TEST(PromptParser, TimesOfEvents) {
    EXPECT_EQ(spec_of("lift at 28 seconds").hits, (std::vector<HitSpec>{{Seconds(28.0), "lift"}}));
    EXPECT_EQ(spec_of("hit at 0:45").hits, (std::vector<HitSpec>{{Seconds(45.0), "hit"}}));
    EXPECT_EQ(spec_of("drop out at 28s").hits, (std::vector<HitSpec>{{Seconds(28.0), "drop"}}));
    EXPECT_EQ(spec_of("stinger at 1:02.5, 70 seconds").hits, (std::vector<HitSpec>{{Seconds(62.5), "stinger"}}));
    EXPECT_EQ(spec_of("hits at 10s and 20s").hits,
              (std::vector<HitSpec>{{Seconds(10.0), "hit"}, {Seconds(20.0), "hit"}}));
    EXPECT_EQ(spec_of("at 0:30 a big hit").hits, (std::vector<HitSpec>{{Seconds(30.0), "hit"}}));
    const CueSpec chorus = spec_of("chorus at 30 seconds");
    ASSERT_EQ(chorus.sections.size(), 1u);
    EXPECT_EQ(chorus.sections[0].name, "chorus");
    EXPECT_DOUBLE_EQ(chorus.sections[0].start.value, 30.0);
    EXPECT_DOUBLE_EQ(chorus.sections[0].energy, 0.8);
    const auto orphan = read("at 28 seconds");
    EXPECT_FALSE(orphan.patch.hits);
    EXPECT_FALSE(orphan.warnings.empty());
}

// The energy curve at t: linear between points; at a step, the later point.
double energy_at(const CueSpec& spec, double t) {
    const auto& e = spec.energy;
    for (std::size_t i = e.size(); i-- > 0;) {
        if (e[i].time.value > t) continue;
        if (i + 1 == e.size() || e[i + 1].time.value == e[i].time.value) return e[i].level;
        const double f = (t - e[i].time.value) / (e[i + 1].time.value - e[i].time.value);
        return e[i].level + f * (e[i + 1].level - e[i].level);
    }
    return 0.0;
}

TEST(PromptParser, EnergyShapes) {
    const CueSpec sparse = spec_of("sparse first half, 40 seconds");
    EXPECT_LT(energy_at(sparse, 10.0), 0.3);
    EXPECT_GT(energy_at(sparse, 25.0), 0.6);
    EXPECT_DOUBLE_EQ(sparse.energy.back().time.value, 40.0);

    const CueSpec build = spec_of("builds slowly");
    ASSERT_GE(build.energy.size(), 2u);
    EXPECT_LT(build.energy.front().level, build.energy.back().level);

    const CueSpec climax = spec_of("builds to a climax at 40 seconds");
    EXPECT_EQ(climax.hits, (std::vector<HitSpec>{{Seconds(40.0), "hit"}}));
    EXPECT_GT(energy_at(climax, 39.9), 0.9);

    const CueSpec finish = spec_of("big finish");
    EXPECT_EQ(finish.ending, Ending::big_finish);
    EXPECT_DOUBLE_EQ(finish.energy.back().level, 1.0);
    EXPECT_EQ(spec_of("fade out").ending, Ending::fade_out);
    EXPECT_EQ(spec_of("ends on a hit").ending, Ending::hit);

    const CueSpec intro = spec_of("quiet intro");
    EXPECT_LT(energy_at(intro, 1.0), 0.3);
    EXPECT_GT(energy_at(intro, 30.0), 0.5);

    const CueSpec contrast = spec_of("calm then intense");
    EXPECT_LT(energy_at(contrast, 10.0), 0.3);
    EXPECT_GT(energy_at(contrast, 50.0), 0.8);
    EXPECT_TRUE(spec_of("rock").energy.empty());
}

TEST(PromptParser, Instruments) {
    EXPECT_EQ(spec_of("no drums").instruments.exclude, std::vector<std::string>{"drums"});
    EXPECT_EQ(spec_of("without percussion").instruments.exclude, std::vector<std::string>{"drums"});
    EXPECT_EQ(spec_of("strings and brass").instruments.include, (std::vector<std::string>{"strings", "brass"}));
    EXPECT_EQ(spec_of("violins, cellos and horns").instruments.include, (std::vector<std::string>{"strings", "brass"}));
    const CueSpec solo = spec_of("solo piano");
    EXPECT_EQ(solo.instruments.include, std::vector<std::string>{"piano"});
    EXPECT_EQ(solo.instruments.exclude.size(), 9u);
    EXPECT_EQ(spec_of("piano only").instruments, solo.instruments);
    EXPECT_EQ(spec_of("no drums or bass").instruments.exclude, (std::vector<std::string>{"drums", "bass"}));
    // A genre that contains instrument words is a genre.
    const CueSpec dnb = spec_of("drum and bass");
    EXPECT_EQ(dnb.style, std::vector<std::string>{"drum_and_bass"});
    EXPECT_TRUE(dnb.instruments.include.empty());
}

TEST(PromptParser, DialogueRules) {
    const auto r = resolve_spec({"no percussion under dialogue", std::nullopt, {}}, project_lexicon());
    EXPECT_FALSE(r.spec.rules.percussion_under_dialogue);
    EXPECT_TRUE(r.spec.instruments.exclude.empty());
    EXPECT_FALSE(r.warnings.empty());  // a dialogue rule with no dialogue ranges
    EXPECT_EQ(spec_of("dialogue from 0:10 to 0:25").dialogue, (std::vector<TimeRange>{{Seconds(10.0), Seconds(25.0)}}));
    EXPECT_FALSE(spec_of("no ducking").rules.duck_under_dialogue);
}

// Session 14: the times after "no drums under dialogue" were read as the cue's length ("... from 10
// to 25 seconds, 1 minute" was a 25-s cue with no dialogue); they are the dialogue's ranges.
TEST(PromptParser, TimesAfterADialogueRuleAreTheDialogue) {
    const CueSpec spec = spec_of("documentary, no drums under dialogue from 10 to 25 seconds, 1 minute");
    EXPECT_FALSE(spec.rules.percussion_under_dialogue);
    EXPECT_EQ(spec.dialogue, (std::vector<TimeRange>{{Seconds(10.0), Seconds(25.0)}}));
    EXPECT_DOUBLE_EQ(spec.length.value, 60.0);
    const CueSpec at = spec_of("no percussion under dialogue at 5-15s, ambient, 30s");
    EXPECT_EQ(at.dialogue, (std::vector<TimeRange>{{Seconds(5.0), Seconds(15.0)}}));
    EXPECT_DOUBLE_EQ(at.length.value, 30.0);
    const auto reading = read("no drums during the voiceover between 0:05 and 0:12");
    ASSERT_EQ(reading.used_words.size(), 1u);
    EXPECT_EQ(reading.used_words[0].meaning, "rules.percussion_under_dialogue=false; dialogue+=5s-12s");
    // "keep drums out" was "keep" ignored and drums the only instrument.
    const CueSpec keep = spec_of("dialogue from 0:10 to 0:25, keep drums out under the dialogue, 1 minute corporate");
    EXPECT_FALSE(keep.rules.percussion_under_dialogue);
    EXPECT_TRUE(keep.instruments.include.empty());
    EXPECT_EQ(keep.dialogue.size(), 1u);
    EXPECT_FALSE(spec_of("leave the percussion out of the voiceover").rules.percussion_under_dialogue);
    EXPECT_TRUE(spec_of("keep the drums going under the dialogue").rules.percussion_under_dialogue);
}

TEST(PromptParser, ReportsEveryWord) {
    const auto reading = read("a dreamy zorblat cue with strings");
    EXPECT_EQ(reading.ignored_words, (std::vector<std::string>{"a", "zorblat", "cue", "with"}));
    ASSERT_EQ(reading.used_words.size(), 2u);
    EXPECT_EQ(reading.used_words[0], (WordUse{"dreamy", "mood+=dreamy"}));
    EXPECT_EQ(reading.used_words[1], (WordUse{"strings", "instruments.include+=strings"}));
    bool warned = false;
    for (const auto& w : reading.warnings) warned = warned || w.find("zorblat") != std::string::npos;
    EXPECT_TRUE(warned);
}

TEST(PromptParser, ArtistsAreNotImitated) {
    // An explicit request to imitate anyone named is refused, listed artist or not.
    EXPECT_THROW(read("epic, in the style of Hans Zimmer"), InputError);
    // A bare "like Name" is not imitation by itself: the name is ignored, with a warning.
    const auto reading = read("epic, like Zorblat Quintet");
    EXPECT_TRUE(reading.patch.mood);
    EXPECT_NE(std::find(reading.ignored_words.begin(), reading.ignored_words.end(), "Zorblat"), reading.ignored_words.end());
    EXPECT_FALSE(reading.warnings.empty());
}

// Session 14 trial: "in the style of mozart" (lower case) was only "words not understood"; it is
// told, as "Mozart" is, that a public-domain composer's name is ignored.
TEST(PromptParser, ALowerCaseComposerIsToldAsACapitalisedOne) {
    for (const char* prompt : {"sad piano in the style of mozart", "sad piano in the style of Mozart"}) {
        const PromptReading reading = read(prompt);
        EXPECT_TRUE(std::any_of(reading.warnings.begin(), reading.warnings.end(), [](const std::string& w) {
            return w.find("'mozart' is a public-domain composer") != std::string::npos ||
                   w.find("'Mozart' is a public-domain composer") != std::string::npos;
        })) << prompt;
        EXPECT_FALSE(std::any_of(reading.warnings.begin(), reading.warnings.end(), [](const std::string& w) {
            return w.find("not understood") != std::string::npos;
        })) << prompt;
    }
}

// Session 14 trial: "a 3 second sting" was told "'sting' has no time; write e.g. 'sting at 0:28'",
// as if the user had asked for a sting inside the cue.
TEST(PromptParser, AWordNamingTheCueIsNotAskedForATime) {
    auto warned = [](const char* prompt, const std::string& text) {
        const PromptReading reading = read(prompt);
        return std::any_of(reading.warnings.begin(), reading.warnings.end(),
                           [&](const std::string& w) { return w.find(text) != std::string::npos; });
    };
    EXPECT_TRUE(warned("a 3 second sting, ominous", "'sting' is read as the kind of cue"));
    EXPECT_FALSE(warned("a 3 second sting, ominous", "has no time"));
    EXPECT_TRUE(warned("music for a YouTube intro", "'intro' is read as the kind of cue"));
    EXPECT_TRUE(warned("ambient, sting, 20 s", "'sting' has no time"));  // a part asked for without a time
    EXPECT_TRUE(warned("edm with a big climax", "'climax' has no time"));  // a part, never the kind of cue
}

// Session 14 trial: "45 Sekunden" and "20 segundos" left the length at 60 s.
TEST(PromptParser, LengthUnitsInOtherLanguagesAreRead) {
    EXPECT_DOUBLE_EQ(spec_of("ruhige Klaviermusik, 45 Sekunden").length.value, 45.0);
    EXPECT_DOUBLE_EQ(spec_of("musica alegre con guitarra, 20 segundos").length.value, 20.0);
    EXPECT_DOUBLE_EQ(spec_of("musica triste, 2 minuti").length.value, 120.0);
    EXPECT_DOUBLE_EQ(spec_of("musique triste, 30 secondes").length.value, 30.0);
    EXPECT_DOUBLE_EQ(spec_of("3 Minuten").length.value, 180.0);
}

// Session 13 trial: "fast and slow" kept "fast" and dropped "slow" without a word.
TEST(PromptParser, ASecondTempoWordIsReportedNotDroppedSilently) {
    const PromptReading reading = read("fast and slow, happy and sad, 40 seconds");
    ASSERT_TRUE(reading.patch.bpm.has_value());
    EXPECT_DOUBLE_EQ(*reading.patch.bpm, 140.0);
    EXPECT_TRUE(std::any_of(reading.warnings.begin(), reading.warnings.end(), [](const std::string& w) {
        return w == "the prompt gives a tempo word more than once; kept the first, ignored 'slow'";
    }));
}

// Session 13 trial: "80s synthwave" and "video game, chiptune" said twice that no style of their own plays them.
TEST(PromptParser, AGenreWithoutAStyleIsSaidOnce) {
    for (const char* prompt : {"80s synthwave, 2:30", "a video game boss fight, chiptune"}) {
        const PromptReading reading = read(prompt);
        const auto said = [](const std::string& w) { return w.find("style; using electronic") != std::string::npos; };
        EXPECT_EQ(std::count_if(reading.warnings.begin(), reading.warnings.end(), said), 1) << prompt;
    }
}

}  // namespace
}  // namespace tunesmith
