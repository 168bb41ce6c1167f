// The content hash of PCM audio that provenance binds: SHA-256 over "pcm:RATE:CHANNELS:" and then
// every sample as a little-endian int32 at full scale (what libsndfile's sf_readf_int returns), so
// a WAV and a FLAC of the same samples hash alike and embedded metadata does not change the hash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "base/sha256.h"
#include "music/units.h"

namespace tunesmith {

class PcmDigest {
public:
    PcmDigest(SampleRate rate, std::size_t channels);
    // Interleaved samples at int32 full scale, in order.
    void add(const std::int32_t* samples, std::size_t count);
    std::string hex();  // once, at the end

private:
    Sha256 hash_;
};

// The digest of a WAV or FLAC file's decoded samples. InputError("file", ...) if it is not readable audio.
std::string pcm_digest_of_file(const std::filesystem::path& file);

// A float sample as 24-bit PCM (rounded, clipped to [-2^23, 2^23 - 1]) at int32 full scale (<< 8).
inline std::int32_t pcm24_at_full_scale(float x) {
    const double scaled = static_cast<double>(x) * 8388608.0;
    const double clipped = scaled < -8388608.0 ? -8388608.0 : (scaled > 8388607.0 ? 8388607.0 : scaled);
    const auto v = static_cast<std::int32_t>(clipped < 0.0 ? clipped - 0.5 : clipped + 0.5);
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(v) << 8);
}

}  // namespace tunesmith
