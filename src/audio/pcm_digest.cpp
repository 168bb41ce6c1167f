// PcmDigest over base's SHA-256; pcm_digest_of_file decodes through libsndfile.
#include "audio/pcm_digest.h"

#include <sndfile.h>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

#include "base/error.h"

namespace tunesmith {
namespace {

struct SndfileCloser {
    void operator()(SNDFILE* f) const { sf_close(f); }
};

}  // namespace

PcmDigest::PcmDigest(SampleRate rate, std::size_t channels) {
    const std::string prefix = "pcm:" + std::to_string(rate.hz) + ":" + std::to_string(channels) + ":";
    hash_.update(prefix);
}

void PcmDigest::add(const std::int32_t* samples, std::size_t count) {
    std::array<unsigned char, 4 * 4096> bytes{};
    for (std::size_t done = 0; done < count;) {
        const std::size_t n = std::min<std::size_t>(4096, count - done);
        for (std::size_t i = 0; i < n; ++i) {
            const auto v = static_cast<std::uint32_t>(samples[done + i]);
            for (std::size_t b = 0; b < 4; ++b) bytes[4 * i + b] = static_cast<unsigned char>(v >> (8 * b));
        }
        hash_.update(bytes.data(), 4 * n);
        done += n;
    }
}

std::string PcmDigest::hex() { return hash_.hex(); }

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
