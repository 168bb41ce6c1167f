// Tempo-map fitting: choose a whole number of bars and a beat for every hit point so that the
// hits and the cue's end land exactly on samples, with the tempo kept near the requested bpm.
#pragma once

// Pure functions of their arguments; no allocation contract beyond the returned values.

#include <span>
#include <string>
#include <vector>

#include "music/meter.h"
#include "music/tempo_map.h"
#include "music/units.h"

namespace tunesmith {

struct TempoFitOptions {
    double max_deviation = 0.06;  // tempo stays within bpm x (1 +- this) in every segment
    // When some hits cannot land exactly within max_deviation, the fit is tried again within this
    // wider bound and taken if more hits land (with a warning): a cue that hits a cut is worth a
    // tempo bent a few more percent for a few bars. 0: never.
    double fallback_deviation = 0.10;
    // Last resort, within fallback_deviation: hits may land half-way between beats (a pushed hit on
    // the "and"), which gives twice the places a hit between two close cuts can fall on.
    bool off_beat_hits = true;
    int ramp_beats = 0;           // beats each side of an anchor over which tempo glides; 0 = two bars (>= 8 beats)
    int max_skipped_run = 6;      // the search may leave at most this many hits in a row off the map
    // The tempo range the map must stay in whatever the deviations allow (the spec's accepted bpm
    // range, so a cue asked at 400 bpm is not fitted at 408); 0: no limit on that side.
    double min_bpm = 0.0;
    double max_bpm = 0.0;
    // The cue may end on any beat: the final bar is then a held chord that rings out to the end,
    // lasting the leftover beats (at least half a bar) or a bar plus them (a fermata), whichever is
    // nearer a bar. Tried only when a bar-line end leaves a hit off the map or a scene change
    // (starts_section) off its downbeat, and taken when it lands more of them: so that a scene
    // change a few bars before the end can start on its cut.
    bool ring_out = false;
};

// One hit to place, in the order the caller wants results back.
struct HitRequest {
    Samples sample;  // where the beat must land
    std::string kind = "hit";  // "lift" and "drop" strongly prefer a downbeat
    bool starts_section = false;  // a section starts here too (a scene change): it strongly prefers a downbeat
};

struct FittedHit {
    Ticks tick;          // a beat (or half-way between two, see off_beat_hits)
    bool exact = true;   // tempo.to_samples(tick) == the requested sample
    bool downbeat = true;
};

struct TempoFit {
    TempoMap tempo;
    int bars = 1;
    Ticks length;                  // bars x bar length; tempo.to_samples(length) == the requested length
    // The final bar is a ring-out (TempoFitOptions::ring_out): its tempo is whatever makes it end on
    // the requested length, outside the tempo bound; every other bar is inside it.
    bool ring_out = false;
    std::vector<FittedHit> hits;   // same order as the requests
    std::vector<std::string> warnings;
};

// Fits a tempo map to `length` samples and the hits. bpm is quarter notes per minute.
// Every hit either lands exactly on a beat (an anchor of the map) or, when that is impossible
// within the tempo bound, on the nearest beat with exact = false and a warning.
// Preconditions (checked by make_plan): bpm > 0, rate > 0, length > 0, hits in [0, length].
TempoFit fit_tempo(double bpm, Meter meter, SampleRate rate, Samples length,
                   std::span<const HitRequest> hits, const TempoFitOptions& options = {});

// A fixed beat position and the sample it must land on (used by the map builder).
struct BeatAnchor {
    std::int64_t beat = 0;
    Samples sample;
};

// Builds the map through exact anchors (first must be beat 0 at sample 0, strictly increasing),
// gliding the tempo over `ramp_beats` beats each side of every interior anchor instead of
// jumping, while keeping each beat's duration within the tempo bound when the span allows it.
// The given anchors are reproduced exactly.
TempoMap build_ramped_map(std::span<const BeatAnchor> anchors, Ticks beat, double bpm, SampleRate rate,
                          double max_deviation, int ramp_beats);
// The same with the bound as tempo ratios to bpm, fastest >= 1 >= slowest (the fit narrows it at
// the edge of the accepted bpm range). Implemented in tempo_ramp.cpp.
TempoMap build_ramped_map(std::span<const BeatAnchor> anchors, Ticks beat, double bpm, SampleRate rate,
                          double fastest, double slowest, int ramp_beats);

}  // namespace tunesmith
