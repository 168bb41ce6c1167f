// Named instrument voices: a specific General MIDI sound inside an instrument group ("cello" in
// strings, "church_organ" in piano), with the register it plays well. A CueSpec names them in
// instruments.voices (group -> its voices); a prompt word or a flag sets them. Constant table; pure
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
    // A section of one instrument ("cellos", "trumpets"): the single player it is made of, so that
    // "two cellos" is two of them; "" for any other voice.
    std::string_view player = "";
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

// The one voice a group's single track plays: the voice the spec names when it names exactly one
// for the group; nullptr when it names none (the style's sound) or several (the players of a
// chamber cue, each on its own track; in a cue the style arranges, the style's sound).
const Voice* group_voice(const InstrumentSpec& instruments, std::string_view group);

// The groups that may sound (include, feature and add, else every group; minus exclude; aliases read), in
// canonical order. Unknown names are skipped: validation reports them.
std::vector<std::string> sounding_groups(const InstrumentSpec& instruments);

// One player of a cue: a voice the spec names, or a group's plain sound.
struct Player {
    std::string group;  // the group whose mix strip (and, with no voice, whose sound) it takes
    std::string voice;  // "cello"; "" = the group's plain sound (the style's piano)
    std::string track;  // its track and stem name: "cello", "violin_1", "piano"
    // Notes it sounds at once: the voice's polyphony, 10 for a plain piano (whatever keyboard the
    // style gives it), 6 for a plain guitar; 0 for a section or ensemble (a plain "strings",
    // "string_ensemble", a pad, a choir) or drums: not one player.
    int polyphony = 0;
    friend bool operator==(const Player&, const Player&) = default;
};

// The players of every group that may sound, in canonical group order and then in the order the
// spec lists a group's voices: each named voice, else the group's plain sound as one player.
std::vector<Player> cue_players(const InstrumentSpec& instruments);

// The most single players a chamber cue has (a quintet); more is an ensemble the style arranges.
inline constexpr std::size_t kMostSoloists = 5;

// The stem (and track) name of a group played as one track: its one named voice ("cello"), else
// the group. Names of voice tracks: a voice named for two groups is told apart by group
// ("marimba_piano", "marimba_synth"); two of one voice in a group by number ("violin_1", "violin_2").
std::string stem_name(const InstrumentSpec& instruments, const std::string& group);

// True when the cue is played by one to five single players and nothing else (a solo, duo, trio,
// quartet or quintet: "solo cello", "piano and cello", "string quartet"): every player of
// cue_players has a polyphony. Never with a featured or added group: that plays on top of the style's band.
bool played_by_soloists(const InstrumentSpec& instruments);

}  // namespace tunesmith
