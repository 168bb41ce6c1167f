// Test/eval fixture: a synthesized sung-like melody with exact ground truth (f0 per frame, notes,
// phrases). Harmonic voice source through vowel formants, delayed vibrato (5-6 Hz, 30-60 cents),
// glides, consonant gaps, breath noise between phrases and a drifting tempo. Not library code.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include "analyze/pitch.h"
#include "base/random.h"

namespace tunesmith::testing_sung {

struct SungNote {
    double onset_s = 0.0;
    double offset_s = 0.0;
    int midi = 60;
};

struct SungPhrase {
    double start_s = 0.0;
    double end_s = 0.0;
};

struct SungMelody {
    int rate = 22050;
    std::vector<float> audio;
    std::vector<SungNote> notes;
    std::vector<SungPhrase> phrases;
    double truth_hop_s = 0.01;       // ground-truth f0 frame i is at time i * truth_hop_s
    std::vector<double> truth_f0_hz; // 0 where unvoiced (envelope below 25% of the note's level)
};

struct SungMelodyOptions {
    int rate = 22050;
    int phrases = 4;
    int min_notes = 4, max_notes = 8;  // per phrase
    int low_midi = 55, high_midi = 74; // sung range (a high male / low female voice)
    double beat_s = 0.42;              // nominal beat; drifts +-6 % as a random walk
    double glide_probability = 0.35;
    double consonant_probability = 0.3;  // a note starts after an unvoiced consonant gap
    double breath_db = -32.0;            // breath noise before each phrase, relative to the voice
    double noise_floor_db = -66.0;
    double detune_cents = 0.0;           // the singer's global tuning offset
};

namespace detail {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

struct Vowel {
    std::array<double, 3> formant_hz;
    std::array<double, 3> bandwidth_hz;
};

inline const std::array<Vowel, 5>& vowels() {
    static const std::array<Vowel, 5> table{{
        {{800, 1200, 2500}, {80, 90, 120}},   // a
        {{400, 2000, 2600}, {60, 100, 120}},  // e
        {{300, 2300, 3000}, {50, 100, 120}},  // i
        {{450, 800, 2500}, {70, 80, 120}},    // o
        {{325, 700, 2500}, {50, 60, 120}},    // u
    }};
    return table;
}

// Vocal-tract gain at a frequency: a cascade of three two-pole resonators (Klatt), unity at DC,
// times the source-plus-radiation tilt of about -6 dB per octave.
inline double voice_gain(const Vowel& vowel, double hz, int harmonic) {
    double gain = 1.0;
    for (std::size_t i = 0; i < 3; ++i) {
        const double ratio = hz / vowel.formant_hz[i];
        const double damping = hz * vowel.bandwidth_hz[i] / (vowel.formant_hz[i] * vowel.formant_hz[i]);
        gain /= std::sqrt((1.0 - ratio * ratio) * (1.0 - ratio * ratio) + damping * damping);
    }
    return gain / std::pow(harmonic, 1.1);
}

// A planned note with its expression.
struct NotePlan {
    double onset, offset;
    int midi;
    bool glide;          // glide from the previous pitch over the first glide_s seconds
    double glide_s;
    bool consonant;      // preceded by an unvoiced consonant gap
    double vibrato_hz, vibrato_cents, vibrato_delay_s;
    double level;
    std::size_t vowel;
};

}  // namespace detail

inline SungMelody synthesize_sung_melody(const SungMelodyOptions& options, Rng rng) {
    using namespace detail;
    SungMelody out;
    out.rate = options.rate;
    Rng plan_rng = rng.fork("plan"), noise_rng = rng.fork("noise"), jitter_rng = rng.fork("jitter");

    // 1. Plan phrases and notes on a drifting beat.
    std::vector<NotePlan> plans;
    double t = 0.6;
    double beat = options.beat_s;
    int pitch = (options.low_midi + options.high_midi) / 2;
    const std::array<double, 5> lengths{0.5, 1.0, 1.0, 1.5, 2.0};
    for (int p = 0; p < options.phrases; ++p) {
        SungPhrase phrase{t, t};
        const int count = plan_rng.range(options.min_notes, options.max_notes);
        for (int k = 0; k < count; ++k) {
            beat = std::clamp(beat * (1.0 + plan_rng.uniform(-0.02, 0.02)), options.beat_s * 0.94, options.beat_s * 1.06);
            NotePlan note{};
            note.consonant = k > 0 && plan_rng.chance(options.consonant_probability);
            const double gap = note.consonant ? plan_rng.uniform(0.05, 0.09) : 0.0;
            note.onset = t + gap;
            note.offset = note.onset + beat * lengths[static_cast<std::size_t>(plan_rng.range(0, 4))] - gap;
            int step = plan_rng.range(-4, 4);
            if (step == 0 && !note.consonant) step = plan_rng.chance(0.5) ? 2 : -2;  // legato repeats are not notes
            pitch = std::clamp(pitch + step, options.low_midi, options.high_midi);
            note.midi = pitch;
            note.glide = k > 0 && !note.consonant && plan_rng.chance(options.glide_probability);
            note.glide_s = plan_rng.uniform(0.04, 0.08);
            note.vibrato_hz = plan_rng.uniform(5.0, 6.0);
            note.vibrato_cents = plan_rng.uniform(30.0, 60.0);
            note.vibrato_delay_s = plan_rng.uniform(0.12, 0.25);
            note.level = std::pow(10.0, plan_rng.uniform(-4.0, 0.0) / 20.0);
            note.vowel = static_cast<std::size_t>(plan_rng.range(0, 4));
            plans.push_back(note);
            out.notes.push_back({note.onset, note.offset, note.midi});
            t = note.offset;
        }
        phrase.end_s = t;
        out.phrases.push_back(phrase);
        t += plan_rng.uniform(0.5, 1.2);  // the pause (with a breath) before the next phrase
    }
    const double total_s = t + 0.3;
    const auto samples = static_cast<std::size_t>(total_s * options.rate);
    out.audio.assign(samples, 0.0f);

    // 2. Per-sample f0 and envelope, then harmonic synthesis with a running phase.
    const double detune = options.detune_cents / 100.0;
    std::vector<double> f0(samples, 0.0), envelope(samples, 0.0);
    std::vector<std::size_t> vowel_of(samples, 0);
    double drift = 0.0;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        const NotePlan& n = plans[i];
        const bool legato_next = i + 1 < plans.size() && !plans[i + 1].consonant &&
                                 std::abs(plans[i + 1].onset - n.offset) < 1e-9;
        const bool legato_prev = i > 0 && !n.consonant && std::abs(plans[i - 1].offset - n.onset) < 1e-9;
        const auto first = static_cast<std::size_t>(n.onset * options.rate);
        const auto last = std::min(samples, static_cast<std::size_t>(n.offset * options.rate));
        for (std::size_t s = first; s < last; ++s) {
            const double local = static_cast<double>(s) / options.rate - n.onset;
            const double remaining = n.offset - static_cast<double>(s) / options.rate;
            drift = 0.9995 * drift + 0.0005 * jitter_rng.normal(0.0, 0.15);
            double midi = n.midi + detune + drift;
            if (n.glide && local < n.glide_s) {
                const double from = plans[i - 1].midi + detune;
                const double shape = 0.5 - 0.5 * std::cos(std::numbers::pi * local / n.glide_s);
                midi = from + (midi - from) * shape;
            }
            if (local > n.vibrato_delay_s) {
                const double ramp = std::min(1.0, (local - n.vibrato_delay_s) / 0.15);
                midi += ramp * n.vibrato_cents / 100.0 * std::sin(kTwoPi * n.vibrato_hz * (local - n.vibrato_delay_s));
            }
            f0[s] = 440.0 * std::exp2((midi - 69.0) / 12.0);
            const double attack = legato_prev ? 1.0 : std::min(1.0, local / 0.03);
            const double release = legato_next ? 1.0 : std::min(1.0, remaining / 0.04);
            envelope[s] = n.level * attack * release;
            vowel_of[s] = n.vowel;
        }
    }
    double phase = 0.0;
    const double voice_amplitude = 0.02;
    std::vector<double> gains;
    for (std::size_t s = 0; s < samples; ++s) {
        if (f0[s] <= 0.0) continue;
        phase = std::fmod(phase + kTwoPi * f0[s] / options.rate, kTwoPi);
        const Vowel& vowel = vowels()[vowel_of[s]];
        // Harmonic gains change slowly with f0: recomputed every 32 samples (about 1.5 ms).
        if (s % 32 == 0 || gains.empty() || f0[s - 1] <= 0.0) {
            gains.clear();
            for (int h = 1; h * f0[s] < std::min(5000.0, options.rate / 2.2); ++h)
                gains.push_back(voice_gain(vowel, h * f0[s], h));
        }
        const double rotate_re = std::cos(phase), rotate_im = std::sin(phase);
        double re = rotate_re, im = rotate_im, sum = 0.0;
        for (std::size_t h = 0; h < gains.size(); ++h) {
            sum += gains[h] * im;
            const double next_re = re * rotate_re - im * rotate_im;
            im = re * rotate_im + im * rotate_re;
            re = next_re;
        }
        out.audio[s] = static_cast<float>(voice_amplitude * envelope[s] * sum);
    }

