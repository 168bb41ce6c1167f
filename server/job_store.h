// The job store: one SQLite row per job (owner key, kind, state, progress, request, result or
// error, times) in DIR/tunesmith.db, and each job's files under DIR/jobs/<id>/. Survives restarts:
// recover() turns jobs left running by a stopped server into queued ones (or failed ones).
// Thread-safe (one lock around the connection).
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/sqlite.h"

namespace tunesmith::server {

enum class JobKind { cue, accompaniment, video_score };
enum class JobState { queued, running, done, failed, cancelled };

std::string to_string(JobKind kind);
std::string to_string(JobState state);
JobKind job_kind_from(const std::string& text);
JobState job_state_from(const std::string& text);
bool is_finished(JobState state);

struct JobRecord {
    std::string id;  // 32 hex digits, random
    std::int64_t key_id = 0;
    JobKind kind = JobKind::cue;
    JobState state = JobState::queued;
    std::string stage;      // the pipeline stage last reported
    double percent = 0.0;   // 0..100 over the whole job
    nlohmann::json request = nlohmann::json::object();  // what the client asked (spec JSON + options)
    nlohmann::json spec;     // the resolved CueSpec (explain's "spec"), null until known
    nlohmann::json result;   // files and summary when done, else null
    nlohmann::json error;    // {"field","value","accepted","message"} when failed, else null
    std::int64_t created_unix = 0;
    std::int64_t started_unix = 0;   // 0: not started
    std::int64_t finished_unix = 0;  // 0: not finished
    int attempts = 0;                // times a worker started it (a restart may resume it)
};

struct RecoveryReport {
    std::vector<std::string> queued;  // to enqueue again, oldest first (resumed ones included)
    int resumed = 0;                  // were running, now queued again from scratch
    int failed = 0;                   // were running and out of attempts: marked failed
};

class JobStore {
public:
    // Creates DIR, DIR/jobs and the jobs table when missing.
    explicit JobStore(std::filesystem::path data_dir);

    const std::filesystem::path& data_dir() const { return data_dir_; }
    std::filesystem::path job_dir(const std::string& id) const { return data_dir_ / "jobs" / id; }

    // A new queued job with a fresh id and the current time; its folder is created.
    JobRecord create(std::int64_t key_id, JobKind kind, const nlohmann::json& request, const nlohmann::json& spec);
    // Deletes the row and the job's folder (a job refused before it was queued).
    void remove(const std::string& id);

    std::optional<JobRecord> find(const std::string& id);
    // Only the owner sees a job: another key's job is reported as absent.
    std::optional<JobRecord> find_owned(const std::string& id, std::int64_t key_id);
    std::vector<JobRecord> list_owned(std::int64_t key_id, int limit);

    void mark_running(const std::string& id);
    void set_progress(const std::string& id, const std::string& stage, double percent);
    void set_spec(const std::string& id, const nlohmann::json& spec);
    void mark_done(const std::string& id, const nlohmann::json& result);
    void mark_failed(const std::string& id, const nlohmann::json& error);
    void mark_cancelled(const std::string& id);
    // Back to queued (the server stopped under it); it will run again from scratch.
    void requeue(const std::string& id);

    // On start-up: every running job is queued again while it has attempts left (else failed with
    // a reason); returns the ids to enqueue, oldest first.
    RecoveryReport recover(int max_attempts);

private:
    void set_finished(const std::string& id, JobState state, const char* column, const nlohmann::json& value);

    std::filesystem::path data_dir_;
    std::mutex mutex_;
    Database db_;
};

}  // namespace tunesmith::server
