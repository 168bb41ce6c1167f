// pYIN: per-frame YIN candidates with beta-prior threshold probabilities, then a Viterbi pass
// over pitch bins x {voiced, unvoiced}. The output f0 is the candidate (parabolically refined)
// nearest the decoded bin, so accuracy is sub-bin.
#include "analyze/pitch.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <string>

#include "audio/resample.h"
#include "audio/stft.h"
#include "base/error.h"

namespace tunesmith {
namespace {

constexpr int kThresholds = 100;          // YIN thresholds 0.01 .. 1.00
constexpr float kLogFloor = -69.0f;        // log of a probability treated as zero (~1e-30)
constexpr std::size_t kMaxChunkFrames = 6000;    // Viterbi runs on chunks of at most 60 s (at 10 ms)
constexpr std::size_t kChunkSearchFrames = 1000; // a chunk ends at the least voiced of its last frames

struct Candidate {
    float hz;
    float probability;
    int bin;
};

// All candidates of all frames, flattened: frame f owns [offsets[f], offsets[f + 1]).
struct CandidateTable {
    std::vector<Candidate> candidates;
    std::vector<std::size_t> offsets{0};
};

void require(bool ok, const std::string& field, double value, const std::string& accepted) {
    if (!ok) throw InputError("pitch." + field, std::to_string(value), accepted);
}

void validate(const PitchOptions& o) {
    require(o.analysis_rate >= 8000 && o.analysis_rate <= 96000, "analysis_rate", o.analysis_rate, "8000 to 96000 Hz");
    require(o.hop >= 1 && o.hop <= o.analysis_rate, "hop", o.hop, "1 sample to 1 s");
    require(o.window >= 64 && o.window <= 8192, "window", o.window, "64 to 8192 samples");
    require(o.min_hz >= 20.0 && o.min_hz < o.max_hz, "min_hz", o.min_hz, "20 Hz up to max_hz");
    require(o.max_hz <= o.analysis_rate / 4.0, "max_hz", o.max_hz, "at most a quarter of analysis_rate");
    require(o.beta_mean > 0.0 && o.beta_mean < 1.0, "beta_mean", o.beta_mean, "between 0 and 1");
    require(o.beta_concentration >= 2.0 && o.beta_concentration <= 1000.0, "beta_concentration",
            o.beta_concentration, "2 to 1000");
    require(o.no_trough_probability >= 0.0 && o.no_trough_probability <= 1.0, "no_trough_probability",
            o.no_trough_probability, "0 to 1");
    require(o.bin_cents >= 1.0 && o.bin_cents <= 100.0, "bin_cents", o.bin_cents, "1 to 100 cents");
    require(o.max_jump_semitones_per_second > 0.0, "max_jump_semitones_per_second", o.max_jump_semitones_per_second,
            "a positive rate");
    require(o.switch_probability > 0.0 && o.switch_probability < 0.5, "switch_probability", o.switch_probability,
            "between 0 and 0.5");
}

// Cumulative prior mass of the thresholds 0.01 * i for i <= index (index 0 = no threshold).
std::vector<double> threshold_prior(const PitchOptions& o) {
    const double a = o.beta_mean * o.beta_concentration;
    const double b = (1.0 - o.beta_mean) * o.beta_concentration;
    // Midpoint integration of the beta density; fine enough for 100 threshold cells.
    constexpr int kSteps = 20000;
    std::vector<double> density_cdf(kSteps + 1, 0.0);
    for (int i = 0; i < kSteps; ++i) {
        const double x = (i + 0.5) / kSteps;
        density_cdf[static_cast<std::size_t>(i) + 1] =
            density_cdf[static_cast<std::size_t>(i)] + std::exp((a - 1.0) * std::log(x) + (b - 1.0) * std::log1p(-x));
    }
    const double total = density_cdf.back();
    std::vector<double> cumulative(kThresholds + 1, 0.0);
    for (int i = 1; i <= kThresholds; ++i)
        cumulative[static_cast<std::size_t>(i)] = density_cdf[static_cast<std::size_t>(i * (kSteps / kThresholds))] / total;
    cumulative[kThresholds] = 1.0;
    return cumulative;
}

// Prior mass of the thresholds s <= value.
double prior_mass_below(const std::vector<double>& cumulative, double value) {
    if (value >= 1.0) return 1.0;
    if (value <= 0.0) return 0.0;
    const auto index = static_cast<std::size_t>(std::floor(value * kThresholds + 1e-9));
    return cumulative[std::min<std::size_t>(index, kThresholds)];
}

// The YIN analysis of one frame: cumulative-mean-normalised difference over lags 0..max_lag.
class YinFrameAnalyzer {
public:
    YinFrameAnalyzer(int window, int max_lag)
        : window_(window), max_lag_(max_lag), fft_(fft_size(window, max_lag)),
          a_(static_cast<std::size_t>(fft_.size()), 0.0f), b_(static_cast<std::size_t>(fft_.size()), 0.0f),
          product_(static_cast<std::size_t>(fft_.bins())), prefix_(static_cast<std::size_t>(window + max_lag) + 1),
          cmnd_(static_cast<std::size_t>(max_lag) + 1) {}

