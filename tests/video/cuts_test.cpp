// Tests for src/video/cuts.cpp (and motion.cpp): cut detection on hand-built change signals with
// matching thumbnails (spikes, flashes, fast motion, a dissolve) and on a synthetic video made with ffmpeg.
#include "video/cuts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "video/analysis.h"
#include "video/frame_signals.h"
#include "video/motion.h"
#include "synthetic_video.h"
#include "thumbnail_pictures.h"

namespace tunesmith {
namespace {

using testing::collect;
using testing::Collected;
using testing::flashed;
using testing::picture;
using testing::set_view;

constexpr int kHalf = 10;  // gradual half window at 25 fps

// `n` frames of quiet motion (content 0.01, histogram 0.01) at 25 fps.
std::vector<FrameSignals> quiet(std::size_t n, double content = 0.01, double hist = 0.01) {
    std::vector<FrameSignals> s(n);
    for (std::size_t j = 0; j < n; ++j) {
        s[j].time = Rational(static_cast<std::int64_t>(j), 25);
        s[j].pts = static_cast<std::int64_t>(j);
        if (j == 0) continue;
        s[j].hist_prev = hist;
        s[j].content_prev = content;
        for (auto& b : s[j].back_hist) b = 2 * hist;
        for (auto& b : s[j].back_content) b = 2 * content;
        if (j >= 2 * kHalf) {
            s[j].wide_hist = 4 * hist;
            s[j].wide_content = 4 * content;
        }
    }
    return s;
}

// A hard cut at frame c: every comparison across it is large.
void add_cut(std::vector<FrameSignals>& s, std::size_t c, double hist = 0.7, double content = 0.25) {
    for (std::size_t j = c; j < s.size() && j < c + 2 * kHalf; ++j) {
        if (j == c) {
            s[j].hist_prev = hist;
            s[j].content_prev = content;
        }
        for (std::size_t m = 2; m <= kFlashSpan + 1; ++m)
            if (j - m < c) {
                s[j].back_hist[m - 2] = hist;
                s[j].back_content[m - 2] = content;
            }
        s[j].wide_hist = hist;
        s[j].wide_content = content;
    }
}

// `n` thumbnails: picture(1) before frame `cut` (if any), picture(2) from it on.
Thumbnails two_shots(std::size_t n, std::size_t cut) {
    Thumbnails t;
    for (std::size_t j = 0; j < n; ++j) t.add_pixels(picture(j < cut ? 1 : 2));
    return t;
}

// Every true cut found within one frame, with its class (hard or fade), and nothing else.
void expect_cuts_match(const VideoAnalysis& a, const std::vector<testing::Truth>& truth) {
    std::vector<std::int64_t> found;
    for (const auto& c : a.cuts) found.push_back(c.frame);
    ASSERT_EQ(a.cuts.size(), truth.size()) << ::testing::PrintToString(found);
    for (std::size_t i = 0; i < truth.size(); ++i) {
        EXPECT_LE(std::abs(a.cuts[i].frame - truth[i].frame), 1) << "cut " << i << " at " << truth[i].frame;
        EXPECT_EQ(a.cuts[i].kind != CutClass::hard, truth[i].gradual) << "cut " << i;
    }
}

TEST(Cuts, HardCutIsFoundOnItsFrameWithItsScore) {
    auto s = quiet(200);
    add_cut(s, 80);
    const auto cuts = detect_cuts(s, two_shots(s.size(), 80), kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 80);
    EXPECT_EQ(cuts[0].kind, CutClass::hard);
    EXPECT_EQ(cuts[0].time, Rational(80, 25));
    EXPECT_NEAR(cuts[0].score, 0.7, 1e-9);
}

TEST(Cuts, OneFrameFlashIsNotACut) {
    auto s = quiet(200);
    // Frame 60 is white: it differs from 59 and from 61, but 61 is like 59.
    s[60].hist_prev = 0.8;
    s[60].content_prev = 0.5;
    s[61].hist_prev = 0.8;
    s[61].content_prev = 0.5;
    s[61].back_hist[0] = 0.02;  // 61 vs 59
    s[61].back_content[0] = 0.02;
    for (std::size_t m = 3; m <= kFlashSpan + 1; ++m) {
        s[61 + m - 2].back_hist[m - 2] = 0.02;
        s[61 + m - 2].back_content[m - 2] = 0.02;
    }
    Thumbnails t = two_shots(60, 200);
    t.add_pixels(std::vector<std::uint8_t>(Thumbnails::kSize, 235));
    for (std::size_t j = 61; j < s.size(); ++j) t.add_pixels(picture(1));
    EXPECT_TRUE(detect_cuts(s, t, kHalf).empty());
}

// Session 8: a flash two frames before a cut. The flash's return to the old shot (frame 99) is a
// larger spike than the cut (frame 100), but it is the flash's: the cut is still found.
TEST(Cuts, CutRightAfterAFlashIsFound) {
    auto s = quiet(200);
    add_cut(s, 100);
    // Frame 98 is white: it differs from 97 and from 99, but 99 is like 97.
    s[98].hist_prev = 0.8;
    s[98].content_prev = 0.5;
    s[99].hist_prev = 0.8;
    s[99].content_prev = 0.5;
    s[99].back_hist[0] = 0.02;  // 99 vs 97
    s[99].back_content[0] = 0.02;
    Thumbnails t;
    for (std::size_t j = 0; j < s.size(); ++j)
        t.add_pixels(j == 98 ? std::vector<std::uint8_t>(Thumbnails::kSize, 235) : picture(j < 100 ? 1 : 2));
    const auto cuts = detect_cuts(s, t, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 100);
    EXPECT_EQ(cuts[0].kind, CutClass::hard);
}

// A shot whose content moves by `content` a frame (so `lag` frames apart differ by lag*content),
// with a histogram that stays put: the lag distances of a moving shot.
void moving_from(std::vector<FrameSignals>& s, std::size_t from, double content) {
    for (std::size_t j = from; j < s.size(); ++j) {
        s[j].content_prev = content;
        for (std::size_t m = 2; m <= kFlashSpan + 1; ++m)
            if (j - m >= from) s[j].back_content[m - 2] = std::min(0.3, static_cast<double>(m) * content);
    }
}

TEST(Cuts, FlashRightAfterACutIntoAMovingShotIsNotACut) {
    // A cut at 100 into a shot that moves by 0.06 a frame; frame 102 is a flash. Frame 103 is back
    // to the new shot: its histogram matches frame 101, its content differs from 101 by the shot's
    // own two-frame motion. The flash's spikes (102 and 103) are no cuts.
    auto s = quiet(200);
    moving_from(s, 100, 0.06);
    add_cut(s, 100);
    s[102].hist_prev = 0.45;  // the flash, against 101 and 100
    s[102].content_prev = 0.10;
    s[102].back_hist[0] = 0.45;
    s[102].back_content[0] = 0.11;
    s[103].hist_prev = 0.45;  // back from the flash
    s[103].content_prev = 0.10;
    s[103].back_hist[0] = 0.02;     // 103 vs 101: the same shot
    s[103].back_content[0] = 0.12;  // moved by the shot's own 2-frame motion
    s[104].back_hist[0] = 0.45;     // 104 vs 102 (the flash)
    s[104].back_content[0] = 0.10;
    Thumbnails t;
    for (std::size_t j = 0; j < s.size(); ++j)
        t.add_pixels(j == 102 ? std::vector<std::uint8_t>(Thumbnails::kSize, 235) : picture(j < 100 ? 1 : 2));
    const auto cuts = detect_cuts(s, t, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 100);
}

TEST(Cuts, CutOutOfAMovingShotIntoACalmOneIsNoFlash) {
    // Frames 0..99 move by 0.06 a frame (a fast rotation: the lag distances are as large as the cut);
    // the cut at 100 leads into a calm shot. The frames after the cut never return to the moving shot.
    auto s = quiet(200);
    moving_from(s, 1, 0.06);
    auto calm = quiet(200);
    for (std::size_t j = 101; j < s.size(); ++j) s[j] = calm[j];
    add_cut(s, 100, 0.25, 0.30);
    const auto cuts = detect_cuts(s, two_shots(s.size(), 100), kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 100);
}

TEST(Cuts, FastMotionRaisesTheThreshold) {
    // Content changes by 0.15 every frame (fast motion): a 0.2 change is not a cut, a new scene is.
    auto s = quiet(200, 0.15, 0.05);
    s[50].content_prev = 0.2;
    add_cut(s, 120, 0.6, 0.3);
    const auto cuts = detect_cuts(s, two_shots(s.size(), 120), kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 120);
}

TEST(Cuts, DissolveIsAFadeCentredOnItsMiddle) {
    auto s = quiet(300);
    // A 12-frame dissolve over frames 100..111: frame 99 is the first shot, 112 the second.
    for (std::size_t j = 100; j <= 111; ++j) {
        s[j].hist_prev = 0.05;
        s[j].content_prev = 0.02;
    }
    const double full = 0.6;
    for (std::size_t j = 2 * kHalf; j < s.size(); ++j) {
        // overlap of [j-2K, j] with the dissolve [100, 112), as a share of the full change
        const double lo = std::max<double>(static_cast<double>(j) - 2 * kHalf, 100.0);
        const double hi = std::min<double>(static_cast<double>(j), 112.0);
        const double share = std::max(0.0, hi - lo) / 12.0;
        s[j].wide_hist = std::max(s[j].wide_hist, full * share);
        s[j].wide_content = std::max(s[j].wide_content, 0.2 * share);
    }
    const std::vector<std::uint8_t> a = picture(1), b = picture(2);
    Thumbnails t;
    for (std::size_t j = 0; j < s.size(); ++j) {
        const double w = std::clamp((static_cast<double>(j) - 99.0) / 13.0, 0.0, 1.0);
        std::vector<std::uint8_t> mix(Thumbnails::kSize);
        for (std::size_t i = 0; i < mix.size(); ++i)
            mix[i] = static_cast<std::uint8_t>(std::lround((1.0 - w) * a[i] + w * b[i]));
        t.add_pixels(mix);
    }
    const auto cuts = detect_cuts(s, t, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].kind, CutClass::fade);
    EXPECT_NEAR(static_cast<double>(cuts[0].frame), 105.5, 0.5);
    EXPECT_LE(cuts[0].first_frame, 101);
    EXPECT_GE(cuts[0].last_frame, 110);
    // The same signals over pictures that do not mix (a rotation, say) are no fade.
    Thumbnails chaos;
    for (std::size_t j = 0; j < s.size(); ++j) chaos.add_pixels(picture(j < 100 ? 1 : j > 111 ? 2 : 3 + static_cast<int>(j % 5)));
    for (const Cut& c : detect_cuts(s, chaos, kHalf)) EXPECT_NE(c.kind, CutClass::fade) << c.frame;
}

// Session 8: a slow fade over flat colour (2 luma levels a frame, across the histogram's bin edges at
// 64 and 96) changes the histogram gradually: with hard bins the whole picture jumped bins at once
// (distance 1.0), which read as a hard cut.
TEST(FrameSignals, FlatColourFadeChangesTheHistogramGradually) {
    SignalCollector collector(kHalf);
    const int w = 64, h = 36;
    std::vector<std::uint8_t> y(w * h), u(w * h, 100), v(w * h, 150);
    for (int f = 0; f < 25; ++f) {
        std::fill(y.begin(), y.end(), static_cast<std::uint8_t>(52 + 2 * f));
        AnalysisFrame frame;
        frame.index = f;
        frame.pts = f;
        frame.time = Rational(f, 25);
        frame.width = w;
        frame.height = h;
        frame.y = y.data();
        frame.u = u.data();
        frame.v = v.data();
        collector.add(frame);
    }
    for (const FrameSignals& s : collector.signals()) {
        EXPECT_LT(s.hist_prev, 0.1) << s.time.to_string();
        EXPECT_LT(s.content_prev, 0.01);
    }
}

TEST(Motion, LevelsFollowTheContentChangeAndIgnoreCuts) {
    auto s = quiet(250, 0.002);
    for (std::size_t j = 125; j < 250; ++j) s[j].content_prev = 0.08;  // the second half moves
    add_cut(s, 60);
    const auto cuts = detect_cuts(s, two_shots(s.size(), 60), kHalf);
    const MotionAnalysis motion = measure_motion(s, cuts);
    ASSERT_EQ(motion.level.size(), 20u);  // 10 s in half seconds
    EXPECT_LT(motion.level[5], 0.1);      // the cut at 2.4 s does not count as motion
    EXPECT_GT(motion.level[15], 0.9);
    const auto segments = intensity_segments(motion);
    ASSERT_GE(segments.size(), 2u);
    EXPECT_EQ(segments.front().tier, "low");
    EXPECT_EQ(segments.back().tier, "high");
    EXPECT_EQ(segments.back().end, Rational(10, 1));
}

// Session 9: a jump cut (4 frames of a slow pan skipped) changes the content against the shot's own
// motion while the histogram stays: a hard cut on its frame. Before, its content change (under the
// 0.07 floor of a cut) was missed.
TEST(Cuts, JumpCutInAMovingShotIsFound) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 120; ++f) pictures.push_back(set_view(0.4 * (f < 60 ? f : f + 4), 0.1 * f));
    const Collected c = collect(pictures);
    EXPECT_LT(c.signals[60].hist_prev, 0.22);
    EXPECT_LT(c.signals[60].content_prev, 0.07);
    const auto cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 60);
    EXPECT_EQ(cuts[0].kind, CutClass::hard);
}

