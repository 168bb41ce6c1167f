// Instrument group table: General MIDI programs, registers and controller needs per group,
// plus the names of drum voices used by style files.
#include "compose/instruments.h"

#include "spec/value_parsers.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace tunesmith {
namespace {

// Registers are the comfortable range of the default GM patch, not its full compass:
// the arranger keeps parts inside them so the SoundFont never plays an extreme sample.
constexpr std::array<InstrumentInfo, 10> kInstruments{{
    {"piano", 0, false, 36, 96, false, true, 48},
    {"strings", 48, false, 36, 88, true, false, 48},
    {"brass", 61, false, 40, 82, true, false, 48},
    {"woodwinds", 73, false, 55, 93, true, false, 55},
    {"guitar", 25, false, 40, 84, false, false, 48},
    {"bass", 33, false, 28, 55, false, false, 48},
    {"drums", 0, true, 35, 81, false, false, 48},
    {"synth", 81, false, 48, 96, false, false, 48},
    {"pad", 89, false, 43, 84, true, false, 48},
    {"choir", 52, false, 48, 79, true, false, 48},
}};

struct DrumVoice {
    std::string_view name;
    int key;
};

constexpr std::array<DrumVoice, 14> kDrumVoices{{
    {"kick", gm_drum::kick},       {"snare", gm_drum::snare},       {"rim", gm_drum::rim},
    {"clap", gm_drum::clap},       {"hat", gm_drum::closed_hat},    {"open_hat", gm_drum::open_hat},
    {"ride", gm_drum::ride},       {"crash", gm_drum::crash},       {"low_tom", gm_drum::low_tom},
    {"mid_tom", gm_drum::mid_tom}, {"high_tom", gm_drum::high_tom}, {"shaker", gm_drum::shaker},
    {"tambourine", gm_drum::tambourine}, {"bass_drum", gm_drum::bass_drum},
}};

}  // namespace

const std::vector<std::string>& track_group_order() {
    static const std::vector<std::string> groups = [] {
        std::vector<std::string> out;
        for (const auto& info : kInstruments) out.emplace_back(info.group);
        return out;
    }();
    return groups;
}

// The spec owns the group vocabulary and its aliases; the arrangement only uses it.
std::optional<std::string> canonical_group(std::string_view name) { return canonical_instrument(name); }

const InstrumentInfo& instrument_info(std::string_view group) {
    for (const auto& info : kInstruments)
        if (info.group == group) return info;
    throw std::logic_error("instrument_info: unknown group " + std::string(group));
}

InstrumentInfo voiced_instrument(std::string_view group, const Voice& voice, int style_program) {
    InstrumentInfo info = instrument_info(group);
    info.program = voice_program(voice, style_program);
    info.low = voice.low;
    info.high = voice.high;
    info.sustained = voice.sustained;
    info.pedal = voice.pedal;
    // Chords sit at the group's usual floor when the voice reaches it, with room for four voices
    // above (a tuba's chords are low, a glockenspiel's high).
    info.chord_low = std::clamp(48, voice.low, std::max(voice.low, voice.high - 19));
    return info;
}

namespace {

// The slow programs (0-based) and the striking program that plays their stabs.
struct SlowProgram {
    int first, last;
    int striking;
};
constexpr int kOrchestraHit = 55, kSynthBrass1 = 62, kPolysynth = 90;
constexpr std::array<SlowProgram, 13> kSlowPrograms{{
    {40, 44, kOrchestraHit},    // violin, viola, cello, contrabass, tremolo strings
    {48, 49, kOrchestraHit},    // string ensemble, slow strings
    {50, 51, kPolysynth},       // synth strings
    {52, 54, kOrchestraHit},    // choir aahs, voice oohs, synth voice
    {63, 63, kSynthBrass1},     // synth brass 2
    {68, 68, kOrchestraHit},    // oboe
    {72, 78, kOrchestraHit},    // piccolo, flute, recorder, pan flute, blown bottle, shakuhachi, whistle
    {89, 89, kPolysynth},       // warm pad
    {91, 93, kPolysynth},       // choir, bowed and metallic pads
    {95, 95, kPolysynth},       // sweep pad
    {97, 97, kPolysynth},       // soundtrack
    {99, 99, kPolysynth},       // atmosphere
    {101, 102, kPolysynth},     // goblins, echoes
}};

const SlowProgram* slow_program(int program) {
    for (const auto& slow : kSlowPrograms)
        if (program >= slow.first && program <= slow.last) return &slow;
    return nullptr;
}

}  // namespace

bool slow_attack(int program) { return slow_program(program) != nullptr; }

int striking_program(int program) {
    const SlowProgram* slow = slow_program(program);
    return slow != nullptr ? slow->striking : program;
}

std::optional<int> drum_voice_key(std::string_view voice) {
    for (const auto& v : kDrumVoices)
        if (v.name == voice) return v.key;
    return std::nullopt;
}

const std::vector<std::string>& drum_voice_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& v : kDrumVoices) out.emplace_back(v.name);
        return out;
    }();
    return names;
}

}  // namespace tunesmith
