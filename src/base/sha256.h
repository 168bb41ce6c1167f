// SHA-256, the content hash of provenance records, PCM digests and key hashes: one implementation
// (OpenSSL's, which uses the CPU's SHA extensions: several times faster than a portable one).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace tunesmith {

// Incremental SHA-256; hex() finishes the hash and may be called once.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view bytes);
    void update(const void* data, std::size_t size);
    std::string hex();

private:
    struct Context;
    std::unique_ptr<Context> context_;
};

std::string sha256_hex(std::string_view bytes);
// SHA-256 of a whole file, streamed; InputError("file", path, ...) when it cannot be read.
std::string sha256_file_hex(const std::filesystem::path& path);

std::string to_hex(const unsigned char* data, std::size_t size);

}  // namespace tunesmith