    // 3. Unvoiced sounds: consonant bursts in gaps, breaths before phrases, a noise floor.
    auto add_noise = [&](double start, double length, double amplitude) {
        const auto first = static_cast<std::size_t>(std::max(0.0, start) * options.rate);
        const auto count = static_cast<std::size_t>(length * options.rate);
        double lowpassed = 0.0;
        for (std::size_t k = 0; k < count && first + k < samples; ++k) {
            const double white = noise_rng.uniform(-1.0, 1.0);
            lowpassed = 0.7 * lowpassed + 0.3 * white;
            const double shape = std::sin(std::numbers::pi * static_cast<double>(k) / static_cast<double>(count));
            out.audio[first + k] += static_cast<float>(amplitude * shape * (white - lowpassed));
        }
    };
    for (const NotePlan& n : plans)
        if (n.consonant) add_noise(n.onset - 0.06, 0.05, voice_amplitude * 0.1);
    const double breath = voice_amplitude * std::pow(10.0, options.breath_db / 20.0);
    for (const SungPhrase& phrase : out.phrases) add_noise(phrase.start_s - 0.4, 0.25, breath);
    const double floor = std::pow(10.0, options.noise_floor_db / 20.0);
    for (float& x : out.audio) x += static_cast<float>(floor * noise_rng.uniform(-1.0, 1.0));

