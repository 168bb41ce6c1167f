// Tests for src/video/decoder.cpp and rational.h: exact frame times at 29.97 fps and a variable
// rate (checked against ffprobe), and clear InputErrors for files that cannot be scored.
#include "video/decoder.h"

#include <gtest/gtest.h>

#include <fstream>

#include "base/error.h"
#include "video/analysis.h"
#include "synthetic_video.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

std::string error_field(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& e) {
        return e.field();
    }
    return "(no error)";
}

class DecoderTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!testing::have_ffmpeg()) return;
        dir_ = testing::fresh_temp_dir("decoder");
        testing::SyntheticVideo ntsc;
        ntsc.rate = "30000/1001";
        ntsc.fps = 30000.0 / 1001.0;
        ntsc.shots = {{"testsrc2=size={W}x{H}:rate={R}", 91}};
        ntsc.audio = "sine";
        bool ok = false;
        testing::make_video(ntsc, dir_ / "ntsc.mp4", ok);
        ready_ = ok;
        testing::SyntheticVideo vfr = ntsc;
        vfr.drop_every = 4;
        vfr.audio.clear();
        testing::make_video(vfr, dir_ / "vfr.mkv", ok);
        ready_ = ready_ && ok;
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }
    void SetUp() override {
        if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test videos";
        ASSERT_TRUE(ready_);
    }
    static inline fs::path dir_;
    static inline bool ready_ = false;
};

TEST(Rational, TimesAndSamplesAreExact) {
    EXPECT_EQ(rational_time(3003, Rational(1, 90000)), Rational(1001, 30000));
    EXPECT_EQ(rational_time(3003 * 30000, Rational(1, 90000)).to_string(), "1001/1");
    EXPECT_EQ(rational_to_samples(Rational(1001, 30000), SampleRate(48000)), Samples(1602));  // 1601.6
    EXPECT_EQ(rational_to_samples(Rational(1001, 24000), SampleRate(48000)), Samples(2002));
    // Frame 107892 at 29.97 fps (one hour) is 3600.0 s minus nothing: no drift.
    EXPECT_EQ(rational_to_samples(Rational(107892LL * 1001, 30000), SampleRate(48000)),
              Samples(107892LL * 1001 * 48000 / 30000));
}

TEST_F(DecoderTest, NtscFrameTimesAreExactMultiplesOfTheFramePeriod) {
    const VideoInfo info = probe_video(dir_ / "ntsc.mp4");
    EXPECT_EQ(info.frame_rate, Rational(30000, 1001));
    EXPECT_TRUE(info.has_audio);
    std::vector<AnalysisFrame> frames;
    std::vector<Rational> times;
    const DecodeSummary summary =
        decode_video(dir_ / "ntsc.mp4", {}, [&](const AnalysisFrame& f) { times.push_back(f.time); });
    ASSERT_EQ(summary.frames, 91);
    for (std::size_t k = 0; k < times.size(); ++k)
        EXPECT_EQ(times[k], Rational(static_cast<std::int64_t>(k) * 1001, 30000)) << "frame " << k;
    EXPECT_EQ(summary.end_time, Rational(91 * 1001, 30000));
}

TEST_F(DecoderTest, VariableRateTimesMatchFfprobe) {
    const VideoAnalysis a = analyze_video(dir_ / "vfr.mkv");
    EXPECT_TRUE(a.variable_frame_rate);
    const fs::path listing = dir_ / "pts.txt";
    ASSERT_TRUE(testing::run_command("ffprobe -v error -select_streams v:0 -show_entries frame=pts_time -of csv=p=0 '" +
                                     (dir_ / "vfr.mkv").string() + "' > '" + listing.string() + "'"));
    std::ifstream in(listing);
    std::vector<double> expected;
    for (std::string line; std::getline(in, line);)  // "0.033000" (the first line may end in a comma)
        if (!line.empty() && line != ",") expected.push_back(std::atof(line.c_str()));
    ASSERT_EQ(a.frame_times.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k)
        EXPECT_NEAR(a.frame_times[k].to_double(), expected[k] - expected[0], 1e-9) << "frame " << k;
}

