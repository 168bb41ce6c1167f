// Gradual-transition verification by a blend model: small thumbnails of every frame, and the test
// that the frames between two shots are mixes of the frames on either side (a fade, a dissolve or a
// fade through a colour), with the transition's extent and centre taken from that fit.
// Pure functions of values; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "video/decoder.h"

namespace tunesmith {

// Every frame of a video as a 32x18 YUV thumbnail (box-averaged from the analysis picture):
// 1728 bytes per frame, about 9 MB for 3 minutes at 30 fps.
class Thumbnails {
public:
    static constexpr int kWidth = 32;
    static constexpr int kHeight = 18;
    static constexpr std::size_t kPlane = static_cast<std::size_t>(kWidth * kHeight);
    static constexpr std::size_t kSize = 3 * kPlane;

    void add(const AnalysisFrame& frame);
    // A thumbnail given directly as kSize bytes (Y, U, V planes): for tests.
    void add_pixels(const std::vector<std::uint8_t>& yuv);
    std::size_t size() const { return pixels_.size() / kSize; }
    bool empty() const { return pixels_.empty(); }
    const std::uint8_t* at(std::size_t frame) const { return pixels_.data() + frame * kSize; }

private:
    std::vector<std::uint8_t> pixels_;
};

// Frames from..to of the video (clamped to it) that `left_out` (may be null) does not mark: the
// window a transition model looks at, without flashes.
std::vector<std::int64_t> frames_in_window(const Thumbnails& thumbnails, std::int64_t from, std::int64_t to,
                                           const std::vector<bool>* left_out);

struct BlendOptions {
    double extent_level = 0.002;  // a frame is inside the transition when its weights are further than
                                  // this (squared) from both (1,0) and (0,1): about 3% of the mix. 0.006
                                  // (5.5%) cut off the slow ends of eased fades; a colour cycle that never
                                  // settles now reaches the length bound instead of passing as a fade
    double max_residual = 0.10;   // mean unexplained energy of the inside frames (fraction of the difference)
    double max_step = 0.55;       // the largest one-frame change of a mix weight (larger: a hard cut)
    double settled = 0.01;        // an end picture is mid-fade when the frame `margin` further out has a weight above 1 + this
    int min_frames = 3;           // fewer inside frames: a hard cut, not a transition
    int margin = 2;               // the end pictures are taken this many frames outside the extent
};

struct BlendTransition {
    bool blend = false;            // the frames fit a monotone mix of the two end pictures
    std::int64_t first_frame = 0;  // the extent: frames that are neither end picture
    std::int64_t last_frame = 0;
    std::int64_t centre = 0;       // the middle of the extent (sub-frame crossings, rounded)
    double residual = 1.0;         // mean unexplained fraction over the inside frames
    int inside = 0;                // frames inside the extent
};

// Fits a transition first guessed at [first, last], never reaching outside [low, high] (the
// neighbouring cuts). The extent is refined a few times: the end pictures move to `margin` frames
// outside the current extent. max_length bounds the extent (frames). When the still end pictures do
// not explain the frames, each is moved with its shot's motion (a pan, a turn or a zoom, measured on
// the frames beyond it), and the moving pictures are used if they explain the frames better.
BlendTransition fit_blend(const Thumbnails& thumbnails, std::int64_t first, std::int64_t last, std::int64_t low,
                          std::int64_t high, std::int64_t max_length, const BlendOptions& options = {});

}  // namespace tunesmith