    // 4. Ground-truth f0 frames.
    const auto frames = static_cast<std::size_t>(total_s / out.truth_hop_s);
    out.truth_f0_hz.assign(frames, 0.0);
    for (std::size_t f = 0; f < frames; ++f) {
        const auto s = static_cast<std::size_t>(static_cast<double>(f) * out.truth_hop_s * options.rate);
        if (s >= samples || f0[s] <= 0.0) continue;
        double peak = 0.0;
        for (const NotePlan& n : plans)
            if (static_cast<double>(s) / options.rate >= n.onset && static_cast<double>(s) / options.rate < n.offset)
                peak = n.level;
        if (peak > 0.0 && envelope[s] >= 0.25 * peak) out.truth_f0_hz[f] = f0[s];
    }
    return out;
}

// Raw pitch accuracy (MIREX): the fraction of ground-truth voiced frames whose estimate is voiced
// and within `cents` of the truth (estimates are read at the nearest track frame).
inline double raw_pitch_accuracy(const SungMelody& melody, const F0Track& track, double cents) {
    std::size_t voiced = 0, correct = 0;
    for (std::size_t f = 0; f < melody.truth_f0_hz.size(); ++f) {
        const double truth = melody.truth_f0_hz[f];
        if (truth <= 0.0) continue;
        ++voiced;
        const auto index = static_cast<std::size_t>(std::lround(static_cast<double>(f) * melody.truth_hop_s /
                                                                track.hop_seconds()));
        if (index >= track.frames.size() || !track.frames[index].voiced) continue;
        const double estimate = static_cast<double>(track.frames[index].f0_hz);
        if (std::abs(1200.0 * std::log2(estimate / truth)) <= cents) ++correct;
    }
    return voiced ? static_cast<double>(correct) / static_cast<double>(voiced) : 0.0;
}

// Fraction of ground-truth unvoiced frames the track calls voiced.
inline double voicing_false_alarm(const SungMelody& melody, const F0Track& track) {
    std::size_t unvoiced = 0, alarms = 0;
    for (std::size_t f = 0; f < melody.truth_f0_hz.size(); ++f) {
        if (melody.truth_f0_hz[f] > 0.0) continue;
        ++unvoiced;
        const auto index = static_cast<std::size_t>(std::lround(static_cast<double>(f) * melody.truth_hop_s /
                                                                track.hop_seconds()));
        if (index < track.frames.size() && track.frames[index].voiced) ++alarms;
    }
    return unvoiced ? static_cast<double>(alarms) / static_cast<double>(unvoiced) : 0.0;
}

}  // namespace tunesmith::testing_sung
