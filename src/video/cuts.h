// Shot cut detection on per-frame change signals: hard cuts (one-frame changes above an adaptive,
// locally-estimated threshold, with flashes rejected), gradual transitions (fades and dissolves:
// frames that are a mix of the pictures on either side) and shape transitions (wipes, irises: regions
// switch one after another) as separate classes.
// Pure functions of values; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "video/blend.h"
#include "video/dip.h"
#include "video/frame_signals.h"
#include "video/gradual_change.h"
#include "video/rational.h"
#include "video/slide.h"
#include "video/wipe.h"

namespace tunesmith {

// A wipe is gradual like a fade; it is its own class because an editor sees an edge cross the picture.
enum class CutClass { hard, fade, wipe };
const char* to_string(CutClass kind);

struct Cut {
    std::int64_t frame = 0;  // hard: first frame of the new shot; fade, wipe: the transition's middle frame
    Rational time;           // of that frame, exact
    double score = 0.0;      // 0..1: how different the pictures on either side are
    CutClass kind = CutClass::hard;
    std::int64_t first_frame = 0;  // the transition's extent (equal to `frame` for a hard cut)
    std::int64_t last_frame = 0;
    friend bool operator==(const Cut&, const Cut&) = default;
};

// Thresholds (tuned on eval/eval_video's synthetic set; see docs/video.md).
struct CutOptions {
    double hard_hist = 0.22;       // minimum histogram change for a hard cut
    double hard_content = 0.07;    // minimum content change for a hard cut
    double local_ratio = 3.0;      // the change must exceed this multiple of the local median
    double jump_content = 0.02;    // minimum content change for a jump cut (content only, against the shot's motion)
    double jump_with_colours_ratio = 2.0;  // local_ratio for a jump cut whose histogram also changes 3x its level
    double flash_return = 0.5;     // a picture back within this fraction of the spike is a flash
    double gradual = 0.30;         // minimum wide-window change (histogram + content) for a fade candidate
    double shape_gradual = 0.20;   // the same for a wipe or slide candidate
    double decisive_hist = 0.6;    // a hard candidate changing the histogram this much is a cut, never a wipe's edge
    BlendOptions blend;            // the blend test of a gradual transition
    DipOptions dip;                // the contrast test of a dip through a uniform picture
    WipeOptions wipe;              // the per-pixel switch test of a shape transition
    SlideOptions slide;            // the frame-to-frame shift test of a slide
    GradualChangeOptions gradual_change;  // the catch-all test of a change no other model explains
};

// Cuts in time order. `half_window` is the collector's (frames on each side of a fade's centre).
// Hard-cut candidates and wide-window peaks are tested with the dip model (dip.h: a fade out to a
// uniform picture and in from it, told by the pictures' contrast, so the shots may keep moving) and
// the blend model on the frames' thumbnails (blend.h): a fade is kept only when its frames are a
// monotone mix of the pictures on either side (rotation and chaotic motion are not), centred on the
// middle of the mix; a hard cut found inside such a mix (a fade through black, a pixel dissolve)
// becomes that fade. Where neither explains the frames, the wipe model (wipe.h: pixels switching
// at times that spread smoothly across the picture) may find a wipe, centred half-way through it.
// Last, the catch-all test (gradual_change.h: two self-consistent shots that differ far more than
// either changes by itself) drops the fades and wipes it sees no change at, and adds the changes
// none of the models explained. thumbnails.size() must equal signals.size().
std::vector<Cut> detect_cuts(const std::vector<FrameSignals>& signals, const Thumbnails& thumbnails, int half_window,
                             const CutOptions& options = {});

}  // namespace tunesmith
