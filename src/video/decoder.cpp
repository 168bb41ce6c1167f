// Probing and frame-by-frame decoding of a video file with FFmpeg's libraries; frames are scaled to
// the analysis size by libswscale and stamped with exact times from the stream's time base.
#include "video/decoder.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "base/error.h"
#include "video/chunked_decode.h"
#include "video/decode_parts.h"
#include "video/ffmpeg_handles.h"

namespace tunesmith {
namespace ffmpeg {

InputHandle open_input(const char* path) {
    configure_ffmpeg();
    AVFormatContext* raw = nullptr;
    if (avformat_open_input(&raw, path, nullptr, nullptr) < 0) return InputHandle(nullptr);  // frees raw
    InputHandle input(raw);
    if (avformat_find_stream_info(input.get(), nullptr) < 0) return InputHandle(nullptr);
    return input;
}

}  // namespace ffmpeg

namespace {

namespace fs = std::filesystem;

Rational to_rational(AVRational r) { return Rational{r.num, r.den}; }

// The input, its best video stream (cover art does not count) and its best audio stream.
struct OpenVideo {
    ffmpeg::InputHandle input;
    int video_index = -1;
    int audio_index = -1;
};

OpenVideo open_video(const fs::path& path) {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) throw InputError("video file", path.string(), "an existing video file");
    if (fs::file_size(path, error) == 0) throw InputError("video file", path.string(), ffmpeg::kReadableVideo + std::string(" (it is empty)"));
    OpenVideo open;
    open.input = ffmpeg::open_input(path.c_str());
    if (!open.input) throw InputError("video file", path.string(), ffmpeg::kReadableVideo);
    AVFormatContext* format = open.input.get();
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        const AVStream* stream = format->streams[i];
        const bool picture = (stream->disposition & AV_DISPOSITION_ATTACHED_PIC) != 0;
        if (stream->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !picture && open.video_index < 0)
            open.video_index = static_cast<int>(i);
    }
    const int best = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, open.video_index, -1, nullptr, 0);
    if (best >= 0 && (format->streams[best]->disposition & AV_DISPOSITION_ATTACHED_PIC) == 0) open.video_index = best;
    if (open.video_index < 0) throw InputError("video", path.string(), "a file with a video stream");
    open.audio_index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, open.video_index, nullptr, 0);
    return open;
}

Rational declared_duration(const AVFormatContext& format, const AVStream& stream) {
    if (stream.duration != AV_NOPTS_VALUE && stream.duration > 0)
        return rational_time(stream.duration, to_rational(stream.time_base));
    if (format.duration != AV_NOPTS_VALUE && format.duration > 0)
        return rational_time(format.duration, Rational{1, AV_TIME_BASE});
    return Rational{0, 1};
}

VideoInfo info_of(const fs::path& path, const OpenVideo& open) {
    const AVFormatContext& format = *open.input;
    const AVStream& stream = *format.streams[open.video_index];
    VideoInfo info;
    info.path = path;
    info.container = format.iformat->name;
    info.video_codec = avcodec_get_name(stream.codecpar->codec_id);
    info.width = stream.codecpar->width;
    info.height = stream.codecpar->height;
    info.time_base = to_rational(stream.time_base);
    info.frame_rate = to_rational(stream.avg_frame_rate).reduced();
    if (info.frame_rate.den == 0) info.frame_rate = Rational{0, 1};
    info.duration = declared_duration(format, stream);
    info.frame_count = stream.nb_frames;
    if (open.audio_index >= 0) {
        const AVCodecParameters& audio = *format.streams[open.audio_index]->codecpar;
        info.has_audio = true;
        info.audio_sample_rate = audio.sample_rate;
        info.audio_channels = audio.ch_layout.nb_channels;
    }
    return info;
}

void check_options(const DecodeOptions& options) {
    if (options.width < 8 || options.height < 8 || options.width > 1920 || options.height > 1080)
        throw InputError("analysis size", std::to_string(options.width) + "x" + std::to_string(options.height),
                         "8x8 to 1920x1080");
    if (options.threads < 0) throw InputError("threads", std::to_string(options.threads), "0 or more");
}

// One decoder (with frame threads) over the whole stream, in decode order.
void decode_serially(AVFormatContext& input, int video_index, const fs::path& path, const DecodeOptions& options,
                     FrameStamper& stamper, const Reporter& reporter, double total_seconds) {
    const AVStream& stream = *input.streams[video_index];
    ffmpeg::CodecHandle codec = open_video_decoder(path, stream, options.threads);
    ffmpeg::PacketHandle packet(av_packet_alloc());
    ffmpeg::FrameHandle frame(av_frame_alloc());
    if (!packet || !frame) throw std::runtime_error("cannot allocate a packet or frame");
    PacketSkimmer skimmer(stream, options);
    PictureScaler scaler(options.width, options.height);
    std::vector<std::uint8_t> picture;
    auto drain = [&] {
        while (avcodec_receive_frame(codec.get(), frame.get()) >= 0) {
            scaler.scale(*frame, picture);
            if (stamper.take(frame->best_effort_timestamp, picture)) skimmer.decoded(picture);
            av_frame_unref(frame.get());
        }
    };
    DecodeProgress progress(reporter, total_seconds);
    while (av_read_frame(&input, packet.get()) >= 0) {
        if (packet->stream_index == video_index) {
            if (skimmer.skips(*packet)) {
                stamper.skimmed(packet->pts);
                av_packet_unref(packet.get());
                continue;
            }
            if (avcodec_send_packet(codec.get(), packet.get()) < 0) ++stamper.summary().corrupt_packets;
            drain();
            progress.at(stamper.summary().last_frame_time);
        }
        av_packet_unref(packet.get());
    }
    avcodec_send_packet(codec.get(), nullptr);
    drain();
}

}  // namespace

VideoInfo probe_video(const fs::path& path, const VideoLimits& limits) {
    const OpenVideo open = open_video(path);
    VideoInfo info = info_of(path, open);
    check_video_length(info.duration, limits);
    return info;
}

DecodeSummary decode_video(const fs::path& path, const DecodeOptions& options, const FrameSink& sink,
                           const Reporter& reporter) {
    check_options(options);
    const OpenVideo open = open_video(path);
    const VideoInfo info = info_of(path, open);
    check_video_length(info.duration, options.limits);
    FrameStamper stamper(options, info.time_base, sink);
    const double total = std::max(info.duration.to_double(), 1e-9);
    const AVStream& stream = *open.input->streams[open.video_index];
    if (use_chunks(stream, options))
        decode_in_chunks(*open.input, open.video_index, path, options, stamper, reporter, total);
    else
        decode_serially(*open.input, open.video_index, path, options, stamper, reporter, total);
    DecodeSummary summary = stamper.finish(info.frame_rate);
    if (summary.frames == 0)
        throw InputError("video", path.string(), "a video stream with at least one decodable frame (it has none)");
    reporter.report("decode", 1.0);
    return summary;
}

}  // namespace tunesmith
