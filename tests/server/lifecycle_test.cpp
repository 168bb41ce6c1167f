// The whole job life cycle over real HTTP: POST /v1/cues -> 202 -> poll -> done -> download the
// mix, cue.json and provenance; explain; health; cancel of queued and running jobs.
#include <cstring>

#include "server_fixture.h"
#include "spec/cue_spec_json.h"

namespace tunesmith::server::testing {
namespace {

// Frames in a PCM WAV file's data chunk (walks the chunk list; fails the test when malformed).
std::size_t wav_frames(const std::string& bytes) {
    if (bytes.size() < 12 || bytes.compare(0, 4, "RIFF") != 0 || bytes.compare(8, 4, "WAVE") != 0) {
        ADD_FAILURE() << "not a WAV file";
        return 0;
    }
    auto u32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        std::memcpy(&v, bytes.data() + at, 4);
        return v;
    };
    std::size_t block_align = 0;
    for (std::size_t at = 12; at + 8 <= bytes.size();) {
        const std::string id = bytes.substr(at, 4);
        const std::size_t size = u32(at + 4);
        if (id == "fmt ") block_align = static_cast<unsigned char>(bytes[at + 8 + 12]) |
                                        static_cast<std::size_t>(static_cast<unsigned char>(bytes[at + 8 + 13])) << 8;
        if (id == "data" && block_align > 0) return size / block_align;
        at += 8 + size + (size & 1u);
    }
    ADD_FAILURE() << "no data chunk";
    return 0;
}

TEST_F(ServerTest, HealthNeedsNoKeyAndReportsThePool) {
    start();
    auto c = client();
    const Reply health = reply_of(c.Get("/v1/health"));
    ASSERT_EQ(health.status, 200);
    EXPECT_EQ(health.json["status"], "ok");
    EXPECT_EQ(health.json["workers"], 2);
    EXPECT_EQ(health.json["queue_limit"], 8);
}

TEST_F(ServerTest, ExplainAnswersWithTheResolvedSpecLikeTheCli) {
    start();
    const Reply r = post_json("/v1/explain", key_a, R"({"prompt": "dark ambient, D minor, 45 seconds", "bpm": 72})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json["spec"]["key"], "D minor");
    EXPECT_EQ(r.json["spec"]["length_s"], 45.0);
    EXPECT_EQ(r.json["spec"]["bpm"], 72.0);  // JSON wins over prompt words
    ASSERT_TRUE(r.json["used_words"].is_array());
    EXPECT_FALSE(r.json["used_words"].empty());
    EXPECT_TRUE(r.json.contains("ignored_words"));
    EXPECT_TRUE(r.json.contains("warnings"));
}

TEST_F(ServerTest, CueJobRunsToDoneAndServesMixCueSheetAndProvenance) {
    start();
    const Reply created = post_json("/v1/cues", key_a, R"({"prompt": "calm piano", "length_s": 2, "formats": ["wav"]})");
    ASSERT_EQ(created.status, 202) << created.body;
    const std::string id = created.json["id"];
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(created.headers.find("Location")->second, "/v1/jobs/" + id);
    EXPECT_EQ(created.json["spec"]["length_s"], 2.0);  // resolved at submission

    const nlohmann::json job = wait_for(id, key_a, 120.0);
    ASSERT_EQ(job["state"], "done") << job.dump();
    EXPECT_EQ(job["progress"]["percent"], 100.0);
    EXPECT_EQ(job["attempts"], 1);
    EXPECT_GE(job["finished_unix"].get<std::int64_t>(), job["created_unix"].get<std::int64_t>());
    std::map<std::string, std::uint64_t> files;
    for (const auto& f : job["result"]["files"]) files[f["name"]] = f["bytes"];
    for (const char* name : {"mix.wav", "stems/piano.wav", "score.mid", "cue.json", "provenance.json"})
        EXPECT_TRUE(files.contains(name)) << name << " missing from " << job["result"].dump();

    auto c = client();
    const auto mix = c.Get(("/v1/jobs/" + id + "/files/mix.wav").c_str(), auth(key_a));
    ASSERT_TRUE(mix);
    ASSERT_EQ(mix->status, 200);
    EXPECT_EQ(mix->get_header_value("Content-Type"), "audio/wav");
    EXPECT_EQ(mix->body.size(), files["mix.wav"]);
    EXPECT_EQ(wav_frames(mix->body), 2u * 48000u);  // exactly the requested length

    const Reply sheet = get("/v1/jobs/" + id + "/files/cue.json", key_a);
    ASSERT_EQ(sheet.status, 200);
    EXPECT_FALSE(sheet.json.empty());
    const Reply provenance = get("/v1/jobs/" + id + "/files/provenance.json", key_a);
    ASSERT_EQ(provenance.status, 200);
    EXPECT_NE(provenance.body.find("mix.wav"), std::string::npos);  // the record names the mix it signs

    const Reply range = reply_of(c.Get(("/v1/jobs/" + id + "/files/mix.wav").c_str(),
                                       {{"Authorization", "Bearer " + key_a}, {"Range", "bytes=0-3"}}));
    EXPECT_EQ(range.status, 206);
    EXPECT_EQ(range.body, "RIFF");  // players seek with ranges

    const Reply listed = get("/v1/jobs", key_a);
    ASSERT_EQ(listed.status, 200);
    ASSERT_EQ(listed.json["jobs"].size(), 1u);
    EXPECT_EQ(listed.json["jobs"][0]["id"], id);
}

TEST_F(ServerTest, FilesOutsideTheJobListAreNotServed) {
    start();
    const Reply created = post_json("/v1/cues", key_a, kShortScoreOnly);
    ASSERT_EQ(created.status, 202);
    const std::string id = created.json["id"];
    ASSERT_EQ(wait_for(id, key_a)["state"], "done");
    EXPECT_EQ(get("/v1/jobs/" + id + "/files/mix.wav", key_a).status, 404);  // no audio was asked
    EXPECT_EQ(get("/v1/jobs/" + id + "/files/..%2F..%2Ftunesmith.db", key_a).status, 404);
    EXPECT_EQ(get("/v1/jobs/" + id + "/files/score.mid", key_a).status, 200);
}

TEST_F(ServerTest, DeleteCancelsQueuedAndRunningJobs) {
    ServerOptions o = options();
    o.workers = 1;
    start(o);
    const Reply running = post_json("/v1/cues", key_a, kLongScoreOnly);
    const Reply queued = post_json("/v1/cues", key_a, kShortScoreOnly);
    ASSERT_EQ(running.status, 202);
    ASSERT_EQ(queued.status, 202);
    const std::string running_id = running.json["id"];
    const std::string queued_id = queued.json["id"];

    const Reply dequeued = del("/v1/jobs/" + queued_id, key_a);
    EXPECT_EQ(dequeued.status, 200) << dequeued.body;
    EXPECT_EQ(dequeued.json["state"], "cancelled");

    wait_until_running(running_id, key_a);
    const Reply signalled = del("/v1/jobs/" + running_id, key_a);
    EXPECT_EQ(signalled.status, 202) << signalled.body;
    EXPECT_EQ(wait_for(running_id, key_a)["state"], "cancelled");
    EXPECT_FALSE(std::filesystem::exists(data_dir / "jobs" / running_id / "out"));  // nothing partial

    const Reply again = del("/v1/jobs/" + running_id, key_a);
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.json["error"]["field"], "state");
}

}  // namespace
}  // namespace tunesmith::server::testing