// A guard for the jump cut: a still shot whose camera starts panning at frame 60 (as fast as the jump
// above, every frame) is no cut, and neither is a pan that speeds up.
TEST(Cuts, MotionThatStartsIsNoJumpCut) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 120; ++f) pictures.push_back(set_view(f < 60 ? 0.0 : 1.2 * (f - 60), 0.0));
    for (int f = 0; f < 120; ++f) pictures.push_back(set_view(300.0 + (f < 60 ? 0.2 * f : 12.0 + 1.5 * (f - 60)), 5.0));
    const Collected c = collect(pictures);
    const auto cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);  // only the cut between the two halves (a new place in the set)
    EXPECT_EQ(cuts[0].frame, 120);
}

// Session 9: a strobe (3 flashes) just before a cut. The strobe's spikes raised the local level
// the cut was measured against, so the cut was missed; the flash spikes are now left out of it.
TEST(Cuts, CutRightAfterAStrobeIsFound) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 120; ++f) {
        std::vector<std::uint8_t> p = f < 60 ? set_view(0.0, 0.0, 0) : set_view(40.0, 20.0, 3);
        pictures.push_back(f == 50 || f == 52 || f == 54 ? flashed(p) : p);
    }
    const Collected c = collect(pictures);
    const auto cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 60);
    EXPECT_EQ(cuts[0].kind, CutClass::hard);
}

