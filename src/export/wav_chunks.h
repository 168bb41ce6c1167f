// Provenance in a WAV file's RIFF chunks, changed in place: only chunk headers are read, an old
// record or INFO list before the audio is renamed JUNK, and the new ones are appended, so a long
// file's audio is never read or copied again.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tunesmith {

// The RIFF chunk id of the signed record.
inline constexpr std::string_view kWavRecordChunk = "tspv";

// Writes `record` as a tspv chunk and the LIST/INFO fields (the existing ones, ICOP = licence, ISFT
// kept or "tunesmith") after the audio, replacing any earlier record and INFO list.
// InputError("file", ...) if the file is not a RIFF WAVE file with whole chunks.
void embed_wav_record(const std::filesystem::path& file, std::string_view record, std::string_view licence);

// The tspv chunk's body, if the file has one.
std::optional<std::string> read_wav_record(const std::filesystem::path& file);

}  // namespace tunesmith
