// Runs a job: builds the pipeline's options from the stored request, reports progress into the
// store (throttled), and turns each outcome (result, InputError, cancel, shutdown, failure) into a
// job state. Resuming after a restart is running again from scratch: the pipeline is deterministic.
#include "server/job_runner.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <vector>

#include "base/error.h"
#include "pipeline/accompany.h"
#include "pipeline/generate.h"
#include "pipeline/score_video.h"
#include "server/api_error.h"
#include "spec/cue_spec_json.h"

namespace tunesmith::server {
namespace fs = std::filesystem;

namespace {

struct StageSpan {
    const char* stage;
    double start;
    double end;
};

// Where each reported stage sits in the whole job, by measured share of a typical run.
constexpr StageSpan kCueStages[] = {{"plan", 0, 5},   {"compose", 5, 12}, {"render", 12, 65},
                                    {"mix", 65, 75},  {"master", 75, 82}, {"write", 82, 92},
                                    {"export", 92, 96}, {"provenance", 96, 100}};
constexpr StageSpan kVideoStages[] = {{"decode", 0, 35},  {"cuts", 35, 38},   {"dialogue", 38, 42},
                                      {"plan", 42, 44},   {"compose", 44, 48}, {"render", 48, 75},
                                      {"mix", 75, 80},    {"master", 80, 83}, {"write", 83, 88},
                                      {"export", 88, 90}, {"provenance", 90, 92}, {"mux", 92, 100}};
constexpr StageSpan kAccompanyStages[] = {{"read", 0, 10},   {"render", 10, 65}, {"mix", 65, 75},
                                          {"master", 75, 82}, {"write", 82, 95}, {"export", 95, 98},
                                          {"provenance", 98, 100}};

// Writes progress to the store at most every 200 ms (or on a stage change): a render reports per
// stem and per block, and SQLite writes are not free.
class ProgressRecorder {
public:
    ProgressRecorder(JobStore& store, std::string id, JobKind kind) : store_(store), id_(std::move(id)), kind_(kind) {}

    void report(std::string_view stage, double fraction) {
        const std::lock_guard lock(mutex_);
        const std::string name(stage);
        const double percent = job_percent(kind_, name, fraction);
        if (percent >= 0) percent_ = std::max(percent_, percent);
        const auto now = std::chrono::steady_clock::now();
        if (name == stage_ && now - last_write_ < std::chrono::milliseconds(200)) return;
        stage_ = name;
        last_write_ = now;
        store_.set_progress(id_, stage_, percent_);
    }

private:
    JobStore& store_;
    std::string id_;
    JobKind kind_;
    std::mutex mutex_;
    std::string stage_;
    double percent_ = 0.0;
    std::chrono::steady_clock::time_point last_write_{};
};

SpecRequest spec_request_of(const nlohmann::json& request) {
    SpecRequest spec_request;
    spec_request.spec_json = request.at("spec");
    return spec_request;
}

nlohmann::json cue_summary(const CueResult& cue, const std::vector<std::string>& warnings) {
    nlohmann::json summary = {{"style", cue.style},
                              {"key", cue.plan.key.to_string()},
                              {"time_signature", cue.plan.meter.to_string()},
                              {"bpm", cue.plan.tempo.bpm_at(Ticks(0))},
                              {"bars", cue.plan.length / cue.plan.meter.bar()},
                              {"warnings", warnings}};
    if (cue.integrated_lufs) summary["integrated_lufs"] = *cue.integrated_lufs;
    if (cue.true_peak_dbtp) summary["true_peak_dbtp"] = *cue.true_peak_dbtp;
    return summary;
}

// Removes an earlier attempt's output and any staging folder a killed process left beside it.
void clear_previous_attempt(const fs::path& job_dir) {
    std::error_code ec;
    fs::remove_all(job_dir / "out", ec);
    for (const auto& entry : fs::directory_iterator(job_dir, ec))
        if (entry.path().filename().string().starts_with(".out.partial")) fs::remove_all(entry.path(), ec);
}

}  // namespace

double job_percent(JobKind kind, const std::string& stage, double fraction) {
    auto find = [&](const auto& table) {
        for (const auto& span : table)
            if (stage == span.stage) return span.start + (span.end - span.start) * std::clamp(fraction, 0.0, 1.0);
        return -1.0;
    };
    switch (kind) {
        case JobKind::cue: return find(kCueStages);
        case JobKind::video_score: return find(kVideoStages);
        case JobKind::accompaniment: return find(kAccompanyStages);
    }
    return -1.0;
}

nlohmann::json list_output_files(const fs::path& folder) {
    std::vector<std::pair<std::string, std::uintmax_t>> files;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(folder, ec))
        if (entry.is_regular_file())
            files.emplace_back(fs::relative(entry.path(), folder).generic_string(), entry.file_size());
    std::sort(files.begin(), files.end());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [name, bytes] : files) list.push_back({{"name", name}, {"bytes", bytes}});
    return list;
}

