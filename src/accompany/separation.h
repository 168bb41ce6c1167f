// A vocal upload that is really a mix (voice plus instruments): detection from spectral energy the
// voice's f0 partials do not explain, and classical isolation of the voice by f0-informed
// harmonic masking plus median-filter HPSS (harmonic/percussive separation).
// Pure functions; thread-safe (each call plans its own FFT); memory linear in the length.
#pragma once

#include <span>
#include <vector>

#include "analyze/pitch.h"
#include "music/units.h"

namespace tunesmith {

struct MixDetection {
    double partial_share = 1.0;  // median share of voiced frames' 100 Hz-5 kHz energy within the f0 partials
    double pause_level_db = -120.0;  // median level of unvoiced frames relative to voiced ones
    // Time between the first and last voiced frame that is quiet against the voice (below
    // SeparationOptions::bare_pause_level_db): gaps where nothing but the voice was recorded.
    double quiet_s = 0.0;
    // Share of the predominant (voice) melody's voiced frames where the monophonic f0 agrees
    // within a semitone (octaves forgiven); 1 when not measured. Low: it follows an instrument.
    double melody_agreement = 1.0;
    // The same, also counting frames where the two are one harmonic series read at two partials
    // (same_harmonic_series): low only when the f0 follows another line than the melody's.
    double series_agreement = 1.0;
    bool is_mix = false;
};

struct SeparationOptions {
    int window = 2048;                  // STFT size at the signal's rate (about 46 ms at 44.1 kHz)
    int hop = 512;
    double partial_width_cents = 70.0;  // half-width of each partial's pass band
    int harmonic_median = 17;           // HPSS median lengths: frames (time) and bins (frequency)
    int percussive_median = 17;
    double consonant_gain = 0.35;       // percussive energy kept near voiced frames (consonants)
    double max_hz = 6000.0;             // highest partial followed
    // Detection thresholds: a clean voice puts most of its voiced energy in its partials (0.86 on
    // the synthetic voice, 0.74 with a band at 0 dB), or is quiet between phrases. In a mix the f0
    // tracker follows the instruments through the pauses, so the pause level rarely decides.
    double mix_partial_share = 0.8;
    double mix_pause_level_db = -18.0;
    // A monophonic f0 that agrees with the voice melody on fewer frames than this follows an
    // instrument (a loud bass explains the spectrum around its own partials, so the partial share
    // alone calls such a mix clean) ...
    double mix_melody_agreement = 0.5;
    // ... unless counting the frames where the two pitches are p/q apart (p, q <= same_series_max_term,
    // within same_series_cents) it agrees on this many: then the melody tracker read one line's
    // harmonic series at another partial (a solo flute a fifth low, a low saxophone at its third
    // partial: its register prior; session 14). A voice over a bass agrees so on 0.57-0.74 (singing
    // chord tones), a rendered solo instrument on 0.87-0.96. same_series_max_term 0: octaves only.
    double mix_series_agreement = 0.8;
    int same_series_max_term = 8;
    double same_series_cents = 20.0;
    // None of these marks a mix when the upload falls this quiet (relative to the voice) for this
    // long between its first and last voiced frame: no band stops dead whenever the singer does,
    // while speech and unusual voices fail the partial and melody tests too.
    double bare_pause_level_db = -45.0;
    double bare_min_quiet_s = 0.5;
};

MixDetection detect_mix(std::span<const float> mono, SampleRate rate, const F0Track& f0,
                        const SeparationOptions& options = {});

// Share of `melody`'s voiced frames where `f0` is voiced within a semitone of it, octaves forgiven
// (frames matched by time); with `same_series_max_term` > 0 also where the two are on one harmonic
// series (same_harmonic_series within `same_series_cents`). 1 when `melody` has no voiced frame.
double f0_agreement(const F0Track& f0, const F0Track& melody, int same_series_max_term = 0,
                    double same_series_cents = 0.0);

// True when `a_hz` / `b_hz` is p/q with p, q <= max_term within `cents`: two readings of one
// harmonic series (a tone's partial p is the other reading's partial q).
bool same_harmonic_series(double a_hz, double b_hz, int max_term, double cents);

// Records the agreement of the monophonic f0 with the voice melody; a low one (also when counting
// readings of one harmonic series) marks a mix, unless the upload falls silent in its pauses
// (MixDetection::quiet_s).
void add_melody_agreement(MixDetection& detection, const F0Track& f0, const F0Track& melody,
                          const SeparationOptions& options = {});

// The voice of a mix: a soft mask passing the f0 partials of voiced frames (times HPSS's harmonic
// mask) plus part of the percussive component near voiced frames; inverse STFT by weighted
// overlap-add. Output has the input's length and rate.
std::vector<float> isolate_voice(std::span<const float> mono, SampleRate rate, const F0Track& f0,
                                 const SeparationOptions& options = {});

// Signal-to-distortion ratio in dB of an estimate against the true source (10 log10 of
// |s|^2 / |s - e|^2 over their common length); used by the evaluation and tests.
double signal_to_distortion_db(std::span<const float> truth, std::span<const float> estimate);

}  // namespace tunesmith
