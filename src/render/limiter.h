// The mastering limiter: a true-peak-aware gain envelope computed offline from the whole signal.
// Peaks are detected 4x oversampled; the gain reaches its target before each peak (look-ahead)
// and recovers smoothly (release). The envelope is applied by the caller to every stem alike.
#pragma once

#include <cstddef>
#include <vector>

#include "audio/buffer.h"
#include "music/units.h"

namespace tunesmith {

// Per-frame peak of the signal including inter-sample peaks (4x polyphase sinc interpolation),
// maximum over channels. Linear in the signal's scale: peaks(k * x) = |k| * peaks(x).
std::vector<float> true_peak_envelope(const AudioBuffer& audio);

struct LimiterSettings {
    double ceiling_dbtp = -1.0;
    Seconds lookahead{0.005};
    Seconds release{0.08};
};

// Gain per frame (<= 1) such that gain[n] * input_gain * peaks[n] <= ceiling at every frame.
std::vector<float> limiter_gain(const std::vector<float>& peaks, double input_gain, const LimiterSettings& settings,
                                SampleRate rate);

}  // namespace tunesmith
