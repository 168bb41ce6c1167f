// Monophonic pitch (f0) tracking for singing voice: probabilistic YIN (pYIN, Mauch & Dixon 2014).
// Per frame, the YIN cumulative-mean-normalised difference under a beta prior over thresholds
// gives a distribution of f0 candidates; an HMM over (pitch bin x voiced/unvoiced) with limited
// pitch jumps is decoded by Viterbi. Pure function; thread-safe; memory is linear in the length.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "music/units.h"

namespace tunesmith {

struct PitchOptions {
    int analysis_rate = 16000;       // the signal is resampled to this rate first
    int hop = 160;                   // frame step at analysis_rate (10 ms)
    int window = 512;                // YIN integration window at analysis_rate (32 ms)
    double min_hz = 60.0;            // lowest f0 searched (sets the longest lag)
    double max_hz = 1100.0;          // highest f0 searched
    double beta_mean = 0.1;          // beta prior over YIN thresholds: mean and
    double beta_concentration = 20;  // a + b (pYIN's beta(2, 18) is mean 0.1, concentration 20)
    double no_trough_probability = 0.01;  // mass given to the global minimum when no trough passes
    double bin_cents = 20.0;         // HMM pitch-state resolution (output keeps the sub-bin candidate)
    double max_jump_semitones_per_second = 400.0;  // pitch transition limit between frames
    double switch_probability = 0.01;              // voiced <-> unvoiced per frame
    double silence_db = -60.0;       // frames with RMS below this (dBFS) carry no candidates
};

struct PitchFrame {
    float f0_hz = 0.0f;               // 0 when unvoiced
    float voiced_probability = 0.0f;  // pYIN's total candidate mass, 0..1
    float level_db = -120.0f;         // RMS of the window in dBFS (floored at -120)
    bool voiced = false;              // the Viterbi path's voicing decision
};

// Frame i is centred on sample i * hop of the analysis-rate signal: time i * hop / rate.
struct F0Track {
    SampleRate rate{16000};
    int hop = 160;
    std::vector<PitchFrame> frames;

    double hop_seconds() const { return static_cast<double>(hop) / rate.hz; }
    double frame_time(std::size_t frame) const { return static_cast<double>(frame) * hop / rate.hz; }
    std::size_t size() const { return frames.size(); }
};

// Tracks f0 of a mono signal at any rate. Empty input gives an empty track; silence an all-
// unvoiced one. Throws InputError for options outside their ranges.
F0Track track_pitch(std::span<const float> mono, SampleRate rate, const PitchOptions& options = {});

}  // namespace tunesmith