    // `segment` holds window + max_lag samples. Returns the window's mean square.
    double analyze(std::span<const float> segment) {
        const auto w = static_cast<std::size_t>(window_);
        const auto lags = static_cast<std::size_t>(max_lag_);
        std::copy(segment.begin(), segment.begin() + static_cast<std::ptrdiff_t>(w), a_.begin());
        std::copy(segment.begin(), segment.end(), b_.begin());
        const auto spectrum_a = fft_.transform(a_);
        std::copy(spectrum_a.begin(), spectrum_a.end(), product_.begin());
        const auto spectrum_b = fft_.transform(b_);
        for (std::size_t k = 0; k < product_.size(); ++k) product_[k] = std::conj(product_[k]) * spectrum_b[k];
        const auto correlation = fft_.inverse(product_);
        const double scale = 1.0 / fft_.size();

        prefix_[0] = 0.0;
        for (std::size_t i = 0; i < segment.size(); ++i)
            prefix_[i + 1] = prefix_[i] + static_cast<double>(segment[i]) * static_cast<double>(segment[i]);
        const double energy0 = prefix_[w];
        cmnd_[0] = 1.0f;
        double running = 0.0;
        for (std::size_t lag = 1; lag <= lags; ++lag) {
            const double energy_lag = prefix_[lag + w] - prefix_[lag];
            const double difference =
                std::max(0.0, energy0 + energy_lag - 2.0 * static_cast<double>(correlation[lag]) * scale);
            running += difference;
            cmnd_[lag] = running > 1e-20 ? static_cast<float>(difference * static_cast<double>(lag) / running) : 1.0f;
        }
        return energy0 / static_cast<double>(w);
    }

    std::span<const float> cmnd() const { return cmnd_; }

private:
    static int fft_size(int window, int max_lag) {
        int size = 2;
        while (size < window + max_lag + 1) size *= 2;
        return size;
    }

    int window_;
    int max_lag_;
    RealFft fft_;
    std::vector<float> a_;
    std::vector<float> b_;
    std::vector<std::complex<float>> product_;
    std::vector<double> prefix_;
    std::vector<float> cmnd_;
};

struct PitchGrid {
    double min_hz;
    double bin_cents;
    int bins;

