// The catch-all gradual-transition test (see gradual_change.h): change curves between the mean
// pictures of two short runs of frames at several distances apart, each against both shots' own
// change over the same span, measured beside it in the same shots.
#include "video/gradual_change.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace tunesmith {
namespace {

constexpr std::size_t kBins = 128;    // YUV 8x4x4, soft (as frame_signals.h)
constexpr std::size_t kBlocks = 144;  // 8x6 blocks of 4x3 thumbnail pixels, Y, U and V
constexpr std::size_t kPlane = Thumbnails::kPlane;

// What a picture is, coarsely: its colours (where they are does not matter, so motion and changing
// texture leave them) and its layout (where light and colour are, at a scale a pan moves slowly).
struct Picture {
    std::array<float, kBins> hist{};
    std::array<float, kBlocks> layout{};
};

Picture picture_of(const std::uint8_t* p) {
    Picture out;
    const auto split = [](unsigned value, float width, unsigned bins, unsigned& low, float& high) {
        const float position = (static_cast<float>(value) + 0.5f) / width - 0.5f;
        low = 0;
        high = 0.0f;
        if (position <= 0.0f) return;
        low = std::min(static_cast<unsigned>(position), bins - 1);
        if (low + 1 < bins) high = position - static_cast<float>(low);
    };
    constexpr float kShare = 1.0f / static_cast<float>(kPlane);
    for (std::size_t i = 0; i < kPlane; ++i) {
        unsigned y0 = 0, u0 = 0, v0 = 0;
        float y1 = 0.0f, u1 = 0.0f, v1 = 0.0f;
        split(p[i], 32.0f, 8, y0, y1);
        split(p[i + kPlane], 64.0f, 4, u0, u1);
        split(p[i + 2 * kPlane], 64.0f, 4, v0, v1);
        for (unsigned dy = 0; dy < 2; ++dy)
            for (unsigned du = 0; du < 2; ++du)
                for (unsigned dv = 0; dv < 2; ++dv) {
                    const float w = (dy ? y1 : 1.0f - y1) * (du ? u1 : 1.0f - u1) * (dv ? v1 : 1.0f - v1);
                    if (w > 0.0f) out.hist[(y0 + dy) * 16 + (u0 + du) * 4 + v0 + dv] += w * kShare;
                }
    }
    for (std::size_t plane = 0; plane < 3; ++plane)
        for (int by = 0; by < 6; ++by)
            for (int bx = 0; bx < 8; ++bx) {
                unsigned sum = 0;
                for (int y = 0; y < 3; ++y)
                    for (int x = 0; x < 4; ++x)
                        sum += p[plane * kPlane + static_cast<std::size_t>((by * 3 + y) * Thumbnails::kWidth + bx * 4 + x)];
                out.layout[plane * 48 + static_cast<std::size_t>(by * 8 + bx)] = static_cast<float>(sum) / 12.0f;
            }
    return out;
}

// The measures of a change: 0 the colour histogram, 1 the layout.
double distance(int measure, const Picture& a, const Picture& b) {
    double sum = 0.0;
    if (measure == 0) {
        for (std::size_t i = 0; i < kBins; ++i) sum += std::fabs(static_cast<double>(a.hist[i]) - static_cast<double>(b.hist[i]));
        return 0.5 * sum;
    }
    for (std::size_t i = 0; i < kBlocks; ++i) sum += std::fabs(static_cast<double>(a.layout[i]) - static_cast<double>(b.layout[i]));
    return sum / (255.0 * static_cast<double>(kBlocks));
}

// A run of frames' mean luma thumbnail (frames left out skipped; empty when none is left), its
// contrast (standard deviation, levels), and how alike two are in shape whatever their light (the
// correlation of the pixels less their mean).
using Luma = std::vector<double>;

Luma mean_luma(const Thumbnails& t, const std::vector<bool>& left_out, std::int64_t from, std::int64_t to) {
    Luma mean(kPlane, 0.0);
    int count = 0;
    for (std::int64_t f = from; f <= to; ++f) {
        if (left_out[static_cast<std::size_t>(f)]) continue;
        const std::uint8_t* p = t.at(static_cast<std::size_t>(f));
        for (std::size_t i = 0; i < kPlane; ++i) mean[i] += p[i];
        ++count;
    }
    if (count == 0) return {};
    for (double& x : mean) x /= count;
    return mean;
}

double luma_mean(const Luma& a) {
    double sum = 0.0;
    for (const double x : a) sum += x;
    return sum / static_cast<double>(a.size());
}

double contrast(const Luma& a) {
    const double mean = luma_mean(a);
    double energy = 0.0;
    for (const double x : a) energy += (x - mean) * (x - mean);
    return std::sqrt(energy / static_cast<double>(a.size()));
}

double shape_correlation(const Luma& a, const Luma& b) {
    const double mean_a = luma_mean(a), mean_b = luma_mean(b);
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double x = a[i] - mean_a, y = b[i] - mean_b;
        ab += x * y, aa += x * x, bb += y * y;
    }
    return aa > 0.0 && bb > 0.0 ? ab / std::sqrt(aa * bb) : 0.0;
}

