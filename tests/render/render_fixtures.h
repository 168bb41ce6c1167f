// Scores built in code for the render tests: a few tracks, a few bars, repeated patterns
// (so window reuse has something to find), with controllers, pedal and pitch bend.
#pragma once

#include <cmath>
#include <filesystem>
#include <vector>

#include "music/score.h"
#include "render/render.h"

namespace tunesmith::test {

inline Track make_track(const char* name, int program, bool drums = false) {
    Track t;
    t.name = name;
    t.program = program;
    t.drums = drums;
    return t;
}

// `bars` bars of 4/4 at `bpm`: piano chords with sustain pedal, a bass line, a drum groove and
// strings with an expression swell and a small pitch bend. Every second bar repeats.
inline Score make_test_score(int bars, double bpm = 120.0, SampleRate rate = SampleRate(22050)) {
    Score score;
    score.tempo = TempoMap::constant(bpm, rate);
    score.meter = Meter{4, 4};
    const Ticks bar = score.meter.bar();
    score.length = bar * bars;
    score.length_samples = score.tempo.to_samples(score.length);
    Track piano = make_track("piano", 0);
    Track bass = make_track("bass", 33);
    Track drums = make_track("drums", 0, true);
    Track strings = make_track("strings", 48);
    const int roots[] = {60, 65, 67, 60};
    for (int b = 0; b < bars; ++b) {
        const Ticks t0 = bar * b;
        const int root = roots[(b / 2) % 4];
        const bool last = b == bars - 1;
        const Ticks chord_length = last ? kQuarter * 2 : bar - Ticks(120);
        for (int interval : {0, 4, 7}) piano.notes.push_back({t0, chord_length, root + interval, 70});
        piano.controls.push_back({t0 + Ticks(30), 64, 127});
        piano.controls.push_back({t0 + bar - Ticks(60), 64, 0});
        for (int beat = 0; beat < (last ? 2 : 4); ++beat)
            bass.notes.push_back({t0 + kQuarter * beat, kQuarter - Ticks(60), root - 24 + (beat == 2 ? 7 : 0), 90});
        for (int eighth = 0; eighth < (last ? 4 : 8); ++eighth) {
            const Ticks t = t0 + Ticks(480) * eighth;
            drums.notes.push_back({t, Ticks(240), 42, 70});
            if (eighth % 4 == 0) drums.notes.push_back({t, Ticks(240), 36, 110});
            if (eighth % 4 == 2) drums.notes.push_back({t, Ticks(240), 38, 100});
        }
        strings.notes.push_back({t0, chord_length, root + 12, 80});
        for (int step = 0; step < 4; ++step) strings.controls.push_back({t0 + kQuarter * step, 11, 70 + step * 15});
        strings.bends.push_back({t0 + kQuarter * 3, 600});
        strings.bends.push_back({t0 + kQuarter * 3 + Ticks(240), 0});
    }
    score.tracks = {piano, bass, drums, strings};
    return score;
}

// Skips the calling test when no General MIDI SoundFont is installed.
#define TUNESMITH_REQUIRE_SOUNDFONT()                                                   \
    do {                                                                                \
        if (::tunesmith::default_soundfont().empty())                                   \
            GTEST_SKIP() << "no SoundFont installed (musescore-general-soundfont-small)"; \
    } while (false)

// Energy of a - b relative to the energy of b, in dB (-infinity when identical).
inline double residual_db(const AudioBuffer& a, const AudioBuffer& b) {
    double diff = 0.0;
    double ref = 0.0;
    for (std::size_t c = 0; c < b.channel_count(); ++c)
        for (std::size_t i = 0; i < b.frames(); ++i) {
            const double x = static_cast<double>(a.channels[c][i]) - static_cast<double>(b.channels[c][i]);
            diff += x * x;
            ref += static_cast<double>(b.channels[c][i]) * static_cast<double>(b.channels[c][i]);
        }
    if (diff == 0.0) return -INFINITY;
    return 10.0 * std::log10(diff / std::max(ref, 1e-30));
}

}  // namespace tunesmith::test
