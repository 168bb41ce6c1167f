// Rigid motion by exhaustive search on thumbnails: translations over whole pixels, then eighths of a
// pixel around the best; rotations and zooms about the centre in coarse, then fine steps (a zoom's
// centre then found by shifting it). A thumbnail is 32x18, so the search is cheap (a few hundred
// moved pictures per measurement).
#include "video/rigid_motion.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <utility>
#include <vector>

namespace tunesmith {
namespace {

constexpr int kW = Thumbnails::kWidth;
constexpr int kH = Thumbnails::kHeight;
constexpr std::size_t kPlane = Thumbnails::kPlane;

// Where pixel (x, y) of a picture moved by (dx, dy) after a turn and a scaling about the centre comes
// from: its bilinear corners and weights. The turn and scaling are given undone: (c, s) is the cosine
// and sine of the turn over the scale. False when a corner lies outside the picture (a whole-pixel
// position needs only the first corner).
struct SourcePoint {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    double fx = 0.0, fy = 0.0;
};

bool source_of(int x, int y, double dx, double dy, double c, double s, SourcePoint& p) {
    const double cx = 0.5 * (kW - 1), cy = 0.5 * (kH - 1);
    const double rx = x - dx - cx, ry = y - dy - cy;  // undo the translation, then the turn and scaling
    const double sx = cx + c * rx + s * ry, sy = cy - s * rx + c * ry;
    p.x0 = static_cast<int>(std::floor(sx));
    p.y0 = static_cast<int>(std::floor(sy));
    p.fx = sx - p.x0;
    p.fy = sy - p.y0;
    p.x1 = p.fx > 0.0 ? p.x0 + 1 : p.x0;
    p.y1 = p.fy > 0.0 ? p.y0 + 1 : p.y0;
    return p.x0 >= 0 && p.y0 >= 0 && p.x1 < kW && p.y1 < kH;
}

double sample(const float* plane, const SourcePoint& p) {
    const auto at = [&](int px, int py) { return static_cast<double>(plane[py * kW + px]); };
    const double top = (1.0 - p.fx) * at(p.x0, p.y0) + p.fx * at(p.x1, p.y0);
    const double bottom = (1.0 - p.fx) * at(p.x0, p.y1) + p.fx * at(p.x1, p.y1);
    return (1.0 - p.fy) * top + p.fy * bottom;
}

// Mean squared difference (per valid pixel) of the Y planes of `target` and `source` moved by `motion`
// (one frame); infinite when less than a third of the picture stays in view. Luma alone: the search
// runs a few hundred of these, and motion shows in luma.
double moved_error(const ThumbnailVector& target, const ThumbnailVector& source, const RigidMotion& motion) {
    const double shrink = std::exp(-motion.zoom);
    const double c = shrink * std::cos(motion.turn), s = shrink * std::sin(motion.turn);
    double sum = 0.0;
    std::size_t count = 0;
    SourcePoint p;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            if (!source_of(x, y, motion.dx, motion.dy, c, s, p)) continue;
            const double d = static_cast<double>(target[static_cast<std::size_t>(y * kW + x)]) - sample(source.data(), p);
            sum += d * d;
            ++count;
        }
    if (3 * count < kPlane) return std::numeric_limits<double>::infinity();
    return sum / static_cast<double>(count);
}

}  // namespace

ThumbnailVector thumbnail_vector(const Thumbnails& thumbnails, std::int64_t frame) {
    const std::uint8_t* pixels = thumbnails.at(static_cast<std::size_t>(frame));
    ThumbnailVector out{};
    for (std::size_t i = 0; i < Thumbnails::kSize; ++i)
        out[i] = static_cast<float>(pixels[i]) - (i < kPlane ? 16.0f : 128.0f);
    return out;
}

MovedPicture moved(const ThumbnailVector& picture, const RigidMotion& motion, double frames) {
    MovedPicture out;
    const double angle = motion.turn * frames, shrink = std::exp(-motion.zoom * frames);
    const double c = shrink * std::cos(angle), s = shrink * std::sin(angle);
    SourcePoint p;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            if (!source_of(x, y, motion.dx * frames, motion.dy * frames, c, s, p)) continue;
            const auto at = static_cast<std::size_t>(y * kW + x);
            out.valid[at] = true;
            for (std::size_t plane = 0; plane < 3; ++plane)
                out.values[plane * kPlane + at] = static_cast<float>(sample(picture.data() + plane * kPlane, p));
        }
    return out;
}

