// The parts decode_video is built from (internal to video/): the decoder a stream needs, the
// analysis picture of a decoded frame, the skimming decision per packet, and the in-order
// stamping of pictures with exact times. Used by the one-decoder path (decoder.cpp) and the
// chunked parallel path (chunked_decode.cpp), so both hand the sink the same frames.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "video/decoder.h"
#include "video/ffmpeg_handles.h"
#include "video/skim.h"

namespace tunesmith {

// A decoder for `stream` with `threads` threads (frame and slice threading), set up for analysis:
// the in-loop filter is skipped (a thumbnail does not need a clean picture). InputError when the
// codec is unknown or the stream cannot be opened.
ffmpeg::CodecHandle open_video_decoder(const std::filesystem::path& path, const AVStream& stream, int threads);

// Scales decoded frames to the analysis size, planar YUV 4:4:4 (3 * width * height bytes).
class PictureScaler {
public:
    PictureScaler(int width, int height) : width_(width), height_(height) {}
    void scale(const AVFrame& frame, std::vector<std::uint8_t>& picture);

private:
    int width_;
    int height_;
    ffmpeg::ScalerHandle scaler_;
};

// Skimming for one decoder, packet by packet in decode order (video/skim.h): which H.264
// non-reference packets are left undecoded, fed back with how much each decoded picture differs
// from the one before. Does nothing unless options.skim is on and the stream is H.264.
class PacketSkimmer {
public:
    PacketSkimmer(const AVStream& stream, const DecodeOptions& options);
    // True when the packet is not to be decoded (its frame repeats the picture before it).
    bool skips(const AVPacket& packet);
    void decoded(const std::vector<std::uint8_t>& picture);

private:
    bool on_;
    NalFormat format_;
    SkimPolicy policy_;
    std::vector<std::uint8_t> previous_;
};

// Hands pictures to the sink in presentation order with exact times. A picture whose stamp is not
// after the last one's is a duplicate (ignored); a skimmed packet's frame repeats the picture shown
// before it, at its own time.
class FrameStamper {
public:
    FrameStamper(const DecodeOptions& options, Rational time_base, const FrameSink& sink);

    // `pts` AV_NOPTS_VALUE: one frame step after the last. False when the picture was ignored.
    bool take(std::int64_t pts, const std::vector<std::uint8_t>& picture);
    void skimmed(std::int64_t pts) { skimmed_pts_.push_back(pts); }
    DecodeSummary finish(Rational frame_rate);
    DecodeSummary& summary() { return summary_; }

private:
    void emit(std::int64_t pts);
    void repeat_skimmed_before(std::int64_t pts);

    const DecodeOptions& options_;
    Rational time_base_;
    const FrameSink& sink_;
    std::vector<std::uint8_t> picture_;  // Y, U, V planes of the last picture
    std::vector<std::int64_t> skimmed_pts_;
    DecodeSummary summary_;
    std::int64_t origin_ = 0;
    std::int64_t last_pts_ = 0;
    std::int64_t step_ = 0;
};

// The "decode" progress stage, reported each time the decoded time passes another percent.
class DecodeProgress {
public:
    DecodeProgress(const Reporter& reporter, double total_seconds) : reporter_(reporter), total_(total_seconds) {}
    void at(Rational decoded);

private:
    const Reporter& reporter_;
    double total_;
    std::int64_t reported_ = -1;
};

// Throws InputError("video length", ...) past limits.max_duration.
void check_video_length(Rational length, const VideoLimits& limits);

}  // namespace tunesmith
