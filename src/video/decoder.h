// Video decoding through libavformat/libavcodec/libswscale: probing a file's streams and
// streaming its frames, scaled down to a small analysis size, each with its exact rational time.
// Reentrant: every call owns its FFmpeg handles. Memory is bounded (one frame at a time).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/progress.h"
#include "music/units.h"
#include "video/rational.h"
#include "video/skim.h"

namespace tunesmith {

struct VideoLimits {
    // Longer videos are refused (InputError "video length") before decoding: bounds time and memory.
    Seconds max_duration{1200.0};  // the longest cue a spec allows (spec/validate.cpp)
};

struct VideoInfo {
    std::filesystem::path path;
    std::string container;    // libavformat's short name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    std::string video_codec;  // e.g. "h264"
    int width = 0;
    int height = 0;
    Rational time_base{1, 1};    // of the video stream
    Rational frame_rate{0, 1};   // average frame rate; 0/1 when the container does not say
    Rational duration{0, 1};     // of the video stream as the container declares it (0 if unknown)
    std::int64_t frame_count = 0;  // declared by the container (0 if unknown)
    bool has_audio = false;
    int audio_sample_rate = 0;
    int audio_channels = 0;
};

// Opens the file and reads its stream table. InputError("video file", path, ...) for a missing,
// unreadable or corrupt file; InputError("video", path, ...) when it has no video stream;
// InputError("video length", ...) above limits.max_duration.
VideoInfo probe_video(const std::filesystem::path& path, const VideoLimits& limits = {});

// A decoded frame at analysis size in planar YUV 4:4:4 (8-bit, full range not assumed).
struct AnalysisFrame {
    std::int64_t index = 0;  // 0-based, in presentation order
    std::int64_t pts = 0;    // in the stream's time base
    Rational time;           // since the first frame, exact
    int width = 0;
    int height = 0;
    const std::uint8_t* y = nullptr;  // width*height each, tightly packed
    const std::uint8_t* u = nullptr;
    const std::uint8_t* v = nullptr;
};

struct DecodeOptions {
    int width = 64;   // analysis size; the picture is squeezed, not cropped
    int height = 36;
    int threads = 2;  // decoder threads (0: FFmpeg chooses)
    VideoLimits limits;
    // H.264 only: while the picture is still, non-reference pictures are not decoded; each gets the
    // previous decoded picture and its own exact time (video/skim.h). Off by default since session 8:
    // it saved ~5 % of CPU on the 1080p bench here, and a fade out of a still picture lost its first
    // frames to repeats (development-set cut F1 0.950 with every picture decoded, 0.931 skimmed).
    bool skim = false;
    SkimOptions skim_options;
    // H.264 with more than one thread: the stream is cut at IDR pictures and the pieces are decoded
    // `threads` at a time, one decoder per worker (the same frames; video/chunked_decode.h).
    // Off: one decoder with `threads` frame threads.
    bool parallel_chunks = true;
};

struct DecodeSummary {
    std::int64_t frames = 0;
    Rational end_time;               // time of the last frame plus its duration (the video's length)
    Rational last_frame_time;
    std::int64_t corrupt_packets = 0;  // packets the decoder rejected (skipped)
    std::int64_t skimmed_frames = 0;   // frames not decoded (options.skim): the previous picture repeated
    std::int64_t chunks = 0;           // IDR chunks decoded in parallel (0: one decoder; parallel_chunks)
};

using FrameSink = std::function<void(const AnalysisFrame&)>;

// Decodes every frame of the best video stream in presentation order and hands each to `sink`.
// InputError as probe_video, plus "video" when no frame can be decoded (zero length or corrupt)
// and "video length" when the timestamps run past limits.max_duration. Progress: stage "decode".
DecodeSummary decode_video(const std::filesystem::path& path, const DecodeOptions& options, const FrameSink& sink,
                           const Reporter& reporter = {});

}  // namespace tunesmith
