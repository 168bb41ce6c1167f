// Tests for src/video/wipe.cpp: shape transitions built from two moving views of a set (a wipe from
// the left, a circle opening from the centre), found half-way through and classed as wipes; a
// dissolve and a cut are no wipes.
#include "video/wipe.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "video/cuts.h"
#include "thumbnail_pictures.h"

namespace tunesmith {
namespace {

using testing::collect;
using testing::set_view;

constexpr int kHalf = 10;  // the collector's half window at 25 fps

// Frames 0..139: shot A (a slow drift over one set, as a locked-off camera's small motion) until
// frame `start`, shot B (another set, drifting) from `start + length`; in between, pixel (x, y) of
// frame `start + k` is B with the weight `weight(x, y, k / length)` (progress 0..1), A with the rest.
std::vector<std::vector<std::uint8_t>> shape_transition(int start, int length,
                                                        const std::function<double(int, int, double)>& weight) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 140; ++f) {
        const std::vector<std::uint8_t> a = set_view(0.03 * f, 0.01 * f, 0);
        const std::vector<std::uint8_t> b = set_view(60.0 - 0.02 * f, 30.0, 4);
        std::vector<std::uint8_t> p = f < start ? a : b;
        if (f >= start && f < start + length) {
            const double progress = static_cast<double>(f - start) / length;
            for (int y = 0; y < Thumbnails::kHeight; ++y)
                for (int x = 0; x < Thumbnails::kWidth; ++x) {
                    const double w = weight(x, y, progress);
                    for (std::size_t plane = 0; plane < 3; ++plane) {
                        const std::size_t at = plane * Thumbnails::kPlane + static_cast<std::size_t>(y * Thumbnails::kWidth + x);
                        p[at] = static_cast<std::uint8_t>(std::lround((1.0 - w) * a[at] + w * b[at]));
                    }
                }
        }
        pictures.push_back(p);
    }
    return pictures;
}

// The one cut the detector finds, which must be a wipe within a frame of `middle`.
void expect_one_wipe_at(const std::vector<std::vector<std::uint8_t>>& pictures, double middle) {
    const testing::Collected c = collect(pictures, kHalf);
    const std::vector<Cut> cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].kind, CutClass::wipe);
    EXPECT_NEAR(static_cast<double>(cuts[0].frame), middle, 1.0);
    EXPECT_LE(cuts[0].first_frame, cuts[0].frame);
    EXPECT_GE(cuts[0].last_frame, cuts[0].frame);
}

// A 14-frame wipe from the left (frames 60..73, as FFmpeg's xfade wiperight): half-way at frame 67.
// The blend model sees no mix there (each pixel is one picture or the other), so without the wipe
// model it is missed or read as cuts.
TEST(Wipe, WipeFromTheLeftIsFoundHalfWayAndClassedWipe) {
    expect_one_wipe_at(shape_transition(60, 14, [](int x, int, double p) { return x < p * Thumbnails::kWidth ? 1.0 : 0.0; }), 67.0);
}

// A 16-frame circle opening from the centre with a soft edge, as FFmpeg's xfade circleopen (frames
// 60..75; each pixel mixes over a third of it, the centre first): half-way at frame 68.
TEST(Wipe, CircleOpeningIsFoundHalfWayAndClassedWipe) {
    const double reach = std::hypot(Thumbnails::kWidth / 2.0, Thumbnails::kHeight / 2.0);
    const auto opening = [reach](int x, int y, double p) {
        const double r = std::hypot(x + 0.5 - Thumbnails::kWidth / 2.0, y + 0.5 - Thumbnails::kHeight / 2.0);
        const double edge = std::clamp(r / reach + (0.5 - p) * 3.0, 0.0, 1.0);
        return 1.0 - edge * edge * (3.0 - 2.0 * edge);  // 1 - smoothstep
    };
    expect_one_wipe_at(shape_transition(60, 16, opening), 68.0);
}

// Guards: a dissolve (every pixel mixes at once) and a cut (every pixel switches in one frame)
// are no wipes for the model.
TEST(Wipe, DissolveAndCutAreNoWipes) {
    std::vector<std::vector<std::uint8_t>> dissolve;
    for (int f = 0; f < 140; ++f) {
        const std::vector<std::uint8_t> a = set_view(0.03 * f, 0.0, 0), b = set_view(60.0, 30.0, 4);
        const double w = std::clamp((f - 59) / 15.0, 0.0, 1.0);
        std::vector<std::uint8_t> p(a.size());
        for (std::size_t i = 0; i < p.size(); ++i) p[i] = static_cast<std::uint8_t>(std::lround((1.0 - w) * a[i] + w * b[i]));
        dissolve.push_back(p);
    }
    const testing::Collected d = collect(dissolve, kHalf);
    EXPECT_FALSE(fit_wipe(d.thumbnails, 20, 120, 50).wipe);
    const testing::Collected cut = collect(shape_transition(60, 0, [](int, int, double) { return 1.0; }), kHalf);
    EXPECT_FALSE(fit_wipe(cut.thumbnails, 20, 120, 50).wipe);
    const std::vector<Cut> cuts = detect_cuts(cut.signals, cut.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].kind, CutClass::hard);
    EXPECT_EQ(cuts[0].frame, 60);
}

}  // namespace
}  // namespace tunesmith
