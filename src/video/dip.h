// Dips: a fade out to a uniform picture (black, white, any grey or colour) and in from it, told apart by the
// pictures' contrast alone, so the shots on either side may keep changing (a fast pan, an automaton,
// moving waves) while the mix goes on. Pure functions of values; safe from any thread.
#pragma once

#include <cstdint>

#include "video/blend.h"

namespace tunesmith {

struct DipOptions {
    double depth = 0.10;      // the bottom's structure is at most this fraction of either side's (contrast ~30%)
    double settled = 0.91;    // a frame belongs to its shot again when its structure is this fraction of the
                              // shot's next frames (contrast within ~5%)
    double max_step = 0.75;   // the largest one-frame change of the contrast weight (larger: a hard cut; a
                              // fadeblack's way out of a calm shot steps 0.7)
    int min_frames = 3;       // fewer frames inside: no transition
    int margin = 2;           // frames of each shot beyond the extent that must exist
    double colour_away = 12.0;  // a dip through a colour (not grey): both shots' mean chroma at least this far
                                // from it (levels)
    double alone_depth = 0.02;  // a dip stands on its own fit (Dip::stands_alone) when its bottom is this flat
                                // against both shots (contrast ~14%)
};

// The transition's extent and centre; `dip` is false when the frames there are no dip.
struct Dip {
    bool dip = false;
    std::int64_t first_frame = 0;
    std::int64_t last_frame = 0;
    std::int64_t centre = 0;  // the middle of the extent
    // The fit alone tells a dip: the bottom is flat (DipOptions::alone_depth) and the frames' colour
    // (through a colour) or mean luma (through grey, black or white, both shots' luma `colour_away`
    // from the bottom's) comes back from the bottom's as the contrast weight does, as a mix moves it.
    // A pan onto a flat patch or a shot going dark in part moves them otherwise.
    bool stands_alone = false;
};

// Looks for a dip whose bottom (the least structured frame) lies in [first, last], never reaching
// outside [low, high] (the neighbouring cuts). A frame of a dip is `w*S + (1-w)*U`: its shot's own
// picture S, whatever S shows at that moment, mixed with a uniform picture U. Its structure (the
// energy of the luma less its mean, plus the chroma) is then w^2 times that of S, so w follows from
// the structure relative to the shot's settled frames beyond the extent, with no fixed end picture.
// The extent runs from the bottom out to the first frame, on each side, that is as structured as its
// shot's next frames. It is a dip when the bottom is near uniform against both shots, the weights
// fall and rise gradually (no one-frame jump: a cut to a black shot and back is two cuts) and mostly
// monotonically, and the extent is 3..max_length frames with settled frames of both shots beyond it.
// U is grey (chroma measured from neutral) or, when no such dip fits, the flattest frame's colour;
// then every frame's colour must come back from U as w does (not as w^2: a pan onto a flat patch).
Dip fit_dip(const Thumbnails& thumbnails, std::int64_t first, std::int64_t last, std::int64_t low, std::int64_t high,
            std::int64_t max_length, const DipOptions& options = {});

}  // namespace tunesmith
