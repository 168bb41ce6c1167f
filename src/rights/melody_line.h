// A melody reduced to what similarity needs: pitches and inter-onset intervals of one voice, and
// the transposition- and tempo-invariant features derived from them (pitch intervals and
// duration-ratio classes). Pure value functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "music/score.h"

namespace tunesmith {

// One voice: pitch (MIDI) and inter-onset interval per note in twelfths of a quarter note (any
// unit works: only ratios of IOIs are used). The last note's IOI is its duration.
struct MelodyLine {
    std::vector<std::uint8_t> pitches;
    std::vector<std::uint16_t> iois;
    std::size_t size() const { return pitches.size(); }
    friend bool operator==(const MelodyLine&, const MelodyLine&) = default;
};

// Features of step i (between note i and i + 1): the interval in semitones (clamped to +-24)
// and the duration-ratio class round(2 * log2(ioi[i+1] / ioi[i])) clamped to -4..4.
struct MelodyFeatures {
    std::vector<std::int8_t> intervals;
    std::vector<std::int8_t> ratios;
    std::size_t size() const { return intervals.size(); }
};

// The top voice of a set of notes (the highest pitch at each onset: the "skyline"), with IOIs
// in twelfths of a quarter from Ticks. Drum tracks should not be passed.
MelodyLine melody_line(std::vector<Note> notes);

// The same from onsets in seconds (a transcription): one quarter is taken as 0.5 s.
struct TimedPitch {
    double onset_s = 0.0;
    double duration_s = 0.0;
    int pitch = 60;
};
MelodyLine melody_line(const std::vector<TimedPitch>& notes);

MelodyFeatures melody_features(const MelodyLine& line);

}  // namespace tunesmith
