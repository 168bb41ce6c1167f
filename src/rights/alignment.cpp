// Weighted local alignment (Smith–Waterman recurrence with Mongeau–Sankoff's fragmentation and
// consolidation moves) over interval sequences, and its best-window normalisation.
#include "rights/alignment.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

namespace tunesmith {
namespace {

// One DP cell: the best alignment ending here, how many steps it matched and its first query step.
struct Cell {
    double score = 0.0;
    std::uint32_t matched = 0;
    std::uint32_t first = 0;
};

// The best alignment found that matched enough steps, with the query steps it spans.
struct Alignment {
    double score = 0.0;
    bool found = false;
    std::size_t first = 0;
    std::size_t last = 0;
};

std::vector<int> prefix_sums(const MelodyFeatures& f) {
    std::vector<int> sums(f.size() + 1, 0);
    for (std::size_t i = 0; i < f.size(); ++i) sums[i + 1] = sums[i] + f.intervals[i];
    return sums;
}

// The inputs of one alignment, in the units the recurrence uses.
struct Problem {
    const WeightedMelody& q;
    const WeightedMelody& b;
    std::vector<int> q_sums;
    std::vector<int> b_sums;
    double ref;
    const AlignmentOptions& o;
};

// Extends `from` by `delta`; an alignment whose score fell to zero starts afresh at `start`.
inline Cell extend(const Cell& from, double delta, std::uint32_t matched, std::uint32_t start) {
    if (from.score <= 0.0) return Cell{delta, matched, start};
    return Cell{from.score + delta, from.matched + matched, from.first};
}

inline void keep_better(Cell& best, const Cell& candidate) {
    if (candidate.score > best.score) best = candidate;
}

// What a query step brings to every cell of its row.
struct QueryStep {
    int interval;
    int ratio;
    double weight;
    int sum2;  // this step and the one before (consolidation of two steps)
    int sum3;
    std::uint32_t index;
    int prev_interval;  // the step before (a changed note spans two steps)
    int prev_ratio;
    double prev_weight;
};

// Query steps i-1, i against known steps j-2, j-1 as one moved note: the sums agree, each
// interval is off by one or two semitones and each rhythm class by at most one.
inline bool moved_note(const Problem& p, const QueryStep& s, std::size_t bj) {
    const MelodyFeatures& b = p.b.features;
    if (bj < 1 || s.sum2 != b.intervals[bj - 1] + b.intervals[bj]) return false;
    const int d = std::abs(s.prev_interval - b.intervals[bj - 1]);
    return d >= 1 && d <= 2 && std::abs(s.ratio - b.ratios[bj]) <= 1 && std::abs(s.prev_ratio - b.ratios[bj - 1]) <= 1;
}

// One cell of the recurrence: query step `s` against known step j - 1.
inline Cell cell(const Problem& p, const QueryStep& s, std::size_t ii, std::size_t j, const std::vector<Cell>& up,
                 const std::vector<Cell>& left_row, const std::vector<Cell>& up2, const std::vector<Cell>& up3) {
    const std::size_t bj = j - 1;
    const int b_interval = p.b.features.intervals[bj];
    const double w = std::min(s.weight, p.b.weights[bj]);
    Cell c;
    const int d = std::abs(s.interval - b_interval);
    if (d == 0) {
        const int r = std::abs(s.ratio - p.b.features.ratios[bj]);
        if (r == 0) c = extend(up[j - 1], w, 1, s.index);
        else if (r == 1) c = extend(up[j - 1], p.o.rhythm_near * w, 1, s.index);
        else c = extend(up[j - 1], p.o.rhythm_miss * p.ref, 0, s.index);
    } else {
        c = extend(up[j - 1], (d <= 2 ? p.o.near : p.o.mismatch) * p.ref, 0, s.index);
    }
    const double gap = p.o.gap * p.ref;
    if (up[j].score > 0.0) keep_better(c, extend(up[j], gap, 0, s.index));
    if (left_row[j - 1].score > 0.0) keep_better(c, extend(left_row[j - 1], gap, 0, s.index));
    // Fragmentation (the known melody's two or three steps against one query step) and
    // consolidation (the reverse: an ornament) only bridge an alignment already under way, and
    // are not counted as matched steps: they ignore rhythm, so chance sums must not add up.
    const double part = p.o.fragment * w;
    auto bridge = [&](const Cell& from) {
        if (from.score > 0.0) keep_better(c, extend(from, part, 0, s.index));
    };
    if (j >= 2 && p.b_sums[j] - p.b_sums[j - 2] == s.interval) bridge(up[j - 2]);
    if (j >= 3 && p.b_sums[j] - p.b_sums[j - 3] == s.interval) bridge(up[j - 3]);
    if (ii >= 2 && s.sum2 == b_interval) bridge(up2[j - 1]);
    if (ii >= 3 && s.sum3 == b_interval) bridge(up3[j - 1]);
    if (p.o.changed_note > 0.0 && ii >= 2 && j >= 2 && up2[j - 2].score > 0.0 && moved_note(p, s, bj)) {
        const double pair = std::min(s.weight + s.prev_weight, p.b.weights[bj] + p.b.weights[bj - 1]);
        keep_better(c, extend(up2[j - 2], p.o.changed_note * pair, 0, s.index));
    }
    return c.score > 0.0 ? c : Cell{};
}

// Best local alignment of query steps [begin, end) against all of the known melody; when
// `row_best` is given, row_best[i] is the best score of any alignment ending at query step i.
Alignment align_range(const Problem& p, std::size_t begin, std::size_t end, std::vector<double>* row_best = nullptr) {
    const std::size_t m = p.b.features.size();
    std::vector<std::vector<Cell>> rows(4, std::vector<Cell>(m + 1));  // rows i, i-1, i-2, i-3
    Alignment best;
    for (std::size_t ii = 1; ii <= end - begin; ++ii) {
        const std::size_t i = begin + ii - 1;
        const QueryStep step{p.q.features.intervals[i],
                             p.q.features.ratios[i],
                             p.q.weights[i],
                             i >= 1 ? p.q_sums[i + 1] - p.q_sums[i - 1] : 0,
                             i >= 2 ? p.q_sums[i + 1] - p.q_sums[i - 2] : 0,
                             static_cast<std::uint32_t>(i),
                             i >= 1 ? p.q.features.intervals[i - 1] : 0,
                             i >= 1 ? p.q.features.ratios[i - 1] : 0,
                             i >= 1 ? p.q.weights[i - 1] : 0.0};
        auto& h = rows[ii % 4];
        const auto& up = rows[(ii - 1) % 4];
        const auto& up2 = rows[(ii + 2) % 4];
        const auto& up3 = rows[(ii + 1) % 4];
        h[0] = Cell{};
        double row_max = 0.0;
        for (std::size_t j = 1; j <= m; ++j) {
            const Cell c = cell(p, step, ii, j, up, h, up2, up3);
            h[j] = c;
            row_max = std::max(row_max, c.score);
            if (c.matched >= p.o.min_matched && c.score > best.score) best = Alignment{c.score, true, c.first, i};
        }
        if (row_best != nullptr) (*row_best)[i] = row_max;
    }
    return best;
}

// A window of query steps, what its score is divided by, and an upper bound on that score.
struct Window {
    std::size_t begin = 0;
    double divisor = 1.0;
    double bound = 0.0;
};

// The divisor of a window whose query steps weigh `own` in all.
double window_divisor(double own, double unit, const AlignmentOptions& o) {
    const double low = std::max(o.floor_share, 1e-9) * unit;
    return std::clamp(own, low, std::max(low, o.ceiling_share * unit));
}

double weight_of(const WeightedMelody& query, std::size_t begin, std::size_t end) {
    double sum = 0.0;
    for (std::size_t i = begin; i < end; ++i) sum += query.weights[i];
    return sum;
}

// Every window start (stride apart, plus the last), highest bound first. A window cannot beat
// the unconstrained alignments ending in its rows, nor the sum of its steps' weights (no step
// earns more than its weight).
std::vector<Window> windows_by_bound(const WeightedMelody& query, const std::vector<double>& row_best, double unit,
                                     const AlignmentOptions& o) {
    const std::size_t n = query.features.size();
    const std::size_t stride = std::max<std::size_t>(1, o.window_stride);
    std::vector<Window> windows;
    for (std::size_t start = 0;; start += stride) {
        const std::size_t begin = std::min(start, n - o.window);
        double rows = 0.0;
        for (std::size_t i = begin; i < begin + o.window; ++i) rows = std::max(rows, row_best[i]);
        const double own = weight_of(query, begin, begin + o.window);
        const double divisor = window_divisor(own, unit, o);
        windows.push_back(Window{begin, divisor, std::min(rows, own) / divisor});
        if (begin + o.window >= n) break;
    }
    std::stable_sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) { return a.bound > b.bound; });
    return windows;
}

}  // namespace

