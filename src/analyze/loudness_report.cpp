// Loudness report (ITU BS.1770 / EBU R128, measured as libebur128 does): one pass of K-weighting
// for integrated loudness, the short-term curve and loudness range, and a pruned true peak.
#include "analyze/loudness_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>
#include <numeric>
#include <span>

namespace tunesmith {
namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

double to_db(double linear) { return linear > 0.0 ? 20.0 * std::log10(linear) : kMinusInf; }

// BS.1770 K-weighting at any rate, with libebur128's analog-derived coefficients: a high shelf
// (+4 dB above ~1.7 kHz) then a high-pass (~38 Hz), each one biquad (transposed direct form II).
struct Biquad {
    double b0 = 1.0, b1 = 0.0, b2 = 0.0, a1 = 0.0, a2 = 0.0;
};

std::array<Biquad, 2> k_weighting(int rate) {
    std::array<Biquad, 2> stages;
    double f0 = 1681.974450955533, gain_db = 3.999843853973347, q = 0.7071752369554196;
    double k = std::tan(std::numbers::pi * f0 / rate);
    const double vh = std::pow(10.0, gain_db / 20.0);
    const double vb = std::pow(vh, 0.4996667741545416);
    double a0 = 1.0 + k / q + k * k;
    stages[0] = {(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
    f0 = 38.13547087602444;
    q = 0.5003270373238773;
    k = std::tan(std::numbers::pi * f0 / rate);
    a0 = 1.0 + k / q + k * k;
    stages[1] = {1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
    return stages;
}

// libebur128's default channel map: L, R, C, (LFE ignored), Ls, Rs; surrounds weigh 1.41.
double channel_weight(std::size_t channel, std::size_t channels) {
    if (channels == 4) return channel < 2 ? 1.0 : 1.41;
    if (channels == 5) return channel < 3 ? 1.0 : 1.41;
    if (channel < 3) return 1.0;
    if (channel == 4 || channel == 5) return 1.41;
    return 0.0;
}

// The cumulative channel-weighted K-weighted energy (sum of squares) at the given sample
// positions (ascending), from one streaming pass over the audio.
std::vector<double> cumulative_energy_at(const AudioBuffer& audio, const std::vector<std::size_t>& marks) {
    const std::size_t n = audio.frames();
    const std::array<Biquad, 2> stages = k_weighting(audio.rate.hz);
    std::vector<std::array<double, 4>> state(audio.channel_count(), std::array<double, 4>{});
    constexpr std::size_t kChunk = 4096;
    std::vector<double> power(kChunk);
    std::vector<double> out;
    out.reserve(marks.size());
    std::size_t next = 0;
    while (next < marks.size() && marks[next] == 0) out.push_back(0.0), ++next;
    double total = 0.0;
    for (std::size_t first = 0; first < n && next < marks.size(); first += kChunk) {
        const std::size_t count = std::min(kChunk, n - first);
        std::fill(power.begin(), power.begin() + static_cast<std::ptrdiff_t>(count), 0.0);
        for (std::size_t c = 0; c < audio.channel_count(); ++c) {
            const double weight = channel_weight(c, audio.channel_count());
            if (weight == 0.0) continue;
            auto& z = state[c];
            const float* x = audio.channels[c].data() + first;
            const Biquad& s1 = stages[0];
            const Biquad& s2 = stages[1];
            for (std::size_t i = 0; i < count; ++i) {
                const double in = static_cast<double>(x[i]);
                const double mid = s1.b0 * in + z[0];
                z[0] = s1.b1 * in - s1.a1 * mid + z[1];
                z[1] = s1.b2 * in - s1.a2 * mid;
                const double y = s2.b0 * mid + z[2];
                z[2] = s2.b1 * mid - s2.a1 * y + z[3];
                z[3] = s2.b2 * mid - s2.a2 * y;
                power[i] += weight * y * y;
            }
        }
        // Sum up to each mark inside the chunk, recording the running total there.
        std::size_t i = 0;
        while (i < count) {
            const std::size_t stop = next < marks.size() ? std::min(count, marks[next] - first) : count;
            double partial = 0.0;
            for (; i < stop; ++i) partial += power[i];
            total += partial;
            if (next < marks.size() && marks[next] == first + i) out.push_back(total), ++next;
        }
    }
    while (out.size() < marks.size()) out.push_back(total);
    return out;
}

double energy_to_lufs(double energy) { return energy > 0.0 ? 10.0 * std::log10(energy) - 0.691 : kMinusInf; }

// Energy per sample between two marks (mean square), by position in `marks`.
struct EnergyTable {
    std::vector<std::size_t> marks;
    std::vector<double> cumulative;

    double at(std::size_t position) const {
        const auto it = std::lower_bound(marks.begin(), marks.end(), position);
        return cumulative[static_cast<std::size_t>(it - marks.begin())];
    }
    // Mean energy of the `length` samples ending at `end`; samples before 0 count as silence.
    double mean(std::size_t end, std::size_t length) const {
        const double before = end >= length ? at(end - length) : 0.0;
        return (at(end) - before) / static_cast<double>(length);
    }
};

// Integrated loudness: 400 ms blocks every 100 ms, absolute gate -70 LUFS, relative gate -10 LU.
double integrated_lufs(const EnergyTable& table, std::size_t n, std::size_t step) {
    const double absolute = std::pow(10.0, (-70.0 + 0.691) / 10.0);
    std::vector<double> blocks;
    for (std::size_t end = 4 * step; end <= n; end += step) {
        const double energy = table.mean(end, 4 * step);
        if (energy >= absolute) blocks.push_back(energy);
    }
    if (blocks.empty()) return kMinusInf;
    const double relative = 0.1 * std::accumulate(blocks.begin(), blocks.end(), 0.0) / static_cast<double>(blocks.size());
    double sum = 0.0;
    std::size_t count = 0;
    for (double energy : blocks)
        if (energy >= relative) sum += energy, ++count;
    return count > 0 ? energy_to_lufs(sum / static_cast<double>(count)) : kMinusInf;
}

// Loudness range: 3 s blocks every second, absolute gate -70 LUFS, relative gate -20 LU, the
// spread between the 10th and 95th percentiles (libebur128's rounding of the percentile ranks).
double loudness_range_lu(const EnergyTable& table, std::size_t n, std::size_t step) {
    const double absolute = std::pow(10.0, (-70.0 + 0.691) / 10.0);
    std::vector<double> blocks;
    for (std::size_t end = 30 * step; end <= n; end += 10 * step) {
        const double energy = table.mean(end, 30 * step);
        if (energy >= absolute) blocks.push_back(energy);
    }
    if (blocks.empty()) return 0.0;
    const double relative = 0.01 * std::accumulate(blocks.begin(), blocks.end(), 0.0) / static_cast<double>(blocks.size());
    std::vector<double> kept;
    for (double energy : blocks)
        if (energy >= relative) kept.push_back(energy);
    if (kept.empty()) return 0.0;
    std::sort(kept.begin(), kept.end());
    const auto low = static_cast<std::size_t>(static_cast<double>(kept.size() - 1) * 0.1 + 0.5);
    const auto high = static_cast<std::size_t>(static_cast<double>(kept.size() - 1) * 0.95 + 0.5);
    return energy_to_lufs(kept[high]) - energy_to_lufs(kept[low]);
}

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

double true_peak_linear(const AudioBuffer& audio) {
    const TruePeakFilter filter(audio.rate.hz);
    double peak = 0.0;
    for (const auto& channel : audio.channels) peak = std::max(peak, channel_peaks(channel, filter).second);
    return peak;
}

LoudnessReport loudness_report(const AudioBuffer& audio, const LoudnessReportOptions& options) {
    LoudnessReport report;
    report.short_term_hop_s = options.short_term_hop_s;
    if (audio.empty() || audio.channel_count() == 0) {
        report.integrated_lufs = report.loudness_range_lu = report.max_short_term_lufs = kMinusInf;
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

    // Every 100 ms boundary (gating and range blocks) and each short-term window's ends.
    const std::size_t n = audio.frames();
    const auto step = static_cast<std::size_t>((audio.rate.hz + 5) / 10);
    const auto hop = static_cast<std::size_t>(std::max(1L, std::lround(options.short_term_hop_s * audio.rate.hz)));
    EnergyTable table;
    for (std::size_t at = 0; at <= n; at += step) table.marks.push_back(at);
    for (std::size_t end = hop; end <= n; end += hop) {
        table.marks.push_back(end);
        if (end >= 30 * step) table.marks.push_back(end - 30 * step);
    }
    std::sort(table.marks.begin(), table.marks.end());
    table.marks.erase(std::unique(table.marks.begin(), table.marks.end()), table.marks.end());
    table.cumulative = cumulative_energy_at(audio, table.marks);

    report.integrated_lufs = integrated_lufs(table, n, step);
    report.loudness_range_lu = loudness_range_lu(table, n, step);
    report.max_short_term_lufs = kMinusInf;
    for (std::size_t end = hop; end <= n; end += hop) {
        // The 3 s window; before 3 s of audio it reaches back over silence (as libebur128's buffer does).
        const double short_term = energy_to_lufs(table.mean(end, 30 * step));
        report.short_term_lufs.push_back(short_term);
        report.max_short_term_lufs = std::max(report.max_short_term_lufs, short_term);
    }
    return report;
}

}  // namespace tunesmith
