// The voice table: General MIDI programs (all present in MuseScore General and FluidR3 GM) and
// comfortable registers, per instrument group. Written for this project from the GM program list.
#include "spec/voices.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace tunesmith {
namespace {

// name, group, alternate group, program, low, high, sustained, pedal[, family low, family high].
// Registers are where the instrument sounds good, not its full compass: a cello part sits lower
// than a violin part, a tuba is low, a glockenspiel high.
constexpr Voice kVoices[]{
    {"acoustic_piano", "piano", "", 0, 36, 96, false, true},
    {"bright_piano", "piano", "", 1, 36, 96, false, true},
    {"honky_tonk_piano", "piano", "", 3, 36, 96, false, true},
    {"electric_piano", "piano", "synth", 4, 36, 91, false, true, 4, 5},
    {"fm_piano", "piano", "synth", 5, 36, 91, false, true},
    {"harpsichord", "piano", "synth", 6, 41, 89, false, false},
    {"clavinet", "piano", "synth", 7, 41, 89, false, false},
    {"organ", "piano", "pad", 16, 36, 96, true, false, 16, 18},
    {"rock_organ", "piano", "pad", 18, 36, 96, true, false},
    {"church_organ", "piano", "pad", 19, 36, 96, true, false},
    {"reed_organ", "piano", "pad", 20, 41, 89, true, false},
    {"accordion", "piano", "woodwinds", 21, 53, 89, true, false},
    {"bandoneon", "piano", "woodwinds", 23, 48, 89, true, false},
    {"marimba", "piano", "synth", 12, 45, 96, false, false},
    {"vibraphone", "piano", "synth", 11, 53, 89, false, true},

    {"string_ensemble", "strings", "", 48, 36, 88, true, false},
    {"violin", "strings", "", 40, 55, 96, true, false},
    {"viola", "strings", "", 41, 48, 84, true, false},
    {"cello", "strings", "", 42, 36, 72, true, false},
    {"fiddle", "strings", "", 110, 55, 93, true, false},
    {"pizzicato_strings", "strings", "", 45, 36, 84, false, false},
    {"tremolo_strings", "strings", "", 44, 36, 88, true, false},
    {"synth_strings", "strings", "", 50, 36, 88, true, false},

    {"brass_section", "brass", "", 61, 40, 82, true, false},
    {"trumpet", "brass", "", 56, 55, 82, true, false},
    {"muted_trumpet", "brass", "", 59, 55, 82, true, false},
    {"trombone", "brass", "", 57, 40, 72, true, false},
    {"french_horn", "brass", "", 60, 41, 77, true, false},
    {"tuba", "brass", "bass", 58, 28, 58, true, false},
    {"synth_brass", "brass", "", 62, 40, 84, true, false},

    {"flute", "woodwinds", "", 73, 60, 96, true, false},
    {"piccolo", "woodwinds", "", 72, 74, 103, true, false},
    {"oboe", "woodwinds", "", 68, 58, 91, true, false},
    {"english_horn", "woodwinds", "", 69, 52, 81, true, false},
    {"clarinet", "woodwinds", "", 71, 50, 89, true, false},
    {"bassoon", "woodwinds", "bass", 70, 34, 72, true, false},
    {"saxophone", "woodwinds", "", 66, 44, 78, true, false, 64, 67},
    {"soprano_sax", "woodwinds", "", 64, 56, 87, true, false},
    {"alto_sax", "woodwinds", "", 65, 49, 81, true, false},
    {"tenor_sax", "woodwinds", "", 66, 44, 76, true, false},
    {"baritone_sax", "woodwinds", "bass", 67, 36, 69, true, false},
    {"recorder", "woodwinds", "", 74, 60, 96, true, false},
    {"pan_flute", "woodwinds", "", 75, 60, 96, true, false},
    {"shakuhachi", "woodwinds", "", 77, 55, 86, true, false},
    {"tin_whistle", "woodwinds", "", 78, 74, 98, true, false},
    {"ocarina", "woodwinds", "", 79, 60, 88, true, false},
    {"harmonica", "woodwinds", "", 22, 60, 88, true, false},
    {"bagpipes", "woodwinds", "", 109, 60, 84, true, false},

    {"acoustic_guitar", "guitar", "", 25, 40, 84, false, false},
    {"nylon_guitar", "guitar", "", 24, 40, 83, false, false},
    {"jazz_guitar", "guitar", "", 26, 40, 84, false, false},
    {"electric_guitar", "guitar", "", 27, 40, 86, false, false, 26, 31},
    {"clean_guitar", "guitar", "", 27, 40, 86, false, false},
    {"muted_guitar", "guitar", "", 28, 40, 76, false, false},
    {"overdrive_guitar", "guitar", "", 29, 40, 86, false, false},
    {"distortion_guitar", "guitar", "", 30, 40, 86, false, false},
    {"banjo", "guitar", "", 105, 48, 81, false, false},
    {"mandolin", "guitar", "", 25, 55, 88, false, false},
    {"ukulele", "guitar", "", 24, 60, 81, false, false},
    {"sitar", "guitar", "", 104, 48, 77, false, false},
    {"koto", "guitar", "", 107, 48, 84, false, false},
    {"shamisen", "guitar", "", 106, 50, 81, false, false},
    {"harp", "guitar", "piano", 46, 36, 91, false, false},
    {"dulcimer", "guitar", "piano", 15, 50, 88, false, false},

    {"electric_bass", "bass", "", 33, 28, 55, false, false, 33, 37},
    {"picked_bass", "bass", "", 34, 28, 55, false, false},
    {"fretless_bass", "bass", "", 35, 28, 55, false, false},
    {"slap_bass", "bass", "", 36, 28, 60, false, false},
    {"upright_bass", "bass", "", 32, 28, 55, false, false},
    {"contrabass", "bass", "", 43, 28, 55, true, false},
    {"synth_bass", "bass", "", 38, 28, 55, false, false, 38, 39},
    {"sub_bass", "bass", "", 38, 24, 48, false, false},
    {"timpani", "bass", "", 47, 40, 57, false, false},

    {"lead_synth", "synth", "", 81, 48, 96, false, false},
    {"square_lead", "synth", "", 80, 48, 96, false, false},
    {"glockenspiel", "synth", "piano", 9, 72, 105, false, false},
    {"celesta", "synth", "piano", 8, 60, 100, false, false},
    {"music_box", "synth", "piano", 10, 60, 96, false, false},
    {"xylophone", "synth", "piano", 13, 65, 100, false, false},
    {"tubular_bells", "synth", "piano", 14, 60, 77, false, false},
    {"kalimba", "synth", "piano", 108, 60, 88, false, false},
    {"steel_drums", "synth", "piano", 114, 60, 84, false, false},

    {"warm_pad", "pad", "", 89, 43, 84, true, false},
    {"polysynth", "pad", "", 90, 43, 84, true, false},
    {"glass_pad", "pad", "", 92, 48, 84, true, false},
    {"halo_pad", "pad", "", 94, 43, 84, true, false},

    {"choir_aahs", "choir", "", 52, 48, 79, true, false},
    {"voice_oohs", "choir", "", 53, 48, 79, true, false},
    {"synth_choir", "choir", "", 54, 48, 79, true, false},
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

}  // namespace tunesmith
