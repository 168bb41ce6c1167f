// TruePeakFilter and the pruned exact peak search (moved from the analysis loudness report so the
// master's final reading uses the same meter: libebur128's own true-peak mode filters every sample).
#include "audio/true_peak.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace tunesmith {

TruePeakFilter::TruePeakFilter(int rate) : factor_(rate < 96000 ? 4 : rate < 192000 ? 2 : 1) {
    reach_ = (kTaps - 1) / factor_ + 1;
    const double half = (kTaps - 1) / 2.0;
    for (int j = 0; j < kTaps; ++j) {
        const double m = j - half;
        double c = std::abs(m) > 1e-6 ? std::sin(m * std::numbers::pi / factor_) / (m * std::numbers::pi / factor_) : 1.0;
        c *= 0.5 * (1.0 - std::cos(2.0 * std::numbers::pi * j / (kTaps - 1)));
        // Output at zero-stuffed index n uses taps j == n (mod factor): input k - (j - phase) / factor.
        const int phase = j % factor_;
        auto& dense = dense_[static_cast<std::size_t>(phase)];
        dense.resize(static_cast<std::size_t>(reach_), 0.0f);
        dense[static_cast<std::size_t>((j - phase) / factor_)] = static_cast<float>(c);
    }
    for (const auto& dense : dense_) {
        double sum = 0.0;
        for (float c : dense) sum += std::abs(static_cast<double>(c));
        gain_bound_ = std::max(gain_bound_, sum);
    }
}

double TruePeakFilter::peak(std::span<const float> x, std::size_t first, std::size_t last) const {
    float best = 0.0f;
    const std::size_t taps = reach();
    for (int phase = 1; phase < factor_; ++phase) {
        const std::vector<float>& c = dense_[static_cast<std::size_t>(phase)];
        for (std::size_t k = first; k < last; ++k) {
            float y = 0.0f;
            if (k + 1 >= taps) {
                const float* newest = x.data() + k;
                for (std::size_t t = 0; t < taps; ++t) y += c[t] * newest[-static_cast<std::ptrdiff_t>(t)];
            } else {
                for (std::size_t t = 0; t <= k; ++t) y += c[t] * x[k - t];
            }
            best = std::max(best, std::abs(y));
        }
    }
    return static_cast<double>(best);
}

namespace {

double max_abs(std::span<const float> x, std::size_t first, std::size_t last) {
    float m = 0.0f;
    for (std::size_t i = first; i < last; ++i) m = std::max(m, std::abs(x[i]));
    return static_cast<double>(m);
}

}  // namespace

SignalPeaks channel_peaks(std::span<const float> x, std::size_t first, std::size_t last,
                          const TruePeakFilter& filter) {
    constexpr std::size_t kBlock = 64;  // small, so a transient's block is pruned apart from its neighbours
    last = std::min(last, x.size());
    if (first >= last) return {};
    const std::size_t blocks = (last - first + kBlock - 1) / kBlock;
    std::vector<double> block_max(blocks);
    for (std::size_t b = 0; b < blocks; ++b)
        block_max[b] = max_abs(x, first + b * kBlock, std::min(last, first + (b + 1) * kBlock));
    const double sample_peak = *std::max_element(block_max.begin(), block_max.end());
    if (filter.factor() == 1 || sample_peak <= 0.0) return {sample_peak, sample_peak};
    // Outputs of block b read inputs back to reach() before it: the block before (or the history
    // before `first`) also bounds them.
    const double history = max_abs(x, first - std::min(first, filter.reach()), first);
    std::vector<double> bound(blocks);
    for (std::size_t b = 0; b < blocks; ++b)
        bound[b] = filter.gain_bound() * std::max(block_max[b], b > 0 ? block_max[b - 1] : history);
    std::vector<std::size_t> order(blocks);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return bound[a] > bound[b]; });
    double true_peak = sample_peak;
    for (std::size_t b : order) {
        if (bound[b] <= true_peak) break;
        const std::size_t from = first + b * kBlock;
        true_peak = std::max(true_peak, filter.peak(x, from, std::min(last, from + kBlock)));
    }
    return {sample_peak, true_peak};
}

SignalPeaks signal_peaks(const AudioBuffer& audio, std::size_t first, std::size_t last) {
    const TruePeakFilter filter(audio.rate.hz);
    SignalPeaks peaks;
    for (const auto& channel : audio.channels) {
        const SignalPeaks p = channel_peaks(channel, first, last, filter);
        peaks.sample = std::max(peaks.sample, p.sample);
        peaks.true_peak = std::max(peaks.true_peak, p.true_peak);
    }
    return peaks;
}

}  // namespace tunesmith
