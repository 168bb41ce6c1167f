// Motifs: a short rhythm plus a contour of scale steps (2-4 beats), and the variations a
// composer develops it with (inversion, augmentation, diminution, new rhythm, ornament, fragment).
//
// Pure functions of their inputs and a seeded Rng. A motif's intervals() are its
// transposition-invariant identity: sequences and rhythmic variants keep them.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/random.h"
#include "music/meter.h"
#include "music/units.h"

namespace tunesmith {

struct MotifNote {
    Ticks offset;    // from the motif's start
    Ticks duration;  // notes are legato inside a motif: offset + duration = next offset
    int step = 0;    // scale steps above (or below) the motif's first note
    friend bool operator==(const MotifNote&, const MotifNote&) = default;
};

struct Motif {
    std::vector<MotifNote> notes;
    Ticks length;  // the span the motif occupies
    // Successive differences of steps: the shape that survives transposition.
    std::vector<int> intervals() const;
    friend bool operator==(const Motif&, const Motif&) = default;
};

struct MotifOptions {
    int beats = 0;       // 2..4 beats; 0: the Rng chooses (2 or 4 in duple meters, the bar in triple)
    int min_notes = 3;   // 2..8
    int max_notes = 6;   // min_notes..10
    int max_leap = 4;    // largest move in scale steps (4 = a fifth), 2..7
    double leap_chance = 0.2;  // chance that a move is a leap (> a third)

    // Validates every field; InputError names "<prefix>.<field>". Unknown fields are errors.
    static MotifOptions from_json(const nlohmann::json& json, const std::string& prefix = "melody.motif");
};

// True if `offset` (from a bar line or a motif start placed on a strong beat) is a strong
// position: every second beat in even meters, the downbeat only in odd ones.
bool is_strong_position(Ticks offset, const Meter& meter);

// A motif that starts on a strong beat, moves mostly by step, recovers from leaps by step in
// the opposite direction, ends on its longest note, and keeps notes on strong positions an
// even number of steps apart (so they can all be tones of one triad).
Motif make_motif(const Meter& meter, const MotifOptions& options, Rng rng);

enum class MotifVariation { original, inversion, augmentation, diminution, rhythm, ornament, truncation };
std::string_view variation_name(MotifVariation variation);
// True for variations that keep the motif's intervals (only the rhythm or tempo changes).
bool keeps_intervals(MotifVariation variation);

Motif invert(const Motif& motif);
Motif augment(const Motif& motif);   // twice as slow
Motif diminish(const Motif& motif);  // twice as fast (unchanged if a note would be < a 16th)
Motif vary_rhythm(const Motif& motif, const Meter& meter, Rng& rng);  // same steps, new rhythm
Motif ornament(const Motif& motif, Rng& rng);          // a neighbour note decorates the longest note
Motif truncate(const Motif& motif, std::size_t notes);  // the first notes; the last is held
Motif apply_variation(const Motif& motif, MotifVariation variation, const Meter& meter, Rng& rng);

}  // namespace tunesmith
