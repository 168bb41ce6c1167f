// Loudness report: integrated loudness, the short-term curve and loudness range from one libebur128
// state (no true-peak mode), and the true peak
// from libebur128's interpolator run only where it could exceed the peak found so far (libebur128's
// own true-peak mode filters every sample at 4x and was most of the analysis time).
#include "analyze/loudness_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <numbers>
#include <numeric>
#include <span>
#include <stdexcept>
#include <utility>

#include <ebur128.h>

#include "audio/buffer.h"

namespace tunesmith {
namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

double to_db(double linear) { return linear > 0.0 ? 20.0 * std::log10(linear) : kMinusInf; }

struct StateDeleter {
    void operator()(ebur128_state* state) const { ebur128_destroy(&state); }
};
using StateHandle = std::unique_ptr<ebur128_state, StateDeleter>;

// Feeds frames [first, first + count) of a planar buffer, interleaving through `scratch`.
void add_frames(ebur128_state* state, const AudioBuffer& audio, std::size_t first, std::size_t count,
                std::vector<float>& scratch) {
    const std::size_t channels = audio.channel_count();
    scratch.resize(count * channels);
    for (std::size_t i = 0; i < count; ++i)
        for (std::size_t c = 0; c < channels; ++c) scratch[i * channels + c] = audio.channels[c][first + i];
    if (count > 0) ebur128_add_frames_float(state, scratch.data(), count);
}

double finite_or_minus_inf(double value) { return std::isfinite(value) ? value : kMinusInf; }

// libebur128's true-peak interpolator: a 49-tap Hann-windowed sinc over the zero-stuffed signal,
// oversampling 4x below 96 kHz, 2x below 192 kHz, none above. Sub-filter `phase` gives the values
// at (k + phase / factor); phase 0 is the input itself.
class TruePeakFilter {
public:
    static constexpr int kTaps = 49;

    explicit TruePeakFilter(int rate) : factor_(rate < 96000 ? 4 : rate < 192000 ? 2 : 1) {
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

    int factor() const { return factor_; }
    // |interpolated value| <= gain_bound() * max |x| over the `reach()` inputs before it.
    double gain_bound() const { return gain_bound_; }
    std::size_t reach() const { return static_cast<std::size_t>(reach_); }

    // Largest |interpolated value| for outputs whose newest input is k in [first, last).
    double peak(std::span<const float> x, std::size_t first, std::size_t last) const {
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

private:
    int factor_;
    int reach_ = 1;
    double gain_bound_ = 0.0;
    std::array<std::vector<float>, 4> dense_;  // per phase: coefficient of input k - delay
};

// Max |sample| and true peak (linear) of one channel. Exact, but only blocks whose samples could
// interpolate above the best value found so far are filtered: a loud song's true peak sits in a
// few places, so most of the signal is never oversampled (libebur128 filters every sample).
std::pair<double, double> channel_peaks(std::span<const float> x, const TruePeakFilter& filter) {
    constexpr std::size_t kBlock = 64;  // small, so a transient's block is pruned apart from its neighbours
    const std::size_t blocks = (x.size() + kBlock - 1) / kBlock;
    std::vector<double> block_max(blocks, 0.0);
    for (std::size_t b = 0; b < blocks; ++b)
        for (std::size_t i = b * kBlock; i < std::min(x.size(), (b + 1) * kBlock); ++i)
            block_max[b] = std::max(block_max[b], static_cast<double>(std::abs(x[i])));
    const double sample_peak = blocks > 0 ? *std::max_element(block_max.begin(), block_max.end()) : 0.0;
    if (filter.factor() == 1 || sample_peak <= 0.0) return {sample_peak, sample_peak};
    // Outputs of block b read inputs back to reach() before it: the block before also bounds them.
    std::vector<double> bound(blocks);
    for (std::size_t b = 0; b < blocks; ++b)
        bound[b] = filter.gain_bound() * std::max(block_max[b], b > 0 ? block_max[b - 1] : 0.0);
    std::vector<std::size_t> order(blocks);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return bound[a] > bound[b]; });
    double true_peak = sample_peak;
    for (std::size_t b : order) {
        if (bound[b] <= true_peak) break;
        const std::size_t first = b * kBlock;
        const std::size_t last = std::min(x.size(), first + kBlock);
        true_peak = std::max(true_peak, filter.peak(x, first, last));
    }
    return {sample_peak, true_peak};
}

}  // namespace

LoudnessReport loudness_report(const AudioBuffer& audio, const LoudnessReportOptions& options) {
    LoudnessReport report;
    report.short_term_hop_s = options.short_term_hop_s;
    if (audio.frames() == 0 || audio.channel_count() == 0) {
        report.integrated_lufs = report.max_short_term_lufs = kMinusInf;
        report.true_peak_dbtp = report.sample_peak_dbfs = kMinusInf;
        return report;
    }
    const TruePeakFilter filter(audio.rate.hz);
    double sample_peak = 0.0, true_peak = 0.0;
    for (const auto& channel : audio.channels) {
        const auto [channel_sample, channel_true] = channel_peaks(channel, filter);
        sample_peak = std::max(sample_peak, channel_sample);
        true_peak = std::max(true_peak, channel_true);
    }
    report.sample_peak_dbfs = to_db(sample_peak);
    report.true_peak_dbtp = to_db(true_peak);

    StateHandle state(ebur128_init(static_cast<unsigned>(audio.channel_count()), static_cast<unsigned long>(audio.rate.hz),
                                   EBUR128_MODE_I | EBUR128_MODE_S | EBUR128_MODE_LRA));
    if (!state) throw std::runtime_error("loudness_report: ebur128_init failed");
    const auto hop = static_cast<std::size_t>(std::max(1L, std::lround(options.short_term_hop_s * audio.rate.hz)));
    std::vector<float> scratch;
    report.max_short_term_lufs = kMinusInf;
    for (std::size_t first = 0; first < audio.frames(); first += hop) {
        const std::size_t count = std::min(hop, audio.frames() - first);
        add_frames(state.get(), audio, first, count, scratch);
        if (count < hop) break;  // a partial last block counts in the integrated value only
        double short_term = kMinusInf;
        if (ebur128_loudness_shortterm(state.get(), &short_term) != EBUR128_SUCCESS) short_term = kMinusInf;
        short_term = finite_or_minus_inf(short_term);
        // libebur128 reports about -691 LUFS for digital silence; treat anything that low as silence.
        if (short_term < -200.0) short_term = kMinusInf;
        report.short_term_lufs.push_back(short_term);
        report.max_short_term_lufs = std::max(report.max_short_term_lufs, short_term);
    }
    double integrated = kMinusInf;
    if (ebur128_loudness_global(state.get(), &integrated) != EBUR128_SUCCESS) integrated = kMinusInf;
    report.integrated_lufs = finite_or_minus_inf(integrated);
    double range = 0.0;
    report.loudness_range_lu = ebur128_loudness_range(state.get(), &range) == EBUR128_SUCCESS ? range : kMinusInf;
    return report;
}

}  // namespace tunesmith
