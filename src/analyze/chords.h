// Chord recognition over time: beat-synchronous chroma (or fixed segments without beats)
// scored against harmonic-aware chord templates (maj, min, 7, maj7, min7 and no-chord) and
// smoothed with a Viterbi pass over an HMM that prefers staying on a chord. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/beats.h"
#include "analyze/chroma.h"
#include "music/chord.h"
#include "music/units.h"

namespace tunesmith {

struct ChordOptions {
    bool sevenths = true;            // include 7, maj7 and min7 in the vocabulary
    double self_transition = 0.85;   // HMM probability of keeping the chord from segment to segment
    double bass_weight = 0.6;        // weight of the bass chroma on the chord's root/bass note
    double sharpness = 12.0;         // emission log-probability = sharpness * template similarity
    double no_chord_energy = 0.003;  // segments quieter than this (relative to the loudest) are N
    int frames_per_segment = 4;      // segment length when no beats are given
};

struct ChordEstimate {
    Samples start;                   // in the chromagram's source samples
    Samples end;
    double start_seconds = 0.0;
    double end_seconds = 0.0;
    std::optional<Chord> chord;      // nullopt = no chord (N)
    double confidence = 0.0;         // mean template similarity over the span, 0..1

    std::string label() const;       // MIREX style: "C:maj", "A:min7", "N"
    // The chord symbol spelled in `key` ("Bbm" in F minor, not "A#m"); sharps without a key; "N".
    std::string symbol(const std::optional<Key>& key) const;
};

// Consecutive spans, covering the chromagram from its first to its last frame.
// With beats, chord changes fall on beats; without, on fixed segments.
std::vector<ChordEstimate> estimate_chords(const Chromagram& chroma, const BeatResult* beats = nullptr,
                                           const ChordOptions& options = {});

}  // namespace tunesmith
