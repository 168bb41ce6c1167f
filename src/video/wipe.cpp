// The per-pixel switch model of a shape transition (see wipe.h).
#include "video/wipe.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace tunesmith {
namespace {

constexpr std::size_t kPixels = Thumbnails::kPlane;

double percentile(std::vector<double> values, double share) {
    if (values.empty()) return 0.0;
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(share * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), at, values.end());
    return *at;
}

// One pixel's switch: the split of its frames into two runs, each about constant, that leaves the
// least of its variation unexplained (a change point), or none.
struct Switch {
    bool found = false;
    double time = 0.0;  // the first frame of the second run (sub-frame: the middle of a soft edge)
    std::size_t split = 0;
    std::array<double, 3> before{}, after{};  // the runs' means
};

// `sums` (per plane) and `squares` (all planes) are the pixel's running sums over the window's
// frames, so each split's unexplained variation costs a few operations.
Switch switch_of(const std::vector<std::array<double, 3>>& sums, const std::vector<double>& squares,
                 const WipeOptions& o) {
    constexpr std::size_t kShortest = 2;  // frames of either shot a split leaves at least
    const std::size_t n = squares.size() - 1;
    if (n < 2 * kShortest) return {};
    const auto mean = [&](std::size_t from, std::size_t to, std::size_t p) {
        return (sums[to][p] - sums[from][p]) / static_cast<double>(to - from);
    };
    const auto cost = [&](std::size_t k) {  // within-run variation with runs 0..k-1 and k..n-1
        double c = squares[n];
        for (std::size_t p = 0; p < 3; ++p)
            c -= sums[k][p] * mean(0, k, p) + (sums[n][p] - sums[k][p]) * mean(k, n, p);
        return c;
    };
    double total = squares[n];
    for (std::size_t p = 0; p < 3; ++p) total -= sums[n][p] * mean(0, n, p);
    std::size_t best = kShortest;
    double best_cost = 1e300;
    for (std::size_t k = kShortest; k + kShortest <= n; ++k) {
        const double c = cost(k);
        if (c < best_cost) best_cost = c, best = k;
    }
    Switch out;
    out.split = best;
    double step = 0.0;
    for (std::size_t p = 0; p < 3; ++p) {
        out.before[p] = mean(0, best, p);
        out.after[p] = mean(best, n, p);
        step += (out.after[p] - out.before[p]) * (out.after[p] - out.before[p]);
    }
    if (step < o.min_step || best_cost > (1.0 - o.explained) * total) return {};
    // A soft edge: the middle of the parabola through the costs around the best split.
    double offset = 0.0;
    if (best > kShortest && best + kShortest < n) {
        const double l = cost(best - 1), r = cost(best + 1);
        const double curve = l - 2.0 * best_cost + r;
        if (curve > 0.0) offset = std::clamp(0.5 * (l - r) / curve, -0.5, 0.5);
    }
    out.found = true;
    out.time = static_cast<double>(best) + offset;
    return out;
}

// The split a second model finds: two runs, each a straight line in time (a shot that drifts or
// pans slowly changes a pixel about steadily). A shot's own drift splits the constant runs anywhere
// along it, and these lines elsewhere; at a switch both split at the same frame. `t`, `tt` are the
// running sums of the frames' times and their squares, `tx` of time x value (per plane).
std::size_t line_split(const std::vector<std::array<double, 3>>& sums, const std::vector<double>& squares,
                       const std::vector<double>& t, const std::vector<double>& tt,
                       const std::vector<std::array<double, 3>>& tx) {
    constexpr std::size_t kShortest = 3;  // a line needs a few frames
    const std::size_t n = squares.size() - 1;
    const auto residual = [&](std::size_t from, std::size_t to) {  // of the best line through frames from..to-1
        const auto count = static_cast<double>(to - from);
        const double st = t[to] - t[from], stt = tt[to] - tt[from], det = count * stt - st * st;
        double r = squares[to] - squares[from];
        for (std::size_t p = 0; p < 3; ++p) {
            const double sx = sums[to][p] - sums[from][p], stx = tx[to][p] - tx[from][p];
            const double slope = det > 1e-9 ? (count * stx - st * sx) / det : 0.0;
            r -= ((sx - slope * st) / count) * sx + slope * stx;
        }
        return r;
    };
    std::size_t best = 0;
    double best_cost = 1e300;
    for (std::size_t k = kShortest; k + kShortest <= n; ++k) {
        const double c = residual(0, k) + residual(k, n);
        if (c < best_cost) best_cost = c, best = k;
    }
    return best;
}

// The frames around a pixel's switch that are still between its two runs (more than a fifth of the
// way from either): a cut's or a sharp wipe's switch has none, a dissolve's lasts the dissolve.
double ramp_of(const Thumbnails& t, const std::vector<std::int64_t>& frames, std::size_t pixel, const Switch& s) {
    double squared = 0.0;
    for (std::size_t p = 0; p < 3; ++p) squared += (s.after[p] - s.before[p]) * (s.after[p] - s.before[p]);
    const auto between = [&](std::size_t k) {
        const std::uint8_t* x = t.at(static_cast<std::size_t>(frames[k]));
        double along = 0.0;
        for (std::size_t p = 0; p < 3; ++p) along += (x[p * kPixels + pixel] - s.before[p]) * (s.after[p] - s.before[p]);
        const double w = along / squared;
        return w > 0.2 && w < 0.8;
    };
    int count = 0;
    for (auto k = static_cast<std::ptrdiff_t>(s.split) - 1; k >= 0 && between(static_cast<std::size_t>(k)); --k) ++count;
    for (auto k = s.split; k < frames.size() && between(k); ++k) ++count;
    return count;
}

