// Embedding provenance in WAV (export/wav_chunks: chunks edited in place), FLAC (libFLAC's
// metadata chain) and MIDI (an event in track 0), and content hashes that ignore that metadata.
#include "export/provenance_embed.h"

#include "audio/pcm_digest.h"

#include <FLAC/metadata.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <vector>

#include "base/error.h"
#include "base/file_io.h"
#include "export/signing.h"
#include "export/wav_chunks.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kRecordChunk = kWavRecordChunk;  // also the FLAC application id
constexpr std::string_view kMidiTag = "tunesmith-provenance:";
constexpr std::uint8_t kMidiManufacturer = 0x7D;           // "non-commercial / private use" id

std::string lower_extension(const fs::path& file) {
    std::string ext = file.extension().string();
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return ext;
}

bool is_midi(const fs::path& file) {
    const std::string ext = lower_extension(file);
    return ext == ".mid" || ext == ".midi";
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError("file", file.string(), "a readable file");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Writes through a temporary sibling renamed over the target, so a failure leaves the file intact.
void replace_file(const fs::path& file, const std::string& bytes) {
    const fs::path tmp = file.string() + ".tmp-provenance";
    write_file(tmp, bytes);
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw OutputError(file.string(), ec.message());
    }
}

// ---- PCM hashing (audio/pcm_digest.h: the same digest the writers take) ----

ContentHash pcm_hash(const fs::path& file) { return {"pcm", pcm_digest_of_file(file)}; }

// ---- FLAC (libFLAC metadata chain) ----

struct ChainDeleter {
    void operator()(FLAC__Metadata_Chain* c) const { FLAC__metadata_chain_delete(c); }
};
struct IteratorDeleter {
    void operator()(FLAC__Metadata_Iterator* i) const { FLAC__metadata_iterator_delete(i); }
};
using FlacChain = std::unique_ptr<FLAC__Metadata_Chain, ChainDeleter>;
using FlacIterator = std::unique_ptr<FLAC__Metadata_Iterator, IteratorDeleter>;

FlacChain read_chain(const fs::path& file) {
    FlacChain chain(FLAC__metadata_chain_new());
    if (!chain) throw std::bad_alloc();
    if (!FLAC__metadata_chain_read(chain.get(), file.c_str()))
        throw InputError("file", file.string(), "a readable FLAC file");
    return chain;
}

FlacIterator iterate(FLAC__Metadata_Chain* chain) {
    FlacIterator it(FLAC__metadata_iterator_new());
    if (!it) throw std::bad_alloc();
    FLAC__metadata_iterator_init(it.get(), chain);
    return it;
}

bool is_record_block(const FLAC__StreamMetadata* block) {
    return block->type == FLAC__METADATA_TYPE_APPLICATION &&
           std::memcmp(block->data.application.id, kRecordChunk.data(), 4) == 0;
}

void set_comment(FLAC__StreamMetadata* comments, const char* name, std::string_view value) {
    FLAC__StreamMetadata_VorbisComment_Entry entry{};
    const std::string text(value);
    if (!FLAC__metadata_object_vorbiscomment_entry_from_name_value_pair(&entry, name, text.c_str()))
        throw std::bad_alloc();
    if (!FLAC__metadata_object_vorbiscomment_replace_comment(comments, entry, true, false)) throw std::bad_alloc();
}

