// Instrument groups (= stem names = Track names): their General MIDI programs, playable
// registers and which controller curves they need, and the same for a group played by a named
// voice. Pure lookup tables; no state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/voices.h"

namespace tunesmith {

// One instrument group as the arranger sees it.
struct InstrumentInfo {
    std::string_view group;      // "piano", "strings", ...
    int program = 0;             // default General MIDI program (0-based)
    bool drums = false;          // General MIDI percussion channel
    int low = 0;                 // lowest MIDI pitch the group plays well
    int high = 127;              // highest MIDI pitch the group plays well
    bool sustained = false;      // bowed/blown/held: gets CC11 expression curves
    bool pedal = false;          // gets CC64 sustain pedal per chord change
    int chord_low = 48;          // lowest pitch of pads, comping and held chords (clear of the bass)
};

// Canonical group order (the order of tracks in a Score).
const std::vector<std::string>& track_group_order();

// Canonical name of a group, accepting the alias "percussion" for drums; nullopt if unknown.
std::optional<std::string> canonical_group(std::string_view name);

// The table row for a canonical group name; throws std::logic_error for unknown names
// (callers canonicalise user input first).
const InstrumentInfo& instrument_info(std::string_view group);

// The group's row played by a named voice (spec/voices.h): the voice's register and controllers,
// and its program (or `style_program` when the voice's family accepts it).
InstrumentInfo voiced_instrument(std::string_view group, const Voice& voice, int style_program);

// Whether a General MIDI program speaks slowly: bowed strings, string sections, choirs, flutes
// and reeds, synth brass 2, pads and atmospheres, whose sound takes over 40 ms to come within 6 dB
// of its peak (measured on MuseScore General, docs/video.md session 12). A stab on one swells
// instead of striking.
bool slow_attack(int program);

// A program of the same family that strikes, to play the stabs of a slow one: the orchestra hit
// for acoustic strings, voices and winds, synth brass 1 for synth brass 2, the polysynth for pads
// and atmospheres. `program` itself when it is not slow.
int striking_program(int program);

// General MIDI percussion keys used by the drum writer.
namespace gm_drum {
inline constexpr int kick = 36;
inline constexpr int rim = 37;
inline constexpr int snare = 38;
inline constexpr int clap = 39;
inline constexpr int closed_hat = 42;
inline constexpr int low_tom = 45;
inline constexpr int open_hat = 46;
inline constexpr int mid_tom = 47;
inline constexpr int crash = 49;
inline constexpr int high_tom = 50;
inline constexpr int ride = 51;
inline constexpr int tambourine = 54;
inline constexpr int shaker = 70;
inline constexpr int bass_drum = 35;
}  // namespace gm_drum

// GM key for a drum voice name used in style files ("kick", "snare", "hat", ...); nullopt if unknown.
std::optional<int> drum_voice_key(std::string_view voice);
// The drum voice names accepted by drum_voice_key, for error messages and docs.
const std::vector<std::string>& drum_voice_names();

}  // namespace tunesmith
