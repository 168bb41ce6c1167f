// The ninth held-out set of eval_video's cut evaluation (session 14, second pass): the recipe
// again (lavfi test sources with moving content, flashes, fast motion, hard cuts and a few fades),
// with new sources, seeds, motion, cut places and flashes; made before any detector change of that
// pass, run once before and once at the end. Header-only; eval code only.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "../tests/video/synthetic_video.h"
#include "cut_eval_holdout7.h"

namespace tunesmith::cut_eval {

// Four clips as an editor might cut them: a music video, a documentary, a game stream and a vlog shot
// on a phone at a variable rate. Edits: 27 hard cuts, 11 mixes (dissolves, a pixel dissolve, dips to
// black and one to white); no shape transitions. Flashes: single white frames, a two-frame flash, a
// strobe, a red warning flash, a camera flash fading over two frames, flashes next to cuts. Encoding
// as delivered: x264 CRF 21-29, presets slow to veryfast, grain on two clips, 224x126 to 320x180.
inline std::vector<testing::SyntheticVideo> holdout9_videos() {
    using testing::Join;
    using h7::with_box;
    const auto rate = h7::sized_at_rate;
    const auto fill = h7::full_frame_fill;
    std::vector<testing::SyntheticVideo> list;
    {
        testing::SyntheticVideo v = rate("24000/1001", 24000.0 / 1001.0, 320, 180);  // a music video: short shots
        v.encoder_options = "-preset slow -crf 23";
        v.overlay = "noise=alls=5:allf=t:all_seed=901," + fill(111, "white", 0.5) + "," + fill(112, "white", 0.2);
        v.shots = {
            {"testsrc2=size=640x360:rate={R},crop={W}:{H}:x='160+120*sin(t*2.2)':y='90+40*sin(t*3.1)'", 36},
            {"life=size={W}x{H}:rate={R}:random_seed=902:ratio=0.3:mold=8:life_color=#40ffd0:death_color=#100020", 30},
            {"colorspectrum=size={W}x{H}:rate={R}:type=black,scroll=horizontal=0.012", 32},
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=-0.10109636:start_y=0.95628651:start_scale=0.2:end_scale=0.003:"
             "end_pts=300",
             40},
            {"testsrc=size=480x270:rate={R},rotate=a='1.4*t':ow={W}:oh={H}:fillcolor=0x302010", 34, Join::fade, 12},
            {with_box("color=c=0x801030:size={W}x{H}:rate={R}", "abs(mod(T*240\\,2*(W-40))-(W-40))", "40+60*abs(sin(T*5))",
                      40, 40, 220, 60, 170),
             30},
            {"cellauto=size={W}x{H}:rate={R}:rule=90:random_seed=903:random_fill_ratio=0.4:scroll=1", 32},
            {"testsrc2=size=960x540:rate={R},crop={W}:{H}:x='t*420':y='200-t*60'", 36},  // a fast pan
            {"gradients=size={W}x{H}:rate={R}:type=circular:speed=0.25:n=3:x0=160:y0=90:x1=20:y1=20:c0=0xff2060:"
             "c1=0x2060ff:c2=0xf0f040",
             40, Join::fadeblack, 18},  // dip to black
            {"smptehdbars=size=640x360:rate={R},crop={W}:{H}:x='160+150*sin(t*1.7)':y='90'", 32},
            {"testsrc2=size={W}x{H}:rate={R},hue=h='t*90'", 40, Join::fade, 16}};  // a dissolve into a hue cycle
        v.flash_frames = {12, 96, 110, 140, 143, 146, 192, 230, 322};  // mid-shot; 2 before the cut at 98; a camera
                                                                        // flash (110, fading over 111 and 112); a
                                                                        // strobe; 2 after the cut at 190; mid-shot
                                                                        // (a fast pan); mid-shot
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = rate("25", 25.0, 288, 162);  // a documentary: long, slow shots
        v.encoder_options = "-preset medium -crf 26";
        v.shots = {
            {"mandelbrot=size=576x324:rate={R}:start_x=-1.7687788:start_y=-0.0017389:start_scale=0.00003:"
             "end_scale=0.00003,crop={W}:{H}:x='144+80*sin(t*0.5)':y='81+20*sin(t*0.4)'",
             65},
            {"testsrc=size={W}x{H}:rate={R},zoompan=z='1.3-0.002*in':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':"
             "s={W}x{H}:fps={R}",
             55, Join::fade, 24},  // a long dissolve
            {"gradients=size={W}x{H}:rate={R}:speed=0.08:n=3:x0=0:y0=0:x1=288:y1=162:c0=0x204080:c1=0x80c0e0:"
             "c2=0x103020,noise=alls=10:allf=t:all_seed=911",
             60},
            {"sierpinski=size={W}x{H}:rate={R}:seed=912:jump=20:type=carpet", 50},
            {with_box(with_box("color=c=0x406030:size={W}x{H}:rate={R}", "T*45", "100-T*15", 60, 24, 180, 100, 150),
                      "W-T*80", "20", 30, 30, 90, 180, 60),
             55, Join::fadeblack, 22},  // dip to black
            {"rgbtestsrc=size={W}x{H}:rate={R},rotate=a='0.25*t':fillcolor=0x101010", 50},
            {"life=size=144x81:rate={R}:random_seed=913:ratio=0.2:mold=30:life_color=#e0e0a0:death_color=#203040,"
             "scale={W}:{H}:flags=neighbor",
             55},
            {"colorchart=rate={R}:patch_size=72x72:preset=skintones,crop={W}:{H}:x='t*20':y='40'", 45,
             Join::dissolve, 14},  // pixel dissolve
            {"testsrc2=size=576x324:rate={R},crop={W}:{H}:x='288-t*90':y='162-t*40'", 60},
            {"cellauto=size={W}x{H}:rate={R}:rule=18:random_seed=914:random_fill_ratio=0.2", 45, Join::fadewhite,
             16}};  // dip to white
        v.flash_frames = {30, 97, 250, 251, 400};  // mid-shot; 1 after the cut at 96; a two-frame flash; mid-shot
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = rate("30000/1001", 30000.0 / 1001.0, 320, 180);  // a game stream: fast action
        v.encoder_options = "-preset veryfast -crf 29 -g 120";
        v.overlay = fill(262, "red", 0.6) + "," + fill(263, "red", 0.6);
        v.shots = {
            {"testsrc2=size=800x450:rate={R},crop={W}:{H}:x='240+200*sin(t*3)':y='135+60*cos(t*2.3)'", 45},
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=0.2501:start_y=0.0:start_scale=0.05:end_scale=0.0005:end_pts=150",
             38},
            {"testsrc=size=480x270:rate={R},rotate=a='3*t':ow={W}:oh={H}:fillcolor=0x000000", 40},  // a fast spin
            {"color=c=0x404040:size={W}x{H}:rate={R},noise=alls=80:allf=t+u:all_seed=921", 18},  // static
            {"life=size={W}x{H}:rate={R}:random_seed=922:ratio=0.5:mold=2:life_color=#ffff00:death_color=#000080", 42},
            {"gradients=size={W}x{H}:rate={R}:speed=0.5:n=4:x0=0:y0=90:x1=320:y1=90:c0=0xff00ff:c1=0x00ff00:"
             "c2=0x0000ff:c3=0xff8000",
             40, Join::fade, 8},  // a short dissolve
            {"testsrc2=size=320x900:rate={R},crop={W}:{H}:x=0:y='t*500'", 40},  // a fast tilt
            {with_box("smptebars=size={W}x{H}:rate={R}", "W/2+100*sin(T*7)", "H/2+50*sin(T*9)", 24, 24, 16, 128, 128),
             45},
            {"cellauto=size={W}x{H}:rate={R}:rule=60:random_seed=923:random_fill_ratio=0.5:scroll=1", 40},
            {"testsrc2=size=480x270:rate={R},crop={W}:{H}:x='80+30*sin(t*20)':y='45+20*sin(t*17)'", 45,
             Join::fadeblack, 12},  // a quick dip to black into a shaking shot
            {"mandelbrot=size=640x360:rate={R}:start_x=-0.761574:start_y=-0.0847596:start_scale=0.002:end_scale=0.002,"
             "rotate=a='-1.2*t':ow={W}:oh={H}",
             40}};
        v.flash_frames = {20, 85, 150, 152, 154, 156, 305, 390};  // mid-shot; 2 after the cut at 83; a strobe;
                                                                  // mid-shot; mid-shot (and a red two-frame
                                                                  // warning flash at 262 in the overlay)
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = rate("30000/1001", 30000.0 / 1001.0, 224, 126);  // a vlog at a variable rate
        v.drop_every = 7;
        v.encoder_options = "-crf 21";
        v.overlay = "noise=alls=7:allf=t:all_seed=930";
        v.shots = {
            {"testsrc2=size=448x252:rate={R},crop={W}:{H}:x='60+t*40+6*sin(t*9)':y='63+8*sin(t*7)'", 55},  // hand-held
            {"colorspectrum=size={W}x{H}:rate={R}:type=white,hue=H='t*1.5'", 40},
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=-0.235125:start_y=0.827215:start_scale=0.00004:end_scale=0.08:"
             "end_pts=240",
             50},  // a zoom out
            {"testsrc=size=672x378:rate={R},crop={W}:{H}:x='448-t*300':y='100'", 45, Join::fade, 14},  // into a pan
            {"sierpinski=size={W}x{H}:rate={R}:seed=931:jump=60:type=triangle", 40},
            {"color=c=0x303030:size={W}x{H}:rate={R},noise=alls=65:allf=t:all_seed=932", 22},  // static
            {with_box("color=c=0x205080:size={W}x{H}:rate={R}", "10+T*90", "H-40-60*abs(sin(T*4))", 30, 30, 200, 40,
                      200),
             45},
            {"life=size=112x63:rate={R}:random_seed=933:ratio=0.4:mold=12:life_color=#ff8040:death_color=#002010,"
             "scale={W}:{H}:flags=neighbor",
             50, Join::fadeblack, 16},  // dip to black
            {"testsrc2=size={W}x{H}:rate={R},zoompan=z='1+0.01*in':d=1:x='iw/3-(iw/zoom/3)':y='ih/2-(ih/zoom/2)':"
             "s={W}x{H}:fps={R}",
             45},
            {"cellauto=size={W}x{H}:rate={R}:rule=45:random_seed=934:random_fill_ratio=0.35", 45}};
        v.flash_frames = {25, 94, 96, 180, 181, 300, 398};  // mid-shot; 1 before the cut at 95 and 1 after;
                                                           // a two-frame flash; mid-shot; mid-shot
        list.push_back(v);
    }
    return list;
}

}  // namespace tunesmith::cut_eval
