// Decoding audio files: libsndfile first (WAV, FLAC, OGG, MP3, AIFF), FFmpeg's libraries for the
// rest (M4A/AAC, Opus in other containers, video files' audio). Every C handle has an owner here.
#include "audio/audio_reader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <sndfile.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>
#include <libavutil/mem.h>
}

#include "audio/ffmpeg_handles.h"
#include "base/error.h"
#include "base/text.h"

namespace tunesmith {
namespace {

constexpr int kMaxChannels = 64;
constexpr int kMinRate = 2000;
constexpr int kMaxRate = 768000;
constexpr std::size_t kChunkFrames = 16384;

// Where the bytes come from: a file on disk or a span in memory.
struct Source {
    const std::filesystem::path* path = nullptr;
    std::span<const std::uint8_t> bytes;
    std::string name;
};

[[noreturn]] void throw_undecodable(const Source& source, const std::string& why) {
    throw InputError("audio file", source.name,
                     "a decodable audio file (WAV, FLAC, OGG, MP3, M4A, ...): " + why);
}

std::int64_t max_frames(const AudioReadOptions& options, int rate) {
    return static_cast<std::int64_t>(std::floor(options.max_duration.value * rate));
}

[[noreturn]] void throw_too_long(const AudioReadOptions& options, double seconds) {
    throw InputError("audio length", seconds_text(seconds), "at most " + seconds_text(options.max_duration.value));
}

void check_format(int rate, int channels) {
    if (channels < 1 || channels > kMaxChannels)
        throw InputError("audio channels", std::to_string(channels), "1 to 64 channels");
    if (rate < kMinRate || rate > kMaxRate)
        throw InputError("audio sample rate", std::to_string(rate), "2000 to 768000 Hz");
}

// Corrupt float data can hold NaN or infinities; analysis must stay defined, so they become 0.
void replace_non_finite(AudioBuffer& buffer) {
    for (auto& channel : buffer.channels)
        for (float& x : channel)
            if (!std::isfinite(x)) x = 0.0f;
}

// ---- libsndfile -------------------------------------------------------------------------------

struct SndfileCloser {
    void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndfileHandle = std::unique_ptr<SNDFILE, SndfileCloser>;

struct MemoryCursor {
    std::span<const std::uint8_t> bytes;
    sf_count_t position = 0;
};

sf_count_t memory_length(void* user) {
    return static_cast<sf_count_t>(static_cast<MemoryCursor*>(user)->bytes.size());
}
sf_count_t memory_seek(sf_count_t offset, int whence, void* user) {
    auto* cursor = static_cast<MemoryCursor*>(user);
    const auto size = static_cast<sf_count_t>(cursor->bytes.size());
    sf_count_t target = offset;
    if (whence == SEEK_CUR) target = cursor->position + offset;
    if (whence == SEEK_END) target = size + offset;
    cursor->position = std::clamp<sf_count_t>(target, 0, size);
    return cursor->position;
}
sf_count_t memory_read(void* out, sf_count_t count, void* user) {
    auto* cursor = static_cast<MemoryCursor*>(user);
    const auto size = static_cast<sf_count_t>(cursor->bytes.size());
    const sf_count_t n = std::clamp<sf_count_t>(size - cursor->position, 0, std::max<sf_count_t>(count, 0));
    if (n > 0) std::memcpy(out, cursor->bytes.data() + cursor->position, static_cast<std::size_t>(n));
    cursor->position += n;
    return n;
}
sf_count_t memory_write(const void*, sf_count_t, void*) { return 0; }
sf_count_t memory_tell(void* user) { return static_cast<MemoryCursor*>(user)->position; }

// Decodes through libsndfile; nullopt when libsndfile does not recognise the format.
std::optional<AudioBuffer> read_with_sndfile(const Source& source, const AudioReadOptions& options) {
    SF_INFO info{};
    MemoryCursor cursor{source.bytes, 0};
    SF_VIRTUAL_IO io{memory_length, memory_seek, memory_read, memory_write, memory_tell};
    SndfileHandle file(source.path ? sf_open(source.path->c_str(), SFM_READ, &info)
                                   : sf_open_virtual(&io, SFM_READ, &info, &cursor));
    if (!file) return std::nullopt;
    check_format(info.samplerate, info.channels);
    const std::int64_t limit = max_frames(options, info.samplerate);
    if (info.frames > limit && info.frames != std::numeric_limits<sf_count_t>::max())
        throw_too_long(options, static_cast<double>(info.frames) / info.samplerate);
    // Integer files read as float are scaled to [-1, 1]; float files keep their values.
    sf_command(file.get(), SFC_SET_SCALE_FLOAT_INT_READ, nullptr, SF_TRUE);

    const auto channels = static_cast<std::size_t>(info.channels);
    AudioBuffer buffer(SampleRate(info.samplerate), channels, 0);
    // The header's frame count is only a hint: a damaged header can claim hours in a file of a few
    // bytes. No format stores a frame in under a byte on average, so at most one frame per byte of
    // the file is reserved up front; the rest grows as it is read.
    std::error_code size_error;
    const auto file_bytes = source.path ? static_cast<std::uintmax_t>(std::filesystem::file_size(*source.path, size_error))
                                        : static_cast<std::uintmax_t>(source.bytes.size());
    const auto expected = std::min<std::uintmax_t>(static_cast<std::uintmax_t>(std::clamp<sf_count_t>(info.frames, 0, limit)),
                                                   size_error ? 0 : file_bytes);
    for (auto& channel : buffer.channels) channel.reserve(static_cast<std::size_t>(expected));
    std::vector<float> chunk(kChunkFrames * channels);
    std::int64_t total = 0;
    while (true) {
        const sf_count_t got = sf_readf_float(file.get(), chunk.data(), static_cast<sf_count_t>(kChunkFrames));
        if (got <= 0) break;
        total += got;
        if (total > limit) throw_too_long(options, static_cast<double>(total) / info.samplerate);
        for (std::size_t c = 0; c < channels; ++c) {
            auto& channel = buffer.channels[c];
            for (std::size_t i = 0; i < static_cast<std::size_t>(got); ++i) channel.push_back(chunk[i * channels + c]);
        }
    }
    return buffer;
}

// ---- FFmpeg -----------------------------------------------------------------------------------

using ffmpeg::AvioHandle;
using ffmpeg::CodecHandle;
using ffmpeg::FrameHandle;
using ffmpeg::PacketHandle;
using ffmpeg::InputHandle;

struct AvMemory {
    std::span<const std::uint8_t> bytes;
    std::int64_t position = 0;
};

int av_memory_read(void* opaque, std::uint8_t* out, int size) {
    auto* memory = static_cast<AvMemory*>(opaque);
    const auto length = static_cast<std::int64_t>(memory->bytes.size());
    const std::int64_t n = std::min<std::int64_t>(size, length - memory->position);
    if (n <= 0) return AVERROR_EOF;
    std::memcpy(out, memory->bytes.data() + memory->position, static_cast<std::size_t>(n));
    memory->position += n;
    return static_cast<int>(n);
}
std::int64_t av_memory_seek(void* opaque, std::int64_t offset, int whence) {
    auto* memory = static_cast<AvMemory*>(opaque);
    const auto length = static_cast<std::int64_t>(memory->bytes.size());
    if (whence & AVSEEK_SIZE) return length;
    std::int64_t target = offset;
    if ((whence & 3) == SEEK_CUR) target = memory->position + offset;
    if ((whence & 3) == SEEK_END) target = length + offset;
    if (target < 0 || target > length) return -1;
    memory->position = target;
    return target;
}

float sample_as_float(const std::uint8_t* data, AVSampleFormat format, std::size_t index) {
    switch (format) {
        case AV_SAMPLE_FMT_U8:
        case AV_SAMPLE_FMT_U8P:
            return (static_cast<float>(data[index]) - 128.0f) / 128.0f;
        case AV_SAMPLE_FMT_S16:
        case AV_SAMPLE_FMT_S16P: {
            std::int16_t v;
            std::memcpy(&v, data + index * 2, 2);
            return static_cast<float>(v) / 32768.0f;
        }
        case AV_SAMPLE_FMT_S32:
        case AV_SAMPLE_FMT_S32P: {
            std::int32_t v;
            std::memcpy(&v, data + index * 4, 4);
            return static_cast<float>(static_cast<double>(v) / 2147483648.0);
        }
        case AV_SAMPLE_FMT_S64:
        case AV_SAMPLE_FMT_S64P: {
            std::int64_t v;
            std::memcpy(&v, data + index * 8, 8);
            return static_cast<float>(static_cast<double>(v) / 9223372036854775808.0);
        }
        case AV_SAMPLE_FMT_FLT:
        case AV_SAMPLE_FMT_FLTP: {
            float v;
            std::memcpy(&v, data + index * 4, 4);
            return v;
        }
        case AV_SAMPLE_FMT_DBL:
        case AV_SAMPLE_FMT_DBLP: {
            double v;
            std::memcpy(&v, data + index * 8, 8);
            return static_cast<float>(v);
        }
        default:
            return 0.0f;
    }
}

// Appends one decoded frame to the buffer, converting any sample format to float.
void append_frame(const AVFrame& frame, AudioBuffer& buffer) {
    const auto format = static_cast<AVSampleFormat>(frame.format);
    const auto channels = buffer.channel_count();
    const auto count = static_cast<std::size_t>(frame.nb_samples);
    const bool planar = av_sample_fmt_is_planar(format) != 0;
    for (std::size_t c = 0; c < channels; ++c) {
        auto& out = buffer.channels[c];
        const std::uint8_t* data = planar ? frame.extended_data[c] : frame.extended_data[0];
        for (std::size_t i = 0; i < count; ++i)
            out.push_back(sample_as_float(data, format, planar ? i : i * channels + c));
    }
}

class FfmpegDecoder {
public:
    FfmpegDecoder(const Source& source, const AudioReadOptions& options) : source_(source), options_(options) {}

