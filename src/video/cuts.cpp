// Hard cuts: a frame-to-frame change well above the local median (adaptive threshold), that is a
// local maximum and not a flash (the picture returns within a few frames). Fades and dissolves:
// candidates where the change across a ~0.8 s window peaks, kept when the blend model (blend.h)
// finds the frames there to be a mix of the pictures on either side.
#include "video/cuts.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tunesmith {
namespace {

using Signals = std::vector<FrameSignals>;

const char* const kNames[] = {"hard", "fade"};

// Median of values[lo..hi] excluding [skip_lo, skip_hi]; 0 when nothing is left.
template <class Get>
double local_median(std::size_t n, std::int64_t lo, std::int64_t hi, std::int64_t skip_lo, std::int64_t skip_hi,
                    Get get, std::vector<double>& scratch) {
    scratch.clear();
    for (std::int64_t i = std::max<std::int64_t>(1, lo); i <= hi && i < static_cast<std::int64_t>(n); ++i)
        if (i < skip_lo || i > skip_hi) scratch.push_back(get(static_cast<std::size_t>(i)));
    if (scratch.empty()) return 0.0;
    const auto middle = scratch.begin() + static_cast<std::ptrdiff_t>(scratch.size() / 2);
    std::nth_element(scratch.begin(), middle, scratch.end());
    return *middle;
}

// How strongly frame j differs from frame j-1 relative to the local level: >= 1 is a candidate.
// The level is the larger of the medians before and after (frames j-1..j+1 left out), so the
// start of fast motion or of noise, which stays high afterwards, is not a cut.
std::vector<double> hard_strength(const Signals& s, int window, const CutOptions& o) {
    std::vector<double> strength(s.size(), 0.0);
    std::vector<double> scratch;
    const std::size_t n = s.size();
    const auto hist = [&](std::size_t k) { return s[k].hist_prev; };
    const auto content = [&](std::size_t k) { return s[k].content_prev; };
    for (std::size_t j = 1; j < n; ++j) {
        const auto i = static_cast<std::int64_t>(j);
        const double med_h = std::max(local_median(n, i - window, i - 2, i, i, hist, scratch),
                                      local_median(n, i + 2, i + window, i, i, hist, scratch));
        const double med_c = std::max(local_median(n, i - window, i - 2, i, i, content, scratch),
                                      local_median(n, i + 2, i + window, i, i, content, scratch));
        const double h = s[j].hist_prev;
        const double c = s[j].content_prev;
        double value = 0.0;
        if (h >= o.local_ratio * med_h + 0.01) value = std::max(value, h / o.hard_hist);
        if (c >= o.local_ratio * med_c + 0.005) value = std::max(value, c / o.hard_content);
        strength[j] = value;
    }
    return strength;
}

// The shot's own content change over `lag` frames (2..kFlashSpan+1) after a spike at frame j: the
// median of the lag distances of the frames after it whose comparisons cannot reach back to a
// flash of up to kFlashSpan frames at j. A moving shot's frames differ this much anyway, so a
// picture "back" after a flash may differ by this much.
double content_level_after(const Signals& s, std::size_t j, std::size_t lag, int window, std::vector<double>& scratch) {
    const auto i = static_cast<std::int64_t>(j);
    const std::int64_t lo = i + static_cast<std::int64_t>(lag) + kFlashSpan, hi = lo + window - 1;
    return local_median(s.size(), lo, hi, i, i, [&](std::size_t k) { return s[k].back_content[lag - 2]; }, scratch);
}

// A picture is "back" when its histogram is within `fraction` of the spike, and what is left of
// its content difference above the shot's own change over that lag (`lag_level`) is at most
// `fraction` of the spike's excess over the one-frame level. Only the content distance gets the
// allowance: motion moves pixels, not the histogram (a fade moves the histogram, and must not pass
// as a return). On a still shot this is the plain "back within a fraction of the spike".
bool similar(double h, double c, const FrameSignals& spike, double one_frame_level, double lag_level, double fraction) {
    const double spike_c = std::max(0.0, spike.content_prev - one_frame_level);
    return h <= fraction * spike.hist_prev + 0.02 && c - lag_level <= fraction * spike_c + 0.01;
}

// The spike at j leaves a picture that comes back within kFlashSpan frames (a departure), or
// returns to the picture of a few frames before (the end of a flash). Either way the picture it
// returns to belongs to the shot that goes on after the flash, so that shot's own change over the
// lag (the level after it) is what a return may differ by. (The shot before j may be another one:
// a flash right after a cut.) A cut out of a fast-moving shot into a calm one is then no flash,
// and a flash right after a cut into a moving shot is.
bool is_flash(const Signals& s, std::size_t j, double fraction, int window) {
    std::vector<double> scratch;
    const auto content = [&](std::size_t k) { return s[k].content_prev; };
    const auto i = static_cast<std::int64_t>(j);
    const auto n = s.size();
    const double one_frame = std::min(local_median(n, i - window, i - 2, i, i, content, scratch),
                                      local_median(n, i + kFlashSpan + 1, i + kFlashSpan + window, i, i, content, scratch));
    for (std::size_t k = 1; k <= static_cast<std::size_t>(kFlashSpan) && j + k < s.size(); ++k) {
        const FrameSignals& later = s[j + k];  // its back_[k-1] is the distance to frame j-1 (lag k+1)
        const double level = content_level_after(s, j, k + 1, window, scratch);
        if (similar(later.back_hist[k - 1], later.back_content[k - 1], s[j], one_frame, level, fraction)) return true;
    }
    for (std::size_t m = 1; m <= static_cast<std::size_t>(kFlashSpan) && m + 1 <= j; ++m) {
        const double level = content_level_after(s, j, m + 1, window, scratch);
        if (similar(s[j].back_hist[m - 1], s[j].back_content[m - 1], s[j], one_frame, level, fraction)) return true;
    }
    return false;
}

// Scene-change size across a hard cut: the wide window centred on it, else the one-frame change.
double hard_score(const Signals& s, std::size_t j, int half_window) {
    const std::size_t centre = j + static_cast<std::size_t>(half_window) - 1;
    double h = s[j].hist_prev;
    double c = s[j].content_prev;
    if (centre < s.size() && j > static_cast<std::size_t>(half_window)) {
        h = std::max(h, s[centre].wide_hist);
        c = std::max(c, s[centre].wide_content);
    }
    return std::min(1.0, std::max(h, 2.5 * c));
}

// A hard cut carries most of the change between the pictures around it in one frame; a frame
// inside a dissolve carries only a part (its neighbours carry the rest).
bool carries_the_change(const Signals& s, std::size_t j, int half_window) {
    const std::size_t centre = j + static_cast<std::size_t>(half_window) - 1;
    if (centre >= s.size() || j <= static_cast<std::size_t>(half_window)) return true;
    return s[j].hist_prev >= 0.5 * s[centre].wide_hist || s[j].content_prev >= 0.5 * s[centre].wide_content;
}

std::vector<Cut> hard_cuts(const Signals& s, int half_window, const CutOptions& o) {
    const int window = std::max(4, half_window);
    const std::vector<double> strength = hard_strength(s, window, o);
    // A flash's own spikes do not count as neighbours: a cut right after a flash (the flash's return
    // to the old shot, then the cut) is still the largest change that is not a flash.
    std::vector<bool> flash(s.size(), false);
    for (std::size_t j = 1; j < s.size(); ++j) flash[j] = strength[j] >= 1.0 && is_flash(s, j, o.flash_return, window);
    std::vector<Cut> cuts;
    for (std::size_t j = 1; j < s.size(); ++j) {
        if (strength[j] < 1.0 || flash[j]) continue;
        if (j + 1 < s.size() && strength[j + 1] > strength[j] && !flash[j + 1]) continue;
        if (strength[j - 1] >= strength[j] && !flash[j - 1]) continue;
        if (!carries_the_change(s, j, half_window)) continue;
        const auto frame = static_cast<std::int64_t>(j);
        cuts.push_back(Cut{frame, s[j].time, hard_score(s, j, half_window), CutClass::hard, frame, frame});
    }
    return cuts;
}

// Candidate centres for the blend test: frames whose wide-window change is at least
// options.gradual and the largest within +-half_window, with no hard cut in their window. No
// ratio to the local level: in a run of short shots that level is as high as the transitions.
std::vector<std::int64_t> gradual_peaks(const Signals& s, int half_window, const std::vector<Cut>& hard,
                                        const CutOptions& o) {
    const auto n = s.size();
    const auto k = static_cast<std::size_t>(half_window);
    std::vector<std::int64_t> peaks;
    if (n <= 2 * k) return peaks;
    std::vector<double> g(n, -1.0);
    for (std::size_t j = 2 * k; j < n; ++j) g[j - k] = s[j].wide_hist + s[j].wide_content;
    for (const Cut& cut : hard) {
        const auto f = static_cast<std::size_t>(cut.frame);
        for (std::size_t c = f > k ? f - k : 0; c <= f + k && c < n; ++c) g[c] = -1.0;
    }
    for (std::size_t c = k; c + k < n; ++c) {
        if (g[c] < o.gradual) continue;
        bool largest = true;
        for (std::size_t x = c - k; x <= c + k && largest; ++x)
            largest = g[x] < g[c] || (g[x] == g[c] && x >= c);
        if (largest) peaks.push_back(static_cast<std::int64_t>(c));
    }
    return peaks;
}

Cut fade_of(const BlendTransition& t, const Signals& s, double score) {
    return Cut{t.centre, s[static_cast<std::size_t>(t.centre)].time, score, CutClass::fade, t.first_frame, t.last_frame};
}

// The frames a transition between `before` and `after` (hard cuts, in order) may span.
std::pair<std::int64_t, std::int64_t> free_span(const std::vector<Cut>& hard, std::int64_t frame, std::size_t n) {
    std::int64_t low = 0;
    std::int64_t high = static_cast<std::int64_t>(n) - 1;
    for (const Cut& h : hard) {
        if (h.frame <= frame) low = std::max(low, h.frame);
        if (h.frame > frame) high = std::min(high, h.frame - 1);
    }
    return {low, high};
}

// Transitions whose extents overlap are one: the longest stays (a fit seeded off-centre can
// settle on part of a transition; a fit never grows past one).
std::vector<Cut> without_overlaps(std::vector<Cut> fades) {
    std::stable_sort(fades.begin(), fades.end(), [](const Cut& a, const Cut& b) {
        return a.last_frame - a.first_frame > b.last_frame - b.first_frame;
    });
    std::vector<Cut> kept;
    for (const Cut& f : fades) {
        const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const Cut& k) {
            return f.first_frame <= k.last_frame && k.first_frame <= f.last_frame;
        });
        if (!overlaps) kept.push_back(f);
    }
    return kept;
}

}  // namespace

