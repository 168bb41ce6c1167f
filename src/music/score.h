// Score: symbolic music. Tracks (one per stem) of notes with velocity and controller curves,
// plus the tempo map, meter, key, chord symbols and section markers. MIDI and MusicXML are
// views of a Score; an edited MIDI file comes back in as a Score.
#pragma once

#include <string>
#include <vector>

#include "music/chord.h"
#include "music/key.h"
#include "music/meter.h"
#include "music/tempo_map.h"
#include "music/units.h"

namespace tunesmith {

struct Note {
    Ticks start;
    Ticks duration;
    int pitch = 60;     // MIDI 0..127
    int velocity = 80;  // MIDI 1..127
    friend bool operator==(const Note&, const Note&) = default;
    Ticks end() const { return start + duration; }
};

// A MIDI controller value at a time (CC 1 modulation, 7 volume, 10 pan, 11 expression, 64 sustain...).
struct ControlPoint {
    Ticks time;
    int controller = 11;
    int value = 127;
    friend bool operator==(const ControlPoint&, const ControlPoint&) = default;
};

struct PitchBendPoint {
    Ticks time;
    int value = 0;  // -8192..8191, 0 = centre
    friend bool operator==(const PitchBendPoint&, const PitchBendPoint&) = default;
};

// One instrument part; its name is the stem name: the group ("strings", "drums"), or the voice
// the spec named for it ("cello").
struct Track {
    std::string name;
    int program = 0;  // General MIDI program 0..127
    int bank = 0;
    bool drums = false;  // General MIDI percussion (channel 10)
    std::vector<Note> notes;
    std::vector<ControlPoint> controls;
    std::vector<PitchBendPoint> bends;
    std::string group{};  // the instrument group a voice-named track plays ("strings" for "cello"); "" = name
    friend bool operator==(const Track&, const Track&) = default;
};

struct ChordSpan {
    Ticks start;
    Ticks end;
    Chord chord;
    friend bool operator==(const ChordSpan&, const ChordSpan&) = default;
};

struct Marker {
    Ticks time;
    std::string text;
    friend bool operator==(const Marker&, const Marker&) = default;
};

struct Score {
    TempoMap tempo;
    Meter meter;
    Key key;
    Ticks length;            // musical end (the last bar line)
    Samples length_samples;  // exact audio length of the cue
    std::vector<Track> tracks;
    std::vector<ChordSpan> chords;
    std::vector<Marker> markers;
    friend bool operator==(const Score&, const Score&) = default;
};

}  // namespace tunesmith
