#include "spec/energy_shape.h"

#include <gtest/gtest.h>

namespace tunesmith {
namespace {

TEST(EnergyShape, EmptyOpsGiveNoPoints) { EXPECT_TRUE(paint_energy({}, Seconds(60.0)).empty()); }

TEST(EnergyShape, RegionOverBaseMakesSteps) {
    const auto points = paint_energy({{{0.0, true}, {0.25, true}, 0.2, 0.2, 2}}, Seconds(40.0));
    EXPECT_EQ(points, (std::vector<EnergyPoint>{{Seconds(0.0), 0.2}, {Seconds(10.0), 0.2},
                                                {Seconds(10.0), kBaseEnergy}, {Seconds(40.0), kBaseEnergy}}));
}

TEST(EnergyShape, HigherPriorityClipsARamp) {
    // A build 0.3 -> 0.9 over 60 s, with a quiet intro painted over its first 12 s.
    const auto points = paint_energy({{{0.0, true}, {1.0, true}, 0.3, 0.9, 1}, {{0.0, false}, {12.0, false}, 0.1, 0.1, 2}},
                                     Seconds(60.0));
    ASSERT_EQ(points.size(), 4u);
    EXPECT_DOUBLE_EQ(points[1].time.value, 12.0);
    EXPECT_DOUBLE_EQ(points[2].level, 0.3 + 0.6 * 12.0 / 60.0);
    EXPECT_DOUBLE_EQ(points[3].level, 0.9);
}

TEST(EnergyShape, AbsoluteTimesAreClampedToTheLength) {
    const auto points = paint_energy({{{50.0, false}, {90.0, false}, 1.0, 1.0, 2}}, Seconds(60.0));
    EXPECT_DOUBLE_EQ(points.back().time.value, 60.0);
    EXPECT_DOUBLE_EQ(points.back().level, 1.0);
}

}  // namespace
}  // namespace tunesmith
