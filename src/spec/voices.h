// Named instrument voices: a specific General MIDI sound inside an instrument group ("cello" in
// strings, "church_organ" in piano), with the register it plays well. A CueSpec names them in
// instruments.voices (group -> voice); a prompt word or a flag sets them. Constant table; pure
// lookups, safe from any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tunesmith {

struct Voice {
    std::string_view name;             // "cello", "church_organ" (lower case, '_' between words)
    std::string_view group;            // the group whose track it plays on
    std::string_view alternate_group;  // a second group it may take when a prompt names both ("" none)
    int program = 0;                   // General MIDI program (0-based)
    int low = 0;                       // comfortable register (MIDI pitches)
    int high = 127;
    bool sustained = false;            // bowed/blown/held: CC11 expression curves
    bool pedal = false;                // CC64 sustain pedal per chord change
    // A generic name ("electric_guitar") accepts any program in [family_low, family_high]: a style
    // whose own program for the group lies there keeps it (rock's overdrive stays overdrive).
    int family_low = -1;
    int family_high = -1;
};

// Every voice, grouped by group in canonical group order.
std::span<const Voice> voice_table();

// The voice for a name, case-insensitive, spaces or hyphens read as '_' ("Church Organ"); nullptr if none.
const Voice* find_voice(std::string_view name);

// True when `voice` may play on `group`'s track (its group or its alternate group).
bool voice_fits_group(const Voice& voice, std::string_view group);

// The names of the voices that may play on a group, for error messages and docs.
std::vector<std::string> voice_names_for(std::string_view group);

// The program a voiced group plays, given the program the style would use for that group.
int voice_program(const Voice& voice, int style_program);

}  // namespace tunesmith
