// Chordal and figurative parts over a progression: sustained pads, comping patterns (block,
// broken, strummed with per-string delay, stabs, pulses), arpeggios, ostinatos and a slow
// counter-line. Voicings come from voice_chords (voice-led). Pure functions plus a seeded Rng.
#pragma once

#include <string_view>
#include <vector>

#include "base/random.h"
#include "compose/style.h"
#include "music/key.h"
#include "music/meter.h"
#include "music/score.h"

namespace tunesmith {

struct PartRequest {
    Ticks start;  // range to fill (bar lines)
    Ticks end;
    Meter meter;
    Key key;
    PartRole role = PartRole::pad;
    std::string_view pattern;   // comp: block broken strum stabs pulse; arpeggio: up down updown
    Rate rate = Rate::quarter;
    int low = 48;    // register, inclusive
    int high = 76;
    int voices = 4;  // notes per chord for pads and comping
};

Ticks rate_ticks(Rate rate);

// The chord spans of `chords` clipped to [start, end).
std::vector<ChordSpan> chords_in(const std::vector<ChordSpan>& chords, Ticks start, Ticks end);

// One part (role pad, comp, arpeggio, ostinato or counter) over [start, end); notes never cross end.
std::vector<Note> write_part(const std::vector<ChordSpan>& chords, const PartRequest& request, Rng rng);

// The final chord held from `start` to `end` in the part's register (endings and tutti hits).
std::vector<Note> held_chord(const Chord& chord, Ticks start, Ticks end, int low, int high, int voices, int velocity);

}  // namespace tunesmith