    int bin_of(double hz) const {
        const double position = 1200.0 * std::log2(hz / min_hz) / bin_cents;
        return std::clamp(static_cast<int>(std::lround(position)), 0, bins - 1);
    }
    double hz_of(int bin) const { return min_hz * std::exp2(bin * bin_cents / 1200.0); }
    double bin_position(double hz) const { return 1200.0 * std::log2(hz / min_hz) / bin_cents; }
};

// pYIN's candidate distribution of one frame from its troughs.
void frame_candidates(std::span<const float> cmnd, int min_lag, int max_lag, double rate, const PitchGrid& grid,
                      const std::vector<double>& prior, double no_trough, std::vector<Candidate>& out) {
    double running_min = 2.0;  // above every threshold
    double global_min = 2.0;
    std::size_t global_index = out.size();
    const std::size_t first = out.size();
    for (int lag = std::max(min_lag, 2); lag < max_lag; ++lag) {
        const auto l = static_cast<std::size_t>(lag);
        const double v = static_cast<double>(cmnd[l]);
        if (!(v < static_cast<double>(cmnd[l - 1]) && v <= static_cast<double>(cmnd[l + 1]))) continue;
        // Parabolic interpolation of the trough for a sub-sample period.
        const double left = static_cast<double>(cmnd[l - 1]), right = static_cast<double>(cmnd[l + 1]), centre = v;
        const double curvature = left - 2.0 * centre + right;
        const double shift = curvature > 1e-12 ? std::clamp(0.5 * (left - right) / curvature, -0.5, 0.5) : 0.0;
        const double hz = rate / (lag + shift);
        if (hz < grid.min_hz * 0.97 || hz > grid.hz_of(grid.bins - 1) * 1.03) continue;
        double mass = 0.0;
        if (v < running_min) {
            mass = prior_mass_below(prior, std::min(running_min, 1.0)) - prior_mass_below(prior, v);
            running_min = v;
        }
        out.push_back({static_cast<float>(hz), static_cast<float>(mass), grid.bin_of(hz)});
        if (v < global_min) {
            global_min = v;
            global_index = out.size() - 1;
        }
    }
    // Thresholds no trough passes: a little of their mass goes to the deepest trough.
    if (global_index < out.size())
        out[global_index].probability += static_cast<float>(no_trough * prior_mass_below(prior, global_min));
    // Drop troughs that no threshold selected.
    out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                             [](const Candidate& c) { return c.probability <= 0.0f; }),
              out.end());
}

struct FrameAnalysis {
    CandidateTable table;
    std::vector<PitchFrame> frames;
};

FrameAnalysis analyze_frames(std::span<const float> signal, const PitchOptions& o, const PitchGrid& grid) {
    FrameAnalysis result;
    if (signal.empty()) return result;
    const int rate = o.analysis_rate;
    const int max_lag = static_cast<int>(std::ceil(rate / o.min_hz)) + 2;
    const int min_lag = std::max(2, static_cast<int>(std::floor(rate / o.max_hz)) - 1);
    const auto n = static_cast<std::int64_t>(signal.size());
    const auto frame_count = static_cast<std::size_t>(1 + (n - 1) / o.hop);
    const auto segment_length = static_cast<std::size_t>(o.window + max_lag);
    const std::vector<double> prior = threshold_prior(o);
    YinFrameAnalyzer yin(o.window, max_lag);
    std::vector<float> segment(segment_length);
    result.frames.resize(frame_count);
    result.table.offsets.reserve(frame_count + 1);
    const double silence_power = std::pow(10.0, o.silence_db / 10.0);
    for (std::size_t f = 0; f < frame_count; ++f) {
        // The integration window [start, start + window) is centred on the frame time.
        const std::int64_t start = static_cast<std::int64_t>(f) * o.hop - o.window / 2;
        if (start >= 0 && start + static_cast<std::int64_t>(segment_length) <= n) {  // interior: no test per sample
            std::copy_n(signal.begin() + start, segment_length, segment.begin());
        } else {
            for (std::size_t i = 0; i < segment_length; ++i) {
                const std::int64_t at = start + static_cast<std::int64_t>(i);
                segment[i] = (at >= 0 && at < n) ? signal[static_cast<std::size_t>(at)] : 0.0f;
            }
        }
        const double power = yin.analyze(segment);
        PitchFrame& frame = result.frames[f];
        frame.level_db = static_cast<float>(power > 1e-12 ? 10.0 * std::log10(power) : -120.0);
        if (power >= silence_power) {
            const std::size_t before = result.table.candidates.size();
            frame_candidates(yin.cmnd(), min_lag, max_lag, rate, grid, prior, o.no_trough_probability,
                             result.table.candidates);
            double total = 0.0;
            for (std::size_t c = before; c < result.table.candidates.size(); ++c)
                total += static_cast<double>(result.table.candidates[c].probability);
            frame.voiced_probability = static_cast<float>(std::min(total, 1.0));
        }
        result.table.offsets.push_back(result.table.candidates.size());
    }
    return result;
}

