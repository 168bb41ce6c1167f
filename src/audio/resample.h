// Sample-rate conversion: a Kaiser-windowed sinc interpolator with exact rational positions,
// so a resampled signal keeps pitch and timing (no drift over any length).
// Pure function; thread-safe; allocates the output and one filter table per call.
#pragma once

#include <span>
#include <vector>

#include "music/units.h"

namespace tunesmith {

// Output length is ceil(input.size() * to / from). Output sample n sits at input time
// n * from / to (both start at time 0). Content above the lower Nyquist frequency is removed
// (flat passband to 0.4 of the lower rate, >= ~75 dB stopband from its Nyquist frequency on).
// Throws std::invalid_argument for non-positive rates (an internal invariant).
std::vector<float> resample(std::span<const float> input, SampleRate from, SampleRate to);

}  // namespace tunesmith
