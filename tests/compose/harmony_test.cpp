// Tests for compose/harmony: coverage, key membership, cadences, harmonic rhythm, hits, form,
// determinism, the corpus model and option validation.
#include "compose/harmony.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "base/error.h"
#include "harmony_fixture.h"

namespace tunesmith {
namespace {

using testing_fixture::hand_plan;
using testing_fixture::key_of;
using testing_fixture::song_plan;

std::shared_ptr<const HarmonyModel> committed_model() {
    static const auto model =
        std::make_shared<const HarmonyModel>(load_harmony_model(std::filesystem::path(TUNESMITH_SOURCE_DIR) / "data"));
    return model;
}

HarmonyOptions with_model() {
    HarmonyOptions options;
    options.model = committed_model();
    return options;
}

const Chord& chord_at(const std::vector<ChordSpan>& spans, Ticks t) {
    for (const auto& s : spans)
        if (s.start <= t && t < s.end) return s.chord;
    throw std::logic_error("no chord at tick");
}

// The chord before the one sounding at the end of a section (the cadence's first chord).
const Chord& penultimate(const std::vector<ChordSpan>& spans, Ticks section_end) {
    for (std::size_t i = 1; i < spans.size(); ++i)
        if (spans[i].start < section_end && section_end <= spans[i].end) return spans[i - 1].chord;
    throw std::logic_error("no penultimate chord");
}

bool allowed_in_key(const Chord& chord, const Key& key) {
    bool diatonic = true;
    for (int pc : chord.pitch_classes()) diatonic = diatonic && key.contains(pc);
    if (diatonic) return true;
    // The harmonic-minor dominant (V or V7 with the raised leading tone) in minor keys.
    const bool minor = key.mode == Mode::minor;
    const bool dominant_root = pitch_class(chord.root - key.tonic_pc()) == 7;
    const bool major_family = chord.quality == ChordQuality::major || chord.quality == ChordQuality::dominant7;
    return minor && dominant_root && major_family;
}

struct Case {
    const char* key;
    Meter meter;
};
const std::vector<Case> kCases = {{"C major", {4, 4}}, {"A minor", {4, 4}}, {"D dorian", {4, 4}},
                                  {"G mixolydian", {4, 4}}, {"Eb major", {3, 4}}, {"F# minor", {6, 8}},
                                  {"E phrygian", {4, 4}}, {"F lydian", {7, 8}}};

TEST(Harmony, CoversThePlanExactlyOnBarOrHalfBarLines) {
    for (const auto& c : kCases)
        for (std::uint64_t seed = 1; seed <= 6; ++seed) {
            const Plan plan = song_plan(key_of(c.key), c.meter);
            const auto spans = write_progression(plan, with_model(), Rng(seed));
            ASSERT_FALSE(spans.empty());
            EXPECT_EQ(spans.front().start, Ticks(0));
            EXPECT_EQ(spans.back().end, plan.length) << c.key;
            for (std::size_t i = 0; i < spans.size(); ++i) {
                EXPECT_LT(spans[i].start, spans[i].end);
                if (i > 0) { EXPECT_EQ(spans[i].start, spans[i - 1].end) << "gap or overlap at span " << i; }
                const Ticks in_bar = spans[i].start % plan.meter.bar();
                const Ticks half = plan.meter.beat() * ((plan.meter.beats_per_bar() + 1) / 2);
                EXPECT_TRUE(in_bar == Ticks(0) || in_bar == half) << c.key << " change at " << in_bar.value;
            }
        }
}

TEST(Harmony, EveryChordIsInTheKeyOrTheHarmonicMinorDominant) {
    for (const auto& c : kCases)
        for (std::uint64_t seed = 1; seed <= 8; ++seed) {
            HarmonyOptions options = with_model();
            options.seventh_probability = 0.3;
            const Plan plan = song_plan(key_of(c.key), c.meter);
            for (const auto& span : write_progression(plan, options, Rng(seed)))
                EXPECT_TRUE(allowed_in_key(span.chord, plan.key)) << span.chord.name() << " in " << c.key;
        }
}

TEST(Harmony, MinorKeysUseTheMajorDominantAtAuthenticCadences) {
    const Plan plan = song_plan(key_of("D minor"));
    int checked = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        const auto cadences = plan_cadences(plan, with_model(), Rng(seed));
        const auto spans = write_progression(plan, with_model(), Rng(seed));
        for (std::size_t i = 0; i < plan.sections.size(); ++i) {
            if (cadences[i] != CadenceKind::authentic) continue;
            const Chord& penult = penultimate(spans, plan.sections[i].end);
            EXPECT_EQ(penult.root, 9);  // A
            EXPECT_TRUE(penult.contains(1)) << "leading tone C# missing from " << penult.name();
            ++checked;
        }
    }
    EXPECT_GT(checked, 5);
}

TEST(Harmony, EachSectionEndsOnItsCadenceAndTheCueOnTheTonic) {
    for (const char* key_text : {"C major", "A minor", "Bb major", "C# minor", "D dorian", "G mixolydian"})
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            const Plan plan = song_plan(key_of(key_text));
            const Key& key = plan.key;
            const auto cadences = plan_cadences(plan, with_model(), Rng(seed));
            const auto spans = write_progression(plan, with_model(), Rng(seed));
            const Chord& last = spans.back().chord;
            EXPECT_EQ(last.root, key.tonic_pc()) << key_text;
            EXPECT_EQ(chord_is_majorish(last), !mode_is_minor(key.mode)) << key_text;
            for (std::size_t i = 0; i < plan.sections.size(); ++i) {
                const Chord& final_chord = chord_at(spans, plan.sections[i].end - Ticks(1));
                const int rel = pitch_class(final_chord.root - key.tonic_pc());
                switch (cadences[i]) {
                    case CadenceKind::authentic: case CadenceKind::plagal: EXPECT_EQ(rel, 0); break;
                    case CadenceKind::half: EXPECT_NE(rel, 0); break;
                    case CadenceKind::deceptive: EXPECT_TRUE(rel == 9 || rel == 8) << rel; break;
                }
                if (cadences[i] == CadenceKind::authentic && key.mode == Mode::major) {
                    const Chord& penult = penultimate(spans, plan.sections[i].end);
                    EXPECT_EQ(pitch_class(penult.root - key.tonic_pc()), 7) << "authentic cadence needs V";
                }
            }
            EXPECT_TRUE(cadences.back() == CadenceKind::authentic || cadences.back() == CadenceKind::plagal);
        }
}

