// SoundFont tables read the way FluidSynth reads them (no pad byte after an odd-sized chunk:
// MuseScore's SF3 files have odd chunks, unpadded); only INFO and pdta are held in memory.
#include "render/soundfont_file.h"

#include <sndfile.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>

#include "base/error.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kPresetHeaderSize = 38;
constexpr std::size_t kInstrumentHeaderSize = 22;
constexpr std::size_t kBagSize = 4;
constexpr std::size_t kGeneratorSize = 4;
constexpr std::uint16_t kKeyRangeGenerator = 43;
constexpr std::uint16_t kVelocityRangeGenerator = 44;
constexpr std::uint16_t kInstrumentGenerator = 41;
constexpr std::uint16_t kSampleIdGenerator = 53;

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

struct ChunkHeader {
    std::string id;
    std::uint64_t data = 0;  // file offset of the chunk's data
    std::uint64_t size = 0;
};

bool read_at(std::ifstream& in, std::uint64_t offset, unsigned char* out, std::size_t size) {
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(size));
    return static_cast<std::size_t>(in.gcount()) == size;
}

// The 16-bit field at `offset` of record `record` in a table of `stride`-byte records (0 past the end).
std::uint16_t field(const SoundFontChunk& table, std::size_t record, std::size_t stride, std::size_t offset) {
    const std::size_t at = record * stride + offset;
    return at + 2 <= table.data.size() ? read_u16(&table.data[at]) : std::uint16_t{0};
}

std::size_t records(const SoundFontChunk& table, std::size_t stride) { return table.data.size() / stride; }

// A zone that names an instrument (preset zones) or a sample (instrument zones), with its ranges.
struct Zone {
    std::uint16_t target = 0;
    int key_lo = 0, key_hi = 127, vel_lo = 0, vel_hi = 127;
};

// The zones [bag_first, bag_last) of a bag/generator table pair that carry generator `oper`.
std::vector<Zone> zones_with(const SoundFontChunk& bags, const SoundFontChunk& gens, std::size_t bag_first,
                             std::size_t bag_last, std::uint16_t oper) {
    std::vector<Zone> out;
    const std::size_t bag_count = records(bags, kBagSize);
    for (std::size_t b = bag_first; b < bag_last && b + 1 < bag_count; ++b) {
        const std::size_t g_first = field(bags, b, kBagSize, 0), g_last = field(bags, b + 1, kBagSize, 0);
        Zone zone;
        bool has_target = false;
        for (std::size_t g = g_first; g < g_last && g < records(gens, kGeneratorSize); ++g) {
            const std::uint16_t id = field(gens, g, kGeneratorSize, 0);
            const std::uint16_t amount = field(gens, g, kGeneratorSize, 2);
            const int lo = amount & 0xFF, hi = amount >> 8;
            if (id == oper) zone.target = amount, has_target = true;
            if (id == kKeyRangeGenerator) zone.key_lo = lo, zone.key_hi = hi;
            if (id == kVelocityRangeGenerator) zone.vel_lo = lo, zone.vel_hi = hi;
        }
        if (has_target) out.push_back(zone);
    }
    return out;
}

}  // namespace

KeyVelocitySet KeyVelocitySet::all() {
    KeyVelocitySet set;
    set.played_.assign(set.played_.size(), true);
    return set;
}

void KeyVelocitySet::add(int key, int velocity) {
    if (key >= 0 && key < 128 && velocity >= 0 && velocity < 128)
        played_[static_cast<std::size_t>(key * 128 + velocity)] = true;
}

void KeyVelocitySet::add(const KeyVelocitySet& other) {
    for (std::size_t i = 0; i < played_.size(); ++i) played_[i] = played_[i] || other.played_[i];
}

bool KeyVelocitySet::any_in(int key_lo, int key_hi, int vel_lo, int vel_hi) const {
    for (int k = std::max(0, key_lo); k <= std::min(127, key_hi); ++k)
        for (int v = std::max(0, vel_lo); v <= std::min(127, vel_hi); ++v)
            if (played_[static_cast<std::size_t>(k * 128 + v)]) return true;
    return false;
}

std::uint32_t read_u32(const unsigned char* at) {
    return static_cast<std::uint32_t>(at[0]) | static_cast<std::uint32_t>(at[1]) << 8 |
           static_cast<std::uint32_t>(at[2]) << 16 | static_cast<std::uint32_t>(at[3]) << 24;
}

std::uint16_t read_u16(const unsigned char* at) { return static_cast<std::uint16_t>(at[0] | at[1] << 8); }

