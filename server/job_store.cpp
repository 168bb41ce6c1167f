// Jobs in SQLite: the table, the state transitions (queued -> running -> done/failed/cancelled)
// and the start-up recovery of jobs a stopped server left running.
#include "server/job_store.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <stdexcept>

#include "server/key_store.h"

namespace tunesmith::server {
namespace fs = std::filesystem;

namespace {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string new_job_id() {
    std::array<unsigned char, 16> random{};
    randombytes_buf(random.data(), random.size());
    std::string hex(random.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
    hex.pop_back();
    return hex;
}

nlohmann::json json_or_null(const std::string& text) {
    if (text.empty()) return nullptr;
    return nlohmann::json::parse(text);
}

constexpr const char* kColumns =
    "id, key_id, kind, state, stage, percent, request, spec, result, error, created, started, finished, attempts";

JobRecord read_row(const Statement& row) {
    JobRecord job;
    job.id = row.column_text(0);
    job.key_id = row.column_int(1);
    job.kind = job_kind_from(row.column_text(2));
    job.state = job_state_from(row.column_text(3));
    job.stage = row.column_text(4);
    job.percent = row.column_double(5);
    job.request = json_or_null(row.column_text(6));
    job.spec = json_or_null(row.column_text(7));
    job.result = json_or_null(row.column_text(8));
    job.error = json_or_null(row.column_text(9));
    job.created_unix = row.column_int(10);
    job.started_unix = row.column_int(11);
    job.finished_unix = row.column_int(12);
    job.attempts = static_cast<int>(row.column_int(13));
    return job;
}

}  // namespace

std::string to_string(JobKind kind) {
    switch (kind) {
        case JobKind::cue: return "cue";
        case JobKind::accompaniment: return "accompaniment";
        case JobKind::video_score: return "video-score";
    }
    throw std::logic_error("unknown job kind");
}

std::string to_string(JobState state) {
    switch (state) {
        case JobState::queued: return "queued";
        case JobState::running: return "running";
        case JobState::done: return "done";
        case JobState::failed: return "failed";
        case JobState::cancelled: return "cancelled";
    }
    throw std::logic_error("unknown job state");
}

JobKind job_kind_from(const std::string& text) {
    if (text == "cue") return JobKind::cue;
    if (text == "accompaniment") return JobKind::accompaniment;
    if (text == "video-score") return JobKind::video_score;
    throw std::logic_error("job store holds an unknown kind: " + text);
}

JobState job_state_from(const std::string& text) {
    for (JobState s : {JobState::queued, JobState::running, JobState::done, JobState::failed, JobState::cancelled})
        if (to_string(s) == text) return s;
    throw std::logic_error("job store holds an unknown state: " + text);
}

bool is_finished(JobState state) {
    return state == JobState::done || state == JobState::failed || state == JobState::cancelled;
}

JobStore::JobStore(fs::path data_dir)
    : data_dir_((fs::create_directories(data_dir / "jobs"), std::move(data_dir))), db_(database_path(data_dir_)) {
    db_.exec(
        "CREATE TABLE IF NOT EXISTS jobs ("
        " id TEXT PRIMARY KEY,"
        " key_id INTEGER NOT NULL,"
        " kind TEXT NOT NULL,"
        " state TEXT NOT NULL,"
        " stage TEXT NOT NULL DEFAULT '',"
        " percent REAL NOT NULL DEFAULT 0,"
        " request TEXT NOT NULL,"
        " spec TEXT,"
        " result TEXT,"
        " error TEXT,"
        " created INTEGER NOT NULL,"
        " started INTEGER NOT NULL DEFAULT 0,"
        " finished INTEGER NOT NULL DEFAULT 0,"
        " attempts INTEGER NOT NULL DEFAULT 0);"
        "CREATE INDEX IF NOT EXISTS jobs_by_key ON jobs (key_id, created);");
}

JobRecord JobStore::create(std::int64_t key_id, JobKind kind, const nlohmann::json& request,
                           const nlohmann::json& spec) {
    JobRecord job;
    job.id = new_job_id();
    job.key_id = key_id;
    job.kind = kind;
    job.request = request;
    job.spec = spec;
    job.created_unix = unix_now();
    fs::create_directories(job_dir(job.id));
    const std::lock_guard lock(mutex_);
    Statement insert(db_, "INSERT INTO jobs (id, key_id, kind, state, request, spec, created) VALUES (?,?,?,?,?,?,?)");
    insert.bind(1, job.id).bind(2, key_id).bind(3, to_string(kind)).bind(4, to_string(JobState::queued));
    insert.bind(5, request.dump()).bind(6, spec.dump()).bind(7, job.created_unix).run();
    return job;
}

void JobStore::remove(const std::string& id) {
    {
        const std::lock_guard lock(mutex_);
        Statement erase(db_, "DELETE FROM jobs WHERE id = ?");
        erase.bind(1, id).run();
    }
    std::error_code ec;
    fs::remove_all(job_dir(id), ec);
}

std::optional<JobRecord> JobStore::find(const std::string& id) {
    const std::lock_guard lock(mutex_);
    Statement select(db_, std::string("SELECT ") + kColumns + " FROM jobs WHERE id = ?");
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    return read_row(select);
}

std::optional<JobRecord> JobStore::find_owned(const std::string& id, std::int64_t key_id) {
    auto job = find(id);
    if (!job || job->key_id != key_id) return std::nullopt;
    return job;
}

std::vector<JobRecord> JobStore::list_owned(std::int64_t key_id, int limit) {
    const std::lock_guard lock(mutex_);
    Statement select(db_, std::string("SELECT ") + kColumns +
                              " FROM jobs WHERE key_id = ? ORDER BY created DESC, rowid DESC LIMIT ?");
    select.bind(1, key_id).bind(2, std::int64_t{limit});
    std::vector<JobRecord> jobs;
    while (select.step()) jobs.push_back(read_row(select));
    return jobs;
}

void JobStore::mark_running(const std::string& id) {
    const std::lock_guard lock(mutex_);
    Statement update(db_,
                     "UPDATE jobs SET state = 'running', stage = '', percent = 0, started = ?, "
                     "attempts = attempts + 1 WHERE id = ?");
    update.bind(1, unix_now()).bind(2, id).run();
}

void JobStore::set_progress(const std::string& id, const std::string& stage, double percent) {
    const std::lock_guard lock(mutex_);
    Statement update(db_, "UPDATE jobs SET stage = ?, percent = ? WHERE id = ? AND state = 'running'");
    update.bind(1, stage).bind(2, percent).bind(3, id).run();
}

void JobStore::set_spec(const std::string& id, const nlohmann::json& spec) {
    const std::lock_guard lock(mutex_);
    Statement update(db_, "UPDATE jobs SET spec = ? WHERE id = ?");
    update.bind(1, spec.dump()).bind(2, id).run();
}

void JobStore::set_finished(const std::string& id, JobState state, const char* column, const nlohmann::json& value) {
    const std::lock_guard lock(mutex_);
    Statement update(db_, std::string("UPDATE jobs SET state = ?, finished = ?, ") + column + " = ?" +
                              (state == JobState::done ? ", percent = 100" : "") + " WHERE id = ?");
    update.bind(1, to_string(state)).bind(2, unix_now()).bind(3, value.dump()).bind(4, id).run();
}

void JobStore::mark_done(const std::string& id, const nlohmann::json& result) {
    set_finished(id, JobState::done, "result", result);
}

void JobStore::mark_failed(const std::string& id, const nlohmann::json& error) {
    set_finished(id, JobState::failed, "error", error);
}

void JobStore::mark_cancelled(const std::string& id) {
    set_finished(id, JobState::cancelled, "error", nullptr);
}

void JobStore::requeue(const std::string& id) {
    const std::lock_guard lock(mutex_);
    Statement update(db_, "UPDATE jobs SET state = 'queued', stage = '', percent = 0 WHERE id = ?");
    update.bind(1, id).run();
}

RecoveryReport JobStore::recover(int max_attempts) {
    RecoveryReport report;
    std::vector<JobRecord> interrupted;
    {
        const std::lock_guard lock(mutex_);
        Statement select(db_, std::string("SELECT ") + kColumns + " FROM jobs WHERE state = 'running'");
        while (select.step()) interrupted.push_back(read_row(select));
    }
    for (const auto& job : interrupted) {
        if (job.attempts >= max_attempts) {
            mark_failed(job.id, {{"field", "job"},
                                 {"value", job.id},
                                 {"accepted", ""},
                                 {"message", "the server stopped while this job ran, " + std::to_string(job.attempts) +
                                                 " time(s); it was not resumed again"}});
            ++report.failed;
        } else {
            requeue(job.id);
            ++report.resumed;
        }
    }
    const std::lock_guard lock(mutex_);
    Statement queued(db_, "SELECT id FROM jobs WHERE state = 'queued' ORDER BY created, rowid");
    while (queued.step()) report.queued.push_back(queued.column_text(0));
    return report;
}

}  // namespace tunesmith::server
