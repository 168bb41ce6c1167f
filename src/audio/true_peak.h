// True peak (ITU BS.1770 inter-sample peak) with libebur128's interpolator, computed exactly but
// only where it could matter: the meter for analysis reports and for the master's final reading.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "audio/buffer.h"

namespace tunesmith {

// libebur128's true-peak interpolator: a 49-tap Hann-windowed sinc over the zero-stuffed signal,
// oversampling 4x below 96 kHz, 2x below 192 kHz, none above. Sub-filter `phase` gives the values
// at (k + phase / factor); phase 0 is the input itself.
class TruePeakFilter {
public:
    static constexpr int kTaps = 49;

    explicit TruePeakFilter(int rate);

    int factor() const { return factor_; }
    // |interpolated value| <= gain_bound() * max |x| over the `reach()` inputs up to it.
    double gain_bound() const { return gain_bound_; }
    std::size_t reach() const { return static_cast<std::size_t>(reach_); }

    // Largest |interpolated value| for outputs whose newest input is k in [first, last); x[0] is
    // taken as preceded by silence.
    double peak(std::span<const float> x, std::size_t first, std::size_t last) const;

private:
    int factor_;
    int reach_ = 1;
    double gain_bound_ = 0.0;
    std::array<std::vector<float>, 4> dense_;  // per phase: coefficient of input k - delay
};

// Linear peaks, the maximum over channels.
struct SignalPeaks {
    double sample = 0.0;
    double true_peak = 0.0;  // >= sample
};

// Peaks of frames [first, last) of one channel. Frames before `first` are the interpolator's
// history (x[0] is preceded by silence). Exact, but only 64-frame blocks whose samples could
// interpolate above the best value so far are filtered: a loud signal's true peak sits in a few
// places, so most of it is never oversampled.
SignalPeaks channel_peaks(std::span<const float> x, std::size_t first, std::size_t last,
                          const TruePeakFilter& filter);

// The same over every channel of frames [first, last) of `audio`.
SignalPeaks signal_peaks(const AudioBuffer& audio, std::size_t first, std::size_t last);
inline SignalPeaks signal_peaks(const AudioBuffer& audio) { return signal_peaks(audio, 0, audio.frames()); }

}  // namespace tunesmith
