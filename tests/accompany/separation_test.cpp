// Tests for src/accompany/separation.cpp: a bare voice is not called a mix, a voice over a band
// is, and isolation raises the voice's signal-to-distortion ratio.
#include "accompany/separation.h"

#include <cmath>

#include <gtest/gtest.h>

#include "sung_song.h"

namespace tunesmith {
namespace {

using testing_song::SungSong;

SungSong song(bool band) {
    testing_song::SungSongOptions o;
    o.phrases = 2;
    o.band = band;
    o.band_db = 0.0;
    return testing_song::synthesize_song(o, Rng(5));
}

TEST(Separation, BareVoiceIsNotAMix) {
    const SungSong s = song(false);
    const F0Track f0 = track_pitch(s.audio, SampleRate(s.rate));
    const MixDetection d = detect_mix(s.audio, SampleRate(s.rate), f0);
    EXPECT_FALSE(d.is_mix) << d.partial_share << " " << d.pause_level_db;
    EXPECT_GT(d.partial_share, 0.6);
}

TEST(Separation, VoiceOverABandIsAMixAndIsolationImprovesIt) {
    const SungSong s = song(true);
    const SampleRate rate(s.rate);
    const F0Track f0 = track_pitch(s.audio, rate);
    const MixDetection d = detect_mix(s.audio, rate, f0);
    EXPECT_TRUE(d.is_mix) << d.partial_share << " " << d.pause_level_db;
    const std::vector<float> voice = isolate_voice(s.audio, rate, f0);
    ASSERT_EQ(voice.size(), s.audio.size());
    const double before = signal_to_distortion_db(s.voice, s.audio);
    const double after = signal_to_distortion_db(s.voice, voice);
    EXPECT_GT(after, before + 2.5) << "SDR " << before << " dB -> " << after << " dB";
}

// A rough voice (its partials plus a quieter second pitch under them, as from a buzz or bleed)
// with silent gaps between its notes is a bare voice; the same tone running on through the gaps is
// an instrument, so a mix.
std::vector<float> rough_notes(bool tone_in_gaps, int rate) {
    std::vector<float> out;
    const double two_pi = 2.0 * 3.141592653589793;
    for (int note = 0; note < 6; ++note) {
        for (int i = 0; i < rate * 6 / 10; ++i) {
            const double t = static_cast<double>(out.size()) / rate;
            double v = 0.0;
            for (int h = 1; h <= 6; ++h) v += 0.3 / h * std::sin(two_pi * 220.0 * h * t) + 0.2 / h * std::sin(two_pi * 311.0 * h * t);
            out.push_back(static_cast<float>(v));
        }
        for (int i = 0; i < rate * 4 / 10; ++i) {
            const double t = static_cast<double>(out.size()) / rate;
            double v = 0.0;
            for (int h = 1; h <= 6; ++h) v += 0.2 / h * std::sin(two_pi * 311.0 * h * t);
            out.push_back(tone_in_gaps ? static_cast<float>(v) : 0.0f);
        }
    }
    return out;
}

TEST(Separation, SilentGapsMakeARoughVoiceBare) {
    const int rate = 22050;
    for (bool noise_in_gaps : {false, true}) {
        const std::vector<float> audio = rough_notes(noise_in_gaps, rate);
        const MixDetection d = detect_mix(audio, SampleRate(rate), track_pitch(audio, SampleRate(rate)));
        EXPECT_LT(d.partial_share, 0.8) << noise_in_gaps;
        EXPECT_EQ(d.is_mix, noise_in_gaps) << d.partial_share << " " << d.pause_level_db << " " << d.quiet_s;
        if (!noise_in_gaps) {
            EXPECT_GE(d.quiet_s, 1.0);
        }
    }
}

// A melody f0 that disagrees with the monophonic one marks a mix (a loud bass took the f0), but not
// when the upload falls silent in its pauses: speech disagrees too, and no band stops with the voice.
TEST(Separation, MelodyDisagreementIsAMixOnlyWithoutSilentPauses) {
    F0Track f0, melody;
    for (int i = 0; i < 100; ++i) {
        f0.frames.push_back(PitchFrame{110.0f, 0.9f, -20.0f, true});
        melody.frames.push_back(PitchFrame{440.0f * 1.26f, 0.9f, -20.0f, true});  // a major third off, not an octave
    }
    MixDetection silent{.partial_share = 0.9, .pause_level_db = -90.0, .quiet_s = 2.0};
    add_melody_agreement(silent, f0, melody);
    EXPECT_LT(silent.melody_agreement, 0.5);
    EXPECT_FALSE(silent.is_mix);
    MixDetection busy{.partial_share = 0.9, .pause_level_db = -12.0, .quiet_s = 0.0};
    add_melody_agreement(busy, f0, melody);
    EXPECT_TRUE(busy.is_mix);
    MixDetection brief{.partial_share = 0.9, .pause_level_db = -120.0, .quiet_s = 0.2};
    add_melody_agreement(brief, f0, melody);
    EXPECT_TRUE(brief.is_mix);
}

TEST(Separation, SdrOfIdenticalAndOppositeSignals) {
    const std::vector<float> x{0.5f, -0.25f, 0.125f};
    EXPECT_TRUE(std::isinf(signal_to_distortion_db(x, x)));
    const std::vector<float> half{0.25f, -0.125f, 0.0625f};
    EXPECT_NEAR(signal_to_distortion_db(x, half), 6.0206, 1e-3);
}

}  // namespace
}  // namespace tunesmith
