// SF2 writing from a SoundFontFile: INFO and pdta are copied chunk by chunk; only the version
// (ifil), the sample data (smpl) and the sample headers (shdr) change. Samples are decoded in batches
// on worker threads and written in order, so memory stays near one batch of decoded samples.
#include "render/soundfont_cache.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "base/error.h"
#include "base/file_io.h"
#include "base/sha256.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kDecodeBatch = 64;
constexpr std::uint32_t kSilentSpan = 16;  // points of the span dropped samples point at
// Bump when the decoded layout changes, so stale cache files are not reused.
constexpr std::string_view kCacheFormat = "v1";

// Decodes the samples `indices[first, last)` on `threads` workers into `out` (indexed from first).
void decode_batch(const SoundFontFile& font, const std::vector<std::size_t>& indices, std::size_t first,
                  std::size_t last, int threads, std::vector<std::vector<std::int16_t>>& out) {
    out.assign(last - first, {});
    std::atomic<std::size_t> next{first};
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(std::max(1, threads)));
    auto work = [&](std::size_t worker) {
        try {
            for (std::size_t i = next++; i < last; i = next++) out[i - first] = font.points(indices[i]);
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

// Why a stream write failed: the system's reason when it left one (a full disk), else a plain one.
std::string write_failure() {
    return errno != 0 ? system_reason(errno) : std::string("the file could not be written in full");
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

void write_chunk(std::ofstream& out, const SoundFontChunk& chunk) {
    write_chunk_header(out, chunk.id, chunk.data.size());
    write_bytes(out, chunk.data.data(), chunk.data.size());
}

void patch_u32(std::ofstream& out, std::uint64_t at, std::uint64_t value) {
    std::array<unsigned char, 4> bytes{};
    put_u32(bytes.data(), value);
    out.seekp(static_cast<std::streamoff>(at));
    write_bytes(out, bytes.data(), 4);
}

// A sample header record placed at [start, end) of the written sample data with the given loop,
// stored as 16-bit PCM (the compressed flag cleared).
std::array<unsigned char, kSampleHeaderSize> placed_record(const SampleHeader& h, std::uint64_t start, std::uint64_t end,
                                                           std::uint64_t loop_start, std::uint64_t loop_end) {
    std::array<unsigned char, kSampleHeaderSize> record = h.record;
    put_u32(&record[20], start);
    put_u32(&record[24], end);
    put_u32(&record[28], loop_start);
    put_u32(&record[32], loop_end);
    put_u16(&record[44], static_cast<std::uint32_t>(h.type & ~kVorbisSampleFlag));
    return record;
}

// Writes an SF2 (version 2.04) with the font's INFO and pdta; the sample data holds, in index order,
// the PCM of every sample `keep` marks, each followed by 46 zeros. When a sample is dropped, a silent
// span comes first and the dropped samples' headers point at it.
void write_sf2(const SoundFontFile& font, const std::vector<bool>& keep, const fs::path& sf2, int threads) {
    const std::vector<SampleHeader>& headers = font.samples();
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < headers.size(); ++i)
        if (keep[i]) kept.push_back(i);
    const bool drops = kept.size() < headers.size();
    const int workers = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

    std::ofstream out(sf2, std::ios::binary | std::ios::trunc);
    if (!out) throw OutputError(sf2.string(), write_failure());
    write_chunk_header(out, "RIFF", 0);  // sizes are patched once the samples are written
    write_bytes(out, "sfbk", 4);
    std::uint64_t info_size = 4;
    for (const SoundFontChunk& c : font.info()) info_size += 8 + c.data.size();
    write_chunk_header(out, "LIST", info_size);
    write_bytes(out, "INFO", 4);
    for (const SoundFontChunk& c : font.info()) {
        if (c.id != "ifil") {
            write_chunk(out, c);
            continue;
        }
        SoundFontChunk version{"ifil", std::vector<unsigned char>(c.data.size(), 0)};
        if (version.data.size() >= 4) put_u16(&version.data[0], 2), put_u16(&version.data[2], 4);
        write_chunk(out, version);
    }
    const auto sdta_at = static_cast<std::uint64_t>(out.tellp());
    write_chunk_header(out, "LIST", 0);
    write_bytes(out, "sdta", 4);
    write_chunk_header(out, "smpl", 0);

    std::vector<unsigned char> shdr(headers.size() * kSampleHeaderSize);
    for (std::size_t i = 0; i < headers.size(); ++i)
        if (!keep[i])  // a dropped sample: a short looped span of silence at point 0
            std::ranges::copy(placed_record(headers[i], 0, kSilentSpan, 4, kSilentSpan - 4), &shdr[i * kSampleHeaderSize]);
    std::uint64_t position = 0;  // in sample points
    const std::vector<std::int16_t> zeros(kSilentSpan + kZeroPointsAfterSample, 0);
    if (drops) {
        write_bytes(out, zeros.data(), 2 * zeros.size());
        position = zeros.size();
    }
    std::vector<std::vector<std::int16_t>> batch;
    for (std::size_t first = 0; first < kept.size(); first += kDecodeBatch) {
        const std::size_t last = std::min(kept.size(), first + kDecodeBatch);
        decode_batch(font, kept, first, last, workers, batch);
        for (std::size_t k = first; k < last; ++k) {
            const std::size_t i = kept[k];
            const std::vector<std::int16_t>& pcm = batch[k - first];
            std::ranges::copy(placed_record(headers[i], position, position + pcm.size(),
                                            position + font.relative_loop_start(i), position + font.relative_loop_end(i)),
                              &shdr[i * kSampleHeaderSize]);
            write_bytes(out, pcm.data(), 2 * pcm.size());  // little-endian hosts only (x86-64, arm64)
            write_bytes(out, zeros.data(), 2 * kZeroPointsAfterSample);
            position += pcm.size() + kZeroPointsAfterSample;
        }
    }
    if (position * 2 > 0xFFFFFFF0ULL) throw InputError("soundfont", font.path().string(), "decoded samples under 4 GB");
    shdr.resize(shdr.size() + kSampleHeaderSize, 0);  // terminal record
    std::memcpy(&shdr[shdr.size() - kSampleHeaderSize], "EOS", 3);

    const auto pdta_at = static_cast<std::uint64_t>(out.tellp());
    std::uint64_t pdta_size = 4;
    for (const SoundFontChunk& c : font.pdta()) pdta_size += 8 + (c.id == "shdr" ? shdr.size() : c.data.size());
    write_chunk_header(out, "LIST", pdta_size);
    write_bytes(out, "pdta", 4);
    for (const SoundFontChunk& c : font.pdta()) {
        if (c.id != "shdr") {
            write_chunk(out, c);
            continue;
        }
        write_chunk_header(out, "shdr", shdr.size());
        write_bytes(out, shdr.data(), shdr.size());
    }
    const auto end = static_cast<std::uint64_t>(out.tellp());
    patch_u32(out, 4, end - 8);
    patch_u32(out, sdta_at + 4, pdta_at - sdta_at - 8);
    patch_u32(out, sdta_at + 16, 2 * position);
    out.close();
    if (!out) throw OutputError(sf2.string(), write_failure());
}

std::string temporary_name() {
    std::random_device entropy;  // a file name only; never reaches the music
    return ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(entropy()) + std::to_string(entropy());
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
        if (std::memcmp(&head[at], "ifil", 4) == 0) return read_u16(&head[at + 8]) == 3;
    return false;
}

void write_decoded_soundfont(const fs::path& soundfont, const fs::path& sf2, int threads) {
    const SoundFontFile font(soundfont);
    write_sf2(font, std::vector<bool>(font.samples().size(), true), sf2, threads);
}

fs::path decoded_soundfont(const fs::path& soundfont, const fs::path& cache_dir, int threads, const Reporter& reporter) {
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
        } catch (const OutputError&) {  // this folder cannot take it: try the next
            fs::remove(partial, ec);
        } catch (const fs::filesystem_error&) {
            fs::remove(partial, ec);
        }
    }
    throw InputError("soundfont cache", cache_dir.string(), "a writable folder for the decoded SoundFont");
}

