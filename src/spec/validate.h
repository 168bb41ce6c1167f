// Range and consistency checks of a complete CueSpec: the single definition of what a spec may
// hold (docs/cuespec.md lists the same ranges). Pure; safe from any thread.
#pragma once

#include "spec/cue_spec.h"

namespace tunesmith {

inline constexpr double kMinBpm = 20.0;
inline constexpr double kMaxBpm = 400.0;
inline constexpr double kMaxLengthSeconds = 1200.0;
inline constexpr double kMinLoudnessLufs = -40.0;
inline constexpr double kMaxLoudnessLufs = -5.0;
inline constexpr double kMinTruePeakDbtp = -9.0;
inline constexpr double kMaxTruePeakDbtp = 0.0;

// Throws InputError for the first problem, naming the field path ("hits[1].time_s"), the value and
// the accepted range. Lists with times must be in time order (resolve_spec sorts them).
void validate(const CueSpec& spec);

}  // namespace tunesmith
