// The upload endpoints end to end over HTTP: a synthesized sung vocal to POST /v1/accompaniments
// and a synthesized two-shot video to POST /v1/video-scores, each to a finished job whose files
// and resolved spec reflect the upload (score and cue sheet only, to stay fast).
#include <fstream>
#include <iterator>

#include "../accompany/sung_song.h"
#include "../video/synthetic_video.h"
#include "audio/audio_writer.h"
#include "server_fixture.h"

namespace tunesmith::server::testing {
namespace {

std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::set<std::string> file_names(const nlohmann::json& job) {
    std::set<std::string> names;
    for (const auto& f : job["result"]["files"]) names.insert(f["name"].get<std::string>());
    return names;
}

TEST_F(ServerTest, AccompanimentOfAnUploadedVocalRunsToDone) {
    start();
    tunesmith::testing_song::SungSongOptions song_options;
    song_options.phrases = 2;
    const auto song = tunesmith::testing_song::synthesize_song(song_options, Rng(21));
    AudioBuffer audio(SampleRate(song.rate), 1, 0);
    audio.channels.front() = song.audio;
    const auto wav = data_dir / "take.wav";
    write_audio_file(wav, audio, AudioFileFormat::wav_float, AudioMetadata{});

    auto c = client();
    httplib::MultipartFormDataItems form = {{"vocal", read_bytes(wav), "take 3.wav", "audio/wav"},
                                            {"prompt", "acoustic guitar and soft bass", "", ""},
                                            {"audio", "false", "", ""}};
    const Reply created = reply_of(c.Post("/v1/accompaniments", auth(key_a), form));
    ASSERT_EQ(created.status, 202) << created.body;
    EXPECT_EQ(created.json["kind"], "accompaniment");
    const nlohmann::json job = wait_for(created.json["id"], key_a, 120.0);
    ASSERT_EQ(job["state"], "done") << job.dump();
    const auto names = file_names(job);
    EXPECT_TRUE(names.contains("score.mid"));
    EXPECT_TRUE(names.contains("cue.json"));
    const Reply sheet = get("/v1/jobs/" + job["id"].get<std::string>() + "/files/cue.json", key_a);
    ASSERT_EQ(sheet.status, 200);
    EXPECT_TRUE(sheet.json.contains("accompany")) << "the cue sheet of an accompaniment carries its analysis";
}

TEST_F(ServerTest, VideoScoreOfAnUploadedVideoPutsAHitOnItsCut) {
    if (!tunesmith::testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    start();
    tunesmith::testing::SyntheticVideo video;  // 25 fps: a cut at frame 100 (4.0 s), 6.0 s long
    video.shots = {{"testsrc2=size={W}x{H}:rate={R}", 100}, {"mandelbrot=size={W}x{H}:rate={R}", 50}};
    bool ok = false;
    const auto clip = data_dir / "clip.mp4";
    tunesmith::testing::make_video(video, clip, ok);
    ASSERT_TRUE(ok);

    auto c = client();
    httplib::MultipartFormDataItems form = {{"video", read_bytes(clip), "clip.mp4", "video/mp4"},
                                            {"spec", R"({"prompt": "tense strings"})", "", ""},
                                            {"hits", "all", "", ""},
                                            {"audio", "false", "", ""}};
    const Reply created = reply_of(c.Post("/v1/video-scores", auth(key_a), form));
    ASSERT_EQ(created.status, 202) << created.body;
    const nlohmann::json job = wait_for(created.json["id"], key_a, 120.0);
    ASSERT_EQ(job["state"], "done") << job.dump();
    EXPECT_TRUE(file_names(job).contains("cuts.json"));
    EXPECT_NEAR(job["spec"]["length_s"].get<double>(), 6.0, 0.05);  // the video sets the length
    bool hit_on_cut = false;
    for (const auto& hit : job["spec"]["hits"]) hit_on_cut = hit_on_cut || std::abs(hit["time_s"].get<double>() - 4.0) < 0.05;
    EXPECT_TRUE(hit_on_cut) << job["spec"]["hits"].dump();
}

}  // namespace
}  // namespace tunesmith::server::testing
