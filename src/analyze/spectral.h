// Small spectral helpers shared by the onset, beat and chroma analyzers (ANALYSIS-B): amplitude
// normalisation of audio/stft.h's unscaled magnitudes and a log-frequency triangular filterbank.
#pragma once

#include <cstddef>
#include <span>
#include <utility>
#include <vector>

#include "audio/stft.h"
#include "music/units.h"

namespace tunesmith {

// Smallest power of two >= n (n >= 1).
int next_power_of_two(int n);

// Factor that turns a Hann-windowed |FFT| bin of a full-scale sine into ~1.0.
inline double magnitude_normalisation(int window) { return 4.0 / static_cast<double>(window); }

// The magnitude spectrogram with frame f centred on sample f * hop (audio/stft.h's convention).
inline Spectrogram centred_spectrogram(std::span<const float> mono, SampleRate rate, int window, int hop) {
    return magnitude_spectrogram(mono, rate, window, hop);
}

// One filter: (bin, weight) pairs.
using SpectralFilter = std::vector<std::pair<std::size_t, double>>;

// Triangular filters with log-spaced centres (`bands_per_octave` per octave between min_hz and
// max_hz); centres that fall on the same FFT bin are merged, so low bands are never empty.
std::vector<SpectralFilter> log_filterbank(SampleRate rate, int window, int bins, int bands_per_octave,
                                           double min_hz, double max_hz);

}  // namespace tunesmith
