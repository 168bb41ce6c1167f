// Drum parts: style grooves laid over bars (adapted to meters other than 4/4), fills at
// section ends, accents on hit points, and the sounding span of each drum voice so drums can
// be kept out of dialogue. Pure functions of their arguments and a seeded Rng.
#pragma once

#include <string_view>
#include <vector>

#include "base/random.h"
#include "compose/plan.h"
#include "compose/style.h"
#include "music/score.h"

namespace tunesmith {

struct DrumBars {
    Ticks start;              // first bar line
    Ticks end;                // last bar line (exclusive); whole bars
    Meter meter;
    const DrumGroove* groove = nullptr;
    const DrumGroove* fill = nullptr;  // played in the final bar when not null and not empty
};

// Notes of `bars.groove` over [start, end). Step strings are read as one 4/4 bar; 2/4 and 2/2
// use them as written; other meters get a groove built from the same voices on that meter's
// beats (downbeat kick, backbeat on the strong secondary beat, time-keeper on every pulse).
std::vector<Note> write_drum_bars(const DrumBars& bars, Rng rng);

// An accent at `tick`: crash and kick together (plus a low tom for big accents).
std::vector<Note> drum_accent(Ticks tick, int velocity, bool big);

// How hard a hit point of `kind` is accented: "hit", "stinger" and "drop" hardest, then "lift",
// then "cut" (a lesser scene change, still loud enough to read as a hit over the groove).
int hit_accent_velocity(std::string_view kind);

// A snare/tom roll over [start, end) that crescendos into the next downbeat.
std::vector<Note> drum_roll(Ticks start, Ticks end, Ticks step);

// How long a drum voice sounds after it is struck (cymbals ring far longer than their MIDI
// note); used to keep every drum's sounding span out of dialogue.
Ticks drum_sounding_span(int key, Ticks note_duration);

// Drops drum notes whose sounding span intersects any of `ranges`.
void remove_drums_in(std::vector<Note>& notes, const std::vector<TickRange>& ranges);

}  // namespace tunesmith