const char* to_string(CutClass kind) { return kNames[static_cast<int>(kind)]; }

std::vector<Cut> detect_cuts(const std::vector<FrameSignals>& signals, const Thumbnails& thumbnails, int half_window,
                             const CutOptions& options) {
    if (thumbnails.size() != signals.size()) throw std::logic_error("detect_cuts: one thumbnail per frame");
    const std::int64_t max_length = 5 * static_cast<std::int64_t>(half_window);  // about 2 s
    const std::vector<Cut> candidates = hard_cuts(signals, half_window, options);
    std::vector<Cut> hard;
    std::vector<Cut> fades;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const Cut& h = candidates[i];
        const std::int64_t low = i > 0 ? candidates[i - 1].frame : 0;
        const std::int64_t high =
            i + 1 < candidates.size() ? candidates[i + 1].frame - 1 : static_cast<std::int64_t>(signals.size()) - 1;
        const BlendTransition t = fit_blend(thumbnails, h.frame - 1, h.frame, low, high, max_length, options.blend);
        if (t.blend) fades.push_back(fade_of(t, signals, h.score));
        else hard.push_back(h);
    }
    for (const std::int64_t peak : gradual_peaks(signals, half_window, hard, options)) {
        const auto [low, high] = free_span(hard, peak, signals.size());
        const FrameSignals& across = signals[static_cast<std::size_t>(peak + half_window)];  // centred on the peak
        // Grown from a seed near the peak (a wide first guess would take end pictures deep in
        // moving shots); the peak first, then either side of it (a long transition's peak is flat).
        // Last, the half window around the peak: inside a long transition out of a moving shot, end
        // pictures a few frames apart differ less than the shot moves, and a fit grown from them stops.
        BlendTransition best;
        const std::int64_t quarter = half_window / 2;
        const std::pair<std::int64_t, std::int64_t> seeds[] = {
            {peak - 1, peak + 1}, {peak - quarter - 1, peak - quarter + 1}, {peak + quarter - 1, peak + quarter + 1},
            {peak - quarter, peak + quarter}};
        for (const auto& [first, last] : seeds) {
            if (first < low || last > high) continue;
            const BlendTransition t = fit_blend(thumbnails, first, last, low, high, max_length, options.blend);
            if (t.blend) {
                best = t;
                break;
            }
        }
        if (best.blend) fades.push_back(fade_of(best, signals, std::min(1.0, across.wide_hist + across.wide_content)));
    }
    // A hard candidate's fade was fitted between its neighbouring candidates, some of which may have
    // turned out to lie inside transitions too: fit each fade again between the hard cuts that stay.
    for (Cut& fade : fades) {
        const auto [low, high] = free_span(hard, fade.frame, signals.size());
        if (fade.frame - 1 < low || fade.frame + 1 > high) continue;
        const BlendTransition t = fit_blend(thumbnails, fade.frame - 1, fade.frame + 1, low, high, max_length, options.blend);
        if (t.blend) fade = fade_of(t, signals, fade.score);
    }
    std::vector<Cut> cuts = without_overlaps(fades);
    for (const Cut& h : hard)
        if (std::none_of(cuts.begin(), cuts.end(), [&](const Cut& f) {
                return f.kind == CutClass::fade && h.frame > f.first_frame && h.frame <= f.last_frame;
            }))
            cuts.push_back(h);
    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.frame < b.frame; });
    return cuts;
}

}  // namespace tunesmith
