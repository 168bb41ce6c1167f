// Disguising a known melody the way a copier would (transpose, change tempo, ornament, change a
// few notes, nudge the rhythm), shared by tests/rights and eval/eval_rights. Deterministic per Rng.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "base/random.h"
#include "rights/melody_line.h"

namespace tunesmith::testing_disguise {

struct Disguise {
    int transpose = 5;            // semitones
    double tempo = 1.25;          // IOIs divided by this
    double ornament_rate = 0.10;  // a passing/neighbour note inserted after this share of notes
    double change_rate = 0.08;    // this share of notes moved by one or two semitones
    double rhythm_jitter = 0.15;  // IOIs scaled by up to +-this (slight rhythm changes)
};

inline MelodyLine disguise(const MelodyLine& in, const Disguise& d, Rng rng) {
    MelodyLine out;
    auto push = [&](int pitch, double ioi) {
        out.pitches.push_back(static_cast<std::uint8_t>(std::clamp(pitch, 0, 127)));
        out.iois.push_back(static_cast<std::uint16_t>(std::clamp(ioi, 1.0, 65535.0)));
    };
    for (std::size_t i = 0; i < in.size(); ++i) {
        int pitch = in.pitches[i] + d.transpose;
        if (rng.chance(d.change_rate)) pitch += rng.chance(0.5) ? rng.range(1, 2) : -rng.range(1, 2);
        double ioi = static_cast<double>(in.iois[i]) * 4.0 / d.tempo;  // finer unit so tempo changes stay exact-ish
        ioi *= 1.0 + rng.uniform(-d.rhythm_jitter, d.rhythm_jitter);
        const bool ornament = i + 1 < in.size() && ioi >= 8.0 && rng.chance(d.ornament_rate);
        if (!ornament) {
            push(pitch, ioi);
            continue;
        }
        // A short neighbour or passing note takes a quarter of the note's time.
        const int next = in.pitches[i + 1] + d.transpose;
        const int step = next > pitch ? 1 : -1;
        const int extra = next == pitch ? pitch + (rng.chance(0.5) ? 1 : -1) : pitch + step * rng.range(1, 2);
        push(pitch, ioi * 0.75);
        push(extra, ioi * 0.25);
    }
    return out;
}

// A random melody of `notes` notes: mostly steps, some leaps, common rhythms (a null model).
inline MelodyLine random_melody(std::size_t notes, Rng rng) {
    MelodyLine out;
    int pitch = 64 + rng.range(-5, 5);
    const std::uint16_t durations[] = {3, 6, 6, 12, 12, 12, 18, 24};
    for (std::size_t i = 0; i < notes; ++i) {
        out.pitches.push_back(static_cast<std::uint8_t>(pitch));
        out.iois.push_back(durations[rng.range(0, 7)]);
        const int step = rng.chance(0.7) ? rng.range(-2, 2) : rng.range(-7, 7);
        pitch = std::clamp(pitch + step, 52, 84);
    }
    return out;
}

// A melody with pop's statistics in miniature: many repeated notes and steps, scale runs, a few
// leaps, even rhythms. Indexes of these make repeated notes and scale runs common, as in a
// real corpus.
inline MelodyLine pop_like_melody(std::size_t notes, Rng rng) {
    MelodyLine out;
    int pitch = 64 + rng.range(-5, 5);
    const std::uint16_t durations[] = {6, 6, 6, 12, 12, 12, 18, 24};
    const int major_steps[] = {2, 2, 1, 2, 2, 2, 1};  // a major scale from its tonic
    auto push = [&](std::uint16_t ioi) {
        out.pitches.push_back(static_cast<std::uint8_t>(pitch));
        out.iois.push_back(ioi);
    };
    while (out.size() < notes) {
        const double kind = rng.uniform(0.0, 1.0);
        if (kind < 0.1) {  // a scale run of five notes, up or down, in even notes
            const int direction = rng.chance(0.5) ? 1 : -1;
            for (int k = 0; k < 5 && out.size() < notes; ++k) {
                push(6);
                pitch = std::clamp(pitch + direction * major_steps[(direction > 0 ? k : 6 - k) % 7], 52, 84);
            }
            continue;
        }
        push(durations[rng.range(0, 7)]);
        const int step = kind < 0.4 ? 0 : kind < 0.85 ? (rng.chance(0.5) ? 1 : -1) * rng.range(1, 2)
                                                      : (rng.chance(0.5) ? 1 : -1) * rng.range(3, 9);
        pitch = std::clamp(pitch + step, 52, 84);
    }
    return out;
}

// Notes [first, first + count) of a line.
inline MelodyLine excerpt(const MelodyLine& in, std::size_t first, std::size_t count) {
    MelodyLine out;
    const std::size_t end = std::min(in.size(), first + count);
    for (std::size_t i = std::min(first, end); i < end; ++i) {
        out.pitches.push_back(in.pitches[i]);
        out.iois.push_back(in.iois[i]);
    }
    return out;
}

}  // namespace tunesmith::testing_disguise
