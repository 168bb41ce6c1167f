// Skimming decode: which H.264 packets are non-reference pictures (nothing else depends on them),
// and the policy that leaves them undecoded while the picture is still. Pure, no FFmpeg calls.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

namespace tunesmith {

// How an H.264 stream frames its NAL units: AVCC (MP4/MKV: big-endian length prefixes) or Annex B.
struct NalFormat {
    bool avcc = false;
    int length_size = 4;  // bytes of each AVCC length prefix
};

// From the stream's extradata (an avcC box starts with version 1; otherwise Annex B).
NalFormat h264_nal_format(const std::uint8_t* extradata, int size);

enum class PacketRole { reference, non_reference, unknown };

// The role of one access unit: its first slice's nal_ref_idc (0: no picture refers to it).
// `unknown` when no slice NAL is found or the framing is broken: such a packet is always decoded.
PacketRole h264_packet_role(const std::uint8_t* data, int size, const NalFormat& format);

// Whether the access unit holds an IDR slice: no later picture refers to anything before it, nor
// is shown before it, so decoding can start there with the same pictures as from the start.
bool h264_is_idr(const std::uint8_t* data, int size, const NalFormat& format);

struct SkimOptions {
    double still_change = 1.0;  // mean |difference| of the analysis picture (Y+U+V, 0..255 each)
                                // between consecutive decoded frames below which the picture is still
    int still_frames = 3;       // that many decoded frames in a row must be still
    double big_packet = 2.0;    // a reference packet this many times the recent median starts a change
    int packet_history = 16;    // reference packets the median is taken over
};

// Decides, in decode order, whether the non-reference packets read next may be skipped: only while
// the last decoded pictures are still and the reference packet just read is neither a keyframe nor
// unusually large (a cut or a change between two references makes the later one large or intra).
class SkimPolicy {
public:
    explicit SkimPolicy(const SkimOptions& options = {}) : options_(options) {}
    void reference_packet(std::int64_t bytes, bool keyframe);
    void decoded_change(double change);
    bool skip_non_reference() const;

private:
    SkimOptions options_;
    std::deque<std::int64_t> sizes_;
    bool last_big_ = true;
    int still_run_ = 0;
};

// Mean absolute difference of two pictures of equal size (0..255 per byte).
double mean_abs_difference(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b);

}  // namespace tunesmith