// Session 9: a flash, then a cut between two fast pans over the same set. The frame after the cut has
// the histogram of the frames before the flash and differs from them by about as much as the pan
// moves, so it passed as the flash's return; it is another view (the motion of the shot that goes on
// does not carry the old picture into it), so the cut is found.
TEST(Cuts, CutBetweenTwoPansOverOneSetAfterAFlashIsFound) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 120; ++f) {
        std::vector<std::uint8_t> p =
            f < 60 ? set_view(1.3 * f, 0.3 * f) : set_view(20.0 - 1.3 * (f - 60), 40.0 + 0.2 * (f - 60));
        pictures.push_back(f == 59 ? flashed(p) : p);
    }
    const Collected c = collect(pictures);
    const auto cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_NEAR(static_cast<double>(cuts[0].frame), 60.0, 1.0);
}

// The guard: a flash over a fast pan returns to the same pan moved on, and is no cut.
TEST(Cuts, FlashOverAFastPanIsNoCut) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 120; ++f) {
        const std::vector<std::uint8_t> p = set_view(1.3 * f, 0.3 * f);
        pictures.push_back(f == 59 || f == 90 || f == 91 ? flashed(p) : p);
    }
    const Collected c = collect(pictures);
    EXPECT_TRUE(detect_cuts(c.signals, c.thumbnails, kHalf).empty());
}

