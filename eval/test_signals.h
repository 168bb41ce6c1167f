// Synthetic signals with known ground truth for the onset/beat/key/chord tests and evaluation
// (ANALYSIS-B): harmonic tones, drum hits, beat grids whose tempo drifts, chord progressions.
// Header-only; deterministic (noise comes from a seeded Rng).
#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "base/random.h"
#include "music/chord.h"
#include "music/pitch.h"
#include "music/units.h"

namespace tunesmith::signals {

inline std::size_t index_of(double seconds, SampleRate rate) {
    return static_cast<std::size_t>(std::max<long long>(0, std::llround(seconds * rate.hz)));
}

// A harmonic tone (partial h at amplitude 1/h) with a 5 ms attack, exponential decay and a
// 20 ms release, added into `out`.
inline void add_tone(std::vector<float>& out, SampleRate rate, double start, double duration, double midi_pitch,
                     double amplitude, int partials = 6, double decay_per_second = 1.5) {
    const double f0 = pitch_to_frequency(midi_pitch);
    const std::size_t first = index_of(start, rate);
    const std::size_t count = index_of(duration + 0.02, rate);
    for (std::size_t i = 0; i < count && first + i < out.size(); ++i) {
        const double t = static_cast<double>(i) / rate.hz;
        double envelope = std::min(1.0, t / 0.005) * std::exp(-decay_per_second * t);
        if (t > duration) envelope *= std::max(0.0, 1.0 - (t - duration) / 0.02);
        double sample = 0.0;
        for (int h = 1; h <= partials; ++h) {
            const double hz = f0 * h;
            if (hz >= 0.45 * rate.hz) break;
            sample += std::sin(2.0 * std::numbers::pi * hz * t) / h;
        }
        out[first + i] += static_cast<float>(amplitude * envelope * sample);
    }
}

// A kick (pitch-swept sine) when `accent`, and always a short noise burst (a hi-hat/snare).
inline void add_drum_hit(std::vector<float>& out, SampleRate rate, double start, bool accent, Rng& rng) {
    const std::size_t first = index_of(start, rate);
    const std::size_t count = index_of(0.15, rate);
    double phase = 0.0;
    for (std::size_t i = 0; i < count && first + i < out.size(); ++i) {
        const double t = static_cast<double>(i) / rate.hz;
        double sample = 0.25 * rng.uniform(-1.0, 1.0) * std::exp(-t / 0.012);
        if (accent) {
            phase += 2.0 * std::numbers::pi * (50.0 + 100.0 * std::exp(-t / 0.02)) / rate.hz;
            sample += 0.6 * std::sin(phase) * std::exp(-t / 0.06);
        }
        out[first + i] += static_cast<float>(sample);
    }
}

// Beat times (seconds) of a performer whose tempo drifts sinusoidally: bpm * (1 + depth *
// sin(2 pi t / period)), from `start` until `end`.
inline std::vector<double> drifting_beats(double bpm, double depth, double period, double start, double end) {
    std::vector<double> beats;
    for (double t = start; t < end;) {
        beats.push_back(t);
        t += 60.0 / (bpm * (1.0 + depth * std::sin(2.0 * std::numbers::pi * t / period)));
    }
    return beats;
}

// A chord as a bass note (octave 2) plus the chord tones voiced upwards from middle C's octave.
inline void add_chord(std::vector<float>& out, SampleRate rate, double start, double duration, const Chord& chord,
                      double amplitude) {
    add_tone(out, rate, start, duration, 36 + chord.bass_pc(), amplitude * 0.9, 6, 0.8);
    for (int pc : chord.pitch_classes()) add_tone(out, rate, start, duration, 60 + pc, amplitude * 0.5, 6, 0.8);
}

}  // namespace tunesmith::signals
