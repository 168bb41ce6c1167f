// Writing a mastered cue's audio: mix.<ext>, stems/<name>.<ext> and loop.wav under one folder,
// 24-bit, at the mix's sample rate, with metadata. Files are encoded in parallel.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "audio/audio_writer.h"
#include "base/progress.h"
#include "render/mix.h"

namespace tunesmith {

// `formats` may hold other names ("mid"): only "wav" and "flac" are audio. The loop is written as
// loop.wav when it is not empty. InputError("output", ...) when the folder cannot be created or written.
// Returns the files written, in a fixed order. Progress: stage "write".
// Every file's PcmDigest (audio/pcm_digest.h) goes into `digests` when given, so provenance need
// not decode the files again.
using PcmDigests = std::map<std::filesystem::path, std::string>;
std::vector<std::filesystem::path> write_cue_audio(const MixResult& result, const std::filesystem::path& out_dir,
                                                   const std::vector<std::string>& formats,
                                                   const AudioMetadata& metadata, const Reporter& reporter = {},
                                                   int threads = 0, PcmDigests* digests = nullptr);

// The mix without one stem (e.g. the accompaniment without the voice), streamed to one file.
// Returns its PcmDigest.
std::string write_mix_file(const MixResult& result, const std::filesystem::path& path, AudioFileFormat format,
                    const AudioMetadata& metadata, std::string_view excluded_stem);

}  // namespace tunesmith
