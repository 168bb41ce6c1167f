// The HTTP API server (`tunesmith serve`): JSON under /v1, a job store and API keys in a data
// folder, a bounded worker pool, and the web page at /. A thin shell over the library, like cli/.
// start() returns once the socket listens; stop() (or the destructor) ends it, and jobs still
// running are left to be resumed by the next start on the same folder.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace tunesmith::server {

struct ServerOptions {
    std::filesystem::path data_dir;           // job store, keys, job folders (created)
    std::string host = "127.0.0.1";
    int port = 8080;                          // 0: any free port (see Server::port())
    int workers = 2;                          // jobs run at once
    std::size_t queue_limit = 16;             // jobs waiting; one more answers 429
    std::size_t max_upload_bytes = 512u << 20;  // per multipart request; larger answers 413
    std::size_t max_json_bytes = 1u << 20;    // per JSON request body
    int max_attempts = 2;                     // a job interrupted this often by restarts is failed
    std::filesystem::path library_data_dir;   // styles and lexicon; empty: default_data_dir()
    std::filesystem::path soundfont;          // empty: the default General MIDI SoundFont
    std::filesystem::path soundfont_cache;    // decoded .sf3 kept here between jobs; empty: decode per job
    int threads_per_job = 1;                  // render threads inside one job
};

// The folder `serve` and `keys` use without --data: $XDG_DATA_HOME/tunesmith/server, else
// ~/.local/share/tunesmith/server.
std::filesystem::path default_server_data_dir();

class Server {
public:
    // Opens the store, recovers interrupted jobs, starts the workers (not the socket).
    explicit Server(ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens on a background thread; returns the port. std::runtime_error when the
    // address cannot be bound.
    int start();
    void stop();
    int port() const;

    // What start-up recovery found (for the log line of `serve` and for tests).
    int resumed_jobs() const;
    int failed_jobs() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tunesmith::server
