// Routes of the JSON API: explain (synchronous), cues (a job), and the job resource: state and
// progress, its files, cancel. Every route but health needs an API key; a job is visible only to
// the key that created it (another key gets 404, the same answer as for a job that never existed).
#include <fstream>
#include <memory>

#include "server/api_error.h"
#include "server/context.h"
#include "spec/cue_spec_json.h"
#include "spec/resolve.h"

namespace tunesmith::server {
namespace {

constexpr const char* kJobPattern = R"(/v1/jobs/([0-9a-f]{32}))";

// Takes the job options ("audio", "loop") out of a cue request; what remains is the CueSpec JSON.
nlohmann::json take_job_options(nlohmann::json& body) {
    nlohmann::json options = nlohmann::json::object();
    for (const char* name : {"audio", "loop"}) {
        if (!body.contains(name)) continue;
        if (!body.at(name).is_boolean())
            throw HttpError(422, name, body.at(name).dump(), "true or false",
                            std::string(name) + ": '" + body.at(name).dump() + "' is not accepted; expected true or false");
        options[name] = body.at(name);
        body.erase(name);
    }
    return options;
}

Resolution resolve(const nlohmann::json& spec, const ServerContext& context) {
    SpecRequest request;
    request.spec_json = spec;
    return resolve_spec(request, context.lexicon);
}

JobRecord owned_job(const httplib::Request& req, ServerContext& context, std::int64_t key) {
    const std::string id = req.matches[1];
    auto job = context.jobs.find_owned(id, key);
    if (!job) throw HttpError(404, "id", id, "the id of a job created with this key", "id: '" + id + "' is not a job of this key");
    return *job;
}

void explain(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
    authenticate(req, context);
    nlohmann::json body = json_body(req, context);
    take_job_options(body);
    send_json(res, 200, to_json(resolve(body, context)));
}

void create_cue(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
    const std::int64_t key = authenticate(req, context);
    nlohmann::json spec = json_body(req, context);
    nlohmann::json request = take_job_options(spec);
    const Resolution resolution = resolve(spec, context);  // an impossible spec is refused now, not later
    request["spec"] = spec;
    const JobRecord job = context.jobs.create(key, JobKind::cue, request, to_json(resolution.spec));
    enqueue_or_refuse(context, job);
    res.set_header("Location", "/v1/jobs/" + job.id);
    send_json(res, 202, job_json(job));
}

void list_jobs(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
    const std::int64_t key = authenticate(req, context);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& job : context.jobs.list_owned(key, 50)) list.push_back(job_json(job));
    send_json(res, 200, {{"jobs", list}});
}

void get_job(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
    const std::int64_t key = authenticate(req, context);
    send_json(res, 200, job_json(owned_job(req, context, key)));
}

void cancel_job(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
    const std::int64_t key = authenticate(req, context);
    const JobRecord job = owned_job(req, context, key);
    if (is_finished(job.state))
        throw HttpError(409, "state", to_string(job.state), "queued or running",
                        "state: '" + to_string(job.state) + "' is not accepted; only a queued or running job can be cancelled");
    switch (context.pool.cancel(job.id)) {
        case WorkerPool::CancelOutcome::dequeued:
        case WorkerPool::CancelOutcome::not_found:
            context.jobs.mark_cancelled(job.id);
            send_json(res, 200, job_json(*context.jobs.find(job.id)));
            return;
        case WorkerPool::CancelOutcome::signalled: {
            // The worker stops at its next stage boundary and records the cancel itself.
            nlohmann::json body = job_json(job);
            body["cancel_requested"] = true;
            send_json(res, 202, body);
            return;
        }
    }
}

std::string content_type_of(const std::string& name) {
    const auto dot = name.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
    if (ext == "wav") return "audio/wav";
    if (ext == "flac") return "audio/flac";
    if (ext == "mid") return "audio/midi";
    if (ext == "json") return "application/json";
    if (ext == "mp4") return "video/mp4";
    if (ext == "mkv") return "video/x-matroska";
    if (ext == "xml" || ext == "musicxml") return "application/vnd.recordare.musicxml+xml";
    return "application/octet-stream";
}

// Streams a job file (named in the job's file list, so no path outside the folder is reachable).
void get_file(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
    const std::int64_t key = authenticate(req, context);
    const JobRecord job = owned_job(req, context, key);
    const std::string name = req.matches[2];
    if (job.state != JobState::done)
        throw HttpError(409, "state", to_string(job.state), "done",
                        "state: '" + to_string(job.state) + "' is not accepted; files exist once the job is done");
    bool listed = false;
    for (const auto& file : job.result.at("files")) listed = listed || file.at("name") == name;
    if (!listed) throw HttpError(404, "name", name, "a name from the job's result.files", "name: '" + name + "' is not a file of this job");
    const std::filesystem::path path = context.runner.out_dir(job.id) / name;
    auto stream = std::make_shared<std::ifstream>(path, std::ios::binary);
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!*stream || ec) throw HttpError(410, "name", name, "", "name: the file is no longer on the server");
    const std::string leaf = std::filesystem::path(name).filename().string();
    if (req.has_param("download")) res.set_header("Content-Disposition", "attachment; filename=\"" + leaf + "\"");
    res.set_content_provider(static_cast<std::size_t>(size), content_type_of(name),
                             [stream](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 std::vector<char> buffer(std::min<std::size_t>(length, 1u << 16));
                                 stream->clear();
                                 stream->seekg(static_cast<std::streamoff>(offset));
                                 stream->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                                 const auto got = static_cast<std::size_t>(stream->gcount());
                                 if (got == 0) return false;
                                 sink.write(buffer.data(), got);
                                 return true;
                             });
}

}  // namespace

void register_job_routes(httplib::Server& http, ServerContext& context) {
    auto bind = [&context](void (*route)(const httplib::Request&, httplib::Response&, ServerContext&)) {
        return guarded([route, &context](const httplib::Request& req, httplib::Response& res) { route(req, res, context); });
    };
    http.Post("/v1/explain", bind(explain));
    http.Post("/v1/cues", bind(create_cue));
    http.Get("/v1/jobs", bind(list_jobs));
    http.Get(kJobPattern, bind(get_job));
    http.Delete(kJobPattern, bind(cancel_job));
    http.Get(std::string(kJobPattern) + "/files/(.+)", bind(get_file));
}

}  // namespace tunesmith::server
