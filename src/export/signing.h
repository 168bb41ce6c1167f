// Ed25519 signing keys (libsodium) for provenance records: key generation, key files, the per-installation key created on first use, and the set of trusted public keys.
// Thread-safe (libsodium is initialised once per call site; no shared mutable state here).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/progress.h"
#include "base/sha256.h"

namespace tunesmith {

// An Ed25519 key pair, kept as its 32-byte seed (what the key file stores) and the public key.
struct SigningKey {
    std::array<std::uint8_t, 32> seed{};
    std::array<std::uint8_t, 32> public_key{};
    std::string public_hex() const;
};

SigningKey generate_signing_key();
SigningKey signing_key_from_seed(const std::array<std::uint8_t, 32>& seed);

// Key files: `<dir>/tunesmith.key` holds the seed as 64 hex digits (mode 0600), `tunesmith.pub`
// the public key as 64 hex digits. Returns the secret key file's path.
std::filesystem::path write_key_pair(const SigningKey& key, const std::filesystem::path& dir);
// InputError("key", path, ...) for a missing or malformed key file.
SigningKey read_signing_key(const std::filesystem::path& file);
// A public key given as 64 hex digits or as the path of a .pub (or .key) file; returns hex.
std::string read_public_key(std::string_view file_or_hex);

// Detached Ed25519 signature of `message` as 128 hex digits.
std::string sign_message(const SigningKey& key, std::string_view message);
// False for a wrong signature, a malformed key or a malformed signature (never throws).
bool verify_message(std::string_view public_hex, std::string_view message, std::string_view signature_hex);

// $XDG_CONFIG_HOME/tunesmith, else ~/.config/tunesmith (where the per-installation key lives).
std::filesystem::path default_key_dir();

// The key to sign with: `configured` if not empty, else $TUNESMITH_SIGNING_KEY, else the
// per-installation key in default_key_dir(), created on first use (its public key is reported
// through reporter.info so the user can publish it).
SigningKey load_signing_key(const std::filesystem::path& configured, const Reporter& reporter = {});

// Public keys verify trusts without --pubkey: the per-installation key and $TUNESMITH_SIGNING_KEY's
// key (when they exist), plus every `<key dir>/trusted/*.pub`.
std::vector<std::string> trusted_public_keys();

}  // namespace tunesmith
