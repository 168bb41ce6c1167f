// Load test of the HTTP API over loopback, bounded in time: requests per second for POST
// /v1/explain from several client threads, then job throughput for 10-second cues (with audio)
// on a pool of 2 workers. Prints a table; docs/server.md records the figures.
// Usage: bench_server [--seconds 10] [--clients 4] [--jobs 6] [--cue-seconds 10] [--workers 2]
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/key_store.h"
#include "server/server.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace ts = tunesmith::server;

struct Args {
    double seconds = 10.0;
    int clients = 4;
    int jobs = 6;
    double cue_seconds = 10.0;
    int workers = 2;
};

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const char* value = argv[i + 1];
        if (flag == "--seconds") a.seconds = std::atof(value);
        else if (flag == "--clients") a.clients = std::atoi(value);
        else if (flag == "--jobs") a.jobs = std::atoi(value);
        else if (flag == "--cue-seconds") a.cue_seconds = std::atof(value);
        else if (flag == "--workers") a.workers = std::atoi(value);
        else {
            std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
            std::exit(2);
        }
    }
    return a;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[index];
}

void bench_explain(int port, const std::string& key, const Args& args) {
    std::atomic<long> ok{0}, failed{0};
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(args.clients));
    const auto end = Clock::now() + std::chrono::duration<double>(args.seconds);
    const auto started = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < args.clients; ++c) {
        threads.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);  // as curl and browsers do
            const httplib::Headers headers = {{"Authorization", "Bearer " + key}};
            const std::string body = R"({"prompt": "tense strings building to a hit at 20 s, D minor, 40 seconds, 90 bpm"})";
            while (Clock::now() < end) {
                const auto t0 = Clock::now();
                const auto res = client.Post("/v1/explain", headers, body, "application/json");
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                if (res && res->status == 200) {
                    ++ok;
                    latencies[static_cast<std::size_t>(c)].push_back(ms);
                } else {
                    ++failed;
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    std::vector<double> all;
    for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::printf("explain: %d clients, %.1f s: %ld ok, %ld failed, %.0f requests/s, latency p50 %.2f ms, p99 %.2f ms\n",
                args.clients, elapsed, ok.load(), failed.load(), static_cast<double>(ok.load()) / elapsed,
                percentile(all, 0.5), percentile(all, 0.99));
}

void bench_jobs(int port, const std::string& key, const Args& args) {
    httplib::Client client("127.0.0.1", port);
    const httplib::Headers headers = {{"Authorization", "Bearer " + key}};
    std::vector<std::string> ids;
    const auto started = Clock::now();
    for (int i = 0; i < args.jobs; ++i) {
        // Different seeds so no two jobs are the same work.
        const nlohmann::json body = {{"prompt", "warm pop band"},
                                     {"length_s", args.cue_seconds},
                                     {"seed", 1000 + i},
                                     {"formats", {"wav"}}};
        const auto res = client.Post("/v1/cues", headers, body.dump(), "application/json");
        if (!res || res->status != 202) {
            std::fprintf(stderr, "submit failed: %s\n", res ? res->body.c_str() : "no answer");
            std::exit(1);
        }
        ids.push_back(nlohmann::json::parse(res->body)["id"]);
    }
    const auto deadline = started + std::chrono::seconds(900);
    std::vector<double> latencies;
    int done = 0, failed = 0;
    for (const auto& id : ids) {
        for (;;) {
            const auto res = client.Get(("/v1/jobs/" + id).c_str(), headers);
            const auto job = nlohmann::json::parse(res->body);
            const std::string state = job["state"];
            if (state == "done" || state == "failed" || state == "cancelled") {
                (state == "done" ? done : failed)++;
                latencies.push_back(static_cast<double>(job["finished_unix"].get<long>() - job["created_unix"].get<long>()));
                break;
            }
            if (Clock::now() > deadline) {
                std::fprintf(stderr, "jobs did not finish within 900 s\n");
                std::exit(1);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf("jobs: %d x %.0f-s cues (audio, wav), %d workers: %d done, %d failed in %.1f s: %.2f jobs/min, "
                "%.2f s of music per s; submit-to-done p50 %.0f s, max %.0f s\n",
                args.jobs, args.cue_seconds, args.workers, done, failed, elapsed,
                60.0 * static_cast<double>(done) / elapsed, static_cast<double>(done) * args.cue_seconds / elapsed,
                percentile(latencies, 0.5), percentile(latencies, 1.0));
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parse_args(argc, argv);
    const auto data = std::filesystem::temp_directory_path() / ("tunesmith-bench-server-" + std::to_string(::getpid()));
    std::filesystem::remove_all(data);
    std::string key;
    {
        ts::KeyStore keys(data);
        key = keys.create("bench").secret;
    }
    ts::ServerOptions options;
    options.data_dir = data;
    options.port = 0;
    options.workers = args.workers;
    options.queue_limit = static_cast<std::size_t>(std::max(16, args.jobs));
    options.threads_per_job = 1;
    {
        ts::Server server(options);
        const int port = server.start();
        std::printf("bench_server: loopback port %d, %u hardware threads\n", port, std::thread::hardware_concurrency());
        bench_explain(port, key, args);
        if (args.jobs > 0) bench_jobs(port, key, args);
    }
    std::filesystem::remove_all(data);
    return 0;
}
