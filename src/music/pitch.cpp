// Note-name spelling and parsing, and pitch/frequency conversion.
#include "music/pitch.h"

#include <array>
#include <cctype>
#include <cmath>
#include "base/text.h"

namespace tunesmith {
namespace {

constexpr std::array<int, 7> kLetterPc = {0, 2, 4, 5, 7, 9, 11};
constexpr std::array<char, 7> kLetters = {'C', 'D', 'E', 'F', 'G', 'A', 'B'};

int letter_index(char c) {
    switch (std::toupper(static_cast<unsigned char>(c))) {
        case 'C': return 0;
        case 'D': return 1;
        case 'E': return 2;
        case 'F': return 3;
        case 'G': return 4;
        case 'A': return 5;
        case 'B': return 6;
        default: return -1;
    }
}

}  // namespace

int NoteName::pitch_class() const {
    return tunesmith::pitch_class(kLetterPc[static_cast<std::size_t>(letter)] + accidental);
}

std::string NoteName::to_string() const {
    std::string out(1, kLetters[static_cast<std::size_t>(letter)]);
    for (int i = 0; i < accidental; ++i) out += '#';
    for (int i = 0; i > accidental; --i) out += 'b';
    return out;
}

std::optional<NoteName> NoteName::parse(std::string_view text) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    const int letter = letter_index(text.front());
    if (letter < 0) return std::nullopt;
    std::string rest = lower(text.substr(1));
    // Strip separators between letter and accidental words ("F sharp", "E-flat").
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '-')) rest.erase(0, 1);
    int accidental = 0;
    if (rest.empty()) {
    } else if (rest == "sharp" || rest == "#" || rest == "\u266f") {
        accidental = 1;
    } else if (rest == "flat" || rest == "b" || rest == "\u266d") {
        accidental = -1;
    } else if (rest == "##" || rest == "x" || rest == "double sharp") {
        accidental = 2;
    } else if (rest == "bb" || rest == "double flat") {
        accidental = -2;
    } else {
        return std::nullopt;
    }
    return NoteName{letter, accidental};
}

NoteName NoteName::from_pitch_class(int pc, bool prefer_flats) {
    pc = tunesmith::pitch_class(pc);
    static constexpr std::array<NoteName, 12> sharps = {{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {3, 0},
                                                         {3, 1}, {4, 0}, {4, 1}, {5, 0}, {5, 1}, {6, 0}}};
    static constexpr std::array<NoteName, 12> flats = {{{0, 0}, {1, -1}, {1, 0}, {2, -1}, {2, 0}, {3, 0},
                                                        {4, -1}, {4, 0}, {5, -1}, {5, 0}, {6, -1}, {6, 0}}};
    return prefer_flats ? flats[static_cast<std::size_t>(pc)] : sharps[static_cast<std::size_t>(pc)];
}

std::string midi_pitch_name(int midi_pitch) {
    return NoteName::from_pitch_class(midi_pitch, false).to_string() +
           std::to_string(midi_pitch / 12 - 1);
}

double pitch_to_frequency(double midi_pitch) { return 440.0 * std::pow(2.0, (midi_pitch - 69.0) / 12.0); }

double frequency_to_pitch(double hz) { return 69.0 + 12.0 * std::log2(hz / 440.0); }

}  // namespace tunesmith
