// SF3 -> SF2 decoding: the RIFF structure is copied chunk by chunk; only the version (ifil), the
// sample data (smpl) and the sample headers (shdr) change. Samples are decoded in batches on
// worker threads and written in order, so memory stays near one batch of decoded samples.
#include "render/soundfont_cache.h"

#include <sndfile.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/error.h"
#include "base/sha256.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kSampleHeaderSize = 46;
constexpr std::uint16_t kVorbisFlag = 0x10;
constexpr std::size_t kZeroPointsAfterSample = 46;
constexpr std::size_t kDecodeBatch = 64;
// Bump when the decoded layout changes, so stale cache files are not reused.
constexpr std::string_view kCacheFormat = "v1";

[[noreturn]] void malformed(const fs::path& file, std::string_view what) {
    throw InputError("soundfont", file.string(), "a well-formed SF2/SF3 SoundFont (" + std::string(what) + ")");
}

std::uint32_t u32_at(const std::vector<unsigned char>& bytes, std::size_t at) {
    return static_cast<std::uint32_t>(bytes[at]) | static_cast<std::uint32_t>(bytes[at + 1]) << 8 |
           static_cast<std::uint32_t>(bytes[at + 2]) << 16 | static_cast<std::uint32_t>(bytes[at + 3]) << 24;
}

std::uint16_t u16_at(const std::vector<unsigned char>& bytes, std::size_t at) {
    return static_cast<std::uint16_t>(bytes[at] | bytes[at + 1] << 8);
}

void put_u32(unsigned char* out, std::uint64_t value) {
    for (std::size_t b = 0; b < 4; ++b) out[b] = static_cast<unsigned char>(value >> (8 * b));
}

void put_u16(unsigned char* out, std::uint32_t value) {
    out[0] = static_cast<unsigned char>(value);
    out[1] = static_cast<unsigned char>(value >> 8);
}

struct Chunk {
    std::string id;
    std::size_t data = 0;  // offset of the chunk's data in the file
    std::size_t size = 0;
};

// The sub-chunks of [begin, end); each is "id, size, data". SoundFonts are read the way FluidSynth
// reads them: no pad byte after an odd-sized chunk (MuseScore's SF3 files have odd chunks, unpadded).
std::vector<Chunk> chunks_in(const std::vector<unsigned char>& bytes, std::size_t begin, std::size_t end,
                             const fs::path& file) {
    std::vector<Chunk> out;
    for (std::size_t at = begin; at + 8 <= end;) {
        Chunk chunk{std::string(reinterpret_cast<const char*>(&bytes[at]), 4), at + 8, u32_at(bytes, at + 4)};
        if (chunk.size > end - chunk.data) malformed(file, "chunk '" + chunk.id + "' runs past its parent");
        out.push_back(chunk);
        at = chunk.data + chunk.size;
    }
    return out;
}

struct SoundFontImage {
    std::vector<unsigned char> bytes;
    std::vector<Chunk> info;  // sub-chunks of LIST INFO
    std::vector<Chunk> pdta;  // sub-chunks of LIST pdta
    Chunk smpl;
};

SoundFontImage read_image(const fs::path& file) {
    SoundFontImage image;
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError("soundfont", file.string(), "a readable SoundFont (.sf2/.sf3) file");
    image.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    const auto& bytes = image.bytes;
    if (bytes.size() < 12 || std::memcmp(bytes.data(), "RIFF", 4) != 0 || std::memcmp(&bytes[8], "sfbk", 4) != 0)
        malformed(file, "no RIFF sfbk header");
    const std::size_t end = std::min<std::size_t>(bytes.size(), 8 + std::size_t{u32_at(bytes, 4)});
    bool have_smpl = false;
    for (const Chunk& list : chunks_in(bytes, 12, end, file)) {
        if (list.id != "LIST" || list.size < 4) continue;
        const std::string type(reinterpret_cast<const char*>(&bytes[list.data]), 4);
        const auto children = chunks_in(bytes, list.data + 4, list.data + list.size, file);
        if (type == "INFO") image.info = children;
        if (type == "pdta") image.pdta = children;
        if (type == "sdta")
            for (const Chunk& c : children)
                if (c.id == "smpl") image.smpl = c, have_smpl = true;
    }
    if (!have_smpl) malformed(file, "no sample data");
    const bool has_shdr = std::any_of(image.pdta.begin(), image.pdta.end(), [](const Chunk& c) { return c.id == "shdr"; });
    if (!has_shdr) malformed(file, "no sample headers");
    return image;
}

