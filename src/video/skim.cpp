// H.264 NAL parsing for the reference flag of a packet, and the still-picture skimming policy.
// Dropping non-reference pictures leaves a decodable stream (H.264's temporal scalability).
#include "video/skim.h"

#include <algorithm>
#include <cstdlib>

namespace tunesmith {
namespace {

// The role of one NAL unit's header byte: a slice gives its nal_ref_idc; anything else no answer.
bool slice_role(std::uint8_t header, PacketRole& role) {
    const int type = header & 0x1f;
    if (type != 1 && type != 5) return false;  // only coded slices (non-IDR, IDR) say it
    role = (type == 5 || (header & 0x60) != 0) ? PacketRole::reference : PacketRole::non_reference;
    return true;
}

// Calls `visit(header)` with each NAL unit's header byte, in order, until it returns true.
template <typename Visit>
void visit_nal_headers(const std::uint8_t* data, int size, const NalFormat& format, Visit visit) {
    if (format.avcc) {
        int at = 0;
        while (at + format.length_size < size) {
            std::int64_t length = 0;
            for (int i = 0; i < format.length_size; ++i) length = (length << 8) | data[at + i];
            at += format.length_size;
            if (length <= 0 || length > size - at) return;  // broken framing: nothing more to say
            if (visit(data[at])) return;
            at += static_cast<int>(length);
        }
        return;
    }
    for (int i = 0; i + 3 < size; ++i) {
        if (data[i] != 0 || data[i + 1] != 0 || data[i + 2] != 1) continue;
        if (visit(data[i + 3])) return;
        i += 2;
    }
}

}  // namespace

NalFormat h264_nal_format(const std::uint8_t* extradata, int size) {
    NalFormat format;
    if (extradata != nullptr && size >= 7 && extradata[0] == 1) {
        format.avcc = true;
        format.length_size = (extradata[4] & 0x03) + 1;
    }
    return format;
}

PacketRole h264_packet_role(const std::uint8_t* data, int size, const NalFormat& format) {
    PacketRole role = PacketRole::unknown;
    if (data == nullptr || size <= 0) return role;
    visit_nal_headers(data, size, format, [&](std::uint8_t header) { return slice_role(header, role); });
    return role;
}

bool h264_is_idr(const std::uint8_t* data, int size, const NalFormat& format) {
    bool idr = false;
    if (data == nullptr || size <= 0) return idr;
    visit_nal_headers(data, size, format, [&](std::uint8_t header) { return idr = (header & 0x1f) == 5; });
    return idr;
}

void SkimPolicy::reference_packet(std::int64_t bytes, bool keyframe) {
    std::vector<std::int64_t> recent(sizes_.begin(), sizes_.end());
    double median = 0.0;
    if (!recent.empty()) {
        const auto middle = recent.begin() + static_cast<std::ptrdiff_t>(recent.size() / 2);
        std::nth_element(recent.begin(), middle, recent.end());
        median = static_cast<double>(*middle);
    }
    last_big_ = keyframe || recent.size() < 3 || static_cast<double>(bytes) > options_.big_packet * median;
    sizes_.push_back(bytes);
    if (static_cast<int>(sizes_.size()) > options_.packet_history) sizes_.pop_front();
}

void SkimPolicy::decoded_change(double change) { still_run_ = change < options_.still_change ? still_run_ + 1 : 0; }

bool SkimPolicy::skip_non_reference() const { return !last_big_ && still_run_ >= options_.still_frames; }

double mean_abs_difference(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
    const std::size_t n = std::min(a.size(), b.size());
    if (n == 0) return 0.0;
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += std::abs(static_cast<int>(a[i]) - static_cast<int>(b[i]));
    return static_cast<double>(sum) / static_cast<double>(n);
}

}  // namespace tunesmith
