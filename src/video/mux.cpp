// Remuxing: video packets are copied with their timestamps rescaled only; audio is encoded to AAC
// in step with the video (each track is written up to the current video time) so the file is
// interleaved without buffering everything in the muxer.
#include "video/mux.h"

#include <algorithm>
#include <cmath>

#include "audio/loudness.h"
#include "audio/resample.h"
#include "base/error.h"
#include "video/ffmpeg_handles.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

// One AAC-encoded audio stream fed from a buffer.
struct AudioEncoder {
    const MuxTrack* track = nullptr;
    ffmpeg::CodecHandle codec;
    AVStream* stream = nullptr;
    std::size_t next_sample = 0;  // the first sample not yet sent
    std::int64_t start_pts = 0;   // the video's first frame, in 1/rate units
    bool flushed = false;
};

[[noreturn]] void cannot_write(const fs::path& out, const std::string& why) { throw OutputError(out.string(), why); }

// `what` and FFmpeg's reason for `code` ("No space left on device").
std::string failed(const std::string& what, int code) {
    char reason[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, reason, sizeof reason);
    return what + " (" + reason + ")";
}

AVStream* add_video_stream(AVFormatContext& output, const AVStream& input, const fs::path& out) {
    AVStream* stream = avformat_new_stream(&output, nullptr);
    if (stream == nullptr || avcodec_parameters_copy(stream->codecpar, input.codecpar) < 0)
        throw std::runtime_error("cannot add the video stream");
    if (avformat_query_codec(output.oformat, input.codecpar->codec_id, FF_COMPLIANCE_NORMAL) != 1)
        cannot_write(out, std::string("this container cannot hold ") + avcodec_get_name(input.codecpar->codec_id));
    stream->codecpar->codec_tag = 0;  // let the output container choose its own tag
    stream->time_base = input.time_base;
    stream->sample_aspect_ratio = input.sample_aspect_ratio;
    stream->avg_frame_rate = input.avg_frame_rate;
    stream->disposition = input.disposition;
    for (int i = 0; i < input.nb_side_data; ++i) {  // rotation and similar display data
        const AVPacketSideData& side = input.side_data[i];
        std::uint8_t* data = av_stream_new_side_data(stream, side.type, side.size);
        if (data != nullptr) std::copy(side.data, side.data + side.size, data);
    }
    return stream;
}

AudioEncoder add_audio_stream(AVFormatContext& output, const MuxTrack& track, const MuxOptions& options) {
    const AVCodec* aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (aac == nullptr) throw std::runtime_error("FFmpeg has no AAC encoder");
    AudioEncoder encoder;
    encoder.track = &track;
    encoder.codec.reset(avcodec_alloc_context3(aac));
    AVCodecContext& codec = *encoder.codec;
    codec.sample_fmt = AV_SAMPLE_FMT_FLTP;
    codec.sample_rate = track.audio.rate.hz;
    av_channel_layout_default(&codec.ch_layout, 2);
    codec.bit_rate = options.aac_bit_rate;
    codec.time_base = AVRational{1, track.audio.rate.hz};
    if ((output.oformat->flags & AVFMT_GLOBALHEADER) != 0) codec.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (avcodec_open2(&codec, aac, nullptr) < 0) throw std::runtime_error("cannot open the AAC encoder");
    encoder.stream = avformat_new_stream(&output, nullptr);
    if (encoder.stream == nullptr || avcodec_parameters_from_context(encoder.stream->codecpar, &codec) < 0)
        throw std::runtime_error("cannot add an audio stream");
    encoder.stream->time_base = codec.time_base;
    encoder.stream->disposition = track.default_track ? AV_DISPOSITION_DEFAULT : 0;
    // Matroska names a track by its title; MP4 keeps a name only as the handler name. The language
    // is "und" (undetermined: music has none), which Matroska leaves implicit.
    const std::string_view container = output.oformat->name;
    if (!track.title.empty()) {
        av_dict_set(&encoder.stream->metadata, "title", track.title.c_str(), 0);
        if (container.find("mp4") != std::string_view::npos || container.find("mov") != std::string_view::npos)
            av_dict_set(&encoder.stream->metadata, "handler_name", track.title.c_str(), 0);
    }
    av_dict_set(&encoder.stream->metadata, "language", "und", 0);
    return encoder;
}

