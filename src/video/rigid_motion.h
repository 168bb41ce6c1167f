// Global motion of a shot (a camera pan, scrolling content, a rotation, a zoom) measured on its 32x18
// thumbnails, and thumbnails moved by it: the blend model (blend.h) uses them so that an end picture
// of a transition keeps moving with its shot while the mix goes on. Pure functions of values.
#pragma once

#include <array>
#include <cstdint>

#include "video/blend.h"

namespace tunesmith {

// A thumbnail less video black (Y 16, U and V 128), as floats: the blend model's picture. (A fade
// to black is then a scaled picture, and a flat-coloured picture keeps its colour.)
using ThumbnailVector = std::array<float, Thumbnails::kSize>;
ThumbnailVector thumbnail_vector(const Thumbnails& thumbnails, std::int64_t frame);

// Motion per frame, in thumbnail pixels, radians and natural log of scale: the picture grows by
// exp(zoom) and turns by `turn` about its centre, and then moves by (dx, dy). Zero when the shot does
// not move as a whole. (A zoom keeps shapes, so it is a similarity rather than a rigid motion; the
// name stays for the common case.)
struct RigidMotion {
    double dx = 0.0;
    double dy = 0.0;
    double turn = 0.0;
    double zoom = 0.0;
    bool moving() const { return dx != 0.0 || dy != 0.0 || turn != 0.0 || zoom != 0.0; }
};

// The shot's motion between frames `from` and `to` (either order, 2..8 frames apart): a translation
// (up to 5 pixels, to 1/8 pixel), a rotation (up to 1.6 rad, to 0.0025 rad) or, with `zooms`, a zoom
// about a point near the centre (scale up to e^0.4 either way, to e^0.0025, with a shift of up to 2
// pixels; looked for only when no translation or rotation leaves under a tenth of the change),
// whichever explains the change of the luma better. It is zero for a still shot, and unless it
// explains the change far better than no motion (the moved picture's error at most
// `max_error_ratio` of the unmoved one's): content that changes in place is not motion, and without
// `zooms` neither is a zoom. `turns` false searches translations only (about 40% fewer trials);
// `zooms` adds up to about 20% more.
RigidMotion rigid_motion(const Thumbnails& thumbnails, std::int64_t from, std::int64_t to,
                         double max_error_ratio = 0.5, bool turns = true, bool zooms = false);

// How well frame `from`, moved by `motion` (per frame) over the frames to `to`, predicts frame `to`: the
// mean squared difference of the luma over the pixels still in view (infinite when less than a third
// of the picture is). Without motion, the plain difference.
double prediction_error(const Thumbnails& thumbnails, std::int64_t from, std::int64_t to, const RigidMotion& motion);

// A picture moved by `motion` over `frames` frames (bilinear). `valid` marks the pixels whose source
// lies inside the picture (the rest came into view and are unknown).
struct MovedPicture {
    ThumbnailVector values{};
    std::array<bool, Thumbnails::kPlane> valid{};
};
MovedPicture moved(const ThumbnailVector& picture, const RigidMotion& motion, double frames);

}  // namespace tunesmith
