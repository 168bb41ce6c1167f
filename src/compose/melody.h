// Melody: phrases (antecedent / consequent) built from one motif and its variations, chord
// tones on strong beats, passing and neighbour tones between, a range, leap rules, breathing
// rests, and a density that follows the plan's bar energy.
//
// Pure functions of their inputs and a seeded Rng. Each section is written from its own fork,
// so changing one section leaves the others' notes unchanged.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "base/random.h"
#include "compose/motif.h"
#include "compose/plan.h"
#include "music/score.h"

namespace tunesmith {

struct MelodyOptions {
    int low = 60;               // C4: lowest pitch
    int high = 81;              // A5: highest pitch
    int max_leap = 12;          // semitones between consecutive notes
    int phrase_bars = 4;        // 2 or 4 bars per phrase
    double density = 1.0;       // scales notes per beat (0.25..2)
    double silent_below = 0.0;  // sections with energy below this have no melody
    double rest_beats = 1.0;    // breath at the end of each phrase, in beats
    MotifOptions motif;

    // Validates every field ("motif" is a nested object); InputError names "melody.<field>".
    static MelodyOptions from_json(const nlohmann::json& json);
};

// The motif write_melody develops (the same for every section of the cue).
Motif melody_motif(const Plan& plan, const MelodyOptions& options, const Rng& rng);

// How each section develops the motif (its antecedents; consequents restate its intervals).
std::vector<MotifVariation> section_variations(const Plan& plan, const MelodyOptions& options, const Rng& rng);

// The melody over `chords` (from write_progression), sorted by start, never overlapping.
std::vector<Note> write_melody(const Plan& plan, const std::vector<ChordSpan>& chords, const MelodyOptions& options,
                               Rng rng);

// The melody rests under dialogue: a tune competes with the voice for the listener's attention and
// sits in its range, so no note starts inside a range and a note held into one stops where it
// starts (dropped if that leaves less than `shortest`). The pads and the bass carry the harmony.
void rest_under_dialogue(std::vector<Note>& melody, const std::vector<TickRange>& dialogue, Ticks shortest);

}  // namespace tunesmith