// libsndfile reads an Ogg Vorbis stream from a span of memory (the way FluidSynth reads SF3 samples).
struct MemoryFile {
    const unsigned char* data = nullptr;
    sf_count_t size = 0;
    sf_count_t position = 0;
};

sf_count_t memory_length(void* user) { return static_cast<MemoryFile*>(user)->size; }
sf_count_t memory_seek(sf_count_t offset, int whence, void* user) {
    auto* f = static_cast<MemoryFile*>(user);
    const sf_count_t base = whence == SEEK_CUR ? f->position : (whence == SEEK_END ? f->size : 0);
    f->position = std::clamp<sf_count_t>(base + offset, 0, f->size);
    return f->position;
}
sf_count_t memory_read(void* out, sf_count_t count, void* user) {
    auto* f = static_cast<MemoryFile*>(user);
    const sf_count_t n = std::clamp<sf_count_t>(count, 0, f->size - f->position);
    std::memcpy(out, f->data + f->position, static_cast<std::size_t>(n));
    f->position += n;
    return n;
}
sf_count_t memory_tell(void* user) { return static_cast<MemoryFile*>(user)->position; }

struct SndfileCloser {
    void operator()(SNDFILE* f) const { sf_close(f); }
};

std::optional<std::vector<std::int16_t>> decode_vorbis(const unsigned char* data, std::size_t size) {
    SF_VIRTUAL_IO io{memory_length, memory_seek, memory_read, nullptr, memory_tell};
    MemoryFile file{data, static_cast<sf_count_t>(size), 0};
    SF_INFO info{};
    std::unique_ptr<SNDFILE, SndfileCloser> handle(sf_open_virtual(&io, SFM_READ, &info, &file));
    if (!handle) return std::nullopt;
    if (info.frames <= 0) return std::vector<std::int16_t>{};
    if (info.channels != 1) return std::nullopt;
    std::vector<std::int16_t> pcm(static_cast<std::size_t>(info.frames));
    if (sf_readf_short(handle.get(), pcm.data(), info.frames) < info.frames) return std::nullopt;
    return pcm;
}

struct SampleHeader {
    std::size_t record = 0;  // offset of the 46-byte record in the file
    std::uint32_t start = 0, end = 0, loop_start = 0, loop_end = 0;
    std::uint16_t type = 0;
};

std::vector<SampleHeader> sample_headers(const SoundFontImage& image) {
    const auto shdr = std::find_if(image.pdta.begin(), image.pdta.end(), [](const Chunk& c) { return c.id == "shdr"; });
    std::vector<SampleHeader> out;
    const std::size_t count = shdr->size / kSampleHeaderSize;
    for (std::size_t i = 0; i + 1 < count; ++i) {  // the last record is the terminal "EOS"
        const std::size_t r = shdr->data + i * kSampleHeaderSize;
        out.push_back({r, u32_at(image.bytes, r + 20), u32_at(image.bytes, r + 24), u32_at(image.bytes, r + 28),
                       u32_at(image.bytes, r + 32), u16_at(image.bytes, r + 44)});
    }
    return out;
}

// One sample's 16-bit points: decoded when compressed, copied when stored as PCM.
std::vector<std::int16_t> sample_points(const SoundFontImage& image, const SampleHeader& h, const fs::path& file) {
    const std::size_t chunk = image.smpl.size;
    if (h.type & kVorbisFlag) {
        if (h.start > h.end || h.end > chunk) malformed(file, "compressed sample outside the sample data");
        auto pcm = decode_vorbis(&image.bytes[image.smpl.data + h.start], h.end - h.start);
        if (!pcm) malformed(file, "a compressed sample does not decode");
        return std::move(*pcm);
    }
    const std::size_t first = h.start, last = std::max<std::size_t>(h.start, h.end);
    if (2 * last > chunk) malformed(file, "sample outside the sample data");
    std::vector<std::int16_t> pcm(last - first);
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        const std::size_t at = image.smpl.data + 2 * (first + i);
        pcm[i] = static_cast<std::int16_t>(u16_at(image.bytes, at));
    }
    return pcm;
}

