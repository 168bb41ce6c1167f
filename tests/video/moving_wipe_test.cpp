// Tests for src/video/moving_wipe.cpp: a clock (radial) wipe out of a fast pan into a still shot is
// found half-way and classed as a wipe, though the still-shot model cannot see it; a fast pan that
// goes on, and a cut between two fast pans, are no wipes.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>

#include "video/cuts.h"
#include "video/wipe.h"
#include "thumbnail_pictures.h"

namespace tunesmith {
namespace {

using testing::collect;
using testing::set_view;

constexpr int kHalf = 10;        // the collector's half window at 25 fps
constexpr double kPan = 0.8;     // thumbnail pixels a frame: a pan across the picture in 40 frames

// Frames 0..139: shot A, a fast pan over one set, until `start`; shot B, another set held still, from
// `start + length`; in between, pixel (x, y) of frame `start + k` is B where `switched(x, y, k / length)`.
std::vector<std::vector<std::uint8_t>> out_of_a_pan(int start, int length, const std::function<bool(int, int, double)>& switched) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 140; ++f) {
        const std::vector<std::uint8_t> a = set_view(kPan * f, 0.3 * f, 0);
        const std::vector<std::uint8_t> b = set_view(60.0, 30.0, 4);
        std::vector<std::uint8_t> p = f < start ? a : b;
        if (f >= start && f < start + length) {
            const double progress = static_cast<double>(f - start) / length;
            for (int y = 0; y < Thumbnails::kHeight; ++y)
                for (int x = 0; x < Thumbnails::kWidth; ++x)
                    if (!switched(x, y, progress))
                        for (std::size_t plane = 0; plane < 3; ++plane) {
                            const std::size_t at = plane * Thumbnails::kPlane + static_cast<std::size_t>(y * Thumbnails::kWidth + x);
                            p[at] = a[at];
                        }
        }
        pictures.push_back(p);
    }
    return pictures;
}

// A clock wipe, as FFmpeg's xfade radial: the incoming picture sweeps round the centre.
bool swept(int x, int y, double progress) {
    const double angle = std::atan2(y + 0.5 - Thumbnails::kHeight / 2.0, x + 0.5 - Thumbnails::kWidth / 2.0);
    return (angle + std::numbers::pi) / (2.0 * std::numbers::pi) < progress;
}

// An 18-frame clock wipe (frames 60..77) out of the pan: half-way at frame 69. The pan changes every
// pixel every frame, so no pixel holds two steady runs and the still-shot model finds nothing; moved
// on by the pan, the outgoing picture predicts each pixel until the sweep reaches it.
TEST(MovingWipe, ClockWipeOutOfAFastPanIsFoundHalfWayAndClassedWipe) {
    const testing::Collected c = collect(out_of_a_pan(60, 18, swept), kHalf);
    EXPECT_FALSE(fit_wipe(c.thumbnails, 20, 120, 50).wipe);
    const Wipe w = fit_moving_wipe(c.thumbnails, 69, 20, 120, kHalf, 50);
    EXPECT_TRUE(w.wipe);
    EXPECT_NEAR(static_cast<double>(w.centre), 69.0, 1.0);
    const std::vector<Cut> cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].kind, CutClass::wipe);
    EXPECT_NEAR(static_cast<double>(cuts[0].frame), 69.0, 1.0);
}

// A circle closing on the pan (the outgoing picture shrinks to the centre), 16 frames from frame 60:
// half-way at frame 68.
TEST(MovingWipe, CircleClosingOnAFastPanIsFoundHalfWay) {
    const double reach = std::hypot(Thumbnails::kWidth / 2.0, Thumbnails::kHeight / 2.0);
    const auto closing = [reach](int x, int y, double progress) {
        return std::hypot(x + 0.5 - Thumbnails::kWidth / 2.0, y + 0.5 - Thumbnails::kHeight / 2.0) > (1.0 - progress) * reach;
    };
    const testing::Collected c = collect(out_of_a_pan(60, 16, closing), kHalf);
    const std::vector<Cut> cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].kind, CutClass::wipe);
    EXPECT_NEAR(static_cast<double>(cuts[0].frame), 68.0, 1.0);
}

// Guards: a fast pan that goes on has nothing that switches; a cut between two fast pans switches
// every pixel in one frame. Neither is a wipe.
TEST(MovingWipe, FastPanAndCutBetweenPansAreNoWipes) {
    std::vector<std::vector<std::uint8_t>> pan, cut;
    for (int f = 0; f < 140; ++f) {
        pan.push_back(set_view(kPan * f, 0.3 * f, 0));
        cut.push_back(f < 70 ? set_view(kPan * f, 0.3 * f, 0) : set_view(80.0 - kPan * f, 20.0 + 0.2 * f, 3));
    }
    const testing::Collected p = collect(pan, kHalf);
    EXPECT_FALSE(fit_moving_wipe(p.thumbnails, 70, 20, 120, kHalf, 50).wipe);
    EXPECT_TRUE(detect_cuts(p.signals, p.thumbnails, kHalf).empty());
    const testing::Collected c = collect(cut, kHalf);
    EXPECT_FALSE(fit_moving_wipe(c.thumbnails, 70, 20, 120, kHalf, 50).wipe);
    const std::vector<Cut> cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].kind, CutClass::hard);
    EXPECT_EQ(cuts[0].frame, 70);
}

}  // namespace
}  // namespace tunesmith
