// Tests for audio/audio_writer.cpp: 24-bit WAV/FLAC round trips within one LSB, metadata strings,
// clipping instead of wrap-around, bad paths as InputError naming "output".
#include "audio/audio_writer.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <numbers>

#include <unistd.h>

#include "base/error.h"

namespace tunesmith {
namespace {

struct ReadBack {
    AudioBuffer audio;
    std::string title, software, comment;
    int format = 0;
};

ReadBack read_back(const std::filesystem::path& path) {
    SF_INFO info{};
    std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> file(sf_open(path.c_str(), SFM_READ, &info), sf_close);
    if (!file) throw std::runtime_error("cannot open " + path.string());
    ReadBack out;
    out.format = info.format;
    auto str = [&](int kind) {
        const char* s = sf_get_string(file.get(), kind);
        return std::string(s ? s : "");
    };
    out.title = str(SF_STR_TITLE);
    out.software = str(SF_STR_SOFTWARE);
    out.comment = str(SF_STR_COMMENT);
    std::vector<float> interleaved(static_cast<std::size_t>(info.frames * info.channels));
    sf_readf_float(file.get(), interleaved.data(), info.frames);
    out.audio = AudioBuffer(SampleRate(info.samplerate), static_cast<std::size_t>(info.channels),
                            static_cast<std::size_t>(info.frames));
    for (std::size_t i = 0; i < out.audio.frames(); ++i)
        for (std::size_t c = 0; c < out.audio.channel_count(); ++c)
            out.audio.channels[c][i] = interleaved[i * out.audio.channel_count() + c];
    return out;
}

AudioBuffer test_signal() {
    AudioBuffer audio(SampleRate(48000), 2, 20000);
    for (std::size_t i = 0; i < audio.frames(); ++i) {
        audio.channels[0][i] = static_cast<float>(0.5 * std::sin(2 * std::numbers::pi * 440.0 * static_cast<double>(i) / 48000));
        audio.channels[1][i] = static_cast<float>(-0.25 * std::sin(2 * std::numbers::pi * 50.0 * static_cast<double>(i) / 48000));
    }
    return audio;
}

class AudioWriterTest : public ::testing::TestWithParam<AudioFileFormat> {};

TEST_P(AudioWriterTest, RoundTripsWithinOneLsbAndKeepsMetadata) {
    const auto path = std::filesystem::temp_directory_path() /
                      (std::string("tunesmith_writer_test.") + file_extension(GetParam()));
    const AudioBuffer audio = test_signal();
    AudioMetadata meta;
    meta.title = "Test cue";
    meta.comment = "seed 7";
    write_audio_file(path, audio, GetParam(), meta);
    const ReadBack back = read_back(path);
    ASSERT_EQ(back.audio.frames(), audio.frames());
    ASSERT_EQ(back.audio.channel_count(), 2u);
    EXPECT_EQ(back.audio.rate, SampleRate(48000));
    EXPECT_EQ(back.format & SF_FORMAT_SUBMASK, SF_FORMAT_PCM_24);
    float worst = 0.0f;
    for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t i = 0; i < audio.frames(); ++i)
            worst = std::max(worst, std::abs(back.audio.channels[c][i] - audio.channels[c][i]));
    EXPECT_LE(worst, 1.0f / 8388608.0f * 1.01f);
    EXPECT_EQ(back.title, "Test cue");
    EXPECT_EQ(back.comment, "seed 7");
    // libsndfile appends its own name to the software field of WAV files.
    EXPECT_EQ(back.software.rfind("tunesmith", 0), 0u) << back.software;
    std::filesystem::remove(path);
}

INSTANTIATE_TEST_SUITE_P(Formats, AudioWriterTest,
                         ::testing::Values(AudioFileFormat::wav_pcm24, AudioFileFormat::flac_pcm24));

TEST(AudioWriter, OverRangeSamplesClipInsteadOfWrapping) {
    const auto path = std::filesystem::temp_directory_path() / "tunesmith_writer_clip.wav";
    AudioBuffer audio(SampleRate(22050), 1, 4);
    audio.channels[0] = {1.5f, -1.5f, 0.25f, 1.0f};
    write_audio_file(path, audio, AudioFileFormat::wav_pcm24, {});
    const ReadBack back = read_back(path);
    EXPECT_GT(back.audio.channels[0][0], 0.99f);
    EXPECT_LT(back.audio.channels[0][1], -0.99f);
    EXPECT_NEAR(back.audio.channels[0][2], 0.25f, 1e-6f);
    std::filesystem::remove(path);
}

TEST(AudioWriter, UnwritablePathIsAnInputErrorNamingOutput) {
    try {
        write_audio_file("/nonexistent-dir/x/mix.wav", test_signal(), AudioFileFormat::wav_pcm24, {});
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "output");
        EXPECT_EQ(e.value(), "/nonexistent-dir/x/mix.wav");
    }
}

// A full disk (a file name that leads to /dev/full) is an OutputError naming the file and the
// system's reason, whether the failure shows while writing or only when the file is closed.
TEST(AudioWriter, AFullDiskIsAnOutputErrorWithTheReason) {
    if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
    const auto dir = std::filesystem::temp_directory_path() / ("tunesmith_writer_full_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    for (const auto format : {AudioFileFormat::wav_pcm24, AudioFileFormat::flac_pcm24}) {
        const auto path = dir / (std::string("mix.") + file_extension(format));
        std::filesystem::create_symlink("/dev/full", path);
        try {
            write_audio_file(path, test_signal(), format, {});
            ADD_FAILURE() << path << ": no error";
        } catch (const OutputError& e) {
            EXPECT_EQ(e.value(), path.string());
            EXPECT_NE(std::string(e.what()).find("No space left on device"), std::string::npos) << e.what();
        }
    }
    std::filesystem::remove_all(dir);
}

TEST(AudioWriter, FormatNames) {
    EXPECT_EQ(audio_format_from_name("wav"), AudioFileFormat::wav_pcm24);
    EXPECT_EQ(audio_format_from_name("flac"), AudioFileFormat::flac_pcm24);
    EXPECT_THROW(audio_format_from_name("mp3"), InputError);
}

}  // namespace
}  // namespace tunesmith
