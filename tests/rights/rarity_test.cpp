// Tests for rights/rarity: common figures (scale runs, repeated notes) weigh little, distinctive
// leap patterns weigh a lot, and a tiny index weighs every figure the same.
#include <gtest/gtest.h>

#include "melody_disguise.h"
#include "rights/rarity.h"

namespace tunesmith {
namespace {

MelodyFeatures features_of(const std::vector<int>& pitches) {
    MelodyLine line;
    for (int p : pitches) {
        line.pitches.push_back(static_cast<std::uint8_t>(p));
        line.iois.push_back(12);
    }
    return melody_features(line);
}

TEST(IntervalRarity, CommonFiguresWeighLessThanDistinctiveLeaps) {
    IntervalRarity rarity;
    for (int i = 0; i < 200; ++i) rarity.add(melody_features(testing_disguise::pop_like_melody(64, Rng(static_cast<std::uint64_t>(i)))));
    const auto run = rarity.step_weights(features_of({60, 62, 64, 65, 67}));  // the generator's scale run
    const auto repeated = rarity.step_weights(features_of({67, 67, 67, 67, 67, 67, 67, 67}));
    const auto leaps = rarity.step_weights(features_of({60, 69, 62, 74, 63, 70, 58, 67}));
    const auto mean = [](const std::vector<double>& w) {
        double s = 0.0;
        for (double x : w) s += x;
        return s / static_cast<double>(w.size());
    };
    EXPECT_LT(mean(repeated), 0.5 * rarity.reference_weight());
    EXPECT_LT(mean(run), rarity.reference_weight());
    EXPECT_GT(mean(leaps), 1.5 * rarity.reference_weight());
    EXPECT_EQ(rarity.documents(), 200u);
}

TEST(IntervalRarity, OneMelodyWeighsEveryFigureTheSame) {
    IntervalRarity rarity;
    const MelodyFeatures f = features_of({60, 62, 64, 60, 67, 65, 64, 62, 60});
    rarity.add(f);
    const auto w = rarity.step_weights(f);
    ASSERT_EQ(w.size(), f.size());
    for (double x : w) EXPECT_NEAR(x, rarity.reference_weight(), 1e-9);
    EXPECT_GT(rarity.reference_weight(), 1.0);
    EXPECT_TRUE(IntervalRarity::gram_keys(features_of({60, 62, 64})).empty());  // two steps: no 3-gram
}

}  // namespace
}  // namespace tunesmith
