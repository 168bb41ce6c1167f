// The contrast model of a dip: each frame's structure against its own shot's, so the end pictures
// are allowed to move (see dip.h).
#include "video/dip.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tunesmith {
namespace {

// The energy of a thumbnail's luma less its mean, plus its chroma measured from neutral, per pixel:
// near 0 for a uniform picture of any level (black, white, grey), w^2 times the shot's for a mix
// w*S + (1-w)*U.
double structure(const Thumbnails& thumbnails, std::int64_t frame) {
    const std::uint8_t* pixels = thumbnails.at(static_cast<std::size_t>(frame));
    double mean = 0.0;
    for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) mean += pixels[i];
    mean /= static_cast<double>(Thumbnails::kPlane);
    double energy = 0.0;
    for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) energy += (pixels[i] - mean) * (pixels[i] - mean);
    for (std::size_t i = Thumbnails::kPlane; i < Thumbnails::kSize; ++i) energy += (pixels[i] - 128.0) * (pixels[i] - 128.0);
    return energy / static_cast<double>(Thumbnails::kPlane);
}

double median_of(std::vector<double> values) {
    if (values.empty()) return 0.0;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

}  // namespace

Dip fit_dip(const Thumbnails& thumbnails, std::int64_t first, std::int64_t last, std::int64_t low, std::int64_t high,
            std::int64_t max_length, const DipOptions& options) {
    low = std::max<std::int64_t>(0, low);
    high = std::min(high, static_cast<std::int64_t>(thumbnails.size()) - 1);
    first = std::max(first, low);
    last = std::min(last, high);
    if (first > last) return {};
    // Structure of the frames a dip bottomed in [first, last] can reach, with its shots' reference frames.
    // A shot's settled structure is the median of this many frames (0.2 s, at least 4): a slow ease in or
    // out is still climbing over the next few frames.
    const std::int64_t kReference = std::max<std::int64_t>(4, max_length / 10);
    const std::int64_t from = std::max(low, first - max_length - kReference - 1);
    const std::int64_t to = std::min(high, last + max_length + kReference + 1);
    std::vector<double> energy(static_cast<std::size_t>(to - from + 1));
    for (std::int64_t f = from; f <= to; ++f) energy[static_cast<std::size_t>(f - from)] = structure(thumbnails, f);
    const auto e = [&](std::int64_t f) { return energy[static_cast<std::size_t>(f - from)]; };
    // The median structure of the (up to) reference frames beyond f, going away from the bottom.
    const auto beyond = [&](std::int64_t f, std::int64_t direction) {
        std::vector<double> values;
        for (std::int64_t k = 1; k <= kReference; ++k) {
            const std::int64_t g = f + direction * k;
            if (g >= from && g <= to) values.push_back(e(g));
        }
        return median_of(values);
    };
    std::int64_t bottom = first;
    for (std::int64_t f = first; f <= last; ++f)
        if (e(f) < e(bottom)) bottom = f;
    // Walk out from the bottom while the frames are less structured than their shot's next ones.
    Dip dip;
    dip.first_frame = bottom;
    while (dip.first_frame - 1 - kReference >= from && bottom - dip.first_frame < max_length &&
           e(dip.first_frame - 1) < options.settled * beyond(dip.first_frame - 1, -1))
        --dip.first_frame;
    dip.last_frame = bottom;
    while (dip.last_frame + 1 + kReference <= to && dip.last_frame - bottom < max_length &&
           e(dip.last_frame + 1) < options.settled * beyond(dip.last_frame + 1, +1))
        ++dip.last_frame;
    const std::int64_t inside = dip.last_frame - dip.first_frame + 1;
    if (inside < options.min_frames || inside > max_length) return {};
    if (dip.first_frame - 2 * options.margin < low || dip.last_frame + 2 * options.margin > high) return {};
    const double shot_a = beyond(dip.first_frame, -1), shot_b = beyond(dip.last_frame, +1);
    if (!(e(bottom) <= options.depth * std::min(shot_a, shot_b))) return {};
    // The weight of each frame's own shot: from A's settled frame down to the bottom, then up to B's.
    std::vector<double> weights;
    for (std::int64_t f = dip.first_frame - 1; f <= dip.last_frame + 1; ++f)
        weights.push_back(std::sqrt(e(f) / (f <= bottom ? shot_a : shot_b)));
    const auto at_bottom = static_cast<std::size_t>(bottom - dip.first_frame + 1);
    int backward = 0;
    for (std::size_t i = 1; i < weights.size(); ++i) {
        const double step = weights[i] - weights[i - 1];
        if (std::fabs(step) > options.max_step) return {};
        if (i <= at_bottom ? step > 0.15 : step < -0.15) ++backward;
    }
    if (backward > inside / 5) return {};
    dip.centre = (dip.first_frame + dip.last_frame + 1) / 2;
    dip.dip = true;
    return dip;
}

}  // namespace tunesmith
