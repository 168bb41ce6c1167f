// Tests for src/video/gradual_change.cpp: a squeeze out of a texture that changes every frame (no
// specific model explains it: its pixels move, and the shot's own frames never hold still) is found
// at its middle by the catch-all test; shots that change steadily by themselves (a slow zoom, a pan,
// a zoom that starts, the texture alone) and light changing on one shot (washes, a lamp) are no
// transitions.
#include "video/gradual_change.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "video/cuts.h"
#include "thumbnail_pictures.h"

namespace tunesmith {
namespace {

using testing::collect;
using testing::set_view;
using Picture = std::vector<std::uint8_t>;

constexpr int kHalf = 10;  // the collector's half window at 25 fps
constexpr int kW = Thumbnails::kWidth, kH = Thumbnails::kHeight;

// A texture that changes every frame without moving as a whole (as plasma or water): two sharp-edged
// waves drifting different ways (sharp, so no frame is a mix of two others), warm colours.
Picture texture(int frame) {
    Picture p(Thumbnails::kSize);
    const double t = frame;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            const auto at = static_cast<std::size_t>(y * kW + x);
            p[at] = static_cast<std::uint8_t>(std::lround(120.0 + 45.0 * std::tanh(3.0 * std::sin(x / 2.5 + 0.25 * t) * std::cos(y / 2.0 - 0.15 * t)) +
                                                           30.0 * std::tanh(3.0 * std::sin((x - y) / 3.0 - 0.35 * t))));
            p[Thumbnails::kPlane + at] = static_cast<std::uint8_t>(std::lround(163.0 + 10.0 * std::sin(0.3 * x + 0.1 * t)));
            p[2 * Thumbnails::kPlane + at] = static_cast<std::uint8_t>(std::lround(103.0 + 10.0 * std::cos(0.2 * y - 0.1 * t)));
        }
    return p;
}

// A plane value at a fractional column (linear between the two nearest pixels).
double sample_x(const Picture& p, std::size_t plane, double x, int y) {
    x = std::clamp(x, 0.0, kW - 1.0);
    const int x0 = std::min(static_cast<int>(x), kW - 2);
    const double w = x - x0;
    const std::size_t row = plane * Thumbnails::kPlane + static_cast<std::size_t>(y * kW);
    return (1.0 - w) * p[row + static_cast<std::size_t>(x0)] + w * p[row + static_cast<std::size_t>(x0 + 1)];
}

// FFmpeg's xfade squeezeh: the outgoing picture is squeezed into a band at the centre that narrows
// to nothing, the incoming one around it. Its pixels move; none holds one value and then switches.
Picture squeezed(const Picture& a, const Picture& b, double progress) {
    Picture out = b;
    const double width = (1.0 - progress) * kW, left = (kW - width) / 2.0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            const double inside = (x + 0.5 - left) / std::max(width, 1e-9);
            if (inside < 0.0 || inside >= 1.0) continue;
            for (std::size_t plane = 0; plane < 3; ++plane)
                out[plane * Thumbnails::kPlane + static_cast<std::size_t>(y * kW + x)] =
                    static_cast<std::uint8_t>(std::lround(sample_x(a, plane, inside * kW - 0.5, y)));
        }
    return out;
}

// Frames 0..139: the texture until frame 60, a slow pan over a set from frame 76, and a 16-frame
// squeeze between them (frames 60..75): its middle is frame 68.
std::vector<Picture> squeeze_out_of_the_texture() {
    std::vector<Picture> pictures;
    for (int f = 0; f < 140; ++f) {
        const Picture a = texture(f), b = set_view(10.0 + 0.05 * f, 5.0, 1);
        pictures.push_back(f < 60 ? a : f >= 76 ? b : squeezed(a, b, (f - 60) / 16.0));
    }
    return pictures;
}

std::vector<Cut> cuts_of(const std::vector<Picture>& pictures, const CutOptions& options = {}) {
    const testing::Collected c = collect(pictures, kHalf);
    return detect_cuts(c.signals, c.thumbnails, kHalf, options);
}

// The blend, dip, wipe and slide models explain none of it (before session 12 the only cut reported
// was a false fade inside the texture); the catch-all test finds it within a frame of its middle.
TEST(GradualChange, SqueezeOutOfAChangingTextureIsFoundAtItsMiddle) {
    const std::vector<Cut> cuts = cuts_of(squeeze_out_of_the_texture());
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_NE(cuts[0].kind, CutClass::hard);
    EXPECT_NEAR(static_cast<double>(cuts[0].frame), 68.0, 1.0);
}

