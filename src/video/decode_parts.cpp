// The decoder set-up, analysis pictures, stillness feedback and frame stamping shared by both
// decoding paths of decode_video.
#include "video/decode_parts.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "base/error.h"
#include "base/text.h"

namespace tunesmith {
void check_video_length(Rational length, const VideoLimits& limits) {
    if (length.to_double() > limits.max_duration.value)
        throw InputError("video length", seconds_text(length.to_double()),
                         "at most " + seconds_text(limits.max_duration.value) + " (a longer video is not decoded)");
}

ffmpeg::CodecHandle open_video_decoder(const std::filesystem::path& path, const AVStream& stream, int threads) {
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
        throw InputError("video file", path.string(),
                         ffmpeg::kReadableVideo + std::string(" (the video stream cannot be decoded)"));
    return context;
}

void PictureScaler::scale(const AVFrame& frame, std::vector<std::uint8_t>& picture) {
    SwsContext* previous = scaler_.release();  // sws_getCachedContext frees or reuses it
    SwsContext* scaler = sws_getCachedContext(previous, frame.width, frame.height, static_cast<AVPixelFormat>(frame.format),
                                              width_, height_, AV_PIX_FMT_YUV444P, SWS_FAST_BILINEAR, nullptr, nullptr,
                                              nullptr);
    scaler_.reset(scaler);
    if (!scaler_) throw std::runtime_error("cannot scale the video picture");
    const auto plane = static_cast<std::ptrdiff_t>(width_) * height_;
    picture.resize(static_cast<std::size_t>(3 * plane));
    std::uint8_t* destination[4] = {picture.data(), picture.data() + plane, picture.data() + 2 * plane, nullptr};
    const int strides[4] = {width_, width_, width_, 0};
    sws_scale(scaler_.get(), frame.data, frame.linesize, 0, frame.height, destination, strides);
}

void DecodeProgress::at(Rational decoded) {
    const auto percent = static_cast<std::int64_t>(100.0 * decoded.to_double() / total_);
    if (percent != reported_) reporter_.report("decode", std::min(1.0, static_cast<double>(percent) / 100.0));
    reported_ = percent;
}

PacketSkimmer::PacketSkimmer(const AVStream& stream, const DecodeOptions& options)
    : on_(options.skim && stream.codecpar->codec_id == AV_CODEC_ID_H264),
      format_(h264_nal_format(stream.codecpar->extradata, stream.codecpar->extradata_size)),
      policy_(options.skim_options) {}

bool PacketSkimmer::skips(const AVPacket& packet) {
    if (!on_) return false;
    const PacketRole role = h264_packet_role(packet.data, packet.size, format_);
    if (role == PacketRole::reference) policy_.reference_packet(packet.size, (packet.flags & AV_PKT_FLAG_KEY) != 0);
    return role == PacketRole::non_reference && packet.pts != AV_NOPTS_VALUE && policy_.skip_non_reference();
}

void PacketSkimmer::decoded(const std::vector<std::uint8_t>& picture) {
    if (!on_) return;
    if (!previous_.empty()) policy_.decoded_change(mean_abs_difference(picture, previous_));
    previous_ = picture;
}

FrameStamper::FrameStamper(const DecodeOptions& options, Rational time_base, const FrameSink& sink)
    : options_(options), time_base_(time_base), sink_(sink),
      picture_(3 * static_cast<std::size_t>(options.width * options.height)) {}

bool FrameStamper::take(std::int64_t pts, const std::vector<std::uint8_t>& picture) {
    if (pts == AV_NOPTS_VALUE) pts = summary_.frames == 0 ? 0 : last_pts_ + std::max<std::int64_t>(1, step_);
    if (summary_.frames > 0 && pts <= last_pts_) return false;  // a duplicate or out-of-order stamp
    repeat_skimmed_before(pts);
    if (summary_.frames > 0 && pts <= last_pts_) return false;
    std::copy(picture.begin(), picture.end(), picture_.begin());
    emit(pts);
    return true;
}

DecodeSummary FrameStamper::finish(Rational frame_rate) {
    if (summary_.frames == 0) return summary_;
    repeat_skimmed_before(std::numeric_limits<std::int64_t>::max());
    Rational end = rational_time(last_pts_ - origin_ + step_, time_base_);
    if (summary_.frames == 1 && frame_rate.num > 0) end = Rational{frame_rate.den, frame_rate.num}.reduced();
    summary_.end_time = end;
    return summary_;
}

void FrameStamper::emit(std::int64_t pts) {
    if (summary_.frames == 0) origin_ = pts;
    if (summary_.frames > 0) step_ = pts - last_pts_;
    const Rational time = rational_time(pts - origin_, time_base_);
    check_video_length(time, options_.limits);
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

void FrameStamper::repeat_skimmed_before(std::int64_t pts) {
    std::sort(skimmed_pts_.begin(), skimmed_pts_.end());
    std::size_t used = 0;
    for (; used < skimmed_pts_.size() && skimmed_pts_[used] < pts; ++used) {
        if (summary_.frames == 0 || skimmed_pts_[used] <= last_pts_) continue;
        emit(skimmed_pts_[used]);
        ++summary_.skimmed_frames;
    }
    skimmed_pts_.erase(skimmed_pts_.begin(), skimmed_pts_.begin() + static_cast<std::ptrdiff_t>(used));
}

}  // namespace tunesmith
