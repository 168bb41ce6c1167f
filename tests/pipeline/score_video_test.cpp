// Tests for src/pipeline/score_video.cpp: a short video with two shots and an audio track is
// scored end to end (cue files, cuts.json, scored.mp4 with the video copied and two AAC tracks),
// the video's cut becomes an exact hit, explicit flags beat the video, and bad input writes nothing.
#include "pipeline/score_video.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "base/error.h"
#include "../video/synthetic_video.h"
#include "provenance_ingredients.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

class ScoreVideoTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!testing::have_ffmpeg()) return;
        dir_ = testing::fresh_temp_dir("score-video");
        testing::SyntheticVideo v;  // 25 fps: a cut at frame 100 (4.0 s), 6.0 s long
        v.shots = {{"testsrc2=size={W}x{H}:rate={R}", 100}, {"mandelbrot=size={W}x{H}:rate={R}", 50}};
        v.audio = "sine";
        bool ok = false;
        testing::make_video(v, dir_ / "clip.mp4", ok);
        ready_ = ok;
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }
    void SetUp() override {
        if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
        ASSERT_TRUE(ready_);
    }
    static ScoreVideoOptions options_for(const std::string& name) {
        ScoreVideoOptions options;
        options.generate.out_dir = dir_ / name;
        options.generate.threads = 2;
        options.generate.formats = {"wav", "mid"};
        return options;
    }
    static inline fs::path dir_;
    static inline bool ready_ = false;
};

TEST_F(ScoreVideoTest, ScoresTheVideoWithAHitOnItsCut) {
    SpecRequest request;
    request.prompt = "tense cinematic strings and drums";
    request.flags.bpm = 120.0;  // 6 s = 3 bars and the cut at 4 s is beat 8: every anchor can be exact
    const ScoreVideoResult result = score_video(dir_ / "clip.mp4", request, options_for("scored"));
    EXPECT_EQ(result.cue.spec.length, Seconds(6.0));
    EXPECT_EQ(result.cue.plan.length_samples, Samples(6 * 48000));
    ASSERT_EQ(result.analysis.cuts.size(), 1u);
    EXPECT_EQ(result.analysis.cuts[0].frame, 100);
    ASSERT_EQ(result.cue.plan.hits.size(), 1u);
    EXPECT_EQ(result.cue.plan.hits[0].sample, Samples(4 * 48000));
    EXPECT_TRUE(result.cue.plan.hits[0].exact);
    EXPECT_EQ(result.cue.plan.tempo.to_samples(result.cue.plan.hits[0].tick), Samples(4 * 48000));

    for (const char* name : {"mix.wav", "score.mid", "cue.json", "cuts.json", "scored.mp4"})
        EXPECT_TRUE(fs::exists(result.out_dir / name)) << name;
    std::ifstream in(result.out_dir / "cuts.json");
    const nlohmann::json cuts = nlohmann::json::parse(in);
    EXPECT_EQ(cuts["cuts"][0]["frame"], 100);
    EXPECT_EQ(cuts["cuts"][0]["hit"], true);
    EXPECT_EQ(cuts["cuts"][0]["time"]["num"], 4);
    ASSERT_TRUE(result.scored_video);
    EXPECT_TRUE(testing::run_command("test \"$(ffprobe -v error -show_entries stream=codec_type -of csv=p=0 '" +
                                     result.scored_video->string() + "' | tr '\\n' ' ')\" = 'video audio audio '"));
}

TEST_F(ScoreVideoTest, FlagsBeatTheVideo) {
    SpecRequest request;
    request.flags.length = Seconds(3.0);  // shorter than the video: its hit at 4 s is dropped
    ScoreVideoOptions options = options_for("short");
    options.generate.audio = false;
    const ScoreVideoResult result = score_video(dir_ / "clip.mp4", request, options);
    EXPECT_EQ(result.cue.spec.length, Seconds(3.0));
    EXPECT_TRUE(result.cue.spec.hits.empty());
    // The record names the video it scored, and no melody index (score-video runs no melody check).
    EXPECT_EQ(testing::provenance_ingredients(result.out_dir, "inputs"), std::vector<std::string>{"clip.mp4"});
    const auto data = testing::provenance_ingredients(result.out_dir, "data_files");
    EXPECT_NE(std::find(data.begin(), data.end(), result.cue.style + ".json"), data.end());
    EXPECT_EQ(std::find(data.begin(), data.end(), "pop909.tsv"), data.end());
    EXPECT_FALSE(result.scored_video);
    EXPECT_TRUE(fs::exists(result.out_dir / "cuts.json"));
}

TEST_F(ScoreVideoTest, ALengthPastTheVideoIsWarned) {
    SpecRequest request;
    request.flags.length = Seconds(10.0);  // the video is 6 s
    ScoreVideoOptions options = options_for("long");
    options.generate.audio = false;
    const ScoreVideoResult result = score_video(dir_ / "clip.mp4", request, options);
    EXPECT_EQ(result.cue.spec.length, Seconds(10.0));
    EXPECT_TRUE(std::any_of(result.warnings.begin(), result.warnings.end(), [](const std::string& w) {
        return w.find("past the last picture") != std::string::npos;
    })) << "no warning that the music outlasts the video";
}

TEST_F(ScoreVideoTest, BadInputLeavesNothing) {
    const fs::path audio_only = dir_ / "tone.wav";
    ASSERT_TRUE(testing::run_command("ffmpeg -v error -y -f lavfi -i sine=d=1 '" + audio_only.string() + "'"));
    ScoreVideoOptions options = options_for("bad");
    try {
        score_video(audio_only, SpecRequest{}, options);
        FAIL() << "an audio file was scored as a video";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "video");
    }
    options.cuts = {Seconds(9.0)};
    EXPECT_THROW(score_video(dir_ / "clip.mp4", SpecRequest{}, options), InputError);
    for (const auto& entry : fs::directory_iterator(dir_))
        EXPECT_EQ(entry.path().filename().string().find("bad"), std::string::npos) << entry.path();
}

TEST_F(ScoreVideoTest, AClipTooShortForOneBarIsRefusedAsTheVideo) {
    // Half a second of picture (or a still image) was scored as one 4/4 bar at 480 bpm (6000 for
    // an image), outside 20..400 bpm, and mastered to a silent mix.
    const fs::path clip = dir_ / "blink.mp4";
    ASSERT_TRUE(testing::run_command("ffmpeg -v error -y -f lavfi -i testsrc2=size=160x90:rate=25:d=0.5 '" +
                                     clip.string() + "'"));
    ScoreVideoOptions options = options_for("blink");
    options.generate.audio = false;
    try {
        score_video(clip, SpecRequest{}, options);
        FAIL() << "a 0.5 s clip was scored";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "video");
        EXPECT_NE(std::string(e.what()).find("blink.mp4 is 0.5"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("at least 0.6 s"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(dir_ / "blink"));
    // An explicit length long enough makes it a cue again (the music runs past the picture).
    SpecRequest request;
    request.flags.length = Seconds(2.0);
    EXPECT_EQ(score_video(clip, request, options).cue.spec.length, Seconds(2.0));
}

}  // namespace
}  // namespace tunesmith
