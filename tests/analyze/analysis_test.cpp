// Tests for src/analyze/analysis.cpp: the aggregate runs every analyzer, its JSON carries every
// section, and silent, empty and very short audio give well-defined empty results.
#include "analyze/analysis.h"

#include <cmath>
#include <cstdio>
#include <numbers>

#include <gtest/gtest.h>

#include "sung_melody.h"

namespace tunesmith {
namespace {

// Clicks at 120 bpm under a sustained C major triad, with a sung melody on top.
AudioBuffer song_fixture() {
    testing_sung::SungMelodyOptions options;
    options.rate = 22050;
    options.phrases = 3;
    const auto melody = testing_sung::synthesize_sung_melody(options, Rng(5));
    AudioBuffer audio(SampleRate(options.rate), 2, melody.audio.size());
    const double beat = 0.5;
    for (std::size_t i = 0; i < melody.audio.size(); ++i) {
        const double t = static_cast<double>(i) / options.rate;
        const double since_beat = std::fmod(t, beat);
        double x = 0.35 * std::exp(-since_beat * 60.0) * std::sin(2.0 * std::numbers::pi * 1800.0 * since_beat);
        for (double hz : {130.81, 164.81, 196.0}) x += 0.04 * std::sin(2.0 * std::numbers::pi * hz * t);
        audio.channels[0][i] = static_cast<float>(x) + melody.audio[i];
        audio.channels[1][i] = static_cast<float>(x) + 0.8f * melody.audio[i];
    }
    return audio;
}

TEST(Analysis, ASongGetsEverySection) {
    const AudioBuffer audio = song_fixture();
    std::vector<double> progress;
    Reporter reporter;
    reporter.progress = [&](std::string_view, double fraction) { progress.push_back(fraction); };
    const AudioAnalysis analysis = analyze_audio(audio, {}, reporter);
    EXPECT_NEAR(analysis.duration_s, static_cast<double>(audio.frames()) / 22050.0, 1e-9);
    EXPECT_FALSE(analysis.notes.notes.empty());
    EXPECT_FALSE(analysis.phrases.empty());
    EXPECT_GT(analysis.f0.size(), 100u);
    // Unaccented clicks are octave-ambiguous: every click (120) or every other one (60) is a
    // valid beat level, and the tempo prior (centred on 80 bpm for pop ballads) may take either.
    const double bpm = analysis.beats.bpm;
    EXPECT_TRUE(std::abs(bpm - 120.0) <= 3.0 || std::abs(bpm - 60.0) <= 1.5) << "bpm " << bpm;
    ASSERT_TRUE(analysis.key.has_key());
    EXPECT_EQ(analysis.key.key->tonic_pc(), 0);
    EXPECT_TRUE(std::isfinite(analysis.loudness.integrated_lufs));
    ASSERT_FALSE(progress.empty());
    EXPECT_EQ(progress.back(), 1.0);
    EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));

    const nlohmann::json json = to_json(analysis);
    for (const char* field : {"key", "bpm", "beats", "downbeats", "tempo_map", "notes", "f0", "chords", "phrases",
                              "loudness", "warnings", "meter", "tuning_cents"})
        EXPECT_TRUE(json.contains(field)) << field;
    EXPECT_EQ(json["f0"]["hop_s"], 0.01);
    EXPECT_EQ(json["f0"]["hz"].size(), analysis.f0.size());
    EXPECT_EQ(json["notes"].size(), analysis.notes.notes.size());
    EXPECT_EQ(json["key"]["tonic"], "C");
    EXPECT_FALSE(json["tempo_map"]["anchors"].empty());
}

TEST(Analysis, SilenceIsAWellDefinedEmptyResult) {
    const AudioBuffer silence(SampleRate(44100), 2, 44100 * 3);
    const AudioAnalysis analysis = analyze_audio(silence);
    EXPECT_FALSE(analysis.key.has_key());
    EXPECT_TRUE(analysis.notes.notes.empty());
    EXPECT_TRUE(analysis.beats.empty());
    ASSERT_FALSE(analysis.warnings.empty());
    EXPECT_NE(analysis.warnings.front().find("silent"), std::string::npos);
    const nlohmann::json json = to_json(analysis);
    EXPECT_TRUE(json["key"].is_null());
    EXPECT_TRUE(json["bpm"].is_null());
    EXPECT_TRUE(json["loudness"]["integrated_lufs"].is_null());
    EXPECT_NO_THROW((void)json.dump());
}