void put_u32(unsigned char* out, std::uint64_t value) {
    for (std::size_t b = 0; b < 4; ++b) out[b] = static_cast<unsigned char>(value >> (8 * b));
}

void put_u16(unsigned char* out, std::uint32_t value) {
    out[0] = static_cast<unsigned char>(value);
    out[1] = static_cast<unsigned char>(value >> 8);
}

void SoundFontFile::malformed(const std::string& what) const {
    throw InputError("soundfont", path_.string(), "a well-formed SF2/SF3 SoundFont (" + what + ")");
}

SoundFontFile::SoundFontFile(const fs::path& path) : path_(path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("soundfont", path.string(), "a readable SoundFont (.sf2/.sf3) file");
    std::error_code ec;
    const std::uint64_t file_size = fs::file_size(path, ec);
    std::array<unsigned char, 12> head{};
    if (ec || !read_at(in, 0, head.data(), head.size()) || std::memcmp(head.data(), "RIFF", 4) != 0 ||
        std::memcmp(&head[8], "sfbk", 4) != 0)
        malformed("no RIFF sfbk header");
    const std::uint64_t end = std::min<std::uint64_t>(file_size, 8 + std::uint64_t{read_u32(&head[4])});

    auto headers_in = [&](std::uint64_t begin, std::uint64_t stop) {
        std::vector<ChunkHeader> out;
        std::array<unsigned char, 8> h{};
        for (std::uint64_t at = begin; at + 8 <= stop;) {
            if (!read_at(in, at, h.data(), h.size())) malformed("truncated chunk header");
            ChunkHeader chunk{std::string(reinterpret_cast<const char*>(h.data()), 4), at + 8, read_u32(&h[4])};
            if (chunk.size > stop - chunk.data) malformed("chunk '" + chunk.id + "' runs past its parent");
            out.push_back(chunk);
            at = chunk.data + chunk.size;
        }
        return out;
    };
    auto load = [&](const std::vector<ChunkHeader>& children) {
        std::vector<SoundFontChunk> out;
        for (const ChunkHeader& c : children) {
            SoundFontChunk chunk{c.id, std::vector<unsigned char>(c.size)};
            if (!read_at(in, c.data, chunk.data.data(), chunk.data.size())) malformed("truncated chunk");
            out.push_back(std::move(chunk));
        }
        return out;
    };
    bool have_smpl = false;
    for (const ChunkHeader& list : headers_in(12, end)) {
        if (list.id != "LIST" || list.size < 4) continue;
        std::array<unsigned char, 4> type{};
        if (!read_at(in, list.data, type.data(), 4)) malformed("truncated list");
        const auto children = headers_in(list.data + 4, list.data + list.size);
        if (std::memcmp(type.data(), "INFO", 4) == 0) info_ = load(children);
        if (std::memcmp(type.data(), "pdta", 4) == 0) pdta_ = load(children);
        if (std::memcmp(type.data(), "sdta", 4) == 0)
            for (const ChunkHeader& c : children)
                if (c.id == "smpl") smpl_offset_ = c.data, smpl_size_ = c.size, have_smpl = true;
    }
    if (!have_smpl) malformed("no sample data");
    const SoundFontChunk* shdr = chunk("shdr");
    if (shdr == nullptr) malformed("no sample headers");
    for (const char* table : {"phdr", "pbag", "pgen", "inst", "ibag", "igen"})
        if (chunk(table) == nullptr) malformed(std::string("no '") + table + "' table");
    if (const SoundFontChunk* ifil = chunk("ifil"); ifil != nullptr && ifil->data.size() >= 2)
        compressed_ = read_u16(ifil->data.data()) == 3;

    const std::size_t count = records(*shdr, kSampleHeaderSize);
    for (std::size_t i = 0; i + 1 < count; ++i) {  // the last record is the terminal "EOS"
        const unsigned char* r = &shdr->data[i * kSampleHeaderSize];
        SampleHeader h;
        std::memcpy(h.record.data(), r, kSampleHeaderSize);
        h.start = read_u32(r + 20);
        h.end = read_u32(r + 24);
        h.loop_start = read_u32(r + 28);
        h.loop_end = read_u32(r + 32);
        h.link = read_u16(r + 42);
        h.type = read_u16(r + 44);
        samples_.push_back(h);
    }
}

const SoundFontChunk* SoundFontFile::chunk(const std::string& id) const {
    for (const auto* list : {&info_, &pdta_})
        for (const SoundFontChunk& c : *list)
            if (c.id == id) return &c;
    return nullptr;
}

