// The shared route helpers: the error policy around every route, bearer-token authentication,
// JSON bodies with size and syntax checks, and the public JSON form of a job.
#include <exception>

#include "server/api_error.h"
#include "server/context.h"
#include "spec/cue_spec_json.h"

namespace tunesmith::server {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

httplib::Server::Handler guarded(std::function<void(const httplib::Request&, httplib::Response&)> route) {
    return [route = std::move(route)](const httplib::Request& req, httplib::Response& res) {
        try {
            route(req, res);
        } catch (const HttpError& e) {
            if (e.object().contains("retry_after_s"))
                res.set_header("Retry-After", std::to_string(e.object().at("retry_after_s").get<int>()));
            if (e.status() == 401) res.set_header("WWW-Authenticate", "Bearer");
            send_json(res, e.status(), {{"error", e.object()}});
        } catch (const InputError& e) {
            send_json(res, 422, {{"error", error_object(e)}});
        } catch (const std::exception& e) {
            send_json(res, 500, {{"error", error_object("", "", "", std::string("internal error: ") + e.what())}});
        }
    };
}

std::int64_t authenticate(const httplib::Request& req, ServerContext& context) {
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kScheme = "Bearer ";
    if (header.empty())
        throw HttpError(401, "Authorization", "", "Bearer KEY (create one with `tunesmith keys create`)",
                        "Authorization: missing; send the header `Authorization: Bearer KEY`");
    if (!header.starts_with(kScheme))
        throw HttpError(401, "Authorization", "", "Bearer KEY",
                        "Authorization: the scheme is not accepted; expected Bearer KEY");
    const auto key = context.keys.authenticate(std::string_view(header).substr(kScheme.size()));
    if (!key)
        throw HttpError(401, "Authorization", "", "a live API key",
                        "Authorization: the key is unknown or revoked");
    return *key;
}

nlohmann::json json_body(const httplib::Request& req, const ServerContext& context) {
    if (req.body.size() > context.options.max_json_bytes)
        throw HttpError(413, "body", std::to_string(req.body.size()) + " bytes",
                        "at most " + std::to_string(context.options.max_json_bytes) + " bytes",
                        "body: the request is too large");
    nlohmann::json body;
    try {
        body = parse_json_text(req.body, "body");
    } catch (const InputError& e) {
        throw HttpError(400, error_object(e));
    }
    if (!body.is_object())
        throw HttpError(400, "body", std::string(body.type_name()), "a JSON object (a CueSpec)",
                        "body: '" + std::string(body.type_name()) + "' is not accepted; expected a JSON object");
    return body;
}

nlohmann::json job_json(const JobRecord& job) {
    nlohmann::json out = {{"id", job.id},
                          {"kind", to_string(job.kind)},
                          {"state", to_string(job.state)},
                          {"progress", {{"stage", job.stage}, {"percent", job.percent}}},
                          {"spec", job.spec},
                          {"error", job.error},
                          {"created_unix", job.created_unix},
                          {"started_unix", job.started_unix},
                          {"finished_unix", job.finished_unix},
                          {"attempts", job.attempts},
                          {"url", "/v1/jobs/" + job.id}};
    if (job.result.is_object()) {
        nlohmann::json result = job.result;
        for (auto& file : result["files"]) file["url"] = "/v1/jobs/" + job.id + "/files/" + file["name"].get<std::string>();
        out["result"] = result;
    } else {
        out["result"] = nullptr;
    }
    return out;
}

void enqueue_or_refuse(ServerContext& context, const JobRecord& job) {
    if (context.pool.submit(job.id)) return;
    context.jobs.remove(job.id);
    nlohmann::json error = error_object(
        "queue", std::to_string(context.pool.queued()) + " jobs waiting",
        "at most " + std::to_string(context.pool.queue_limit()) + " waiting jobs",
        "queue: the server is busy; retry after the number of seconds in Retry-After");
    error["retry_after_s"] = context.pool.retry_after_seconds();
    throw HttpError(429, error);
}

}  // namespace tunesmith::server
