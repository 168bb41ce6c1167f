// Voice-led chord voicings (common tones held, nearest motion, no parallel fifths/octaves in
// the outer voices where avoidable, no low clusters) and a root/inversion bass-line chooser.
//
// Pure functions; deterministic (a dynamic programme over candidate voicings, no randomness).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "music/chord.h"
#include "music/score.h"

namespace tunesmith {

struct VoicingOptions {
    int voices = 4;              // 3..6 notes per chord
    int low = 48;                // lowest pitch (C3)
    int high = 76;               // highest pitch (E5)
    int center = 62;             // the register the voicing is pulled towards (D4)
    bool bass_in_voicing = false;  // lowest voice is the chord's bass note (a piano left hand)

    // Validates every field; InputError names "voicing.<field>". Unknown fields are errors.
    static VoicingOptions from_json(const nlohmann::json& json);
};

// All acceptable voicings of one chord (ascending pitches): every required chord tone present
// (root, third, seventh; the fifth may be left out), within [low, high], spacing rules kept.
std::vector<std::vector<int>> voicing_candidates(const Chord& chord, const VoicingOptions& options);

// One voicing per chord span, minimising total voice movement plus penalties (parallel outer
// fifths/octaves, doubled thirds, drifting from the centre). `previous` (optional) is the
// voicing sounding before the first chord. Throws std::invalid_argument for options that leave
// no candidate (e.g. a range too narrow for the voice count).
std::vector<std::vector<int>> voice_chords(const std::vector<ChordSpan>& chords, const VoicingOptions& options,
                                           const std::vector<int>& previous = {});

// Total semitones moved from voicing a to b (voices matched in order when the sizes agree,
// else each note of b to the nearest note of a).
int voice_movement(const std::vector<int>& a, const std::vector<int>& b);

// Moves notes outside [low, high] by octaves into it (as far as the range allows) and drops a
// note that then doubles another at the same start and pitch: a named voice's register is a hard
// limit, whatever figure or chord put a note outside it.
void fold_into_register(std::vector<Note>& notes, int low, int high);

struct BassLineOptions {
    int low = 28;                  // E1
    int high = 52;                 // E3
    bool allow_inversions = true;  // thirds in the bass where they make a stepwise line
};

// One bass pitch per chord: the root (or the chord's slash bass), or its third when that turns
// a leap into a step (C - G/B - Am), with small leaps preferred and the register kept.
std::vector<int> bass_line(const std::vector<ChordSpan>& chords, const BassLineOptions& options = {});

}  // namespace tunesmith