// Viterbi over [begin, end) frames; writes the voicing and the decoded bin (or -1) per frame.
class PitchViterbi {
public:
    PitchViterbi(const PitchOptions& o, const PitchGrid& grid) : bins_(grid.bins) {
        const double jump_bins = o.max_jump_semitones_per_second * o.hop / o.analysis_rate * 100.0 / o.bin_cents;
        reach_ = std::clamp(static_cast<int>(std::lround(jump_bins)), 1, 60);
        double total = 0.0;
        for (int d = -reach_; d <= reach_; ++d) total += reach_ + 1 - std::abs(d);
        for (int d = -reach_; d <= reach_; ++d)
            log_kernel_.push_back(static_cast<float>(std::log((reach_ + 1 - std::abs(d)) / total)));
        log_stay_ = static_cast<float>(std::log(1.0 - o.switch_probability));
        log_switch_ = static_cast<float>(std::log(o.switch_probability));
    }

    void decode(const FrameAnalysis& analysis, std::size_t begin, std::size_t end, std::vector<int>& states) const {
        const auto bins = static_cast<std::size_t>(bins_);
        const auto pad = static_cast<std::size_t>(reach_);
        const std::size_t count = end - begin;
        std::vector<std::uint8_t> back(count * 2 * bins);
        std::vector<float> voiced(bins), unvoiced(bins), next_voiced(bins), next_unvoiced(bins);
        // Padded with -inf so the band maximum needs no bounds checks.
        const float minus_inf = -std::numeric_limits<float>::infinity();
        std::vector<float> into_voiced(bins + 2 * pad, minus_inf), into_unvoiced(bins + 2 * pad, minus_inf);
        std::vector<std::uint8_t> from_voiced_chain(bins), from_unvoiced_chain(bins);
        std::vector<float> observation(bins);
        std::vector<std::int32_t> arg_voiced(bins), arg_unvoiced(bins);

        const float log_init = static_cast<float>(-std::log(2.0 * bins_));
        float unvoiced_obs = observe(analysis, begin, observation);
        for (std::size_t b = 0; b < bins; ++b) {
            voiced[b] = log_init + observation[b];
            unvoiced[b] = log_init + unvoiced_obs;
        }
        for (std::size_t t = 1; t < count; ++t) {
            // Best predecessor chain for each source bin, for both target chains.
            for (std::size_t j = 0; j < bins; ++j) {
                const float vv = voiced[j] + log_stay_, uv = unvoiced[j] + log_switch_;
                const float vu = voiced[j] + log_switch_, uu = unvoiced[j] + log_stay_;
                into_voiced[j + pad] = std::max(vv, uv);
                from_voiced_chain[j] = vv >= uv ? 0 : 1;
                into_unvoiced[j + pad] = std::max(vu, uu);
                from_unvoiced_chain[j] = vu >= uu ? 0 : 1;
            }
            unvoiced_obs = observe(analysis, begin + t, observation);
            band_max(into_voiced, next_voiced, arg_voiced);
            band_max(into_unvoiced, next_unvoiced, arg_unvoiced);
            std::uint8_t* row = back.data() + t * 2 * bins;
            for (std::size_t b = 0; b < bins; ++b) {
                next_voiced[b] += observation[b];
                next_unvoiced[b] += unvoiced_obs;
                const auto d_v = static_cast<std::size_t>(arg_voiced[b]), d_u = static_cast<std::size_t>(arg_unvoiced[b]);
                row[b] = static_cast<std::uint8_t>(d_v * 2 + from_voiced_chain[b + d_v - pad]);
                row[bins + b] = static_cast<std::uint8_t>(d_u * 2 + from_unvoiced_chain[b + d_u - pad]);
            }
            voiced.swap(next_voiced);
            unvoiced.swap(next_unvoiced);
        }
        // Backtrack from the best final state; a state is chain * bins + bin.
        std::size_t state = 0;
        float best = minus_inf;
        for (std::size_t b = 0; b < bins; ++b) {
            if (voiced[b] > best) best = voiced[b], state = b;
            if (unvoiced[b] > best) best = unvoiced[b], state = bins + b;
        }
        for (std::size_t t = count; t-- > 0;) {
            const bool is_voiced = state < bins;
            const std::size_t bin = state % bins;
            states[begin + t] = is_voiced ? static_cast<int>(bin) : -1;
            if (t == 0) break;
            const std::uint8_t code = back[t * 2 * bins + state];
            const std::size_t source_bin = bin + code / 2 - pad;
            state = (code % 2 == 0 ? 0 : bins) + source_bin;
        }
    }

private:
    // Voiced observation log-probabilities of a frame into `out`; returns the unvoiced one.
    float observe(const FrameAnalysis& analysis, std::size_t frame, std::vector<float>& out) const {
        // Most bins hold no candidate: they get the floor, and only the few candidate bins
        // (their masses summed) take a logarithm.
        std::fill(out.begin(), out.end(), kLogFloor);
        const std::size_t first = analysis.table.offsets[frame], last = analysis.table.offsets[frame + 1];
        for (std::size_t c = first; c < last; ++c) out[static_cast<std::size_t>(analysis.table.candidates[c].bin)] = 0.0f;
        for (std::size_t c = first; c < last; ++c) {
            const Candidate& candidate = analysis.table.candidates[c];
            out[static_cast<std::size_t>(candidate.bin)] += candidate.probability;
        }
        for (std::size_t c = first; c < last; ++c) {
            const auto bin = static_cast<std::size_t>(analysis.table.candidates[c].bin);
            // A bin shared by several candidates is converted at its first one only.
            bool seen = false;
            for (std::size_t d = first; d < c && !seen; ++d) seen = analysis.table.candidates[d].bin == analysis.table.candidates[c].bin;
            if (!seen) out[bin] = out[bin] > 0.0f ? std::log(out[bin]) : kLogFloor;
        }
        const double voiced = static_cast<double>(analysis.frames[frame].voiced_probability);
        const double unvoiced = (1.0 - voiced) / bins_;
        return unvoiced > 1e-30 ? static_cast<float>(std::log(unvoiced)) : kLogFloor;
    }

