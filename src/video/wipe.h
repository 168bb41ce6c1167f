// Shape transitions: wipes, irises (circle open or close), clock wipes (radial), barn doors and
// corner wipes. During one, each region of the picture switches from the outgoing shot to the
// incoming one at a time that depends on where it is: the switch times spread over the transition
// and change smoothly across the picture. Pure functions of values; safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include "video/blend.h"
#include "video/rigid_motion.h"

namespace tunesmith {

struct WipeOptions {
    double min_step = 400.0;      // squared YUV distance (levels^2) between a pixel's two runs (20 levels)
    double explained = 0.6;       // the split explains at least this share of the pixel's variation over the
                                  // window (a shot that moves or shakes in place varies about its own mean)
    double coverage = 0.35;       // at least this fraction of the picture's pixels switch
    double min_spread = 2.0;      // frames between the 10% and 90% switch times: less is one switch (a cut)
    double one_frame = 0.5;       // at most this share of the switching pixels switch in any one frame (a cut)
    double ramp_share = 0.5;      // the spread is at least this share of a pixel's own ramp (median): in a
                                  // dissolve every pixel ramps through the whole transition at once
    double coherence = 0.25;      // the median switch-time difference of neighbouring pixels, at most this
                                  // share of the spread: a wipe's edge moves smoothly, motion does not
    double min_neighbours = 0.75; // the share of neighbouring switching pixels within 1.5 frames of each other
};

// The transition's extent (the 1% to 99% switch times) and centre; `wipe` is false when the frames
// there are no shape transition.
struct Wipe {
    bool wipe = false;
    std::int64_t first_frame = 0;
    std::int64_t last_frame = 0;
    std::int64_t centre = 0;  // the middle of the 5% and 95% switch times: half-way through the wipe
    double spread = 0.0;      // frames between the 10% and 90% switch times
    double coverage = 0.0;    // the share of the picture's pixels that switch
};

// Looks for a shape transition in the frames [from, to] (the neighbouring cuts bound it). Each
// thumbnail pixel's switch is its largest step (the mean of its next frames against its previous
// ones); it counts when that step is large, and far larger than any other step of the pixel and than
// its usual change (so the shots may move, but less than they differ). It is a wipe when enough of
// the picture switches, at times that spread over more than two frames and vary smoothly across the
// picture, ending at least two frames inside [from, to] and lasting at most max_length frames.
// Frames marked in `left_out` (flashes) are left out.
Wipe fit_wipe(const Thumbnails& thumbnails, std::int64_t from, std::int64_t to, std::int64_t max_length,
              const WipeOptions& options = {}, const std::vector<bool>* left_out = nullptr);

// The same test where the shots keep moving during the transition (session 11, moving_wipe.cpp): each
// pixel's change from the previous frame, moved on by the outgoing shot's, the incoming shot's or the
// frame's own translation (pans, shakes), is small inside either shot; its switch is the frame where
// that change stands far above its calmer side and the pixel's value moves to another level. The
// frames looked at start `reach` either side of `seed` and move out to just beyond the switches, so
// whatever order the regions switch in (edges, angles, radii), the transition is found at the middle
// of its switch times. Only tried when a shot moves.
// `motions` (may be null) keeps each frame's measured motion between calls on one video (windows of
// neighbouring candidates overlap; the motion of a frame does not depend on the window, except that a
// flash in it leaves it unmeasured).
struct FrameMotions {
    std::map<std::int64_t, RigidMotion> by_frame;  // the picture's motion from 2 frames before
};
Wipe fit_moving_wipe(const Thumbnails& thumbnails, std::int64_t seed, std::int64_t from, std::int64_t to,
                     std::int64_t reach, std::int64_t max_length, const WipeOptions& options = {},
                     const std::vector<bool>* left_out = nullptr, FrameMotions* motions = nullptr);

// Each thumbnail pixel's switch time in a window (-1: no switch), the switching pixels' times and the
// median of their ramps (frames between the two pictures): what either model found.
struct PixelSwitches {
    std::array<double, Thumbnails::kPlane> time{};
    std::vector<double> times;
    double ramp = 0.0;
};

// Whether switches found in the frames [from, to] make a shape transition (the tests of fit_wipe).
Wipe judge_switches(const PixelSwitches& switches, std::int64_t from, std::int64_t to, std::int64_t max_length,
                    const WipeOptions& options);

}  // namespace tunesmith
