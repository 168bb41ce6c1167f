// Thumbnail pictures and change signals built in code for the cut tests: textured pictures, views
// of a smooth set (a camera pan moves the view), flashes, and the real SignalCollector run over
// pictures given as 32x18 YUV frames.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "video/blend.h"
#include "video/frame_signals.h"

namespace tunesmith::testing {

// A textured 32x18 picture in all three planes, different for every seed.
inline std::vector<std::uint8_t> picture(int seed) {
    std::vector<std::uint8_t> p(Thumbnails::kSize);
    for (std::size_t i = 0; i < Thumbnails::kPlane; ++i) {
        const auto x = static_cast<int>(i % Thumbnails::kWidth);
        const auto y = static_cast<int>(i / Thumbnails::kWidth);
        p[i] = static_cast<std::uint8_t>(40 + (x * (3 + seed) + y * (5 + 2 * seed)) % 160);
        p[Thumbnails::kPlane + i] = static_cast<std::uint8_t>(100 + (x * seed + y) % 50);
        p[2 * Thumbnails::kPlane + i] = static_cast<std::uint8_t>(110 + (y * seed + 2 * x) % 40);
    }
    return p;
}

// Signals made by the real SignalCollector from pictures given as 32x18 YUV frames (the
// analysis picture is then the thumbnail itself), at 25 fps: signals and thumbnails agree.
struct Collected {
    std::vector<FrameSignals> signals;
    Thumbnails thumbnails;
};
// At 25 fps, with the gradual half window of that rate (10 frames).
inline Collected collect(const std::vector<std::vector<std::uint8_t>>& pictures, int half_window = 10) {
    SignalCollector collector(half_window);
    for (std::size_t f = 0; f < pictures.size(); ++f) {
        AnalysisFrame frame;
        frame.index = static_cast<std::int64_t>(f);
        frame.pts = frame.index;
        frame.time = Rational(frame.index, 25);
        frame.width = Thumbnails::kWidth;
        frame.height = Thumbnails::kHeight;
        frame.y = pictures[f].data();
        frame.u = pictures[f].data() + Thumbnails::kPlane;
        frame.v = pictures[f].data() + 2 * Thumbnails::kPlane;
        collector.add(frame);
    }
    Collected out;
    out.thumbnails = collector.thumbnails();
    out.signals = collector.take();
    return out;
}

// A smooth, non-periodic set seen through a 32x18 window whose corner is at (ox, oy) (a camera
// pan moves it); `set` picks one of several sets with the same kind of picture.
inline std::vector<std::uint8_t> set_view(double ox, double oy, int set = 0) {
    std::vector<std::uint8_t> p(Thumbnails::kSize);
    for (int y = 0; y < Thumbnails::kHeight; ++y)
        for (int x = 0; x < Thumbnails::kWidth; ++x) {
            const double u = x + ox, v = y + oy, k = 0.7 * set;
            const auto at = static_cast<std::size_t>(y * Thumbnails::kWidth + x);
            p[at] = static_cast<std::uint8_t>(std::lround(
                120.0 + 40.0 * std::sin(0.37 * u + 0.6 * std::sin(0.11 * v + k)) +
                30.0 * std::cos(0.23 * v - 0.4 + 0.05 * u + k) +
                25.0 * std::sin(0.71 * u - 0.53 * v + k) * std::cos(0.17 * u + 0.29 * v) +
                25.0 * std::tanh(3.0 * std::sin(0.9 * u + 0.4 * v)) + 15.0 * std::tanh(3.0 * std::cos(1.1 * v - 0.3 * u + k))));
            p[Thumbnails::kPlane + at] = static_cast<std::uint8_t>(std::lround(128.0 + 30.0 * std::sin(0.13 * u + 0.07 * v + k)));
            p[2 * Thumbnails::kPlane + at] = static_cast<std::uint8_t>(std::lround(128.0 + 25.0 * std::cos(0.09 * u - 0.15 * v)));
        }
    return p;
}

// A near-white flash over a picture (as the eval's drawbox white@0.85); a weaker `light` for the
// dimmer frames of a flash that fades.
inline std::vector<std::uint8_t> flashed(std::vector<std::uint8_t> p, double light = 0.85) {
    for (std::size_t i = 0; i < p.size(); ++i)
        p[i] = static_cast<std::uint8_t>(
            std::lround((1.0 - light) * p[i] + light * (i < Thumbnails::kPlane ? 235.0 : 128.0)));
    return p;
}

}  // namespace tunesmith::testing