    AudioBuffer decode() {
        open_input();
        open_codec();
        PacketHandle packet(av_packet_alloc());
        frame_.reset(av_frame_alloc());
        if (!packet || !frame_) throw std::bad_alloc();
        while (av_read_frame(format_.get(), packet.get()) >= 0) {
            if (packet->stream_index == stream_index_) {
                // A corrupt packet is skipped; the decoder resynchronises on the next one.
                if (avcodec_send_packet(codec_.get(), packet.get()) >= 0) ++accepted_packets_;
                receive_frames();
            }
            av_packet_unref(packet.get());
        }
        avcodec_send_packet(codec_.get(), nullptr);
        receive_frames();
        if (!buffer_ && accepted_packets_ == 0) throw_undecodable(source_, "no decodable audio packets");
        if (!buffer_) return AudioBuffer(SampleRate(codec_->sample_rate > 0 ? codec_->sample_rate : 48000), 1, 0);
        return std::move(*buffer_);
    }

private:
    void open_input() {
        ffmpeg::configure_ffmpeg();
        AVFormatContext* raw = avformat_alloc_context();
        if (!raw) throw std::bad_alloc();
        if (!source_.path) {
            constexpr int kIoBufferSize = 32768;
            auto* io_buffer = static_cast<std::uint8_t*>(av_malloc(kIoBufferSize));
            if (!io_buffer) {
                avformat_free_context(raw);
                throw std::bad_alloc();
            }
            memory_ = AvMemory{source_.bytes, 0};
            avio_.reset(avio_alloc_context(io_buffer, kIoBufferSize, 0, &memory_, av_memory_read, nullptr,
                                           av_memory_seek));
            if (!avio_) {
                av_free(io_buffer);
                avformat_free_context(raw);
                throw std::bad_alloc();
            }
            raw->pb = avio_.get();
        }
        // On failure avformat_open_input frees the context itself.
        const std::string url = source_.path ? source_.path->string() : std::string();
        if (avformat_open_input(&raw, source_.path ? url.c_str() : nullptr, nullptr, nullptr) < 0)
            throw_undecodable(source_, "unrecognised format");
        format_.reset(raw);
        if (avformat_find_stream_info(format_.get(), nullptr) < 0)
            throw_undecodable(source_, "unreadable stream information");
    }

