// API keys in SQLite: random secrets from libsodium, stored as SHA-256 hashes only, compared by
// hash lookup (the secret itself never reaches the database or a log).
#include "server/key_store.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <stdexcept>

namespace tunesmith::server {
namespace {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

std::filesystem::path database_path(const std::filesystem::path& data_dir) { return data_dir / "tunesmith.db"; }


KeyStore::KeyStore(const std::filesystem::path& data_dir)
    : db_((std::filesystem::create_directories(data_dir), database_path(data_dir))) {
    init_sodium();
    db_.exec(
        "CREATE TABLE IF NOT EXISTS api_keys ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " name TEXT NOT NULL,"
        " sha256 TEXT NOT NULL UNIQUE,"
        " created INTEGER NOT NULL,"
        " revoked INTEGER NOT NULL DEFAULT 0)");
}

NewApiKey KeyStore::create(const std::string& name) {
    std::array<unsigned char, 32> random{};
    randombytes_buf(random.data(), random.size());
    NewApiKey key;
    key.secret = "tsk_" + to_hex(random.data(), random.size());
    const std::string hash = sha256_hex(key.secret);
    key.info.name = name;
    key.info.hash_prefix = hash.substr(0, 12);
    key.info.created_unix = unix_now();
    const std::lock_guard lock(mutex_);
    Statement insert(db_, "INSERT INTO api_keys (name, sha256, created) VALUES (?, ?, ?)");
    insert.bind(1, name).bind(2, hash).bind(3, key.info.created_unix).run();
    key.info.id = db_.last_insert_rowid();
    return key;
}

std::vector<ApiKeyInfo> KeyStore::list() {
    const std::lock_guard lock(mutex_);
    Statement select(db_, "SELECT id, name, sha256, created, revoked FROM api_keys ORDER BY id");
    std::vector<ApiKeyInfo> keys;
    while (select.step()) {
        ApiKeyInfo info;
        info.id = select.column_int(0);
        info.name = select.column_text(1);
        info.hash_prefix = select.column_text(2).substr(0, 12);
        info.created_unix = select.column_int(3);
        info.revoked = select.column_int(4) != 0;
        keys.push_back(std::move(info));
    }
    return keys;
}

bool KeyStore::revoke(std::int64_t id) {
    const std::lock_guard lock(mutex_);
    Statement update(db_, "UPDATE api_keys SET revoked = 1 WHERE id = ?");
    update.bind(1, id).run();
    return db_.changes() > 0;
}

std::optional<std::int64_t> KeyStore::authenticate(std::string_view secret) {
    if (secret.empty()) return std::nullopt;
    const std::string hash = sha256_hex(secret);
    const std::lock_guard lock(mutex_);
    Statement select(db_, "SELECT id FROM api_keys WHERE sha256 = ? AND revoked = 0");
    select.bind(1, hash);
    if (!select.step()) return std::nullopt;
    return select.column_int(0);
}

}  // namespace tunesmith::server
