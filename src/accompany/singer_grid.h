// The beat grid the accompaniment plays on: the singer's tracked beats (a TempoMap that follows
// their push and pull), re-gridded to a user --bpm when one is given, or a constant tempo
// phase-locked to the first sung note when no beat could be tracked. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accompany/sung_beats.h"
#include "analyze/analysis.h"
#include "music/meter.h"
#include "music/tempo_map.h"

namespace tunesmith {

struct SingerGrid {
    TempoMap tempo;      // at the analysis (vocal) sample rate
    Meter meter;
    double bpm = 0.0;    // median quarter-note tempo
    std::string source;  // "tracked", "tracked at the level of --bpm N", "--bpm", "default"
    std::vector<Samples> beats;  // the tracked beats the tempo map passes through (empty: a steady tempo)
    int lead_in_beats = 0;       // beat i sits on beat (i + lead_in_beats) of the grid
};

// `bpm` / `meter`: explicit user values (they win). Warnings explain every fallback.
SingerGrid singer_grid(const AudioAnalysis& analysis, std::optional<double> bpm, std::optional<Meter> meter,
                       std::vector<std::string>& warnings);

// The grid through the beats of the sung notes (track_sung_beats over the vocal's `length_s`), in
// `meter` (the tracker's when unset). Returns nullopt when the notes are too few to track.
std::optional<SingerGrid> sung_note_grid(const AudioAnalysis& analysis, double length_s, const SungOnsetProfile& profile,
                                         std::optional<Meter> meter, const SungBeatOptions& options = {});

// The tracked grid with its bar lines `shift` beats later (the same beats, another downbeat). A grid
// without tracked beats, or a shift of a whole number of bars, is returned unchanged.
SingerGrid shifted_bar_lines(const SingerGrid& grid, int shift);

// The same beats counted in `meter` (its bar lines from the same lead-in). A grid without tracked
// beats gets the meter and keeps its tempo map.
SingerGrid with_meter(const SingerGrid& grid, const Meter& meter);

// The tracked grid at half its tempo: every other beat, from beats[first] (0 or 1). A grid without
// tracked beats is returned unchanged.
SingerGrid halved_grid(const SingerGrid& grid, int first);

// The grid with a tempo map whose lead-in is playable. Tick 0 is sample 0, so the lead-in's beats fill
// the time before the first tracked beat; a vocal that starts at once squeezes them into a few
// milliseconds (one beat in 20 ms: a 3000-bpm first segment in cue.json and score.mid). Then whole bars
// come off the lead-in while that brings its beats nearer the first tracked beat's length (the bar
// lines stay on the same beats; no bars left: the first beat moves to sample 0), and a lead-in that
// still runs faster than twice the beat (or 300 bpm) leaves the first beats out of the map until it
// does not. The accompaniment rests before the first beat the map keeps. Applied to the chosen grid only
// (session 14), so the bar-phase choice among grids is unchanged. A lead-in that fits is kept.
SingerGrid with_sane_lead_in(const SingerGrid& grid);

// Beat times (in samples) re-gridded by `factor` beats per tracked beat (2: twice as many beats),
// interpolating linearly between tracked beats so the drift is kept.
std::vector<Samples> regrid_beats(const std::vector<Samples>& beats, double factor);

// A constant tempo whose beat falls on `first_onset` (anchors: 0, the onset, then steady).
TempoMap phase_locked_tempo(double bpm, Seconds first_onset, SampleRate rate);

}  // namespace tunesmith
