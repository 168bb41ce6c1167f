// Tests for src/pipeline/accompany.cpp: the files of an accompaniment folder, stems that sum to
// the mix, accompaniment + vocal stem = mix, the cue sheet and score.mid contents, and nothing
// left behind when the vocal is refused.
#include "pipeline/accompany.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "../accompany/sung_song.h"
#include "audio/audio_reader.h"
#include "audio/audio_writer.h"
#include "base/error.h"
#include "export/midi_reader.h"
#include "export/provenance.h"
#include "provenance_ingredients.h"
#include "render/render.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

class AccompanyPipelineTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("tunesmith-accompany-test-" +
                                             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(root_);
        fs::create_directories(root_);
    }
    void TearDown() override { fs::remove_all(root_); }

    fs::path write_vocal(const std::vector<float>& samples, int rate, const std::string& name) const {
        AudioBuffer audio(SampleRate(rate), 1, 0);
        audio.channels.front() = samples;
        const fs::path path = root_ / name;
        write_audio_file(path, audio, AudioFileFormat::wav_float, AudioMetadata{});
        return path;
    }
    AccompanyJob job(const fs::path& vocal, const std::string& prompt) const {
        AccompanyJob j;
        j.vocal = vocal;
        j.request.prompt = prompt;
        j.output.out_dir = root_ / "out";
        j.output.formats = {"wav", "mid"};
        j.output.threads = 2;
        return j;
    }
    fs::path root_;
};

// The sung take most tests accompany: two phrases, a fixed seed.
testing_song::SungSong two_phrase_song() {
    testing_song::SungSongOptions options;
    options.phrases = 2;
    return testing_song::synthesize_song(options, Rng(21));
}

double peak_difference(const AudioBuffer& a, const AudioBuffer& b) {
    double peak = 0.0;
    for (std::size_t c = 0; c < a.channel_count(); ++c)
        for (std::size_t i = 0; i < a.frames(); ++i)
            peak = std::max(peak, std::abs(static_cast<double>(a.channels[c][i]) - static_cast<double>(b.channels[c][i])));
    return peak;
}

TEST_F(AccompanyPipelineTest, WritesAFolderWhoseStemsSumToTheMix) {
    if (default_soundfont().empty()) GTEST_SKIP() << "no General MIDI SoundFont installed";
    const auto song = two_phrase_song();
    const AccompanyResult result = accompany_file(job(write_vocal(song.audio, song.rate, "take.wav"),
                                                      "acoustic guitar and soft bass"), {});
    const fs::path out = root_ / "out";
    for (const char* name : {"accompaniment.wav", "mix.wav", "stems/vocal.wav", "stems/guitar.wav", "stems/bass.wav",
                             "score.mid", "cue.json"})
        EXPECT_TRUE(fs::exists(out / name)) << name;
    EXPECT_EQ(result.style, "folk");

    const AudioBuffer mix = read_audio_file(out / "mix.wav");
    const AudioBuffer accompaniment = read_audio_file(out / "accompaniment.wav");
    const AudioBuffer vocal = read_audio_file(out / "stems/vocal.wav");
    ASSERT_EQ(mix.frames(), accompaniment.frames());
    EXPECT_GE(static_cast<double>(mix.frames()) / 48000.0, static_cast<double>(song.audio.size()) / song.rate);
    AudioBuffer sum = accompaniment;
    for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t i = 0; i < sum.frames(); ++i) sum.channels[c][i] += vocal.channels[c][i];
    EXPECT_LT(peak_difference(sum, mix), 1e-4) << "accompaniment + vocal stem = mix (24-bit files)";

    std::ifstream in(out / "cue.json");
    const nlohmann::json cue = nlohmann::json::parse(in);
    EXPECT_EQ(cue["accompany"]["phrases"].size(), 2u);
    EXPECT_FALSE(cue["chords"].empty());
    EXPECT_FALSE(cue["plan"]["tempo_map"].empty());
    EXPECT_EQ(cue["accompany"]["mix_detection"]["is_mix"], false);

    const Score midi = read_midi_file(out / "score.mid", SampleRate(48000));
    const auto vocal_track = std::find_if(midi.tracks.begin(), midi.tracks.end(),
                                          [](const Track& t) { return t.name == "vocal (transcribed)"; });
    ASSERT_NE(vocal_track, midi.tracks.end());
    EXPECT_NEAR(static_cast<double>(vocal_track->notes.size()), static_cast<double>(song.notes.size()),
                0.25 * static_cast<double>(song.notes.size()));
}

