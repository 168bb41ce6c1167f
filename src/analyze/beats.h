// Tempo and beat tracking that follows a drifting performer: a dynamic programme over beat time
// and local beat period (Ellis-style, with a period that may change a little at every beat) on
// onset strength plus harmonic novelty, a metrical-level choice (keep or halve) by a tempo prior,
// then downbeats and meter (3 vs 4) from accent and harmonic-change periodicity.
// Pure functions; thread-safe; allocation is proportional to the signal length.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "analyze/beat_evidence.h"
#include "analyze/chroma.h"
#include "analyze/onsets.h"
#include "analyze/tempo_prior.h"
#include "music/meter.h"
#include "music/tempo_map.h"
#include "music/units.h"

namespace tunesmith {

struct BeatOptions {
    OnsetOptions onset;                 // envelope settings (frames_per_second sets the time grid)
    double min_bpm = 40.0;              // range searched for the global tempo
    double max_bpm = 220.0;
    double prior_bpm = 80.0;            // centre of the log-normal tempo preference (pop ballads to dance)
    double prior_octaves = 0.8;         // its width (standard deviation in octaves)
    // A learned prior (load_tempo_prior) for the metrical-level choice below; empty: the log-normal.
    TempoPrior tempo_prior;
    int comb_multiples = 4;             // tempo salience sums the autocorrelation at 1..4 beat periods
    double comb_tolerance = 0.03;       // multiple k of a period is searched within +-3 % (drift)
    double max_drift = 0.25;            // local period may stray this fraction from the global one
    double period_change_weight = 400.0; // cost of a period change of more than one frame (x log-ratio^2)
    double tempo_pull_weight = 20.0;    // cost of straying from the global period (x log-ratio^2)
    double beat_cost = 0.1;             // per beat, so no beats are invented in leading silence
    int max_period_step = 2;            // frames the period may change from one beat to the next...
    double max_period_change = 0.03;    // ...or this fraction of the period, whichever is larger
    // With a chromagram, the DP also rewards beats where the harmony changes (weight x the
    // unit-variance harmonic novelty), so an even accompaniment is not tracked on its off-beats.
    double harmonic_weight = 1.0;
    double novelty_half_window = 0.2;   // seconds of chroma compared on each side of a frame
    // Metrical level: after tracking, every other beat is kept (half tempo) when
    // halve_prior_weight x log(prior(bpm/2) / prior(bpm)) + halve_contrast_weight x the even/odd
    // accent contrast exceeds halve_threshold (infinity: never). The onset and harmonic evidence
    // does not tell a doubled ballad from a real fast song (docs/analysis.md), so by default the
    // prior alone decides: with the log-normal above, tracked tempi over ~113 bpm are halved.
    double halve_prior_weight = 1.0;
    double halve_contrast_weight = 0.0;
    double halve_threshold = 0.0;
    // ...but not when the attacks are bright (onset_brightness above this: a drum kit or strummed
    // strings mark the beat themselves, and a 128 bpm dance track is not a doubled ballad).
    // Applied by the overloads that have the recording.
    double max_brightness_to_halve = 1.0;
    // The other way: a bright recording tracked slowly is re-tracked at about twice the tempo when
    // the points midway between its beats carry, under 5 kHz (so not just a hi-hat's eighths), at
    // least this share of the beats' onset strength (midbeat_ratio: a backbeat snare between the
    // tracked beats; the comb alone tracks a drummed 128 bpm pop song at 64) and the doubled tempo
    // is at most max_doubled_bpm. Measured on tunesmith's drummed cues: 0.75-0.94 when tracked at
    // half tempo, 0.25-0.54 when at the right level.
    double min_midbeat_ratio_to_double = 0.65;
    double max_doubled_bpm = 170.0;
    int beats_per_bar = 0;              // 0 = infer 3 or 4; otherwise forced
    bool infer_downbeats = true;
};

// The evidence the metrical-level choice weighed (for diagnostics and evaluation).
struct MetricalLevel {
    double tracked_bpm = 0.0;        // median tempo of the beats the DP found
    double prior_log_ratio = 0.0;    // log(prior(tracked / 2) / prior(tracked))
    double accent_contrast = 0.0;    // best even/odd difference of the per-beat accents (z units)
    bool halved = false;             // every other beat was kept
    // Measured only by the overloads with the recording's bands, when a gate could apply (else 0):
    double brightness = 0.0;         // onset_brightness
    double midbeat_ratio = 0.0;      // under 5 kHz, midway between the tracked beats vs on them
    bool doubled = false;            // re-tracked at about twice the tempo
};

struct BeatResult {
    SampleRate rate;
    std::vector<Samples> beats;          // ascending
    std::vector<double> seconds;         // the same beat times in seconds (for reports)
    std::vector<std::size_t> downbeats;  // indices into `beats` that start a bar
    std::vector<double> local_bpm;       // per beat: tempo of the interval ending at it (first: next)
    double bpm = 0.0;                    // median local tempo; 0 when no beats were found
    Meter meter;                         // 4/4 or 3/4 (4/4 when it cannot be inferred)
    double meter_confidence = 0.0;       // 0..1
    // Beats (of silence or pickup) placed before the first detected beat so that tick 0 is
    // sample 0 and the first downbeat lands on a bar line: beat i is at tick (i + lead_in) * 960.
    int lead_in_beats = 0;
    TempoMap tempo;                      // anchors at every beat; constant 120 when no beats
    MetricalLevel level;

    bool empty() const { return beats.empty(); }
};

// Tracks beats in a mono signal. Silence or unpulsed noise gives an empty result (no crash).
BeatResult track_beats(std::span<const float> mono, SampleRate rate, const BeatOptions& options = {});

// The same from an onset envelope the caller already has. `chroma` (optional) lets downbeats
// and meter follow harmonic change; without it they follow onset accents only. Without the
// recording there is no brightness gate: the level choice is the tempo prior's alone.
BeatResult track_beats(const OnsetEnvelope& envelope, const BeatOptions& options = {},
                       const Chromagram* chroma = nullptr);

// The same from bands made beforehand in one STFT pass with the envelope (onset_bands), so the
// metrical level also follows the attacks: a halving is undone when they are bright
// (onset_brightness > max_brightness_to_halve), and a bright recording tracked at half its
// backbeat's tempo is doubled (min_midbeat_ratio_to_double). What analyze_audio and the mono
// overload use.
BeatResult track_beats(const OnsetBands& bands, const BeatOptions& options, const Chromagram* chroma);

// The global tempo (quarter-note bpm) of an envelope by autocorrelation with a tempo prior; 0 for silence.
double estimate_tempo(const OnsetEnvelope& envelope, const BeatOptions& options = {});

// A TempoMap through the given beats: tick (i + lead_in) * 960 at beat i's sample. With fewer
// than two beats, a constant tempo of `fallback_bpm`.
TempoMap tempo_map_from_beats(std::span<const Samples> beats, int lead_in_beats, SampleRate rate,
                              double fallback_bpm = 120.0);

}  // namespace tunesmith
