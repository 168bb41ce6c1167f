// Range and consistency checks of a complete CueSpec: the single definition of what a spec may
// hold (docs/cuespec.md lists the same ranges). Pure; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "spec/cue_spec.h"

namespace tunesmith {

inline constexpr double kMinBpm = 20.0;
inline constexpr double kMaxBpm = 400.0;
inline constexpr double kMaxLengthSeconds = 1200.0;
inline constexpr double kMinLoudnessLufs = -40.0;
inline constexpr double kMaxLoudnessLufs = -5.0;
inline constexpr double kMinTruePeakDbtp = -9.0;
inline constexpr double kMaxTruePeakDbtp = 0.0;

// The shortest cue: one bar of `meter` at the fastest tempo (0.6 s in 4/4). Shorter, the tempo fit
// would have to leave 20..400 bpm and the master has nothing it can measure.
Seconds shortest_length(const Meter& meter);

// Throws InputError("formats", f, the accepted ones) for a format no exporter writes: the formats a
// job asks for outside the spec (flags, job options); validate_spec checks the spec's own list.
void check_output_formats(const std::vector<std::string>& formats);

// Throws InputError for the first problem, naming the field path ("hits[1].time_s"), the value and
// the accepted range. Lists with times must be in time order (resolve_spec sorts them).
void validate(const CueSpec& spec);

}  // namespace tunesmith