void embed_flac(const fs::path& file, std::string_view record, std::string_view licence) {
    FlacChain chain = read_chain(file);
    FlacIterator it = iterate(chain.get());
    bool has_comments = false;
    for (bool more = true; more;) {
        FLAC__StreamMetadata* block = FLAC__metadata_iterator_get_block(it.get());
        if (is_record_block(block)) {
            FLAC__metadata_iterator_delete_block(it.get(), true);  // leaves padding; sorted out below
        } else if (block->type == FLAC__METADATA_TYPE_VORBIS_COMMENT) {
            set_comment(block, "LICENSE", licence);
            has_comments = true;
        }
        more = FLAC__metadata_iterator_next(it.get());
    }
    if (!has_comments) {
        FLAC__StreamMetadata* comments = FLAC__metadata_object_new(FLAC__METADATA_TYPE_VORBIS_COMMENT);
        set_comment(comments, "LICENSE", licence);
        if (!FLAC__metadata_iterator_insert_block_after(it.get(), comments)) throw std::bad_alloc();
    }
    FLAC__StreamMetadata* app = FLAC__metadata_object_new(FLAC__METADATA_TYPE_APPLICATION);
    if (app == nullptr) throw std::bad_alloc();
    std::memcpy(app->data.application.id, kRecordChunk.data(), 4);
    std::vector<FLAC__byte> data(record.begin(), record.end());
    FLAC__metadata_object_application_set_data(app, data.data(), static_cast<unsigned>(data.size()), true);
    if (!FLAC__metadata_iterator_insert_block_after(it.get(), app)) {
        FLAC__metadata_object_delete(app);
        throw std::bad_alloc();
    }
    FLAC__metadata_chain_sort_padding(chain.get());
    if (!FLAC__metadata_chain_write(chain.get(), true, false)) {
        const int error = errno;  // libFLAC's write and rename errors leave the system's reason here
        const FLAC__Metadata_ChainStatus status = FLAC__metadata_chain_status(chain.get());
        const bool system = status == FLAC__METADATA_CHAIN_STATUS_WRITE_ERROR ||
                            status == FLAC__METADATA_CHAIN_STATUS_RENAME_ERROR ||
                            status == FLAC__METADATA_CHAIN_STATUS_ERROR_OPENING_FILE;
        throw OutputError(file.string(), system && error != 0 ? system_reason(error)
                                                               : FLAC__Metadata_ChainStatusString[status]);
    }
}

std::optional<std::string> flac_record(const fs::path& file) {
    FlacChain chain = read_chain(file);
    FlacIterator it = iterate(chain.get());
    for (bool more = true; more; more = FLAC__metadata_iterator_next(it.get())) {
        const FLAC__StreamMetadata* block = FLAC__metadata_iterator_get_block(it.get());
        if (!is_record_block(block)) continue;
        // An APPLICATION block's length includes its 4-byte id.
        const std::size_t size = block->length >= 4 ? block->length - 4 : 0;
        const auto* data = block->data.application.data;
        return data == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(data), size);
    }
    return std::nullopt;
}

// ---- Standard MIDI File ----

struct MidiCursor {
    std::string_view bytes;
    std::size_t at = 0;

    [[noreturn]] static void malformed() { throw InputError("midi", "malformed Standard MIDI File", "a valid SMF"); }
    std::uint8_t byte() {
        if (at >= bytes.size()) malformed();
        return static_cast<std::uint8_t>(bytes[at++]);
    }
    std::uint32_t varlen() {
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const std::uint8_t b = byte();
            value = (value << 7) | (b & 0x7Fu);
            if ((b & 0x80u) == 0) return value;
        }
        malformed();
    }
    void skip(std::size_t n) {
        if (n > bytes.size() - at) malformed();
        at += n;
    }
};

void put_varlen(std::string& out, std::uint32_t value) {
    std::array<char, 5> buffer{};
    std::size_t n = 0;
    do {
        buffer[n++] = static_cast<char>(value & 0x7Fu);
        value >>= 7;
    } while (value != 0);
    while (n-- > 0) out.push_back(static_cast<char>(buffer[n] | (n > 0 ? 0x80 : 0)));
}

std::uint32_t read_u32_be(std::string_view bytes, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t b = 0; b < 4; ++b) v = (v << 8) | static_cast<unsigned char>(bytes[at + b]);
    return v;
}

void put_u32_be(std::string& out, std::uint32_t v) {
    for (int b = 3; b >= 0; --b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
}

std::string record_event_data(std::string_view record) {
    std::string data(1, static_cast<char>(kMidiManufacturer));
    data.append(kMidiTag);
    data.append(record);
    return data;
}

// Offset and size of the first MTrk chunk's body.
std::pair<std::size_t, std::size_t> first_track(std::string_view smf) {
    if (smf.size() < 14 || smf.substr(0, 4) != "MThd") MidiCursor::malformed();
    std::size_t at = 8 + read_u32_be(smf, 4);
    while (at + 8 <= smf.size()) {
        const std::size_t size = read_u32_be(smf, at + 4);
        if (at + 8 + size > smf.size()) MidiCursor::malformed();
        if (smf.substr(at, 4) == "MTrk") return {at + 8, size};
        at += 8 + size;
    }
    MidiCursor::malformed();
}

std::string rebuild(std::string_view smf, std::size_t body_at, std::size_t body_size, const std::string& body) {
    std::string out(smf.substr(0, body_at - 4));
    put_u32_be(out, static_cast<std::uint32_t>(body.size()));
    out.append(body);
    out.append(smf.substr(body_at + body_size));
    return out;
}

std::size_t data_bytes(std::uint8_t status) {
    const std::uint8_t kind = status & 0xF0u;
    return kind == 0xC0 || kind == 0xD0 ? 1 : 2;
}

}  // namespace

