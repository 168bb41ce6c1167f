// Beat evidence other than onset strength: a harmonic-novelty curve computed from running sums
// of the chromagram and resampled to the onset envelope's frames.
#include "analyze/beat_evidence.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <utility>

namespace tunesmith {
namespace {

using Register24 = std::array<double, 24>;

// Running sums of the energy-weighted full + bass chroma, so any window's mean is O(24).
std::vector<Register24> prefix_sums(const Chromagram& chroma) {
    std::vector<Register24> sums(chroma.frames() + 1, Register24{});
    for (std::size_t f = 0; f < chroma.frames(); ++f) {
        const double w = static_cast<double>(chroma.energy[f]);
        for (std::size_t pc = 0; pc < 12; ++pc) {
            sums[f + 1][pc] = sums[f][pc] + w * static_cast<double>(chroma.full[f][pc]);
            sums[f + 1][pc + 12] = sums[f][pc + 12] + w * static_cast<double>(chroma.bass[f][pc]);
        }
    }
    return sums;
}

double window_distance(const std::vector<Register24>& sums, std::size_t lo, std::size_t mid, std::size_t hi) {
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (std::size_t i = 0; i < 24; ++i) {
        const double a = sums[mid][i] - sums[lo][i];
        const double b = sums[hi][i] - sums[mid][i];
        ab += a * b;
        aa += a * a;
        bb += b * b;
    }
    return aa > 1e-12 && bb > 1e-12 ? 1.0 - ab / std::sqrt(aa * bb) : 0.0;
}

}  // namespace

std::vector<double> harmonic_novelty(const Chromagram& chroma, const OnsetEnvelope& envelope, double half_window_seconds) {
    std::vector<double> out(envelope.frames(), 0.0);
    const std::size_t n = chroma.frames();
    if (n < 3 || out.empty()) return out;
    const std::vector<Register24> sums = prefix_sums(chroma);
    const double chroma_fps = static_cast<double>(chroma.analysis_rate.hz) / chroma.hop;
    const auto half = static_cast<std::size_t>(std::max(1.0, std::round(half_window_seconds * chroma_fps)));
    // Novelty at the boundary before chroma frame c (between frames c-1 and c).
    std::vector<double> at_boundary(n + 1, 0.0);
    for (std::size_t c = 1; c < n; ++c)
        at_boundary[c] = window_distance(sums, c >= half ? c - half : 0, c, std::min(n, c + half));
    // A chroma frame is centred on c * hop, so the boundary c sits at (c - 0.5) * hop.
    const double per_onset_frame = chroma_fps / envelope.frames_per_second();
    for (std::size_t t = 0; t < out.size(); ++t) {
        const double x = static_cast<double>(t) * per_onset_frame + 0.5;
        const auto i = static_cast<std::size_t>(std::clamp(x, 0.0, static_cast<double>(n - 1)));
        const double frac = std::clamp(x - static_cast<double>(i), 0.0, 1.0);
        out[t] = at_boundary[i] * (1.0 - frac) + at_boundary[i + 1] * frac;
    }
    return scaled_to_unit_deviation(std::move(out));
}

std::vector<double> scaled_to_unit_deviation(std::vector<double> values) {
    if (values.empty()) return values;
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    double var = 0.0;
    for (double v : values) var += (v - mean) * (v - mean);
    const double sd = std::sqrt(var / static_cast<double>(values.size()));
    if (sd <= 1e-9) return std::vector<double>(values.size(), 0.0);
    for (double& v : values) v /= sd;
    return values;
}

OnsetOptions high_band_options(const OnsetOptions& whole, SampleRate rate) {
    OnsetOptions high = whole;
    high.min_hz = std::min(5000.0, 0.4 * rate.hz);
    return high;
}

OnsetOptions low_band_options(const OnsetOptions& whole, SampleRate rate) {
    OnsetOptions low = whole;
    low.max_hz = std::min(5000.0, 0.4 * rate.hz);
    return low;
}

OnsetBands onset_bands(std::span<const float> mono, SampleRate rate, const OnsetOptions& options) {
    const OnsetOptions sets[] = {options, high_band_options(options, rate), low_band_options(options, rate)};
    std::vector<OnsetEnvelope> envelopes = onset_envelopes(mono, rate, sets);
    return {std::move(envelopes[0]), std::move(envelopes[1]), std::move(envelopes[2])};
}

double onset_brightness(const OnsetEnvelope& whole, const OnsetEnvelope& high) {
    double whole_sum = 0.0, top_sum = 0.0;
    for (float v : whole.values) whole_sum += static_cast<double>(v);
    for (float v : high.values) top_sum += static_cast<double>(v);
    return whole_sum > 0.0 ? top_sum / whole_sum : 0.0;
}

double onset_brightness(const OnsetEnvelope& whole, std::span<const float> mono, SampleRate rate,
                        const OnsetOptions& options) {
    return onset_brightness(whole, onset_envelope(mono, rate, high_band_options(options, rate)));
}

double midbeat_ratio(const OnsetEnvelope& envelope, std::span<const Samples> beats) {
    if (beats.size() < 2 || envelope.values.empty()) return 0.0;
    const auto reach = static_cast<std::int64_t>(std::lround(0.02 * envelope.frames_per_second()));
    const auto last = static_cast<std::int64_t>(envelope.values.size()) - 1;
    const auto peak_near = [&](double frame) {
        const std::int64_t centre = std::llround(frame);
        float best = 0.0f;
        for (std::int64_t f = std::max<std::int64_t>(0, centre - reach); f <= std::min(last, centre + reach); ++f)
            best = std::max(best, envelope.values[static_cast<std::size_t>(f)]);
        return static_cast<double>(best);
    };
    double on = 0.0, mid = 0.0;
    for (std::size_t b = 1; b < beats.size(); ++b) {
        const double first = static_cast<double>(beats[b - 1].value) / envelope.hop;
        const double next = static_cast<double>(beats[b].value) / envelope.hop;
        on += peak_near(first);
        mid += peak_near(0.5 * (first + next));
    }
    return on > 0.0 ? mid / on : 0.0;
}

}  // namespace tunesmith
