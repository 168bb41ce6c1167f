// Tests for src/video/dip.cpp: dips through white and black between shots that change every frame
// without rigid motion (an automaton, noise), found from the pictures' contrast, and through a colour;
// a cut to a black shot and back, a dissolve, a single flash and a pan onto a flat patch are no dips.
// A dip's fit alone tells it (Dip::stands_alone) when its luma or colour comes back as a mix's does.
#include "video/dip.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace tunesmith {
namespace {

using Picture = std::vector<double>;

// A picture that is new every frame (`seed`): hashed values around mid grey in all planes, with the
// contrast of busy content (an automaton, noise). No motion relates one frame to the next.
Picture busy(int seed) {
    Picture p(Thumbnails::kSize);
    for (std::size_t i = 0; i < p.size(); ++i) {
        const unsigned hash = static_cast<unsigned>(i) * 2654435761u ^ static_cast<unsigned>(seed) * 40503u * 2246822519u;
        const double spread = i < Thumbnails::kPlane ? 140.0 : 60.0;
        p[i] = (i < Thumbnails::kPlane ? 60.0 : 98.0) + static_cast<double>(hash % 1000u) / 1000.0 * spread;
    }
    return p;
}

// A uniform picture of luma `y` (no colour).
Picture uniform(double y) {
    Picture p(Thumbnails::kSize, 128.0);
    std::fill_n(p.begin(), Thumbnails::kPlane, y);
    return p;
}

Picture mix(const Picture& a, double w, const Picture& u) {
    Picture out(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) out[i] = w * a[i] + (1.0 - w) * u[i];
    return out;
}

void add(Thumbnails& t, const Picture& p) {
    std::vector<std::uint8_t> bytes(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) bytes[i] = static_cast<std::uint8_t>(std::lround(std::clamp(p[i], 0.0, 255.0)));
    t.add_pixels(bytes);
}

// 40 frames of a busy shot A, a dip of `out` frames to the uniform picture and `in` frames from it
// (as FFmpeg's fadewhite and fadeblack: the way out is short), then 40 frames of a busy shot B.
// Both shots keep changing through the dip. The transition is frames 40 .. 39 + out + in.
Thumbnails dip_video(int out, int in, double level) {
    Thumbnails t;
    const Picture u = uniform(level);
    int f = 0;
    for (; f < 40; ++f) add(t, busy(f));
    for (int i = 1; i <= out; ++i, ++f) add(t, mix(busy(f), 1.0 - static_cast<double>(i) / out, u));
    for (int i = 1; i <= in; ++i, ++f) add(t, mix(busy(1000 + f), static_cast<double>(i) / (in + 1), u));
    for (int i = 0; i < 40; ++i, ++f) add(t, busy(1000 + f));
    return t;
}

TEST(Dip, DipToWhiteBetweenChangingShotsIsCentredOnItsMiddle) {
    // 5 frames out to white, 15 in: frames 40..59, the middle is frame 50 (the white is frame 44).
    const Thumbnails t = dip_video(5, 15, 235.0);
    const Dip dip = fit_dip(t, 38, 52, 0, static_cast<std::int64_t>(t.size()) - 1, 50);
    ASSERT_TRUE(dip.dip);
    EXPECT_GE(dip.first_frame, 39);
    EXPECT_LE(dip.first_frame, 41);
    EXPECT_GE(dip.last_frame, 57);
    EXPECT_LE(dip.last_frame, 60);
    EXPECT_NEAR(static_cast<double>(dip.centre), 50.0, 1.0);
}

TEST(Dip, DipToBlackOfAnyLevelIsFound) {
    for (const double level : {0.0, 16.0}) {
        const Thumbnails t = dip_video(4, 8, level);  // frames 40..51, middle 46
        const Dip dip = fit_dip(t, 38, 52, 0, static_cast<std::int64_t>(t.size()) - 1, 50);
        ASSERT_TRUE(dip.dip) << level;
        EXPECT_NEAR(static_cast<double>(dip.centre), 46.0, 1.0) << level;
    }
}

// Session 14, second pass: a dip to black between shots that change every frame stands on its own fit.
TEST(Dip, DipToBlackStandsOnItsOwnFit) {
    for (const double level : {0.0, 16.0}) {
        const Thumbnails t = dip_video(4, 8, level);
        const Dip dip = fit_dip(t, 38, 52, 0, static_cast<std::int64_t>(t.size()) - 1, 50);
        ASSERT_TRUE(dip.dip) << level;
        EXPECT_TRUE(dip.stands_alone) << level;
    }
}

// Frames whose contrast falls as a dip's does (weight w) while their mean luma moves towards black by
// w^2, as a black patch covering a share of the picture moves it: the fit finds a dip, but the luma
// does not come back as a mix's does, so the fit alone does not tell it.
TEST(Dip, ContrastFallingFasterThanTheLumaDoesNotStandAlone) {
    const auto frames = [](bool as_mix) {
        Thumbnails t;
        for (int f = 0; f < 100; ++f) {
            const double w = std::clamp(std::fabs(f - 50) / 8.0, 0.0, 1.0);  // flat at frame 50
            const Picture p = busy(f);
            double mean = 0.0;
            for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) mean += p[i] / static_cast<double>(Thumbnails::kPlane);
            const double level = 16.0 + (as_mix ? w : w * w) * (mean - 16.0);
            Picture q(p.size());
            for (std::size_t i = 0; i < p.size(); ++i)
                q[i] = i < Thumbnails::kPlane ? level + w * (p[i] - mean) : 128.0 + w * (p[i] - 128.0);
            add(t, q);
        }
        return t;
    };
    const Dip mixed = fit_dip(frames(true), 40, 60, 0, 99, 50);
    ASSERT_TRUE(mixed.dip);
    EXPECT_TRUE(mixed.stands_alone);
    const Dip covered = fit_dip(frames(false), 40, 60, 0, 99, 50);
    ASSERT_TRUE(covered.dip);
    EXPECT_FALSE(covered.stands_alone);
}

