// Probing and frame-by-frame decoding of a video file with FFmpeg's libraries; frames are scaled to
// the analysis size by libswscale and stamped with exact times from the stream's time base.
#include "video/decoder.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <vector>

#include "base/error.h"
#include "video/ffmpeg_handles.h"

namespace tunesmith {
namespace ffmpeg {

void silence_log() {
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_level(AV_LOG_QUIET); });
}

InputHandle open_input(const char* path) {
    silence_log();
    AVFormatContext* raw = nullptr;
    if (avformat_open_input(&raw, path, nullptr, nullptr) < 0) return InputHandle(nullptr);  // frees raw
    InputHandle input(raw);
    if (avformat_find_stream_info(input.get(), nullptr) < 0) return InputHandle(nullptr);
    return input;
}

}  // namespace ffmpeg

namespace {

namespace fs = std::filesystem;

constexpr const char* kReadable = "a readable video file (MP4, MOV, MKV or WebM)";

std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", seconds);
    return text;
}

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
    if (fs::file_size(path, error) == 0) throw InputError("video file", path.string(), kReadable + std::string(" (it is empty)"));
    OpenVideo open;
    open.input = ffmpeg::open_input(path.c_str());
    if (!open.input) throw InputError("video file", path.string(), kReadable);
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

void check_length(Rational length, const VideoLimits& limits) {
    if (length.to_double() > limits.max_duration.value)
        throw InputError("video length", seconds_text(length.to_double()),
                         "at most " + seconds_text(limits.max_duration.value) + " (a longer video is not decoded)");
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

ffmpeg::CodecHandle open_decoder(const fs::path& path, const AVStream& stream, int threads) {
    const AVCodec* codec = avcodec_find_decoder(stream.codecpar->codec_id);
    if (codec == nullptr)
        throw InputError("video codec", avcodec_get_name(stream.codecpar->codec_id), "a codec FFmpeg can decode");
    ffmpeg::CodecHandle context(avcodec_alloc_context3(codec));
    if (!context || avcodec_parameters_to_context(context.get(), stream.codecpar) < 0)
        throw std::runtime_error("cannot allocate a video decoder");
    context->thread_count = threads;
    context->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    // Analysis needs a thumbnail, not a clean picture: skipping the in-loop filter halves decode time.
    context->skip_loop_filter = AVDISCARD_ALL;
    context->flags2 |= AV_CODEC_FLAG2_FAST;
    context->pkt_timebase = stream.time_base;
    if (avcodec_open2(context.get(), codec, nullptr) < 0)
        throw InputError("video file", path.string(), kReadable + std::string(" (the video stream cannot be decoded)"));
    return context;
}

// Scales each decoded picture to the analysis size and hands it on with its exact time.
class FrameStamper {
public:
    FrameStamper(const DecodeOptions& options, Rational time_base, const FrameSink& sink)
        : options_(options), time_base_(time_base), sink_(sink),
          picture_(3 * static_cast<std::size_t>(options.width * options.height)) {}

    void take(const AVFrame& frame) {
        std::int64_t pts = frame.best_effort_timestamp;
        if (pts == AV_NOPTS_VALUE) pts = summary_.frames == 0 ? 0 : last_pts_ + std::max<std::int64_t>(1, step_);
        if (summary_.frames > 0 && pts <= last_pts_) return;  // a duplicate or out-of-order stamp: not a new picture
        repeat_skimmed_before(pts);
        if (summary_.frames > 0 && pts <= last_pts_) return;
        scale(frame);
        if (policy_ != nullptr) {
            if (!previous_.empty()) policy_->decoded_change(mean_abs_difference(picture_, previous_));
            previous_ = picture_;
        }
        emit(pts);
    }

    // A packet that was not decoded: its picture is the one shown before it, at its own time.
    void skimmed(std::int64_t pts) { skimmed_pts_.push_back(pts); }
    void watch(SkimPolicy* policy) { policy_ = policy; }

    DecodeSummary finish(Rational frame_rate) {
        if (summary_.frames == 0) return summary_;
        repeat_skimmed_before(std::numeric_limits<std::int64_t>::max());
        std::int64_t last_step = step_;
        Rational end = rational_time(last_pts_ - origin_ + last_step, time_base_);
        if (summary_.frames == 1 && frame_rate.num > 0) end = Rational{frame_rate.den, frame_rate.num}.reduced();
        summary_.end_time = end;
        return summary_;
    }

    DecodeSummary& summary() { return summary_; }

private:
    void emit(std::int64_t pts) {
        if (summary_.frames == 0) origin_ = pts;
        if (summary_.frames > 0) step_ = pts - last_pts_;
        const Rational time = rational_time(pts - origin_, time_base_);
        check_length(time, options_.limits);
        AnalysisFrame out;
        out.index = summary_.frames;
        out.pts = pts;
        out.time = time;
        out.width = options_.width;
        out.height = options_.height;
        const auto plane = static_cast<std::ptrdiff_t>(options_.width * options_.height);
        out.y = picture_.data();
        out.u = picture_.data() + plane;
        out.v = picture_.data() + 2 * plane;
        sink_(out);
        last_pts_ = pts;
        summary_.last_frame_time = time;
        ++summary_.frames;
    }

    // Skimmed pictures shown before `pts` (after the last one emitted) repeat the last picture.
    void repeat_skimmed_before(std::int64_t pts) {
        std::sort(skimmed_pts_.begin(), skimmed_pts_.end());
        std::size_t used = 0;
        for (; used < skimmed_pts_.size() && skimmed_pts_[used] < pts; ++used) {
            if (summary_.frames == 0 || skimmed_pts_[used] <= last_pts_) continue;
            emit(skimmed_pts_[used]);
            ++summary_.skimmed_frames;
        }
        skimmed_pts_.erase(skimmed_pts_.begin(), skimmed_pts_.begin() + static_cast<std::ptrdiff_t>(used));
    }

    void scale(const AVFrame& frame) {
        SwsContext* previous = scaler_.release();  // sws_getCachedContext frees or reuses it
        SwsContext* scaler = sws_getCachedContext(previous, frame.width, frame.height, static_cast<AVPixelFormat>(frame.format),
                                       options_.width, options_.height, AV_PIX_FMT_YUV444P, SWS_FAST_BILINEAR,
                                       nullptr, nullptr, nullptr);
        scaler_.reset(scaler);
        if (!scaler_) throw std::runtime_error("cannot scale the video picture");
        const auto plane = static_cast<std::ptrdiff_t>(options_.width * options_.height);
        std::uint8_t* destination[4] = {picture_.data(), picture_.data() + plane, picture_.data() + 2 * plane, nullptr};
        const int strides[4] = {options_.width, options_.width, options_.width, 0};
        sws_scale(scaler_.get(), frame.data, frame.linesize, 0, frame.height, destination, strides);
    }

    const DecodeOptions& options_;
    Rational time_base_;
    const FrameSink& sink_;
    std::vector<std::uint8_t> picture_;   // Y, U, V planes of the last picture
    std::vector<std::uint8_t> previous_;  // the decoded picture before it (skimming only)
    std::vector<std::int64_t> skimmed_pts_;
    SkimPolicy* policy_ = nullptr;
    ffmpeg::ScalerHandle scaler_;
    DecodeSummary summary_;
    std::int64_t origin_ = 0;
    std::int64_t last_pts_ = 0;
    std::int64_t step_ = 0;
};

void check_options(const DecodeOptions& options) {
    if (options.width < 8 || options.height < 8 || options.width > 1920 || options.height > 1080)
        throw InputError("analysis size", std::to_string(options.width) + "x" + std::to_string(options.height),
                         "8x8 to 1920x1080");
    if (options.threads < 0) throw InputError("threads", std::to_string(options.threads), "0 or more");
}

}  // namespace

