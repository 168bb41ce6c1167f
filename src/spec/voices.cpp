// The voice table: General MIDI programs (all present in MuseScore General and FluidR3 GM) and
// comfortable registers, per instrument group. Written for this project from the GM program list.
#include "spec/voices.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "spec/value_parsers.h"

namespace tunesmith {
namespace {

// name, group, alternate group, program, low, high, sustained, pedal, polyphony[, family low, family
// high[, player]]. A section ("cello_section") plays its instrument's register with the section
// sound of its family where General MIDI has one (string ensemble), else the instrument's program
// played as chords; it is not one player (polyphony 0), so "cellos" is never a solo cello.
// Registers are where the instrument sounds good, not its full compass: a cello part sits lower
// than a violin part, a tuba is low, a glockenspiel high.
constexpr Voice kVoices[]{
    {"acoustic_piano", "piano", "", 0, 36, 96, false, true, 10},
    {"bright_piano", "piano", "", 1, 36, 96, false, true, 10},
    {"honky_tonk_piano", "piano", "", 3, 36, 96, false, true, 10},
    {"electric_piano", "piano", "synth", 4, 36, 91, false, true, 10, 4, 5},
    {"fm_piano", "piano", "synth", 5, 36, 91, false, true, 10},
    {"harpsichord", "piano", "synth", 6, 41, 89, false, false, 10},
    {"clavinet", "piano", "synth", 7, 41, 89, false, false, 10},
    {"organ", "piano", "pad", 16, 36, 96, true, false, 10, 16, 18},
    {"rock_organ", "piano", "pad", 18, 36, 96, true, false, 10},
    {"church_organ", "piano", "pad", 19, 36, 96, true, false, 10},
    {"reed_organ", "piano", "pad", 20, 41, 89, true, false, 10},
    {"accordion", "piano", "woodwinds", 21, 53, 89, true, false, 10},
    {"bandoneon", "piano", "woodwinds", 23, 48, 89, true, false, 10},
    {"marimba", "piano", "synth", 12, 45, 96, false, false, 4},
    {"vibraphone", "piano", "synth", 11, 53, 89, false, true, 4},

    {"string_ensemble", "strings", "", 48, 36, 88, true, false, 0},
    {"violin", "strings", "", 40, 55, 96, true, false, 2},
    {"viola", "strings", "", 41, 48, 84, true, false, 2},
    {"cello", "strings", "", 42, 36, 72, true, false, 2},
    {"fiddle", "strings", "", 110, 55, 93, true, false, 2},
    {"violin_section", "strings", "", 48, 55, 96, true, false, 0, -1, -1, "violin"},
    {"viola_section", "strings", "", 48, 48, 84, true, false, 0, -1, -1, "viola"},
    {"cello_section", "strings", "", 48, 36, 72, true, false, 0, -1, -1, "cello"},
    {"pizzicato_strings", "strings", "", 45, 36, 84, false, false, 0},
    {"tremolo_strings", "strings", "", 44, 36, 88, true, false, 0},
    {"synth_strings", "strings", "", 50, 36, 88, true, false, 0},

    {"brass_section", "brass", "", 61, 40, 82, true, false, 0},
    {"trumpet", "brass", "", 56, 55, 82, true, false, 1},
    {"muted_trumpet", "brass", "", 59, 55, 82, true, false, 1},
    {"trombone", "brass", "", 57, 40, 72, true, false, 1},
    {"french_horn", "brass", "", 60, 41, 77, true, false, 1},
    {"tuba", "brass", "bass", 58, 28, 58, true, false, 1},
    {"trumpet_section", "brass", "", 56, 55, 82, true, false, 0, -1, -1, "trumpet"},
    {"trombone_section", "brass", "", 57, 40, 72, true, false, 0, -1, -1, "trombone"},
    {"french_horn_section", "brass", "", 60, 41, 77, true, false, 0, -1, -1, "french_horn"},
    {"synth_brass", "brass", "", 62, 40, 84, true, false, 0},

    {"flute", "woodwinds", "", 73, 60, 96, true, false, 1},
    {"piccolo", "woodwinds", "", 72, 74, 103, true, false, 1},
    {"oboe", "woodwinds", "", 68, 58, 91, true, false, 1},
    {"english_horn", "woodwinds", "", 69, 52, 81, true, false, 1},
    {"clarinet", "woodwinds", "", 71, 50, 89, true, false, 1},
    {"bassoon", "woodwinds", "bass", 70, 34, 72, true, false, 1},
    {"saxophone", "woodwinds", "", 66, 44, 78, true, false, 1, 64, 67},
    {"soprano_sax", "woodwinds", "", 64, 56, 87, true, false, 1},
    {"alto_sax", "woodwinds", "", 65, 49, 81, true, false, 1},
    {"tenor_sax", "woodwinds", "", 66, 44, 76, true, false, 1},
    {"baritone_sax", "woodwinds", "bass", 67, 36, 69, true, false, 1},
    {"recorder", "woodwinds", "", 74, 60, 96, true, false, 1},
    {"pan_flute", "woodwinds", "", 75, 60, 96, true, false, 1},
    {"shakuhachi", "woodwinds", "", 77, 55, 86, true, false, 1},
    {"tin_whistle", "woodwinds", "", 78, 74, 98, true, false, 1},
    {"ocarina", "woodwinds", "", 79, 60, 88, true, false, 1},
    {"harmonica", "woodwinds", "", 22, 60, 88, true, false, 3},
    {"bagpipes", "woodwinds", "", 109, 60, 84, true, false, 1},
    {"flute_section", "woodwinds", "", 73, 60, 96, true, false, 0, -1, -1, "flute"},
    {"oboe_section", "woodwinds", "", 68, 58, 91, true, false, 0, -1, -1, "oboe"},
    {"clarinet_section", "woodwinds", "", 71, 50, 89, true, false, 0, -1, -1, "clarinet"},
    {"bassoon_section", "woodwinds", "", 70, 34, 72, true, false, 0, -1, -1, "bassoon"},
    {"sax_section", "woodwinds", "", 66, 44, 78, true, false, 0, 64, 67, "saxophone"},

    {"acoustic_guitar", "guitar", "", 25, 40, 84, false, false, 6},
    {"nylon_guitar", "guitar", "", 24, 40, 83, false, false, 6},
    {"jazz_guitar", "guitar", "", 26, 40, 84, false, false, 6},
    {"electric_guitar", "guitar", "", 27, 40, 86, false, false, 6, 26, 31},
    {"clean_guitar", "guitar", "", 27, 40, 86, false, false, 6},
    {"muted_guitar", "guitar", "", 28, 40, 76, false, false, 6},
    {"overdrive_guitar", "guitar", "", 29, 40, 86, false, false, 6},
    {"distortion_guitar", "guitar", "", 30, 40, 86, false, false, 6},
    {"banjo", "guitar", "", 105, 48, 81, false, false, 5},
    {"mandolin", "guitar", "", 25, 55, 88, false, false, 4},
    {"ukulele", "guitar", "", 24, 60, 81, false, false, 4},
    {"sitar", "guitar", "", 104, 48, 77, false, false, 3},
    {"koto", "guitar", "", 107, 48, 84, false, false, 4},
    {"shamisen", "guitar", "", 106, 50, 81, false, false, 3},
    {"harp", "guitar", "piano", 46, 36, 91, false, false, 10},
    {"dulcimer", "guitar", "piano", 15, 50, 88, false, false, 4},

    {"electric_bass", "bass", "", 33, 28, 55, false, false, 1, 33, 37},
    {"picked_bass", "bass", "", 34, 28, 55, false, false, 1},
    {"fretless_bass", "bass", "", 35, 28, 55, false, false, 1},
    {"slap_bass", "bass", "", 36, 28, 60, false, false, 1},
    {"upright_bass", "bass", "", 32, 28, 55, false, false, 2},
    {"contrabass", "bass", "", 43, 28, 55, true, false, 2},
    {"synth_bass", "bass", "", 38, 28, 55, false, false, 1, 38, 39},
    {"sub_bass", "bass", "", 38, 24, 48, false, false, 1},
    {"timpani", "bass", "", 47, 40, 57, false, false, 2},

    {"lead_synth", "synth", "", 81, 48, 96, false, false, 1},
    {"square_lead", "synth", "", 80, 48, 96, false, false, 1},
    {"glockenspiel", "synth", "piano", 9, 72, 105, false, false, 2},
    {"celesta", "synth", "piano", 8, 60, 100, false, false, 10},
    {"music_box", "synth", "piano", 10, 60, 96, false, false, 4},
    {"xylophone", "synth", "piano", 13, 65, 100, false, false, 2},
    {"tubular_bells", "synth", "piano", 14, 60, 77, false, false, 2},
    {"kalimba", "synth", "piano", 108, 60, 88, false, false, 4},
    {"steel_drums", "synth", "piano", 114, 60, 84, false, false, 2},

    {"warm_pad", "pad", "", 89, 43, 84, true, false, 0},
    {"polysynth", "pad", "", 90, 43, 84, true, false, 0},
    {"glass_pad", "pad", "", 92, 48, 84, true, false, 0},
    {"halo_pad", "pad", "", 94, 43, 84, true, false, 0},

    {"choir_aahs", "choir", "", 52, 48, 79, true, false, 0},
    {"voice_oohs", "choir", "", 53, 48, 79, true, false, 0},
    {"synth_choir", "choir", "", 54, 48, 79, true, false, 0},
};

std::string voice_key(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == ' ' || c == '-' || c == '_') {
            if (!out.empty() && out.back() != '_') out += '_';
        } else {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

}  // namespace

std::span<const Voice> voice_table() { return kVoices; }

const Voice* find_voice(std::string_view name) {
    const std::string key = voice_key(name);
    const auto it = std::find_if(std::begin(kVoices), std::end(kVoices), [&](const Voice& v) { return v.name == key; });
    return it == std::end(kVoices) ? nullptr : &*it;
}

bool voice_fits_group(const Voice& voice, std::string_view group) {
    return voice.group == group || (!voice.alternate_group.empty() && voice.alternate_group == group);
}

std::vector<std::string> voice_names_for(std::string_view group) {
    std::vector<std::string> names;
    for (const Voice& v : kVoices)
        if (voice_fits_group(v, group)) names.emplace_back(v.name);
    return names;
}

int voice_program(const Voice& voice, int style_program) {
    if (voice.family_low >= 0 && style_program >= voice.family_low && style_program <= voice.family_high)
        return style_program;
    return voice.program;
}

const Voice* group_voice(const InstrumentSpec& instruments, std::string_view group) {
    const auto voiced = instruments.voices.find(std::string(group));
    if (voiced == instruments.voices.end() || voiced->second.size() != 1) return nullptr;
    return find_voice(voiced->second.front());
}

std::vector<std::string> sounding_groups(const InstrumentSpec& instruments) {
    auto listed = [](const std::vector<std::string>& names, const std::string& group) {
        return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return canonical_instrument(n) == group; });
    };
    std::vector<std::string> out;
    for (const auto& g : instrument_groups())
        if ((instruments.include.empty() || listed(instruments.include, g) || listed(instruments.feature, g) ||
             listed(instruments.add, g)) &&
            !listed(instruments.exclude, g))
            out.push_back(g);
    return out;
}

