// Owning RAII handles for the FFmpeg objects the video module uses: those of audio/ffmpeg_handles.h
// (input, codec, packet, frame) plus output format contexts and the scaler. Internal header.
#pragma once

#include <memory>

#include "audio/ffmpeg_handles.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

namespace tunesmith::ffmpeg {

struct OutputCloser {
    void operator()(AVFormatContext* context) const {
        if (context == nullptr) return;
        if (context->pb != nullptr && (context->oformat->flags & AVFMT_NOFILE) == 0) avio_closep(&context->pb);
        avformat_free_context(context);
    }
};
struct ScalerCloser {
    void operator()(SwsContext* context) const { sws_freeContext(context); }
};

using OutputHandle = std::unique_ptr<AVFormatContext, OutputCloser>;

// What InputError("video file", ...) says is accepted when a video cannot be opened or decoded.
inline constexpr const char* kReadableVideo = "a readable video file (MP4, MOV, MKV or WebM)";
using ScalerHandle = std::unique_ptr<SwsContext, ScalerCloser>;

// Opens `path` for reading and reads its stream table; nullptr handle on failure.
InputHandle open_input(const char* path);

}  // namespace tunesmith::ffmpeg