// Session 10: a jump cut where only a subject moves (frames skipped while it crosses a still set):
// the content changes by about 0.02 while the shot is otherwise still. The jump floor was 0.03.
TEST(Cuts, JumpOfAMovingSubjectOverAStillSetIsFound) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 120; ++f) {
        std::vector<std::uint8_t> p = set_view(5.0, 3.0, 1);
        const double left = 2.0 + 0.3 * (f < 60 ? f : f + 20);  // 20 frames of its motion skipped at 60
        for (int y = 5; y < 13; ++y)
            for (int x = 0; x < Thumbnails::kWidth; ++x)
                if (x >= left && x < left + 8) p[static_cast<std::size_t>(y * Thumbnails::kWidth + x)] = 235;
        pictures.push_back(p);
    }
    const Collected c = collect(pictures);
    EXPECT_LT(c.signals[60].content_prev, 0.03);
    const auto cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 60);
    EXPECT_EQ(cuts[0].kind, CutClass::hard);
}

// Session 10: a flash on the last frame of a shot, then the cut. The flash frame is no shot: the
// cut is on the frame after it (it was reported on the flash itself, one frame early).
TEST(Cuts, CutRightAfterAFlashIsOnTheFrameAfterIt) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 120; ++f) {
        std::vector<std::uint8_t> p = f < 60 ? set_view(0.5 * f, 0.0, 0) : set_view(60.0 - 0.5 * f, 30.0, 3);
        pictures.push_back(f == 59 ? flashed(p) : p);
    }
    const Collected c = collect(pictures);
    const auto cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 60);
}

