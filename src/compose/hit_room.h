// Room for hit points: a composer sets up a hit with a breath before it, so that its attack is
// heard on its own (and measured on its sample in the mix), not on top of parts still ringing.
// Pure functions of their arguments; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "music/score.h"

namespace tunesmith {

// The drums leave the `gap` before each hit: notes struck there are dropped (a kick or tom struck
// a few hundred milliseconds before a hit still rings when the hit comes in).
void clear_drums_before_hits(std::vector<Note>& notes, std::span<const Ticks> hits, Ticks gap);

// Pitched parts breathe in the `gap` before each hit: a note sounding there stops where the gap
// starts (dropped if that leaves less than half the gap), and a note held through the hit is struck
// again on it, so every part plays the hit. Notes starting on a hit are kept as they are.
void breathe_before_hits(std::vector<Note>& notes, std::span<const Ticks> hits, Ticks gap);

}  // namespace tunesmith
