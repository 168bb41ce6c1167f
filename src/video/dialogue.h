// Dialogue (voice activity) detection on a video's own audio track: ranges where someone speaks,
// for the cue's dialogue ranges (music ducks there; drums can be kept out). Works at 8 kHz on
// frame energy over an adaptive noise floor, voicing (periodicity at 70-400 Hz), the share of
// energy in the speech band and syllabic level swings (which sustained music lacks).
// Pure function of the samples; safe from any thread.
#pragma once

#include <vector>

#include "audio/buffer.h"
#include "spec/cue_spec.h"

namespace tunesmith {

struct VoiceActivityOptions {
    double floor_margin_db = 9.0;     // a speech frame is this far above the noise floor
    double min_level_dbfs = -55.0;    // ... and above this absolute level
    double voicing = 0.45;            // normalised autocorrelation peak for a voiced frame
    double swing_db = 12.0;           // level range within +-0.3 s that speech shows (syllables, pauses)
    Seconds bridge{0.45};             // gaps shorter than this join two ranges
    Seconds min_range{0.3};           // shorter ranges are dropped
    Seconds pad{0.1};                 // added on each side (the music starts ducking before the voice)
};

// Dialogue ranges in seconds from the start of `audio`, sorted and disjoint. Empty for silence.
std::vector<TimeRange> detect_dialogue(const AudioBuffer& audio, const VoiceActivityOptions& options = {});

// The fraction of [0, length) covered by `ranges` (a summary figure for reports).
double dialogue_coverage(const std::vector<TimeRange>& ranges, Seconds length);

}  // namespace tunesmith
