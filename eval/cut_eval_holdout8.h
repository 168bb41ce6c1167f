// The eighth held-out set of eval_video's cut evaluation (session 14): the recipe again
// (lavfi test sources with moving content, flashes, fast motion, hard cuts and a few fades), with new
// sources, seeds, motion, cut places and flashes; made before any detector change of that session,
// run once before and once at the end. Header-only; eval code only.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "../tests/video/synthetic_video.h"
#include "cut_eval_holdout7.h"

namespace tunesmith::cut_eval {

// Four clips as an editor might cut them from the lavfi sources: a trailer, a nature piece, a sports
// stream and a phone clip at a variable rate. Edits: 30 hard cuts, 10 mixes (dissolves, a pixel
// dissolve, dips to black); no shape transitions. Flashes: single white frames, two-frame muzzle
// flashes, strobes, an orange explosion flash, camera flashes that fade over the next frames, flashes
// a frame or two from cuts. Encoding as delivered: x264 CRF 22-28, presets medium to veryfast, light
// grain on two clips, 192x108 to 320x180.
inline std::vector<testing::SyntheticVideo> holdout8_videos() {
    using testing::Join;
    using h7::with_box;
    const auto rate = h7::sized_at_rate;
    const auto fill = h7::full_frame_fill;
    std::vector<testing::SyntheticVideo> list;
    {
        testing::SyntheticVideo v = rate("24000/1001", 24000.0 / 1001.0, 320, 180);  // a trailer
        v.encoder_options = "-preset medium -crf 24";
        v.overlay = "noise=alls=4:allf=t:all_seed=801," + fill(71, "white", 0.55) + "," + fill(72, "white", 0.25) + "," +
                    fill(203, "orange", 0.7);
        v.shots = {
            {"testsrc2=size=640x360:rate={R},crop={W}:{H}:x='40+t*60':y='30+t*20'", 48},
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=-0.743643887037151:start_y=0.13182590420533:start_scale=1.0:"
             "end_scale=0.01:end_pts=400",
             52},  // 48: hard cut
            {"colorspectrum=size={W}x{H}:rate={R}:type=all,hue=H='t*0.8',scroll=horizontal=0.004", 44},  // 100: hard cut
            {"testsrc=size=480x270:rate={R},rotate=a='0.5*t':ow={W}:oh={H}:fillcolor=0x101820", 50, Join::fade,
             14},  // 137: dissolve
            {"life=size={W}x{H}:rate={R}:random_seed=802:ratio=0.25:mold=10:life_color=#ffd060:death_color=#201040", 40},
            {"color=c=0x303030:size={W}x{H}:rate={R},noise=alls=60:allf=t+u:all_seed=803", 24},  // TV static
            {"gradients=size={W}x{H}:rate={R}:type=radial:speed=0.15:n=4:x0=100:y0=60:x1=280:y1=150:c0=0x0040ff:"
             "c1=0xff8000:c2=0x00ff60:c3=0x200010",
             55},
            {"testsrc2=size=960x540:rate={R},crop={W}:{H}:x='560-t*380':y='120+t*40'", 40},  // a whip pan
            {"cellauto=size={W}x{H}:rate={R}:rule=30:random_seed=804:random_fill_ratio=0.3:scroll=1", 45, Join::fadeblack,
             24},  // dip to black
            {with_box("smptehdbars=size={W}x{H}:rate={R}", "abs(mod(T*180\\,2*(W-28))-(W-28))", "60+50*sin(T*4)", 28, 28,
                      225, 110, 150),
             50},
            {"mandelbrot=size=640x360:rate={R}:start_x=-0.5557506:start_y=-0.55560:start_scale=0.01:end_scale=0.01,"
             "crop={W}:{H}:x='160+100*sin(t*1.5)':y='90+60*cos(t*1.2)'",
             50, Join::fade, 18}};  // a slow dissolve into a drifting shot
        v.flash_frames = {22, 70, 150, 151, 260, 264, 268, 306};  // mid-shot; a camera flash (70, fading over 71 and
                                                                  // 72); a muzzle flash; a strobe; mid-shot
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = rate("25", 25.0, 256, 144);  // a nature piece: slow moves, long shots
        v.encoder_options = "-preset fast -crf 27";
        v.shots = {
            {"testsrc2=size={W}x{H}:rate={R},zoompan=z='1+0.002*in':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':"
             "s={W}x{H}:fps={R}",
             60},
            {"mandelbrot=size=512x288:rate={R}:start_x=-0.7485:start_y=0.1005:start_scale=0.004:end_scale=0.004,"
             "crop={W}:{H}:x='128+60*sin(t*0.9)':y='72+40*sin(t*0.7)'",
             45},  // 60: hard cut
            {with_box(with_box("color=c=0x3050a0:size={W}x{H}:rate={R}", "T*70", "30", 50, 30, 200, 100, 140),
                      "W-T*110", "90", 36, 36, 60, 160, 90),
             55},  // 105: hard cut
            {"sierpinski=size={W}x{H}:rate={R}:seed=811:jump=40:type=triangle", 50, Join::fade, 20},  // dissolve
            {"testsrc=size={W}x{H}:rate={R},scroll=vertical=0.008", 40},
            {"gradients=size={W}x{H}:rate={R}:speed=0.2:n=2:x0=0:y0=144:x1=256:y1=0:c0=0xe0a040:c1=0x402080,"
             "noise=alls=18:allf=t:all_seed=812",
             55},
            {"life=size=128x72:rate={R}:random_seed=813:ratio=0.35:mold=25:life_color=#c0ffc0:death_color=#304010,"
             "scale={W}:{H}:flags=neighbor",
             45, Join::fadeblack, 14},  // dip to black
            {"colorchart=rate={R}:patch_size=64x64:preset=reference,crop={W}:{H}:x='64+60*sin(t*2)':y='56+50*sin(t*1.3)'",
             40},
            {"cellauto=size={W}x{H}:rate={R}:rule=150:random_seed=814:random_fill_ratio=0.5", 50},
            {"testsrc2=size=768x432:rate={R},crop={W}:{H}:x='t*300':y='t*150'", 45},  // a fast diagonal pan
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=-1.25066:start_y=0.02012:start_scale=0.002:end_scale=0.002,"
             "rotate=a='t*0.6'",
             50, Join::dissolve, 16}};  // pixel dissolve into a turning shot
        v.flash_frames = {35, 61, 180, 181, 182, 246, 330};  // mid-shot; 1 after the cut at 60; a lightning burst;
                                                             // mid-shot; mid-shot
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = rate("30000/1001", 30000.0 / 1001.0, 320, 180);  // a sports stream: fast motion
        v.encoder_options = "-preset veryfast -crf 28 -g 90";
        v.overlay = fill(121, "white", 0.6) + "," + fill(122, "white", 0.3) + "," + fill(123, "white", 0.12);
        v.shots = {
            {"testsrc=size=800x450:rate={R},crop={W}:{H}:x='t*250':y='100+20*sin(t*6)'", 45},
            {with_box("smptebars=size={W}x{H}:rate={R}", "abs(mod(T*300\\,2*(W-20))-(W-20))",
                      "abs(mod(T*210\\,2*(H-20))-(H-20))", 20, 20, 235, 128, 128),
             40},  // 45: hard cut
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=-0.16:start_y=1.0405:start_scale=0.1:end_scale=0.0002:"
             "end_pts=200",
             50},  // 85: into a fast zoom
            {"testsrc2=size=480x270:rate={R},crop={W}:{H}:x='80+20*sin(t*15)+8*sin(t*33)':y='45+14*sin(t*19)'", 55},
            {"color=c=0x484848:size={W}x{H}:rate={R},noise=alls=75:allf=t+u:all_seed=821", 20},  // static
            {"gradients=size={W}x{H}:rate={R}:speed=0.3:n=5:x0=0:y0=0:x1=320:y1=180:c0=0xff0000:c1=0x00ff00:"
             "c2=0x0000ff:c3=0xffff00:c4=0x00ffff",
             50, Join::fade, 10},  // short dissolve
            {"life=size={W}x{H}:rate={R}:random_seed=822:ratio=0.45:mold=4:life_color=#ffffff:death_color=#802020", 45},
            {"testsrc2=size=480x270:rate={R},rotate=a='-2*PI*t/1.2':ow={W}:oh={H}", 40},  // a fast spin
            {"rgbtestsrc=size={W}x{H}:rate={R},scroll=horizontal=0.02:vertical=0.01", 45},
            {"cellauto=size={W}x{H}:rate={R}:rule=110:random_seed=823:random_fill_ratio=0.4", 50, Join::fadeblack, 16},
            {"testsrc=size=640x900:rate={R},crop={W}:{H}:x='150+t*30':y='t*420'", 45},  // a fast tilt
            {"mandelbrot=size=480x270:rate={R}:start_x=-0.74529:start_y=0.113075:start_scale=0.0015:end_scale=0.0015,"
             "crop={W}:{H}:x='80+80*sin(t*5)':y='45+45*sin(t*4)'",
             40}};  // into a fast sway
        v.flash_frames = {30, 120, 170, 171, 283, 284, 320, 322, 324, 440};  // mid-shot; a camera flash fading over
                                                                             // 121-123; muzzle flashes; a strobe
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = rate("25", 25.0, 192, 108);  // a phone clip at a variable rate
        v.drop_every = 6;
        v.encoder_options = "-crf 22";
        v.overlay = "noise=alls=6:allf=t:all_seed=830";
        v.shots = {
            {"testsrc2=size=384x216:rate={R},crop={W}:{H}:x='40+t*30':y='54+10*abs(sin(t*6))'", 50},  // walking
            {with_box("color=c=0xc06010:size={W}x{H}:rate={R}", "20+T*60", "30+20*sin(T*2)", 40, 30, 30, 160, 120) +
                 ",noise=alls=20:allf=t:all_seed=831",
             40},  // 50: hard cut
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=-0.77568377:start_y=0.13646737:start_scale=0.00005:end_scale=0.3:"
             "end_pts=180",
             45},  // 90: into a zoom out
            {"testsrc=size={W}x{H}:rate={R},rotate=a='0.8*PI*t':fillcolor=0x202020", 40, Join::fade, 16},  // dissolve
            {"gradients=size={W}x{H}:rate={R}:speed=0.1:n=3:x0=0:y0=54:x1=192:y1=54:c0=0x80ff00:c1=0x0080ff:c2=0xff0080",
             40},
            {"color=c=0x383838:size={W}x{H}:rate={R},noise=alls=70:allf=t:all_seed=832", 25},  // static
            {"testsrc2=size=576x324:rate={R},hue=h=140,crop={W}:{H}:x='350-t*260':y='20+t*50'", 45},  // a fast pan
            {"cellauto=size={W}x{H}:rate={R}:rule=126:random_seed=833:random_fill_ratio=0.45", 50, Join::fadeblack, 20},
            {"life=size={W}x{H}:rate={R}:random_seed=834:ratio=0.3:mold=15:life_color=#ff40ff:death_color=#000030", 40},
            {"testsrc2=size={W}x{H}:rate={R},zoompan=z='1+0.012*in':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':"
             "s={W}x{H}:fps={R}",
             50}};  // a fast zoom in
        v.flash_frames = {15, 88, 140, 142, 144, 215, 290, 291};  // mid-shot; 2 before the cut at 90; a strobe;
                                                                       // mid-shot; a two-frame flash
        list.push_back(v);
    }
    return list;
}

}  // namespace tunesmith::cut_eval
