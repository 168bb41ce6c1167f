// The contrast model of a dip: each frame's structure against its own shot's, so the end pictures
// are allowed to move (see dip.h).
#include "video/dip.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace tunesmith {
namespace {

// The energy of a thumbnail's luma less its mean, plus its chroma measured from (u, v), per pixel:
// near 0 for a uniform picture of any level (black, white, grey) whose colour is (u, v), w^2 times
// the shot's for a mix w*S + (1-w)*U. `own_chroma`: the chroma from its own mean instead (near 0
// for a uniform picture of any colour).
double structure(const Thumbnails& thumbnails, std::int64_t frame, double u, double v, bool own_chroma = false) {
    const std::uint8_t* pixels = thumbnails.at(static_cast<std::size_t>(frame));
    const auto mean_of = [&](std::size_t plane) {
        double mean = 0.0;
        for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) mean += pixels[plane * Thumbnails::kPlane + i];
        return mean / static_cast<double>(Thumbnails::kPlane);
    };
    const double reference[] = {mean_of(0), own_chroma ? mean_of(1) : u, own_chroma ? mean_of(2) : v};
    double energy = 0.0;
    for (std::size_t plane = 0; plane < 3; ++plane)
        for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) {
            const double d = pixels[plane * Thumbnails::kPlane + i] - reference[plane];
            energy += d * d;
        }
    return energy / static_cast<double>(Thumbnails::kPlane);
}

// A thumbnail's mean luma.
double mean_luma(const Thumbnails& thumbnails, std::int64_t frame) {
    const std::uint8_t* pixels = thumbnails.at(static_cast<std::size_t>(frame));
    double y = 0.0;
    for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) y += pixels[i];
    return y / static_cast<double>(Thumbnails::kPlane);
}

// A thumbnail's mean chroma.
std::pair<double, double> mean_chroma(const Thumbnails& thumbnails, std::int64_t frame) {
    const std::uint8_t* pixels = thumbnails.at(static_cast<std::size_t>(frame));
    double u = 0.0, v = 0.0;
    for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) u += pixels[Thumbnails::kPlane + i], v += pixels[2 * Thumbnails::kPlane + i];
    return {u / static_cast<double>(Thumbnails::kPlane), v / static_cast<double>(Thumbnails::kPlane)};
}

double median_of(std::vector<double> values) {
    if (values.empty()) return 0.0;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

}  // namespace

