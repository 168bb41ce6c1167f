// Runs one stored job through the library (generate, accompany_file or score_video) in its folder
// DIR/jobs/<id>/out, recording progress, the result or the error in the job store. Never throws:
// every outcome becomes a job state. Reentrant (one call per worker thread).
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "base/progress.h"
#include "server/job_store.h"
#include "server/worker_pool.h"

namespace tunesmith::server {

struct RunnerOptions {
    std::filesystem::path library_data_dir;  // styles and lexicon; empty: default_data_dir()
    std::filesystem::path soundfont;         // empty: the default General MIDI SoundFont
    int threads_per_job = 1;                 // render threads inside one job (workers x this = cores)
    std::filesystem::path soundfont_cache;   // decoded .sf3 kept here between jobs; empty: decode per job
};

// Overall percent (0..100) of a job of this kind when `stage` reports `fraction`; negative for a
// stage the table does not know (the caller keeps the last percent).
double job_percent(JobKind kind, const std::string& stage, double fraction);

class JobRunner {
public:
    JobRunner(JobStore& store, RunnerOptions options) : store_(store), options_(std::move(options)) {}

    void run(const std::string& id, const std::atomic<StopReason>& stop);

    // The output folder of a job and the upload folder beside it.
    std::filesystem::path out_dir(const std::string& id) const { return store_.job_dir(id) / "out"; }
    std::filesystem::path upload_dir(const std::string& id) const { return store_.job_dir(id) / "upload"; }

private:
    void run_job(const std::string& id, const std::atomic<StopReason>& stop);  // may throw on store errors
    nlohmann::json execute(const JobRecord& job, const Reporter& reporter);

    JobStore& store_;
    RunnerOptions options_;
};

// Every file of a finished folder as [{"name": "stems/bass.wav", "bytes": n}], sorted by name.
nlohmann::json list_output_files(const std::filesystem::path& folder);

}  // namespace tunesmith::server