PixelSwitches switches(const Thumbnails& thumbnails, const std::vector<std::int64_t>& frames, const WipeOptions& options) {
    const std::size_t n = frames.size();
    PixelSwitches out;
    std::vector<double> ramps, squares(n + 1), t(n + 1), tt(n + 1);
    std::vector<std::array<double, 3>> sums(n + 1), tx(n + 1);
    for (std::size_t k = 0; k < n; ++k) {
        const auto time = static_cast<double>(frames[k] - frames[0]);
        t[k + 1] = t[k] + time;
        tt[k + 1] = tt[k] + time * time;
    }
    for (std::size_t i = 0; i < kPixels; ++i) {
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint8_t* x = thumbnails.at(static_cast<std::size_t>(frames[k]));
            const auto time = static_cast<double>(frames[k] - frames[0]);
            squares[k + 1] = squares[k];
            for (std::size_t p = 0; p < 3; ++p) {
                const double v = x[p * kPixels + i];
                sums[k + 1][p] = sums[k][p] + v;
                tx[k + 1][p] = tx[k][p] + time * v;
                squares[k + 1] += v * v;
            }
        }
        Switch s = switch_of(sums, squares, options);
        if (s.found) {
            const std::size_t other = line_split(sums, squares, t, tt, tx);
            s.found = (other > s.split ? other - s.split : s.split - other) <= 1;
        }
        out.time[i] = -1.0;
        if (!s.found) continue;
        ramps.push_back(ramp_of(thumbnails, frames, i, s));
        // From the run's index back to frames (a left-out frame leaves a gap).
        const auto k = static_cast<std::size_t>(std::floor(s.time));
        const double part = s.time - static_cast<double>(k);
        out.time[i] = static_cast<double>(frames[k]) + part * static_cast<double>(frames[std::min(n - 1, k + 1)] - frames[k]);
        out.times.push_back(out.time[i]);
    }
    out.ramp = percentile(ramps, 0.5);
    return out;
}

// How smoothly the switch times change across the picture: the median difference of neighbouring
// switching pixels, and the share of such pairs within 1.5 frames of each other.
std::pair<double, double> neighbour_agreement(const std::array<double, kPixels>& time) {
    std::vector<double> differences;
    for (int y = 0; y < Thumbnails::kHeight; ++y)
        for (int x = 0; x < Thumbnails::kWidth; ++x) {
            const auto i = static_cast<std::size_t>(y * Thumbnails::kWidth + x);
            if (time[i] < 0.0) continue;
            if (x + 1 < Thumbnails::kWidth && time[i + 1] >= 0.0) differences.push_back(std::fabs(time[i] - time[i + 1]));
            if (y + 1 < Thumbnails::kHeight && time[i + Thumbnails::kWidth] >= 0.0)
                differences.push_back(std::fabs(time[i] - time[i + Thumbnails::kWidth]));
        }
    if (differences.empty()) return {1e9, 0.0};
    const auto close = std::count_if(differences.begin(), differences.end(), [](double d) { return d <= 1.5; });
    return {percentile(differences, 0.5), static_cast<double>(close) / static_cast<double>(differences.size())};
}

// The largest share of the switching pixels that switch in any one frame.
double busiest_frame(const std::vector<double>& times, std::int64_t from, std::int64_t to) {
    std::vector<int> count(static_cast<std::size_t>(to - from + 2), 0);
    for (const double t : times) ++count[static_cast<std::size_t>(std::clamp<std::int64_t>(std::lround(t), from, to + 1) - from)];
    return static_cast<double>(*std::max_element(count.begin(), count.end())) / static_cast<double>(times.size());
}

}  // namespace

Wipe judge_switches(const PixelSwitches& s, std::int64_t from, std::int64_t to, std::int64_t max_length,
                    const WipeOptions& options) {
    Wipe result;
    result.coverage = static_cast<double>(s.times.size()) / static_cast<double>(kPixels);
    if (s.times.size() < 8) return result;
    result.spread = percentile(s.times, 0.9) - percentile(s.times, 0.1);
    result.first_frame = static_cast<std::int64_t>(std::floor(percentile(s.times, 0.01)));
    result.last_frame = static_cast<std::int64_t>(std::ceil(percentile(s.times, 0.99))) - 1;
    // A switch time is the first frame of the new shot; half-way is between the 5% and 95% switches.
    result.centre = std::lround(0.5 * (percentile(s.times, 0.05) + percentile(s.times, 0.95)) - 0.5);
    const auto [neighbour, close] = neighbour_agreement(s.time);
    const std::int64_t length = result.last_frame - result.first_frame + 1;
    result.wipe = result.coverage >= options.coverage && result.spread >= options.min_spread &&
                  busiest_frame(s.times, from, to) <= options.one_frame && result.spread >= options.ramp_share * s.ramp &&
                  neighbour <= options.coherence * result.spread && close >= options.min_neighbours &&
                  length <= max_length && result.first_frame - 2 >= from && result.last_frame + 2 <= to;
    return result;
}

Wipe fit_wipe(const Thumbnails& thumbnails, std::int64_t from, std::int64_t to, std::int64_t max_length,
              const WipeOptions& options, const std::vector<bool>* left_out) {
    from = std::max<std::int64_t>(0, from);
    to = std::min(to, static_cast<std::int64_t>(thumbnails.size()) - 1);
    // The frames of the window, without the left-out ones (a flash would add its own "switch" twice).
    const std::vector<std::int64_t> frames = frames_in_window(thumbnails, from, to, left_out);
    if (frames.size() < 8) return {};
    return judge_switches(switches(thumbnails, frames, options), from, to, max_length, options);
}

}  // namespace tunesmith
