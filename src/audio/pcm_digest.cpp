// PcmDigest over libsodium's SHA-256; pcm_digest_of_file decodes through libsndfile.
#include "audio/pcm_digest.h"

#include <sndfile.h>
#include <sodium.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "base/error.h"

namespace tunesmith {
namespace {

static_assert(sizeof(crypto_hash_sha256_state) <= 128);

crypto_hash_sha256_state* sha(std::array<unsigned char, 128>& raw) {
    return reinterpret_cast<crypto_hash_sha256_state*>(raw.data());
}

struct SndfileCloser {
    void operator()(SNDFILE* f) const { sf_close(f); }
};

}  // namespace

PcmDigest::PcmDigest(SampleRate rate, std::size_t channels) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    crypto_hash_sha256_init(sha(state_));
    const std::string prefix = "pcm:" + std::to_string(rate.hz) + ":" + std::to_string(channels) + ":";
    crypto_hash_sha256_update(sha(state_), reinterpret_cast<const unsigned char*>(prefix.data()), prefix.size());
}

void PcmDigest::add(const std::int32_t* samples, std::size_t count) {
    std::array<unsigned char, 4 * 4096> bytes{};
    for (std::size_t done = 0; done < count;) {
        const std::size_t n = std::min<std::size_t>(4096, count - done);
        for (std::size_t i = 0; i < n; ++i) {
            const auto v = static_cast<std::uint32_t>(samples[done + i]);
            for (std::size_t b = 0; b < 4; ++b) bytes[4 * i + b] = static_cast<unsigned char>(v >> (8 * b));
        }
        crypto_hash_sha256_update(sha(state_), bytes.data(), 4 * n);
        done += n;
    }
}

std::string PcmDigest::hex() {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(sha(state_), digest.data());
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char byte : digest) {
        out.push_back(kDigits[byte >> 4]);
        out.push_back(kDigits[byte & 15]);
    }
    return out;
}

std::string pcm_digest_of_file(const std::filesystem::path& file) {
    SF_INFO info{};
    std::unique_ptr<SNDFILE, SndfileCloser> handle(sf_open(file.c_str(), SFM_READ, &info));
    if (!handle) throw InputError("file", file.string(), "a readable WAV or FLAC file");
    const auto channels = static_cast<std::size_t>(info.channels);
    PcmDigest digest(SampleRate(info.samplerate), channels);
    std::vector<int> block(4096 * channels);
    for (;;) {
        const sf_count_t frames = sf_readf_int(handle.get(), block.data(), 4096);
        if (frames <= 0) break;
        digest.add(block.data(), static_cast<std::size_t>(frames) * channels);
    }
    return digest.hex();
}

}  // namespace tunesmith
