// Hard cuts: a frame-to-frame change well above the local median (adaptive threshold), or a jump
// of the content alone against the shot's own motion, that is a local maximum and not a flash (a
// burst of light after which the picture returns, moved on by its shot's motion, within a few
// frames). Fades and dissolves: candidates where the change across a ~0.8 s window peaks, kept when
// the dip model (dip.h: contrast through a uniform picture) or the blend model (blend.h: a mix of
// the pictures on either side) explains the frames there; wipes where the wipe model (wipe.h:
// pixels switching one after another) or the slide model (slide.h: the picture pushed out of the
// frame by the next) does.
#include "video/cuts.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "video/cut_confirmation.h"
#include "video/gradual_change.h"
#include "video/rigid_motion.h"

namespace tunesmith {
namespace {

using Signals = std::vector<FrameSignals>;

const char* const kNames[] = {"hard", "fade", "wipe"};

// Median of values[lo..hi] excluding [skip_lo, skip_hi] and the frames marked in `left_out` (when
// given); 0 when nothing is left.
template <class Get>
double local_median(std::size_t n, std::int64_t lo, std::int64_t hi, std::int64_t skip_lo, std::int64_t skip_hi,
                    Get get, std::vector<double>& scratch, const std::vector<bool>* left_out = nullptr) {
    scratch.clear();
    for (std::int64_t i = std::max<std::int64_t>(1, lo); i <= hi && i < static_cast<std::int64_t>(n); ++i)
        if ((i < skip_lo || i > skip_hi) && (left_out == nullptr || !(*left_out)[static_cast<std::size_t>(i)]))
            scratch.push_back(get(static_cast<std::size_t>(i)));
    if (scratch.empty()) return 0.0;
    const auto middle = scratch.begin() + static_cast<std::ptrdiff_t>(scratch.size() / 2);
    std::nth_element(scratch.begin(), middle, scratch.end());
    return *middle;
}

// A frame's change against the local level: `value` >= 1 is a hard-cut candidate.
struct Strength {
    double value = 0.0;
    bool hist_spike = false;  // the histogram itself changes well above its local level
    bool jump = false;        // a candidate only as a jump cut (content against the shot's motion)
};

// The smallest one-frame content change of frames [lo, hi] (inside the video): the shot's calmest
// neighbouring step.
double smallest_content(const Signals& s, std::int64_t lo, std::int64_t hi) {
    double smallest = 1.0;
    for (std::int64_t i = std::max<std::int64_t>(1, lo); i <= hi && i < static_cast<std::int64_t>(s.size()); ++i)
        smallest = std::min(smallest, s[static_cast<std::size_t>(i)].content_prev);
    return smallest;
}

// How strongly frame j differs from frame j-1 relative to the local level: >= 1 is a candidate.
// The level is the larger of the medians before and after (frames j-1..j+1 left out), so the
// start of fast motion or of noise, which stays high afterwards, is not a cut. Frames marked in
// `flashes` (a flash's own spikes) are left out of the levels: a strobe before a cut must not raise
// the level the cut is measured against.
// A jump cut (frames skipped in one shot, or a cut between similar views) changes the content but
// not the histogram (less than a cut's minimum; a fade's fast part moves it more). It is measured
// against the shot's own motion: the median of the pooled window on both sides and the calmest of
// the 3 frames on either side (motion that starts at j keeps going, so its next frames are as
// large). Its floor is lower than a cut's.
std::vector<Strength> hard_strength(const Signals& s, int window, const CutOptions& o,
                                    const std::vector<bool>* flashes = nullptr) {
    std::vector<Strength> strength(s.size());
    std::vector<double> scratch;
    const std::size_t n = s.size();
    const auto hist = [&](std::size_t k) { return s[k].hist_prev; };
    const auto content = [&](std::size_t k) { return s[k].content_prev; };
    for (std::size_t j = 1; j < n; ++j) {
        const auto i = static_cast<std::int64_t>(j);
        const double med_h = std::max(local_median(n, i - window, i - 2, i, i, hist, scratch, flashes),
                                      local_median(n, i + 2, i + window, i, i, hist, scratch, flashes));
        const double med_c = std::max(local_median(n, i - window, i - 2, i, i, content, scratch, flashes),
                                      local_median(n, i + 2, i + window, i, i, content, scratch, flashes));
        const double h = s[j].hist_prev;
        const double c = s[j].content_prev;
        double value = 0.0;
        strength[j].hist_spike = h >= o.local_ratio * med_h + 0.01;
        if (strength[j].hist_spike) value = std::max(value, h / o.hard_hist);
        if (c >= o.local_ratio * med_c + 0.005) value = std::max(value, c / o.hard_content);
        if (c >= o.jump_content && h < o.hard_hist && j >= 4 && j + 3 < n) {
            const double pooled = local_median(n, i - window, i + window, i, i, content, scratch, flashes);
            const double level = std::max({pooled, smallest_content(s, i - 3, i - 1), smallest_content(s, i + 1, i + 3)});
            // The colours jumping with the content (3x their level) make a smaller content jump enough.
            const double ratio = strength[j].hist_spike ? o.jump_with_colours_ratio : o.local_ratio;
            if (c >= ratio * level + 0.005 && value < 1.0) {
                value = c / o.jump_content;
                strength[j].jump = true;
            }
        }
        strength[j].value = value;
    }
    return strength;
}

// The shot's own content change over `lag` frames (2..kFlashSpan+1) after a spike at frame j: the
// median of the lag distances of the frames after it whose comparisons cannot reach back to a
// flash of up to kFlashSpan frames at j. A moving shot's frames differ this much anyway, so a
// picture "back" after a flash may differ by this much.
// `distances`: FrameSignals::back_content, or back_hist for the same of the histogram.
using LagDistances = std::array<double, kFlashSpan> FrameSignals::*;

double level_after(const Signals& s, std::size_t j, std::size_t lag, int window, std::vector<double>& scratch,
                   LagDistances distances = &FrameSignals::back_content) {
    const auto i = static_cast<std::int64_t>(j);
    const std::int64_t lo = i + static_cast<std::int64_t>(lag) + kFlashSpan, hi = lo + window - 1;
    return local_median(s.size(), lo, hi, i, i, [&](std::size_t k) { return (s[k].*distances)[lag - 2]; }, scratch);
}

// A picture is "back" when its histogram is within `fraction` of the spike, and what is left of
// its content difference above the shot's own change over that lag (`lag_level`) is at most
// `fraction` of the spike's excess over the one-frame level. Only the content distance gets the
// allowance: motion moves pixels, not the histogram (a fade moves the histogram, and must not pass
// as a return). On a still shot this is the plain "back within a fraction of the spike".
// Whatever the flash, a picture whose colours differ from the shot's as much as at a cut (the hard-cut
// minimum, or 1.25x the shot's own histogram change over that lag, `hist_level`, where a fast pan over
// many colours changes more) is not that shot again.
constexpr double kReturnHist = 0.22;

bool similar(double h, double c, const FrameSignals& spike, double one_frame_level, double lag_level, double fraction,
             double hist_level) {
    const double spike_c = std::max(0.0, spike.content_prev - one_frame_level);
    return h <= std::min(fraction * spike.hist_prev + 0.02, std::max(kReturnHist, 1.25 * hist_level)) &&
           c - lag_level <= fraction * spike_c + 0.01;
}

// Whether frame `back` is the picture of frame `before` again, moved on by its shot's own motion: a
// flash returns to its shot, a cut to another view of the same scene (two pans over one set, whose
// histograms and pixel statistics match) does not. The shot that goes on from `back` (a flash right
// after a cut returns to the new shot) gives its rigid motion over the same lag; moved by it, `before`
// must predict `back` about as well as `back` predicts that shot's frame `lag` later (3x its error,
// plus 4 levels^2 of noise). Non-rigid motion (an automaton, noise) predicts neither, so it keeps a
// large allowance.
bool returns_to(const Thumbnails& t, std::int64_t before, std::int64_t back) {
    const std::int64_t lag = back - before;
    if (lag < 2 || static_cast<std::size_t>(back + lag) >= t.size()) return true;  // too little of the shot: no test
    const RigidMotion motion = rigid_motion(t, back, back + lag);
    const double own = prediction_error(t, back, back + lag, motion);
    return prediction_error(t, before, back, motion) <= 3.0 * own + 4.0;
}

// The spike at j leaves a picture that comes back within kFlashSpan frames (a departure), or
// returns to the picture of a few frames before (the end of a flash). Either way the picture it
// returns to belongs to the shot that goes on after the flash, so that shot's own change over the
// lag (the level after it) is what a return may differ by. (The shot before j may be another one:
// a flash right after a cut.) A cut out of a fast-moving shot into a calm one is then no flash,
// and a flash right after a cut into a moving shot is. When that allowance is what lets the
// picture pass, the return must also be the same picture moved on by the shot's motion (returns_to).
// The same lag distance in the shot before a flash that starts at frame `start` (comparisons that end
// before it). A flash just before a cut returns to its shot for a frame or two, so the shot after it
// may be another one; the return may then differ from the picture before by this shot's own change.
double level_before(const Signals& s, std::size_t start, std::size_t lag, int window, std::vector<double>& scratch,
                    LagDistances distances = &FrameSignals::back_content) {
    const auto i = static_cast<std::int64_t>(start);
    return local_median(s.size(), i - window, i - 1, -1, -1, [&](std::size_t k) { return (s[k].*distances)[lag - 2]; }, scratch);
}

// The pictures a flash lights, [first, back): `back` is the first picture back to the shot.
struct FlashSpan {
    std::size_t first = 0, back = 0;
};

std::optional<FlashSpan> flash_span(const Signals& s, const Thumbnails& t, std::size_t j, double fraction, int window) {
    std::vector<double> scratch;
    const auto content = [&](std::size_t k) { return s[k].content_prev; };
    const auto i = static_cast<std::int64_t>(j);
    const auto n = s.size();
    const double one_frame = std::min(local_median(n, i - window, i - 2, i, i, content, scratch),
                                      local_median(n, i + kFlashSpan + 1, i + kFlashSpan + window, i, i, content, scratch));
    // The shots' own change over a lag: content, histogram.
    const auto levels = [&](std::size_t after_spike, std::size_t start, std::size_t lag) {
        return std::pair{std::max(level_after(s, after_spike, lag, window, scratch), level_before(s, start, lag, window, scratch)),
                         std::max(level_after(s, after_spike, lag, window, scratch, &FrameSignals::back_hist),
                                  level_before(s, start, lag, window, scratch, &FrameSignals::back_hist))};
    };
    const auto returned = [&](double h, double c, std::pair<double, double> level, std::int64_t before, std::int64_t back) {
        if (!similar(h, c, s[j], one_frame, level.first, fraction, level.second)) return false;
        return similar(h, c, s[j], one_frame, 0.0, fraction, level.second) || returns_to(t, before, back);
    };
    for (std::size_t k = 1; k <= static_cast<std::size_t>(kFlashSpan) && j + k < s.size(); ++k) {
        const FrameSignals& later = s[j + k];  // its back_[k-1] is the distance to frame j-1 (lag k+1)
        if (returned(later.back_hist[k - 1], later.back_content[k - 1], levels(j, j, k + 1), i - 1, i + static_cast<std::int64_t>(k)))
            return FlashSpan{j, j + k};
    }
    for (std::size_t m = 1; m <= static_cast<std::size_t>(kFlashSpan) && m + 1 <= j; ++m) {
        if (returned(s[j].back_hist[m - 1], s[j].back_content[m - 1], levels(j, j - m, m + 1), i - static_cast<std::int64_t>(m) - 1, i))
            return FlashSpan{j - m, j};
    }
    return std::nullopt;
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

// A flash is a burst of light: its spike changes the histogram as much as a cut does, and well above
// the shot's own level. A spike mostly of the content (a jump cut: a moving subject jumps while grain
// and motion keep the histogram busy) is no flash, even when the picture after it is close to the one
// before.
// A camera flash fades over a frame or two: the pictures inside its span that are still lit (0.05 of
// the luma range over the shot on both sides) are that flash fading (`fading`, when given), whatever
// their own spikes.
std::vector<bool> flash_spikes(const Signals& s, const Thumbnails& t, const std::vector<Strength>& strength, int window,
                               const CutOptions& o, std::vector<bool>* fading = nullptr) {
    constexpr double kStillLit = 0.05;
    std::vector<bool> flash(s.size(), false);
    for (std::size_t j = 1; j < s.size(); ++j) {
        if (strength[j].value < 1.0 || !strength[j].hist_spike || s[j].hist_prev < o.hard_hist) continue;
        const std::optional<FlashSpan> span = flash_span(s, t, j, o.flash_return, window);
        flash[j] = span.has_value();
        if (!span || fading == nullptr || span->first == 0 || span->back >= s.size()) continue;
        const double shot = std::max(s[span->first - 1].luma, s[span->back].luma);
        for (std::size_t f = span->first + 1; f < span->back && s[f].luma >= shot + kStillLit; ++f) (*fading)[f] = true;
    }
    return flash;
}

// Hard-cut candidates, and the pictures of the flashes found on the way (left out of the wipe model).
struct HardCandidates {
    std::vector<Cut> cuts;
    std::vector<bool> flashed;
};

// The pictures of each flash: from a flash spike to the frame before the spike back to the shot (at
// most kFlashSpan frames later), or the spike's own frame when the shot does not come back (a flash
// right before a cut). Light bursts of one frame or a few.
std::vector<bool> flashed_pictures(const std::vector<bool>& flash) {
    std::vector<bool> flashed(flash.size(), false);
    for (std::size_t j = 0; j < flash.size(); ++j) {
        if (!flash[j]) continue;
        std::size_t back = j + 1;
        while (back < flash.size() && back <= j + static_cast<std::size_t>(kFlashSpan) && !flash[back]) ++back;
        if (back < flash.size() && back <= j + static_cast<std::size_t>(kFlashSpan)) {
            for (std::size_t f = j; f < back; ++f) flashed[f] = true;
            j = back;  // the spike back is no flash of its own
        } else {
            flashed[j] = true;
        }
    }
    return flashed;
}

// Bursts of light: runs of up to kFlashSpan pictures brighter than the pictures on both sides of the
// run (by 0.1 of the luma range). A cut is never on such a picture: a shot does not start with a
// flash that ends two frames later, so a change across the burst is a cut at the frame after it.
std::vector<bool> light_bursts(const Signals& s) {
    std::vector<bool> burst(s.size(), false);
    constexpr double kBrighter = 0.1;
    for (std::size_t j = 1; j + 1 < s.size(); ++j) {
        double dimmest = s[j].luma;
        for (std::size_t k = j; k + 1 < s.size() && k < j + static_cast<std::size_t>(kFlashSpan); ++k) {
            dimmest = std::min(dimmest, s[k].luma);
            if (dimmest < s[j - 1].luma + kBrighter) break;
            if (dimmest >= s[k + 1].luma + kBrighter) {
                for (std::size_t f = j; f <= k; ++f) burst[f] = true;
                break;
            }
        }
    }
    return burst;
}

HardCandidates hard_cuts(const Signals& s, const Thumbnails& t, int half_window, const CutOptions& o) {
    const int window = std::max(4, half_window);
    // Flashes are found with levels that include them, then the levels are measured again without
    // them (a strobe raises the median a cut right after it is measured against).
    const std::vector<bool> first_flashes = flash_spikes(s, t, hard_strength(s, window, o), window, o);
    const std::vector<Strength> measured = hard_strength(s, window, o, &first_flashes);
    // A flash's own spikes do not count as neighbours: a cut right after a flash (the flash's return
    // to the old shot, then the cut) is still the largest change that is not a flash.
    std::vector<bool> fading(s.size(), false);
    const std::vector<bool> flash = flash_spikes(s, t, measured, window, o, &fading);
    const std::vector<bool> burst = light_bursts(s);
    std::vector<double> strength(s.size());
    for (std::size_t j = 0; j < s.size(); ++j) strength[j] = measured[j].value;
    // The spike into a burst is no cut when the burst ends in another spike: that one is the cut.
    for (std::size_t j = 1; j < s.size(); ++j) {
        if (!burst[j] || burst[j - 1]) continue;
        std::size_t after = j;
        while (after < s.size() && burst[after]) ++after;
        if (after < s.size() && strength[after] >= 1.0) strength[j] = 0.0;
    }
    std::vector<Cut> cuts;
    // The first picture alone is no shot (a generator's or encoder's first frame, a one-frame slate):
    // a cut needs two frames of the shot before it.
    for (std::size_t j = 2; j < s.size(); ++j) {
        if (strength[j] < 1.0 || flash[j] || fading[j]) continue;
        if (j + 1 < s.size() && strength[j + 1] > strength[j] && !flash[j + 1]) continue;
        if (strength[j - 1] >= strength[j] && !flash[j - 1] && !burst[j - 1]) continue;
        // A jump cut's window is mostly its shot's own motion; that its frame stands out against the
        // frames on either side already tells it from a frame inside a dissolve.
        if (!measured[j].jump && !carries_the_change(s, j, half_window)) continue;
        const auto frame = static_cast<std::int64_t>(j);
        cuts.push_back(Cut{frame, s[j].time, hard_score(s, j, half_window), CutClass::hard, frame, frame});
    }
    std::vector<bool> flashed = flashed_pictures(flash);
    for (std::size_t j = 0; j < s.size(); ++j) flashed[j] = flashed[j] || fading[j];
    return {cuts, flashed};
}

// Candidate centres for the blend test: frames whose wide-window change is at least
// options.gradual and the largest within +-half_window, with no hard cut in their window. No
// ratio to the local level: in a run of short shots that level is as high as the transitions.
std::vector<std::int64_t> gradual_peaks(const Signals& s, int half_window, const std::vector<Cut>& hard,
                                        const std::vector<bool>& flashed, const CutOptions& o) {
    const auto n = s.size();
    const auto k = static_cast<std::size_t>(half_window);
    std::vector<std::int64_t> peaks;
    if (n <= 2 * k) return peaks;
    std::vector<double> g(n, -1.0);
    // A window with a flash at either end measures the flash (a strobe next to a cut made a peak).
    for (std::size_t j = 2 * k; j < n; ++j)
        if (!flashed[j] && !flashed[j - 2 * k]) g[j - k] = s[j].wide_hist + s[j].wide_content;
    for (const Cut& cut : hard) {
        const auto f = static_cast<std::size_t>(cut.frame);
        for (std::size_t c = f > k ? f - k : 0; c <= f + k && c < n; ++c) g[c] = -1.0;
    }
    for (std::size_t c = k; c + k < n; ++c) {
        if (g[c] < std::min(o.gradual, o.shape_gradual)) continue;
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

Cut fade_of(const Dip& d, const Signals& s, double score) {
    return Cut{d.centre, s[static_cast<std::size_t>(d.centre)].time, score, CutClass::fade, d.first_frame, d.last_frame};
}

Cut wipe_of(const Wipe& w, const Signals& s, double score) {
    return Cut{w.centre, s[static_cast<std::size_t>(w.centre)].time, score, CutClass::wipe, w.first_frame, w.last_frame};
}

Cut wipe_of(const Slide& w, const Signals& s, double score) {
    return Cut{w.centre, s[static_cast<std::size_t>(w.centre)].time, score, CutClass::wipe, w.first_frame, w.last_frame};
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

// A gradual transition found by the blend, dip (dip.h), wipe (wipe.h) or slide (slide.h) model.
enum class Model { blend, dip, wipe, slide };
struct Fade {
    Cut cut;
    Model model = Model::blend;
};

// Transitions whose extents overlap are one: a dip's stays (its model holds while the shots move,
// where a blend fit can grow into a moving shot), else the longest (a fit seeded off-centre can
// settle on part of a transition; a fit never grows past one).
std::vector<Cut> without_overlaps(std::vector<Fade> fades) {
    std::stable_sort(fades.begin(), fades.end(), [](const Fade& a, const Fade& b) {
        if ((a.model == Model::dip) != (b.model == Model::dip)) return a.model == Model::dip;
        return a.cut.last_frame - a.cut.first_frame > b.cut.last_frame - b.cut.first_frame;
    });
    std::vector<Cut> kept;
    for (const Fade& fade : fades) {
        const Cut& f = fade.cut;
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
    const HardCandidates found = hard_cuts(signals, thumbnails, half_window, options);
    const std::vector<Cut>& candidates = found.cuts;
    // A dip bottoms out within half a window of its candidate frame.
    const auto dip_near = [&](std::int64_t frame, std::int64_t low, std::int64_t high) {
        return fit_dip(thumbnails, frame - half_window, frame + half_window, low, high, max_length, options.dip);
    };
    FrameMotions motions;  // measured once per frame for the moving-shot wipe model
    // A wipe's pixels switch within its length of the frame; the window reaches that far on either side.
    // Pixels of shots that hold or drift switch between two steady runs; where a shot moves, at the one
    // frame that no motion of either shot predicts.
    const auto wipe_near = [&](std::int64_t frame, std::int64_t low, std::int64_t high) {
        const std::int64_t from = std::max(low, frame - max_length), to = std::min(high, frame + max_length);
        const Wipe still = fit_wipe(thumbnails, from, to, max_length, options.wipe, &found.flashed);
        if (still.wipe) return still;
        return fit_moving_wipe(thumbnails, frame, from, to, half_window, max_length, options.wipe, &found.flashed, &motions);
    };
    // A slide (slide.h) moves the picture one width within its length, so no farther from the frame.
    const auto slide_near = [&](std::int64_t frame, std::int64_t low, std::int64_t high) {
        return fit_slide(thumbnails, std::max(low, frame - max_length), std::min(high, frame + max_length), max_length,
                         options.slide, &found.flashed);
    };
    // The shape transitions: wipes first, then slides.
    const auto shape_near = [&](std::int64_t frame, std::int64_t low, std::int64_t high, double score) -> std::optional<Fade> {
        const Wipe w = wipe_near(frame, low, high);
        if (w.wipe) return Fade{wipe_of(w, signals, score), Model::wipe};
        const Slide slide = slide_near(frame, low, high);
        if (slide.slide) return Fade{wipe_of(slide, signals, score), Model::slide};
        return std::nullopt;
    };
    std::vector<Cut> hard;
    std::vector<Fade> fades;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const Cut& h = candidates[i];
        const std::int64_t low = i > 0 ? candidates[i - 1].frame : 0;
        const std::int64_t high =
            i + 1 < candidates.size() ? candidates[i + 1].frame - 1 : static_cast<std::int64_t>(signals.size()) - 1;
        // A dip's model holds whatever the shots do meanwhile, so it is tried first. A dip next to the
        // candidate (not spanning it) is kept as a fade, and the candidate is tested on its own. A dip's
        // steep frames can be candidates too (static drops to black in three frames): the neighbours'
        // neighbours bound it next (its step test keeps a hard cut out).
        Dip dip = dip_near(h.frame, low, high);
        if (!dip.dip)
            dip = dip_near(h.frame, i > 1 ? candidates[i - 2].frame : 0,
                           i + 2 < candidates.size() ? candidates[i + 2].frame - 1 : static_cast<std::int64_t>(signals.size()) - 1);
        if (dip.dip) {
            fades.push_back({fade_of(dip, signals, h.score), Model::dip});
            if (dip.first_frame <= h.frame && h.frame <= dip.last_frame) continue;
        }
        const BlendTransition t = fit_blend(thumbnails, h.frame - 1, h.frame, low, high, max_length, options.blend);
        if (t.blend) {
            fades.push_back({fade_of(t, signals, h.score), Model::blend});
            continue;
        }
        // A wipe's edge can change one frame enough to be a candidate; a cut switches every pixel at once.
        // A frame that changes most of the picture's colours is that cut, whatever the frames after it do.
        const bool decisive = signals[static_cast<std::size_t>(h.frame)].hist_prev >= options.decisive_hist;
        const std::optional<Fade> shape = decisive ? std::nullopt : shape_near(h.frame, low, high, h.score);
        if (shape && shape->cut.first_frame < h.frame && h.frame <= shape->cut.last_frame) fades.push_back(*shape);
        else hard.push_back(h);
    }
    for (const std::int64_t peak : gradual_peaks(signals, half_window, hard, found.flashed, options)) {
        const auto [low, high] = free_span(hard, peak, signals.size());
        const FrameSignals& across = signals[static_cast<std::size_t>(peak + half_window)];  // centred on the peak
        const double score = std::min(1.0, across.wide_hist + across.wide_content);
        // A wipe or slide between shots of the same colours changes the window less than a mix: those
        // peaks are only tested for shape transitions.
        if (score < options.gradual) {
            if (const std::optional<Fade> shape = shape_near(peak, low, high, score)) fades.push_back(*shape);
            continue;
        }
        const Dip dip = dip_near(peak, low, high);
        if (dip.dip) fades.push_back({fade_of(dip, signals, score), Model::dip});
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
        if (best.blend) {
            fades.push_back({fade_of(best, signals, score), Model::blend});
        } else if (!dip.dip) {
            if (const std::optional<Fade> shape = shape_near(peak, low, high, score)) fades.push_back(*shape);
        }
    }
    // A hard candidate's fade was fitted between its neighbouring candidates, some of which may have
    // turned out to lie inside transitions too: fit each fade again between the hard cuts that stay.
    for (Fade& fade : fades) {
        Cut& cut = fade.cut;
        const auto [low, high] = free_span(hard, cut.frame, signals.size());
        if (fade.model == Model::dip) {
            const Dip dip = fit_dip(thumbnails, cut.first_frame, cut.last_frame, low, high, max_length, options.dip);
            if (dip.dip) cut = fade_of(dip, signals, cut.score);
            continue;
        }
        if (fade.model == Model::wipe) {
            const Wipe w = wipe_near(cut.frame, low, high);
            if (w.wipe) cut = wipe_of(w, signals, cut.score);
            continue;
        }
        if (fade.model == Model::slide) {
            const Slide slide = slide_near(cut.frame, low, high);
            if (slide.slide) cut = wipe_of(slide, signals, cut.score);
            continue;
        }
        if (cut.frame - 1 < low || cut.frame + 1 > high) continue;
        const BlendTransition t = fit_blend(thumbnails, cut.frame - 1, cut.frame + 1, low, high, max_length, options.blend);
        if (t.blend) cut = fade_of(t, signals, cut.score);
    }
    std::vector<Cut> cuts = without_overlaps(fades);
    for (const Cut& h : hard)
        if (std::none_of(cuts.begin(), cuts.end(), [&](const Cut& f) {
                return f.kind != CutClass::hard && h.frame > f.first_frame && h.frame <= f.last_frame;
            }))
            cuts.push_back(h);
    // The catch-all test (gradual_change.h) confirms the specific models' transitions, then adds the
    // changes none of them explained.
    const GradualChangeFinder finder(thumbnails, found.flashed, max_length, options.gradual_change);
    drop_unsupported(cuts, finder, thumbnails, max_length, options);
    add_gradual_changes(cuts, signals, finder, options.gradual_change);
    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.frame < b.frame; });
    return cuts;
}

}  // namespace tunesmith
