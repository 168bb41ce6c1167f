// The onset of an attack: the first sample whose causal short-time level stands 6 dB over the
// loudest moment of what rang before and reaches -30 dB of the attack's peak.
#include "render/attack_onset.h"

#include <algorithm>
#include <cmath>

namespace tunesmith {

std::int64_t attack_onset(const std::vector<float>& left, const std::vector<float>& right, std::int64_t around,
                          SampleRate rate) {
    const auto ms = [&](double m) { return static_cast<std::int64_t>(std::llround(m * rate.hz / 1000.0)); };
    const std::int64_t window = std::max<std::int64_t>(1, ms(0.5));
    const std::int64_t size = static_cast<std::int64_t>(std::min(left.size(), right.size()));
    const std::int64_t background_from = std::max<std::int64_t>(0, around - ms(30.0));
    const std::int64_t search_from = std::max<std::int64_t>(0, around - ms(10.0));
    const std::int64_t search_to = std::min(size, around + ms(30.0));
    const std::int64_t peak_to = std::min(size, around + ms(50.0));
    if (search_from >= search_to) return -1;

    // level[i]: the level at sample background_from + i (silence before sample 0).
    std::vector<double> level(static_cast<std::size_t>(peak_to - background_from), 0.0);
    const auto power = [&](std::int64_t k) {
        const double l = left[static_cast<std::size_t>(k)], r = right[static_cast<std::size_t>(k)];
        return 0.5 * (l * l + r * r);
    };
    double energy = 0.0;  // of the `window` samples ending at n
    for (std::int64_t k = std::max<std::int64_t>(0, background_from - window); k < background_from; ++k) energy += power(k);
    for (std::int64_t n = background_from; n < peak_to; ++n) {
        energy += power(n);
        if (n - window >= 0) energy -= power(n - window);
        level[static_cast<std::size_t>(n - background_from)] = std::sqrt(std::max(0.0, energy) / static_cast<double>(window));
    }
    const auto at = [&](std::int64_t n) { return level[static_cast<std::size_t>(n - background_from)]; };
    double background = 0.0, peak = 0.0;
    for (std::int64_t n = background_from; n < search_from; ++n) background = std::max(background, at(n));
    for (std::int64_t n = search_from; n < peak_to; ++n) peak = std::max(peak, at(n));
    if (peak <= 0.0) return -1;
    const double threshold = std::max(2.0 * background, 0.03 * peak);
    for (std::int64_t n = search_from; n < search_to; ++n)
        if (at(n) >= threshold) return n;
    return -1;
}

}  // namespace tunesmith