// Decodes headers [first, last) on `threads` workers into `out` (indexed from first).
void decode_batch(const SoundFontImage& image, const std::vector<SampleHeader>& headers, std::size_t first,
                  std::size_t last, int threads, std::vector<std::vector<std::int16_t>>& out, const fs::path& file) {
    out.assign(last - first, {});
    std::atomic<std::size_t> next{first};
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
    auto work = [&](std::size_t worker) {
        try {
            for (std::size_t i = next++; i < last; i = next++) out[i - first] = sample_points(image, headers[i], file);
        } catch (...) {
            errors[worker] = std::current_exception();
        }
    };
    std::vector<std::jthread> pool;
    for (std::size_t w = 1; w < errors.size(); ++w) pool.emplace_back(work, w);
    work(0);
    pool.clear();
    for (const auto& error : errors)
        if (error) std::rethrow_exception(error);
}

void write_bytes(std::ofstream& out, const void* data, std::size_t size) {
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
}

void write_chunk_header(std::ofstream& out, std::string_view id, std::uint64_t size) {
    std::array<unsigned char, 8> header{};
    std::memcpy(header.data(), id.data(), 4);
    put_u32(&header[4], size);
    write_bytes(out, header.data(), header.size());
}

void write_chunk(std::ofstream& out, const SoundFontImage& image, const Chunk& chunk) {
    write_chunk_header(out, chunk.id, chunk.size);
    write_bytes(out, &image.bytes[chunk.data], chunk.size);
}

std::uint64_t chunks_size(const std::vector<Chunk>& chunks) {
    std::uint64_t total = 0;
    for (const Chunk& c : chunks) total += 8 + c.size;
    return total;
}

std::string temporary_name() {
    std::random_device entropy;  // a file name only; never reaches the music
    return ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(entropy());
}

}  // namespace

fs::path default_soundfont_cache() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
        return fs::path(xdg) / "tunesmith" / "soundfonts";
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
        return fs::path(home) / ".cache" / "tunesmith" / "soundfonts";
    return {};
}

bool is_compressed_soundfont(const fs::path& soundfont) {
    std::ifstream in(soundfont, std::ios::binary);
    std::vector<unsigned char> head(4096);
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    // ifil sits at the start of LIST INFO, the first list of every SoundFont.
    for (std::size_t at = 12; at + 12 <= head.size(); ++at)
        if (std::memcmp(&head[at], "ifil", 4) == 0) return u16_at(head, at + 8) == 3;
    return false;
}

