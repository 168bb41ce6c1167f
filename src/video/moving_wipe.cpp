// The per-pixel switch model of a shape transition between shots that keep moving (see wipe.h,
// fit_moving_wipe): each frame is predicted from the one before, moved on by either shot's motion or
// its own, and a pixel switches at the one frame where no prediction holds and its value moves on.
#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "base/statistics.h"
#include "video/rigid_motion.h"
#include "video/wipe.h"

namespace tunesmith {
namespace {

constexpr std::size_t kPixels = Thumbnails::kPlane;

// Frames over which an end picture's motion is measured: 2 keeps a fast pan (2.5 thumbnail pixels a
// frame) inside rigid_motion's search.
constexpr std::int64_t kMotionLag = 2;
constexpr double kMovingSpread = 4.0;      // frames between the 10% and 90% switches, at least
constexpr double kMovingNeighbours = 0.8;  // the share of neighbouring pixels within 1.5 frames, at least

// A shot's motion at its end picture `end`, measured towards `beyond` (kMotionLag frames further out,
// inside [from, to] and not left out); none when those frames are not there.
RigidMotion motion_at(const Thumbnails& t, std::int64_t end, std::int64_t beyond, std::int64_t from, std::int64_t to,
                      const std::vector<bool>* left_out) {
    if (beyond < from || beyond > to) return {};
    for (std::int64_t f = std::min(end, beyond); f <= std::max(end, beyond); ++f)
        if (left_out != nullptr && (*left_out)[static_cast<std::size_t>(f)]) return {};
    // Translations only: the model is for pans and shakes, and the search runs for every frame.
    return end < beyond ? rigid_motion(t, end, beyond, 0.5, false) : rigid_motion(t, beyond, end, 0.5, false);
}

// Each frame's change from the frame before, per pixel (all planes), after moving that frame on by
// the outgoing shot's motion, the incoming shot's, or the picture's own motion at that frame (a shake
// changes its motion from frame to frame), whichever predicts the pixel best: a pixel inside either
// shot is predicted, one the transition switches is not. A pixel the moved frame does not cover (it
// came into view) has no change.
std::vector<float> changes(const Thumbnails& t, const std::vector<std::int64_t>& frames, const RigidMotion& motion_a,
                           const RigidMotion& motion_b, const std::vector<RigidMotion>& own) {
    const std::size_t n = frames.size();
    std::vector<float> out(n * kPixels, 0.0f);
    for (std::size_t k = 1; k < n; ++k) {
        const ThumbnailVector before = thumbnail_vector(t, frames[k - 1]);
        const ThumbnailVector x = thumbnail_vector(t, frames[k]);
        const auto gap = static_cast<double>(frames[k] - frames[k - 1]);
        const MovedPicture moved_by[] = {moved(before, motion_a, gap), moved(before, motion_b, gap), moved(before, own[k], gap)};
        for (std::size_t i = 0; i < kPixels; ++i) {
            double least = -1.0;
            for (const MovedPicture& m : moved_by) {
                if (!m.valid[i]) continue;
                double d = 0.0;
                for (std::size_t p = 0; p < 3; ++p) {
                    const std::size_t at = p * kPixels + i;
                    const double u = static_cast<double>(x[at]) - static_cast<double>(m.values[at]);
                    d += u * u;
                }
                least = least < 0.0 ? d : std::min(least, d);
            }
            out[k * kPixels + i] = static_cast<float>(std::max(0.0, least));
        }
    }
    return out;
}

// The squared step (all planes) of pixel i between the mean of the 3 frames before frames[k] and the
// mean of frames[k] and the 2 after it: a switch leaves the pixel at another value, while a line of a
// moving texture passing over it comes and goes.
double step_across(const Thumbnails& t, const std::vector<std::int64_t>& frames, std::size_t k, std::size_t i) {
    double step = 0.0;
    for (std::size_t p = 0; p < 3; ++p) {
        double before = 0.0, after = 0.0;
        for (std::size_t j = 1; j <= 3; ++j) before += t.at(static_cast<std::size_t>(frames[k - j]))[p * kPixels + i];
        for (std::size_t j = 0; j < 3; ++j) after += t.at(static_cast<std::size_t>(frames[k + j]))[p * kPixels + i];
        step += (after - before) * (after - before) / 9.0;
    }
    return step;
}

// Each pixel's switch: its largest change, when that is a switch's step (the options' min_step) and
// kCalm times the mean change on the calmer side of it (a shot that changes every frame may be on
// the other side). Its time is the change-weighted middle of the frames around it (a soft edge takes
// two or three); its ramp, the frames around it that change by a fifth of it or more.
constexpr double kCalm = 6.0;

PixelSwitches switches(const Thumbnails& t, const std::vector<float>& change, const std::vector<std::int64_t>& frames,
                       const WipeOptions& o) {
    const std::size_t n = frames.size();
    PixelSwitches out;
    std::vector<double> ramps;
    const auto at = [&](std::size_t k, std::size_t i) { return static_cast<double>(change[k * kPixels + i]); };
    for (std::size_t i = 0; i < kPixels; ++i) {
        out.time[i] = -1.0;
        std::size_t best = 1;
        for (std::size_t k = 2; k < n; ++k)
            if (at(k, i) > at(best, i)) best = k;
        const double largest = at(best, i);
        if (largest < o.min_step || best < 4 || best + 4 > n) continue;
        double sum_before = 0.0, sum_after = 0.0;
        for (std::size_t k = 1; k + 1 < best; ++k) sum_before += at(k, i);
        for (std::size_t k = best + 2; k < n; ++k) sum_after += at(k, i);
        const double calm = std::min(sum_before / static_cast<double>(best - 2), sum_after / static_cast<double>(n - best - 2));
        if (largest < kCalm * calm) continue;
        if (step_across(t, frames, best, i) < o.min_step) continue;
        int ramp = 1;
        for (std::size_t k = best - 1; k >= 1 && at(k, i) >= 0.2 * largest; --k) ++ramp;
        for (std::size_t k = best + 1; k < n && at(k, i) >= 0.2 * largest; ++k) ++ramp;
        ramps.push_back(ramp);
        double weight = 0.0, sum = 0.0;
        for (std::size_t k = best - 1; k <= best + 1 && k < n; ++k)
            weight += at(k, i), sum += at(k, i) * static_cast<double>(frames[k]);
        out.time[i] = sum / weight;
        out.times.push_back(out.time[i]);
    }
    out.ramp = median(std::move(ramps), out.ramp);
    return out;
}

}  // namespace

Wipe fit_moving_wipe(const Thumbnails& thumbnails, std::int64_t seed, std::int64_t from, std::int64_t to,
                     std::int64_t reach, std::int64_t max_length, const WipeOptions& options,
                     const std::vector<bool>* left_out, FrameMotions* motions) {
    from = std::max<std::int64_t>(0, from);
    to = std::min(to, static_cast<std::int64_t>(thumbnails.size()) - 1);
    const std::vector<std::int64_t> window = frames_in_window(thumbnails, from, to, left_out);
    if (window.size() < 8) return {};
    constexpr std::int64_t kMargin = 2;  // frames of either shot between the switches and the ends
    // Moving content leaves residuals that are alike in neighbouring pixels and a cut in it spreads
    // over a few frames, so the spatial tests are stricter here: a longer spread, closer neighbours.
    WipeOptions strict = options;
    strict.min_spread = std::max(options.min_spread, kMovingSpread);
    strict.min_neighbours = std::max(options.min_neighbours, kMovingNeighbours);
    std::int64_t a = std::max(from, seed - reach), b = std::min(to, seed + reach);
    Wipe result;
    std::vector<std::pair<std::int64_t, std::int64_t>> tried;
    // A frame's motion (from kMotionLag frames before) is measured whatever the window, so it can be
    // kept between calls: the outgoing shot's at its end picture, the incoming one's kMotionLag frames
    // after its end picture, and every frame's own (a shake changes its motion from frame to frame).
    // Measured across a cut it is only a poor extra prediction, which the better one outweighs.
    const auto last_frame = static_cast<std::int64_t>(thumbnails.size()) - 1;
    std::map<std::int64_t, RigidMotion> local;
    std::map<std::int64_t, RigidMotion>& known = motions != nullptr ? motions->by_frame : local;
    const auto motion_of = [&](std::int64_t f) {
        if (f > last_frame) return RigidMotion{};
        const auto found = known.find(f);
        if (found != known.end()) return found->second;
        return known[f] = motion_at(thumbnails, f, f - kMotionLag, 0, last_frame, left_out);
    };
    for (int round = 0; round < 6; ++round) {
        const auto first = std::lower_bound(window.begin(), window.end(), a);
        const auto last = std::upper_bound(window.begin(), window.end(), b);
        if (last - first < 8) break;
        const std::vector<std::int64_t> frames(first, last);
        a = frames.front(), b = frames.back();
        if (std::find(tried.begin(), tried.end(), std::make_pair(a, b)) != tried.end()) break;
        tried.emplace_back(a, b);
        const RigidMotion motion_a = motion_of(a), motion_b = motion_of(b + kMotionLag);
        // Shots that hold or drift are the still-shot model's (fit_wipe); this one is for moving shots.
        // (The first end pictures may lie inside the transition: a window further out is looked at too.)
        if (round == 0 && !motion_a.moving() && !motion_b.moving() &&
            !(a - reach - kMotionLag >= from && motion_of(a - reach).moving()) &&
            !(b + reach <= to && motion_of(b + reach).moving()))
            break;
        std::vector<RigidMotion> own(frames.size());
        for (std::size_t k = 1; k < frames.size(); ++k) own[k] = motion_of(frames[k]);
        const PixelSwitches s = switches(thumbnails, changes(thumbnails, frames, motion_a, motion_b, own), frames, options);
        result = judge_switches(s, a, b, max_length, strict);
        if (result.wipe || s.times.size() < 8) break;
        // Out to just beyond the switches; further out where they reach an end of the frames (the
        // transition may go on beyond it).
        const std::int64_t step = std::max<std::int64_t>(2, reach / 2);
        a = result.first_frame - kMargin <= a ? a - step : result.first_frame - kMargin - 1;
        b = result.last_frame + kMargin >= b ? b + step : result.last_frame + kMargin + 1;
        a = std::max(a, from), b = std::min(b, to);
    }
    return result;
}

}  // namespace tunesmith
