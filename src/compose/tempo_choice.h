// Choosing a cue's base tempo so that its scene changes fall on bar lines. When the tempo is free
// (nobody asked for one), a few percent of tempo cost nothing musically, while a section that cannot
// start on its cut is heard: the tempo-map fit bends the tempo only within a bound between anchors,
// so a first scene change 5.4 bars in at the style's tempo can reach neither bar 5 nor bar 6.
// Pure; thread-safe.
#pragma once

#include "compose/tempo_fit.h"
#include "spec/cue_spec.h"

namespace tunesmith {

struct TempoChoiceOptions {
    double max_change = 0.12;       // fraction of the base tempo the choice may move
    double step_bpm = 0.05;         // resolution of the search
    double hit_weight = 0.5;        // a hit off the beat, against a section start off the bar line
    double departure_weight = 20.0; // cost per squared log-ratio of the chosen to the base tempo
    // The tempo-map fit bends a span between bar-line marks by at most this much: a mark that needs
    // more is a bar line the fit cannot reach, which costs as much as half a bar off.
    double span_bound = TempoFitOptions{}.max_deviation;
    // Ending on a beat inside a bar (a ring-out final bar, compose/tempo_fit.h) instead of a bar
    // line, in squared beats: used when no nearby tempo can put the end on a reachable bar line.
    double ring_out_cost = 0.5;
};

// The tempo within `max_change` of spec.bpm whose constant-tempo grid puts the spec's section
// starts and its end nearest bar lines the tempo fit can reach and its other hits nearest beats
// (squared distances in beats), traded against moving from spec.bpm. Unless the spec fades out,
// the end may instead fall on a beat (a ring-out final bar) at `ring_out_cost`. spec.bpm itself
// when no section starts after time 0.
double tempo_for_scene_changes(const CueSpec& spec, const TempoChoiceOptions& options = {});

// Whether the cue may end inside a bar (TempoFitOptions::ring_out): a fade keeps playing its
// patterns to the end, so only a held ending can ring out.
bool may_ring_out(const CueSpec& spec);

}  // namespace tunesmith