VideoInfo probe_video(const fs::path& path, const VideoLimits& limits) {
    const OpenVideo open = open_video(path);
    VideoInfo info = info_of(path, open);
    check_length(info.duration, limits);
    return info;
}

DecodeSummary decode_video(const fs::path& path, const DecodeOptions& options, const FrameSink& sink,
                           const Reporter& reporter) {
    check_options(options);
    const OpenVideo open = open_video(path);
    const VideoInfo info = info_of(path, open);
    check_length(info.duration, options.limits);
    const AVStream& stream = *open.input->streams[open.video_index];
    ffmpeg::CodecHandle codec = open_decoder(path, stream, options.threads);
    ffmpeg::PacketHandle packet(av_packet_alloc());
    ffmpeg::FrameHandle frame(av_frame_alloc());
    if (!packet || !frame) throw std::runtime_error("cannot allocate a packet or frame");
    FrameStamper stamper(options, info.time_base, sink);
    const double total = std::max(info.duration.to_double(), 1e-9);

    auto drain = [&] {
        while (avcodec_receive_frame(codec.get(), frame.get()) >= 0) {
            stamper.take(*frame);
            av_frame_unref(frame.get());
        }
    };
    const bool skim = options.skim && stream.codecpar->codec_id == AV_CODEC_ID_H264;
    const NalFormat nal_format = h264_nal_format(stream.codecpar->extradata, stream.codecpar->extradata_size);
    SkimPolicy policy(options.skim_options);
    if (skim) stamper.watch(&policy);
    std::int64_t reported = -1;
    while (av_read_frame(open.input.get(), packet.get()) >= 0) {
        if (packet->stream_index == open.video_index) {
            const PacketRole role = skim ? h264_packet_role(packet->data, packet->size, nal_format) : PacketRole::unknown;
            if (role == PacketRole::reference) policy.reference_packet(packet->size, (packet->flags & AV_PKT_FLAG_KEY) != 0);
            if (role == PacketRole::non_reference && packet->pts != AV_NOPTS_VALUE && policy.skip_non_reference()) {
                stamper.skimmed(packet->pts);
                av_packet_unref(packet.get());
                continue;
            }
            if (avcodec_send_packet(codec.get(), packet.get()) < 0) ++stamper.summary().corrupt_packets;
            drain();
            const auto percent =
                static_cast<std::int64_t>(100.0 * stamper.summary().last_frame_time.to_double() / total);
            if (percent != reported) reporter.report("decode", std::min(1.0, static_cast<double>(percent) / 100.0));
            reported = percent;
        }
        av_packet_unref(packet.get());
    }
    avcodec_send_packet(codec.get(), nullptr);
    drain();
    DecodeSummary summary = stamper.finish(info.frame_rate);
    if (summary.frames == 0)
        throw InputError("video", path.string(), "a video stream with at least one decodable frame (it has none)");
    reporter.report("decode", 1.0);
    return summary;
}

}  // namespace tunesmith
