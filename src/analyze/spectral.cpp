// Log-frequency filterbank for the onset envelope and the STFT magnitudes of the onset and chroma
// analyzers (ANALYSIS-B's shared spectral helpers).
#include "analyze/spectral.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace tunesmith {

int next_power_of_two(int n) {
    int p = 1;
    while (p < n) p *= 2;
    return p;
}

void for_each_magnitude_frame(std::span<const float> mono, int window, int hop, int bins,
                              const std::function<void(std::size_t frame, std::span<const float> magnitude)>& visit) {
    if (window < 2 || window % 2 != 0 || hop < 1 || bins < 1 || bins > window / 2 + 1)
        throw std::invalid_argument("for_each_magnitude_frame: window " + std::to_string(window) + ", hop " +
                                    std::to_string(hop) + ", bins " + std::to_string(bins));
    if (mono.empty()) return;
    // The framing, taper and magnitude of audio/stft.h's magnitude_spectrogram, frame by frame.
    const auto n = static_cast<std::int64_t>(mono.size());
    const auto frames = static_cast<std::size_t>(1 + (n - 1) / hop);
    const std::vector<float> taper = hann_window(window);
    std::vector<float> segment(static_cast<std::size_t>(window));
    std::vector<float> magnitude(static_cast<std::size_t>(bins));
    RealFft fft(window);
    for (std::size_t f = 0; f < frames; ++f) {
        const std::int64_t start = static_cast<std::int64_t>(f) * hop - window / 2;
        if (start >= 0 && start + window <= n) {
            const float* source = mono.data() + start;
            for (std::size_t i = 0; i < segment.size(); ++i) segment[i] = source[i] * taper[i];
        } else {
            for (std::size_t i = 0; i < segment.size(); ++i) {
                const std::int64_t at = start + static_cast<std::int64_t>(i);
                segment[i] = (at >= 0 && at < n) ? mono[static_cast<std::size_t>(at)] * taper[i] : 0.0f;
            }
        }
        const auto spectrum = fft.transform(segment);
        for (std::size_t b = 0; b < magnitude.size(); ++b) {
            const float re = spectrum[b].real(), im = spectrum[b].imag();
            magnitude[b] = std::sqrt(re * re + im * im);
        }
        visit(f, magnitude);
    }
}

std::vector<SpectralFilter> log_filterbank(SampleRate rate, int window, int bins, int bands_per_octave,
                                           double min_hz, double max_hz) {
    const double bin_hz = static_cast<double>(rate.hz) / window;
    max_hz = std::min(max_hz, 0.5 * rate.hz);
    // Centre bins, log-spaced, deduplicated.
    std::vector<std::size_t> centres;
    for (double hz = min_hz; hz <= max_hz; hz *= std::pow(2.0, 1.0 / bands_per_octave)) {
        const auto bin = static_cast<std::size_t>(std::lround(hz / bin_hz));
        if (bin >= 1 && bin + 1 < static_cast<std::size_t>(bins) && (centres.empty() || bin > centres.back()))
            centres.push_back(bin);
    }
    std::vector<SpectralFilter> bank;
    for (std::size_t i = 1; i + 1 < centres.size(); ++i) {
        const std::size_t lo = centres[i - 1];
        const std::size_t mid = centres[i];
        const std::size_t hi = centres[i + 1];
        SpectralFilter filter;
        for (std::size_t b = lo + 1; b < hi; ++b) {
            const double w = b <= mid ? static_cast<double>(b - lo) / static_cast<double>(mid - lo)
                                      : static_cast<double>(hi - b) / static_cast<double>(hi - mid);
            filter.emplace_back(b, w);
        }
        bank.push_back(std::move(filter));
    }
    return bank;
}

}  // namespace tunesmith
