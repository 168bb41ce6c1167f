// Carrying a provenance record inside exported files and hashing their content so that the
// embedding itself never changes the hash: WAV (a RIFF "tspv" chunk plus INFO ICOP/ISFT), FLAC
// (an APPLICATION block "tspv" plus a LICENSE Vorbis comment), MIDI (a sequencer-specific meta
// event in the conductor track). Thread-safe; each call owns its file handles.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tunesmith {

// How a file's content is bound to its hash (the C2PA "hard binding").
//   "pcm":  SHA-256 of "pcm:<rate>:<channels>:" then every decoded sample as 32-bit little-endian
//           integers, interleaved (WAV and FLAC: metadata and container details are not content)
//   "smf":  SHA-256 of the MIDI file's bytes with the provenance event removed
//   "bytes": SHA-256 of the file's bytes (JSON and anything else)
struct ContentHash {
    std::string binding;
    std::string sha256;
};

// InputError("file", path, ...) when the file cannot be read or decoded.
ContentHash content_hash(const std::filesystem::path& file);

// True for the kinds that can carry a record inside (.wav, .flac, .mid, .midi).
bool can_embed(const std::filesystem::path& file);

// Puts `record` (the signed record's JSON text) into the file, replacing an earlier one, and the
// licence statement into the format's standard copyright field. The content hash is unchanged.
// InputError for a file that cannot be read, parsed or rewritten.
void embed_record(const std::filesystem::path& file, std::string_view record, std::string_view licence);

// The embedded record's text, or nullopt when the file carries none. InputError for unreadable files.
std::optional<std::string> read_embedded_record(const std::filesystem::path& file);

// The MIDI form, on bytes: the record as the first event of the conductor track, and its removal.
// `found` (when given) receives the removed record. InputError("midi", ...) for malformed SMF.
std::string midi_with_record(std::string_view smf, std::string_view record);
std::string midi_without_record(std::string_view smf, std::optional<std::string>* found = nullptr);

}  // namespace tunesmith