    // For every target bin b: the max over d in [0, 2 * reach] of kernel[d] + padded[b + d] and
    // its (first) d: the hot spot of pYIN. The log kernel is concave, so the matrix
    // kernel[s - b] + padded[s] is Monge and the best column s moves right as b does; divide and
    // conquer over rows (best of the middle row bounds the columns of the rows on either side)
    // finds every row's maximum exactly in O((bins + reach) log bins) instead of O(bins * reach).
    void band_max(const std::vector<float>& padded, std::vector<float>& best, std::vector<std::int32_t>& arg) const {
        row_maxima(padded, 0, best.size(), 0, best.size() - 1 + 2 * static_cast<std::size_t>(reach_), best, arg);
    }

    // Rows [row_lo, row_hi) whose best columns (padded indices) lie in [col_lo, col_hi].
    void row_maxima(const std::vector<float>& padded, std::size_t row_lo, std::size_t row_hi, std::size_t col_lo,
                    std::size_t col_hi, std::vector<float>& best, std::vector<std::int32_t>& arg) const {
        if (row_lo >= row_hi) return;
        const std::size_t mid = row_lo + (row_hi - row_lo) / 2;
        const std::size_t s_lo = std::max(col_lo, mid);
        const std::size_t s_hi = std::min(col_hi, mid + 2 * static_cast<std::size_t>(reach_));
        float best_value = -std::numeric_limits<float>::infinity();
        std::size_t best_column = s_lo;
        for (std::size_t column = s_lo; column <= s_hi; ++column) {
            const float value = log_kernel_[column - mid] + padded[column];
            if (value > best_value) best_value = value, best_column = column;
        }
        best[mid] = best_value;
        arg[mid] = static_cast<std::int32_t>(best_column - mid);
        row_maxima(padded, row_lo, mid, col_lo, best_column, best, arg);
        row_maxima(padded, mid + 1, row_hi, best_column, col_hi, best, arg);
    }

