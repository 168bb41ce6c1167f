// Slides (push transitions): the outgoing picture moves out of the frame while the incoming one
// moves in behind it, both at the speed of the edge between them. From one frame to the next the
// whole picture moves along one axis, as in a fast pan, for exactly as long as it takes to travel one
// picture width (or height), starting and ending at rest. Pure functions of values; safe from any thread.
#pragma once

#include <cstdint>
#include <vector>

#include "video/blend.h"

namespace tunesmith {

struct SlideOptions {
    double min_speed = 0.5;         // thumbnail pixels a frame: slower is a pan or drift, no slide
    double max_error_ratio = 0.65;  // the moved previous frame leaves at most this share of the unmoved one's error
    double travel = 0.25;           // the picture moves one width (height) within this share of it
    double settled = 0.5;           // the frames on either side move along the axis at most this share of its speed
    double rest = 0.8;              // and change (unmoved) at most this share of the sliding frames' mean change
    double min_difference = 100.0;  // mean squared luma difference (levels^2) between the pictures before and after
};

// The transition's extent (the frames that moved) and centre; `slide` is false when there is none.
struct Slide {
    bool slide = false;
    std::int64_t first_frame = 0;
    std::int64_t last_frame = 0;
    std::int64_t centre = 0;  // half-way through the travel
};

// Looks for a slide in the frames [from, to] (the neighbouring cuts bound it), at most max_length
// frames long. Each frame's motion from the one before is the axis-aligned shift (to a tenth of a
// thumbnail pixel) that best predicts its luma. A slide is a run of frames moving the same way at
// least min_speed, each well predicted by the moved frame before, whose shifts add up to one picture
// width or height, with frames at rest (or much slower) on either side and different pictures before
// and after it (a pan that goes on, or comes back to its start, is no slide).
// Frames marked in `left_out` (flashes) are left out.
Slide fit_slide(const Thumbnails& thumbnails, std::int64_t from, std::int64_t to, std::int64_t max_length,
                const SlideOptions& options = {}, const std::vector<bool>* left_out = nullptr);

}  // namespace tunesmith