bool SoundFontFile::has_preset(PresetId preset) const {
    const SoundFontChunk& phdr = *chunk("phdr");
    for (std::size_t p = 0; p + 1 < records(phdr, kPresetHeaderSize); ++p)
        if (field(phdr, p, kPresetHeaderSize, 20) == preset.program && field(phdr, p, kPresetHeaderSize, 22) == preset.bank)
            return true;
    return false;
}

std::vector<std::size_t> SoundFontFile::samples_of(PresetId preset, const KeyVelocitySet& notes) const {
    const SoundFontChunk &phdr = *chunk("phdr"), &pbag = *chunk("pbag"), &pgen = *chunk("pgen");
    const SoundFontChunk &inst = *chunk("inst"), &ibag = *chunk("ibag"), &igen = *chunk("igen");
    std::vector<std::size_t> out;
    for (std::size_t p = 0; p + 1 < records(phdr, kPresetHeaderSize); ++p) {
        if (field(phdr, p, kPresetHeaderSize, 20) != preset.program || field(phdr, p, kPresetHeaderSize, 22) != preset.bank)
            continue;
        const std::size_t bag_first = field(phdr, p, kPresetHeaderSize, 24);
        const std::size_t bag_last = field(phdr, p + 1, kPresetHeaderSize, 24);
        for (const Zone& pz : zones_with(pbag, pgen, bag_first, bag_last, kInstrumentGenerator)) {
            const std::size_t i = pz.target;
            if (i + 1 >= records(inst, kInstrumentHeaderSize)) continue;
            if (!notes.any_in(pz.key_lo, pz.key_hi, pz.vel_lo, pz.vel_hi)) continue;
            const std::size_t ib_first = field(inst, i, kInstrumentHeaderSize, 20);
            const std::size_t ib_last = field(inst, i + 1, kInstrumentHeaderSize, 20);
            for (const Zone& iz : zones_with(ibag, igen, ib_first, ib_last, kSampleIdGenerator)) {
                const std::size_t s = iz.target;
                if (s >= samples_.size()) continue;
                if (!notes.any_in(std::max(pz.key_lo, iz.key_lo), std::min(pz.key_hi, iz.key_hi),
                                  std::max(pz.vel_lo, iz.vel_lo), std::min(pz.vel_hi, iz.vel_hi)))
                    continue;
                out.push_back(s);
                const std::uint16_t partner = samples_[s].link;
                const bool stereo = (samples_[s].type & 0x6) != 0;  // right (2) or left (4)
                if (stereo && partner < samples_.size()) out.push_back(partner);
            }
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::int16_t> SoundFontFile::points(std::size_t index) const {
    const SampleHeader& h = samples_.at(index);
    std::ifstream in(path_, std::ios::binary);
    if (h.compressed()) {
        if (h.start > h.end || h.end > smpl_size_) malformed("compressed sample outside the sample data");
        std::vector<unsigned char> ogg(h.end - h.start);
        if (!read_at(in, smpl_offset_ + h.start, ogg.data(), ogg.size())) malformed("truncated sample data");
        auto pcm = decode_vorbis(ogg.data(), ogg.size());
        if (!pcm) malformed("a compressed sample does not decode");
        return std::move(*pcm);
    }
    const std::uint64_t first = h.start, last = std::max(h.start, h.end);
    if (2 * last > smpl_size_) malformed("sample outside the sample data");
    std::vector<unsigned char> raw(static_cast<std::size_t>(2 * (last - first)));
    if (!read_at(in, smpl_offset_ + 2 * first, raw.data(), raw.size())) malformed("truncated sample data");
    std::vector<std::int16_t> pcm(raw.size() / 2);
    for (std::size_t i = 0; i < pcm.size(); ++i) pcm[i] = static_cast<std::int16_t>(read_u16(&raw[2 * i]));
    return pcm;
}

// Compressed samples keep loop points relative to the sample; stored ones are absolute.
std::uint32_t SoundFontFile::relative_to_start(std::size_t index, std::uint32_t point) const {
    const SampleHeader& h = samples_.at(index);
    const std::uint32_t base = h.compressed() ? 0 : h.start;
    return point - std::min(base, point);
}

std::uint32_t SoundFontFile::relative_loop_start(std::size_t index) const {
    return relative_to_start(index, samples_.at(index).loop_start);
}

std::uint32_t SoundFontFile::relative_loop_end(std::size_t index) const {
    return relative_to_start(index, samples_.at(index).loop_end);
}

}  // namespace tunesmith
