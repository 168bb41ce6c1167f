// Ed25519 keys and SHA-256 through libsodium: key files, the per-installation key and the
// trusted key set. Key files are plain hex so a user can read, copy and publish them.
#include "export/signing.h"

#include <sodium.h>

#include <cstdlib>
#include <fstream>
#include <span>
#include <stdexcept>

#include "base/error.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSecretName = "tunesmith.key";
constexpr const char* kPublicName = "tunesmith.pub";

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes exactly out.size() bytes of hex; false on any other length or a non-hex digit.
bool from_hex(std::string_view hex, std::span<std::uint8_t> out) {
    if (hex.size() != out.size() * 2) return false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = hex_digit(hex[2 * i]);
        const int lo = hex_digit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return true;
}

std::string trimmed(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::string read_small_text(const fs::path& path, const std::string& field) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw InputError(field, path.string(), "a readable key file (see `tunesmith keygen`)");
    std::string text(4096, '\0');
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(file.gcount()));
    return trimmed(text);
}

void write_text(const fs::path& path, const std::string& text, fs::perms perms) {
    {
        std::ofstream file(path, std::ios::binary | std::ios::trunc);
        if (!file) throw InputError("key directory", path.parent_path().string(), "a writable directory");
        file << text << '\n';
        if (!file) throw InputError("key file", path.string(), "a writable file");
    }
    std::error_code ec;
    fs::permissions(path, perms, fs::perm_options::replace, ec);
}

const char* env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

std::string SigningKey::public_hex() const { return to_hex(public_key.data(), public_key.size()); }

SigningKey signing_key_from_seed(const std::array<std::uint8_t, 32>& seed) {
    init_sodium();
    static_assert(crypto_sign_SEEDBYTES == 32 && crypto_sign_PUBLICKEYBYTES == 32);
    SigningKey key;
    key.seed = seed;
    std::array<std::uint8_t, crypto_sign_SECRETKEYBYTES> secret{};
    crypto_sign_seed_keypair(key.public_key.data(), secret.data(), seed.data());
    sodium_memzero(secret.data(), secret.size());
    return key;
}

SigningKey generate_signing_key() {
    init_sodium();
    std::array<std::uint8_t, 32> seed{};
    randombytes_buf(seed.data(), seed.size());
    return signing_key_from_seed(seed);
}

fs::path write_key_pair(const SigningKey& key, const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw InputError("key directory", dir.string(), "a directory that can be created");
    const fs::path secret = dir / kSecretName;
    write_text(secret, to_hex(key.seed.data(), key.seed.size()), fs::perms::owner_read | fs::perms::owner_write);
    write_text(dir / kPublicName, key.public_hex(),
               fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
    return secret;
}

SigningKey read_signing_key(const fs::path& file) {
    const std::string text = read_small_text(file, "key");
    std::array<std::uint8_t, 32> seed{};
    if (!from_hex(text, seed)) throw InputError("key", file.string(), "a key file of 64 hex digits (see `tunesmith keygen`)");
    return signing_key_from_seed(seed);
}

std::string read_public_key(std::string_view file_or_hex) {
    std::array<std::uint8_t, 32> bytes{};
    if (from_hex(file_or_hex, bytes)) return to_hex(bytes.data(), bytes.size());
    const fs::path path{std::string(file_or_hex)};
    if (path.extension() == ".key") return read_signing_key(path).public_hex();
    const std::string text = read_small_text(path, "pubkey");
    if (!from_hex(text, bytes))
        throw InputError("pubkey", std::string(file_or_hex), "64 hex digits or a .pub file holding them");
    return to_hex(bytes.data(), bytes.size());
}

std::string sign_message(const SigningKey& key, std::string_view message) {
    init_sodium();
    std::array<std::uint8_t, crypto_sign_SECRETKEYBYTES> secret{};
    std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> public_key{};
    crypto_sign_seed_keypair(public_key.data(), secret.data(), key.seed.data());
    std::array<std::uint8_t, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), secret.data());
    sodium_memzero(secret.data(), secret.size());
    return to_hex(signature.data(), signature.size());
}

bool verify_message(std::string_view public_hex, std::string_view message, std::string_view signature_hex) {
    init_sodium();
    std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> public_key{};
    std::array<std::uint8_t, crypto_sign_BYTES> signature{};
    if (!from_hex(public_hex, public_key) || !from_hex(signature_hex, signature)) return false;
    return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), public_key.data()) == 0;
}

fs::path default_key_dir() {
    if (const char* xdg = env("XDG_CONFIG_HOME")) return fs::path(xdg) / "tunesmith";
    if (const char* home = env("HOME")) return fs::path(home) / ".config" / "tunesmith";
    return fs::current_path() / ".tunesmith";
}

SigningKey load_signing_key(const fs::path& configured, const Reporter& reporter) {
    if (!configured.empty()) return read_signing_key(configured);
    if (const char* path = env("TUNESMITH_SIGNING_KEY")) return read_signing_key(path);
    const fs::path dir = default_key_dir();
    if (fs::exists(dir / kSecretName)) return read_signing_key(dir / kSecretName);
    const SigningKey key = generate_signing_key();
    write_key_pair(key, dir);
    reporter.info("created this installation's signing key " + (dir / kSecretName).string() + "; public key " +
                  key.public_hex());
    return key;
}

std::vector<std::string> trusted_public_keys() {
    std::vector<std::string> keys;
    const fs::path dir = default_key_dir();
    std::error_code ec;
    if (fs::exists(dir / kSecretName, ec)) keys.push_back(read_signing_key(dir / kSecretName).public_hex());
    if (const char* path = env("TUNESMITH_SIGNING_KEY"); path != nullptr && fs::exists(path, ec))
        keys.push_back(read_signing_key(path).public_hex());
    if (fs::is_directory(dir / "trusted", ec))
        for (const auto& entry : fs::directory_iterator(dir / "trusted", ec))
            if (entry.path().extension() == ".pub") keys.push_back(read_public_key(entry.path().string()));
    return keys;
}

}  // namespace tunesmith
