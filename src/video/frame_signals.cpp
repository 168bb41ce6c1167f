// Histogram and content differences between analysis frames, kept in a short ring of recent
// pictures so each frame is compared once to its predecessors and the memory stays bounded.
#include "video/frame_signals.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace tunesmith {

int gradual_half_window(Rational frame_rate) {
    const double fps = frame_rate.num > 0 && frame_rate.den > 0 ? frame_rate.to_double() : 25.0;
    return std::clamp(static_cast<int>(std::lround(0.4 * fps)), 2, 60);
}

SignalCollector::SignalCollector(int half_window) : half_window_(std::max(2, half_window)) {}

SignalCollector::Picture SignalCollector::picture_of(const AnalysisFrame& frame) {
    const auto count = static_cast<std::size_t>(frame.width * frame.height);
    Picture picture;
    picture.pixels.resize(count * 3);
    std::copy(frame.y, frame.y + count, picture.pixels.begin());
    std::copy(frame.u, frame.u + count, picture.pixels.begin() + static_cast<std::ptrdiff_t>(count));
    std::copy(frame.v, frame.v + count, picture.pixels.begin() + static_cast<std::ptrdiff_t>(2 * count));
    // Soft bins: each pixel is shared between the two nearest bins of each channel (linear in the
    // distance to the bin centres). A gradual change of colour (a fade over flat bars or a binary
    // pattern) then moves the histogram gradually; with hard bins a flat colour crossing a bin edge
    // jumps the whole area at once and looks like a cut.
    std::array<float, 128> bins{};
    const auto split = [](unsigned value, unsigned width, unsigned bins_in_channel, unsigned& low, float& high_share) {
        const float position = (static_cast<float>(value) + 0.5f) / static_cast<float>(width) - 0.5f;
        low = 0;
        high_share = 0.0f;
        if (position <= 0.0f) return;
        low = std::min(static_cast<unsigned>(position), bins_in_channel - 1);
        if (low + 1 < bins_in_channel) high_share = position - static_cast<float>(low);
    };
    for (std::size_t i = 0; i < count; ++i) {
        unsigned y0 = 0, u0 = 0, v0 = 0;
        float y1 = 0.0f, u1 = 0.0f, v1 = 0.0f;
        split(frame.y[i], 32, 8, y0, y1);
        split(frame.u[i], 64, 4, u0, u1);
        split(frame.v[i], 64, 4, v0, v1);
        for (unsigned dy = 0; dy < 2; ++dy)
            for (unsigned du = 0; du < 2; ++du)
                for (unsigned dv = 0; dv < 2; ++dv) {
                    const float w = (dy ? y1 : 1.0f - y1) * (du ? u1 : 1.0f - u1) * (dv ? v1 : 1.0f - v1);
                    if (w > 0.0f) bins[(y0 + dy) * 16 + (u0 + du) * 4 + (v0 + dv)] += w;
                }
    }
    const float scale = count == 0 ? 0.0f : 1.0f / static_cast<float>(count);
    for (std::size_t b = 0; b < bins.size(); ++b) picture.histogram[b] = bins[b] * scale;
    return picture;
}

double SignalCollector::histogram_distance(const Picture& a, const Picture& b) {
    double sum = 0.0;
    for (std::size_t i = 0; i < a.histogram.size(); ++i) sum += static_cast<double>(std::fabs(a.histogram[i] - b.histogram[i]));
    return 0.5 * sum;
}

double SignalCollector::content_distance(const Picture& a, const Picture& b) {
    if (a.pixels.size() != b.pixels.size() || a.pixels.empty()) return 1.0;
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i)
        sum += static_cast<std::uint64_t>(std::abs(static_cast<int>(a.pixels[i]) - static_cast<int>(b.pixels[i])));
    return static_cast<double>(sum) / (255.0 * static_cast<double>(a.pixels.size()));
}

void SignalCollector::add(const AnalysisFrame& frame) {
    Picture picture = picture_of(frame);
    FrameSignals s;
    s.time = frame.time;
    s.pts = frame.pts;
    const auto count = static_cast<std::size_t>(frame.width * frame.height);
    std::uint64_t luma = 0;
    for (std::size_t i = 0; i < count; ++i) luma += frame.y[i];
    s.luma = count == 0 ? 0.0 : static_cast<double>(luma) / (255.0 * static_cast<double>(count));

    const std::size_t have = recent_.size();
    auto back = [&](std::size_t m) -> const Picture& { return recent_[have - m]; };
    if (have >= 1) {
        s.hist_prev = histogram_distance(back(1), picture);
        s.content_prev = content_distance(back(1), picture);
    }
    for (std::size_t m = 2; m <= static_cast<std::size_t>(kFlashSpan) + 1 && m <= have; ++m) {
        s.back_hist[m - 2] = histogram_distance(back(m), picture);
        s.back_content[m - 2] = content_distance(back(m), picture);
    }
    const auto wide = static_cast<std::size_t>(2 * half_window_);
    if (have >= wide) {
        s.wide_hist = histogram_distance(back(wide), picture);
        s.wide_content = content_distance(back(wide), picture);
    }
    signals_.push_back(s);
    thumbnails_.add(frame);
    recent_.push_back(std::move(picture));
    const std::size_t keep = std::max(wide, static_cast<std::size_t>(kFlashSpan) + 1);
    while (recent_.size() > keep) recent_.pop_front();
}

}  // namespace tunesmith
