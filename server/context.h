// What every route shares: the options, the stores, the worker pool and the lexicon, plus the
// helpers routes use to authenticate, read bodies and answer in the API's JSON shapes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/job_runner.h"
#include "server/job_store.h"
#include "server/key_store.h"
#include "server/server.h"
#include "server/worker_pool.h"
#include "spec/lexicon.h"

namespace tunesmith::server {

struct ServerContext {
    ServerOptions options;
    JobStore& jobs;
    KeyStore& keys;
    WorkerPool& pool;
    JobRunner& runner;
    const Lexicon& lexicon;
};

// Wraps a route: HttpError -> its status and JSON; InputError -> 422 naming the field; anything
// else -> 500 with a generic message (a server fault, never a user's mistake).
httplib::Server::Handler guarded(std::function<void(const httplib::Request&, httplib::Response&)> route);

void send_json(httplib::Response& res, int status, const nlohmann::json& body);

// The key id behind "Authorization: Bearer KEY"; HttpError 401 when missing, malformed or unknown.
std::int64_t authenticate(const httplib::Request& req, ServerContext& context);

// The request body as a JSON object: 413 above max_json_bytes, 400 for malformed JSON or a
// non-object, both naming the field "body".
nlohmann::json json_body(const httplib::Request& req, const ServerContext& context);

// The public form of a job: id, kind, state, progress, spec, result (files with URLs), error, times.
nlohmann::json job_json(const JobRecord& job);

// Queues a stored job or, when the queue is full, removes it and throws HttpError 429 (the
// route adds Retry-After from the HttpError's "retry_after" member).
void enqueue_or_refuse(ServerContext& context, const JobRecord& job);

void register_job_routes(httplib::Server& http, ServerContext& context);
void register_upload_routes(httplib::Server& http, ServerContext& context);
void register_page_routes(httplib::Server& http, ServerContext& context);

}  // namespace tunesmith::server
