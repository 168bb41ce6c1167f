// Tests for src/video/slide.cpp: a slide (the old picture pushed out of the frame by the new one)
// found half-way and classed as a wipe; a fast pan that goes on, or starts and goes on, is no slide.
#include "video/slide.h"

#include <gtest/gtest.h>

#include <cmath>

#include "video/cuts.h"
#include "thumbnail_pictures.h"

namespace tunesmith {
namespace {

using testing::collect;
using testing::set_view;

constexpr int kHalf = 10;  // the collector's half window at 25 fps

// Frames 0..139: a still view of one set until frame 60, then a 12-frame slide up (frames 60..71,
// as FFmpeg's xfade slideup): the picture moves up by progress x 18 rows and the view of another
// set comes in below it; that view holds from frame 72 on.
std::vector<std::vector<std::uint8_t>> slide_up() {
    constexpr int kStart = 60, kLength = 12;
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 140; ++f) {
        const double offset = std::clamp(static_cast<double>(f - kStart) / kLength, 0.0, 1.0) * Thumbnails::kHeight;
        const std::vector<std::uint8_t> a = set_view(10.0, offset, 0);
        const std::vector<std::uint8_t> b = set_view(70.0, 40.0 - Thumbnails::kHeight + offset, 3);
        std::vector<std::uint8_t> p(a.size());
        for (int y = 0; y < Thumbnails::kHeight; ++y)
            for (std::size_t plane = 0; plane < 3; ++plane)
                for (int x = 0; x < Thumbnails::kWidth; ++x) {
                    const std::size_t at = plane * Thumbnails::kPlane + static_cast<std::size_t>(y * Thumbnails::kWidth + x);
                    p[at] = y < Thumbnails::kHeight - offset ? a[at] : b[at];
                }
        pictures.push_back(p);
    }
    return pictures;
}

TEST(Slide, SlideUpIsFoundHalfWayAndClassedWipe) {
    const testing::Collected c = collect(slide_up(), kHalf);
    const Slide slide = fit_slide(c.thumbnails, 20, 120, 50);
    EXPECT_TRUE(slide.slide);
    EXPECT_NEAR(static_cast<double>(slide.centre), 66.0, 1.0);
    const std::vector<Cut> cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].kind, CutClass::wipe);
    EXPECT_NEAR(static_cast<double>(cuts[0].frame), 66.0, 1.0);
}

// A fast pan (1.4 pixels a frame) that goes on for 100 frames, and a still shot that starts
// panning as fast at frame 50 and goes on: neither is a slide, and neither has a cut.
TEST(Slide, PanThatGoesOnIsNoSlide) {
    std::vector<std::vector<std::uint8_t>> pan, starting;
    for (int f = 0; f < 140; ++f) {
        pan.push_back(set_view(1.4 * f, 0.2 * f, 1));
        starting.push_back(set_view(f < 50 ? 0.0 : 1.4 * (f - 50), 0.0, 2));
    }
    for (const auto& pictures : {pan, starting}) {
        const testing::Collected c = collect(pictures, kHalf);
        EXPECT_FALSE(fit_slide(c.thumbnails, 10, 130, 50).slide);
        EXPECT_TRUE(detect_cuts(c.signals, c.thumbnails, kHalf).empty());
    }
}

}  // namespace
}  // namespace tunesmith
