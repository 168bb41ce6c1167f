// Tests for src/video/cuts.cpp on encoded videos of shots that change fast (session 13): a jump cut
// in an automaton, strobes over a fast pan across a colour grid, and a hard cut into rippling water
// that a wipe follows. Each video is made with the ffmpeg CLI (synthetic_video.h).
#include "video/cuts.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "video/analysis.h"
#include "synthetic_video.h"

namespace tunesmith {
namespace {

std::vector<Cut> cuts_of(const testing::SyntheticVideo& v, const std::string& name) {
    const auto dir = testing::fresh_temp_dir("cuts-fast-" + name);
    bool ok = false;
    testing::make_video(v, dir / (name + ".mp4"), ok);
    EXPECT_TRUE(ok);
    std::vector<Cut> cuts = ok ? analyze_video(dir / (name + ".mp4")).cuts : std::vector<Cut>{};
    std::filesystem::remove_all(dir);
    return cuts;
}

std::string frames_of(const std::vector<Cut>& cuts) {
    std::string out;
    for (const Cut& c : cuts) out += " " + std::to_string(c.frame) + (c.kind == CutClass::hard ? "" : c.kind == CutClass::fade ? "f" : "w");
    return out;
}

using testing::at_rate;

// An automaton (life, its cells changing every frame) with 15 frames skipped at frame 60. Its content
// jumps only 2.5x its own change a frame, but its colours (how many cells live, how old) jump 5x:
// the two together are a jump cut. Before session 13 it needed the content alone to jump 3x.
TEST(CutsFastChange, JumpInAnAutomatonIsFound) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    const std::string life = "life=size={W}x{H}:rate={R}:random_seed=131:ratio=0.35:mold=15:life_color=#ffa0ff:death_color=#102040";
    testing::SyntheticVideo jump = at_rate("30", 30.0), goes_on = at_rate("30", 30.0);
    jump.shots = {{life, 60}, {life + ",trim=start_frame=75,setpts=PTS-STARTPTS", 50}};
    goes_on.shots = {{life, 110}};
    const std::vector<Cut> cuts = cuts_of(jump, "jump");
    ASSERT_EQ(cuts.size(), 1u) << frames_of(cuts);
    EXPECT_EQ(cuts[0].frame, 60);
    EXPECT_EQ(cuts[0].kind, CutClass::hard);
    EXPECT_TRUE(cuts_of(goes_on, "goes-on").empty());  // the guard: the automaton alone
}

// A fast pan (8 pixels a frame) across a grid of colour patches with a moving subject, under a strobe
// of five flashes. The pan changes the histogram by more than a cut's minimum (0.22) over two frames,
// so a flash's return may differ by that much (1.25x the pan's own change). Before session 13: false
// cuts after two of the flashes.
TEST(CutsFastChange, StrobeOverAFastPanOfAColourGridIsNoCut) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    testing::SyntheticVideo v = at_rate("24000/1001", 24000.0 / 1001.0);
    v.shots = {{"haldclutsrc=level=6:rate={R},scale=640:360[grid];testsrc2=size=120x90:rate={R},hue=h=200[subject];"
                "[grid][subject]overlay=x='260+100*sin(t*0.8)':y='130+40*sin(t*1.1)',crop=160:90:x='20+t*200':y='60+t*40',"
                "scale={W}:{H},setsar=1",
                60}};
    v.flash_frames = {12, 20, 28, 36, 44};
    const std::vector<Cut> cuts = cuts_of(v, "strobe");
    EXPECT_TRUE(cuts.empty()) << frames_of(cuts);
}

// Generated places, 320x180 (geq expressions of luma and chroma), then `view`, scaled to the video.
std::string place(const std::string& lum, const std::string& cb, const std::string& cr, const std::string& view) {
    return "color=c=black:size=320x180:rate={R},format=yuv444p,geq=lum='" + lum + "':cb='" + cb + "':cr='" + cr + "'," + view +
           ",scale={W}:{H},setsar=1";
}

// Swaying leaves, a hard cut at 50 into rippling water seen through a slow pan, and a corner wipe at
// 93 into a kitchen with a person talking. The water's ripples and the wipe after them let the wipe
// model fit one wipe from the cut on (before session 13 the only cut reported was a wipe at 73). A
// frame that changes most of the picture's colours (the histogram by 0.6) is a hard cut.
TEST(CutsFastChange, HardCutBeforeAWipeStaysHard) {
    if (!testing::have_ffmpeg()) GTEST_SKIP() << "ffmpeg CLI not found: cannot make the test video";
    const std::string leaves = place("85+45*sin(X/5+2*sin(T*2))*sin(Y/4+T)", "95", "105", "crop=240:135:40:22");
    const std::string water = place("75+30*sin(X/8+3*sin(Y/11+T*1.5))*sin(Y/9-T*1.2)-Y/8", "170", "95", "crop=240:135:x='t*15':y=20");
    const std::string head = "lt(hypot((X-205-7*sin(T*1.7))/26\\,(Y-70)/34)\\,1)";
    const std::string mouth = "lt(hypot((X-205-7*sin(T*1.7))/9\\,(Y-88)/(1.5+3.5*abs(sin(T*8.3))))\\,1)";
    const std::string body = "gt(Y\\,102)*lt(abs(X-205-7*sin(T*1.7))\\,48+(Y-102)/3)";
    const std::string window = "gt(X\\,20)*lt(X\\,110)*gt(Y\\,18)*lt(Y\\,78)";
    const std::string cloud = "lt(hypot((X-30-mod(T*9\\,90))/22\\,(Y-40)/9)\\,1)";
    const std::string kitchen = place(
        "if(" + mouth + "\\,55\\,if(" + head + "\\,160\\,if(" + body + "\\,62\\,if(gt(Y\\,135)\\,95+12*sin(X/3)\\,if(" + window +
            "\\,if(" + cloud + "\\,235\\,185)\\,if(lt(mod(X\\,20)\\,2)+lt(mod(Y\\,20)\\,2)\\,165\\,212))))))",
        "if(" + head + "\\,112\\,if(" + body + "\\,165\\,if(gt(Y\\,135)\\,110\\,if(" + window + "\\,155\\,122))))",
        "if(" + head + "\\,150\\,if(" + body + "\\,100\\,if(gt(Y\\,135)\\,150\\,if(" + window + "\\,112\\,136))))",
        "crop=220:124:x=50:y=28");
    testing::SyntheticVideo v = at_rate("30000/1001", 30000.0 / 1001.0);
    v.shots = {{leaves, 50}, {water, 50}, {kitchen, 50, testing::Join::wipetr, 14}};
    const std::vector<Cut> cuts = cuts_of(v, "water");
    ASSERT_EQ(cuts.size(), 2u) << frames_of(cuts);
    EXPECT_EQ(cuts[0].frame, 50);
    EXPECT_EQ(cuts[0].kind, CutClass::hard);
    EXPECT_NEAR(static_cast<double>(cuts[1].frame), 93.0, 1.0);
    EXPECT_NE(cuts[1].kind, CutClass::hard);
}

}  // namespace
}  // namespace tunesmith
