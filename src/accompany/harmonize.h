// Harmonizing a sung melody: an HMM over the key's chords decoded by Viterbi, one step per beat,
// with the melody's pitch classes as observations, corpus transitions, bar/half-bar change points
// and cadences at phrase ends; plus a user-forced progression cycled per bar.
// Pure functions; deterministic (no randomness); thread-safe.
#pragma once

#include <memory>
#include <vector>

#include "compose/harmonic_rhythm.h"
#include "compose/harmony.h"
#include "compose/plan.h"
#include "music/chord.h"
#include "music/key.h"
#include "music/meter.h"
#include "music/score.h"

namespace tunesmith {

struct HarmonizeOptions {
    // Probability of a chord change at a bar line, a half-bar line and any other beat, when no
    // corpus harmonic rhythm is given (`rhythm` null).
    double change_at_bar = 0.5;
    double change_at_half_bar = 0.22;
    double change_at_beat = 0.02;
    // Emission model: how much of a chord's probability mass its chord tones share, and how much
    // the other scale tones share (the rest goes to chromatic notes).
    double chord_tone_mass = 0.62;
    double scale_tone_mass = 0.30;
    double emission_weight = 3.0;     // log-likelihood scale of the sung notes against the transitions
    double strong_beat_weight = 1.6;  // a note starting on beat 1 (or the half-bar) weighs this much more
    double held_weight = 0.6;         // a note carried over from the previous beat weighs this much
    // A note off the bar/half-bar lines approached and left by step (at most a whole tone, within
    // `passing_gap_beats` of its neighbours) is a likely passing or neighbour tone: it says little
    // about the chord, so it weighs this much.
    double passing_tone_weight = 0.35;
    double passing_gap_beats = 0.5;
    // Log-probability bonuses for the tonic (and V at inner half cadences) where phrases end.
    double final_cadence_bonus = 3.0;
    double phrase_cadence_bonus = 0.9;
    double half_cadence_bonus = 0.5;
    double corpus_weight = 0.8;       // corpus transitions vs uniform among the candidates
    double min_chord_share = 0.01;    // corpus numerals rarer than this are not candidates
    // POP909 transition counts (load_harmony_model); null: uniform transitions, diatonic candidates.
    std::shared_ptr<const HarmonyModel> model;
    // Corpus harmonic rhythm (load_harmonic_rhythm): the change probability of a beat then depends on
    // how long the current chord has lasted as well as on the beat's place in the bar, so harmony keeps
    // moving where the melody says little (pauses, held notes). Null: the fixed change_at_* above.
    std::shared_ptr<const HarmonicRhythm> rhythm;
    // Ages past this many beats (one 4/4 bar) read the table at this age. In the corpus the change
    // rate of chords held for several bars falls (songs that hold chords long make up most of those
    // counts); a decoder that learned it would hold a chord for ever once it had held it two bars.
    int rhythm_max_age = 4;
};

// The chords the harmonizer chooses from: the key's major/minor/sus-free diatonic triads plus
// every numeral the corpus uses at least `min_chord_share` of the time in this key family.
std::vector<RomanChord> candidate_chords(const Key& key, const HarmonizeOptions& options);

// Chord spans covering [0, length) without gaps, changing only on beats. `melody` notes are in
// ticks on the same grid; `phrases` are the sung phrases (cadences fall at their ends).
std::vector<ChordSpan> harmonize(const std::vector<Note>& melody, const Key& key, const Meter& meter, Ticks length,
                                 const std::vector<TickRange>& phrases, const HarmonizeOptions& options = {});

// How well the best chord path explains the melody on this grid: its log-likelihood per beat from the
// beat of the first note on, with emissions as ratios against an unknown chord. Compares grids of one
// melody: bar phases (bar lines where the harmony changes score higher) and tempo levels (per beat,
// each beat's emission is about the share of it that is sung, whatever the beat's length). 0 for no melody.
double harmony_fit(const std::vector<Note>& melody, const Key& key, const Meter& meter, Ticks length,
                   const std::vector<TickRange>& phrases, const HarmonizeOptions& options = {});

// `chords` repeated one per bar over [0, length) (the --chords flag), the first chord on bar
// `first_bar` (bars before it take the chords that lead into it). Empty input: no spans.
std::vector<ChordSpan> cycle_progression(const std::vector<Chord>& chords, const Meter& meter, Ticks length,
                                         std::int64_t first_bar = 0);

// Fraction of melody notes whose pitch class belongs to the chord sounding at the note's start;
// with `strong_only`, only notes starting on a bar's first beat or its half-bar line count.
// Returns 0 when no note counts.
double chord_tone_ratio(const std::vector<Note>& melody, const std::vector<ChordSpan>& chords, const Meter& meter,
                        bool strong_only);

}  // namespace tunesmith