double prediction_error(const Thumbnails& thumbnails, std::int64_t from, std::int64_t to, const RigidMotion& motion) {
    const auto n = static_cast<double>(to - from);
    return moved_error(thumbnail_vector(thumbnails, to), thumbnail_vector(thumbnails, from),
                       RigidMotion{motion.dx * n, motion.dy * n, motion.turn * n, motion.zoom * n});
}

RigidMotion rigid_motion(const Thumbnails& thumbnails, std::int64_t from, std::int64_t to, double max_error_ratio,
                         bool turns, bool zooms) {
    const std::int64_t frames = to - from;
    if (std::llabs(frames) < 2 || std::llabs(frames) > 8 || from < 0 || to < 0 ||
        static_cast<std::size_t>(std::max(from, to)) >= thumbnails.size())
        return {};
    const ThumbnailVector source = thumbnail_vector(thumbnails, from);
    const ThumbnailVector target = thumbnail_vector(thumbnails, to);
    const double still = moved_error(target, source, {});
    // A still shot (under about 2 levels rms of change): nothing to measure.
    if (still < 4.0) return {};
    double best = still;
    RigidMotion total;  // over all `frames` frames
    const auto consider = [&](const RigidMotion& m) {
        const double e = moved_error(target, source, m);
        if (e < best) best = e, total = m;
    };
    // Whole pixels first. A periodic texture (an automaton's background, stripes) matches itself at
    // several shifts: of the shifts within 15% of the best error, the smallest is taken.
    std::vector<std::pair<double, RigidMotion>> whole;
    for (int dy = -4; dy <= 4; ++dy)
        for (int dx = -5; dx <= 5; ++dx) {
            const RigidMotion m{static_cast<double>(dx), static_cast<double>(dy), 0.0};
            whole.emplace_back(moved_error(target, source, m), m);
        }
    double whole_best = best;
    for (const auto& [e, m] : whole) whole_best = std::min(whole_best, e);
    double smallest = std::numeric_limits<double>::infinity();
    for (const auto& [e, m] : whole)
        if (e <= 1.15 * whole_best && std::hypot(m.dx, m.dy) < smallest && e < still) {
            smallest = std::hypot(m.dx, m.dy);
            best = e;
            total = m;
        }
    for (const double step : {0.25, 0.125}) {
        const RigidMotion around = total;
        if (around.turn != 0.0) break;
        for (int iy = -2; iy <= 2; ++iy)
            for (int ix = -2; ix <= 2; ++ix)
                if (ix != 0 || iy != 0) consider({around.dx + ix * step, around.dy + iy * step, 0.0});
    }
    for (int i = -40; i <= 40 && turns; ++i)
        if (i != 0) consider({0.0, 0.0, 0.04 * i});
    for (const double step : {0.01, 0.0025}) {
        const RigidMotion around = total;
        if (around.turn == 0.0) break;
        for (int i = -3; i <= 3; ++i)
            if (i != 0) consider({0.0, 0.0, around.turn + step * i});
    }
    // A zoom is looked for only when no pan or turn explains the change well (a tenth of the still
    // error): the zoom's trials cost about a third more.
    zooms = zooms && best > 0.1 * still;
    for (int i = -10; i <= 10 && zooms; ++i)
        if (i != 0) consider({0.0, 0.0, 0.0, 0.04 * i});
    for (const double step : {0.01, 0.0025}) {
        const RigidMotion around = total;
        if (around.zoom == 0.0) break;
        for (int i = -3; i <= 3; ++i)
            if (i != 0) consider({0.0, 0.0, 0.0, around.zoom + step * i});
    }
    // A zoom about a point off the centre is a zoom about the centre and a shift: the shift is found by
    // moving it while that helps, in halves, then quarters and eighths of a pixel (at most 2 pixels).
    for (const double step : {0.5, 0.25, 0.125}) {
        if (total.zoom == 0.0) break;
        for (bool better = true; better;) {
            const RigidMotion around = total;
            for (int iy = -1; iy <= 1; ++iy)
                for (int ix = -1; ix <= 1; ++ix)
                    if ((ix != 0 || iy != 0) && std::fabs(around.dx + ix * step) <= 2.0 && std::fabs(around.dy + iy * step) <= 2.0)
                        consider({around.dx + ix * step, around.dy + iy * step, 0.0, around.zoom});
            better = total.dx != around.dx || total.dy != around.dy;
        }
    }
    if (!(best <= max_error_ratio * still)) return {};
    const auto n = static_cast<double>(frames);
    return RigidMotion{total.dx / n, total.dy / n, total.turn / n, total.zoom / n};
}

}  // namespace tunesmith
