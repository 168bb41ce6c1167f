// Styles as data: one JSON file per genre under data/styles/ says which instrument groups play
// at each energy tier and how (pads, comping, arpeggios, bass lines, drum grooves), plus swing,
// humanize amounts and the harmony/melody options. Loading validates every field.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compose/harmony.h"
#include "compose/instruments.h"
#include "compose/melody.h"
#include "spec/cue_spec.h"

namespace tunesmith {

// Arrangement density tiers; a section's energy picks one (see tier_of_energy).
enum class EnergyTier { low = 0, mid = 1, high = 2 };
inline constexpr std::array<EnergyTier, 3> kEnergyTiers{EnergyTier::low, EnergyTier::mid, EnergyTier::high};
EnergyTier tier_of_energy(double energy);
std::string_view tier_name(EnergyTier tier);

// What a group does in a layer.
enum class PartRole { pad, comp, arpeggio, ostinato, counter, lead, bass, drums };
std::string_view role_name(PartRole role);

// A note value used as the rate of repeated figures.
enum class Rate { whole, half, quarter, eighth, sixteenth };

// One instrument group in one tier. `pattern` is validated against the role:
// comp: block broken strum stabs pulse; bass: roots root_fifth octaves pulse walking syncopated
// sustain; arpeggio: up down updown; ostinato/counter/pad/lead/drums: ignored (may be empty).
struct Layer {
    std::string group;
    PartRole role = PartRole::pad;
    std::string pattern;
    Rate rate = Rate::eighth;
    int octave = 0;          // register shift in octaves, -2..2
    double velocity = 1.0;   // velocity scale, 0.1..1.5
    friend bool operator==(const Layer&, const Layer&) = default;
};

// A drum pattern for one bar: per voice a step string ('X' accent, 'x' normal, 'o' ghost,
// '.' rest); every line has the same number of steps, which divide a whole note.
struct DrumLine {
    std::string voice;  // "kick", "snare", "hat", ... (see drum_voice_names())
    int key = 36;       // General MIDI percussion key
    std::string steps;
    friend bool operator==(const DrumLine&, const DrumLine&) = default;
};

struct DrumGroove {
    int steps = 16;
    std::vector<DrumLine> lines;
    bool empty() const { return lines.empty(); }
    friend bool operator==(const DrumGroove&, const DrumGroove&) = default;
};

struct DrumStyle {
    std::array<DrumGroove, 3> grooves;  // per tier: light, medium, full
    DrumGroove fill;                    // replaces the groove from its first sounding step on, at section ends
    bool crash_on_hits = true;
    friend bool operator==(const DrumStyle&, const DrumStyle&) = default;
};

struct HumanizeAmounts {
    double timing_ms = 6.0;   // standard deviation of onset jitter
    double velocity = 6.0;    // standard deviation of velocity jitter (MIDI units)
    double accent = 1.0;      // scale of metric and phrase accents, 0..2
    friend bool operator==(const HumanizeAmounts&, const HumanizeAmounts&) = default;
};

struct Style {
    std::string name;
    std::string description;
    std::vector<std::string> match;  // genre and mood words that select this style
    double tempo_min = 60.0;
    double tempo_max = 160.0;
    double swing = 0.0;              // 0 straight .. 1 full triplet feel
    Rate swing_unit = Rate::eighth;
    std::map<std::string, int> programs;       // group -> General MIDI program override
    std::array<std::vector<Layer>, 3> layers;  // per tier
    std::vector<std::string> lead;             // groups that may carry the melody, preferred first
    std::vector<std::string> soft_lead;        // melody carriers at low energy; empty: melody rests
    DrumStyle drums;
    HumanizeAmounts humanize;
    HarmonyOptions harmony;  // parsed from the file's "harmony" object (corpus model attached by load_styles)
    MelodyOptions melody;    // parsed from the file's "melody" object
    nlohmann::json harmony_json = nlohmann::json::object();  // the "harmony" object as written
    nlohmann::json melody_json = nlohmann::json::object();   // the "melody" object as written
};

struct StyleLibrary {
    std::vector<Style> styles;  // sorted by name
    const Style* find(std::string_view name) const;
};

// Parses and validates one style; `source` names the file in error messages.
// Throws InputError("<source>: <field path>", value, accepted).
Style style_from_json(const nlohmann::json& json, const std::string& source);
nlohmann::json to_json(const Style& style);

// Loads data_dir/styles/*.json (sorted by file name). InputError if the folder is missing or
// empty, or a file is malformed (the error names the file and the field). When
// data_dir/harmony/transitions.json exists its corpus model is attached to every style.
StyleLibrary load_styles(const std::filesystem::path& data_dir);

// The style whose matching words best match spec.style and spec.mood (an exact style name in
// spec.style wins); ties break by name order; "cinematic" (else the first style) when nothing
// matches. The library must not be empty (std::logic_error).
const Style& choose_style(const StyleLibrary& library, const CueSpec& spec);

// The General MIDI program a group plays in this style.
int style_program(const Style& style, const std::string& group);

// What a group's one track plays in a cue: the style's program in the group's register, or the one
// voice the spec names for it (instruments.voices) with that voice's program, register and
// controllers. A group that names several voices (a chamber cue's players) plays the style's sound.
InstrumentInfo cue_instrument(const Style& style, const InstrumentSpec& instruments, const std::string& group);

// What one player of a cue plays (spec/voices.h cue_players): its voice in its group, else the
// group's sound in the style.
InstrumentInfo player_instrument(const Style& style, const Player& player);

}  // namespace tunesmith