namespace {

// The track of the `index`th voice the spec lists for `group`.
std::string voice_track(const InstrumentSpec& instruments, const std::string& group, std::size_t index) {
    const auto& list = instruments.voices.at(group);
    const std::string& voice = list[index];
    const bool elsewhere = std::any_of(instruments.voices.begin(), instruments.voices.end(), [&](const auto& other) {
        return other.first != group && std::find(other.second.begin(), other.second.end(), voice) != other.second.end();
    });
    std::string name = elsewhere ? voice + "_" + group : voice;
    if (std::count(list.begin(), list.end(), voice) > 1) {
        const auto before = std::count(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(index), voice);
        name += "_" + std::to_string(before + 1);
    }
    return name;
}

// A plain piano or guitar is one player whatever program the style gives it; the other groups'
// plain sounds are sections (strings, brass, choir), pads or a drum kit.
int plain_polyphony(std::string_view group) {
    if (group == "piano") return 10;
    if (group == "guitar") return 6;
    return 0;
}

}  // namespace

std::vector<Player> cue_players(const InstrumentSpec& instruments) {
    std::vector<Player> players;
    for (const auto& group : sounding_groups(instruments)) {
        const auto voiced = instruments.voices.find(group);
        if (voiced == instruments.voices.end() || voiced->second.empty()) {
            players.push_back(Player{group, "", group, plain_polyphony(group)});
            continue;
        }
        for (std::size_t i = 0; i < voiced->second.size(); ++i) {
            const Voice* voice = find_voice(voiced->second[i]);
            players.push_back(Player{group, voiced->second[i], voice_track(instruments, group, i),
                                     voice != nullptr ? voice->polyphony : 0});
        }
    }
    return players;
}

std::string stem_name(const InstrumentSpec& instruments, const std::string& group) {
    const auto voiced = instruments.voices.find(group);
    if (voiced == instruments.voices.end() || voiced->second.size() != 1) return group;
    return voice_track(instruments, group, 0);
}

bool played_by_soloists(const InstrumentSpec& instruments) {
    if (!instruments.feature.empty() || !instruments.add.empty()) return false;  // on top of the style's band
    const auto players = cue_players(instruments);
    return !players.empty() && players.size() <= kMostSoloists &&
           std::all_of(players.begin(), players.end(), [](const Player& p) { return p.polyphony > 0; });
}

}  // namespace tunesmith