double alignment_similarity(const WeightedMelody& query, const WeightedMelody& known, double reference_weight,
                            const AlignmentOptions& options, double floor) {
    const std::size_t n = query.features.size();
    const double unit = static_cast<double>(options.window) * reference_weight;
    if (n < options.min_matched || known.features.size() < options.min_matched || unit <= 0.0) return 0.0;
    // Computed before the aggregate (GCC 12 double-frees members when an initializer throws).
    std::vector<int> query_sums = prefix_sums(query.features);
    std::vector<int> known_sums = prefix_sums(known.features);
    const Problem p{query, known, std::move(query_sums), std::move(known_sums), reference_weight, options};
    std::vector<double> row_best(n, 0.0);
    const Alignment full = align_range(p, 0, n, &row_best);
    if (!full.found) return 0.0;
    // The whole-query optimum bounds every window's raw score; the smallest divisor any window
    // can have turns it into a bound on every window's score.
    const double least_divisor = window_divisor(0.0, unit, options);
    if (full.score / least_divisor <= floor) return 0.0;
    if (full.last - full.first + 1 <= options.window) {
        // The alignment fits in a window: the one that starts where it does (or the query's last).
        const std::size_t begin = n <= options.window ? 0 : std::min(full.first, n - options.window);
        const double own = weight_of(query, begin, std::min(n, begin + options.window));
        return std::clamp(full.score / window_divisor(own, unit, options), 0.0, 1.0);
    }
    // Longer: the windows are aligned one by one so a long query cannot add up distant small matches.
    double best = 0.0;
    for (const Window& w : windows_by_bound(query, row_best, unit, options)) {
        if (w.bound <= std::max(best, floor)) break;  // no later window can do better
        best = std::max(best, align_range(p, w.begin, w.begin + options.window).score / w.divisor);
    }
    return std::clamp(best, 0.0, 1.0);
}

double alignment_similarity(const MelodyFeatures& query, const MelodyFeatures& known, const AlignmentOptions& options) {
    const std::vector<double> query_weights(query.size(), 1.0);
    const std::vector<double> known_weights(known.size(), 1.0);
    return alignment_similarity(WeightedMelody{query, query_weights}, WeightedMelody{known, known_weights}, 1.0, options);
}

}  // namespace tunesmith
