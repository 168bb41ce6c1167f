// Local alignment (Smith–Waterman recurrence with Mongeau–Sankoff's fragmentation and
// consolidation moves) over interval sequences; one row of scores per step of `a`.
#include "rights/alignment.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace tunesmith {
namespace {

double substitution(const MelodyFeatures& a, std::size_t i, const MelodyFeatures& b, std::size_t j,
                    const AlignmentOptions& o) {
    const int d = std::abs(a.intervals[i] - b.intervals[j]);
    if (d == 0) return o.match + (a.ratios[i] == b.ratios[j] ? o.rhythm_bonus : 0.0);
    return d == 1 ? o.near : o.mismatch;
}

// Sum of `count` steps of `f` ending at `end` (inclusive).
int summed(const MelodyFeatures& f, std::size_t end, std::size_t count) {
    int sum = 0;
    for (std::size_t k = 0; k < count; ++k) sum += f.intervals[end - k];
    return sum;
}

}  // namespace

double alignment_similarity(const MelodyFeatures& a, const MelodyFeatures& b, const AlignmentOptions& o) {
    constexpr std::size_t kMinSteps = 6;
    if (a.size() < kMinSteps || b.size() < kMinSteps) return 0.0;
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    // H[i][j]: best alignment ending at step i-1 of a and j-1 of b; rows kept for 3 back.
    std::vector<std::vector<double>> rows(4, std::vector<double>(m + 1, 0.0));
    double best = 0.0;
    for (std::size_t i = 1; i <= n; ++i) {
        auto& h = rows[i % 4];
        const auto& up = rows[(i - 1) % 4];
        h[0] = 0.0;
        for (std::size_t j = 1; j <= m; ++j) {
            double v = std::max({0.0, up[j - 1] + substitution(a, i - 1, b, j - 1, o), up[j] + o.gap, h[j - 1] + o.gap});
            for (std::size_t k = 2; k <= 3; ++k) {
                // b's k steps against a's one (fragmentation) and a's k against b's one (consolidation).
                if (j >= k && summed(b, j - 1, k) == a.intervals[i - 1])
                    v = std::max(v, up[j - k] + o.fragment);
                if (i >= k && summed(a, i - 1, k) == b.intervals[j - 1])
                    v = std::max(v, rows[(i - k) % 4][j - 1] + o.fragment);
            }
            h[j] = v;
            best = std::max(best, v);
        }
    }
    const double per_step = o.match + o.rhythm_bonus;
    const double length = static_cast<double>(std::min({n, m, o.window}));
    return std::min(1.0, best / (per_step * length));
}

}  // namespace tunesmith
