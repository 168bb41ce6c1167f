// The seventh held-out set of eval_video's cut evaluation (session 13): the issue's own recipe
// (lavfi test sources with moving content, flashes, fast motion, hard cuts and a few fades), made
// before any detector change of that session, run once before and once at the end. Header-only;
// eval code only (the videos are made by the ffmpeg CLI, tests/video/synthetic_video.h).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "../tests/video/synthetic_video.h"

namespace tunesmith::cut_eval {

namespace h7 {

// A box of colour (Y, U, V) moving over `source`, its top left corner at the expressions x, y of the
// time T (geq: FFmpeg 5.1's drawbox cannot use the time).
inline std::string with_box(const std::string& source, const std::string& x, const std::string& y, int w, int h, int lum,
                            int cb, int cr) {
    const std::string inside = "between(X\\,(" + x + ")\\,(" + x + ")+" + std::to_string(w) + ")*between(Y\\,(" + y +
                               ")\\,(" + y + ")+" + std::to_string(h) + ")";
    const auto plane = [&](const char* name, int value) {
        return std::string(name) + "='if(" + inside + "\\," + std::to_string(value) + "\\," + name + "(X\\,Y))'";
    };
    return source + ",format=yuv444p,geq=" + plane("lum", lum) + ":" + plane("cb", cb) + ":" + plane("cr", cr);
}

// A video of `r` frames per second (an FFmpeg rate: "25", "24000/1001") at width x height.
inline testing::SyntheticVideo sized_at_rate(const char* r, double fps, int width, int height) {
    testing::SyntheticVideo v = testing::at_rate(r, fps);
    v.width = width;
    v.height = height;
    return v;
}

// A full-frame fill of `colour` at `alpha` over output frame n (a flash's tail, a coloured flash).
inline std::string full_frame_fill(int n, const char* colour, double alpha) {
    char text[160];
    std::snprintf(text, sizeof text, "drawbox=x=0:y=0:w=iw:h=ih:color=%s@%.2f:t=fill:enable='eq(n\\,%d)'", colour,
                  alpha, n);
    return std::string(text);
}

}  // namespace h7

// Sources the issue names (testsrc, testsrc2, mandelbrot, colour fields, noise) and the other lavfi
// generators (gradients, life, cellauto, sierpinski, bars), with new seeds, places and motion: fast
// pans, a whip between two fast pans over one source, spins, sways, shakes, zooms in and out, boxes
// and balls crossing colour fields, TV static, a lamp that brightens a shot over half a second.
// Edits: 29 hard cuts, 11 mixes (dissolves, a pixel dissolve, dips to black and white); no shape
// transitions (the issue asks for hard cuts and fades). Flashes mid-shot, right before and after
// cuts, strobes, two-frame flashes, and a camera flash's dimmer second frame. Encoding as delivered:
// x264 at CRF 23-30 with medium and fast presets, film grain on two videos, 160x90 to 320x180.
inline std::vector<testing::SyntheticVideo> holdout7_videos() {
    using testing::Join;
    using h7::with_box;
    const auto rate = h7::sized_at_rate;
    // A dimmer white frame (a camera flash's decay) drawn over the joined video at output frame n.
    const auto soft_flash = [](int n) {
        return "drawbox=x=0:y=0:w=iw:h=ih:color=white@0.45:t=fill:enable='eq(n\\," + std::to_string(n) + ")'";
    };
    std::vector<testing::SyntheticVideo> list;
    {
        testing::SyntheticVideo v = rate("24000/1001", 24000.0 / 1001.0, 320, 180);  // action: pans, spins, zooms
        v.encoder_options = "-preset medium -crf 26";
        v.overlay = "noise=alls=5:allf=t:all_seed=701," + soft_flash(31);
        v.shots = {
            {"testsrc2=size=960x540:rate={R},crop={W}:{H}:x='60+t*210':y='80+t*40'", 60},
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=-0.16070135:start_y=1.0375665:start_scale=0.3:end_scale=0.02:"
             "end_pts=500:outer=normalized_iteration_count",
             50},  // 60: hard cut
            {with_box("color=c=0x2a6a3a:size={W}x{H}:rate={R}", "40+T*150", "60+40*sin(T*5)", 44, 44, 190, 60, 150) +
                 ",noise=alls=14:allf=t:all_seed=702",
             45},  // 110: hard cut
            {"life=size={W}x{H}:rate={R}:random_seed=703:ratio=0.3:mold=20:life_color=#ff8040:death_color=#102040", 60,
             Join::fade, 20},  // 145: dissolve
            {"testsrc=size={W}x{H}:rate={R},rotate=a='-2*PI*t/1.6':fillcolor=0x203040", 40},  // 195: into a fast spin
            {"color=c=0x404040:size={W}x{H}:rate={R},noise=alls=70:allf=t+u:all_seed=704", 30},  // 235: TV static
            {"testsrc2=size=640x360:rate={R},hue=h=90,crop={W}:{H}:x='160+90*sin(t*8)':y='90+50*sin(t*11)'", 50},  // 265: shake
            {"gradients=size={W}x{H}:rate={R}:speed=0.06:n=4:x0=30:y0=20:x1=290:y1=160:c0=0xe03070:c1=0x2090e0:"
             "c2=0xf0e060:c3=0x103020",
             55, Join::fadeblack, 18},  // 306: dip to black
            {"mandelbrot=size=640x360:rate={R}:start_x=-0.761574:start_y=-0.0847596:start_scale=0.02:end_scale=0.02,"
             "crop={W}:{H}:x='160+140*sin(t*4)':y='90+80*sin(t*3)'",
             45},  // 352: into a fast sway
            {"cellauto=size={W}x{H}:rate={R}:rule=106:random_seed=705:random_fill_ratio=0.35", 45},  // 397: hard cut
            {"testsrc2=size=640x360:rate={R},zoompan=z='1.5-0.004*in':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':"
             "s={W}x{H}:fps={R}",
             50}};  // 442: into a zoom out
        v.flash_frames = {30, 171, 173, 175, 236, 395, 470};  // a camera flash (30, 31 dimmer); a strobe; 1 after
                                                              // the cut at 235; 2 before the cut at 397; mid-shot
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = rate("25", 25.0, 256, 144);  // a music video under heavy grain
        v.encoder_options = "-preset fast -crf 28";
        v.overlay = "noise=alls=12:allf=t+u:all_seed=710";
        v.shots = {
            {"color=c=0x703070:size={W}x{H}:rate={R},drawgrid=w=36:h=36:t=3:c=0xe0e0a0,scroll=horizontal=0.006:vertical=0.003",
             55},
            {"testsrc=size={W}x{H}:rate={R},scroll=horizontal=-0.01", 45},  // 55: hard cut
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=0.2549870375144766:start_y=-0.0005679790528465:start_scale=0.008:"
             "end_scale=0.0008:end_pts=300:inner=convergence",
             60, Join::dissolve, 16},  // 92: pixel dissolve
            {"testsrc=size=640x360:rate={R},crop={W}:{H}:x='350-t*280':y='20+t*90'", 40},  // 144: into a fast pan
            {"testsrc=size=640x360:rate={R},crop={W}:{H}:x='60+t*300':y='200-t*60'", 35},  // 184: fast pan to fast pan
            {"life=size={W}x{H}:rate={R}:random_seed=711:ratio=0.4:mold=6:life_color=#80ff80:death_color=#402000", 50},  // 219
            {"sierpinski=size={W}x{H}:rate={R}:seed=712:jump=20:type=carpet", 50, Join::fadewhite, 14},  // 262: dip to white
            {"gradients=size={W}x{H}:rate={R}:speed=0.12:n=3:x0=0:y0=0:x1=256:y1=144:c0=0x00c0a0:c1=0xa000c0:c2=0xf0f000,"
             "noise=alls=30:allf=t:all_seed=713",
             45},  // 305: hard cut
            {with_box("smptebars=size={W}x{H}:rate={R}", "mod(T*200\\,W)", "40", 30, 30, 150, 44, 21), 45},  // 350
            {"testsrc2=size={W}x{H}:rate={R},rotate=a='0.3*sin(t*2)'", 55, Join::fade, 25},  // 383: dissolve
            {"cellauto=size={W}x{H}:rate={R}:rule=169:random_seed=714:random_fill_ratio=0.5", 40}};  // 425: hard cut
        v.flash_frames = {20, 22, 24, 26, 56, 200, 201, 304, 440};  // a strobe; 1 after the cut at 55; a two-frame
                                                                    // flash; 1 before the cut at 305; mid-shot
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = rate("30000/1001", 30000.0 / 1001.0, 320, 180);  // a streamed clip at low quality
        v.encoder_options = "-preset veryfast -crf 30 -g 60";
        v.overlay = soft_flash(62);
        v.shots = {
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=-1.7497591451303665:start_y=-0.0000000036851380:start_scale=0.5:"
             "end_scale=0.0005:end_pts=120",
             60},
            {"testsrc2=size={W}x{H}:rate={R},hue=s=0.6", 40},  // 60: hard cut
            {with_box("color=c=0x182848:size={W}x{H}:rate={R}", "30+T*60", "50", 70, 50, 140, 90, 170) +
                 ",noise=alls=10:allf=t:all_seed=721,eq=brightness='0.25*min(1\\,max(0\\,(t-0.8)*2))':eval=frame",
             75},  // 100: hard cut; a lamp brightens it over 15 frames from its frame 24
            {"life=size=160x90:rate={R}:random_seed=722:ratio=0.5:mold=30:life_color=#e0e0ff:death_color=#600010,"
             "scale={W}:{H}:flags=neighbor",
             60, Join::fadeblack, 30},  // 160: dip to black
            {"color=c=0x806020:size={W}x{H}:rate={R},noise=alls=45:allf=t+u:all_seed=723", 30},  // 205: hard cut
            {"testsrc=size=640x720:rate={R},crop={W}:{H}:x='100+t*40':y='20+t*330'", 40},  // 235: into a fast tilt
            {"gradients=size={W}x{H}:rate={R}:type=radial:speed=0.02:n=3:x0=160:y0=90:x1=300:y1=170:c0=0xffffff:"
             "c1=0xff4000:c2=0x000080",
             55},  // 275: hard cut
            {"testsrc2=size=480x270:rate={R},crop={W}:{H}:x='80+12*sin(t*13)+6*sin(t*29)':y='45+9*sin(t*17)'", 60, Join::fade,
             36},  // 312: 1.2 s dissolve into a hand-held shot
            {"cellauto=size={W}x{H}:rate={R}:rule=54:random_seed=724:random_fill_ratio=0.5", 45},  // 354: hard cut
            {"mandelbrot=size=480x270:rate={R}:start_x=-0.0452407411:start_y=0.9868162204352258:start_scale=0.0005:"
             "end_scale=0.0005,rotate=a='t*0.8':ow={W}:oh={H}",
             50},  // 399: hard cut into a turning shot
            {with_box(with_box("color=c=0xd0d0c0:size={W}x{H}:rate={R}", "mod(T*130\\,W)", "30", 40, 30, 60, 180, 110),
                      "W-mod(T*90\\,W)", "110", 60, 40, 70, 100, 190) +
                 ",noise=alls=8:allf=t:all_seed=725",
             50, Join::fade, 12}};  // 443: short dissolve
        v.flash_frames = {61, 229, 231, 233, 250, 415, 416};  // 1 after the cut at 60 (62 dimmer); a strobe into the
                                                              // cut at 235; mid-shot; a two-frame flash
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = rate("24000/1001", 24000.0 / 1001.0, 240, 136);  // a phone clip at a variable rate
        v.drop_every = 5;
        v.encoder_options = "-crf 23";
        v.overlay = "noise=alls=4:allf=t:all_seed=730";
        v.shots = {
            {"testsrc2=size=480x272:rate={R},crop={W}:{H}:x='t*40':y='t*20'", 50},
            {with_box("color=c=0xd08020:size={W}x{H}:rate={R}", "100+50*sin(T*3)", "40+30*cos(T*3)", 40, 40, 20, 128, 128) +
                 ",noise=alls=35:allf=t:all_seed=731",
             40},  // 50: hard cut
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=-0.10109636384562:start_y=0.95628651080914:start_scale=0.0001:"
             "end_scale=0.5:end_pts=200",
             50},  // 90: into a zoom out
            {"life=size={W}x{H}:rate={R}:random_seed=732:ratio=0.2:mold=40:life_color=#40a0ff:death_color=#000000", 55,
             Join::fade, 16},  // 132: dissolve
            {"testsrc=size={W}x{H}:rate={R},rotate=a='PI*t':fillcolor=black", 40},  // 179: into a spin
            {"testsrc2=size=720x408:rate={R},hue=h=200:s=1.3,crop={W}:{H}:x='400-t*320':y='100+t*60'", 40},  // 219: fast pan
            {"color=c=0x505050:size={W}x{H}:rate={R},noise=alls=80:allf=t:all_seed=733", 30},  // 259: static
            {"cellauto=size={W}x{H}:rate={R}:rule=225:random_seed=734:random_fill_ratio=0.6", 50, Join::fadeblack,
             20},  // 279: dip to black
            {with_box("color=c=0x2060a0:size={W}x{H}:rate={R}", "abs(mod(T*250\\,2*(W-24))-(W-24))",
                      "abs(mod(T*170\\,2*(H-24))-(H-24))", 24, 24, 235, 128, 128) +
                 ",noise=alls=10:allf=t:all_seed=735",
             45},  // 319: a fast ball
            {"testsrc2=size=480x272:rate={R},zoompan=z='1+0.01*in':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':"
             "s={W}x{H}:fps={R}",
             50},  // 364: into a zoom in
            {"mandelbrot=size={W}x{H}:rate={R}:start_x=-0.7746806106269039:start_y=-0.1374168856037867:start_scale=0.01:"
             "end_scale=0.002:end_pts=300",
             45, Join::dissolve, 20}};  // 404: pixel dissolve
        v.flash_frames = {20, 100, 102, 104, 200, 201, 221, 330, 363};  // mid-shot; a strobe; a two-frame flash; 2 after
                                                                        // the cut at 219; mid-shot; 1 before the cut at 364
        list.push_back(v);
    }
    return list;
}

}  // namespace tunesmith::cut_eval