    int bins_;
    int reach_ = 1;
    std::vector<float> log_kernel_;
    float log_stay_ = 0.0f;
    float log_switch_ = 0.0f;
};

// Chunk ends for the Viterbi pass: at most kMaxChunkFrames long, each cut at the least voiced
// frame near the end, where the decoded path is (almost) certainly unvoiced anyway.
std::vector<std::size_t> chunk_ends(const std::vector<PitchFrame>& frames) {
    std::vector<std::size_t> ends;
    std::size_t begin = 0;
    while (frames.size() - begin > kMaxChunkFrames) {
        std::size_t cut = begin + kMaxChunkFrames;
        for (std::size_t f = begin + kMaxChunkFrames - kChunkSearchFrames; f < begin + kMaxChunkFrames; ++f)
            if (frames[f].voiced_probability < frames[cut - 1].voiced_probability) cut = f + 1;
        ends.push_back(cut);
        begin = cut;
    }
    ends.push_back(frames.size());
    return ends;
}

// The candidate nearest the decoded bin (sub-bin accurate), else the bin's centre.
double refined_frequency(const FrameAnalysis& analysis, std::size_t frame, int bin, const PitchGrid& grid) {
    double best_hz = grid.hz_of(bin);
    double best_distance = 1.5;
    for (std::size_t c = analysis.table.offsets[frame]; c < analysis.table.offsets[frame + 1]; ++c) {
        const double hz = static_cast<double>(analysis.table.candidates[c].hz);
        const double distance = std::abs(grid.bin_position(hz) - bin);
        if (distance < best_distance) best_distance = distance, best_hz = hz;
    }
    return best_hz;
}

}  // namespace

F0Track track_pitch(std::span<const float> mono, SampleRate rate, const PitchOptions& options) {
    validate(options);
    F0Track track;
    track.rate = SampleRate(options.analysis_rate);
    track.hop = options.hop;
    if (mono.empty()) return track;
    const std::vector<float> signal = resample(mono, rate, track.rate);
    PitchGrid grid{options.min_hz, options.bin_cents, 0};
    grid.bins = static_cast<int>(std::floor(1200.0 * std::log2(options.max_hz / options.min_hz) / options.bin_cents)) + 1;

    FrameAnalysis analysis = analyze_frames(signal, options, grid);
    std::vector<int> states(analysis.frames.size(), -1);
    const PitchViterbi viterbi(options, grid);
    std::size_t begin = 0;
    for (std::size_t end : chunk_ends(analysis.frames)) {
        viterbi.decode(analysis, begin, end, states);
        begin = end;
    }
    for (std::size_t f = 0; f < analysis.frames.size(); ++f) {
        PitchFrame& frame = analysis.frames[f];
        frame.voiced = states[f] >= 0;
        frame.f0_hz = frame.voiced ? static_cast<float>(refined_frequency(analysis, f, states[f], grid)) : 0.0f;
    }
    track.frames = std::move(analysis.frames);
    return track;
}

}  // namespace tunesmith