nlohmann::json JobRunner::execute(const JobRecord& job, const Reporter& reporter) {
    const nlohmann::json& request = job.request;
    GenerateOptions output;
    output.out_dir = out_dir(job.id);
    output.data_dir = options_.library_data_dir;
    output.soundfont = options_.soundfont;
    output.soundfont_cache = options_.soundfont_cache;
    output.threads = options_.threads_per_job;
    output.audio = request.value("audio", true);

    switch (job.kind) {
        case JobKind::cue: {
            output.loop = request.value("loop", false);
            const GenerateResult result = generate(spec_request_of(request), output, reporter);
            store_.set_spec(job.id, to_json(result.cues.front().spec));
            return {{"summary", cue_summary(result.cues.front(), result.warnings)}};
        }
        case JobKind::accompaniment: {
            AccompanyJob accompany;
            accompany.vocal = upload_dir(job.id) / request.at("upload").get<std::string>();
            accompany.request = spec_request_of(request);
            accompany.chords = request.value("chords", std::string());
            accompany.isolate = request.value("isolate", true);
            accompany.output = output;
            const AccompanyResult result = accompany_file(accompany, reporter);
            nlohmann::json summary = {{"style", result.style}, {"warnings", result.warnings}};
            if (result.integrated_lufs) summary["integrated_lufs"] = *result.integrated_lufs;
            if (result.true_peak_dbtp) summary["true_peak_dbtp"] = *result.true_peak_dbtp;
            return {{"summary", summary}};
        }
        case JobKind::video_score: {
            ScoreVideoOptions video;
            video.generate = output;
            video.hits = parse_hit_selection(request.value("hits", std::string("major")));
            video.mux = request.value("mux", true);
            for (double t : request.value("cuts", std::vector<double>{})) video.cuts.emplace_back(t);
            const fs::path upload = upload_dir(job.id) / request.at("upload").get<std::string>();
            const ScoreVideoResult result = score_video(upload, spec_request_of(request), video, reporter);
            store_.set_spec(job.id, to_json(result.cue.spec));
            return {{"summary", cue_summary(result.cue, result.warnings)}};
        }
    }
    throw std::logic_error("unknown job kind");
}

void JobRunner::run(const std::string& id, const std::atomic<StopReason>& stop) {
    try {
        run_job(id, stop);
    } catch (const std::exception&) {
        // The store itself failed: the job stays as it was and start-up recovery resolves it.
    }
}

void JobRunner::run_job(const std::string& id, const std::atomic<StopReason>& stop) {
    try {
        const std::optional<JobRecord> job = store_.find(id);
        if (!job || job->state != JobState::queued) return;  // cancelled or removed while it waited
        clear_previous_attempt(store_.job_dir(id));
        store_.mark_running(id);
        auto recorder = std::make_shared<ProgressRecorder>(store_, id, job->kind);
        Reporter reporter;
        reporter.progress = [recorder](std::string_view stage, double fraction) { recorder->report(stage, fraction); };
        reporter.cancel_requested = [&stop] { return stop.load() != StopReason::none; };
        nlohmann::json result = execute(*job, reporter);
        result["files"] = list_output_files(out_dir(id));
        store_.mark_done(id, result);
    } catch (const Cancelled&) {
        if (stop.load() == StopReason::shutdown) {
            store_.requeue(id);  // the next start runs it again from scratch
        } else {
            store_.mark_cancelled(id);
        }
    } catch (const InputError& e) {
        store_.mark_failed(id, error_object(e));
    } catch (const std::exception& e) {
        store_.mark_failed(id, error_object("", "", "", std::string("internal error: ") + e.what()));
    }
}

}  // namespace tunesmith::server
