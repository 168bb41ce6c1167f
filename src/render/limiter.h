// The mastering limiter: a true-peak-aware gain envelope computed offline from the whole signal.
// Peaks are detected 4x oversampled; the gain reaches its target before each peak (look-ahead)
// and recovers smoothly (release). The envelope is applied by the caller to every stem alike.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "audio/buffer.h"
#include "music/units.h"

namespace tunesmith {

// Per-frame peak of the signal including inter-sample peaks (4x polyphase sinc interpolation),
// maximum over channels. Linear in the signal's scale: peaks(k * x) = |k| * peaks(x).
std::vector<float> true_peak_envelope(const AudioBuffer& audio);

// The same peaks for frames [lead, lead + count) of `window`, where `window` holds the signal from
// kTruePeakMargin frames before those frames to kTruePeakMargin after (zeros beyond the signal's ends).
inline constexpr std::size_t kTruePeakMargin = 8;
void true_peaks_of_window(const AudioBuffer& window, std::size_t lead, std::size_t count, float* out);

struct LimiterSettings {
    double ceiling_dbtp = -1.0;
    Seconds lookahead{0.005};
    Seconds release{0.08};
};

// limiter_gain in blocks: peaks go in frame by frame, and each frame's gain comes out once the
// look-ahead frames after it are known (finish() releases the last ones). Bytes equal limiter_gain's.
class StreamingLimiter {
public:
    StreamingLimiter(double input_gain, const LimiterSettings& settings, SampleRate rate);
    // Feeds the peaks of the next `count` frames; appends the gains now complete to `gains`.
    void push(const float* peaks, std::size_t count, std::vector<float>& gains);
    // After the last frame: appends the remaining gains (the look-ahead shortened at the end).
    void finish(std::vector<float>& gains);

private:
    void emit_minimum(double minimum, std::vector<float>& gains);

    double ceiling_ = 1.0;
    double input_gain_ = 1.0;
    std::size_t lookahead_ = 1;
    double coeff_ = 0.0;
    std::size_t pushed_ = 0;   // frames fed
    std::size_t emitted_ = 0;  // frames whose gain is out
    std::vector<std::pair<std::size_t, double>> window_;  // monotonic deque of (frame, required gain)
    std::size_t window_front_ = 0;
    double env_ = 1.0;
    std::vector<double> recent_;  // ring of the last `lookahead` released minima
    double before_start_ = 1.0;
    double sum_ = 0.0;
};

// Gain per frame (<= 1) such that gain[n] * input_gain * peaks[n] <= ceiling at every frame.
std::vector<float> limiter_gain(const std::vector<float>& peaks, double input_gain, const LimiterSettings& settings,
                                SampleRate rate);

}  // namespace tunesmith
