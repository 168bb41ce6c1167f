// Test/eval fixture: a sung song with exact ground truth - a beat grid whose tempo drifts, a
// chord per bar, a melody of chord tones on strong beats and passing tones between, phrases of
// three bars with a one-bar breath - voiced through analyze's sung-melody timbre (vowel
// formants, vibrato, breath noise), plus an optional plucked band for "mix upload" cases.
// Not library code.
#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "../analyze/sung_melody.h"
#include "music/chord.h"
#include "music/key.h"

namespace tunesmith::testing_song {

using testing_sung::SungNote;
using testing_sung::SungPhrase;

struct ChordTruth {
    double start_s = 0.0;
    double end_s = 0.0;
    Chord chord;
};

struct SungSongOptions {
    int rate = 22050;
    double bpm = 96.0;
    double drift = 0.06;        // peak tempo deviation (a slow sine plus a random walk)
    int phrases = 4;            // each: 3 sung bars + 1 bar of rest
    int tonic_pc = 0;           // major key on this tonic
    bool band = false;          // add a plucked guitar-like band playing the chords on every beat
    double band_db = 0.0;       // band RMS relative to the voice's RMS (dB)
    bool bass = false;          // add a plucked bass playing the chord roots (MIDI 36-47) on every beat
    double bass_db = 6.0;       // bass RMS relative to the voice's RMS (dB): louder than the voice
};

struct SungSong {
    int rate = 22050;
    std::vector<float> audio;   // voice (+ band when asked)
    std::vector<float> voice;   // the voice alone (truth for isolation)
    std::vector<double> beats;  // true beat times (s)
    std::vector<SungNote> notes;
    std::vector<SungPhrase> phrases;
    std::vector<ChordTruth> chords;
    Key key;
};

namespace detail {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// A slow sine tempo drift of +-drift plus a bounded random walk: beat periods that push and pull.
inline std::vector<double> drifting_beats(int count, double bpm, double drift, Rng rng) {
    std::vector<double> beats;
    double t = 0.5, walk = 0.0;
    const double phase = rng.uniform(0.0, kTwoPi);
    for (int i = 0; i <= count; ++i) {
        beats.push_back(t);
        walk = std::clamp(walk + rng.normal(0.0, 0.004), -drift / 3.0, drift / 3.0);
        const double factor = 1.0 + (drift * 2.0 / 3.0) * std::sin(kTwoPi * i / 24.0 + phase) + walk;
        t += 60.0 / (bpm * factor);
    }
    return beats;
}

// Harmonic voice with formants, delayed vibrato and a short attack/release per note.
inline void sing(const std::vector<SungNote>& notes, int rate, Rng rng, std::vector<float>& out) {
    using testing_sung::detail::voice_gain;
    using testing_sung::detail::vowels;
    double phase = 0.0;
    for (std::size_t i = 0; i < notes.size(); ++i) {
        const SungNote& n = notes[i];
        const auto& vowel = vowels()[static_cast<std::size_t>(rng.range(0, 4))];
        const double vibrato_hz = rng.uniform(5.0, 6.0), vibrato_cents = rng.uniform(25.0, 50.0);
        const double level = std::pow(10.0, rng.uniform(-4.0, 0.0) / 20.0);
        const auto first = static_cast<std::size_t>(n.onset_s * rate);
        const auto last = std::min(out.size(), static_cast<std::size_t>(n.offset_s * rate));
        std::vector<double> gains;
        for (std::size_t s = first; s < last; ++s) {
            const double local = static_cast<double>(s - first) / rate;
            const double remaining = n.offset_s - static_cast<double>(s) / rate;
            double midi = n.midi;
            if (local > 0.15) midi += std::min(1.0, (local - 0.15) / 0.15) * vibrato_cents / 100.0 *
                                      std::sin(kTwoPi * vibrato_hz * (local - 0.15));
            const double f0 = 440.0 * std::exp2((midi - 69.0) / 12.0);
            phase = std::fmod(phase + kTwoPi * f0 / rate, kTwoPi);
            if ((s - first) % 64 == 0) {
                gains.clear();
                for (int h = 1; h * f0 < std::min(5000.0, rate / 2.2); ++h) gains.push_back(voice_gain(vowel, h * f0, h));
            }
            double sum = 0.0;
            for (std::size_t h = 0; h < gains.size(); ++h) sum += gains[h] * std::sin(phase * static_cast<double>(h + 1));
            const double envelope = level * std::min(1.0, local / 0.03) * std::min(1.0, remaining / 0.05);
            out[s] += static_cast<float>(0.02 * envelope * sum);
        }
    }
}

// Plucked chord tones on every beat (a decaying harmonic tone per string), for mix uploads.
inline void strum(const std::vector<ChordTruth>& chords, const std::vector<double>& beats, int rate, double gain,
                  std::vector<float>& out) {
    for (std::size_t b = 0; b + 1 < beats.size(); ++b) {
        const auto chord = std::find_if(chords.begin(), chords.end(), [&](const ChordTruth& c) {
            return beats[b] >= c.start_s - 1e-9 && beats[b] < c.end_s - 1e-9;
        });
        if (chord == chords.end()) continue;
        int k = 0;
        for (int pc : chord->chord.pitch_classes()) {
            const double midi = 48 + ((pc - 48) % 12 + 12) % 12 + 12 * (k % 2);
            const double hz = 440.0 * std::exp2((midi - 69.0) / 12.0);
            const auto first = static_cast<std::size_t>((beats[b] + 0.012 * k) * rate);
            const auto length = static_cast<std::size_t>((beats[b + 1] - beats[b]) * rate);
            for (std::size_t i = 0; i < length && first + i < out.size(); ++i) {
                const double t = static_cast<double>(i) / rate;
                double v = 0.0;
                for (int h = 1; h <= 6; ++h) v += std::sin(kTwoPi * hz * h * t) / (h * h);
                out[first + i] += static_cast<float>(gain * std::exp(-t * 5.0) * v);
            }
            ++k;
        }
    }
}

// A plucked bass on every beat: the chord's root in MIDI 36-47, eight partials, slow decay.
inline void bass_line(const std::vector<ChordTruth>& chords, const std::vector<double>& beats, int rate,
                      std::vector<float>& out) {
    for (std::size_t b = 0; b + 1 < beats.size(); ++b) {
        const auto chord = std::find_if(chords.begin(), chords.end(), [&](const ChordTruth& c) {
            return beats[b] >= c.start_s - 1e-9 && beats[b] < c.end_s - 1e-9;
        });
        if (chord == chords.end()) continue;
        const double hz = 440.0 * std::exp2((36 + chord->chord.root - 69.0) / 12.0);
        const auto first = static_cast<std::size_t>(beats[b] * rate);
        const auto length = static_cast<std::size_t>((beats[b + 1] - beats[b]) * rate);
        for (std::size_t i = 0; i < length && first + i < out.size(); ++i) {
            const double t = static_cast<double>(i) / rate;
            double v = 0.0;
            for (int h = 1; h <= 8; ++h) v += std::sin(kTwoPi * hz * h * t) / h;
            out[first + i] += static_cast<float>(std::exp(-t * 2.5) * std::min(1.0, t / 0.005) * v);
        }
    }
}

// Adds `part` to `mix` at `db` relative to the RMS of `reference`.
inline void add_at_level(const std::vector<float>& part, const std::vector<float>& reference, double db,
                         std::vector<float>& mix) {
    double reference_power = 0.0, part_power = 0.0;
    for (std::size_t i = 0; i < part.size(); ++i) {
        reference_power += static_cast<double>(reference[i]) * static_cast<double>(reference[i]);
        part_power += static_cast<double>(part[i]) * static_cast<double>(part[i]);
    }
    const double gain = part_power > 0.0 ? std::sqrt(reference_power / part_power) * std::pow(10.0, db / 20.0) : 0.0;
    for (std::size_t i = 0; i < part.size(); ++i) mix[i] += static_cast<float>(gain * static_cast<double>(part[i]));
}

}  // namespace detail

inline SungSong synthesize_song(const SungSongOptions& options, Rng rng) {
    SungSong song;
    song.rate = options.rate;
    song.key = Key{NoteName::from_pitch_class(options.tonic_pc, false), Mode::major};
    const int bars = options.phrases * 4;
    song.beats = detail::drifting_beats(bars * 4, options.bpm, options.drift, rng.fork("tempo"));
    static const int kDegrees[4][4] = {{0, 5, 3, 4}, {0, 3, 4, 0}, {5, 3, 0, 4}, {0, 4, 5, 3}};
    Rng plan = rng.fork("plan");
    int pitch = 60 + options.tonic_pc;
    for (int p = 0; p < options.phrases; ++p) {
        const int row = plan.range(0, 3);
        for (int bar = 0; bar < 4; ++bar) {
            const int b = p * 4 + bar;
            const Chord chord = Chord{song.key.degree_pc(kDegrees[row][bar]),
                                      kDegrees[row][bar] == 5 || kDegrees[row][bar] == 1 || kDegrees[row][bar] == 2
                                          ? ChordQuality::minor : ChordQuality::major};
            song.chords.push_back({song.beats[static_cast<std::size_t>(b * 4)], song.beats[static_cast<std::size_t>(b * 4 + 4)], chord});
            if (bar == 3) continue;  // the breath bar
            for (int beat = 0; beat < 4;) {
                const int length = (beat % 2 == 0 && plan.chance(0.4)) ? 2 : 1;
                const bool strong = beat % 2 == 0;
                // Strong beats: the chord tone nearest the previous pitch; weak beats: a scale step.
                int next = pitch;
                if (strong) {
                    int best = 200;
                    for (int cand = 55; cand <= 76; ++cand)
                        if (chord.contains(cand % 12) && std::abs(cand - pitch) < std::abs(best - pitch) && cand != pitch) best = cand;
                    next = best;
                } else {
                    const int step = plan.chance(0.5) ? 1 : -1;
                    for (next = pitch + step; !song.key.contains(((next % 12) + 12) % 12); next += step) {}
                    next = std::clamp(next, 55, 76);
                }
                pitch = next;
                const auto i = static_cast<std::size_t>(b * 4 + beat);
                const double onset = song.beats[i];
                const double offset = song.beats[i + static_cast<std::size_t>(length)] - 0.03;
                song.notes.push_back({onset, offset, pitch});
                beat += length;
            }
        }
        const auto first = static_cast<std::size_t>(p * 16);
        song.phrases.push_back({song.beats[first], song.beats[first + 12] - 0.03});
    }
    const auto samples = static_cast<std::size_t>((song.beats.back() + 1.0) * options.rate);
    song.voice.assign(samples, 0.0f);
    detail::sing(song.notes, options.rate, rng.fork("voice"), song.voice);
    Rng noise = rng.fork("noise");
    for (float& x : song.voice) x += static_cast<float>(0.0005 * noise.uniform(-1.0, 1.0));
    song.audio = song.voice;
    if (options.band) {
        std::vector<float> band(samples, 0.0f);
        detail::strum(song.chords, song.beats, options.rate, 1.0, band);
        detail::add_at_level(band, song.voice, options.band_db, song.audio);
    }
    if (options.bass) {
        std::vector<float> bass(samples, 0.0f);
        detail::bass_line(song.chords, song.beats, options.rate, bass);
        detail::add_at_level(bass, song.voice, options.bass_db, song.audio);
    }
    return song;
}

}  // namespace tunesmith::testing_song
