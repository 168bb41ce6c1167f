// Named instrument voices: a specific General MIDI sound inside an instrument group ("cello" in
// strings, "church_organ" in piano), with the register it plays well. A CueSpec names them in
// instruments.voices (group -> voice); a prompt word or a flag sets them. Constant table; pure
// lookups, safe from any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "spec/cue_spec.h"

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
    // Notes one player sounds at once: 1 a wind, brass or lead synth, 2 a bowed string (double
    // stops) or two mallets, 4-10 keyboards, guitars, harps; 0 a section or ensemble (not one player).
    int polyphony = 1;
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

// Notes one player of `group` sounds at once in this cue: its named voice's polyphony, 10 for a
// plain piano (whatever keyboard the style gives it), 6 for a plain guitar; 0 when the group is a
// section or ensemble ("strings", "string_ensemble", a pad, a choir) or drums.
int player_polyphony(const InstrumentSpec& instruments, std::string_view group);

// The groups that may sound (include, else every group; minus exclude; aliases read), in
// canonical order. Unknown names are skipped: validation reports them.
std::vector<std::string> sounding_groups(const InstrumentSpec& instruments);

// The stem (and track) name of a group: the voice the spec names for it ("cello"), else the group;
// a voice named for two groups is told apart by group ("marimba_piano", "marimba_synth").
std::string stem_name(const InstrumentSpec& instruments, const std::string& group);

// True when the cue is played by one to four single players and nothing else (a solo, duo, trio
// or quartet: "solo cello", "piano and cello"): every group that may sound has a player_polyphony.
bool played_by_soloists(const InstrumentSpec& instruments);

}  // namespace tunesmith
