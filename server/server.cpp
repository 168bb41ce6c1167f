// The server's wiring: stores, recovery of interrupted jobs, the worker pool, the routes, the
// error handler that gives httplib's own errors (404, 413, 400) the API's JSON shape, and the
// listening thread.
#include "server/server.h"

#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "base/data_dir.h"
#include "server/api_error.h"
#include "server/context.h"
#include "spec/lexicon.h"

namespace tunesmith::server {
namespace fs = std::filesystem;

fs::path default_server_data_dir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return fs::path(xdg) / "tunesmith" / "server";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".local" / "share" / "tunesmith" / "server";
    return fs::current_path() / "tunesmith-server";
}

namespace {

// httplib's own error answers (no route, body too large, bad request) in the API's shape.
nlohmann::json library_error(int status, const httplib::Request& req, const ServerOptions& options) {
    if (status == 404) return error_object("path", req.path, "a route under /v1 (see docs/server.md)", "path: '" + req.path + "' is not a route");
    if (status == 413)
        return error_object("body", req.get_header_value("Content-Length") + " bytes",
                            "at most " + std::to_string(options.max_upload_bytes) + " bytes",
                            "body: the request is too large");
    if (status == 405) return error_object("method", req.method, "", "method: '" + req.method + "' is not accepted for " + req.path);
    return error_object("request", req.method + " " + req.path, "", "the request could not be read (HTTP " + std::to_string(status) + ")");
}

}  // namespace

struct Server::Impl {
    ServerOptions options;
    JobStore jobs;
    KeyStore keys;
    Lexicon lexicon;
    JobRunner runner;
    RecoveryReport recovery;
    std::unique_ptr<WorkerPool> pool;
    std::unique_ptr<ServerContext> context;
    httplib::Server http;
    std::thread listener;
    int port = 0;

    explicit Impl(ServerOptions opts)
        : options(std::move(opts)),
          jobs(options.data_dir),
          keys(options.data_dir),
          lexicon(load_lexicon(options.library_data_dir.empty() ? default_data_dir() : options.library_data_dir)),
          runner(jobs, RunnerOptions{options.library_data_dir, options.soundfont, options.threads_per_job, options.soundfont_cache}) {
        recovery = jobs.recover(options.max_attempts);
        pool = std::make_unique<WorkerPool>(options.workers, options.queue_limit,
                                            [this](const std::string& id, const std::atomic<StopReason>& stop) {
                                                runner.run(id, stop);
                                            });
        for (const auto& id : recovery.queued) pool->submit_recovered(id);
        context = std::make_unique<ServerContext>(ServerContext{options, jobs, keys, *pool, runner, lexicon});
        configure();
    }

    void configure() {
        http.set_tcp_nodelay(true);  // small JSON answers would otherwise wait on delayed ACKs (~40 ms)
        http.set_payload_max_length(options.max_upload_bytes + (64u << 10));  // media plus the form's text parts
        const httplib::Server::HandlerWithResponse on_error = [this](const httplib::Request& req,
                                                                     httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // a route already answered
            res.set_content(nlohmann::json{{"error", library_error(res.status, req, options)}}.dump(), "application/json");
            return httplib::Server::HandlerResponse::Handled;
        };
        http.set_error_handler(on_error);
        register_page_routes(http, *context);
        register_job_routes(http, *context);
        register_upload_routes(http, *context);
    }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() {
    stop();
    impl_->pool.reset();  // joins the workers; running jobs go back to queued for the next start
}

int Server::start() {
    Impl& s = *impl_;
    if (s.options.port == 0) {
        s.port = s.http.bind_to_any_port(s.options.host.c_str());
    } else {
        s.port = s.http.bind_to_port(s.options.host.c_str(), s.options.port) ? s.options.port : -1;
    }
    if (s.port <= 0)
        throw std::runtime_error("cannot listen on " + s.options.host + ":" + std::to_string(s.options.port));
    // The socket already listens after bind: connections queue until the loop below accepts them.
    s.listener = std::thread([&s] { s.http.listen_after_bind(); });
    return s.port;
}

void Server::stop() {
    impl_->http.stop();
    if (impl_->listener.joinable()) impl_->listener.join();
}

int Server::port() const { return impl_->port; }
int Server::resumed_jobs() const { return impl_->recovery.resumed; }
int Server::failed_jobs() const { return impl_->recovery.failed; }

}  // namespace tunesmith::server