// Whether the runs of frames before and after a change are one picture in another light: both have
// contrast (4 levels) within a factor 1.6 of each other, and their shapes correlate (0.8) no less
// (by 0.1) than each shot's own run `far` out (when known) with its run next to the change.
bool relit_between(const Luma& before, const Luma& after, const Luma& far_before, const Luma& far_after) {
    if (before.empty() || after.empty()) return false;
    const double cb = contrast(before), ca = contrast(after);
    if (std::min(cb, ca) < 4.0 || std::max(cb, ca) > 1.6 * std::min(cb, ca)) return false;
    double own = 1.0;
    if (!far_before.empty()) own = std::min(own, shape_correlation(far_before, before));
    if (!far_after.empty()) own = std::min(own, shape_correlation(after, far_after));
    const double across = shape_correlation(before, after);
    return across >= 0.8 && across >= own - 0.1;
}

// The shots' own change is taken as at least this (noise): a still shot is no yardstick.
constexpr double kFloor[] = {0.01, 0.004};

// The mean picture of frames [from, to] less those left out; nullopt when none is left.
std::optional<Picture> mean_picture(const Thumbnails& t, const std::vector<bool>& left_out, std::int64_t from,
                                    std::int64_t to) {
    Picture mean;
    int count = 0;
    for (std::int64_t f = from; f <= to; ++f) {
        if (left_out[static_cast<std::size_t>(f)]) continue;
        const Picture p = picture_of(t.at(static_cast<std::size_t>(f)));
        for (std::size_t i = 0; i < kBins; ++i) mean.hist[i] += p.hist[i];
        for (std::size_t i = 0; i < kBlocks; ++i) mean.layout[i] += p.layout[i];
        ++count;
    }
    if (count == 0) return std::nullopt;
    for (float& x : mean.hist) x /= static_cast<float>(count);
    for (float& x : mean.layout) x /= static_cast<float>(count);
    return mean;
}

// The strongest change seen at a centre frame: its strength, scale and measure.
struct Evidence {
    double strength = 0.0;
    std::size_t scale = 0;
    int measure = 0;
};

}  // namespace

