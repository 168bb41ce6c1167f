// Bass lines from a chord progression: roots, root-fifth, octave pulses, eighth pulses,
// walking lines (jazz), syncopated figures and held roots. Pure functions plus a seeded Rng.
#pragma once

#include <string_view>
#include <vector>

#include "base/random.h"
#include "music/key.h"
#include "music/meter.h"
#include "music/score.h"

namespace tunesmith {

struct BassRequest {
    Ticks start;  // range to fill (a bar line)
    Ticks end;
    Meter meter;
    Key key;
    std::string_view pattern = "roots";  // see Layer::pattern for the names
    int low = 28;   // register (MIDI pitches), inclusive
    int high = 55;
};

// The chord span sounding at `tick` (nullptr if none covers it).
const ChordSpan* chord_at(const std::vector<ChordSpan>& chords, Ticks tick);

// The pitch of `pc` inside [low, high] nearest to `target`.
int pitch_near(int pc, int target, int low, int high);

// A bass line over [start, end) following `chords`; notes never cross `end`.
std::vector<Note> write_bass(const std::vector<ChordSpan>& chords, const BassRequest& request, Rng rng);

}  // namespace tunesmith
