// Onset detection: SuperFlux envelope (Boeck & Widmer 2013) and adaptive peak picking.
// The STFT frames come from analyze/spectral.h; this file owns the filterbank, the flux and the picking.
#include "analyze/onsets.h"

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <numeric>
#include <string>

#include "analyze/spectral.h"
#include "base/error.h"
#include "base/text.h"

namespace tunesmith {
namespace {

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

// The filters of several envelopes' filterbanks, each distinct filter once: envelopes that share
// a lower edge and resolution (the whole band and the band under 5 kHz) share all but their last
// filters, so each filter's log value is computed once per frame.
struct SharedFilters {
    std::vector<SpectralFilter> unique;
    std::vector<std::vector<std::size_t>> bands;  // per envelope: its bands' indices into `unique`
    std::size_t bins = 1;                         // bins the filters read
};

SharedFilters shared_filters(SampleRate rate, int window, std::span<const OnsetOptions> options) {
    SharedFilters out;
    for (const OnsetOptions& o : options) {
        std::vector<std::size_t>& indices = out.bands.emplace_back();
        for (SpectralFilter& filter : log_filterbank(rate, window, window / 2 + 1, o.bands_per_octave, o.min_hz, o.max_hz)) {
            const auto same = std::find(out.unique.begin(), out.unique.end(), filter);
            indices.push_back(static_cast<std::size_t>(same - out.unique.begin()));
            for (const auto& [bin, weight] : filter) out.bins = std::max(out.bins, bin + 1);
            if (same == out.unique.end()) out.unique.push_back(std::move(filter));
        }
    }
    return out;
}

}  // namespace

std::vector<OnsetEnvelope> onset_envelopes(std::span<const float> mono, SampleRate rate,
                                           std::span<const OnsetOptions> options) {
    if (rate.hz < 8000) throw InputError("sample_rate", std::to_string(rate.hz), "at least 8000 Hz");
    if (options.empty()) return {};
    for (const OnsetOptions& o : options) {
        if (o.frames_per_second <= 0.0 || o.window_seconds <= 0.0)
            throw InputError("onset.frames_per_second", decimal_text(o.frames_per_second, 3), "> 0");
        if (o.frames_per_second != options[0].frames_per_second || o.window_seconds != options[0].window_seconds)
            throw InputError("onset.window_seconds", decimal_text(o.window_seconds, 6),
                             "the same frames per second and window for every envelope of one pass");
        // Equal filters are shared only when their values are computed alike.
        if (o.compression != options[0].compression)
            throw InputError("onset.compression", decimal_text(o.compression, 6), "the same for every envelope of one pass");
    }
    const OnsetOptions& first = options[0];
    const int hop = std::max(1, static_cast<int>(std::lround(rate.hz / first.frames_per_second)));
    const int window = next_power_of_two(static_cast<int>(std::ceil(first.window_seconds * rate.hz)));

    std::vector<OnsetEnvelope> envelopes(options.size());
    for (OnsetEnvelope& envelope : envelopes) {
        envelope.rate = rate;
        envelope.hop = hop;
    }
    if (mono.empty()) return envelopes;

    const SharedFilters filters = shared_filters(rate, window, options);
    const std::size_t count = filters.unique.size();
    const std::size_t frames = static_cast<std::size_t>(1 + (static_cast<std::int64_t>(mono.size()) - 1) / hop);
    for (OnsetEnvelope& envelope : envelopes) envelope.values.assign(frames, 0.0f);
    const std::size_t lag = flux_lag(window, hop);
    const double scale = magnitude_normalisation(window);
    // Log-compressed filter values of the last lag + 1 frames (a ring): the flux compares frame f
    // with frame f - lag.
    std::vector<double> ring((lag + 1) * count, 0.0);
    for_each_magnitude_frame(mono, window, hop, static_cast<int>(filters.bins), [&](std::size_t f, std::span<const float> magnitude) {
        double* current = ring.data() + (f % (lag + 1)) * count;
        for (std::size_t u = 0; u < count; ++u) {
            double sum = 0.0;
            for (const auto& [bin, weight] : filters.unique[u]) sum += weight * static_cast<double>(magnitude[bin]);
            current[u] = std::log10(1.0 + first.compression * scale * sum);
        }
        if (f < lag) return;
        const double* previous = ring.data() + ((f - lag) % (lag + 1)) * count;
        for (std::size_t e = 0; e < envelopes.size(); ++e) {
            const std::vector<std::size_t>& bands = filters.bands[e];
            const std::size_t half = static_cast<std::size_t>(std::max(0, options[e].max_filter_bands / 2));
            double flux = 0.0;
            for (std::size_t b = 0; b < bands.size(); ++b) {
                // The previous frame is max-filtered across frequency, so a vibrato's small pitch
                // movement does not count as new energy.
                const std::size_t lo = b >= half ? b - half : 0;
                const std::size_t hi = std::min(bands.size() - 1, b + half);
                double reference = 0.0;
                for (std::size_t k = lo; k <= hi; ++k) reference = std::max(reference, previous[bands[k]]);
                flux += std::max(0.0, current[bands[b]] - reference);
            }
            envelopes[e].values[f] = static_cast<float>(flux / static_cast<double>(std::max<std::size_t>(1, bands.size())));
        }
    });
    return envelopes;
}

OnsetEnvelope onset_envelope(std::span<const float> mono, SampleRate rate, const OnsetOptions& options) {
    return std::move(onset_envelopes(mono, rate, std::span(&options, 1))[0]);
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
