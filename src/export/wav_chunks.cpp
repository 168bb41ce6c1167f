// WAV provenance chunks edited in place through one read-write stream: a table of chunk headers
// (8 bytes each, bodies skipped), small bodies read on demand, the trailing metadata chunks
// truncated and written again, the RIFF size patched.
#include "export/wav_chunks.h"

#include <cstdint>
#include <fstream>
#include <map>
#include <vector>

#include "base/error.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

struct ChunkHeader {
    std::string id;
    std::uint64_t at = 0;    // offset of the 8-byte header
    std::uint32_t size = 0;  // body bytes
    std::uint64_t end() const { return at + 8 + size + (size & 1u); }
};

std::uint32_t u32_of(const char* bytes) {
    std::uint32_t v = 0;
    for (std::size_t b = 0; b < 4; ++b) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[b])) << (8 * b);
    return v;
}

void put_u32(std::string& out, std::uint32_t v) {
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
}

void put_chunk(std::string& out, std::string_view id, std::string_view body) {
    out.append(id);
    put_u32(out, static_cast<std::uint32_t>(body.size()));
    out.append(body);
    if (body.size() & 1u) out.push_back('\0');
}

[[noreturn]] void not_wave(const fs::path& file, const char* what) { throw InputError("file", file.string(), what); }

std::vector<ChunkHeader> chunk_table(std::istream& in, std::uint64_t file_size, const fs::path& file) {
    char head[12];
    if (!in.seekg(0).read(head, 12) || std::string_view(head, 4) != "RIFF" || std::string_view(head + 8, 4) != "WAVE")
        not_wave(file, "a RIFF WAVE file");
    std::vector<ChunkHeader> chunks;
    for (std::uint64_t at = 12; at + 8 <= file_size;) {
        char header[8];
        if (!in.seekg(static_cast<std::streamoff>(at)).read(header, 8)) not_wave(file, "a readable WAV file");
        const ChunkHeader chunk{std::string(header, 4), at, u32_of(header + 4)};
        if (chunk.at + 8 + chunk.size > file_size) not_wave(file, "a WAV file with whole chunks");
        chunks.push_back(chunk);
        at = chunk.end();
    }
    return chunks;
}

std::string body_of(std::istream& in, const ChunkHeader& chunk) {
    std::string body(chunk.size, '\0');
    in.seekg(static_cast<std::streamoff>(chunk.at + 8)).read(body.data(), static_cast<std::streamsize>(body.size()));
    return body;
}

bool is_metadata(std::istream& in, const ChunkHeader& chunk) {
    if (chunk.id == kWavRecordChunk || chunk.id == "JUNK") return true;
    return chunk.id == "LIST" && chunk.size >= 4 && body_of(in, ChunkHeader{chunk.id, chunk.at, 4}) == "INFO";
}

// INFO sub-chunks of a LIST/INFO body, by id.
void read_info_fields(std::string_view list_body, std::map<std::string, std::string>& fields) {
    std::size_t at = 4;
    while (at + 8 <= list_body.size()) {
        const std::uint32_t size = u32_of(list_body.data() + at + 4);
        if (at + 8 + size > list_body.size()) break;
        std::string value(list_body.substr(at + 8, size));
        while (!value.empty() && value.back() == '\0') value.pop_back();
        fields[std::string(list_body.substr(at, 4))] = value;
        at += 8 + size + (size & 1u);
    }
}

}  // namespace

void embed_wav_record(const fs::path& file, std::string_view record, std::string_view licence) {
    std::error_code ec;
    const std::uint64_t size = fs::file_size(file, ec);
    if (ec) throw InputError("file", file.string(), "a readable file");
    std::fstream io(file, std::ios::binary | std::ios::in | std::ios::out);
    if (!io) throw InputError("file", file.string(), "a readable and writable file");
    const std::vector<ChunkHeader> chunks = chunk_table(io, size, file);

    // Metadata chunks at the end are cut off and written again; earlier ones become JUNK in place.
    std::size_t keep = chunks.size();
    while (keep > 0 && is_metadata(io, chunks[keep - 1])) --keep;
    std::map<std::string, std::string> info;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        const ChunkHeader& chunk = chunks[i];
        if (chunk.id == "JUNK" || !is_metadata(io, chunk)) continue;
        if (chunk.id == "LIST") read_info_fields(body_of(io, chunk), info);
        if (i < keep) io.seekp(static_cast<std::streamoff>(chunk.at)).write("JUNK", 4);
    }
    const std::uint64_t cut = keep == 0 ? 12 : std::min(size, chunks[keep - 1].end());
    info["ICOP"] = std::string(licence);
    if (!info.contains("ISFT")) info["ISFT"] = "tunesmith";
    std::string list = "INFO";
    for (const auto& [id, value] : info) put_chunk(list, id, value + '\0');
    std::string tail;
    if (cut % 2 == 1) tail.push_back('\0');  // a last chunk written without its pad byte
    put_chunk(tail, "LIST", list);
    put_chunk(tail, kWavRecordChunk, record);
    io.close();

    fs::resize_file(file, cut, ec);
    if (ec) throw InputError("file", file.string(), "a writable file");
    std::fstream out(file, std::ios::binary | std::ios::in | std::ios::out);
    std::string riff_size;
    put_u32(riff_size, static_cast<std::uint32_t>(cut + tail.size() - 8));
    out.seekp(static_cast<std::streamoff>(cut)).write(tail.data(), static_cast<std::streamsize>(tail.size()));
    out.seekp(4).write(riff_size.data(), 4);
    out.close();
    if (!out) throw InputError("file", file.string(), "a writable file");
}

std::optional<std::string> read_wav_record(const fs::path& file) {
    std::error_code ec;
    const std::uint64_t size = fs::file_size(file, ec);
    std::ifstream in(file, std::ios::binary);
    if (ec || !in) throw InputError("file", file.string(), "a readable file");
    for (const ChunkHeader& chunk : chunk_table(in, size, file))
        if (chunk.id == kWavRecordChunk) return body_of(in, chunk);
    return std::nullopt;
}

}  // namespace tunesmith
