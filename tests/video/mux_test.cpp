// Tests for src/video/mux.cpp: the video stream is copied bit for bit, the music is AAC starting
// at the first frame (a click lands within a millisecond of its time), and the second mix keeps
// the original audio.
#include "video/mux.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "audio/audio_reader.h"
#include "base/error.h"
#include "synthetic_video.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

std::string command_output(const std::string& command, const fs::path& file) {
    if (!testing::run_command(command + " > '" + file.string() + "' 2>/dev/null")) return "(failed)";
    std::ifstream in(file);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

// A click of one sample at `at` seconds in 48 kHz stereo of `seconds`.
AudioBuffer click_track(double seconds, double at) {
    AudioBuffer audio(SampleRate(48000), 2, static_cast<std::size_t>(seconds * 48000));
    const auto i = static_cast<std::size_t>(at * 48000);
    for (auto& ch : audio.channels)
        for (std::size_t k = 0; k < 48; ++k) ch[i + k] = 0.8f * static_cast<float>(std::exp(-0.1 * static_cast<double>(k)));
    return audio;
}

std::size_t first_above(const AudioBuffer& audio, float level) {
    const auto& ch = audio.channels[0];
    for (std::size_t i = 0; i < ch.size(); ++i)
        if (std::fabs(ch[i]) > level) return i;
    return ch.size();
}

// A 10-frame test picture as dir/in.mp4; false when ffmpeg could not make it.
bool make_short_video(const fs::path& dir) {
    testing::SyntheticVideo v;
    v.shots = {{"testsrc2=size={W}x{H}:rate={R}", 10}};
    bool ok = false;
    testing::make_video(v, dir / "in.mp4", ok);
    return ok;
}

TEST(Mux, VideoIsCopiedAndMusicStartsAtTheFirstFrame) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    const auto dir = testing::fresh_temp_dir("mux");
    testing::SyntheticVideo v;
    v.shots = {{"testsrc2=size={W}x{H}:rate={R}", 75}};
    v.audio = "sine";
    bool ok = false;
    testing::make_video(v, dir / "in.mp4", ok);
    ASSERT_TRUE(ok);
    const VideoInfo info = probe_video(dir / "in.mp4");
    EXPECT_EQ(scored_video_name(info), "scored.mp4");

    const AudioBuffer music = click_track(3.0, 1.0);
    const AudioBuffer original = read_audio_file(dir / "in.mp4");
    const AudioBuffer mix = mix_music_under_original(music, original);
    ASSERT_EQ(mix.frames(), music.frames());
    mux_audio_into_video(dir / "in.mp4", {MuxTrack{music, "music", true}, MuxTrack{mix, "mix", false}}, dir / "out.mp4");

    const std::string hash = "ffmpeg -v error -i '%s' -map 0:v -c copy -f md5 -";
    auto hash_of = [&](const fs::path& f) {
        std::string cmd = hash;
        cmd.replace(cmd.find("%s"), 2, f.string());
        return command_output(cmd, dir / "hash.txt");
    };
    EXPECT_EQ(hash_of(dir / "in.mp4"), hash_of(dir / "out.mp4")) << "the video packets must be copied unchanged";
    const std::string streams = command_output(
        "ffprobe -v error -show_entries stream=codec_name,codec_type -of csv=p=0 '" + (dir / "out.mp4").string() + "'",
        dir / "streams.txt");
    EXPECT_EQ(streams, "h264,video\naac,audio\naac,audio\n");

    const AudioBuffer decoded = read_audio_file(dir / "out.mp4");  // the default track: the music
    const double click = static_cast<double>(first_above(decoded, 0.2f)) / decoded.rate.hz;
    EXPECT_NEAR(click, 1.0, 0.001) << "AAC priming must be compensated";
    fs::remove_all(dir);
}

// Players list audio tracks by name: MP4 keeps it as the handler name, Matroska as the title.
TEST(Mux, AudioTracksCarryTheirTitleAndAnUndeterminedLanguage) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    const auto dir = testing::fresh_temp_dir("mux-titles");
    ASSERT_TRUE(make_short_video(dir));
    const AudioBuffer music = click_track(0.5, 0.1);
    for (const char* name : {"out.mp4", "out.mkv"}) {
        mux_audio_into_video(dir / "in.mp4", {MuxTrack{music, "Music", true}, MuxTrack{music, "Original audio", false}},
                             dir / name);
        const std::string tags = command_output(
            "ffprobe -v error -select_streams a -show_entries stream_tags=title,handler_name,language "
            "-of default=nw=1 '" + (dir / name).string() + "'", dir / "tags.txt");
        const std::string title_key = std::string(name) == "out.mp4" ? "TAG:handler_name=" : "TAG:title=";
        EXPECT_NE(tags.find(title_key + "Music\n"), std::string::npos) << name << ":\n" << tags;
        EXPECT_NE(tags.find(title_key + "Original audio\n"), std::string::npos) << name << ":\n" << tags;
        std::size_t languages = 0;
        for (std::size_t at = tags.find("TAG:language=und"); at != std::string::npos; at = tags.find("TAG:language=und", at + 1))
            ++languages;
        // MP4 stores each track's language; Matroska's default is "und", which ffprobe leaves out.
        EXPECT_EQ(languages, std::string(name) == "out.mp4" ? 2u : 0u) << name << ":\n" << tags;
        EXPECT_EQ(tags.find("TAG:language=eng"), std::string::npos) << name << ":\n" << tags;
    }
    fs::remove_all(dir);
}

TEST(Mux, UnwritableOutputIsAnInputError) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    const auto dir = testing::fresh_temp_dir("mux-bad");
    ASSERT_TRUE(make_short_video(dir));
    const AudioBuffer music = click_track(0.5, 0.1);
    EXPECT_THROW(mux_audio_into_video(dir / "in.mp4", {MuxTrack{music, "music", true}}, dir / "no/such/dir/out.mp4"),
                 InputError);
    EXPECT_THROW(mux_audio_into_video(dir / "missing.mp4", {MuxTrack{music, "music", true}}, dir / "out.mp4"),
                 InputError);
    if (fs::exists("/dev/full")) {  // a full disk: FFmpeg's reason reaches the message
        fs::create_symlink("/dev/full", dir / "full.mp4");
        try {
            mux_audio_into_video(dir / "in.mp4", {MuxTrack{music, "music", true}}, dir / "full.mp4");
            ADD_FAILURE() << "no error";
        } catch (const OutputError& e) {
            EXPECT_NE(std::string(e.what()).find("No space left on device"), std::string::npos) << e.what();
        }
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace tunesmith