void write_packets(AVFormatContext& output, AudioEncoder& encoder, AVPacket& packet) {
    while (avcodec_receive_packet(encoder.codec.get(), &packet) >= 0) {
        av_packet_rescale_ts(&packet, encoder.codec->time_base, encoder.stream->time_base);
        packet.stream_index = encoder.stream->index;
        if (const int code = av_interleaved_write_frame(&output, &packet); code < 0)
            cannot_write(output.url != nullptr ? output.url : "", failed("an audio packet failed", code));
    }
}

// Encodes the track's samples up to `until` (samples from the video's start), or all and flushes.
void encode_until(AVFormatContext& output, AudioEncoder& encoder, std::size_t until, AVFrame& frame, AVPacket& packet) {
    const AudioBuffer& audio = encoder.track->audio;
    const auto frame_size = static_cast<std::size_t>(encoder.codec->frame_size > 0 ? encoder.codec->frame_size : 1024);
    const std::size_t total = audio.frames();
    until = std::min(until, total);
    while (encoder.next_sample < until || (until == total && encoder.next_sample < total)) {
        const std::size_t count = std::min(frame_size, total - encoder.next_sample);
        av_frame_unref(&frame);
        frame.nb_samples = static_cast<int>(count);
        frame.format = AV_SAMPLE_FMT_FLTP;
        frame.sample_rate = encoder.codec->sample_rate;
        av_channel_layout_copy(&frame.ch_layout, &encoder.codec->ch_layout);
        if (av_frame_get_buffer(&frame, 0) < 0) throw std::runtime_error("cannot allocate an audio frame");
        for (std::size_t c = 0; c < 2; ++c) {
            const auto& source = audio.channels[std::min(c, audio.channel_count() - 1)];
            auto* out = reinterpret_cast<float*>(frame.extended_data[c]);
            std::copy(source.begin() + static_cast<std::ptrdiff_t>(encoder.next_sample),
                      source.begin() + static_cast<std::ptrdiff_t>(encoder.next_sample + count), out);
        }
        frame.pts = encoder.start_pts + static_cast<std::int64_t>(encoder.next_sample);
        if (avcodec_send_frame(encoder.codec.get(), &frame) < 0) throw std::runtime_error("cannot encode audio");
        encoder.next_sample += count;
        write_packets(output, encoder, packet);
    }
    if (until == total && !encoder.flushed) {
        avcodec_send_frame(encoder.codec.get(), nullptr);
        write_packets(output, encoder, packet);
        encoder.flushed = true;
    }
}

std::int64_t first_video_pts(const AVStream& stream) { return stream.start_time == AV_NOPTS_VALUE ? 0 : stream.start_time; }

}  // namespace

std::string scored_video_name(const VideoInfo& info) {
    const AVOutputFormat* mp4 = av_guess_format("mp4", nullptr, nullptr);
    const AVCodecDescriptor* codec = avcodec_descriptor_get_by_name(info.video_codec.c_str());
    if (mp4 != nullptr && codec != nullptr && avformat_query_codec(mp4, codec->id, FF_COMPLIANCE_NORMAL) == 1)
        return "scored.mp4";
    return "scored.mkv";
}

