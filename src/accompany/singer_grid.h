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
    std::string source;  // "tracked", "tracked, re-gridded to --bpm", "--bpm", "default"
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

// The tracked grid at half its tempo: every other beat, from beats[first] (0 or 1). A grid without
// tracked beats is returned unchanged.
SingerGrid halved_grid(const SingerGrid& grid, int first);

// Beat times (in samples) re-gridded by `factor` beats per tracked beat (2: twice as many beats),
// interpolating linearly between tracked beats so the drift is kept.
std::vector<Samples> regrid_beats(const std::vector<Samples>& beats, double factor);

// A constant tempo whose beat falls on `first_onset` (anchors: 0, the onset, then steady).
TempoMap phase_locked_tempo(double bpm, Seconds first_onset, SampleRate rate);

}  // namespace tunesmith
