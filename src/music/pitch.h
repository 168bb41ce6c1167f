// Pitches (MIDI numbers), pitch classes and spelled note names ("F#", "Bb").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tunesmith {

// 0 = C ... 11 = B.
inline constexpr int pitch_class(int midi_pitch) { return ((midi_pitch % 12) + 12) % 12; }

// A spelled note name: letter (0=C,1=D,...,6=B) plus accidental (-2..+2 semitones).
struct NoteName {
    int letter = 0;
    int accidental = 0;

    int pitch_class() const;
    std::string to_string() const;  // "C", "F#", "Bb", "Ebb"
    // Accepts "C", "c#", "Db", "F sharp", "E flat", "Bbb"; nullopt if not a note name.
    static std::optional<NoteName> parse(std::string_view text);
    // A conventional spelling of a pitch class (sharps or flats).
    static NoteName from_pitch_class(int pc, bool prefer_flats);

    friend bool operator==(const NoteName&, const NoteName&) = default;
};

// "C4" = 60.
std::string midi_pitch_name(int midi_pitch);

// Equal temperament, A4 = 440 Hz; fractional pitches allowed.
double pitch_to_frequency(double midi_pitch);
double frequency_to_pitch(double hz);

}  // namespace tunesmith
