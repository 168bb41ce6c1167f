// Tests for src/accompany/separation.cpp: a bare voice is not called a mix, a voice over a band
// is, and isolation raises the voice's signal-to-distortion ratio.
#include "accompany/separation.h"

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

TEST(Separation, SdrOfIdenticalAndOppositeSignals) {
    const std::vector<float> x{0.5f, -0.25f, 0.125f};
    EXPECT_TRUE(std::isinf(signal_to_distortion_db(x, x)));
    const std::vector<float> half{0.25f, -0.125f, 0.0625f};
    EXPECT_NEAR(signal_to_distortion_db(x, half), 6.0206, 1e-3);
}

}  // namespace
}  // namespace tunesmith
