// Test fixture for the HTTP API: a fresh data folder, two API keys, a Server on a free loopback
// port and helpers that speak to it over real HTTP (httplib::Client).
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "server/key_store.h"
#include "server/server.h"

namespace tunesmith::server::testing {

inline std::filesystem::path fresh_dir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("tunesmith-server-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

struct Reply {
    int status = 0;
    nlohmann::json json;
    std::string body;
    httplib::Headers headers;
};

class ServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        data_dir = fresh_dir(std::string(info->test_suite_name()) + "-" + info->name());
        KeyStore keys(data_dir);
        key_a = keys.create("a").secret;
        key_b = keys.create("b").secret;
    }
    void TearDown() override {
        server.reset();
        std::error_code ec;
        std::filesystem::remove_all(data_dir, ec);
    }

    ServerOptions options() const {
        ServerOptions o;
        o.data_dir = data_dir;
        o.port = 0;
        o.workers = 2;
        o.queue_limit = 8;
        return o;
    }

    void start(const ServerOptions& o) {
        server = std::make_unique<Server>(o);
        port = server->start();
    }
    void start() { start(options()); }
    void restart(const ServerOptions& o) {
        server.reset();
        start(o);
    }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(60, 0);
        c.set_write_timeout(60, 0);
        return c;
    }

    static httplib::Headers auth(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }

    static Reply reply_of(const httplib::Result& result) {
        Reply r;
        if (!result) {
            ADD_FAILURE() << "no HTTP answer: " << httplib::to_string(result.error());
            return r;
        }
        r.status = result->status;
        r.body = result->body;
        r.headers = result->headers;
        if (result->get_header_value("Content-Type").starts_with("application/json"))
            r.json = nlohmann::json::parse(result->body);
        return r;
    }

    Reply get(const std::string& path, const std::string& key) const {
        auto c = client();
        return reply_of(c.Get(path.c_str(), auth(key)));
    }
    Reply post_json(const std::string& path, const std::string& key, const std::string& body) const {
        auto c = client();
        return reply_of(c.Post(path.c_str(), auth(key), body, "application/json"));
    }
    Reply del(const std::string& path, const std::string& key) const {
        auto c = client();
        return reply_of(c.Delete(path.c_str(), auth(key)));
    }

    // Polls a job until it is finished (done, failed, cancelled) or the time runs out.
    nlohmann::json wait_for(const std::string& id, const std::string& key, double seconds = 90.0) const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        nlohmann::json job;
        while (std::chrono::steady_clock::now() < deadline) {
            job = get("/v1/jobs/" + id, key).json;
            const std::string state = job.value("state", "");
            if (state == "done" || state == "failed" || state == "cancelled") return job;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ADD_FAILURE() << "job " << id << " did not finish in " << seconds << " s: " << job.dump();
        return job;
    }

    // Polls until the job has left the queue.
    void wait_until_running(const std::string& id, const std::string& key) const {
        for (int i = 0; i < 600; ++i) {
            if (get("/v1/jobs/" + id, key).json.value("state", "") != "queued") return;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ADD_FAILURE() << "job " << id << " never started";
    }

    std::filesystem::path data_dir;
    std::string key_a;
    std::string key_b;
    std::unique_ptr<Server> server;
    int port = 0;
};

// A long no-audio request: composing a 3-minute score keeps a worker busy for a second or two.
inline const char* kLongScoreOnly = R"({"prompt": "ambient strings", "length_s": 180, "audio": false})";
inline const char* kShortScoreOnly = R"({"prompt": "calm piano", "length_s": 3, "audio": false})";

}  // namespace tunesmith::server::testing
