// Mode tables, key parsing and scale-degree arithmetic.
#include "music/key.h"

#include <cctype>
#include <string>
#include <vector>
#include "base/text.h"

namespace tunesmith {
namespace {

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::string current;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!current.empty()) words.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

}  // namespace

std::string_view mode_name(Mode mode) {
    switch (mode) {
        case Mode::major: return "major";
        case Mode::minor: return "minor";
        case Mode::dorian: return "dorian";
        case Mode::phrygian: return "phrygian";
        case Mode::lydian: return "lydian";
        case Mode::mixolydian: return "mixolydian";
        case Mode::locrian: return "locrian";
        case Mode::harmonic_minor: return "harmonic minor";
    }
    return "major";
}

std::optional<Mode> parse_mode(std::string_view word) {
    const std::string w = lower(word);
    if (w == "major" || w == "maj" || w == "ionian" || w == "M") return Mode::major;
    if (w == "minor" || w == "min" || w == "m" || w == "aeolian" || w == "natural minor") return Mode::minor;
    if (w == "dorian") return Mode::dorian;
    if (w == "phrygian") return Mode::phrygian;
    if (w == "lydian") return Mode::lydian;
    if (w == "mixolydian") return Mode::mixolydian;
    if (w == "locrian") return Mode::locrian;
    if (w == "harmonic minor" || w == "harmonic") return Mode::harmonic_minor;
    return std::nullopt;
}

const std::array<int, 7>& mode_intervals(Mode mode) {
    static constexpr std::array<int, 7> major{0, 2, 4, 5, 7, 9, 11};
    static constexpr std::array<int, 7> minor{0, 2, 3, 5, 7, 8, 10};
    static constexpr std::array<int, 7> dorian{0, 2, 3, 5, 7, 9, 10};
    static constexpr std::array<int, 7> phrygian{0, 1, 3, 5, 7, 8, 10};
    static constexpr std::array<int, 7> lydian{0, 2, 4, 6, 7, 9, 11};
    static constexpr std::array<int, 7> mixolydian{0, 2, 4, 5, 7, 9, 10};
    static constexpr std::array<int, 7> locrian{0, 1, 3, 5, 6, 8, 10};
    static constexpr std::array<int, 7> harmonic_minor{0, 2, 3, 5, 7, 8, 11};
    switch (mode) {
        case Mode::major: return major;
        case Mode::minor: return minor;
        case Mode::dorian: return dorian;
        case Mode::phrygian: return phrygian;
        case Mode::lydian: return lydian;
        case Mode::mixolydian: return mixolydian;
        case Mode::locrian: return locrian;
        case Mode::harmonic_minor: return harmonic_minor;
    }
    return major;
}

bool mode_is_minor(Mode mode) { return mode_intervals(mode)[2] == 3; }

namespace {

constexpr std::array<int, 7> kLetterPc = {0, 2, 4, 5, 7, 9, 11};
constexpr std::array<int, 7> kLetterFifths = {0, 2, 4, -1, 1, 3, 5};  // C G D A E B F# order: F = -1

// Fifths from a mode's tonic to its parent major scale's tonic (dorian on D -> C: -2).
int mode_fifths(Mode mode) {
    switch (mode) {
        case Mode::lydian: return 1;
        case Mode::major: return 0;
        case Mode::mixolydian: return -1;
        case Mode::dorian: return -2;
        case Mode::minor: case Mode::harmonic_minor: return -3;
        case Mode::phrygian: return -4;
        case Mode::locrian: return -5;
    }
    return 0;
}

// `pc` spelled with letter (0..6): the accidental is the nearest to the letter's natural.
NoteName on_letter(int letter, int pc) {
    letter = ((letter % 7) + 7) % 7;
    int accidental = pitch_class(pc - kLetterPc[static_cast<std::size_t>(letter)]);
    if (accidental > 6) accidental -= 12;
    return NoteName{letter, accidental};
}

}  // namespace

int Key::degree_pc(int degree) const {
    const int octave = degree >= 0 ? degree / 7 : -((-degree + 6) / 7);
    const int index = degree - octave * 7;
    return pitch_class(tonic_pc() + mode_intervals(mode)[static_cast<std::size_t>(index)]);
}