void write_decoded_soundfont(const fs::path& soundfont, const fs::path& sf2, int threads) {
    const SoundFontImage image = read_image(soundfont);
    const std::vector<SampleHeader> headers = sample_headers(image);
    const int workers = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

    std::ofstream out(sf2, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError("soundfont cache", sf2.parent_path().string(), "a writable folder");
    write_chunk_header(out, "RIFF", 0);  // sizes are patched once the samples are written
    write_bytes(out, "sfbk", 4);
    write_chunk_header(out, "LIST", 4 + chunks_size(image.info));
    write_bytes(out, "INFO", 4);
    for (const Chunk& c : image.info) {
        if (c.id != "ifil") {
            write_chunk(out, image, c);
            continue;
        }
        std::array<unsigned char, 4> version{};
        put_u16(&version[0], 2);
        put_u16(&version[2], 4);
        write_chunk_header(out, "ifil", 4);
        write_bytes(out, version.data(), version.size());
    }
    const auto sdta_at = static_cast<std::uint64_t>(out.tellp());
    write_chunk_header(out, "LIST", 0);
    write_bytes(out, "sdta", 4);
    write_chunk_header(out, "smpl", 0);

    std::vector<unsigned char> shdr;
    std::uint64_t position = 0;  // in sample points
    const std::vector<std::int16_t> zeros(kZeroPointsAfterSample, 0);
    std::vector<std::vector<std::int16_t>> batch;
    for (std::size_t first = 0; first < headers.size(); first += kDecodeBatch) {
        const std::size_t last = std::min(headers.size(), first + kDecodeBatch);
        decode_batch(image, headers, first, last, workers, batch, soundfont);
        for (std::size_t i = first; i < last; ++i) {
            const SampleHeader& h = headers[i];
            const std::vector<std::int16_t>& pcm = batch[i - first];
            // Compressed samples keep loop points relative to the sample; stored ones are absolute.
            const std::uint64_t loop_base = (h.type & kVorbisFlag) ? 0 : h.start;
            std::array<unsigned char, kSampleHeaderSize> record{};
            std::memcpy(record.data(), &image.bytes[h.record], kSampleHeaderSize);
            put_u32(&record[20], position);
            put_u32(&record[24], position + pcm.size());
            put_u32(&record[28], position + h.loop_start - std::min<std::uint64_t>(loop_base, h.loop_start));
            put_u32(&record[32], position + h.loop_end - std::min<std::uint64_t>(loop_base, h.loop_end));
            put_u16(&record[44], static_cast<std::uint32_t>(h.type & ~kVorbisFlag));
            shdr.insert(shdr.end(), record.begin(), record.end());
            write_bytes(out, pcm.data(), 2 * pcm.size());  // little-endian hosts only (x86-64, arm64)
            write_bytes(out, zeros.data(), 2 * zeros.size());
            position += pcm.size() + kZeroPointsAfterSample;
        }
    }
    if (position * 2 > 0xFFFFFFF0ULL) malformed(soundfont, "decoded samples exceed 4 GB");
    shdr.resize(shdr.size() + kSampleHeaderSize, 0);  // terminal record
    std::memcpy(&shdr[shdr.size() - kSampleHeaderSize], "EOS", 3);

    std::vector<Chunk> pdta = image.pdta;
    const auto pdta_at = static_cast<std::uint64_t>(out.tellp());
    std::uint64_t pdta_size = 4;
    for (const Chunk& c : pdta) pdta_size += 8 + (c.id == "shdr" ? shdr.size() : c.size);
    write_chunk_header(out, "LIST", pdta_size);
    write_bytes(out, "pdta", 4);
    for (const Chunk& c : pdta) {
        if (c.id != "shdr") {
            write_chunk(out, image, c);
            continue;
        }
        write_chunk_header(out, "shdr", shdr.size());
        write_bytes(out, shdr.data(), shdr.size());
    }
    const auto end = static_cast<std::uint64_t>(out.tellp());
    out.seekp(4);
    std::array<unsigned char, 4> size{};
    put_u32(size.data(), end - 8);
    write_bytes(out, size.data(), 4);
    out.seekp(static_cast<std::streamoff>(sdta_at + 4));
    put_u32(size.data(), pdta_at - sdta_at - 8);
    write_bytes(out, size.data(), 4);
    out.seekp(static_cast<std::streamoff>(sdta_at + 16));
    put_u32(size.data(), 2 * position);
    write_bytes(out, size.data(), 4);
    out.close();
    if (!out) throw InputError("soundfont cache", sf2.string(), "a writable file with room for the decoded SoundFont");
}

fs::path playable_soundfont(const fs::path& soundfont, const fs::path& cache_dir, int threads,
                            const Reporter& reporter) {
    if (cache_dir.empty() || !is_compressed_soundfont(soundfont)) return soundfont;
    const std::string name = soundfont.stem().string() + "-" + sha256_file_hex(soundfont).substr(0, 16) + "-" +
                             std::string(kCacheFormat) + ".sf2";
    std::error_code ec;
    for (const fs::path& dir : {cache_dir, fs::temp_directory_path(ec) / "tunesmith-soundfonts"}) {
        if (dir.empty()) continue;
        const fs::path target = dir / name;
        if (fs::is_regular_file(target, ec)) return target;
        fs::create_directories(dir, ec);
        const fs::path partial = dir / (name + temporary_name());
        try {
            reporter.info("decoding the SoundFont " + soundfont.filename().string() + " once into " + dir.string());
            reporter.report("soundfont", 0.0);
            write_decoded_soundfont(soundfont, partial, threads);
            fs::rename(partial, target);
            reporter.report("soundfont", 1.0);
            return target;
        } catch (const InputError& error) {
            fs::remove(partial, ec);
            if (error.field() != "soundfont cache") throw;
        } catch (const fs::filesystem_error&) {
            fs::remove(partial, ec);
        }
    }
    throw InputError("soundfont cache", cache_dir.string(), "a writable folder for the decoded SoundFont");
}

}  // namespace tunesmith
