// Owning RAII handles for the FFmpeg objects the video module uses (input and output format
// contexts, codec contexts, packets, frames, scaler), so no error path leaks. Internal header.
#pragma once

#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

namespace tunesmith::ffmpeg {

struct InputCloser {
    void operator()(AVFormatContext* context) const { avformat_close_input(&context); }
};
struct OutputCloser {
    void operator()(AVFormatContext* context) const {
        if (context == nullptr) return;
        if (context->pb != nullptr && (context->oformat->flags & AVFMT_NOFILE) == 0) avio_closep(&context->pb);
        avformat_free_context(context);
    }
};
struct CodecCloser {
    void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct PacketCloser {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct FrameCloser {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct ScalerCloser {
    void operator()(SwsContext* context) const { sws_freeContext(context); }
};

using InputHandle = std::unique_ptr<AVFormatContext, InputCloser>;
using OutputHandle = std::unique_ptr<AVFormatContext, OutputCloser>;
using CodecHandle = std::unique_ptr<AVCodecContext, CodecCloser>;
using PacketHandle = std::unique_ptr<AVPacket, PacketCloser>;
using FrameHandle = std::unique_ptr<AVFrame, FrameCloser>;
using ScalerHandle = std::unique_ptr<SwsContext, ScalerCloser>;

// FFmpeg logs to stderr by default; the library never prints, so its log is silenced once.
void silence_log();

// Opens `path` for reading and reads its stream table; nullptr handle on failure.
InputHandle open_input(const char* path);

}  // namespace tunesmith::ffmpeg