int Key::degree_pitch(int degree, int octave_base_pitch) const {
    const int octave = degree >= 0 ? degree / 7 : -((-degree + 6) / 7);
    const int index = degree - octave * 7;
    return octave_base_pitch + tonic_pc() + 12 * octave + mode_intervals(mode)[static_cast<std::size_t>(index)];
}

bool Key::contains(int pc) const { return degree_of(pc).has_value(); }

std::optional<int> Key::degree_of(int pc) const {
    const int rel = pitch_class(pc - tonic_pc());
    const auto& iv = mode_intervals(mode);
    for (std::size_t i = 0; i < iv.size(); ++i)
        if (iv[i] == rel) return static_cast<int>(i);
    return std::nullopt;
}

bool Key::prefers_flats() const {
    if (tonic.accidental < 0) return true;
    if (tonic.accidental > 0) return false;
    // Natural tonics: the parent major scale decides (D minor and G dorian use flats: F major).
    static constexpr std::array<int, 8> kToParentMajor = {0, 3, -2, -4, -5, -7, -11, 3};
    const int shift = kToParentMajor[static_cast<std::size_t>(mode)];
    const int parent = pitch_class(tonic_pc() + shift);
    // F, Bb, Eb, Ab, Db, Gb majors use flats.
    return parent == 5 || parent == 10 || parent == 3 || parent == 8 || parent == 1 || parent == 6;
}

int Key::signature() const {
    return kLetterFifths[static_cast<std::size_t>(tonic.letter)] + 7 * tonic.accidental + mode_fifths(mode);
}

Key Key::conventional() const {
    const int sharps = signature();
    if (sharps >= -7 && sharps <= 7) return *this;
    // One letter up (for flats) or down (for sharps) is the same pitch 12 fifths the other way.
    return Key{on_letter(tonic.letter + (sharps < 0 ? -1 : 1), tonic_pc()), mode};
}

NoteName Key::spell(int pc) const {
    if (const auto degree = degree_of(pc)) return on_letter(tonic.letter + *degree, pc);
    // Chromatic: semitones above the tonic -> letters above it (1 b2, 3 b3, 4 3, 6 #4, 8 b6, 9 6, 10 b7, 11 7).
    static constexpr std::array<int, 12> kLetterSteps = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6};
    return on_letter(tonic.letter + kLetterSteps[static_cast<std::size_t>(pitch_class(pc - tonic_pc()))], pc);
}

std::string Key::to_string() const { return tonic.to_string() + " " + std::string(mode_name(mode)); }

std::optional<Key> Key::parse(std::string_view text) {
    std::vector<std::string> words = split_words(text);
    if (words.empty()) return std::nullopt;
    // Compact forms: "Dm", "F#m", "Bbmaj", "C#min".
    if (words.size() == 1) {
        const std::string& w = words[0];
        for (std::size_t cut = w.size(); cut >= 1; --cut) {
            auto name = NoteName::parse(std::string_view(w).substr(0, cut));
            if (!name) continue;
            const std::string rest = w.substr(cut);
            if (rest.empty()) return Key{*name, Mode::major};
            if (rest == "m" || lower(rest) == "min" || lower(rest) == "minor") return Key{*name, Mode::minor};
            if (rest == "M" || lower(rest) == "maj" || lower(rest) == "major") return Key{*name, Mode::major};
            return std::nullopt;
        }
        return std::nullopt;
    }
    // Spelled forms: tonic possibly two words ("F sharp"), then an optional mode (maybe two words).
    std::size_t used = 0;
    std::optional<NoteName> tonic;
    if (words.size() >= 2) {
        tonic = NoteName::parse(words[0] + " " + words[1]);
        if (tonic && lower(words[1]) != "m") used = 2;
        else tonic.reset();
    }
    if (!tonic) {
        tonic = NoteName::parse(words[0]);
        used = 1;
    }
    if (!tonic) return std::nullopt;
    if (used == words.size()) return Key{*tonic, Mode::major};
    std::string mode_text = words[used];
    for (std::size_t i = used + 1; i < words.size(); ++i) mode_text += " " + words[i];
    auto mode = parse_mode(mode_text);
    if (!mode && words.size() - used == 1 && words[used] == "M") mode = Mode::major;
    if (!mode) return std::nullopt;
    return Key{*tonic, *mode};
}

}  // namespace tunesmith
