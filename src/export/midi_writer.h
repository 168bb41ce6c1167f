// Standard MIDI File writer: a Score as SMF type 1 at 960 PPQ (conductor track + one track per
// Score track). Pure function of the Score: same Score, same bytes. Thread-safe, no I/O.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "music/key.h"
#include "music/score.h"

namespace tunesmith {

// Key signature as SMF stores it: sharps (+) or flats (-) in -7..7, plus the major/minor flag.
// Church modes map to the signature of their parent scale, flagged minor when their third is.
struct MidiKeySignature {
    int sharps = 0;
    bool minor = false;
    friend bool operator==(const MidiKeySignature&, const MidiKeySignature&) = default;
};
MidiKeySignature midi_key_signature(const Key& key);
// The major or minor key a key-signature event names (C major for sharps 0, minor false).
Key key_from_midi_signature(MidiKeySignature signature);

// Prefix of the conductor-track text events through which tunesmith carries what SMF cannot
// say exactly (mode, exact tempo anchors, chord symbols). Other programs show them as text.
inline constexpr std::string_view kMidiTextPrefix = "tunesmith:";

// The whole file as bytes. Track 0: name, time signature, key signature, tempo map, section and
// hit markers. Tracks 1..n: name = Score track name, bank/program, notes, controllers, bends;
// drums on channel 10, other tracks on channels 1..16 skipping 10 in order.
std::string write_midi(const Score& score);

// write_midi to a file; throws InputError naming the path when it cannot be written.
void write_midi_file(const Score& score, const std::filesystem::path& path);

}  // namespace tunesmith
