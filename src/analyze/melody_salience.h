// Predominant-melody (singing voice) f0 of a mix, for uploads where a monophonic tracker follows
// the accompaniment: harmonic-summation salience, pitch contours and voice-vs-instrument contour
// features (Melodia-class, Salamon & Gomez 2012). Pure functions; thread-safe; memory linear.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "analyze/pitch.h"
#include "music/units.h"

namespace tunesmith {

struct PredominantMelodyOptions {
    int analysis_rate = 16000;       // the signal is resampled to this rate first
    int hop = 160;                   // 10 ms, the pitch tracker's frame grid
    int window = 1024;               // 64 ms Hann STFT window
    double min_midi = 43.0;          // lowest f0 candidate (G2, 98 Hz)
    double max_midi = 84.0;          // highest f0 candidate (C6, 1047 Hz)
    int harmonics = 20;              // partials summed per candidate
    double harmonic_weight = 0.8;    // weight alpha^(h-1) of the h-th partial
    double peak_range_db = 40.0;     // spectral peaks this far below the frame's strongest are ignored
    double silence_db = -60.0;       // frames quieter than this (RMS, dBFS) carry no peaks
    double frame_peak_ratio = 0.1;   // salience peaks below this share of the frame's best are ignored
    int peaks_per_frame = 8;
    double continuity_cents = 80.0;  // a contour moves at most this far between frames
    int max_gap_frames = 5;          // a contour survives this many frames without a peak
    double min_contour_s = 0.12;
    // Voice-like contours: the pitch wavers (vibrato, jitter) by at least this RMS deviation from
    // its 0.25 s moving average, and the salience does not decay like a plucked/struck string.
    double min_deviation_cents = 9.0;
    double max_decay_db_per_s = -12.0;
    // Stretches of a voice contour at least this long that decay or hold a pitch steadier than
    // steady_cents (a string ringing on at the voice's last pitch) are unvoiced.
    double min_instrument_run_s = 0.3;
    double steady_cents = 4.5;
    double min_relative_salience = 0.08;  // of the median voice-like contour's mean salience
    // Contours an octave, twelfth or two octaves apart: the lower is the f0 if this share of its
    // partial amplitude is in its own partials (1 and 3 for an octave) rather than the shared ones.
    double min_own_share = 0.3;
    double register_midi = 64.0;     // voice register prior (Gaussian over the contour's mean pitch)
    double register_sigma = 10.0;
};

// One continuous pitch contour with the features the voicing decision reads.
struct PitchContour {
    std::size_t begin = 0;            // first frame
    std::vector<float> midi;          // fractional MIDI pitch per frame (gaps interpolated)
    std::vector<float> salience;      // salience per frame (0 where interpolated)
    double mean_midi = 0.0;
    double mean_salience = 0.0;
    double deviation_cents = 0.0;     // RMS of the pitch around its 0.25 s moving average
    double decay_db_per_s = 0.0;      // median slope of the smoothed log salience
    bool voice_like = false;

    std::size_t end() const { return begin + midi.size(); }
};

// Every contour of the mix (voice-like or not), in order of their first frame. Frames follow
// F0Track's grid: frame i is centred on sample i * hop at analysis_rate.
std::vector<PitchContour> salience_contours(std::span<const float> mono, SampleRate rate,
                                            const PredominantMelodyOptions& options = {});

// The sung melody as an F0Track (analysis_rate, hop): voice-like contours, the most salient one
// where they overlap; level_db is the voice's harmonic level in voiced frames, the frame's RMS
// elsewhere. Empty input gives an empty track. Throws InputError for options out of range.
F0Track track_predominant_melody(std::span<const float> mono, SampleRate rate,
                                const PredominantMelodyOptions& options = {});

}  // namespace tunesmith
