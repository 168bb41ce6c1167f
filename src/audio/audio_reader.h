// Reading audio files (WAV, FLAC, OGG, MP3, AIFF through libsndfile; M4A/AAC, Opus, anything
// else through FFmpeg) into an AudioBuffer at the file's own rate and channel count.
// Thread-safe: every call owns its decoder handles. Allocation is bounded by max_duration: a
// longer stream is refused with an InputError before (or while) it is read, never buffered whole.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>

#include "audio/buffer.h"
#include "music/units.h"

namespace tunesmith {

struct AudioReadOptions {
    // Streams longer than this are refused (InputError "audio length"); bounds memory use.
    Seconds max_duration{7200.0};
};

// Decodes a whole file. Throws InputError("audio file", path, ...) for a missing, empty,
// non-audio or undecodable file and InputError("audio length", ...) above max_duration.
// A well-formed file with no samples returns an empty buffer carrying the file's rate.
// Non-finite samples (corrupt float data) are replaced by silence so analysis stays defined.
AudioBuffer read_audio_file(const std::filesystem::path& path, const AudioReadOptions& options = {});

// The same decoding path over bytes in memory (used by tests and the fuzzer; `name` is only
// used in error messages).
AudioBuffer decode_audio_bytes(std::span<const std::uint8_t> bytes, const AudioReadOptions& options = {},
                               const std::string& name = "<memory>");

}  // namespace tunesmith