    void open_codec() {
        const AVCodec* codec = nullptr;
        stream_index_ = av_find_best_stream(format_.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
        if (stream_index_ < 0 || !codec) throw_undecodable(source_, "no audio stream");
        const AVStream* stream = format_->streams[stream_index_];
        codec_.reset(avcodec_alloc_context3(codec));
        if (!codec_) throw std::bad_alloc();
        if (avcodec_parameters_to_context(codec_.get(), stream->codecpar) < 0 ||
            avcodec_open2(codec_.get(), codec, nullptr) < 0)
            throw_undecodable(source_, "cannot open the audio decoder");
    }

    void receive_frames() {
        while (avcodec_receive_frame(codec_.get(), frame_.get()) >= 0) {
            take_frame(*frame_);
            av_frame_unref(frame_.get());
        }
    }

    void take_frame(const AVFrame& frame) {
        const int channels = frame.ch_layout.nb_channels;
        if (!buffer_) {
            check_format(frame.sample_rate, channels);
            buffer_.emplace(SampleRate(frame.sample_rate), static_cast<std::size_t>(channels), 0);
            limit_ = max_frames(options_, frame.sample_rate);
        } else if (frame.sample_rate != buffer_->rate.hz ||
                   static_cast<std::size_t>(channels) != buffer_->channel_count()) {
            throw_undecodable(source_, "the sample rate or channel count changes inside the stream");
        }
        if (frame.nb_samples <= 0 || !frame.extended_data) return;
        if (static_cast<std::int64_t>(buffer_->frames()) + frame.nb_samples > limit_)
            throw_too_long(options_, static_cast<double>(buffer_->frames() + static_cast<std::size_t>(frame.nb_samples)) /
                                         frame.sample_rate);
        append_frame(frame, *buffer_);
    }

    const Source& source_;
    const AudioReadOptions& options_;
    AvMemory memory_;
    AvioHandle avio_;  // declared before format_ so it outlives the format context using it
    InputHandle format_;
    CodecHandle codec_;
    FrameHandle frame_;
    int stream_index_ = -1;
    long accepted_packets_ = 0;
    std::int64_t limit_ = 0;
    std::optional<AudioBuffer> buffer_;
};

AudioBuffer decode(const Source& source, const AudioReadOptions& options) {
    if (!(options.max_duration.value > 0.0))
        throw InputError("max duration", decimal_text(options.max_duration.value, 3), "a positive number of seconds");
    std::optional<AudioBuffer> buffer = read_with_sndfile(source, options);
    if (!buffer) buffer = FfmpegDecoder(source, options).decode();
    replace_non_finite(*buffer);
    return std::move(*buffer);
}

}  // namespace

AudioBuffer read_audio_file(const std::filesystem::path& path, const AudioReadOptions& options) {
    Source source{&path, {}, path.string()};
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        throw InputError("audio file", source.name, "an existing regular file");
    if (std::filesystem::file_size(path, error) == 0 || error)
        throw InputError("audio file", source.name, "a non-empty audio file");
    return decode(source, options);
}

AudioBuffer decode_audio_bytes(std::span<const std::uint8_t> bytes, const AudioReadOptions& options,
                               const std::string& name) {
    if (bytes.empty()) throw InputError("audio file", name, "a non-empty audio file");
    return decode(Source{nullptr, bytes, name}, options);
}

}  // namespace tunesmith
