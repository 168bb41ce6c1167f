// Onset detection: SuperFlux envelope (Boeck & Widmer 2013) and adaptive peak picking.
// The STFT comes from audio/stft.h; this file owns the filterbank, the flux and the picking.
#include "analyze/onsets.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "analyze/spectral.h"
#include "audio/stft.h"
#include "base/error.h"

namespace tunesmith {
namespace {

// Log-compressed, log-frequency magnitude frames (frames x bands, row-major).
struct LogBands {
    std::size_t frames = 0;
    std::size_t bands = 0;
    std::vector<double> values;
    double at(std::size_t f, std::size_t b) const { return values[f * bands + b]; }
};

LogBands log_filtered(const Spectrogram& spec, const OnsetOptions& options) {
    const auto bank = log_filterbank(spec.rate, spec.window, spec.bins, options.bands_per_octave,
                                     options.min_hz, options.max_hz);
    LogBands out;
    out.frames = spec.frames();
    out.bands = bank.size();
    out.values.assign(out.frames * out.bands, 0.0);
    const double scale = magnitude_normalisation(spec.window);
    for (std::size_t f = 0; f < out.frames; ++f) {
        for (std::size_t b = 0; b < bank.size(); ++b) {
            double sum = 0.0;
            for (const auto& [bin, weight] : bank[b])
                sum += weight * static_cast<double>(spec.at(f, bin));
            out.values[f * out.bands + b] = std::log10(1.0 + options.compression * scale * sum);
        }
    }
    return out;
}

// Frames between the compared spectra: where the windows overlap by less than half.
std::size_t flux_lag(int window, int hop) {
    const double lag = std::round(0.5 * window / hop);
    return static_cast<std::size_t>(std::max(1.0, lag));
}

double moving_mean(std::span<const float> x, std::size_t centre, std::size_t before, std::size_t after) {
    const std::size_t lo = centre >= before ? centre - before : 0;
    const std::size_t hi = std::min(x.size() - 1, centre + after);
    double sum = 0.0;
    for (std::size_t i = lo; i <= hi; ++i) sum += static_cast<double>(x[i]);
    return sum / static_cast<double>(hi - lo + 1);
}

std::size_t frames_for(double seconds, double fps) {
    return static_cast<std::size_t>(std::lround(std::max(0.0, seconds) * fps));
}

}  // namespace

OnsetEnvelope onset_envelope(std::span<const float> mono, SampleRate rate, const OnsetOptions& options) {
    if (rate.hz < 8000) throw InputError("sample_rate", std::to_string(rate.hz), "at least 8000 Hz");
    if (options.frames_per_second <= 0.0 || options.window_seconds <= 0.0)
        throw InputError("onset.frames_per_second", std::to_string(options.frames_per_second), "> 0");
    const int hop = std::max(1, static_cast<int>(std::lround(rate.hz / options.frames_per_second)));
    const int window = next_power_of_two(static_cast<int>(std::ceil(options.window_seconds * rate.hz)));

    OnsetEnvelope envelope;
    envelope.rate = rate;
    envelope.hop = hop;
    if (mono.empty()) return envelope;

    const Spectrogram spec = centred_spectrogram(mono, rate, window, hop);
    const LogBands bands = log_filtered(spec, options);
    envelope.values.assign(bands.frames, 0.0f);
    const std::size_t lag = flux_lag(window, hop);
    const std::size_t half = static_cast<std::size_t>(std::max(0, options.max_filter_bands / 2));
    for (std::size_t f = lag; f < bands.frames; ++f) {
        double flux = 0.0;
        for (std::size_t b = 0; b < bands.bands; ++b) {
            // The previous frame is max-filtered across frequency, so a vibrato's small pitch
            // movement does not count as new energy.
            const std::size_t lo = b >= half ? b - half : 0;
            const std::size_t hi = std::min(bands.bands - 1, b + half);
            double reference = 0.0;
            for (std::size_t k = lo; k <= hi; ++k) reference = std::max(reference, bands.at(f - lag, k));
            flux += std::max(0.0, bands.at(f, b) - reference);
        }
        envelope.values[f] = static_cast<float>(flux / static_cast<double>(std::max<std::size_t>(1, bands.bands)));
    }
    return envelope;
}

std::vector<std::size_t> pick_onset_peaks(const OnsetEnvelope& envelope, const OnsetOptions& options) {
    std::vector<std::size_t> peaks;
    const std::span<const float> x = envelope.values;
    if (x.empty()) return peaks;
    const double fps = envelope.frames_per_second();
    const std::size_t pre_max = frames_for(options.pre_max, fps);
    const std::size_t post_max = frames_for(options.post_max, fps);
    const std::size_t pre_avg = frames_for(options.pre_avg, fps);
    const std::size_t post_avg = frames_for(options.post_avg, fps);
    const std::size_t min_gap = frames_for(options.min_interval, fps);

    // The threshold is relative to a robust scale of the whole envelope (its 95th percentile),
    // so it does not depend on the recording's level; an absolute floor keeps silence, hiss and
    // vibrato (whose flux the max filter leaves small but not zero) quiet.
    std::vector<float> sorted(x.begin(), x.end());
    const auto rank = static_cast<std::size_t>(0.95 * static_cast<double>(sorted.size() - 1));
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(rank), sorted.end());
    const double scale = static_cast<double>(sorted[rank]);
    const double delta = std::max(options.threshold * scale, options.min_strength);

    bool have_last = false;
    std::size_t last = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double value = static_cast<double>(x[i]);
        if (value <= delta) continue;
        const std::size_t lo = i >= pre_max ? i - pre_max : 0;
        const std::size_t hi = std::min(x.size() - 1, i + post_max);
        const auto window_max = *std::max_element(x.begin() + static_cast<std::ptrdiff_t>(lo),
                                                  x.begin() + static_cast<std::ptrdiff_t>(hi) + 1);
        if (x[i] < window_max) continue;
        if (value < moving_mean(x, i, pre_avg, post_avg) + delta) continue;
        if (have_last && i - last < min_gap) continue;
        peaks.push_back(i);
        last = i;
        have_last = true;
    }
    return peaks;
}

OnsetResult detect_onsets(std::span<const float> mono, SampleRate rate, const OnsetOptions& options) {
    OnsetResult result;
    result.rate = rate;
    result.envelope = onset_envelope(mono, rate, options);
    for (std::size_t frame : pick_onset_peaks(result.envelope, options)) {
        const Samples at = result.envelope.frame_sample(frame);
        result.onsets.push_back(at);
        result.seconds.push_back(to_seconds(at, rate).value);
        result.strength.push_back(result.envelope.values[frame]);
    }
    return result;
}

}  // namespace tunesmith
