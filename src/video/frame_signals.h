// Per-frame change signals, computed while frames stream past: colour-histogram and content
// (pixel) differences to the previous frame, to a few frames back (flash tests) and across a
// window of about 0.8 s (gradual transitions). Memory is bounded by that window, not the video.
// One collector per decode; not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include "video/blend.h"
#include "video/decoder.h"

namespace tunesmith {

inline constexpr int kFlashSpan = 4;  // the longest flash, in frames, that is not a cut

// Differences are in [0, 1]: histogram = half the L1 distance of normalised YUV histograms
// (8x4x4 soft bins: each pixel shared between the nearest bins of each channel); content = mean
// absolute difference of the analysis pixels (Y, U, V) / 255.
struct FrameSignals {
    Rational time;
    std::int64_t pts = 0;
    double luma = 0.0;       // mean Y / 255 (fades to black, flashes)
    double hist_prev = 0.0;  // to frame j-1 (0 for the first frame)
    double content_prev = 0.0;
    // back_*[m-2]: to frame j-m, m = 2 .. kFlashSpan + 1 (0 when that frame does not exist).
    std::array<double, kFlashSpan> back_hist{};
    std::array<double, kFlashSpan> back_content{};
    // To frame j - 2*half_window (0 when that frame does not exist); centred on frame j - half_window.
    double wide_hist = 0.0;
    double wide_content = 0.0;
};

class SignalCollector {
public:
    // half_window: frames on each side of a gradual transition's centre (about 0.4 s).
    explicit SignalCollector(int half_window);

    void add(const AnalysisFrame& frame);
    const std::vector<FrameSignals>& signals() const { return signals_; }
    std::vector<FrameSignals> take() { return std::move(signals_); }
    // Every frame's thumbnail, for the blend test of gradual transitions (cuts.h).
    const Thumbnails& thumbnails() const { return thumbnails_; }
    int half_window() const { return half_window_; }

private:
    struct Picture {
        std::vector<std::uint8_t> pixels;  // Y, U, V planes
        std::array<float, 128> histogram;
    };
    static Picture picture_of(const AnalysisFrame& frame);
    static double histogram_distance(const Picture& a, const Picture& b);
    static double content_distance(const Picture& a, const Picture& b);

    int half_window_;
    std::deque<Picture> recent_;  // the last 2*half_window + 1 pictures, newest last
    std::vector<FrameSignals> signals_;
    Thumbnails thumbnails_;
};

// Frames on each side of a gradual transition's centre for a frame rate (0/1: 25 fps assumed).
int gradual_half_window(Rational frame_rate);

}  // namespace tunesmith