// A dip through a uniform picture whose chroma is `colour` (neutral: black, white, any grey), or
// through the flattest frame's colour when `colour` is empty.
Dip dip_through(const Thumbnails& thumbnails, std::int64_t first, std::int64_t last, std::int64_t low, std::int64_t high,
                std::int64_t max_length, const DipOptions& options, std::optional<std::pair<double, double>> colour) {
    // Structure of the frames a dip bottomed in [first, last] can reach, with its shots' reference frames.
    // A shot's settled structure is the median of this many frames (0.2 s, at least 4): a slow ease in or
    // out is still climbing over the next few frames.
    const std::int64_t kReference = std::max<std::int64_t>(4, max_length / 10);
    const std::int64_t from = std::max(low, first - max_length - kReference - 1);
    const std::int64_t to = std::min(high, last + max_length + kReference + 1);
    // The bottom is the least structured frame; through a colour, the flattest (its chroma about its
    // own mean), and every frame's chroma is then measured from that colour.
    std::int64_t bottom = first;
    const auto flatness = [&](std::int64_t f) { return structure(thumbnails, f, 128.0, 128.0, !colour); };
    for (std::int64_t f = first + 1; f <= last; ++f)
        if (flatness(f) < flatness(bottom)) bottom = f;
    const auto [u, v] = colour ? *colour : mean_chroma(thumbnails, bottom);
    std::vector<double> energy(static_cast<std::size_t>(to - from + 1));
    for (std::int64_t f = from; f <= to; ++f) energy[static_cast<std::size_t>(f - from)] = structure(thumbnails, f, u, v);
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
    // Through a colour, each frame's colour is w of the way from it to its shot's: the mix moves the
    // colour as it moves the contrast. A pan onto a flat patch of one colour covers a share of the
    // picture, which moves the colour by the share but the contrast by its square root (w^2).
    if (!colour) {
        const auto colour_of = [&](std::int64_t f) {
            const auto [fu, fv] = mean_chroma(thumbnails, f);
            return std::pair{fu - u, fv - v};
        };
        const auto settled = [&](std::int64_t f, std::int64_t direction) {
            double su = 0.0, sv = 0.0;
            for (std::int64_t k = 1; k <= kReference; ++k) {
                const auto [du, dv] = colour_of(std::clamp(f + direction * k, from, to));
                su += du / static_cast<double>(kReference), sv += dv / static_cast<double>(kReference);
            }
            return std::pair{su, sv};
        };
        const auto shot_colour_a = settled(dip.first_frame, -1), shot_colour_b = settled(dip.last_frame, +1);
        double as_mix = 0.0, as_cover = 0.0;
        for (std::int64_t f = dip.first_frame; f <= dip.last_frame; ++f) {
            const auto [su, sv] = f <= bottom ? shot_colour_a : shot_colour_b;
            const double away = std::hypot(su, sv);
            if (away < options.colour_away) return {};  // the shot is of that colour: no telling
            const auto [du, dv] = colour_of(f);
            const double share = (du * su + dv * sv) / (away * away);  // how far the colour has come back
            const double w = weights[static_cast<std::size_t>(f - dip.first_frame + 1)];
            as_mix += (share - w) * (share - w), as_cover += (share - w * w) * (share - w * w);
        }
        if (as_mix >= as_cover) return {};
    }
    dip.centre = (dip.first_frame + dip.last_frame + 1) / 2;
    dip.dip = true;
    const bool flat = e(bottom) <= options.alone_depth * std::min(shot_a, shot_b);
    if (flat && !colour) dip.stands_alone = true;  // the colour came back as the mix does (tested above)
    if (flat && colour) {
        // The same test on the mean luma: each frame's comes back w of the way from the bottom's to its
        // shot's settled level.
        const double level = mean_luma(thumbnails, bottom);
        const auto settled_luma = [&](std::int64_t f, std::int64_t direction) {
            double sum = 0.0;
            for (std::int64_t k = 1; k <= kReference; ++k) sum += mean_luma(thumbnails, std::clamp(f + direction * k, from, to));
            return sum / static_cast<double>(kReference) - level;
        };
        const double luma_a = settled_luma(dip.first_frame, -1), luma_b = settled_luma(dip.last_frame, +1);
        if (std::min(std::fabs(luma_a), std::fabs(luma_b)) < options.colour_away) return dip;
        double as_mix = 0.0, as_cover = 0.0;
        for (std::int64_t f = dip.first_frame; f <= dip.last_frame; ++f) {
            const double share = (mean_luma(thumbnails, f) - level) / (f <= bottom ? luma_a : luma_b);
            const double w = weights[static_cast<std::size_t>(f - dip.first_frame + 1)];
            as_mix += (share - w) * (share - w), as_cover += (share - w * w) * (share - w * w);
        }
        dip.stands_alone = as_mix < as_cover;
    }
    return dip;
}

Dip fit_dip(const Thumbnails& thumbnails, std::int64_t first, std::int64_t last, std::int64_t low, std::int64_t high,
            std::int64_t max_length, const DipOptions& options) {
    low = std::max<std::int64_t>(0, low);
    high = std::min(high, static_cast<std::int64_t>(thumbnails.size()) - 1);
    first = std::max(first, low);
    last = std::min(last, high);
    if (first > last) return {};
    const Dip neutral = dip_through(thumbnails, first, last, low, high, max_length, options, std::pair{128.0, 128.0});
    if (neutral.dip) return neutral;
    return dip_through(thumbnails, first, last, low, high, max_length, options, std::nullopt);
}

}  // namespace tunesmith
