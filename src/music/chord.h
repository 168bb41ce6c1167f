// Chords as value types: root pitch class, quality and bass (for inversions and slash chords).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "music/key.h"

namespace tunesmith {

enum class ChordQuality { major, minor, diminished, augmented, sus2, sus4, major7, minor7, dominant7,
                          half_diminished7, diminished7, add9, minor_add9, major6, minor6 };

struct Chord {
    int root = 0;  // pitch class
    ChordQuality quality = ChordQuality::major;
    int bass = -1;  // pitch class of the bass; -1 = root position

    int bass_pc() const { return bass < 0 ? root : bass; }
    // Semitones above the root, ascending, root first (e.g. dominant7: 0 4 7 10).
    const std::vector<int>& intervals() const;
    std::vector<int> pitch_classes() const;
    bool contains(int pc) const;
    // Chord symbol: "Dm", "G7", "Cmaj7", "F#dim", "Bbsus4", "C/E". Flats or sharps as asked.
    std::string name(bool prefer_flats = false) const;
    // The symbol spelled in a key (Key::spell): "Gbm" in Db major, "F#m" in C# minor, "Ab" in C major.
    std::string name(const Key& key) const;
    // "maj" / "min" / "7" / ... as in MIREX labels ("B:maj").
    std::string_view quality_label() const;
    // Parses "Dm", "G7", "Cmaj7", "F#m7b5", "Bbsus4", "C/E", "A:min", "N" (nullopt for N).
    static std::optional<Chord> parse(std::string_view symbol);

    friend bool operator==(const Chord&, const Chord&) = default;
};

// The triad-level family used by maj/min evaluation: true if the chord's third is major.
bool chord_is_majorish(const Chord& chord);

}  // namespace tunesmith