GradualChangeFinder::GradualChangeFinder(const Thumbnails& thumbnails, const std::vector<bool>& left_out,
                                         std::int64_t max_length, const GradualChangeOptions& options)
    : thumbnails_(thumbnails), left_out_(left_out), options_(options) {
    const auto n = static_cast<std::int64_t>(thumbnails.size());
    left_out_.resize(static_cast<std::size_t>(n), false);
    const int k = std::max(1, options_.side);
    // Half-gaps from a transition of ~4 frames to max_length.
    for (const int g : {2, 3, 5, 7, 10, 14, 19, 26})
        if (2 * g <= max_length || curves_.empty()) curves_.push_back(Curve{g, {}});
    // Each run's mean picture (the k frames ending at f) is made once, kept while a window can use it.
    const int longest = curves_.back().half_gap;
    const auto ring_size = static_cast<std::size_t>(2 * longest + k + 1);
    std::vector<std::optional<Picture>> runs(ring_size);
    for (Curve& c : curves_)
        for (auto& v : c.change) v.assign(static_cast<std::size_t>(n), -1.0f);
    std::vector<Picture> frames(static_cast<std::size_t>(k));  // the last k frames' pictures
    for (std::int64_t f = 0; f < n; ++f) {
        frames[static_cast<std::size_t>(f % k)] = picture_of(thumbnails.at(static_cast<std::size_t>(f)));
        std::optional<Picture>& run = runs[static_cast<std::size_t>(f) % ring_size];
        run.reset();
        if (f >= k - 1) {
            Picture mean;
            int count = 0;
            for (std::int64_t q = f - k + 1; q <= f; ++q) {
                if (left_out_[static_cast<std::size_t>(q)]) continue;
                const Picture& p = frames[static_cast<std::size_t>(q % k)];
                for (std::size_t i = 0; i < kBins; ++i) mean.hist[i] += p.hist[i];
                for (std::size_t i = 0; i < kBlocks; ++i) mean.layout[i] += p.layout[i];
                ++count;
            }
            if (count > 0) {
                for (float& x : mean.hist) x /= static_cast<float>(count);
                for (float& x : mean.layout) x /= static_cast<float>(count);
                run = mean;
            }
        }
        // The window whose run after ends at f: centred on t = f - g - k + 1, its run before ends at t - g.
        for (Curve& c : curves_) {
            const std::int64_t t = f - c.half_gap - k + 1, before = t - c.half_gap;
            if (before < k - 1) continue;
            const std::optional<Picture>& a = runs[static_cast<std::size_t>(before) % ring_size];
            if (!a || !run) continue;
            for (int m = 0; m < 2; ++m) c.change[m][static_cast<std::size_t>(t)] = static_cast<float>(distance(m, *a, *run));
        }
    }
}

