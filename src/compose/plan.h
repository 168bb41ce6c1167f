// Plan: the musical skeleton of a cue. Sections on bar boundaries, a tempo map fitted so that
// hit points land on beats, an energy value per bar and per-section roles. Produced by
// make_plan(CueSpec) and consumed by compose(); it is serialised into cue.json.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "music/key.h"
#include "music/meter.h"
#include "music/score.h"
#include "music/tempo_map.h"
#include "music/units.h"
#include "spec/cue_spec.h"

namespace tunesmith {

enum class SectionRole { intro, verse, build, climax, breakdown, bridge, outro };

struct PlannedSection {
    std::string name;
    SectionRole role = SectionRole::verse;
    int first_bar = 0;  // 0-based
    int bar_count = 1;
    Ticks start;
    Ticks end;
    double energy = 0.5;  // 0..1, the section's level
    // Session 14: the intro the planner puts before a first section asked to start later: its
    // energy is not the user's, so energy points shape it (a build to a climax inside it is heard).
    bool filler_intro = false;
    friend bool operator==(const PlannedSection&, const PlannedSection&) = default;
};

struct PlannedHit {
    std::string kind;
    Seconds requested;  // what the spec asked for
    Samples sample;     // requested time in samples (where the beat must land)
    Ticks tick;         // the beat it landed on
    bool exact = true;  // the beat's sample equals `sample`
    bool downbeat = true;
    friend bool operator==(const PlannedHit&, const PlannedHit&) = default;
};

struct TickRange {
    Ticks start;
    Ticks end;
    friend bool operator==(const TickRange&, const TickRange&) = default;
};

// Whether `tick` lies in one of `ranges` (each from its start up to, not including, its end).
inline bool in_ranges(const std::vector<TickRange>& ranges, Ticks tick) {
    return std::any_of(ranges.begin(), ranges.end(), [&](const TickRange& r) { return tick >= r.start && tick < r.end; });
}

struct Plan {
    Key key;
    Meter meter;
    TempoMap tempo;
    Ticks length;            // an integer number of bars
    // The final bar is a held chord ringing out to the end, its tempo outside the bound, so that a
    // cue can end inside the bar the tempo would give (TempoFitOptions::ring_out).
    bool ring_out = false;
    Samples length_samples;  // exactly length_s x sample_rate
    std::vector<PlannedSection> sections;
    std::vector<PlannedHit> hits;
    std::vector<double> bar_energy;  // one value per bar, 0..1
    std::vector<TickRange> dialogue;
    std::string style;  // name of the style data file chosen
    Ending ending = Ending::cadence;
    std::vector<std::string> warnings;
    friend bool operator==(const Plan&, const Plan&) = default;
};

// The plan for a resolved spec: a whole number of bars filling exactly round(length x rate)
// samples, hits on beats (exact anchors of the tempo map where the +-6% tempo bound allows),
// sections on bar lines, an energy value per bar. Pure and deterministic (compose/plan.cpp).
// Throws InputError naming the field if the spec cannot be honoured (e.g. a hit after the end).
Plan make_plan(const CueSpec& spec);

// A score for the plan with no tracks yet: its tempo map, meter, key and lengths.
Score empty_score(const Plan& plan);

}  // namespace tunesmith
