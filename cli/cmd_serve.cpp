// `tunesmith serve [--port 8080] [--data DIR] [--workers N] [--queue N]`: runs the HTTP API and the
// web page until SIGINT/SIGTERM; jobs still running then are resumed by the next start.
#include <csignal>
#include <cstdio>
#include <memory>

#include <pthread.h>

#include "cli/commands.h"
#include "cli/soundfont_flags.h"
#include "server/server.h"

namespace tunesmith::cli {

void register_serve(CLI::App& app, Registry& registry) {
    auto options = std::make_shared<server::ServerOptions>();
    auto upload_mb = std::make_shared<std::size_t>(512);
    CLI::App* command = app.add_subcommand("serve", "Run the HTTP API (/v1) and the web page (/) until interrupted");
    command->add_option("--port", options->port, "TCP port (0: any free port)")->capture_default_str();
    command->add_option("--host", options->host, "Address to listen on")->capture_default_str();
    command->add_option("--data", options->data_dir, "Folder of the job store, API keys and job files (default: " +
                                                         server::default_server_data_dir().string() + ")");
    command->add_option("--workers", options->workers, "Jobs run at once")->capture_default_str()->check(CLI::Range(1, 64));
    command->add_option("--queue", options->queue_limit, "Jobs waiting before new ones get 429")->capture_default_str();
    command->add_option("--threads-per-job", options->threads_per_job, "Render threads inside one job")->capture_default_str();
    command->add_option("--max-upload-mb", *upload_mb, "Largest upload (MiB)")->capture_default_str();
    add_soundfont_flags(*command, options->soundfont, options->soundfont_cache, /*cache_by_default=*/true);
    command->add_option("--data-dir", options->library_data_dir, "Folder of styles and lexicon");
    command->callback([options, upload_mb, &registry] {
        registry.action = [options, upload_mb] {
            server::ServerOptions server_options = *options;
            if (server_options.data_dir.empty()) server_options.data_dir = server::default_server_data_dir();
            server_options.max_upload_bytes = *upload_mb << 20;
            // Signals are taken synchronously by this thread; every other thread inherits the mask.
            sigset_t signals;
            sigemptyset(&signals);
            sigaddset(&signals, SIGINT);
            sigaddset(&signals, SIGTERM);
            pthread_sigmask(SIG_BLOCK, &signals, nullptr);
            server::Server server(server_options);
            const int port = server.start();
            std::fprintf(stderr, "tunesmith: serving http://%s:%d/ (data %s; %d workers; resumed %d job(s), failed %d)\n",
                         server_options.host.c_str(), port, server_options.data_dir.c_str(), server_options.workers,
                         server.resumed_jobs(), server.failed_jobs());
            int received = 0;
            sigwait(&signals, &received);
            std::fprintf(stderr, "tunesmith: stopping (running jobs resume at the next start)\n");
            server.stop();
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
