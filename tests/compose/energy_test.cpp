// Tests for compose/energy: the default arc, energy points, lifts and drops, section levels and
// endings, measured as means and end values of the per-bar curve.
#include "compose/energy.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "base/random.h"

namespace tunesmith {
namespace {

// A request of `bars` bars of 2 s each (bar centres at 1, 3, 5... s).
EnergyRequest request_of(int bars) {
    EnergyRequest r;
    r.bars = bars;
    for (int b = 0; b < bars; ++b) r.bar_centre_seconds.push_back(2.0 * b + 1.0);
    return r;
}

double half_mean(const std::vector<double>& e, bool second) {
    const int n = static_cast<int>(e.size());
    return second ? mean_energy(e, n / 2, n - n / 2) : mean_energy(e, 0, n / 2);
}

TEST(Energy, DefaultArcStartsLowPeaksLateAndResolves) {
    const std::vector<double> e = plan_bar_energy(request_of(40));
    ASSERT_EQ(e.size(), 40u);
    EXPECT_LT(half_mean(e, false), half_mean(e, true));
    const auto peak = std::max_element(e.begin(), e.end()) - e.begin();
    EXPECT_GE(peak, 26);  // ~70-80% of the cue
    EXPECT_LE(peak, 32);
    EXPECT_LT(e.front(), 0.45);
    EXPECT_GT(*std::max_element(e.begin(), e.end()), 0.8);
    EXPECT_LT(e.back(), e[static_cast<std::size_t>(peak)] - 0.2);
}

TEST(Energy, SparseFirstHalfFromPoints) {
    EnergyRequest r = request_of(32);  // 64 s
    r.points = {{Seconds(0.0), 0.2}, {Seconds(31.0), 0.25}, {Seconds(33.0), 0.8}, {Seconds(64.0), 0.85}};
    const std::vector<double> e = plan_bar_energy(r);
    EXPECT_LT(half_mean(e, false), 0.3);
    EXPECT_GT(half_mean(e, true), 0.7);
    EXPECT_NEAR(e[0], 0.2 + 0.05 * 1.0 / 31.0, 1e-9);  // linear at the bar centre (1 s)
}

// "sparse first half, lift at 40 s" over 64 s: the energy must arrive at the lift, not at the half.
TEST(Energy, LiftAfterASparseHalfIsWhereTheEnergyArrives) {
    EnergyRequest r = request_of(32);  // 2 s per bar
    r.points = {{Seconds(0.0), 0.2}, {Seconds(32.0), 0.2}, {Seconds(32.0), 0.75}, {Seconds(64.0), 0.75}};
    r.hits = {{20, "lift"}};
    const std::vector<double> e = plan_bar_energy(r);
    for (int b = 0; b < 16; ++b) EXPECT_NEAR(e[static_cast<std::size_t>(b)], 0.2, 1e-9) << "bar " << b;
    for (int b = 16; b < 20; ++b) EXPECT_LE(e[static_cast<std::size_t>(b)], e[20] - 0.3 + 1e-9) << "bar " << b;
    EXPECT_GT(e[16], 0.2);  // the bars between the half and the lift build
    EXPECT_GE(e[20], 0.75);
}

TEST(Energy, PointsAreHeldBeyondTheirEnds) {
    const std::vector<EnergyPoint> points{{Seconds(10.0), 0.3}, {Seconds(20.0), 0.7}};
    EXPECT_DOUBLE_EQ(interpolate_points(points, 0.0), 0.3);
    EXPECT_DOUBLE_EQ(interpolate_points(points, 15.0), 0.5);
    EXPECT_DOUBLE_EQ(interpolate_points(points, 99.0), 0.7);
}

TEST(Energy, LiftRaisesTheFollowingBars) {
    EnergyRequest plain = request_of(32);
    EnergyRequest lifted = plain;
    lifted.hits = {{12, "lift"}};
    const auto a = plan_bar_energy(plain);
    const auto b = plan_bar_energy(lifted);
    for (int bar = 12; bar < 20; ++bar) EXPECT_GT(b[static_cast<std::size_t>(bar)], a[static_cast<std::size_t>(bar)] + 0.1);
    EXPECT_GT(b[12] - b[11], a[12] - a[11] + 0.2);  // a clear step up at the lift
    EXPECT_EQ(b[0], a[0]);
}

TEST(Energy, DropLowersTheFollowingBars) {
    EnergyRequest plain = request_of(32);
    EnergyRequest dropped = plain;
    dropped.hits = {{20, "drop"}, {8, "cut"}};
    const auto a = plan_bar_energy(plain);
    const auto b = plan_bar_energy(dropped);
    for (int bar = 20; bar < 24; ++bar) EXPECT_LT(b[static_cast<std::size_t>(bar)], a[static_cast<std::size_t>(bar)] - 0.1);
    EXPECT_EQ(b[8], a[8]);  // a cut does not change energy
}

TEST(Energy, FadeOutEndsLowAndBigFinishEndsHigh) {
    EnergyRequest r = request_of(24);
    r.ending = Ending::fade_out;
    const auto faded = plan_bar_energy(r);
    EXPECT_LE(faded.back(), 0.1 + 1e-9);
    EXPECT_LT(faded.back(), faded[faded.size() - 4]);
    r.ending = Ending::big_finish;
    const auto big = plan_bar_energy(r);
    EXPECT_GE(big.back(), 0.99);
    EXPECT_EQ(std::max_element(big.begin(), big.end()) - big.begin(), 23);
}

TEST(Energy, GivenSectionLevelsSetTheSectionMean) {
    EnergyRequest r = request_of(24);
    r.sections = {{0, 8, 0.2}, {8, 8, 0.9}, {16, 8, 0.5}};
    const auto e = plan_bar_energy(r);
    EXPECT_NEAR(mean_energy(e, 0, 8), 0.2, 1e-9);
    EXPECT_NEAR(mean_energy(e, 8, 8), 0.9, 0.02);  // may clip at 1.0
    EXPECT_NEAR(mean_energy(e, 16, 8), 0.5, 1e-9);
}

TEST(Energy, StaysInRangeForRandomRequests) {
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        Rng rng(seed);
        EnergyRequest r = request_of(rng.range(1, 200));
        for (int i = rng.range(0, 5); i > 0; --i) r.points.push_back({Seconds(rng.uniform(-10.0, 500.0)), rng.uniform()});
        for (int i = rng.range(0, 6); i > 0; --i) r.hits.push_back({rng.range(0, r.bars), rng.chance(0.5) ? "lift" : "drop"});
        r.ending = static_cast<Ending>(rng.range(0, 3));
        const auto e = plan_bar_energy(r);
        ASSERT_EQ(static_cast<int>(e.size()), r.bars);
        for (double v : e) {
            EXPECT_GE(v, 0.0);
            EXPECT_LE(v, 1.0);
        }
    }
}

TEST(Energy, EndingSpanIsTwoToFourBars) {
    EXPECT_EQ(ending_bars(1), 1);
    EXPECT_EQ(ending_bars(8), 2);
    EXPECT_EQ(ending_bars(24), 3);
    EXPECT_EQ(ending_bars(400), 4);
}

}  // namespace
}  // namespace tunesmith
