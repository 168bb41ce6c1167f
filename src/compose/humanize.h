// Humanizing a part: swing, velocity shaped by metric position and phrase arcs, small onset
// jitter (never moving notes that sit on hit points), and controller curves: CC11 expression
// following energy for sustained instruments, CC64 sustain pedal per chord change, fades.
#pragma once

#include <vector>

#include "base/random.h"
#include "compose/plan.h"
#include "compose/style.h"
#include "music/score.h"

namespace tunesmith {

// Delays off-beat `unit` notes (eighths or sixteenths) by amount x a third of the unit:
// amount 1 is a full triplet feel. Notes keep their ends' order; lengths shrink to fit.
void apply_swing(std::vector<Note>& notes, double amount, Rate unit, Ticks origin);

// Velocity from metric position (downbeats strongest, off-beats weakest) and a phrase arc
// over `phrase` ticks from `origin` (a rise to the middle, a fall at the end), plus jitter.
// `accent` scales the shaping (0: off); jitter is the standard deviation in MIDI units.
void shape_velocities(std::vector<Note>& notes, const Meter& meter, Ticks origin, Ticks phrase, double accent,
                      double jitter, Rng& rng);

// Moves onsets by a normal jitter of `ms` milliseconds (in ticks at the local tempo), clamped
// to [0, limit) with ends at or before `limit`. Notes starting on a tick in `locked` stay put.
void jitter_timing(std::vector<Note>& notes, const TempoMap& tempo, double ms, Ticks limit,
                   const std::vector<Ticks>& locked, Rng& rng);

// Multiplies velocities by the energy of the bar each note starts in (0.45 at 0 .. 1 at 1)
// and by `scale`; results stay in 1..127.
void scale_by_energy(std::vector<Note>& notes, const Plan& plan, double scale);

// CC11 expression over [start, end): a point per beat following the bar energy, for
// instruments whose loudness is shaped while a note sounds (strings, brass, pads, choir).
std::vector<ControlPoint> expression_curve(const Plan& plan, Ticks start, Ticks end);

// CC64 for a piano over [start, end): pedal up at each chord change, down just after it,
// up at `end`.
std::vector<ControlPoint> sustain_pedal(const std::vector<ChordSpan>& chords, Ticks start, Ticks end);

// Fades CC11 of a track from its current value to near silence over [from, to): existing
// CC11 points in the range are replaced by a point per beat scaled by the fade.
void apply_fade(std::vector<ControlPoint>& controls, const Meter& meter, Ticks from, Ticks to);

// Sorts notes by (start, pitch) and controls by (time, controller).
void sort_track(Track& track);

}  // namespace tunesmith
