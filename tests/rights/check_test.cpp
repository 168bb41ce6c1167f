// Tests for rights/check: the verdict (absolute score, or a best that stands out from a
// different runner-up), a score reports its closest melody-like track, the JSON form, and a
// generated melody that is too close is regenerated without touching the other parts.
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

MelodyMatch match(const MelodyIndex& index, std::uint32_t position, double score) {
    MelodyMatch m;
    m.id = index.melodies().at(position).id;
    m.source = "test";
    m.score = score;
    m.position = position;
    return m;
}

TEST(MelodyCheck, TooCloseWhenTheBestStandsOutOrScoresHigh) {
    MelodyIndex index;
    const MelodyLine a = testing_disguise::random_melody(60, Rng(21));
    index.add({"a", "test", a});
    index.add({"a-again", "user", a});  // the same song in the user's index
    index.add({"b", "test", testing_disguise::random_melody(60, Rng(22))});
    index.add({"c", "test", testing_disguise::random_melody(60, Rng(23))});
    EXPECT_TRUE(index.same_melody(0, 1));
    EXPECT_FALSE(index.same_melody(0, 2));
    const MelodyThresholds t;
    const double stands_out = t.score + 0.02;
    // One melody far above the rest: too close although under the absolute threshold.
    const MelodyCheck alone = judge_matches({match(index, 0, stands_out), match(index, 2, stands_out - t.margin - 0.05)}, index);
    EXPECT_FALSE(alone.passed);
    EXPECT_NEAR(alone.runner_up, stands_out - t.margin - 0.05, 1e-12);
    // The same best among others nearly as close: a plain figure many songs share.
    EXPECT_TRUE(judge_matches({match(index, 0, stands_out), match(index, 2, stands_out - 0.05)}, index).passed);
    // A duplicate of the best is not its runner-up: the copy is still caught.
    const MelodyCheck duplicated = judge_matches(
        {match(index, 0, stands_out), match(index, 1, stands_out), match(index, 3, 0.2)}, index);
    EXPECT_FALSE(duplicated.passed);
    EXPECT_NEAR(duplicated.runner_up, 0.2, 1e-12);
    // At the absolute threshold the margin does not matter.
    EXPECT_FALSE(judge_matches({match(index, 0, t.absolute), match(index, 2, t.absolute)}, index).passed);
    EXPECT_TRUE(judge_matches({match(index, 0, t.score - 0.01)}, index).passed);
    EXPECT_TRUE(judge_matches({}, index).passed);
}

TEST(MelodyCheck, OnlyMelodyLikeTracksAreChecked) {
    Track chords{"piano", 0, 0, false, {}, {}, {}};
    Track line{"strings", 48, 0, false, {}, {}, {}};
    Track drums{"drums", 0, 0, true, {}, {}, {}};
    for (int i = 0; i < 16; ++i) {
        for (int p : {48, 52, 55}) chords.notes.push_back(Note{Ticks(960 * i), Ticks(960), p + i % 3, 70});
        line.notes.push_back(Note{Ticks(480 * i), Ticks(480), 60 + (i * 5) % 12, 80});
        drums.notes.push_back(Note{Ticks(480 * i), Ticks(120), 36, 100});
    }
    Score score;
    score.tracks = {chords, line, drums};
    auto names = [](const std::vector<const Track*>& tracks) {
        std::vector<std::string> out;
        for (const Track* t : tracks) out.push_back(t->name);
        return out;
    };
    EXPECT_EQ(names(melody_like_tracks(score)), (std::vector<std::string>{"strings"}));  // not the chords
    Track melody = line;
    melody.name = "MELODY";
    score.tracks.push_back(melody);
    EXPECT_EQ(names(melody_like_tracks(score)), (std::vector<std::string>{"MELODY"}));  // a named melody wins
    score.tracks = {chords, drums};
    EXPECT_EQ(names(melody_like_tracks(score)), (std::vector<std::string>{"piano"}));  // else the highest track
    Track bass = line;  // a single-voice line two octaves down: the accompaniment's bass
    bass.name = "bass";
    for (Note& n : bass.notes) n.pitch -= 24;
    score.tracks = {chords, line, bass, drums};
    EXPECT_EQ(names(melody_like_tracks(score)), (std::vector<std::string>{"strings"}));  // not the bass line
    Track humanised = chords;  // the same chords with each note a few ticks off the beat
    humanised.name = "pad";
    for (std::size_t i = 0; i < humanised.notes.size(); ++i) humanised.notes[i].start += Ticks(static_cast<std::int64_t>(i % 3) * 7);
    score.tracks = {humanised, line, drums};
    EXPECT_EQ(names(melody_like_tracks(score)), (std::vector<std::string>{"strings"}));  // still chords
}

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
    EXPECT_DOUBLE_EQ(j["threshold"].get<double>(), kMelodyThreshold);
    EXPECT_DOUBLE_EQ(j["min_margin"].get<double>(), kMelodyMinMargin);
    EXPECT_NEAR(j["margin"].get<double>(), check.score - check.runner_up, 1e-3);
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
