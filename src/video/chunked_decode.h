// Parallel decoding of an H.264 stream (internal to video/): the packets are cut into chunks that
// start at IDR pictures, and the chunks are decoded several at a time, each by its worker's decoder
// (which has frame threads of its own, for streams with few IDR pictures). Decoding from an IDR gives the same pictures as decoding from the start,
// so the sink gets the same frames as from one decoder. Why: FFmpeg's frame threading kept two
// cores only partly busy on 1080p (the main thread waits on each frame in turn); whole chunks keep
// every worker decoding.
#pragma once

#include <filesystem>

#include "video/decode_parts.h"

namespace tunesmith {

// True for H.264 when more than one thread is asked for (threads 0: every core) and
// options.parallel_chunks is on.
bool use_chunks(const AVStream& stream, const DecodeOptions& options);

// Reads every packet of `video_index`, decodes the chunks on the workers, and hands the pictures to
// `stamper` in order (skimming, when on, runs inside each chunk). Rethrows a worker's error.
void decode_in_chunks(AVFormatContext& input, int video_index, const std::filesystem::path& path,
                      const DecodeOptions& options, FrameStamper& stamper, const Reporter& reporter,
                      double total_seconds);

}  // namespace tunesmith
