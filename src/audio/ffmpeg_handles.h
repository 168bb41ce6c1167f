// Owning RAII handles for the FFmpeg objects that reading media needs (input format contexts,
// custom I/O, codec contexts, packets, frames), so no error path leaks. Shared by audio input and
// video analysis (video/ffmpeg_handles.h adds output contexts and the scaler). Internal header.
#pragma once

#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/mem.h>
}

namespace tunesmith::ffmpeg {

struct InputCloser {
    void operator()(AVFormatContext* context) const { avformat_close_input(&context); }
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
// A custom-I/O context owns its (possibly reallocated) buffer, which must be freed with it.
struct AvioCloser {
    void operator()(AVIOContext* context) const {
        if (context) av_freep(static_cast<void*>(&context->buffer));
        avio_context_free(&context);
    }
};

using InputHandle = std::unique_ptr<AVFormatContext, InputCloser>;
using CodecHandle = std::unique_ptr<AVCodecContext, CodecCloser>;
using PacketHandle = std::unique_ptr<AVPacket, PacketCloser>;
using FrameHandle = std::unique_ptr<AVFrame, FrameCloser>;
using AvioHandle = std::unique_ptr<AVIOContext, AvioCloser>;

// Once per process, before FFmpeg reads anything: its log is silenced (the library never prints) and
// no single allocation may exceed 512 MB. A damaged header can claim a chunk of gigabytes: FFmpeg
// 5.1's WAV demuxer allocated 1.6 GB for a 104-byte file (found by the fuzz test); with the cap the
// file fails to open and is reported as undecodable. 512 MB is above any frame FFmpeg makes for us
// (an 8K 16-bit 4:4:4 frame is 200 MB).
void configure_ffmpeg();

}  // namespace tunesmith::ffmpeg