void mux_audio_into_video(const fs::path& video, const std::vector<MuxTrack>& tracks, const fs::path& out,
                          const MuxOptions& options) {
    ffmpeg::InputHandle input = ffmpeg::open_input(video.c_str());
    if (!input) throw InputError("video file", video.string(), ffmpeg::kReadableVideo);
    const int video_index = av_find_best_stream(input.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (video_index < 0) throw InputError("video", video.string(), "a file with a video stream");
    for (const MuxTrack& t : tracks)
        if (t.audio.empty() || t.audio.rate.hz <= 0) throw std::logic_error("mux: an audio track is empty");

    AVFormatContext* raw = nullptr;
    if (avformat_alloc_output_context2(&raw, nullptr, nullptr, out.c_str()) < 0 || raw == nullptr)
        cannot_write(out, "unknown container for this file name");
    ffmpeg::OutputHandle output(raw);
    const AVStream& in_video = *input->streams[video_index];
    AVStream* out_video = add_video_stream(*output, in_video, out);
    std::vector<AudioEncoder> encoders;
    for (const MuxTrack& t : tracks) encoders.push_back(add_audio_stream(*output, t, options));
    if ((output->oformat->flags & AVFMT_NOFILE) == 0)
        if (const int code = avio_open(&output->pb, out.c_str(), AVIO_FLAG_WRITE); code < 0)
            cannot_write(out, failed("cannot create it", code));
    if (const int code = avformat_write_header(output.get(), nullptr); code < 0)
        cannot_write(out, failed("the header cannot be written", code));
    for (AudioEncoder& e : encoders)
        e.start_pts = av_rescale_q(first_video_pts(in_video), in_video.time_base, e.codec->time_base);

    ffmpeg::PacketHandle packet(av_packet_alloc());
    ffmpeg::PacketHandle audio_packet(av_packet_alloc());
    ffmpeg::FrameHandle frame(av_frame_alloc());
    while (av_read_frame(input.get(), packet.get()) >= 0) {
        if (packet->stream_index != video_index) {
            av_packet_unref(packet.get());
            continue;
        }
        const std::int64_t stamp = packet->dts != AV_NOPTS_VALUE ? packet->dts : packet->pts;
        if (stamp != AV_NOPTS_VALUE) {
            for (AudioEncoder& e : encoders) {
                const std::int64_t ahead = av_rescale_q(stamp, in_video.time_base, e.codec->time_base) - e.start_pts;
                if (ahead > 0) encode_until(*output, e, static_cast<std::size_t>(ahead), *frame, *audio_packet);
            }
        }
        av_packet_rescale_ts(packet.get(), in_video.time_base, out_video->time_base);
        packet->stream_index = out_video->index;
        packet->pos = -1;
        if (const int code = av_interleaved_write_frame(output.get(), packet.get()); code < 0)
            cannot_write(out, failed("a video packet failed", code));
    }
    for (AudioEncoder& e : encoders) encode_until(*output, e, e.track->audio.frames(), *frame, *audio_packet);
    if (const int code = av_write_trailer(output.get()); code < 0)
        cannot_write(out, failed("the trailer cannot be written", code));
    // Buffered bytes reach the file only when it is closed: a full disk can show here.
    if ((output->oformat->flags & AVFMT_NOFILE) == 0)
        if (const int code = avio_closep(&output->pb); code < 0) cannot_write(out, failed("closing it failed", code));
}

AudioBuffer mix_music_under_original(const AudioBuffer& music, const AudioBuffer& original, double music_below_lu) {
    AudioBuffer mix(music.rate, 2, music.frames());
    if (original.empty()) return music;
    std::vector<std::vector<float>> source;
    for (std::size_t c = 0; c < 2; ++c) {
        const auto& channel = original.channels[std::min(c, original.channel_count() - 1)];
        source.push_back(original.rate == music.rate ? channel : resample(channel, original.rate, music.rate));
        source.back().resize(music.frames(), 0.0f);
    }
    AudioBuffer kept;
    kept.rate = music.rate;
    kept.channels = std::move(source);
    const double original_lufs = integrated_loudness(kept);
    const double music_lufs = integrated_loudness(music);
    double music_gain = 1.0;
    if (std::isfinite(original_lufs) && std::isfinite(music_lufs))
        music_gain = std::pow(10.0, (original_lufs - music_below_lu - music_lufs) / 20.0);
    float peak = 0.0f;
    for (std::size_t c = 0; c < 2; ++c) {
        const auto& m = music.channels[std::min(c, music.channel_count() - 1)];
        for (std::size_t i = 0; i < mix.frames(); ++i) {
            mix.channels[c][i] = kept.channels[c][i] + static_cast<float>(music_gain) * m[i];
            peak = std::max(peak, std::fabs(mix.channels[c][i]));
        }
    }
    if (peak > 0.98f)
        for (auto& channel : mix.channels)
            for (float& x : channel) x *= 0.98f / peak;
    return mix;
}

}  // namespace tunesmith
