// Mongeau–Sankoff-style local alignment of two melodies in interval space, weighted by how rare
// each step's figure is: equal intervals with agreeing rhythm (duration-ratio class within one)
// earn the step's weight, fragmentation / consolidation (one step against two or three: an
// ornament or a merged note) earn part of it, other substitutions and gaps cost. The score is
// taken over the best window of `window` query steps. Pure; thread-safe.
#pragma once

#include <span>

#include "rights/melody_line.h"

namespace tunesmith {

// Penalties are in units of the reference weight (the weight of a typical step).
struct AlignmentOptions {
    double rhythm_near = 0.6;       // share of a match's credit when ratio classes differ by one
    double rhythm_miss = -0.2;      // equal interval, rhythm classes two or more apart
    double near = -0.2;             // interval off by one or two semitones (a changed note)
    double mismatch = -0.6;         // any other interval
    double gap = -0.6;              // a step of one melody left unmatched
    double fragment = 0.6;          // share of credit: one step against the sum of two or three
    // Share of credit for two steps against two whose sums agree, each off by one or two
    // semitones with rhythm within one class: one note of the melody moved (a changed note
    // breaks two intervals, not one). 0 scores it as two near misses.
    double changed_note = 0.9;
    std::size_t window = 20;        // query steps per window; a perfect copy of a typical window scores 1
    std::size_t window_stride = 2;  // windows start this many steps apart
    std::size_t min_matched = 7;    // fewer matched steps (8 notes) is never similar: score 0
    // A window's score is its alignment divided by its own steps' summed weight, kept within
    // [floor_share, ceiling_share] x (window x reference weight): a plain phrase copied is as "too
    // close" as a distinctive one, but a few common steps never add up to a match. 1 and 1: every
    // window is divided by the typical window's weight.
    double floor_share = 1.0;
    double ceiling_share = 1.0;
};

// A melody's features with a weight per step (IntervalRarity::step_weights, or all ones).
struct WeightedMelody {
    const MelodyFeatures& features;
    std::span<const double> weights;
};

// Best local alignment of `query` within any window of options.window query steps against
// `known`, divided by the window's weight (see floor_share) and clamped to 0..1; 0 when no alignment
// matches at least options.min_matched steps. A score at or below `floor` may be returned as 0
// (windows that cannot beat it are skipped: a search passes its best score so far).
double alignment_similarity(const WeightedMelody& query, const WeightedMelody& known, double reference_weight,
                            const AlignmentOptions& options = {}, double floor = 0.0);

// The same with every step weighing 1 (no rarity model): for tests of the alignment itself.
double alignment_similarity(const MelodyFeatures& query, const MelodyFeatures& known,
                            const AlignmentOptions& options = {});

}  // namespace tunesmith