TEST(Analysis, EmptyAndVeryShortAudioDoNotFail) {
    const AudioAnalysis empty = analyze_audio(AudioBuffer(SampleRate(48000), 1, 0));
    EXPECT_EQ(empty.duration_s, 0.0);
    EXPECT_FALSE(empty.warnings.empty());
    AudioBuffer blip(SampleRate(48000), 1, 480);
    for (std::size_t i = 0; i < 480; ++i)
        blip.channels[0][i] = static_cast<float>(0.5 * std::sin(2.0 * std::numbers::pi * 440.0 * static_cast<double>(i) / 48000.0));
    const AudioAnalysis short_one = analyze_audio(blip);
    EXPECT_NEAR(short_one.duration_s, 0.01, 1e-9);
    EXPECT_TRUE(short_one.notes.notes.empty());
    EXPECT_NO_THROW((void)to_json(short_one).dump());
}

TEST(Analysis, NotesMapOntoATempoMap) {
    const TempoMap tempo = TempoMap::constant(120.0, SampleRate(48000));
    NoteEvent note;
    note.onset_s = 1.0;
    note.offset_s = 1.5;
    note.midi_pitch = 64;
    note.level_db = -6.0;
    const std::vector<Note> notes = notes_on_tempo_map({note}, tempo);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].start, Ticks(1920));
    EXPECT_EQ(notes[0].duration, Ticks(960));
    EXPECT_EQ(notes[0].pitch, 64);
    EXPECT_EQ(notes[0].velocity, 120);
}

// Speech-like voicing: syllables of 250 ms whose pitch glides continuously (a falling contour of
// 4 semitones plus a 3 Hz wobble), as read speech does, with short pauses between them.
std::vector<float> speech_like(int rate, double seconds) {
    std::vector<float> out(static_cast<std::size_t>(seconds * rate), 0.0f);
    double phase = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = static_cast<double>(i) / rate;
        const double in_syllable = std::fmod(t, 0.33);
        if (in_syllable > 0.25) continue;
        const double midi = 52.0 + 3.0 * std::sin(t * 0.7) - 16.0 * in_syllable + 1.5 * std::sin(2.0 * std::numbers::pi * 3.0 * t);
        phase += 2.0 * std::numbers::pi * 440.0 * std::exp2((midi - 69.0) / 12.0) / rate;
        const double envelope = std::sin(std::numbers::pi * in_syllable / 0.25);
        double x = 0.0;
        for (int h = 1; h <= 6; ++h) x += std::sin(h * phase) / h;
        out[i] = static_cast<float>(0.2 * envelope * x);
    }
    return out;
}

TEST(Analysis, GlidingSpeechIsFlaggedAndASungLineIsNot) {
    const int rate = 22050;
    AnalysisOptions options;
    options.harmony = options.rhythm = false;
    const std::vector<float> speech = speech_like(rate, 6.0);
    AudioBuffer speech_audio(SampleRate(rate), 1, speech.size());
    speech_audio.channels[0] = speech;
    const AudioAnalysis spoken = analyze_audio(speech_audio, options);
    std::printf("speech-like: stable pitch fraction %.3f\n", spoken.stable_pitch_fraction);
    EXPECT_LT(spoken.stable_pitch_fraction, options.min_stable_pitch_fraction);
    EXPECT_FALSE(spoken.warnings.empty());

    testing_sung::SungMelodyOptions sung_options;
    sung_options.rate = rate;
    const auto melody = testing_sung::synthesize_sung_melody(sung_options, Rng(7));
    AudioBuffer sung_audio(SampleRate(rate), 1, melody.audio.size());
    sung_audio.channels[0] = melody.audio;
    const AudioAnalysis sung = analyze_audio(sung_audio, options);
    std::printf("sung melody: stable pitch fraction %.3f\n", sung.stable_pitch_fraction);
    EXPECT_GE(sung.stable_pitch_fraction, options.min_stable_pitch_fraction);
    EXPECT_TRUE(sung.warnings.empty());
}

}  // namespace
}  // namespace tunesmith
