// Mongeau–Sankoff-style local alignment of two melodies in interval space: substitution scores
// by interval distance and rhythm agreement, insertions and deletions, and fragmentation /
// consolidation (one step against two or three: an ornament or a merged note). Pure; thread-safe.
#pragma once

#include "rights/melody_line.h"

namespace tunesmith {

struct AlignmentOptions {
    double match = 1.0;          // equal interval
    double near = 0.1;           // interval off by one semitone
    double mismatch = -0.9;      // any other interval
    double rhythm_bonus = 0.25;  // added to a match when the duration-ratio classes agree
    double gap = -0.8;           // a step of one melody left unmatched
    double fragment = 0.7;       // one step against the sum of two or three consecutive steps
    std::size_t window = 24;     // a perfect alignment of this many steps scores 1
};

// Best local alignment score normalised to 0..1: raw / (max per step * min(len a, len b, window)).
// 0 when either melody has fewer than 6 steps (too short to judge).
double alignment_similarity(const MelodyFeatures& a, const MelodyFeatures& b, const AlignmentOptions& options = {});

}  // namespace tunesmith