TEST(Harmony, HalfCadenceBeforeALift) {
    const Plan plan = hand_plan(key_of("G major"), Meter{4, 4},
                                {{"verse", SectionRole::verse, 8, 0.3}, {"drop", SectionRole::climax, 8, 0.9}});
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        EXPECT_EQ(plan_cadences(plan, {}, Rng(seed)).front(), CadenceKind::half);
        const auto spans = write_progression(plan, with_model(), Rng(seed));
        EXPECT_EQ(chord_at(spans, plan.sections[0].end - Ticks(1)).root, 2);  // D, the dominant of G
    }
}

TEST(Harmony, HarmonicRhythmFollowsEnergyAndOptions) {
    const Plan plan = hand_plan(key_of("C major"), Meter{4, 4},
                                {{"calm", SectionRole::verse, 8, 0.3}, {"busy", SectionRole::climax, 8, 0.9}});
    const auto spans = write_progression(plan, with_model(), Rng(3));
    int calm = 0;
    int busy = 0;
    for (const auto& s : spans) (s.start < plan.sections[1].start ? calm : busy) += 1;
    EXPECT_LE(calm, 8);
    EXPECT_GE(busy, 12) << "high-energy bars change chords on the half bar";

    HarmonyOptions slow = with_model();
    slow.bars_per_chord = 2.0;
    slow.fast_energy = 1.01;
    for (const auto& s : write_progression(plan, slow, Rng(3)))
        EXPECT_EQ((s.end - s.start) % (plan.meter.bar() * 2), Ticks(0)) << "two-bar harmonic rhythm";
}

TEST(Harmony, AHitGetsAChordChangeOnItsBeat) {
    Plan plan = hand_plan(key_of("E minor"), Meter{4, 4}, {{"a", SectionRole::verse, 8, 0.5}});
    PlannedHit hit;
    hit.tick = plan.meter.bar() * 3 + plan.meter.beat() * 2;  // bar 4, beat 3
    plan.hits.push_back(hit);
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const auto spans = write_progression(plan, with_model(), Rng(seed));
        const auto at_hit = std::find_if(spans.begin(), spans.end(), [&](const ChordSpan& s) { return s.start == hit.tick; });
        ASSERT_NE(at_hit, spans.end());
        EXPECT_NE(at_hit->chord, std::prev(at_hit)->chord);
    }
}

TEST(Harmony, ARecurringSectionRestatesItsProgression) {
    const Plan plan = song_plan(key_of("C major"));
    HarmonyOptions options = with_model();
    options.variation = 0.0;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const auto spans = write_progression(plan, options, Rng(seed));
        const auto& first = plan.sections[1];   // verse
        const auto& second = plan.sections[3];  // verse again
        // Every bar but the cadence bars (which follow the section's own cadence) repeats.
        for (int bar = 0; bar < first.bar_count - 2; ++bar) {
            const Ticks offset = plan.meter.bar() * bar;
            EXPECT_EQ(chord_at(spans, first.start + offset), chord_at(spans, second.start + offset)) << "bar " << bar;
        }
    }
}

