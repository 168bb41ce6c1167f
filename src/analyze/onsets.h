// Onset detection: a SuperFlux onset-strength envelope (log-compressed, log-frequency, max-filtered
// spectral flux) and adaptive-threshold peak picking with a minimum inter-onset interval.
// Pure functions of the samples; thread-safe; they allocate their own working buffers.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "music/units.h"

namespace tunesmith {

// The onset-strength (novelty) envelope: one value per analysis frame, frame i centred on
// sample i * hop. Also the input of the beat tracker.
struct OnsetEnvelope {
    SampleRate rate;
    int hop = 441;
    std::vector<float> values;

    std::size_t frames() const { return values.size(); }
    Samples frame_sample(std::size_t frame) const {
        return Samples(static_cast<std::int64_t>(frame) * hop);
    }
    double frames_per_second() const { return static_cast<double>(rate.hz) / hop; }
};

struct OnsetOptions {
    double frames_per_second = 100.0;  // envelope rate (hop = rate / fps)
    double window_seconds = 0.046;     // STFT window (rounded up to a power of two)
    int bands_per_octave = 24;         // log-frequency filterbank resolution
    double min_hz = 30.0;
    double max_hz = 17000.0;
    double compression = 1000.0;       // log10(1 + compression * magnitude), magnitude of a full-scale sine ~ 1
    int max_filter_bands = 3;          // SuperFlux frequency max filter (suppresses vibrato)
    // Peak picking: a frame is an onset if it is the maximum of [-pre_max, +post_max], exceeds
    // the moving mean over [-pre_avg, +post_avg] by `threshold`, and is `min_interval` after the last.
    double threshold = 0.10;           // in units of the envelope's (robust) scale
    double min_strength = 0.015;       // absolute floor of that threshold (mean log-flux per band)
    double pre_max = 0.03, post_max = 0.03;
    double pre_avg = 0.10, post_avg = 0.07;
    double min_interval = 0.03;        // seconds
};

struct OnsetResult {
    SampleRate rate;
    std::vector<Samples> onsets;       // ascending
    std::vector<double> seconds;       // the same times in seconds (for reports)
    std::vector<float> strength;       // envelope value at each onset
    OnsetEnvelope envelope;            // the detection function the onsets were picked from
};

// The SuperFlux envelope of a mono signal. Silence gives an all-zero envelope.
OnsetEnvelope onset_envelope(std::span<const float> mono, SampleRate rate, const OnsetOptions& options = {});

// Several envelopes of one recording from one STFT pass (its FFTs are most of an envelope's cost),
// one per entry of `options`: they may differ in their filterbank (bands_per_octave, min_hz,
// max_hz, max_filter_bands) but must share frames_per_second, window_seconds and compression
// (InputError otherwise). Each equals onset_envelope with its own options.
std::vector<OnsetEnvelope> onset_envelopes(std::span<const float> mono, SampleRate rate,
                                           std::span<const OnsetOptions> options);

// Peak-picks an envelope (exposed so callers can re-pick with other thresholds cheaply).
std::vector<std::size_t> pick_onset_peaks(const OnsetEnvelope& envelope, const OnsetOptions& options = {});

// Envelope plus peak picking. Throws InputError for a sample rate < 8000 Hz.
OnsetResult detect_onsets(std::span<const float> mono, SampleRate rate, const OnsetOptions& options = {});

}  // namespace tunesmith