// Session 14: a camera flash fades over the next frames (white 0.85, then 0.45, 0.2). The dimmer
// frame changed as much as a cut against the flash and the picture before it, and was taken for a
// cut; the pictures between the spike and the return that are still lit are the same flash.
TEST(Cuts, FlashThatFadesOverTwoFramesIsNoCut) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 120; ++f) {
        const std::vector<std::uint8_t> p = f < 70 ? set_view(0.6 * f, 0.2 * f, 0) : set_view(0.5 * f, 30.0, 3);
        const double light = f == 40 || f == 71 ? 0.85 : f == 41 || f == 72 ? 0.45 : f == 73 ? 0.2 : 0.0;
        pictures.push_back(light > 0.0 ? flashed(p, light) : p);
    }
    const Collected c = collect(pictures);
    const auto cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);  // the cut at 70 only (the second flash is one after it)
    EXPECT_EQ(cuts[0].frame, 70);
    EXPECT_EQ(cuts[0].kind, CutClass::hard);
}

// Session 10: a two-frame flash over a shot that changes every frame (an automaton), back to that
// shot for one frame, then a cut. The return differs from the picture before the flash by the
// shot's own change; the shot after it (a calm one) gave too small an allowance, and the flash
// was a false cut.
TEST(Cuts, FlashOverChangingContentRightBeforeACutIsNoCut) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 120; ++f) {
        std::vector<std::uint8_t> p = f < 58 ? picture(1 + f % 5) : set_view(20.0, 10.0, 2);
        pictures.push_back(f == 55 || f == 56 ? flashed(p) : p);
    }
    const Collected c = collect(pictures);
    const auto cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 58);
}

// Session 10: the first picture alone is no shot (a generator's first frame differs from the rest).
TEST(Cuts, FirstPictureAloneIsNoShot) {
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 100; ++f) pictures.push_back(f == 0 ? picture(7) : set_view(0.2 * f, 0.0, 1));
    const Collected c = collect(pictures);
    EXPECT_TRUE(detect_cuts(c.signals, c.thumbnails, kHalf).empty());
}

// Session 9: a dip to white between two shots that change every frame without rigid motion (as an
// automaton): 5 frames out to white, 15 frames in (as FFmpeg's fadewhite), frames 60..79. No fixed or
// moved end picture explains the frames; the pictures' contrast does (dip.h). One fade on its middle.
TEST(Cuts, DipToWhiteBetweenChangingShotsIsOneFade) {
    const auto busy = [](int f, int shot) { return picture(shot + f % 5); };
    const auto toward_white = [](std::vector<std::uint8_t> p, double w) {
        for (std::size_t i = 0; i < p.size(); ++i)
            p[i] = static_cast<std::uint8_t>(std::lround(w * p[i] + (1.0 - w) * (i < Thumbnails::kPlane ? 235.0 : 128.0)));
        return p;
    };
    std::vector<std::vector<std::uint8_t>> pictures;
    for (int f = 0; f < 60; ++f) pictures.push_back(busy(f, 1));
    for (int i = 1; i <= 5; ++i) pictures.push_back(toward_white(busy(59 + i, 1), 1.0 - i / 5.0));
    for (int i = 1; i <= 15; ++i) pictures.push_back(toward_white(busy(64 + i, 11), i / 16.0));
    for (int f = 80; f < 140; ++f) pictures.push_back(busy(f, 11));
    const Collected c = collect(pictures);
    const auto cuts = detect_cuts(c.signals, c.thumbnails, kHalf);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].kind, CutClass::fade);
    EXPECT_NEAR(static_cast<double>(cuts[0].frame), 70.0, 1.0);
}

