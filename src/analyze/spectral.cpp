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
