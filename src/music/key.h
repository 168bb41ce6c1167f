// Keys and modes: a spelled tonic plus a mode, with the scale it implies.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "music/pitch.h"

namespace tunesmith {

enum class Mode { major, minor, dorian, phrygian, lydian, mixolydian, locrian, harmonic_minor };

std::string_view mode_name(Mode mode);  // "major", "minor", "dorian", ...
std::optional<Mode> parse_mode(std::string_view word);  // also "ionian", "aeolian", "maj", "min", "m"
// Semitone offsets of the seven scale degrees from the tonic.
const std::array<int, 7>& mode_intervals(Mode mode);
// True for modes whose third degree is minor (minor, dorian, phrygian, locrian, harmonic minor).
bool mode_is_minor(Mode mode);

struct Key {
    NoteName tonic{};
    Mode mode = Mode::major;

    int tonic_pc() const { return tonic.pitch_class(); }
    // Pitch class of a scale degree (0-based, may exceed 6 or be negative: wraps by octave).
    int degree_pc(int degree) const;
    // MIDI pitch of a scale degree in the octave starting at `tonic_midi_base`.
    int degree_pitch(int degree, int octave_base_pitch) const;
    bool contains(int pc) const;
    // 0..6 if pc is diatonic, else nullopt.
    std::optional<int> degree_of(int pc) const;
    // Whether note names in this key are conventionally spelled with flats.
    bool prefers_flats() const;
    // Sharps (> 0) or flats (< 0) of the key signature: those of the parent major scale. May pass 7
    // for a key no one writes (Db minor: -8, G# major: +8); see conventional().
    int signature() const;
    // The same key spelled with at most 7 sharps or flats: Db minor -> C# minor, G# major -> Ab major
    // (the tonic's enharmonic twin); any other key unchanged.
    Key conventional() const;
    // A pitch class spelled in this key: a scale note by its degree's letter (F# in D major, Cb in Gb
    // minor), any other as an altered degree (b2 b3 #4 b6 b7, or the raised 3rd, 6th and 7th: G# in A
    // minor), so names use the key's own accidentals.
    NoteName spell(int pc) const;

    std::string to_string() const;  // "D minor", "Bb dorian"
    // Accepts "D minor", "Dm", "D min", "F# major", "F sharp major", "Bb dorian", "E flat", "C".
    static std::optional<Key> parse(std::string_view text);

    friend bool operator==(const Key&, const Key&) = default;
};

}  // namespace tunesmith
