// The catch-all test confirming and completing the specific models' transitions (see
// cut_confirmation.h).
#include "video/cut_confirmation.h"

#include <algorithm>

namespace tunesmith {
namespace {

// Frames a window of the catch-all test may not span (gradual_change.h): where each cut's new shot
// starts, and a transition's frames up to the first frame after it.
std::vector<bool> boundaries_of(const std::vector<Cut>& cuts, std::size_t n, bool hard_only) {
    std::vector<bool> boundaries(n, false);
    for (const Cut& c : cuts) {
        if (hard_only && c.kind != CutClass::hard) continue;
        for (std::int64_t f = c.first_frame; f <= c.last_frame + (c.kind == CutClass::hard ? 0 : 1); ++f)
            if (f >= 0 && f < static_cast<std::int64_t>(n)) boundaries[static_cast<std::size_t>(f)] = true;
    }
    return boundaries;
}

// Whether the frames of `c` are a dip that stands on its own fit, refitted between the cuts on
// either side of it.
bool dip_stands_alone(const Cut& c, const std::vector<Cut>& cuts, const Thumbnails& thumbnails, std::int64_t max_length,
                      const DipOptions& options) {
    std::int64_t low = 0, high = static_cast<std::int64_t>(thumbnails.size()) - 1;
    for (const Cut& other : cuts) {
        if (other.last_frame < c.first_frame) low = std::max(low, other.last_frame);
        if (other.first_frame > c.last_frame) high = std::min(high, other.first_frame - 1);
    }
    const Dip dip = fit_dip(thumbnails, c.first_frame, c.last_frame, low, high, max_length, options);
    return dip.dip && dip.stands_alone && dip.first_frame <= c.frame && c.frame <= dip.last_frame;
}

}  // namespace

void drop_unsupported(std::vector<Cut>& cuts, const GradualChangeFinder& finder, const Thumbnails& thumbnails,
                      std::int64_t max_length, const CutOptions& options) {
    const std::vector<GradualChange> changes =
        finder.find(boundaries_of(cuts, thumbnails.size(), true), options.gradual_change.support);
    const std::vector<Cut> all = cuts;
    std::erase_if(cuts, [&](const Cut& c) {
        if (c.kind == CutClass::hard) return false;
        const bool supported = std::any_of(changes.begin(), changes.end(), [&](const GradualChange& g) {
            return !g.relit && g.centre >= c.first_frame - 3 && g.centre <= c.last_frame + 3;
        });
        return !supported && !dip_stands_alone(c, all, thumbnails, max_length, options.dip);
    });
}

void add_gradual_changes(std::vector<Cut>& cuts, const std::vector<FrameSignals>& signals,
                         const GradualChangeFinder& finder, const GradualChangeOptions& options) {
    std::vector<Cut> added;
    for (const GradualChange& g : finder.find(boundaries_of(cuts, signals.size(), false), options.ratio)) {
        const bool near = std::any_of(cuts.begin(), cuts.end(), [&](const Cut& c) {
            return g.centre >= c.first_frame - 2 && g.centre <= c.last_frame + 2;
        });
        if (near || g.relit || g.centre < 2) continue;  // the first picture alone is no shot
        const auto frame = static_cast<std::size_t>(g.centre);
        const double score = std::min(1.0, std::max(signals[frame].hist_prev, 2.5 * signals[frame].content_prev));
        added.push_back(Cut{g.centre, signals[frame].time, score, g.one_frame ? CutClass::hard : CutClass::fade,
                            g.first_frame, g.last_frame});
    }
    cuts.insert(cuts.end(), added.begin(), added.end());
}

}  // namespace tunesmith