TEST_F(DecoderTest, BadFilesNameTheField) {
    EXPECT_EQ(error_field([&] { probe_video(dir_ / "missing.mp4"); }), "video file");
    const fs::path noise = dir_ / "noise.mp4";
    {
        std::ofstream out(noise, std::ios::binary);
        for (int i = 0; i < 5000; ++i) out.put(static_cast<char>((i * 7919) % 251));
    }
    EXPECT_EQ(error_field([&] { probe_video(noise); }), "video file");
    const fs::path empty = dir_ / "empty.mp4";
    std::ofstream(empty).close();
    EXPECT_EQ(error_field([&] { probe_video(empty); }), "video file");
    const fs::path audio_only = dir_ / "tone.m4a";
    ASSERT_TRUE(testing::run_command("ffmpeg -v error -y -f lavfi -i sine=d=1 -c:a aac '" + audio_only.string() + "'"));
    EXPECT_EQ(error_field([&] { probe_video(audio_only); }), "video");
    // Truncated: the header promises frames the file does not hold.
    const fs::path truncated = dir_ / "truncated.mp4";
    {
        std::ifstream in(dir_ / "ntsc.mp4", std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(truncated, std::ios::binary) << bytes.substr(0, 3000);
    }
    const std::string field = error_field([&] { decode_video(truncated, {}, [](const AnalysisFrame&) {}); });
    EXPECT_TRUE(field == "video file" || field == "video") << field;
}

TEST_F(DecoderTest, LongVideosAreRefusedBeforeDecoding) {
    // Three hours at one frame per ten minutes: a tiny file with a long declared duration.
    const fs::path long_video = dir_ / "three_hours.mkv";
    ASSERT_TRUE(testing::run_command("ffmpeg -v error -y -f lavfi -i color=size=32x32:rate=1/600 -t 10800 "
                                     "-c:v libx264 -pix_fmt yuv420p '" + long_video.string() + "'"));
    try {
        probe_video(long_video);
        FAIL() << "a three-hour video was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "video length");
        EXPECT_NE(std::string(e.what()).find("1200"), std::string::npos) << e.what();
    }
    // decode_video applies the same limit.
    DecodeOptions options;
    options.limits.max_duration = Seconds(1.0);
    EXPECT_EQ(error_field([&] { decode_video(dir_ / "ntsc.mp4", options, [](const AnalysisFrame&) {}); }),
              "video length");
}

}  // namespace
}  // namespace tunesmith

namespace tunesmith {
namespace {

struct DecodedFrames {
    std::vector<std::int64_t> pts;
    std::vector<std::vector<std::uint8_t>> pictures;
    DecodeSummary summary;
};

DecodedFrames decode_all(const fs::path& video, bool chunks, bool skim) {
    DecodeOptions options;
    options.threads = 2;
    options.parallel_chunks = chunks;
    options.skim = skim;
    DecodedFrames out;
    out.summary = decode_video(video, options, [&](const AnalysisFrame& f) {
        out.pts.push_back(f.pts);
        const auto plane = static_cast<std::size_t>(f.width * f.height);
        std::vector<std::uint8_t> picture(f.y, f.y + plane);
        picture.insert(picture.end(), f.u, f.u + plane);
        picture.insert(picture.end(), f.v, f.v + plane);
        out.pictures.push_back(std::move(picture));
    });
    return out;
}

// Four 60-frame shots (x264 starts each with an IDR picture): decoded as IDR chunks on two workers,
// the frames, times and pictures are those of one decoder.
TEST(ChunkedDecode, ChunksFromIdrPicturesGiveTheSameFramesAsOneDecoder) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    const fs::path dir = testing::fresh_temp_dir("chunked");
    testing::SyntheticVideo v;
    v.shots = {{"testsrc2=size={W}x{H}:rate={R}", 60},
               {"mandelbrot=size={W}x{H}:rate={R}", 60},
               {"smptebars=size={W}x{H}:rate={R}", 60},
               {"testsrc2=size={W}x{H}:rate={R},hflip", 60}};
    bool ok = false;
    testing::make_video(v, dir / "shots.mp4", ok);
    ASSERT_TRUE(ok);
    const DecodedFrames one = decode_all(dir / "shots.mp4", false, false);
    const DecodedFrames chunked = decode_all(dir / "shots.mp4", true, false);
    EXPECT_EQ(one.summary.chunks, 0);
    EXPECT_GE(chunked.summary.chunks, 3) << "the stream was cut at its IDR pictures";
    ASSERT_EQ(one.pts.size(), 240u);
    EXPECT_EQ(chunked.pts, one.pts);
    EXPECT_EQ(chunked.summary.end_time, one.summary.end_time);
    ASSERT_EQ(chunked.pictures.size(), one.pictures.size());
    for (std::size_t i = 0; i < one.pictures.size(); ++i) ASSERT_EQ(chunked.pictures[i], one.pictures[i]) << "frame " << i;
    // Skimming runs inside each chunk: the frames and their times stay those of a full decode.
    const DecodedFrames skimmed = decode_all(dir / "shots.mp4", true, true);
    EXPECT_EQ(skimmed.pts, one.pts);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace tunesmith