// Session 14, second pass: FFmpeg's fadeblack takes the first shot out in the first fifth of the
// transition, so out of a shot that is not busy the way out can be two frames (weights 0.72, then
// 0.02: a step of 0.7), then 12 frames in (frames 40..53, middle 47). It was a hard cut at the black.
TEST(Dip, DipWithATwoFrameWayOutIsOneDip) {
    Thumbnails t;
    const Picture black = uniform(16.0);
    int f = 0;
    for (; f < 40; ++f) add(t, busy(f));
    for (const double w : {0.72, 0.02}) add(t, mix(busy(f++), w, black));
    for (int i = 1; i <= 12; ++i, ++f) add(t, mix(busy(1000 + f), i / 13.0, black));
    for (int i = 0; i < 40; ++i, ++f) add(t, busy(1000 + f));
    const Dip dip = fit_dip(t, 38, 52, 0, static_cast<std::int64_t>(t.size()) - 1, 50);
    ASSERT_TRUE(dip.dip);
    EXPECT_NEAR(static_cast<double>(dip.centre), 47.0, 1.0);
}

// A cut to a black shot and a cut back are two cuts: the contrast drops in one frame.
TEST(Dip, CutToABlackShotAndBackIsNoDip) {
    Thumbnails t;
    for (int f = 0; f < 40; ++f) add(t, busy(f));
    for (int f = 0; f < 10; ++f) add(t, uniform(16.0));
    for (int f = 0; f < 40; ++f) add(t, busy(1000 + f));
    EXPECT_FALSE(fit_dip(t, 38, 52, 0, static_cast<std::int64_t>(t.size()) - 1, 50).dip);
}

// A dissolve passes through no uniform picture, and a one-frame flash is too short to be a dip.
TEST(Dip, DissolveAndFlashAreNoDips) {
    Thumbnails dissolve, flash;
    for (int f = 0; f < 100; ++f) {
        const double w = std::clamp((f - 40) / 20.0, 0.0, 1.0);
        Picture p(Thumbnails::kSize);
        const Picture a = busy(f), b = busy(1000 + f);
        for (std::size_t i = 0; i < p.size(); ++i) p[i] = (1.0 - w) * a[i] + w * b[i];
        add(dissolve, p);
        add(flash, f == 45 ? mix(busy(f), 0.15, uniform(235.0)) : busy(f));
    }
    EXPECT_FALSE(fit_dip(dissolve, 40, 60, 0, 99, 50).dip);
    EXPECT_FALSE(fit_dip(flash, 40, 50, 0, 99, 50).dip);
}

// Session 13: a dip through a colour (a custom transition through dark blue, Y 40, U 170, V 110).
Picture dark_blue() {
    Picture p(Thumbnails::kSize, 40.0);
    std::fill_n(p.begin() + Thumbnails::kPlane, Thumbnails::kPlane, 170.0);
    std::fill_n(p.begin() + 2 * Thumbnails::kPlane, Thumbnails::kPlane, 110.0);
    return p;
}

// 12 frames out to the colour and 12 in (frames 40..63, the blue is frame 51): found and centred
// (it was no dip: the colour counted as structure against neutral grey).
TEST(Dip, DipThroughAColourIsCentredOnItsMiddle) {
    Thumbnails t;
    const Picture blue = dark_blue();
    int f = 0;
    for (; f < 40; ++f) add(t, busy(f));
    for (int i = 1; i <= 12; ++i, ++f) add(t, mix(busy(f), 1.0 - i / 12.0, blue));
    for (int i = 1; i <= 12; ++i, ++f) add(t, mix(busy(1000 + f), i / 13.0, blue));
    for (int i = 0; i < 40; ++i, ++f) add(t, busy(1000 + f));
    const Dip dip = fit_dip(t, 44, 58, 0, static_cast<std::int64_t>(t.size()) - 1, 50);
    ASSERT_TRUE(dip.dip);
    EXPECT_NEAR(static_cast<double>(dip.centre), 52.0, 1.0);
}

// A shot panning onto a flat patch of that colour and off it again covers a growing share of the
// picture: its contrast falls as a dip's does, but its colour moves by the share (the square of a
// mix's weight), so it is no dip.
TEST(Dip, PanOntoAFlatPatchOfColourIsNoDip) {
    Thumbnails t;
    const Picture blue = dark_blue();
    for (int f = 0; f < 100; ++f) {
        const double share = std::clamp(1.0 - std::fabs(f - 50) / 10.0, 0.0, 1.0);  // all blue at frame 50
        Picture p = busy(f);
        for (std::size_t plane = 0; plane < 3; ++plane)
            for (int y = 0; y < Thumbnails::kHeight; ++y)
                for (int x = 0; x < Thumbnails::kWidth; ++x)
                    if (x < share * Thumbnails::kWidth) {
                        const std::size_t at = plane * Thumbnails::kPlane + static_cast<std::size_t>(y * Thumbnails::kWidth + x);
                        p[at] = blue[at];
                    }
        add(t, p);
    }
    EXPECT_FALSE(fit_dip(t, 40, 60, 0, 99, 50).dip);
}

}  // namespace
}  // namespace tunesmith
