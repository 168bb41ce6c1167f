#include "spec/resolve.h"

#include <gtest/gtest.h>

#include "spec/cue_spec_json.h"
#include "spec/value_parsers.h"
#include "spec_test_support.h"

namespace tunesmith {
namespace {

using nlohmann::json;
using testing::error_field;
using testing::project_lexicon;

Resolution resolve(const std::string& prompt, std::optional<json> spec_json = std::nullopt, SpecPatch flags = {}) {
    return resolve_spec({prompt, std::move(spec_json), std::move(flags)}, project_lexicon());
}

// "in the key of Db" with a sad mood is Db minor, 8 flats: it is written C# minor, with a warning.
TEST(Resolve, AKeyWithMoreThanSevenAccidentalsIsRespelled) {
    const Resolution r = resolve("sad piano in the key of Db");
    EXPECT_EQ(r.spec.key.to_string(), "C# minor");
    bool warned = false;
    for (const auto& w : r.warnings) warned = warned || w.find("written as C# minor") != std::string::npos;
    EXPECT_TRUE(warned);
    EXPECT_EQ(resolve("happy piano in the key of Db").spec.key.to_string(), "Db major");
}

TEST(Resolve, FirstSeedExampleResolvesFully) {
    const std::string prompt =
        "cinematic ambient, D minor, 92 BPM, 45 seconds, sparse first half, lift at 28 seconds, "
        "no percussion under dialogue";
    const Resolution r = resolve(prompt);
    const CueSpec& s = r.spec;
    EXPECT_EQ(s.prompt, prompt);
    EXPECT_EQ(s.style, (std::vector<std::string>{"cinematic", "ambient"}));
    EXPECT_TRUE(s.mood.empty());
    EXPECT_EQ(s.key, (Key{NoteName{1, 0}, Mode::minor}));
    EXPECT_DOUBLE_EQ(s.bpm, 92.0);
    EXPECT_EQ(s.time_signature, (Meter{4, 4}));
    EXPECT_DOUBLE_EQ(s.length.value, 45.0);
    EXPECT_TRUE(s.sections.empty());
    EXPECT_EQ(s.hits, (std::vector<HitSpec>{{Seconds(28.0), "lift"}}));
    EXPECT_TRUE(s.instruments.include.empty());
    EXPECT_TRUE(s.instruments.exclude.empty());
    EXPECT_TRUE(s.dialogue.empty());
    EXPECT_FALSE(s.rules.percussion_under_dialogue);
    EXPECT_TRUE(s.rules.duck_under_dialogue);
    // Sparse (0.2) over [0, 22.5), then the contrast level (0.75) to the end.
    EXPECT_EQ(s.energy, (std::vector<EnergyPoint>{{Seconds(0.0), 0.2}, {Seconds(22.5), 0.2},
                                                  {Seconds(22.5), 0.75}, {Seconds(45.0), 0.75}}));
    EXPECT_EQ(s.ending, Ending::cadence);
    EXPECT_EQ(s.seed, prompt_seed(prompt));
    EXPECT_DOUBLE_EQ(s.loudness_lufs, -14.0);
    EXPECT_DOUBLE_EQ(s.true_peak_dbtp, -1.0);
    EXPECT_EQ(s.sample_rate, 48000);
    EXPECT_TRUE(r.ignored_words.empty());
    ASSERT_EQ(r.used_words.size(), 8u);
    EXPECT_EQ(r.used_words[3], (WordUse{"92 BPM", "bpm=92"}));
    EXPECT_EQ(r.used_words[4], (WordUse{"45 seconds", "length_s=45"}));
    EXPECT_EQ(r.used_words[6], (WordUse{"lift at 28 seconds", "hits+=lift@28s"}));
    EXPECT_EQ(r.used_words[7], (WordUse{"no percussion under dialogue", "rules.percussion_under_dialogue=false"}));
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("no dialogue ranges"), std::string::npos);
}

TEST(Resolve, SecondSeedExampleResolvesFully) {
    const Resolution r = resolve("a 42-second cue in A minor");
    const CueSpec& s = r.spec;
    EXPECT_EQ(s.key, (Key{NoteName{5, 0}, Mode::minor}));
    EXPECT_DOUBLE_EQ(s.length.value, 42.0);
    EXPECT_DOUBLE_EQ(s.bpm, 100.0);
    EXPECT_EQ(s.time_signature, (Meter{4, 4}));
    EXPECT_TRUE(s.style.empty());
    EXPECT_TRUE(s.hits.empty());
    EXPECT_TRUE(s.energy.empty());
    EXPECT_EQ(s.seed, prompt_seed("a 42-second cue in A minor"));
    EXPECT_EQ(r.used_words, (std::vector<WordUse>{{"42-second", "length_s=42"}, {"in A minor", "key=A minor"}}));
    EXPECT_EQ(r.ignored_words, (std::vector<std::string>{"a", "cue"}));
    EXPECT_TRUE(r.warnings.empty());
}

TEST(Resolve, PrecedenceFlagsBeatJsonBeatPrompt) {
    SpecPatch flags;
    flags.bpm = 120.0;
    const json spec_json{{"bpm", 100}, {"key", "E minor"}, {"length_s", 30}};
    const Resolution r = resolve("D minor, 92 BPM, 45 seconds, in 3/4", spec_json, flags);
    EXPECT_DOUBLE_EQ(r.spec.bpm, 120.0);                              // flag
    EXPECT_EQ(r.spec.key, (Key{NoteName{2, 0}, Mode::minor}));       // JSON
    EXPECT_DOUBLE_EQ(r.spec.length.value, 30.0);                      // JSON
    EXPECT_EQ(r.spec.time_signature, (Meter{3, 4}));                  // prompt
    int overrides = 0;
    for (const auto& w : r.warnings) overrides += w.find("overridden") != std::string::npos ? 1 : 0;
    EXPECT_EQ(overrides, 4);  // bpm twice (prompt->JSON, JSON->flags), key, length
}

TEST(Resolve, PromptTimesResolveAgainstFinalLength) {
    SpecPatch flags;
    flags.length = Seconds(80.0);
    const Resolution r = resolve("sparse first half, 40 seconds", std::nullopt, flags);
    EXPECT_DOUBLE_EQ(r.spec.length.value, 80.0);
    EXPECT_DOUBLE_EQ(r.spec.energy[1].time.value, 40.0);
    EXPECT_DOUBLE_EQ(r.spec.energy.back().time.value, 80.0);
}

TEST(Resolve, FlagsInstrumentsMergeWithPromptWords) {
    SpecPatch flags;
    flags.instruments_exclude = std::vector<std::string>{"brass"};
    const Resolution r = resolve("strings and brass", std::nullopt, flags);
    EXPECT_EQ(r.spec.instruments.include, std::vector<std::string>{"strings"});
    EXPECT_EQ(r.spec.instruments.exclude, std::vector<std::string>{"brass"});
}

TEST(Resolve, JsonPromptIsReadWhenNoPromptGiven) {
    const Resolution r = resolve("", json{{"prompt", "dark, 80 bpm"}});
    EXPECT_DOUBLE_EQ(r.spec.bpm, 80.0);
    EXPECT_EQ(r.spec.mood, std::vector<std::string>{"dark"});
    EXPECT_EQ(r.spec.seed, prompt_seed("dark, 80 bpm"));
}

TEST(Resolve, DefaultSeedIsAStableHashOfThePrompt) {
    EXPECT_EQ(prompt_seed(""), 0xCBF29CE484222325ull);
    EXPECT_EQ(prompt_seed("a"), 0xAF63DC4C8601EC8Cull);  // FNV-1a 64 reference value
    EXPECT_EQ(resolve("dark ambient").spec.seed, resolve("dark ambient").spec.seed);
    EXPECT_NE(resolve("dark ambient").spec.seed, resolve("dark ambient ").spec.seed);
    const json a = to_json(resolve("cinematic, lift at 10s, no drums"));
    const json b = to_json(resolve("cinematic, lift at 10s, no drums"));
    EXPECT_EQ(a.dump(), b.dump());
    SpecPatch flags;
    flags.seed = 7;
    EXPECT_EQ(resolve("dark ambient", std::nullopt, flags).spec.seed, 7u);
}

TEST(Resolve, BadInputIsAnInputErrorNamingTheField) {
    EXPECT_EQ(error_field([] { resolve("500 bpm"); }), "bpm");
    EXPECT_EQ(error_field([] { resolve("lift at 50 seconds, 45 seconds"); }), "hits[0].time_s");
    EXPECT_EQ(error_field([] { resolve("30 minutes"); }), "length_s");
    EXPECT_EQ(error_field([] { resolve("", json{{"tempo", 92}}); }), "tempo");
    SpecPatch flags;
    flags.sections = std::vector<SectionSpec>{{"outro", Seconds(60.0), 0.5}};
    EXPECT_EQ(error_field([&] { resolve("", std::nullopt, flags); }), "sections[0].start_s");
    SpecPatch dialogue;
    dialogue.dialogue = std::vector<TimeRange>{{Seconds(20.0), Seconds(10.0)}};
    EXPECT_EQ(error_field([&] { resolve("", std::nullopt, dialogue); }), "dialogue[0].end_s");
}

TEST(Resolve, WarnsAboutHitsUnderDialogue) {
    SpecPatch flags;
    flags.dialogue = std::vector<TimeRange>{{Seconds(20.0), Seconds(30.0)}};
    const Resolution r = resolve("hit at 25 seconds", std::nullopt, flags);
    bool warned = false;
    for (const auto& w : r.warnings) warned = warned || w.find("inside dialogue") != std::string::npos;
    EXPECT_TRUE(warned);
}

TEST(Resolve, ExplainJsonShape) {
    const json j = to_json(resolve("92 bpm, zorblat"));
    EXPECT_EQ(j["spec"]["bpm"], 92.0);
    EXPECT_EQ(j["used_words"][0]["text"], "92 bpm");
    EXPECT_EQ(j["used_words"][0]["meaning"], "bpm=92");
    EXPECT_EQ(j["ignored_words"][0], "zorblat");
    EXPECT_TRUE(j["warnings"].is_array());
}

}  // namespace
}  // namespace tunesmith
