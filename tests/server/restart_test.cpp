// Restart survival: a finished job and its files outlive the server; a job a stopped server left
// running is resumed by the next start (or failed with a reason once out of attempts), never lost;
// the queue limit answers 429 with Retry-After.
#include "server/job_store.h"
#include "server_fixture.h"

namespace tunesmith::server::testing {
namespace {

TEST_F(ServerTest, FinishedJobsAndFilesSurviveARestart) {
    start();
    const Reply created = post_json("/v1/cues", key_a, kShortScoreOnly);
    ASSERT_EQ(created.status, 202);
    const std::string id = created.json["id"];
    const nlohmann::json before = wait_for(id, key_a);
    ASSERT_EQ(before["state"], "done");
    const std::string sheet = get("/v1/jobs/" + id + "/files/cue.json", key_a).body;

    restart(options());
    const Reply after = get("/v1/jobs/" + id, key_a);
    ASSERT_EQ(after.status, 200);
    EXPECT_EQ(after.json["state"], "done");
    EXPECT_EQ(after.json["result"], before["result"]);
    EXPECT_EQ(get("/v1/jobs/" + id + "/files/cue.json", key_a).body, sheet);
    EXPECT_EQ(get("/v1/jobs/" + id, key_b).status, 404);  // ownership survives too
}

TEST_F(ServerTest, AJobLeftRunningIsResumedFromScratch) {
    std::string id;
    {
        // What a killed server leaves: a row in state running, attempts 1, a partial staging folder.
        JobStore store(data_dir);
        KeyStore keys(data_dir);
        const auto key = keys.authenticate(key_a);
        ASSERT_TRUE(key);
        const nlohmann::json request = {{"spec", {{"prompt", "calm piano"}, {"length_s", 3}}}, {"audio", false}};
        id = store.create(*key, JobKind::cue, request, nullptr).id;
        store.mark_running(id);
        std::filesystem::create_directories(store.job_dir(id) / ".out.partial-1-0");
    }
    start();
    EXPECT_EQ(server->resumed_jobs(), 1);
    const nlohmann::json job = wait_for(id, key_a);
    EXPECT_EQ(job["state"], "done") << job.dump();
    EXPECT_EQ(job["attempts"], 2);
    EXPECT_FALSE(std::filesystem::exists(data_dir / "jobs" / id / ".out.partial-1-0"));
    EXPECT_EQ(get("/v1/jobs/" + id + "/files/score.mid", key_a).status, 200);
}

TEST_F(ServerTest, AJobInterruptedTooOftenIsMarkedFailedWithAReason) {
    std::string id;
    {
        JobStore store(data_dir);
        KeyStore keys(data_dir);
        const nlohmann::json request = {{"spec", {{"prompt", "calm piano"}}}, {"audio", false}};
        id = store.create(*keys.authenticate(key_a), JobKind::cue, request, nullptr).id;
        store.mark_running(id);
        store.requeue(id);
        store.mark_running(id);  // attempts 2 = max_attempts
    }
    start();
    EXPECT_EQ(server->failed_jobs(), 1);
    const Reply job = get("/v1/jobs/" + id, key_a);
    EXPECT_EQ(job.json["state"], "failed");
    EXPECT_NE(job.json["error"]["message"].get<std::string>().find("server stopped"), std::string::npos);
}

TEST_F(ServerTest, StoppingTheServerRequeuesARunningJob) {
    ServerOptions o = options();
    o.workers = 1;
    start(o);
    const Reply created = post_json("/v1/cues", key_a, kLongScoreOnly);
    ASSERT_EQ(created.status, 202);
    const std::string id = created.json["id"];
    wait_until_running(id, key_a);
    server.reset();  // stops at the next stage boundary and puts the job back in the queue
    {
        JobStore store(data_dir);
        const auto job = store.find(id);
        ASSERT_TRUE(job);
        EXPECT_TRUE(job->state == JobState::queued || job->state == JobState::done) << to_string(job->state);
    }
    start(o);
    EXPECT_EQ(wait_for(id, key_a)["state"], "done");
}

TEST_F(ServerTest, AFullQueueAnswers429WithRetryAfter) {
    ServerOptions o = options();
    o.workers = 1;
    o.queue_limit = 1;
    start(o);
    const Reply first = post_json("/v1/cues", key_a, kLongScoreOnly);
    ASSERT_EQ(first.status, 202);
    wait_until_running(first.json["id"], key_a);
    const Reply second = post_json("/v1/cues", key_a, kLongScoreOnly);
    ASSERT_EQ(second.status, 202);
    const Reply third = post_json("/v1/cues", key_a, kShortScoreOnly);
    EXPECT_EQ(third.status, 429) << third.body;
    ASSERT_TRUE(third.headers.count("Retry-After"));
    EXPECT_GE(std::stoi(third.headers.find("Retry-After")->second), 1);
    EXPECT_EQ(third.json["error"]["field"], "queue");
    EXPECT_EQ(get("/v1/jobs", key_a).json["jobs"].size(), 2u);  // the refused job was not kept
    del("/v1/jobs/" + second.json["id"].get<std::string>(), key_a);
    del("/v1/jobs/" + first.json["id"].get<std::string>(), key_a);
}

}  // namespace
}  // namespace tunesmith::server::testing
