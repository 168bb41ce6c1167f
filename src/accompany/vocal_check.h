// Is this upload a singing voice we can accompany? Length limits, silence, unpitched noise
// (InputError) and speech-like delivery (a warning), judged from the analysis of the voice.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "analyze/analysis.h"

namespace tunesmith {

inline constexpr double kMinVocalSeconds = 4.0;
inline constexpr double kMaxVocalSeconds = 20.0 * 60.0;  // the longest cue a CueSpec allows

struct VocalCheck {
    double duration_s = 0.0;
    double sung_s = 0.0;            // total duration of the transcribed notes
    double sung_share = 0.0;        // sung_s / duration_s
    double median_note_s = 0.0;
    double sustained_share = 0.0;   // share of sung time in notes of at least 0.25 s
    bool speech_like = false;
};

// InputError("vocal", ...) for audio shorter than kMinVocalSeconds or longer than kMaxVocalSeconds.
void check_vocal_length(double duration_s);

// Measures the sung content. InputError("vocal", ...) when the audio is silent, holds no pitched
// notes, or too little singing (under 1.5 s of notes, or under 5 % of the recording) to follow.
// Appends a warning when the delivery is speech-like (short, gliding syllables rather than notes).
VocalCheck check_vocal(const AudioAnalysis& analysis, std::vector<std::string>& warnings);

}  // namespace tunesmith
