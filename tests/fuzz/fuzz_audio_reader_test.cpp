// The always-run fuzz test of the decoding path: a few hundred deterministic mutations (bit flips,
// truncations, overwritten header fields, inserted junk) of WAV, FLAC and OGG files must each
// decode or throw InputError - never crash, hang, or throw anything else.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <string>
#include <string_view>

#include "../audio/audio_fixtures.h"
#include "audio/audio_reader.h"
#include "base/error.h"
#include "base/random.h"

namespace tunesmith {
namespace {

using namespace testing_audio;

std::vector<std::uint8_t> mutate(std::vector<std::uint8_t> bytes, Rng& rng) {
    const int kind = rng.range(0, 4);
    if (bytes.empty()) return bytes;
    const auto at = [&] { return static_cast<std::size_t>(rng.range(0, static_cast<int>(bytes.size()) - 1)); };
    switch (kind) {
        case 0:  // flip a few bits
            for (int i = rng.range(1, 8); i > 0; --i) bytes[at()] ^= static_cast<std::uint8_t>(1u << rng.range(0, 7));
            break;
        case 1:  // truncate
            bytes.resize(at());
            break;
        case 2: {  // overwrite a header word with an extreme value
            const std::size_t position = static_cast<std::size_t>(rng.range(0, 63)) % bytes.size();
            const std::uint8_t value = rng.chance(0.5) ? 0xFF : 0x00;
            for (std::size_t i = position; i < std::min(bytes.size(), position + 4); ++i) bytes[i] = value;
            break;
        }
        case 3: {  // insert junk
            std::vector<std::uint8_t> junk(static_cast<std::size_t>(rng.range(1, 64)));
            for (auto& b : junk) b = static_cast<std::uint8_t>(rng.range(0, 255));
            bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at()), junk.begin(), junk.end());
            break;
        }
        default:  // randomise a whole region
            for (std::size_t i = at(), n = 0; i < bytes.size() && n < 256; ++i, ++n)
                bytes[i] = static_cast<std::uint8_t>(rng.range(0, 255));
    }
    return bytes;
}

TEST(FuzzAudioReader, MutatedFilesDecodeOrThrowInputError) {
    const AudioBuffer source = stereo_sine(440.0, 0.25, 22050);
    const std::vector<std::vector<std::uint8_t>> seeds = {
        wav_bytes(source), wav_bytes(source, true),
        sndfile_bytes(source, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, "seed.flac"),
        sndfile_bytes(source, SF_FORMAT_OGG | SF_FORMAT_VORBIS, "seed.ogg")};
    AudioReadOptions options;
    options.max_duration = Seconds(30.0);
    Rng rng(2024);
    int decoded = 0, refused = 0;
    for (int round = 0; round < 300; ++round) {
        const auto& seed = seeds[static_cast<std::size_t>(round) % seeds.size()];
        ASSERT_FALSE(seed.empty());
        std::vector<std::uint8_t> bytes = mutate(seed, rng);
        if (rng.chance(0.3)) bytes = mutate(bytes, rng);
        try {
            const AudioBuffer audio = decode_audio_bytes(bytes, options);
            for (const auto& channel : audio.channels) {
                ASSERT_EQ(channel.size(), audio.frames());
                for (float x : channel) ASSERT_TRUE(std::isfinite(x));
            }
            ++decoded;
        } catch (const InputError&) {
            ++refused;
        }
    }
    EXPECT_EQ(decoded + refused, 300);
    EXPECT_GT(decoded, 30);  // most bit flips still decode
    EXPECT_GT(refused, 10);  // most truncated headers do not
}

TEST(FuzzAudioReader, RandomBytesAreRefused) {
    Rng rng(99);
    for (int round = 0; round < 40; ++round) {
        std::vector<std::uint8_t> bytes(static_cast<std::size_t>(rng.range(1, 4096)));
        for (auto& b : bytes) b = static_cast<std::uint8_t>(rng.range(0, 255));
        try {
            (void)decode_audio_bytes(bytes);
        } catch (const InputError&) {
        }
    }
    SUCCEED();
}

}  // namespace
}  // namespace tunesmith

namespace tunesmith {
namespace {

// Found by the libFuzzer run: 104 bytes of WAV whose LIST chunk claims 2.3 GB and whose next chunk
// 1.6 GB. FFmpeg's WAV demuxer allocated (and zeroed) the claimed size: 1.8 GB of RSS. With FFmpeg's
// allocations capped (ffmpeg::configure_ffmpeg) the file is refused without the memory.
TEST(FuzzFindings, AHugeClaimedChunkInATinyWavNeitherCrashesNorTakesGigabytes) {
    const std::string base64 =
        "UklGRi5FAABXQVZFZm10IBAAAAABAAIAIlYAAIhYAQAEABAATElTVBoAAY1JTkZPSVNGVA4AAABMYXZmNjAuMjcuMTAwAGRhcXQgIHRh6AvY"
        "micAAAAA70nhGQEeAXZvcmJpFAAAwxM=";
    static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::vector<std::uint8_t> bytes;
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : base64) {
        if (c == '=') break;
        bits = (bits << 6) | static_cast<std::uint32_t>(kAlphabet.find(c));
        if ((count += 6) >= 8) bytes.push_back(static_cast<std::uint8_t>((bits >> (count -= 8)) & 0xFF));
    }
    ASSERT_EQ(bytes.size(), 104u);
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    EXPECT_THROW(decode_audio_bytes(bytes), InputError);
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 512L * 1024L) << "kilobytes of peak RSS added";
}

}  // namespace
}  // namespace tunesmith