std::vector<GradualChange> GradualChangeFinder::find(const std::vector<bool>& boundaries, double ratio) const {
    const auto n = static_cast<std::int64_t>(thumbnails_.size());
    const int k = std::max(1, options_.side);
    const GradualChangeOptions& o = options_;
    std::vector<GradualChange> found;
    if (n < 4 * k) return found;
    std::vector<bool> marked = boundaries;
    marked.resize(static_cast<std::size_t>(n), false);
    std::vector<std::int64_t> blocked(static_cast<std::size_t>(n + 1), 0);
    const auto count_blocked = [&] {
        for (std::int64_t f = 0; f < n; ++f)
            blocked[static_cast<std::size_t>(f + 1)] = blocked[static_cast<std::size_t>(f)] + (marked[static_cast<std::size_t>(f)] ? 1 : 0);
    };
    const auto clear = [&](std::int64_t from, std::int64_t to) {  // inside the video, no boundary in (from, to]
        return from >= 0 && to < n && blocked[static_cast<std::size_t>(to + 1)] == blocked[static_cast<std::size_t>(from + 1)];
    };
    const auto value = [&](std::size_t s, int m, std::int64_t t) { return static_cast<double>(curves_[s].change[m][static_cast<std::size_t>(t)]); };
    // One shot's own change over the span of scale s beside the window centred at t (`side` -1: the
    // shot before, 1: after): the largest change of the windows of the next span there, in the same
    // shot. A shot whose change comes and goes sets the bar with its largest. Where the shot is too
    // short for that span, a smaller span's change scaled up to this one (as if it changed steadily).
    // < 0: too short to tell.
    const auto own_change = [&](std::int64_t t, std::size_t s, int m, int side) {
        const std::int64_t reach = curves_[s].half_gap + k - 1;  // from a window's centre to its ends
        for (std::size_t below = s + 1; below-- > 0;) {
            const std::int64_t shift = 2 * curves_[below].half_gap + k, own_reach = curves_[below].half_gap + k - 1;
            double own = -1.0;
            for (std::int64_t d = shift; d <= 2 * shift; ++d) {
                const std::int64_t u = t + side * d;
                if (side < 0 ? !clear(u - own_reach, t + reach) : !clear(t - reach, u + own_reach)) break;
                own = std::max(own, value(below, m, u));
            }
            if (own >= 0.0) return own * static_cast<double>(2 * curves_[s].half_gap + k) / static_cast<double>(shift);
        }
        return -1.0;
    };
    const double minimum[] = {o.min_hist, o.min_layout};
    const auto evidence_at = [&](std::int64_t t) {
        Evidence best;
        for (std::size_t s = 0; s < curves_.size(); ++s) {
            const std::int64_t reach = curves_[s].half_gap + k - 1;
            if (!clear(t - reach, t + reach)) continue;
            for (int m = 0; m < 2; ++m) {
                const double across = value(s, m, t);
                if (across < minimum[m]) continue;
                // A change that goes on beyond the window: a wider window sees it too.
                if (s + 1 < curves_.size() && value(s + 1, m, t) >= 0.0 && value(s + 1, m, t) < o.persist * across) continue;
                // Both shots' own change must be known: a shot that settles (an automaton's first frames)
                // changes like a transition, measured against the calm after it alone.
                const double before = own_change(t, s, m, -1), after = own_change(t, s, m, 1);
                if (before < 0.0 || after < 0.0) continue;
                const double strength = across / std::max({before, after, kFloor[m]});
                if (strength >= ratio && strength > best.strength) best = {strength, s, m};
            }
        }
        return best;
    };
    // Locates the change seen at t: each frame's progress from the run before (0) to the run after (1),
    // both measures averaged. A frame's distance from a side less that side's own spread about its mean
    // (a shot that changes every frame is that far from its mean anyway); the half-way crossing nearest t.
    const auto locate = [&](std::int64_t t, const Evidence& e) -> std::optional<GradualChange> {
        const std::int64_t g = curves_[e.scale].half_gap, from = t - g - k + 1, to = t + g + k - 1;
        const std::optional<Picture> before = mean_picture(thumbnails_, left_out_, from, t - g);
        const std::optional<Picture> after = mean_picture(thumbnails_, left_out_, t + g, to);
        if (!before || !after) return std::nullopt;
        // A light that washes over a shot for a few frames and goes (street lights, a lamp swung past):
        // further out, within the window's span and the same shot, a run of frames is back at the other
        // side's picture. No change between two shots.
        const double across = distance(e.measure, *before, *after);
        const std::int64_t span = 2 * g + k;
        for (std::int64_t end = from - 1; end >= from - span && clear(end - k + 1, from); --end) {
            const std::optional<Picture> run = mean_picture(thumbnails_, left_out_, end - k + 1, end);
            if (run && distance(e.measure, *run, *after) < o.back * across) return std::nullopt;
        }
        for (std::int64_t start = to + 1; start <= to + span && clear(to, start + k - 1); ++start) {
            const std::optional<Picture> run = mean_picture(thumbnails_, left_out_, start, start + k - 1);
            if (run && distance(e.measure, *run, *before) < o.back * across) return std::nullopt;
        }
        // The same picture in another light (a lamp that brightens the shot): the luma keeps its contrast,
        // and its shape as well as each shot keeps it by itself over the same span.
        const Luma luma_before = mean_luma(thumbnails_, left_out_, from, t - g), luma_after = mean_luma(thumbnails_, left_out_, t + g, to);
        const Luma far_before = clear(from - span, from) ? mean_luma(thumbnails_, left_out_, from - span, from - span + k - 1) : Luma{};
        const Luma far_after = clear(to, to + span) ? mean_luma(thumbnails_, left_out_, to + span - k + 1, to + span) : Luma{};
        const bool relit = relit_between(luma_before, luma_after, far_before, far_after);
        std::vector<std::int64_t> frames;
        std::vector<Picture> pictures;
        for (std::int64_t f = from; f <= to; ++f)
            if (!left_out_[static_cast<std::size_t>(f)]) frames.push_back(f), pictures.push_back(picture_of(thumbnails_.at(static_cast<std::size_t>(f))));
        std::vector<double> progress(frames.size(), 0.0);
        for (int m = 0; m < 2; ++m) {
            const auto spread = [&](const Picture& mean, std::int64_t lo, std::int64_t hi) {
                double sum = 0.0;
                int count = 0;
                for (std::size_t i = 0; i < frames.size(); ++i)
                    if (frames[i] >= lo && frames[i] <= hi) sum += distance(m, pictures[i], mean), ++count;
                return count > 0 ? sum / count : 0.0;
            };
            const double spread_before = spread(*before, from, t - g), spread_after = spread(*after, t + g, to);
            for (std::size_t i = 0; i < frames.size(); ++i) {
                const double to_before = std::max(0.0, distance(m, pictures[i], *before) - spread_before);
                const double to_after = std::max(0.0, distance(m, pictures[i], *after) - spread_after);
                progress[i] += 0.5 * to_before / std::max(1e-12, to_before + to_after);
            }
        }
        double centre = -1.0;
        std::size_t at = 0;
        for (std::size_t i = 1; i < frames.size(); ++i) {
            if (progress[i - 1] >= 0.5 || progress[i] < 0.5) continue;
            const double crossing = static_cast<double>(frames[i - 1]) + (0.5 - progress[i - 1]) / (progress[i] - progress[i - 1]) *
                                                                             static_cast<double>(frames[i] - frames[i - 1]);
            if (centre < 0.0 || std::fabs(crossing - static_cast<double>(t)) < std::fabs(centre - static_cast<double>(t)))
                centre = crossing, at = i;
        }
        if (centre < 0.0) return std::nullopt;
        GradualChange change;
        change.centre = std::llround(centre);
        change.strength = e.strength;
        std::size_t first = at, last = at - 1;
        while (first > 0 && progress[first - 1] > 0.1) --first;
        while (last + 1 < frames.size() && progress[last + 1] < 0.9) ++last;
        change.first_frame = frames[first];
        change.last_frame = std::max(frames[std::max(last, first)], change.first_frame);
        change.one_frame = progress[at - 1] < 0.25 && progress[at] > 0.75;
        change.relit = relit;
        if (change.one_frame) change.centre = change.first_frame = change.last_frame = frames[at];
        for (std::size_t i = 0; i < frames.size(); ++i) change.progress.push_back({frames[i], progress[i]});
        return change;
    };
    // The evidence at every frame; after each change found, again only where its boundary can matter.
    const std::int64_t influence = 3 * (2 * curves_.back().half_gap + 2 * k);
    std::vector<Evidence> evidence(static_cast<std::size_t>(n));
    std::vector<bool> done(static_cast<std::size_t>(n), false);  // frames of evidence already located
    count_blocked();
    for (std::int64_t t = 0; t < n; ++t) evidence[static_cast<std::size_t>(t)] = evidence_at(t);
    for (;;) {
        // The strongest frame of the runs of frames with evidence (gaps of one frame bridged).
        std::int64_t best = -1, run_start = 0, run_end = 0;
        const auto has = [&](std::int64_t t) { return t < n && !done[static_cast<std::size_t>(t)] && evidence[static_cast<std::size_t>(t)].strength > 0.0; };
        for (std::int64_t t = 0; t < n; ++t) {
            if (!has(t)) continue;
            std::int64_t end = t, peak = t;
            while (has(end + 1) || has(end + 2)) {
                end += has(end + 1) ? 1 : 2;
                if (evidence[static_cast<std::size_t>(end)].strength > evidence[static_cast<std::size_t>(peak)].strength) peak = end;
            }
            if (best < 0 || evidence[static_cast<std::size_t>(peak)].strength > evidence[static_cast<std::size_t>(best)].strength)
                best = peak, run_start = t, run_end = end;
            t = end;
        }
        if (best < 0) break;
        for (std::int64_t t = run_start; t <= run_end; ++t) done[static_cast<std::size_t>(t)] = true;
        const std::optional<GradualChange> change = locate(best, evidence[static_cast<std::size_t>(best)]);
        if (!change) continue;
        found.push_back(*change);
        for (std::int64_t f = change->first_frame; f <= change->last_frame + (change->one_frame ? 0 : 1) && f < n; ++f)
            marked[static_cast<std::size_t>(f)] = true;
        count_blocked();
        for (std::int64_t t = std::max<std::int64_t>(0, change->first_frame - influence);
             t <= std::min(n - 1, change->last_frame + influence); ++t)
            if (!done[static_cast<std::size_t>(t)]) evidence[static_cast<std::size_t>(t)] = evidence_at(t);
    }
    std::sort(found.begin(), found.end(), [](const GradualChange& a, const GradualChange& b) { return a.centre < b.centre; });
    return found;
}

}  // namespace tunesmith
