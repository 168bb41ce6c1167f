// The catch-all test of a gradual transition, whatever its shape (a squeeze, a pixelize, blinds,
// blocks switching in random order, a zoom or blur through to the next shot): the pictures before
// it agree with each other, the pictures after it agree with each other, and the two sides differ
// far more than either shot changes by itself over the same span. cuts.h uses it where no specific
// model (blend, dip, wipe, slide) explains a change, and to confirm those models' transitions.
// Pure computation on values; a finder is read-only after construction (safe to share).
#pragma once

#include <cstdint>
#include <vector>

#include "video/blend.h"

namespace tunesmith {

struct GradualChangeOptions {
    int side = 3;              // frames averaged on each side of a window
    double ratio = 5.0;        // a change found on its own: this multiple of both shots' own change over the same span
    double support = 1.5;      // a change that confirms a specific model's transition: this multiple
    double min_hist = 0.12;    // the smallest change of the colour histogram (half L1 of YUV 8x4x4 soft bins)
    double min_layout = 0.04;  // the smallest change of the layout (mean |difference| of 8x6 block means, / 255)
    double persist = 0.6;      // the change across a wider window is at least this share of it (a shot that
                               // goes on, not a passing light or object)
    double back = 0.35;        // a run of frames further out within this share of the change: the picture came
                               // back (a light washing over one shot), no change between two shots
};

// A frame between the two shots' pictures and how far it has come: 0 at the picture before, 1 after.
struct FrameProgress {
    std::int64_t frame = 0;
    double progress = 0.0;
};

// A change between two shots.
struct GradualChange {
    std::int64_t first_frame = 0;  // the extent: frames that are neither shot's picture (progress 0.1 to 0.9)
    std::int64_t last_frame = 0;
    std::int64_t centre = 0;       // where the progress crosses half-way
    double strength = 0.0;         // the change across against the shots' own change over the same span
    bool one_frame = false;        // the whole change falls between two frames (a hard cut at `centre`)
    bool relit = false;            // the two sides are one picture in another light (a lamp, not a transition)
    std::vector<FrameProgress> progress;
};

class GradualChangeFinder {
public:
    // Measures every frame's change curves once. Frames marked in `left_out` (flashes) are not averaged.
    // max_length bounds a transition (frames). `thumbnails` must outlive the finder.
    GradualChangeFinder(const Thumbnails& thumbnails, const std::vector<bool>& left_out, std::int64_t max_length,
                        const GradualChangeOptions& options = {});

    // Changes at least `ratio` strong, in time order. A window never spans a frame marked in
    // `boundaries` together with the frame before it (a cut found starts there, or a transition's
    // frame lies there); each change found becomes such a boundary, strongest first, so a change next
    // to it is measured against its own shots.
    std::vector<GradualChange> find(const std::vector<bool>& boundaries, double ratio) const;

private:
    struct Curve {
        int half_gap = 0;               // frames from a window's centre to its runs' nearest frames
        std::vector<float> change[2];   // per centre frame: histogram, layout change (< 0: no window)
    };
    const Thumbnails& thumbnails_;
    std::vector<bool> left_out_;
    GradualChangeOptions options_;
    std::vector<Curve> curves_;
};

}  // namespace tunesmith
