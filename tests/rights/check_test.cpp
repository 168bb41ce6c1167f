// Tests for rights/check: a score reports its closest track, the JSON form, and a generated
// melody that is too close is regenerated without touching the other parts.
#include <gtest/gtest.h>

#include <filesystem>

#include "compose/compose.h"
#include "compose/plan.h"
#include "compose/style.h"
#include "melody_disguise.h"
#include "rights/check.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

TEST(MelodyCheck, ScoreReportsTheClosestTrackAndJson) {
    MelodyIndex index;
    const MelodyLine known = testing_disguise::random_melody(40, Rng(8));
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