// The whole path on a real encoded video: sources of different kinds, a cut between two pictures
// with the same colours (a mirror), a flash and a fade.
TEST(Cuts, SyntheticVideoCutsAreFoundWithinOneFrame) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    const auto dir = testing::fresh_temp_dir("cuts");
    testing::SyntheticVideo v;
    v.shots = {{"testsrc2=size={W}x{H}:rate={R}", 40},
               {"testsrc2=size={W}x{H}:rate={R},hflip,vflip", 35},
               {"mandelbrot=size={W}x{H}:rate={R}", 45},
               {"color=c=0x305090:size={W}x{H}:rate={R},noise=alls=25:allf=t", 40, testing::Join::fade, 12},
               {"cellauto=size={W}x{H}:rate={R}", 40}};
    v.flash_frames = {100};
    bool ok = false;
    const auto truth = testing::make_video(v, dir / "cuts.mp4", ok);
    ASSERT_TRUE(ok);
    expect_cuts_match(analyze_video(dir / "cuts.mp4"), truth);
    std::filesystem::remove_all(dir);
}

// Session 14: TV static dips to black (a variable rate steepens the way out to three frames) and an
// automaton fades in. The dip's own steep frames were hard candidates that bounded each other's dip
// fit: a false cut and a hard cut. A dip may now span its neighbouring candidates: one fade.
TEST(Cuts, StaticDippingToBlackIsOneFade) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    const auto dir = testing::fresh_temp_dir("cuts-static-dip");
    testing::SyntheticVideo v = testing::at_rate("24000/1001", 24000.0 / 1001.0);
    v.width = 240;
    v.height = 136;
    v.drop_every = 5;
    v.encoder_options = "-crf 23";
    v.shots = {{"testsrc2=size={W}x{H}:rate={R}", 38},
               {"color=c=0x505050:size={W}x{H}:rate={R},noise=alls=80:allf=t:all_seed=733", 30},
               {"cellauto=size={W}x{H}:rate={R}:rule=225:random_seed=734:random_fill_ratio=0.6", 50,
                testing::Join::fadeblack, 20}};
    bool ok = false;
    std::vector<testing::Truth> truth = testing::make_video(v, dir / "static.mkv", ok);
    ASSERT_TRUE(ok);
    const VideoAnalysis a = analyze_video(dir / "static.mkv");
    for (testing::Truth& t : truth)  // frames of the full rate to decoded frames, by time
        t.frame = static_cast<int>(frame_at(a, Rational(std::llround(t.frame / v.fps * 1e6) - 1, 1000000)));
    expect_cuts_match(a, truth);
    std::filesystem::remove_all(dir);
}

// Session 8: transitions out of moving shots on an encoded video: a dissolve out of a rotating shot,
// a fade out of a camera pan, and a fade into flat colour bars (whose colours cross histogram bin
// edges as they fade in). Each is one fade within one frame of its middle, with no hard cut inside.
TEST(Cuts, TransitionsOutOfMovingShotsAreFades) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    const auto dir = testing::fresh_temp_dir("cuts-moving");
    testing::SyntheticVideo v;
    v.rate = "50";  // at 25 fps this pan moves 0.7 thumbnail pixels a frame, and is not measured well
    v.fps = 50.0;
    v.shots = {{"testsrc=size={W}x{H}:rate={R},rotate=a=2*PI*t/1.2", 45},
               {"color=c=0xa03020:size={W}x{H}:rate={R},noise=alls=12:allf=t:all_seed=12", 40, testing::Join::dissolve, 20},
               {"testsrc2=size=480x270:rate={R},crop={W}:{H}:x='t*90':y='t*40'", 50},
               {"mandelbrot=size={W}x{H}:rate={R}", 70, testing::Join::fade, 20},
               {"smptebars=size={W}x{H}:rate={R}", 60, testing::Join::fade, 24}};
    bool ok = false;
    const auto truth = testing::make_video(v, dir / "moving.mp4", ok);
    ASSERT_TRUE(ok);
    expect_cuts_match(analyze_video(dir / "moving.mp4"), truth);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tunesmith