void write_soundfont_subset(const SoundFontFile& soundfont, const std::vector<PresetUse>& presets, const fs::path& sf2,
                            int threads) {
    std::vector<bool> keep(soundfont.samples().size(), false);
    for (const PresetUse& use : presets)
        for (const std::size_t sample : soundfont.samples_of(use.preset, use.notes)) keep[sample] = true;
    write_sf2(soundfont, keep, sf2, threads);
}

PlayableSoundFont& PlayableSoundFont::operator=(PlayableSoundFont&& other) noexcept {
    if (this != &other) {
        PlayableSoundFont old(std::move(*this));
        path_ = std::exchange(other.path_, {});
    }
    return *this;
}

PlayableSoundFont::~PlayableSoundFont() {
    std::error_code ec;
    if (!path_.empty()) fs::remove(path_, ec);
}

PlayableSoundFont make_playable_soundfont(const fs::path& soundfont, const std::vector<PresetUse>& presets,
                                          const fs::path& cache_dir, int threads, const Reporter& reporter) {
    const SoundFontFile source(decoded_soundfont(soundfont, cache_dir, threads, reporter));
    std::error_code ec;
    const fs::path dir = fs::temp_directory_path(ec) / "tunesmith-playable";
    fs::create_directories(dir, ec);
    // A name of its own per render: FluidSynth's process-wide sample cache is keyed by file name.
    PlayableSoundFont playable(dir / (soundfont.stem().string() + temporary_name() + ".sf2"));
    write_soundfont_subset(source, presets, playable.path(), threads);  // OutputError names the file and why
    return playable;
}

}  // namespace tunesmith
