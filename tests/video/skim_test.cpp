// Tests for src/video/skim.cpp and the skimming decode: H.264 reference flags from AVCC and
// Annex B packets, the still-picture policy, and a skimmed analysis equal to a full one.
#include "video/skim.h"

#include <gtest/gtest.h>

#include "video/analysis.h"
#include "synthetic_video.h"

namespace tunesmith {
namespace {

// An AVCC packet: each NAL with a 4-byte big-endian length.
std::vector<std::uint8_t> avcc(const std::vector<std::vector<std::uint8_t>>& nals) {
    std::vector<std::uint8_t> out;
    for (const auto& nal : nals) {
        const auto n = static_cast<std::uint32_t>(nal.size());
        out.insert(out.end(), {static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                               static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)});
        out.insert(out.end(), nal.begin(), nal.end());
    }
    return out;
}

PacketRole role_of(const std::vector<std::uint8_t>& packet, const NalFormat& format) {
    return h264_packet_role(packet.data(), static_cast<int>(packet.size()), format);
}

TEST(Skim, ReferenceFlagComesFromTheFirstSliceNal) {
    const std::vector<std::uint8_t> extradata{1, 0x64, 0, 0x1f, 0xff, 0xe1, 0};
    const NalFormat format = h264_nal_format(extradata.data(), static_cast<int>(extradata.size()));
    ASSERT_TRUE(format.avcc);
    EXPECT_EQ(format.length_size, 4);
    const std::vector<std::uint8_t> sei{0x06, 5, 1, 0x80}, aud{0x09, 0x10};
    EXPECT_EQ(role_of(avcc({aud, sei, {0x01, 0x9a, 0x22}}), format), PacketRole::non_reference);  // nal_ref_idc 0
    EXPECT_EQ(role_of(avcc({aud, {0x41, 0x9a, 0x22}}), format), PacketRole::reference);           // nal_ref_idc 2
    EXPECT_EQ(role_of(avcc({{0x65, 0x88}}), format), PacketRole::reference);                      // IDR
    EXPECT_EQ(role_of(avcc({sei}), format), PacketRole::unknown);                                 // no slice
    auto broken = avcc({{0x01, 0x9a}});
    broken[3] = 200;  // a length past the end
    EXPECT_EQ(role_of(broken, format), PacketRole::unknown);

    const NalFormat annex_b = h264_nal_format(nullptr, 0);
    EXPECT_FALSE(annex_b.avcc);
    EXPECT_EQ(role_of({0, 0, 0, 1, 0x09, 0x10, 0, 0, 1, 0x01, 0x9a}, annex_b), PacketRole::non_reference);
    EXPECT_EQ(role_of({0, 0, 1, 0x21, 0x9a}, annex_b), PacketRole::reference);
}

TEST(Skim, SkipsOnlyWhileStillAndAfterAnOrdinaryReference) {
    SkimPolicy policy;
    for (int i = 0; i < 4; ++i) policy.reference_packet(1000, false);
    EXPECT_FALSE(policy.skip_non_reference()) << "no decoded picture seen yet";
    for (int i = 0; i < 3; ++i) policy.decoded_change(0.2);
    EXPECT_TRUE(policy.skip_non_reference());
    policy.reference_packet(2500, false);  // 2.5x the median: something changed
    EXPECT_FALSE(policy.skip_non_reference());
    policy.reference_packet(1100, false);
    EXPECT_TRUE(policy.skip_non_reference());
    policy.reference_packet(900, true);  // a keyframe (x264 puts one at a scene cut)
    EXPECT_FALSE(policy.skip_non_reference());
    policy.reference_packet(1000, false);
    policy.decoded_change(4.0);  // the picture moves
    EXPECT_FALSE(policy.skip_non_reference());
    policy.decoded_change(0.1);
    policy.decoded_change(0.1);
    EXPECT_FALSE(policy.skip_non_reference());
    policy.decoded_change(0.1);
    EXPECT_TRUE(policy.skip_non_reference());
}

// Still shots (bars, flat colours), a moving one and a fade: the skimmed analysis skips frames
// and still finds the same cuts at the same frames, with the same frame times.
TEST(Skim, SkimmedAnalysisEqualsTheFullOne) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    const auto dir = testing::fresh_temp_dir("skim");
    testing::SyntheticVideo v;
    v.shots = {{"smptebars=size={W}x{H}:rate={R}", 60},
               {"color=c=0x305090:size={W}x{H}:rate={R}", 50},
               {"testsrc2=size={W}x{H}:rate={R}", 40},
               {"color=c=0xa03020:size={W}x{H}:rate={R}", 50, testing::Join::fade, 12},
               {"smptebars=size={W}x{H}:rate={R},hflip", 50}};
    bool ok = false;
    testing::make_video(v, dir / "still.mp4", ok);
    ASSERT_TRUE(ok);
    const VideoAnalysis full = analyze_video(dir / "still.mp4");  // every picture decoded (the default)
    VideoAnalysisOptions options;
    options.decode.skim = true;
    const VideoAnalysis skimmed = analyze_video(dir / "still.mp4", options);
    EXPECT_EQ(full.skimmed_frames, 0);
    EXPECT_EQ(full.cuts.size(), 4u) << "the test needs the cuts found";
    EXPECT_GT(skimmed.skimmed_frames, 40) << "of " << skimmed.frame_times.size();
    EXPECT_EQ(skimmed.frame_times, full.frame_times);
    EXPECT_EQ(skimmed.length, full.length);
    ASSERT_EQ(skimmed.cuts.size(), full.cuts.size());
    for (std::size_t i = 0; i < full.cuts.size(); ++i) {
        EXPECT_EQ(skimmed.cuts[i].frame, full.cuts[i].frame) << "cut " << i;
        EXPECT_EQ(skimmed.cuts[i].kind, full.cuts[i].kind) << "cut " << i;
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tunesmith
