// The slide model (see slide.h): frame-to-frame shifts along one axis on the luma thumbnails.
#include "video/slide.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace tunesmith {
namespace {

constexpr int kW = Thumbnails::kWidth, kH = Thumbnails::kHeight;

// The mean squared luma difference between `next` and `previous` moved by (dx, dy) whole pixels, over
// the pixels both cover; infinite when less than a third of the picture is left.
double moved_error(const std::uint8_t* previous, const std::uint8_t* next, int dx, int dy) {
    double sum = 0.0;
    int count = 0;
    for (int y = std::max(0, dy); y < std::min(kH, kH + dy); ++y)
        for (int x = std::max(0, dx); x < std::min(kW, kW + dx); ++x) {
            const double d = static_cast<double>(next[y * kW + x]) - static_cast<double>(previous[(y - dy) * kW + x - dx]);
            sum += d * d;
            ++count;
        }
    return 3 * count < kW * kH ? std::numeric_limits<double>::infinity() : sum / count;
}

// How frame f moved from frame f-1: along x (axis 0) or y (axis 1), by `shift` pixels (a tenth of a
// pixel from the parabola through the errors around the best whole shift), and the moved picture's
// error as a share of the unmoved one's.
struct Step {
    int axis = -1;
    double shift = 0.0;
    double ratio = 1.0;
    double still = 0.0;  // the unmoved picture's error
};

Step step_into(const Thumbnails& t, std::int64_t from, std::int64_t f) {
    const std::uint8_t* previous = t.at(static_cast<std::size_t>(from));
    const std::uint8_t* next = t.at(static_cast<std::size_t>(f));
    const double still = moved_error(previous, next, 0, 0);
    Step best;
    best.still = still;
    double best_error = still;
    const auto error_at = [&](int axis, int d) { return axis == 0 ? moved_error(previous, next, d, 0) : moved_error(previous, next, 0, d); };
    for (int axis = 0; axis < 2; ++axis) {
        const int reach = axis == 0 ? 12 : 8;
        for (int d = -reach; d <= reach; ++d) {
            if (d == 0) continue;
            const double e = error_at(axis, d);
            if (e < best_error) best_error = e, best = Step{axis, static_cast<double>(d), 1.0, still};
        }
    }
    if (best.axis < 0 || still < 4.0) return Step{-1, 0.0, 1.0, still};  // at rest (or nothing there to see move)
    const int d = static_cast<int>(best.shift);
    const double l = d - 1 == 0 ? still : error_at(best.axis, d - 1), r = d + 1 == 0 ? still : error_at(best.axis, d + 1);
    const double curve = l - 2.0 * best_error + r;
    if (std::isfinite(curve) && curve > 0.0) best.shift += std::clamp(0.5 * (l - r) / curve, -0.5, 0.5);
    best.ratio = best_error / still;
    best.shift /= static_cast<double>(f - from);  // per frame
    return best;
}

double luma_difference(const Thumbnails& t, std::int64_t f, std::int64_t g) {
    return moved_error(t.at(static_cast<std::size_t>(f)), t.at(static_cast<std::size_t>(g)), 0, 0);
}

}  // namespace

Slide fit_slide(const Thumbnails& thumbnails, std::int64_t from, std::int64_t to, std::int64_t max_length,
                const SlideOptions& options, const std::vector<bool>* left_out) {
    // The window's frames without the left-out ones: a flash has no motion, and would look like rest.
    const std::vector<std::int64_t> frames = frames_in_window(thumbnails, from, to, left_out);
    if (frames.size() < 5) return {};
    std::vector<Step> steps(frames.size());  // steps[k]: from frames[k-1] into frames[k]
    for (std::size_t k = 1; k < frames.size(); ++k) steps[k] = step_into(thumbnails, frames[k - 1], frames[k]);
    const auto moving = [&](const Step& s, const Step& like) {
        return s.axis == like.axis && s.shift * like.shift > 0.0 && std::fabs(s.shift) >= options.min_speed &&
               s.ratio <= options.max_error_ratio;
    };
    const auto along = [](const Step& s, int axis) { return s.axis == axis ? std::fabs(s.shift) : 0.0; };
    for (std::size_t k = 1; k < steps.size();) {
        if (!moving(steps[k], steps[k])) {
            ++k;
            continue;
        }
        std::size_t m = k;
        double travel = 0.0;
        while (m < steps.size() && moving(steps[m], steps[k])) {
            travel += std::fabs(steps[m].shift) * static_cast<double>(frames[m] - frames[m - 1]);
            ++m;
        }
        const std::size_t end = m - 1;  // the run is steps k..end
        const int axis = steps[k].axis;
        const double width = axis == 0 ? kW : kH;
        const double speed = travel / static_cast<double>(frames[end] - frames[k - 1]);
        // At rest (or far slower) on either side, inside the window: the slide starts and ends there. The
        // pictures there change far less than while sliding (a cut right after a pan is no rest).
        double sliding = 0.0;
        for (std::size_t i = k; i <= end; ++i) sliding += steps[i].still / static_cast<double>(end - k + 1);
        const auto at_rest = [&](const Step& s) { return along(s, axis) <= options.settled * speed && s.still <= options.rest * sliding; };
        const bool bounded = k >= 2 && end + 1 < steps.size() && at_rest(steps[k - 1]) && at_rest(steps[end + 1]);
        const std::int64_t first = frames[k], last = frames[end];
        if (bounded && std::fabs(travel - width) <= options.travel * width && last - first + 1 <= max_length &&
            luma_difference(thumbnails, frames[k - 1], last) >= options.min_difference) {
            Slide slide;
            slide.slide = true;
            slide.first_frame = first;
            slide.last_frame = last;
            // Frame first-1 is the old picture and `last` the new one: half-way lies between them.
            slide.centre = std::lround(0.5 * static_cast<double>(first + last) - 0.5);
            return slide;
        }
        k = m;
    }
    return {};
}

}  // namespace tunesmith
