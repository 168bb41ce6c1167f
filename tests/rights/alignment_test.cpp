// Tests for rights/alignment: the window normalisation (a short copy does not saturate, a long
// query does not dilute), the minimum match length, rhythm agreement, ornaments and moved notes.
#include <gtest/gtest.h>

#include "melody_disguise.h"
#include "rights/alignment.h"

namespace tunesmith {
namespace {

using testing_disguise::excerpt;
using testing_disguise::random_melody;

double similarity(const MelodyLine& query, const MelodyLine& known) {
    return alignment_similarity(melody_features(query), melody_features(known));
}

MelodyLine joined(const MelodyLine& a, const MelodyLine& b) {
    MelodyLine out = a;
    out.pitches.insert(out.pitches.end(), b.pitches.begin(), b.pitches.end());
    out.iois.insert(out.iois.end(), b.iois.begin(), b.iois.end());
    return out;
}

TEST(Alignment, ACopyScoresOneAndNothingScoresZero) {
    const MelodyLine known = random_melody(40, Rng(3));
    EXPECT_DOUBLE_EQ(similarity(known, known), 1.0);
    EXPECT_EQ(alignment_similarity(MelodyFeatures{}, melody_features(known)), 0.0);
}

TEST(Alignment, FewerThanEightMatchedNotesNeverScore) {
    const MelodyLine known = random_melody(40, Rng(4));
    EXPECT_EQ(similarity(excerpt(known, 5, 7), known), 0.0);  // 7 notes: 6 steps
    EXPECT_GT(similarity(excerpt(known, 5, 8), known), 0.0);  // 8 notes: 7 steps
}

TEST(Alignment, AShortCopyDoesNotSaturate) {
    // 11 matched steps of a 20-step window: the score is the share of the window, not 1.
    const MelodyLine known = random_melody(40, Rng(5));
    EXPECT_NEAR(similarity(excerpt(known, 10, 12), known), 11.0 / 20.0, 1e-9);
}

TEST(Alignment, ALongQueryDoesNotDiluteACopiedPhrase) {
    const MelodyLine known = random_melody(60, Rng(6));
    const MelodyLine phrase = excerpt(known, 20, 21);  // 20 steps: one full window
    const MelodyLine query = joined(joined(random_melody(60, Rng(60)), phrase), random_melody(60, Rng(61)));
    EXPECT_GE(similarity(query, known), 0.95);
    EXPECT_LT(similarity(random_melody(141, Rng(62)), known), 0.3);
}

TEST(Alignment, EqualIntervalsWithADifferentRhythmDoNotMatch) {
    MelodyLine known = random_melody(40, Rng(7));
    MelodyLine query = known;
    for (std::size_t i = 0; i < known.size(); ++i) {
        known.iois[i] = i % 2 == 0 ? 6 : 18;  // long-short against even notes
        query.iois[i] = 12;
    }
    EXPECT_EQ(similarity(query, known), 0.0);
}

TEST(Alignment, OrnamentsAndChangedNotesStillAlign) {
    const MelodyLine known = random_melody(48, Rng(8));
    testing_disguise::Disguise ornaments;
    ornaments.change_rate = 0.0;
    ornaments.rhythm_jitter = 0.0;
    ornaments.ornament_rate = 0.2;
    EXPECT_GE(similarity(testing_disguise::disguise(known, ornaments, Rng(9)), known), 0.7);
    EXPECT_GE(similarity(testing_disguise::disguise(known, testing_disguise::Disguise{}, Rng(10)), known), 0.5);
}

TEST(Alignment, AMovedNoteCostsLessThanTwoChangedIntervals) {
    const MelodyLine known = random_melody(41, Rng(12));
    MelodyLine moved = known;
    for (std::size_t i : {4u, 10u, 16u, 22u, 28u, 34u}) moved.pitches[i] = static_cast<std::uint8_t>(moved.pitches[i] + (i % 4 == 0 ? 1 : -2));
    AlignmentOptions off;
    off.changed_note = 0.0;
    AlignmentOptions on;
    on.changed_note = 0.5;
    const double without = alignment_similarity(melody_features(moved), melody_features(known), off);
    const double with = alignment_similarity(melody_features(moved), melody_features(known), on);
    // Two steps of a moved note earn half their credit instead of near-miss penalties (or a
    // bridge): about 0.04 more per moved note, and every window holds three.
    EXPECT_GT(with, without + 0.08);
    EXPECT_LT(with, 1.0);
    // Unrelated melodies gain little: a moved note needs equal sums and agreeing rhythm, inside an alignment.
    const MelodyLine other = random_melody(41, Rng(13));
    EXPECT_LT(alignment_similarity(melody_features(other), melody_features(known), on),
              alignment_similarity(melody_features(other), melody_features(known), off) + 0.1);
}

}  // namespace
}  // namespace tunesmith
