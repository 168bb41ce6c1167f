// Tests for src/audio/audio_reader.cpp: every supported container decodes to the right rate,
// channels, length and pitch; bad files become InputErrors that name the field.
#include "audio/audio_reader.h"

#include <limits>

#include <gtest/gtest.h>

#include "audio_fixtures.h"
#include "base/error.h"

namespace tunesmith {
namespace {

using namespace testing_audio;

std::string field_of_error(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& e) {
        return e.field();
    }
    return "(no InputError)";
}

TEST(AudioReader, Pcm16WavRoundTripsSamples) {
    const AudioBuffer source = stereo_sine(440.0, 0.5, 44100);
    const auto path = temp_path("a.wav");
    write_bytes(path, wav_bytes(source));
    const AudioBuffer read = read_audio_file(path);
    std::filesystem::remove(path);
    ASSERT_EQ(read.channel_count(), 2u);
    EXPECT_EQ(read.rate.hz, 44100);
    ASSERT_EQ(read.frames(), source.frames());
    for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t i = 0; i < read.frames(); i += 97)
            EXPECT_NEAR(read.channels[c][i], source.channels[c][i], 1.0 / 32768.0);
}

TEST(AudioReader, FloatWavNonFiniteSamplesBecomeSilence) {
    AudioBuffer source(SampleRate(48000), 1, 1000);
    source.channels[0][10] = std::numeric_limits<float>::quiet_NaN();
    source.channels[0][11] = std::numeric_limits<float>::infinity();
    source.channels[0][12] = 0.75f;
    const AudioBuffer read = decode_audio_bytes(wav_bytes(source, true));
    ASSERT_EQ(read.frames(), 1000u);
    EXPECT_EQ(read.channels[0][10], 0.0f);
    EXPECT_EQ(read.channels[0][11], 0.0f);
    EXPECT_EQ(read.channels[0][12], 0.75f);
}

TEST(AudioReader, FlacIsLosslessAndOggKeepsPitch) {
    const AudioBuffer source = stereo_sine(440.0, 1.0, 48000);
    const auto flac = sndfile_bytes(source, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, "a.flac");
    ASSERT_FALSE(flac.empty());
    const AudioBuffer from_flac = decode_audio_bytes(flac);
    ASSERT_EQ(from_flac.frames(), source.frames());
    EXPECT_NEAR(from_flac.channels[1][1234], source.channels[1][1234], 1.0 / 32768.0);

    const auto ogg = sndfile_bytes(source, SF_FORMAT_OGG | SF_FORMAT_VORBIS, "a.ogg");
    ASSERT_FALSE(ogg.empty());
    const AudioBuffer from_ogg = decode_audio_bytes(ogg);
    EXPECT_EQ(from_ogg.channel_count(), 2u);
    EXPECT_NEAR(static_cast<double>(from_ogg.frames()), 48000.0, 100.0);
    EXPECT_NEAR(zero_crossing_frequency(from_ogg.channels[0], 48000), 440.0, 1.0);
}

TEST(AudioReader, M4aAndMp3DecodeThroughFfmpeg) {
    const AudioBuffer source = stereo_sine(330.0, 1.0, 44100);
    for (const auto& [name, codec] : {std::pair{"a.m4a", "aac"}, std::pair{"a.mp3", "libmp3lame"}}) {
        const auto path = ffmpeg_encode(source, name, codec);
        if (!path) GTEST_SKIP() << "the ffmpeg command (with " << codec << ") is not available";
        const AudioBuffer read = read_audio_file(*path);
        std::filesystem::remove(*path);
        EXPECT_EQ(read.rate.hz, 44100) << name;
        EXPECT_EQ(read.channel_count(), 2u) << name;
        // Encoders add priming/padding of up to a few frames of 1152/1024 samples.
        EXPECT_NEAR(static_cast<double>(read.frames()), 44100.0, 3000.0) << name;
        EXPECT_NEAR(zero_crossing_frequency(read.channels[0], 44100), 330.0, 1.0) << name;
    }
}

TEST(AudioReader, WavWithNoSamplesIsEmptyButKeepsItsRate) {
    const AudioBuffer read = decode_audio_bytes(wav_bytes(AudioBuffer(SampleRate(22050), 1, 0)));
    EXPECT_TRUE(read.empty());
    EXPECT_EQ(read.rate.hz, 22050);
}

TEST(AudioReader, MissingEmptyAndNonAudioFilesAreInputErrors) {
    EXPECT_EQ(field_of_error([] { read_audio_file("/nonexistent/tunesmith/x.wav"); }), "audio file");
    const auto empty = temp_path("empty.wav");
    write_bytes(empty, {});
    EXPECT_EQ(field_of_error([&] { read_audio_file(empty); }), "audio file");
    std::filesystem::remove(empty);
    const auto text = temp_path("notes.txt");
    const std::string words = "This is a shopping list, not a song.\nMilk\nBread\n";
    write_bytes(text, std::vector<std::uint8_t>(words.begin(), words.end()));
    EXPECT_EQ(field_of_error([&] { read_audio_file(text); }), "audio file");
    std::filesystem::remove(text);
    EXPECT_EQ(field_of_error([] { read_audio_file(std::filesystem::temp_directory_path()); }), "audio file");
}

TEST(AudioReader, TruncatedWavDecodesWhatIsThereOrFailsCleanly) {
    auto bytes = wav_bytes(stereo_sine(440.0, 0.2, 16000));
    bytes.resize(bytes.size() / 2);
    const AudioBuffer read = decode_audio_bytes(bytes);
    EXPECT_LE(read.frames(), 3200u);
    EXPECT_GT(read.frames(), 1000u);
    bytes.resize(30);  // cut inside the fmt chunk
    EXPECT_EQ(field_of_error([&] { decode_audio_bytes(bytes); }), "audio file");
}

TEST(AudioReader, StreamsLongerThanTheLimitAreRefused) {
    const auto bytes = wav_bytes(AudioBuffer(SampleRate(8000), 1, 16000));
    AudioReadOptions options;
    options.max_duration = Seconds(1.0);
    EXPECT_EQ(field_of_error([&] { decode_audio_bytes(bytes, options); }), "audio length");
    options.max_duration = Seconds(2.5);
    EXPECT_EQ(decode_audio_bytes(bytes, options).frames(), 16000u);
}

TEST(AudioReader, AbsurdSampleRateIsRefused) {
    const auto bytes = wav_bytes(AudioBuffer(SampleRate(100), 1, 100));
    EXPECT_EQ(field_of_error([&] { decode_audio_bytes(bytes); }), "audio sample rate");
}

}  // namespace
}  // namespace tunesmith
