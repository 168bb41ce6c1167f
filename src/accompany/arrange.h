// The accompaniment's notes, on the singer's beat grid: the style's layers per energy tier (bar
// energy follows the vocal's loudness), thinned while the singer sings, fills in the pauses and
// after phrase ends, accents on phrase starts and a held final chord. Melody roles (lead,
// counter) never play: the vocal is the melody. Pure function plus a seeded Rng.
#pragma once

#include <vector>

#include "base/random.h"
#include "compose/plan.h"
#include "compose/style.h"
#include "music/score.h"
#include "spec/cue_spec.h"

namespace tunesmith {

struct VocalLine {
    std::vector<Note> notes;        // the transcribed vocal, in ticks of the plan's tempo map
    std::vector<TickRange> phrases; // sung phrases, in ticks
};

struct AccompanyArrangeOptions {
    double sung_velocity = 0.82;   // velocity scale of notes that start inside a sung phrase
    double fill_min_beats = 1.5;   // pauses at least this long get a melodic fill
    double drum_fill_min_beats = 3.0;
    double max_timing_jitter_ms = 8.0;  // humanizing stays well inside the +-50 ms grid tolerance
    // A strum's strings follow each other at a hand's speed, in time: the whole stroke (first to
    // last string) lasts at most this long whatever the singer's tempo.
    double max_strum_spread_ms = 24.0;
};

// Tracks (one per group, canonical order) covering [0, plan.length), released by
// release_tick(plan). plan.bar_energy drives the tiers; `chords` must cover the plan.
Score arrange_accompaniment(const Plan& plan, const CueSpec& spec, const Style& style,
                            const std::vector<ChordSpan>& chords, const VocalLine& vocal, Rng rng,
                            const AccompanyArrangeOptions& options = {});

// True when `tick` lies inside one of `ranges` (start inclusive, end exclusive).
bool inside(const std::vector<TickRange>& ranges, Ticks tick);

// Tightens strummed chords: notes starting within `cluster` ticks of a stroke's first note belong
// to that stroke; a stroke longer than `max_spread` (in time, on `tempo`) is compressed towards its
// first note, keeping the string order and each note's end.
void tighten_strums(std::vector<Note>& notes, const TempoMap& tempo, Ticks cluster, Seconds max_spread);

}  // namespace tunesmith
