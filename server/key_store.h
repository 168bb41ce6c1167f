// API keys: created at random (libsodium) and shown once; only their SHA-256 is stored, in the
// job store's SQLite file. Thread-safe (one lock around the connection).
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "server/sqlite.h"

namespace tunesmith::server {

struct ApiKeyInfo {
    std::int64_t id = 0;
    std::string name;
    std::string hash_prefix;  // first 12 hex digits of the SHA-256, to tell keys apart in lists
    std::int64_t created_unix = 0;
    bool revoked = false;
};

struct NewApiKey {
    ApiKeyInfo info;
    std::string secret;  // "tsk_" + 64 hex digits; never stored, printed once
};

// The SQLite file of a data folder (jobs and keys): DIR/tunesmith.db.
std::filesystem::path database_path(const std::filesystem::path& data_dir);

class KeyStore {
public:
    // Creates the folder and the keys table when missing.
    explicit KeyStore(const std::filesystem::path& data_dir);

    NewApiKey create(const std::string& name);
    std::vector<ApiKeyInfo> list();
    // False when no key has this id. Revoking twice is allowed (still true).
    bool revoke(std::int64_t id);
    // The id of the live key whose hash matches `secret`; nullopt for an unknown or revoked key.
    std::optional<std::int64_t> authenticate(std::string_view secret);

private:
    std::mutex mutex_;
    Database db_;
};

}  // namespace tunesmith::server
