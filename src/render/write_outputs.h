// Writing a mastered cue's audio: mix.<ext>, stems/<name>.<ext> and loop.wav under one folder,
// 24-bit, at the mix's sample rate, with metadata. Files are encoded in parallel.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "audio/audio_writer.h"
#include "base/progress.h"
#include "render/mix.h"

namespace tunesmith {

// `formats` may hold other names ("mid"): only "wav" and "flac" are audio. The loop is written as
// loop.wav when it is not empty. InputError("output", ...) when the folder cannot be created or written.
// Returns the files written, in a fixed order. Progress: stage "write".
std::vector<std::filesystem::path> write_cue_audio(const MixResult& result, const std::filesystem::path& out_dir,
                                                   const std::vector<std::string>& formats,
                                                   const AudioMetadata& metadata, const Reporter& reporter = {},
                                                   int threads = 0);

}  // namespace tunesmith
