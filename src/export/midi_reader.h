// Standard MIDI File reader: SMF type 0 or 1 at any PPQ -> Score (ticks rescaled to 960 PPQ).
// This is how an edited MIDI file comes back in. Malformed input throws InputError naming the
// source, never crashes. Pure function of the bytes; thread-safe.
#pragma once

#include <filesystem>
#include <string_view>

#include "music/score.h"
#include "music/units.h"

namespace tunesmith {

// Parses a whole file held in memory. `source` names it in errors (a path or "request body").
// Tracks come from track names and channels (channel 10 = drums); unnamed tracks are named after
// their General MIDI program family. Tempo, meter, key, markers and chord symbols come from the
// conductor events; tunesmith's own text events restore mode and sample-exact timing when the
// file's tempo events still agree with them (i.e. nobody edited the tempo).
Score read_midi(std::string_view bytes, SampleRate rate, std::string_view source = "MIDI data");

// Reads the file at `path` (at most 64 MiB) and parses it; errors name the path.
Score read_midi_file(const std::filesystem::path& path, SampleRate rate);

// The instrument group a General MIDI program belongs to ("piano", "strings", "brass", ...).
std::string_view gm_program_group(int program);

}  // namespace tunesmith
