// Key estimation from pitch-class profiles: correlation of a (bass-weighted) pitch-class
// distribution with major and minor key profiles in all 24 transpositions. Works on audio
// chroma (full mixes) and on notes (a sung melody's pitches and durations). Pure; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <span>

#include "analyze/chords.h"
#include "analyze/chroma.h"
#include "music/key.h"
#include "music/score.h"

namespace tunesmith {

enum class KeyProfile { albrecht_shanahan, temperley, krumhansl };

struct KeyOptions {
    // Albrecht & Shanahan's corpus profile: on drifting POP909 renders (tuning sets, see
    // docs/analysis.md) it scores 0.87 MIREX-weighted against Temperley 0.85 and Krumhansl 0.72.
    KeyProfile profile = KeyProfile::albrecht_shanahan;
    double bass_weight = 0.5;  // how much the bass chroma adds to the full chroma
    // estimate_key_with_chords: weight of the chord-function evidence added to the correlations.
    // On the tuning songs (docs/analysis.md) 0 / 0.4 / 0.8 / 1.6 scored 0.873 / 0.912 / 0.920 / 0.925.
    double chord_weight = 0.8;
};

struct KeyEstimate {
    std::optional<Key> key;            // nullopt = no key (silence, or no pitched content)
    double confidence = 0.0;           // 0..0.9: about the chance the key is right (calibrated softmax share)
    std::array<double, 24> scores{};   // correlation per key: 0..11 major on C..B, 12..23 minor
    // 0..1: how much of a scale the pitch classes show (key_evidence); the confidence is scaled by it,
    // since a lone note or two say little about the key whatever the scores.
    double evidence = 1.0;

    bool has_key() const { return key.has_value(); }
};

// From the effective number of pitch classes a distribution shows (e to its entropy): 0 for one,
// rising to 1 at five (a pentatonic tune, any fuller scale or song).
double key_evidence(const std::array<double, 12>& histogram);

// From a 12-bin pitch-class distribution (any non-negative weights; all zero -> no key).
KeyEstimate estimate_key_from_histogram(const std::array<double, 12>& histogram, KeyProfile profile);

// From audio chroma: the energy-weighted mean of full + bass_weight * bass chroma.
KeyEstimate estimate_key(const Chromagram& chroma, const KeyOptions& options = {});

// From audio chroma plus the recognised chords: each key's correlation gains chord_weight times
// the duration-weighted fit of the chords to its diatonic functions (tonic chord most, then the
// dominant, subdominant and relative chords; chords foreign to the key count against it).
// With chord_weight 0 or no chords it equals estimate_key.
KeyEstimate estimate_key_with_chords(const Chromagram& chroma, std::span<const ChordEstimate> chords,
                                     const KeyOptions& options = {});

// From notes (e.g. a transcribed melody): each pitch class weighted by its total duration;
// the duration of a note weighs as its square root, so long held notes do not outvote the rest.
// A tune that comes to rest on a held final note (final_rest_pitch_class) leans to the keys on
// that note.
KeyEstimate estimate_key_from_notes(std::span<const Note> notes, KeyProfile profile = KeyProfile::albrecht_shanahan);

// The pitch class of the note a tune comes to rest on: its last note (blips under a quarter of
// the median length skipped) when it is held at least twice the median length; none for fewer than
// four notes.
std::optional<int> final_rest_pitch_class(std::span<const Note> notes);

// The conventional spelling of a key with this tonic pitch class and mode ("Eb major", "C# minor").
Key key_from_pitch_class(int tonic_pc, bool minor);

}  // namespace tunesmith