TEST(Harmony, DeterministicAndSectionsIndependent) {
    const Plan plan = song_plan(key_of("A minor"));
    EXPECT_EQ(write_progression(plan, with_model(), Rng(9)), write_progression(plan, with_model(), Rng(9)));
    EXPECT_NE(write_progression(plan, with_model(), Rng(9)), write_progression(plan, with_model(), Rng(10)));
    // More energy in the outro's bars (same section energy) changes only the outro.
    Plan edited = plan;
    for (int b = plan.sections[5].first_bar; b < static_cast<int>(edited.bar_energy.size()); ++b)
        edited.bar_energy[static_cast<std::size_t>(b)] = 0.95;
    const auto a = write_progression(plan, with_model(), Rng(4));
    const auto b = write_progression(edited, with_model(), Rng(4));
    std::vector<ChordSpan> a_head, b_head;
    for (const auto& s : a) if (s.end <= plan.sections[5].start) a_head.push_back(s);
    for (const auto& s : b) if (s.end <= plan.sections[5].start) b_head.push_back(s);
    EXPECT_EQ(a_head, b_head);
    EXPECT_NE(a, b);
}

TEST(Harmony, GeneratedMovesFollowFunctionalLogic) {
    // From V the music goes to I (or vi) far more often than elsewhere: corpus and grammar agree.
    std::map<int, int> after_dominant;
    int total = 0;
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        const Plan plan = song_plan(key_of("C major"));
        const auto spans = write_progression(plan, with_model(), Rng(seed));
        for (std::size_t i = 1; i < spans.size(); ++i)
            if (spans[i - 1].chord.root == 7) ++after_dominant[spans[i].chord.root], ++total;
    }
    ASSERT_GT(total, 50);
    const double resolving = static_cast<double>(after_dominant[0] + after_dominant[9]) / total;
    EXPECT_GT(resolving, 0.6) << "V resolves to I or vi in " << resolving;
}

TEST(Harmony, CommittedCorpusTableLoads) {
    const auto model = committed_model();
    EXPECT_NE(model->source.find("POP909"), std::string::npos);
    const auto& v = model->major.counts.at("V");
    EXPECT_GT(v.at("I"), v.at("ii"));
    EXPECT_GT(model->minor.counts.at("iv").size(), 3u);
    EXPECT_THROW(load_harmony_model("/nonexistent"), InputError);
    EXPECT_THROW(harmony_model_from_json(nlohmann::json{{"major", {{"transitions", {{"X", 1}}}}}}, "t"), InputError);
}

TEST(Harmony, GrammarAloneStillWritesCadences) {
    const Plan plan = song_plan(key_of("F major"));
    const auto spans = write_progression(plan, HarmonyOptions{}, Rng(2));
    EXPECT_EQ(spans.back().chord.root, 5);
    EXPECT_EQ(spans.back().end, plan.length);
}

TEST(Harmony, RomanNumerals) {
    const Key c = key_of("C major");
    std::vector<std::string> names;
    for (const auto& r : diatonic_triads(c)) names.push_back(r.numeral());
    EXPECT_EQ(names, (std::vector<std::string>{"I", "ii", "iii", "IV", "V", "vi", "viio"}));
    EXPECT_EQ(RomanChord::parse("bVII"), (RomanChord{10, ChordQuality::major}));
    EXPECT_EQ(with_seventh({7, ChordQuality::major}, c).quality, ChordQuality::dominant7);
    EXPECT_EQ(with_seventh({0, ChordQuality::major}, c).quality, ChordQuality::major7);
    EXPECT_EQ(with_seventh({7, ChordQuality::major}, key_of("A minor")).quality, ChordQuality::dominant7);
    EXPECT_FALSE(RomanChord::parse("VIII"));
}

TEST(Harmony, OptionsFromJsonValidateAndNameTheField) {
    const auto options = HarmonyOptions::from_json(
        {{"bars_per_chord", 2}, {"chord_weights", {{"bVII", 2.0}}}, {"seventh_probability", 0.2}});
    EXPECT_EQ(options.bars_per_chord, 2.0);
    EXPECT_EQ(options.chord_weights.at("bVII"), 2.0);
    try {
        HarmonyOptions::from_json({{"bars_per_chord", 3}});
        FAIL() << "3 bars per chord accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "harmony.bars_per_chord");
    }
    try {
        HarmonyOptions::from_json({{"sevenths", true}});
        FAIL() << "unknown field accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "harmony.sevenths");
    }
    EXPECT_THROW(HarmonyOptions::from_json({{"chord_weights", {{"Q", 1}}}}), InputError);
    EXPECT_THROW(HarmonyOptions::from_json({{"corpus_weight", "high"}}), InputError);
}

}  // namespace
}  // namespace tunesmith