// The finder alone: one strong change, its progress rising from the texture to the set.
TEST(GradualChange, FinderSeesTheSqueezeAsOneChangeBetweenTwoShots) {
    const testing::Collected c = collect(squeeze_out_of_the_texture(), kHalf);
    const std::vector<bool> none(c.thumbnails.size(), false);
    const GradualChangeFinder finder(c.thumbnails, none, 5 * kHalf);
    const std::vector<GradualChange> changes = finder.find(none, 5.0);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_NEAR(static_cast<double>(changes[0].centre), 68.0, 1.0);
    EXPECT_GE(changes[0].strength, 5.0);
    EXPECT_FALSE(changes[0].one_frame);
    EXPECT_LT(changes[0].first_frame, changes[0].centre);
    EXPECT_GT(changes[0].last_frame, changes[0].centre);
    ASSERT_FALSE(changes[0].progress.empty());
    EXPECT_LT(changes[0].progress.front().progress, 0.2);
    EXPECT_GT(changes[0].progress.back().progress, 0.8);
}

// Zooming into a set (the view narrows by 1% a frame), panning across it, or a zoom that starts after
// a still second and goes on: the pictures change all the time, but no more over one span than over
// the next, so no change between two shots. The texture alone: the blend model fits some of its
// frames as a mix of others, but its pictures before and after are no two shots (no support).
Picture zoomed(double scale) {
    Picture out(Thumbnails::kSize);
    const Picture wide = set_view(5.0, 2.0, 2);
    for (std::size_t plane = 0; plane < 3; ++plane)
        for (int y = 0; y < kH; ++y)
            for (int x = 0; x < kW; ++x) {
                const int sy = std::clamp(static_cast<int>(std::lround(kH / 2.0 + (y + 0.5 - kH / 2.0) / scale - 0.5)), 0, kH - 1);
                out[plane * Thumbnails::kPlane + static_cast<std::size_t>(y * kW + x)] =
                    static_cast<std::uint8_t>(std::lround(sample_x(wide, plane, kW / 2.0 + (x + 0.5 - kW / 2.0) / scale - 0.5, sy)));
            }
    return out;
}

TEST(GradualChange, SlowZoomPanAndAZoomThatStartsAreNoTransitions) {
    std::vector<Picture> zoom, pan, starts;
    for (int f = 0; f < 140; ++f) {
        zoom.push_back(zoomed(std::pow(1.01, f)));
        pan.push_back(set_view(0.4 * f, 0.1 * f, 3));
        starts.push_back(zoomed(f < 25 ? 1.0 : std::pow(1.015, f - 25)));
    }
    EXPECT_TRUE(cuts_of(zoom).empty());
    EXPECT_TRUE(cuts_of(pan).empty());
    EXPECT_TRUE(cuts_of(starts).empty());
}

TEST(GradualChange, ChangingTextureAloneIsNoTransition) {
    std::vector<Picture> pictures;
    for (int f = 0; f < 140; ++f) pictures.push_back(texture(f));
    EXPECT_TRUE(cuts_of(pictures).empty());
}

// Session 13: light that changes on one shot. `gain(f)` brightens frame f of a slow pan over a set
// (the luma moved towards white by that share).
std::vector<Picture> lit_pan(double (*gain)(int)) {
    std::vector<Picture> pictures;
    for (int f = 0; f < 140; ++f) {
        Picture p = set_view(3.0 + 0.05 * f, 4.0, 2);
        for (std::size_t i = 0; i < Thumbnails::kPlane; ++i)
            p[i] = static_cast<std::uint8_t>(std::lround(p[i] + gain(f) * (235.0 - p[i])));
        pictures.push_back(p);
    }
    return pictures;
}

// Street lights washing over a night drive: every 35 frames the picture brightens and darkens again
// over about 8 frames (longer than a flash). Each wash is a change and its return; the catch-all test
// took the return as a change between two shots (before session 13: false fades on the washes).
TEST(GradualChange, LightWashingOverAShotIsNoTransition) {
    const auto wash = [](int f) { return 0.45 * std::pow(std::max(0.0, std::sin(f * std::numbers::pi / 35.0)), 12.0); };
    EXPECT_TRUE(cuts_of(lit_pan(wash)).empty());
}

// A lamp that brightens the shot over 15 frames and stays on: the two sides differ (their colours
// and layout), but they are one picture in another light (before session 13: a false fade).
TEST(GradualChange, LampBrighteningAShotIsNoTransition) {
    const auto lamp = [](int f) { return 0.35 * std::clamp((f - 60) / 15.0, 0.0, 1.0); };
    const testing::Collected c = collect(lit_pan(lamp), kHalf);
    const std::vector<bool> none(c.thumbnails.size(), false);
    const std::vector<GradualChange> changes = GradualChangeFinder(c.thumbnails, none, 5 * kHalf).find(none, 5.0);
    ASSERT_FALSE(changes.empty());  // a change the finder sees, and marks as a change of light
    for (const GradualChange& g : changes) EXPECT_TRUE(g.relit) << g.centre;
    EXPECT_TRUE(cuts_of(lit_pan(lamp)).empty());
}

}  // namespace
}  // namespace tunesmith