// The record names the vocal and the data accompany read (the corpus harmonic rhythm and onset
// profile, the harmony model, the style used), not generate's melody index or other styles.
TEST_F(AccompanyPipelineTest, ProvenanceNamesTheVocalAndTheDataAccompanyRead) {
    const auto song = two_phrase_song();
    AccompanyJob j = job(write_vocal(song.audio, song.rate, "take.wav"), "acoustic guitar and soft bass");
    j.output.audio = false;
    const AccompanyResult result = accompany_file(j, {});
    const fs::path out = root_ / "out";
    ASSERT_TRUE(fs::exists(out / "provenance.json"));
    EXPECT_NE(std::find(result.files.begin(), result.files.end(), out / "provenance.json"), result.files.end());
    EXPECT_EQ(testing::provenance_ingredients(out, "inputs"), std::vector<std::string>{"take.wav"});
    EXPECT_EQ(testing::provenance_ingredients(out, "data_files"),
              (std::vector<std::string>{"artists.txt", "artists_extra.txt", "folk.json", "harmonic_rhythm.json",
                                        "lexicon.json", "melody_bar_profile.json", "melody_bar_profile_3_4.json",
                                        "melody_beat_patterns.json", "melody_onset_profile.json",
                                        "real_words_near_lexicon.txt", "transitions.json"}));
    const Verification check = verify_provenance(out / "score.mid", {});
    EXPECT_TRUE(check.verdict == Verdict::valid || check.verdict == Verdict::unknown_key) << check.detail;
}

// Session 13 trial: --length, --hit, --dialogue and a string quartet were taken without a word
// and then not used.
TEST_F(AccompanyPipelineTest, WhatAnAccompanimentCannotUseIsSaid) {
    const auto song = two_phrase_song();
    AccompanyJob j = job(write_vocal(song.audio, song.rate, "take.wav"), "string quartet, big finish");
    j.output.audio = false;
    j.request.flags.length = Seconds(60.0);
    j.request.flags.hits = std::vector<HitSpec>{{Seconds(3.0), "hit"}};
    j.request.flags.dialogue = std::vector<TimeRange>{{Seconds(1.0), Seconds(2.0)}};
    const AccompanyResult result = accompany_file(j, {});
    auto said = [&](const std::string& text) {
        return std::any_of(result.warnings.begin(), result.warnings.end(),
                           [&](const std::string& w) { return w.find(text) != std::string::npos; });
    };
    EXPECT_TRUE(said("length_s: 60 s is not used: an accompaniment is as long as the vocal"));
    EXPECT_TRUE(said("hits: 1 hit point is not used"));
    EXPECT_TRUE(said("dialogue: 1 dialogue range is not used"));
    EXPECT_TRUE(said("ending: 'big_finish' is not used"));
    EXPECT_TRUE(said("instruments.voices.strings: the violin, violin, viola and cello are not separate players"));
    // A plain request says nothing of the kind.
    AccompanyJob plain_job = job(j.vocal, "acoustic guitar and soft bass");
    plain_job.output.audio = false;
    const AccompanyResult plain = accompany_file(plain_job, {});
    EXPECT_FALSE(std::any_of(plain.warnings.begin(), plain.warnings.end(),
                             [](const std::string& w) { return w.find("not used") != std::string::npos; }));
}

TEST_F(AccompanyPipelineTest, RefusedVocalLeavesNothingBehind) {
    const fs::path vocal = write_vocal(std::vector<float>(22050 * 2, 0.0f), 22050, "short.wav");
    AccompanyJob j = job(vocal, "");
    j.output.audio = false;
    EXPECT_THROW(accompany_file(j), InputError);
    EXPECT_FALSE(fs::exists(root_ / "out"));
    j.vocal = root_ / "missing.wav";
    EXPECT_THROW(accompany_file(j), InputError);
    j.vocal = vocal;
    j.chords = "C Q";
    try {
        accompany_file(j);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "chords");
    }
}

}  // namespace
}  // namespace tunesmith
