// The job store, key store and progress mapping without HTTP: state transitions, recovery after a
// restart, key hashing (the secret is never stored) and monotonic job percent.
#include <fstream>
#include <iterator>

#include "server/job_runner.h"
#include "server/job_store.h"
#include "server/key_store.h"
#include "server_fixture.h"

namespace tunesmith::server::testing {
namespace {

TEST(KeyStore, StoresOnlyTheHashAndAuthenticatesLiveKeys) {
    const auto dir = fresh_dir("keys");
    KeyStore keys(dir);
    const NewApiKey key = keys.create("ci");
    EXPECT_TRUE(key.secret.starts_with("tsk_"));
    EXPECT_EQ(key.secret.size(), 4u + 64u);
    EXPECT_EQ(keys.authenticate(key.secret), key.info.id);
    EXPECT_FALSE(keys.authenticate(key.secret + "x"));
    EXPECT_FALSE(keys.authenticate(""));

    std::ifstream db(database_path(dir), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(db)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(key.secret.substr(4)), std::string::npos);  // the secret is not in the file

    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ASSERT_EQ(keys.list().size(), 1u);
    EXPECT_EQ(keys.list()[0].hash_prefix, sha256_hex(key.secret).substr(0, 12));
    EXPECT_TRUE(keys.revoke(key.info.id));
    EXPECT_FALSE(keys.authenticate(key.secret));
    EXPECT_TRUE(keys.list()[0].revoked);
    EXPECT_FALSE(keys.revoke(999));
    std::filesystem::remove_all(dir);
}

TEST(JobStore, RecordsTransitionsAndRecoversInterruptedJobs) {
    const auto dir = fresh_dir("store");
    std::string done_id, interrupted_id, waiting_id;
    {
        JobStore store(dir);
        done_id = store.create(7, JobKind::cue, {{"spec", nlohmann::json::object()}}, nullptr).id;
        interrupted_id = store.create(7, JobKind::video_score, {{"spec", nlohmann::json::object()}}, nullptr).id;
        waiting_id = store.create(8, JobKind::accompaniment, {{"spec", nlohmann::json::object()}}, nullptr).id;
        store.mark_running(done_id);
        store.set_progress(done_id, "render", 40.0);
        EXPECT_EQ(store.find(done_id)->stage, "render");
        store.mark_done(done_id, {{"files", nlohmann::json::array()}});
        store.mark_running(interrupted_id);
        EXPECT_TRUE(std::filesystem::is_directory(store.job_dir(done_id)));
    }
    JobStore store(dir);
    const RecoveryReport report = store.recover(2);
    EXPECT_EQ(report.resumed, 1);
    EXPECT_EQ(report.failed, 0);
    EXPECT_EQ(report.queued, (std::vector<std::string>{interrupted_id, waiting_id}));
    const auto done = store.find(done_id);
    EXPECT_EQ(done->state, JobState::done);
    EXPECT_EQ(done->percent, 100.0);
    EXPECT_EQ(store.find(interrupted_id)->state, JobState::queued);
    EXPECT_EQ(store.find(interrupted_id)->kind, JobKind::video_score);
    EXPECT_TRUE(store.find_owned(done_id, 7));
    EXPECT_FALSE(store.find_owned(done_id, 8));
    EXPECT_EQ(store.list_owned(7, 10).size(), 2u);
    store.remove(waiting_id);
    EXPECT_FALSE(store.find(waiting_id));
    EXPECT_FALSE(std::filesystem::exists(store.job_dir(waiting_id)));
    std::filesystem::remove_all(dir);
}

TEST(JobPercent, RisesThroughTheStagesOfEachKind) {
    EXPECT_EQ(job_percent(JobKind::cue, "plan", 0.0), 0.0);
    EXPECT_EQ(job_percent(JobKind::cue, "provenance", 1.0), 100.0);
    EXPECT_LT(job_percent(JobKind::cue, "render", 0.5), job_percent(JobKind::cue, "master", 0.0));
    EXPECT_EQ(job_percent(JobKind::video_score, "mux", 1.0), 100.0);
    EXPECT_LT(job_percent(JobKind::video_score, "decode", 1.0), job_percent(JobKind::video_score, "plan", 1.0));
    EXPECT_LT(job_percent(JobKind::cue, "unknown", 0.5), 0.0);
}

}  // namespace
}  // namespace tunesmith::server::testing
