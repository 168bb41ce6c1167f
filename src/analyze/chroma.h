// Chroma features: per frame, the energy of each of the 12 pitch classes, in two registers
// (full range and a bass register), tuning-corrected, from spectral peaks. Input to key and
// chord estimation and to downbeat inference. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "music/units.h"

namespace tunesmith {

using PitchClassVector = std::array<float, 12>;  // index 0 = C

struct ChromaOptions {
    int analysis_rate = 11025;      // the signal is resampled to this rate first
    int window = 4096;              // at analysis_rate (~0.37 s: resolves bass semitones)
    int hop = 512;                  // at analysis_rate (~46 ms)
    double min_hz = 50.0;           // lowest peak used
    double max_hz = 2500.0;         // highest peak used
    double bass_max_hz = 200.0;     // peaks below this also go into the bass chroma
    double compression = 100.0;     // log(1 + compression * normalised energy)
    double silence_db = -60.0;      // frames this far below the loudest are silent (all zero)
};

struct Chromagram {
    SampleRate source_rate;         // rate of the analysed signal (frame times are in its samples)
    SampleRate analysis_rate;
    int hop = 512;                  // at analysis_rate; frame i is centred on i * hop
    double tuning_cents = 0.0;      // estimated deviation of the recording from A4 = 440 Hz
    std::vector<PitchClassVector> full;  // per frame; all zero in silence
    std::vector<PitchClassVector> bass;  // per frame; pitch classes of peaks below bass_max_hz
    std::vector<float> energy;      // per frame, linear, relative to the loudest frame (0..1)

    std::size_t frames() const { return full.size(); }
    double frame_seconds(std::size_t frame) const {
        return static_cast<double>(frame) * hop / analysis_rate.hz;
    }
    Samples frame_sample(std::size_t frame) const {
        return to_samples(Seconds(frame_seconds(frame)), source_rate);
    }
    // Index of the frame nearest a sample of the source signal (clamped to the frames).
    std::size_t frame_at(Samples sample) const;
};

Chromagram compute_chroma(std::span<const float> mono, SampleRate rate, const ChromaOptions& options = {});

// The mean of frames [begin, end) of a register, each frame weighted by its energy.
PitchClassVector mean_chroma(std::span<const PitchClassVector> frames, std::span<const float> energy,
                             std::size_t begin, std::size_t end);

}  // namespace tunesmith