std::string midi_with_record(std::string_view smf, std::string_view record) {
    const std::string clean = midi_without_record(smf);
    const auto [body_at, body_size] = first_track(clean);
    const std::string data = record_event_data(record);
    std::string body;
    body.push_back('\0');  // delta time 0
    body.push_back(static_cast<char>(0xFF));
    body.push_back(0x7F);
    put_varlen(body, static_cast<std::uint32_t>(data.size()));
    body.append(data);
    body.append(clean.substr(body_at, body_size));
    return rebuild(clean, body_at, body_size, body);
}

std::string midi_without_record(std::string_view smf, std::optional<std::string>* found) {
    const auto [body_at, body_size] = first_track(smf);
    MidiCursor cursor{smf.substr(body_at, body_size)};
    std::string body;
    std::uint32_t carried = 0;  // delta of a removed event, added to the next one
    std::uint8_t running = 0;
    bool removed = false;
    while (cursor.at < cursor.bytes.size()) {
        const std::uint32_t delta = cursor.varlen();
        const std::size_t start = cursor.at;
        std::uint8_t status = cursor.byte();
        bool drop = false;
        if (status == 0xFF) {
            const std::uint8_t type = cursor.byte();
            const std::uint32_t length = cursor.varlen();
            const std::size_t data_at = cursor.at;
            cursor.skip(length);
            const std::string_view data = cursor.bytes.substr(data_at, length);
            const std::string prefix = record_event_data("");
            drop = !removed && type == 0x7F && data.substr(0, prefix.size()) == prefix;
            if (drop && found != nullptr) *found = std::string(data.substr(prefix.size()));
        } else if (status == 0xF0 || status == 0xF7) {
            cursor.skip(cursor.varlen());
        } else {
            if (status < 0x80) {
                if (running == 0) MidiCursor::malformed();
                --cursor.at;  // a data byte under running status
                status = running;
            }
            running = status;
            cursor.skip(data_bytes(status));
        }
        if (drop) {
            carried += delta;
            removed = true;
            continue;
        }
        put_varlen(body, delta + carried);
        carried = 0;
        body.append(cursor.bytes.substr(start, cursor.at - start));
    }
    if (!removed) return std::string(smf);
    return rebuild(smf, body_at, body_size, body);
}

ContentHash content_hash(const fs::path& file) {
    const std::string ext = lower_extension(file);
    if (ext == ".wav" || ext == ".flac") return pcm_hash(file);
    if (is_midi(file)) return {"smf", sha256_hex(midi_without_record(read_bytes(file)))};
    return {"bytes", sha256_file_hex(file)};
}

bool can_embed(const fs::path& file) {
    const std::string ext = lower_extension(file);
    return ext == ".wav" || ext == ".flac" || is_midi(file);
}

void embed_record(const fs::path& file, std::string_view record, std::string_view licence) {
    const std::string ext = lower_extension(file);
    if (ext == ".wav") return embed_wav_record(file, record, licence);
    if (ext == ".flac") return embed_flac(file, record, licence);
    if (is_midi(file)) return replace_file(file, midi_with_record(read_bytes(file), record));
    throw InputError("file", file.string(), "a .wav, .flac or .mid file to embed provenance in");
}

std::optional<std::string> read_embedded_record(const fs::path& file) {
    const std::string ext = lower_extension(file);
    if (ext == ".wav") return read_wav_record(file);
    if (ext == ".flac") return flac_record(file);
    if (is_midi(file)) {
        std::optional<std::string> found;
        midi_without_record(read_bytes(file), &found);
        return found;
    }
    return std::nullopt;
}

}  // namespace tunesmith
