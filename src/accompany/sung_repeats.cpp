// find_repeated_onsets: maximal runs along each diagonal (second - first = const) of the onset
// pairs whose steps match, so each step is compared at most twice and the search is O(n^2).
#include "accompany/sung_repeats.h"

#include <algorithm>
#include <cmath>

namespace tunesmith {
namespace {

struct Line {
    std::span<const double> onsets;
    std::span<const double> pitches;
};

// Whether step b -> b+1 repeats step a -> a+1: the same pitch step (within the error) and an
// interval that the tempo ratio (second over first) predicts within the tolerances: `scale` once
// the figure has run, any ratio in range for its first step (scale 0).
bool step_matches(const Line& line, std::size_t a, std::size_t b, double scale, const SungRepeatOptions& options) {
    const double first = line.onsets[a + 1] - line.onsets[a];
    const double second = line.onsets[b + 1] - line.onsets[b];
    if (!(first > 0.0) || !(second > 0.0) || first > options.max_interval_s || second > options.max_interval_s) return false;
    const double low = (scale > 0.0 ? scale : 1.0 / options.max_tempo_ratio) * first;
    const double high = (scale > 0.0 ? scale : options.max_tempo_ratio) * first;
    const double slack = std::max(options.interval_tolerance * second, options.timing_tolerance_s);
    if (second < low - slack || second > high + slack) return false;
    const double step_a = line.pitches[a + 1] - line.pitches[a];
    const double step_b = line.pitches[b + 1] - line.pitches[b];
    return std::abs(step_a - step_b) <= options.max_pitch_error + 0.5;
}

// An even run (every interval alike) matches itself at any lag, also half a beat off; only a
// figure with some rhythm says which of its notes is which.
bool has_rhythm(const Line& line, std::size_t first, std::size_t notes) {
    double shortest = 1e9, longest = 0.0;
    for (std::size_t k = first; k + 1 < first + notes; ++k) {
        const double interval = line.onsets[k + 1] - line.onsets[k];
        shortest = std::min(shortest, interval), longest = std::max(longest, interval);
    }
    return longest >= 1.5 * shortest;
}

}  // namespace

std::vector<RepeatedOnset> find_repeated_onsets(std::span<const double> onsets_s, std::span<const double> pitches,
                                                const SungRepeatOptions& options) {
    std::vector<RepeatedOnset> pairs;
    const std::size_t n = std::min(onsets_s.size(), pitches.size());
    if (n < 2 * options.min_notes || options.min_notes < 2) return pairs;
    const Line line{onsets_s.first(n), pitches.first(n)};
    for (std::size_t lag = options.min_notes; lag < n; ++lag) {
        for (std::size_t i = 0; i + lag + 1 < n;) {
            // The longest run of matching steps from (i, i + lag), the tempo ratio taken from the time
            // both occurrences have run so far, stopping before the first occurrence would reach the
            // second.
            std::size_t steps = 0;
            double scale = 0.0;
            while (steps + 1 < lag && i + lag + steps + 1 < n && step_matches(line, i + steps, i + lag + steps, scale, options)) {
                const double ran = (line.onsets[i + lag + steps + 1] - line.onsets[i + lag]) /
                                   (line.onsets[i + steps + 1] - line.onsets[i]);
                if (ran > options.max_tempo_ratio || ran < 1.0 / options.max_tempo_ratio) break;
                scale = ran, ++steps;
            }
            if (steps + 1 >= options.min_notes && has_rhythm(line, i, steps + 1))
                for (std::size_t k = 0; k <= steps; ++k) pairs.push_back({i + k, i + lag + k});
            i += std::max<std::size_t>(1, steps);
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const RepeatedOnset& a, const RepeatedOnset& b) {
        return a.first != b.first ? a.first < b.first : a.second < b.second;
    });
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    return pairs;
}

}  // namespace tunesmith
