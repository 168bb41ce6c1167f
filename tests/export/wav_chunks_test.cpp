// WAV provenance chunks edited in place: one record after any number of embeds, INFO fields kept,
// the audio chunk untouched, the RIFF size right, and libsndfile still reads the file.
#include "export/wav_chunks.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "base/error.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

void put_u32(std::string& out, std::uint32_t v) {
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
}

std::string chunk(std::string_view id, std::string_view body) {
    std::string out(id);
    put_u32(out, static_cast<std::uint32_t>(body.size()));
    out.append(body);
    if (body.size() % 2 == 1) out.push_back('\0');
    return out;
}

// A 16-bit mono WAV of `frames` frames, with an INFO list (INAM = title) before the data.
std::string wav_bytes(std::size_t frames, bool info_first) {
    std::string fmt;
    for (std::uint32_t v : {1u | (1u << 16), 48000u, 96000u, 2u | (16u << 16)}) put_u32(fmt, v);
    std::string data;
    for (std::size_t i = 0; i < frames; ++i) {
        const auto v = static_cast<std::uint16_t>(static_cast<std::int16_t>(1000 * ((i % 7) - 3)));
        data.push_back(static_cast<char>(v & 0xFF));
        data.push_back(static_cast<char>(v >> 8));
    }
    const std::string info = chunk("LIST", "INFO" + chunk("INAM", std::string("title\0", 6)));
    std::string body = "WAVE" + chunk("fmt ", fmt) + (info_first ? info : "") + chunk("data", data);
    std::string out = "RIFF";
    put_u32(out, static_cast<std::uint32_t>(body.size()));
    return out + body;
}

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

fs::path write_file(const std::string& name, const std::string& bytes) {
    const fs::path file = fs::temp_directory_path() / ("tunesmith-wavchunks-" + name + ".wav");
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
}

// -1 when libsndfile cannot open the file.
sf_count_t frames_libsndfile_reads(const fs::path& file) {
    SF_INFO info{};
    SNDFILE* handle = sf_open(file.c_str(), SFM_READ, &info);
    if (handle == nullptr) return -1;
    sf_close(handle);
    return info.frames;
}

std::size_t count_of(const std::string& haystack, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

TEST(WavChunks, EmbedsOneRecordAfterTheAudioAndKeepsInfoFields) {
    const std::string original = wav_bytes(1001, true);
    const fs::path file = write_file("info-first", original);
    embed_wav_record(file, "{\"first\":1}", "licence one");
    embed_wav_record(file, "{\"second\":2}", "licence two");
    EXPECT_EQ(read_wav_record(file), std::optional<std::string>("{\"second\":2}"));
    const std::string bytes = read_all(file);
    EXPECT_EQ(count_of(bytes, "tspv"), 1u);
    EXPECT_EQ(count_of(bytes, "LIST"), 1u) << "the INFO list before the audio became JUNK";
    EXPECT_NE(bytes.find("title", bytes.find("LIST")), std::string::npos) << "its fields moved to the appended one";
    EXPECT_NE(bytes.find("licence two"), std::string::npos);
    EXPECT_EQ(bytes.find("licence one"), std::string::npos);
    EXPECT_EQ(bytes.substr(8, 4), "WAVE");
    std::uint64_t riff = 0;
    for (std::size_t b = 0; b < 4; ++b) riff |= std::uint64_t{static_cast<unsigned char>(bytes[4 + b])} << (8 * b);
    EXPECT_EQ(riff + 8, bytes.size());
    // The audio chunk is where it was, byte for byte.
    const auto data_at = original.find("data");
    EXPECT_EQ(bytes.substr(data_at, 8 + 2002), original.substr(data_at, 8 + 2002));

    EXPECT_EQ(frames_libsndfile_reads(file), 1001);
    fs::remove(file);
}

TEST(WavChunks, AppendsToAFileWithoutMetadata) {
    const fs::path file = write_file("plain", wav_bytes(11, false));
    EXPECT_EQ(read_wav_record(file), std::nullopt);
    embed_wav_record(file, "record", "licence");
    EXPECT_EQ(read_wav_record(file), std::optional<std::string>("record"));
    EXPECT_EQ(frames_libsndfile_reads(file), 11);
    fs::remove(file);
}

TEST(WavChunks, RefusesFilesThatAreNotWaves) {
    const fs::path file = write_file("bad", std::string("RIFF\x04\0\0\0AVI ", 12));
    EXPECT_THROW(embed_wav_record(file, "r", "l"), InputError);
    const fs::path cut = write_file("cut", wav_bytes(100, true).substr(0, 80));
    EXPECT_THROW(read_wav_record(cut), InputError);
    fs::remove(file);
    fs::remove(cut);
}

}  // namespace
}  // namespace tunesmith
