// The synthetic videos of eval_video's cut evaluation, with their truth written from how they are
// built: the tuning videos, the held-out ones of sessions 8-10 (later sets in cut_eval_holdout5/6/7/8.h),
// each with its sources and joins; `cases` lists the sets asked for.
// Header-only; eval code only (the videos are made by the ffmpeg CLI, tests/video/synthetic_video.h).
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "../tests/video/synthetic_video.h"
#include "cut_eval_holdout5.h"
#include "cut_eval_holdout6.h"
#include "cut_eval_holdout7.h"
#include "cut_eval_holdout8.h"
#include "cut_eval_holdout9.h"

namespace tunesmith::cut_eval {

using testing::Join;
using testing::Shot;
using testing::SyntheticVideo;

using testing::at_rate;

inline const char* const kTestsrc = "testsrc2=size={W}x{H}:rate={R}";
inline const char* const kMirror = "testsrc2=size={W}x{H}:rate={R},hflip,vflip";
inline const char* const kMandel = "mandelbrot=size={W}x{H}:rate={R}";
inline const char* const kBlue = "color=c=0x305090:size={W}x{H}:rate={R},noise=alls=25:allf=t:all_seed=11";
inline const char* const kRed = "color=c=0xa03020:size={W}x{H}:rate={R},noise=alls=12:allf=t:all_seed=12";
inline const char* const kNoise = "color=c=gray:size={W}x{H}:rate={R},noise=alls=100:allf=t+u:all_seed=13";
inline const char* const kCells = "cellauto=size={W}x{H}:rate={R}:random_seed=14";
inline const char* const kLife = "life=size={W}x{H}:rate={R}:random_seed=15:mold=10:life_color=#00ff00:death_color=#aa0000";
inline const char* const kSpin = "testsrc=size={W}x{H}:rate={R},rotate=a=2*PI*t/1.2";
// FFmpeg 5.1's gradients source ignores its seed for the points and colours: all given explicitly,
// so every run makes the same video (this was the run-to-run difference of session 4).
inline const char* const kGradient =
    "gradients=size={W}x{H}:rate={R}:speed=0.08:seed=16:n=3:x0=10:y0=20:x1=150:y1=70:c0=0x203080:c1=0xc04020:c2=0x40c060";
inline const char* const kBars = "smptebars=size={W}x{H}:rate={R}";
// Session 5 additions: camera-like motion (a pan, a shake) and colour cycling.
inline const char* const kPan = "testsrc2=size=480x270:rate={R},crop={W}:{H}:x='t*90':y='t*40'";
inline const char* const kShake = "testsrc2=size=320x180:rate={R},crop={W}:{H}:x='80+60*sin(t*9)':y='45+30*cos(t*7)'";
inline const char* const kHue = "rgbtestsrc=size={W}x{H}:rate={R},hue=h=t*120";

// Session 8 held-out video: sources and transitions the detector was not tuned on (a zoom, a jumping
// fractal, a deep mandelbrot zoom, other automaton rules and seeds, fast pans), a 1.5 s fade, a cut
// between two fast motions and flashes right next to cuts. Not used for tuning: its figure is
// printed apart.
inline const char* const kZoom =
    "testsrc2=size=320x180:rate={R},zoompan=z='min(zoom+0.006\\,1.8)':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':"
    "s={W}x{H}:fps={R}";
inline const char* const kCarpet = "sierpinski=size={W}x{H}:rate={R}:seed=21:jump=100:type=carpet";
inline const char* const kGreen = "color=c=0x30a050:size={W}x{H}:rate={R},noise=alls=20:allf=t:all_seed=22";
inline const char* const kFastPan = "testsrc2=size=640x360:rate={R},crop={W}:{H}:x='t*240':y='40+t*60'";
inline const char* const kFastSway = "mandelbrot=size=480x270:rate={R},crop={W}:{H}:x='160+150*sin(t*5)':y='90+80*cos(t*4)'";
inline const char* const kRule110 = "cellauto=size={W}x{H}:rate={R}:rule=110:random_seed=31:random_fill_ratio=0.5";
inline const char* const kLife2 = "life=size={W}x{H}:rate={R}:random_seed=33:ratio=0.3:mold=25:life_color=#ffcc00:death_color=#2040ff";
inline const char* const kDeepZoom =
    "mandelbrot=size={W}x{H}:rate={R}:start_x=-0.743643887037151:start_y=0.13182590420533:start_scale=3:"
    "end_scale=0.3:end_pts=400";

// A second held-out video, made at the end of session 8 and run once, after the detector was final:
// 60 fps, a scrolling (wrapping) picture, HD bars, a slowly turning shot, a generated moving pattern,
// a deep zoom, fades of 0.6 and 1 s, a dissolve, a fade through black, flashes mid-shot and next to cuts.
inline const char* const kScroll = "testsrc2=size=320x180:rate={R},scroll=horizontal=0.004,crop={W}:{H}";
inline const char* const kHdBars = "smptehdbars=size={W}x{H}:rate={R}";
inline const char* const kSlowTurn = "rgbtestsrc=size={W}x{H}:rate={R},rotate=a=0.5*t";
inline const char* const kLife3 = "life=size={W}x{H}:rate={R}:random_seed=41:mold=5:life_color=#ff60a0:death_color=#103020";
inline const char* const kWaves = "color=c=0x804020:size={W}x{H}:rate={R},geq=lum='128+90*sin(X/9+T*3)*cos(Y/7)':cb='128+40*sin(T)':cr=150";
inline const char* const kZoomOut = "mandelbrot=size={W}x{H}:rate={R}:start_x=-0.75:start_y=0.1:start_scale=0.5:end_scale=0.01:end_pts=200";
inline const char* const kGrain = "color=c=0x607080:size={W}x{H}:rate={R},noise=alls=40:allf=t+u:all_seed=43";

// Final held-out set (session 8, generalization): made before the detector work of that round,
// its truth written from how the videos are built, and run only with --final (once, at the end).
// Edit-like material: two views (crops) of one scene, dips to black and to white, dissolves of
// 0.4-2 s, cuts during fast pans, flashes and strobes near and away from cuts, dark low-contrast
// shots, grain over every shot, a slow push-in and jump cuts (frames skipped in one source).
// A "scene": a still textured set (testsrc) with a moving subject (testsrc2) in it, 640x360, seen
// through `view` (a crop, possibly moving, then scaled to the video's size). `tag` keeps the filter
// labels of each use apart.
inline std::string scene(const std::string& tag, const std::string& view, int skip = 0) {
    std::string s = "testsrc=size=640x360:rate={R}[bg" + tag + "];testsrc2=size=200x120:rate={R},hue=h=90[fg" + tag +
                    "];[bg" + tag + "][fg" + tag + "]overlay=x='220+40*sin(t)':y=140," + view + ",scale={W}:{H},setsar=1";
    return testing::jumped_ahead(std::move(s), skip);
}
inline const char* const kFinalDark1 = "testsrc2=size={W}x{H}:rate={R},eq=contrast=0.3:brightness=-0.28";
inline const char* const kFinalDark2 = "mandelbrot=size={W}x{H}:rate={R}:start_x=-0.1:start_y=0.85:start_scale=0.4:end_scale=0.2:end_pts=300,eq=contrast=0.35:brightness=-0.3";
inline const char* const kFinalPanYuv = "yuvtestsrc=size=480x270:rate={R},crop={W}:{H}:x='300-t*230':y='30+t*50'";
inline const char* const kFinalLife = "life=size={W}x{H}:rate={R}:random_seed=61:mold=8:life_color=#40e0ff:death_color=#301000";
inline const char* const kFinalRule30 = "cellauto=size={W}x{H}:rate={R}:rule=30:random_seed=62:random_fill_ratio=0.3";
inline const char* const kFinalGradient =
    "gradients=size={W}x{H}:rate={R}:speed=0.05:seed=63:n=2:x0=0:y0=0:x1=160:y1=90:c0=0xe0c040:c1=0x2040a0";
inline const char* const kFinalMandel =
    "mandelbrot=size={W}x{H}:rate={R}:start_x=0.28:start_y=0.01:start_scale=0.3:end_scale=0.05:end_pts=300";
inline const char* const kFinalWaves = "color=c=0x208060:size={W}x{H}:rate={R},geq=lum='110+70*sin(X/6+T*2)*sin(Y/5-T)':cb=100:cr=150";
inline const char* const kFinalPushIn =
    "testsrc=size=320x180:rate={R},zoompan=z='min(zoom+0.004\\,1.6)':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':"
    "s={W}x{H}:fps={R}";

inline std::vector<SyntheticVideo> final_videos() {
    std::vector<SyntheticVideo> list;
    const std::string wide = "crop=640:360:0:0";
    const std::string close = "crop=240:135:x=230:y=120";
    {
        SyntheticVideo v = at_rate("24000/1001", 24000.0 / 1001.0);
        v.overlay = "noise=alls=14:allf=t:all_seed=51";
        v.shots = {{scene("a", wide), 60},
                   {scene("b", close), 50},                                               // 60: two views of one scene
                   {scene("c", "crop=240:135:x='20+t*280':y='60+t*50'"), 45},             // 110: into a fast pan
                   {kFinalPanYuv, 40},                                                    // 155: fast pan to fast pan
                   {kFinalDark1, 60, Join::fadewhite, 24},                                // dip to white, 1 s
                   {kFinalLife, 50, Join::dissolve, 12},                                  // pixel dissolve, 0.5 s
                   {scene("d", close), 40},                                               // hard cut
                   {scene("e", close, 48), 100},                                          // jump cut: 8 frames skipped
                   {kFinalMandel, 70, Join::fade, 48}};                                   // dissolve, 2 s
        v.flash_frames = {25, 100, 102, 104, 153};  // mid-shot; a strobe of 3 before the cut at 110; 2 before 155
        list.push_back(v);
    }
    {
        SyntheticVideo v = at_rate("30", 30.0);
        v.drop_every = 5;  // a variable frame rate
        v.overlay = "noise=alls=10:allf=t+u:all_seed=52";
        v.shots = {{kFinalPushIn, 90},                                                    // a slow push-in
                   {scene("f", "crop=240:135:x='t*300':y=80"), 40},                      // 90
                   {scene("g", "crop=240:135:x='380-t*300':y='200-t*100'"), 40},          // 130: pan to pan, one scene
                   {kFinalDark2, 100, Join::fadeblack, 18},                               // dip to black, 0.6 s
                   {scene("h", "crop=320:180:x=100:y=60"), 60, Join::fade, 45},           // dissolve, 1.5 s
                   {scene("i", "crop=320:180:x=100:y=60", 70), 50},                       // jump cut: 10 skipped
                   {kFinalRule30, 50, Join::fadewhite, 20},                               // dip to white
                   {kFinalGradient, 50},                                                  // hard cut
                   {scene("j", close), 45, Join::dissolve, 12},                           // pixel dissolve, 0.4 s
                   {kFinalWaves, 40}};                                                    // hard cut
        v.flash_frames = {40, 129, 360, 362};  // mid push-in; 1 before the cut at 130; a strobe away from cuts
        list.push_back(v);
    }
    {
        SyntheticVideo v = at_rate("25", 25.0);
        v.overlay = "noise=alls=12:allf=t:all_seed=53";
        v.shots = {{kFinalDark1, 50},
                   {kFinalDark2, 50},                                                     // 50: dark to dark
                   {scene("k", wide), 50, Join::fadeblack, 30},                           // dip to black, 1.2 s
                   {scene("l", close), 40},                                               // two views
                   {scene("m", "crop=240:135:x='10+t*250':y=100"), 45, Join::fade, 10},   // 0.4 s into a fast pan
                   {kFinalPushIn, 60},                                                    // cut out of the fast pan
                   {kFinalLife, 50, Join::fadewhite, 15},                                 // dip to white, 0.6 s
                   {kFinalWaves, 50},                                                     // hard cut
                   {kFinalGradient, 90, Join::fade, 50},                                  // dissolve, 2 s
                   {kFinalMandel, 40}};                                                   // hard cut
        v.flash_frames = {20, 21, 287, 292};  // a two-frame flash mid-shot; a strobe around the cut at 290
        list.push_back(v);
    }
    return list;
}

// Third held-out set (session 9): written before any detector change of that session, its truth from
// how the videos are built, run once at the end. Sources and transitions the earlier sets do not use:
// colour charts and colour spectra, PAL bars, the sierpinski triangle, other automaton rules (90, 150,
// 45), other life seeds and fractal locations; hand-held shake on a chart, slow zooms with a grid, a
// set with a moving subject (a chart with a mandelbrot overlay) seen through crops and pans, cuts
// between two crops of one moving source, jump cuts of 6 and 12 frames (in a slow zoom, in a shake,
// in the set), strobes and flashes next to cuts, and shape transitions (wipe, slide, circle open,
// radial, smooth wipe, vertical open: not modelled, counted as gradual at their middle frame).
inline std::string spectrum_zoom(int skip) {
    std::string s = "colorspectrum=size=320x180:rate={R}:type=all,drawgrid=w=32:h=30:t=2:c=white@0.7,"
                    "zoompan=z='1+0.004*in':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':s={W}x{H}:fps={R}";
    return testing::jumped_ahead(std::move(s), skip);
}
// One moving source seen through two crops, with its time going on across the cut.
inline std::string life_crop(int x, int y, int skip) {
    std::string s = "life=size=320x180:rate={R}:random_seed=93:mold=12:life_color=#f0a030:death_color=#203050,crop=160:90:x=" +
                    std::to_string(x) + ":y=" + std::to_string(y);
    return testing::jumped_ahead(std::move(s), skip);
}
inline std::string rgb_pan(const std::string& x, const std::string& y, int skip) {
    std::string s = "rgbtestsrc=size=480x270:rate={R},drawgrid=w=24:h=24:t=1:c=black,crop=160:90:x='" + x + "':y='" + y + "'";
    return testing::jumped_ahead(std::move(s), skip);
}
inline std::string skin_shake(int skip) {
    std::string s = "colorchart=rate={R}:patch_size=48x48:preset=skintones,scale=320:180,"
                    "crop=220:124:x='50+35*sin(t*6.5)':y='28+20*cos(t*5.1)',scale={W}:{H},setsar=1";
    return testing::jumped_ahead(std::move(s), skip);
}
// A set: a colour chart with a moving mandelbrot in it, 640x360, seen through `view`.
inline std::string chart_set(const std::string& tag, const std::string& view, int skip = 0) {
    std::string s = "colorchart=rate={R}:patch_size=64x64,scale=640:360[cb" + tag + "];mandelbrot=size=160x120:rate={R}:start_scale=2.5[cf" +
                    tag + "];[cb" + tag + "][cf" + tag + "]overlay=x='240+120*sin(t*1.3)':y='120+60*cos(t*0.9)'," + view +
                    ",scale={W}:{H},setsar=1";
    return testing::jumped_ahead(std::move(s), skip);
}
inline const char* const kH3ChartShake =
    "colorchart=rate={R}:patch_size=48x48,scale=320:180,crop=240:135:x='40+30*sin(t*7)':y='22+18*sin(t*5.3)',scale={W}:{H},setsar=1";
inline const char* const kH3Triangle = "sierpinski=size={W}x{H}:rate={R}:seed=94:jump=40:type=triangle";
inline const char* const kH3BarsBox = "pal75bars=size={W}x{H}:rate={R},drawbox=x='10+t*50':y=25:w=28:h=28:color=0xffe000:t=fill";
inline const char* const kH3Gradient4 =
    "gradients=size={W}x{H}:rate={R}:speed=0.03:seed=95:n=4:x0=0:y0=45:x1=160:y1=45:c0=0xff2060:c1=0x20ff60:c2=0x2060ff:c3=0xffffff";
inline const char* const kH3Mandel =
    "mandelbrot=size={W}x{H}:rate={R}:start_x=-1.25066:start_y=0.02012:start_scale=0.2:end_scale=0.02:end_pts=400";
inline const char* const kH3Rule90 = "cellauto=size={W}x{H}:rate={R}:rule=90:random_seed=96:random_fill_ratio=0.4";
inline const char* const kH3LifeShake =
    "life=size=320x180:rate={R}:random_seed=101:mold=20:life_color=#e0e040:death_color=#401060,"
    "crop=200:112:x='60+40*sin(t*6)':y='34+25*cos(t*8)',scale={W}:{H},setsar=1";
inline const char* const kH3Rule150 = "cellauto=size={W}x{H}:rate={R}:rule=150:random_seed=102:random_fill_ratio=0.5";
inline const char* const kH3MandelPeriod =
    "mandelbrot=size={W}x{H}:rate={R}:start_x=-0.16:start_y=1.0405:start_scale=0.1:end_scale=0.01:end_pts=500:inner=period";
inline const char* const kH3Gradient3 =
    "gradients=size={W}x{H}:rate={R}:speed=0.06:seed=103:n=3:x0=20:y0=80:x1=140:y1=10:c0=0x10a0a0:c1=0xf0f020:c2=0x801080";
inline const char* const kH3FastChartPan = "colorchart=rate={R}:patch_size=80x80,crop=160:90:x='20+t*180':y='40+t*60'";
inline const char* const kH3Carpet = "sierpinski=size={W}x{H}:rate={R}:seed=104:jump=10:type=carpet";
inline const char* const kH3DarkSpectrum =
    "colorspectrum=size=320x320:rate={R}:type=white,drawgrid=w=20:h=20:t=1:c=gray,rotate=a=0.3*t:ow=160:oh=90,"
    "eq=brightness=-0.12:contrast=0.6";
inline const char* const kH3ZoomBars =
    "pal75bars=size=320x180:rate={R},drawgrid=w=20:h=18:t=1:c=black@0.6,"
    "zoompan=z='1+0.005*in':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':s={W}x{H}:fps={R}";
inline const char* const kH3Life = "life=size={W}x{H}:rate={R}:random_seed=111:ratio=0.4:mold=3:life_color=#80ff80:death_color=#202020";
inline const char* const kH3Triangle2 = "sierpinski=size={W}x{H}:rate={R}:seed=112:jump=60:type=triangle";
inline const char* const kH3Gradient2 =
    "gradients=size={W}x{H}:rate={R}:speed=0.1:seed=113:n=2:x0=0:y0=0:x1=160:y1=0:c0=0x000080:c1=0xffa000";
inline const char* const kH3Rule45 = "cellauto=size={W}x{H}:rate={R}:rule=45:random_seed=114:random_fill_ratio=0.5";
inline const char* const kH3TurningSpectrum =
    "colorspectrum=size=320x320:rate={R}:type=black,drawgrid=w=40:h=40:t=3:c=white,rotate=a=0.25*t:ow=160:oh=90";

inline std::vector<SyntheticVideo> holdout3_videos() {
    std::vector<SyntheticVideo> list;
    {
        SyntheticVideo v = at_rate("24000/1001", 24000.0 / 1001.0);
        v.overlay = "noise=alls=10:allf=t:all_seed=91";
        v.shots = {{kH3ChartShake, 70},                                   // hand-held on a chart
                   {spectrum_zoom(0), 60, Join::wipeleft, 14},            // 63: wipe
                   {spectrum_zoom(72), 50},                               // 116: jump cut (12 skipped) in a slow zoom
                   {life_crop(0, 0, 0), 50},                              // 166: hard cut
                   {life_crop(160, 90, 50), 50},                          // 216: two crops of one moving source
                   {kH3Triangle, 60, Join::slideup, 12},                  // 260: slide
                   {kH3BarsBox, 50},                                      // 314: hard cut
                   {kH3Gradient4, 60, Join::circleopen, 16},              // 356: circle open
                   {kH3Mandel, 50},                                       // 408: hard cut
                   {kH3Rule90, 50, Join::dissolve, 10}};                  // 453: pixel dissolve
        v.flash_frames = {30, 214, 330, 332, 334, 409};  // mid-shot; 2 before 216; a strobe; 1 after 408
        list.push_back(v);
    }
    {
        SyntheticVideo v = at_rate("30000/1001", 30000.0 / 1001.0);
        v.overlay = "noise=alls=6:allf=t+u:all_seed=97";
        v.shots = {{kH3LifeShake, 70},                                        // shaking over an automaton
                   {rgb_pan("40+t*45", "30+t*20", 0), 60, Join::fade, 30},    // 55: 1 s dissolve into a pan
                   {rgb_pan("300-t*45", "150-t*20", 60), 45},                 // 100: pan to pan over one source
                   {kH3Rule150, 50, Join::radial, 20},                        // 135: radial wipe
                   {skin_shake(0), 50},                                       // 175: hard cut into a shake
                   {skin_shake(56), 50},                                      // 225: jump cut (6 skipped) in the shake
                   {kH3MandelPeriod, 50, Join::smoothleft, 15},               // 268: smooth wipe
                   {kH3Gradient3, 60, Join::fadewhite, 18},                   // 301: dip to white
                   {kH3FastChartPan, 45},                                     // 352: into a fast pan after a strobe
                   {kH3Carpet, 60, Join::fadeblack, 36},                      // 379: 1.2 s dip to black
                   {kH3DarkSpectrum, 40}};                                    // 421: into a dark turning shot
        v.flash_frames = {20, 230, 347, 349, 351};  // mid-shot; 5 after the jump cut; a strobe ending 1 before 352
        list.push_back(v);
    }
    {
        SyntheticVideo v = at_rate("24", 24.0);
        v.drop_every = 4;  // a variable frame rate (1 frame in 4 dropped)
        v.shots = {{kH3ZoomBars, 60},                                                       // a slow zoom
                   {kH3Life, 50, Join::fade, 18},                                           // 51: dissolve
                   {kH3Triangle2, 50},                                                      // 92: hard cut
                   {chart_set("a", "crop=640:360:0:0"), 50},                                // 142: into the set
                   {chart_set("b", "crop=640:360:0:0", 62), 50},                            // 192: jump cut (12 skipped)
                   {kH3Gradient2, 50, Join::vertopen, 14},                                  // 235: vertical open
                   {kH3Rule45, 50, Join::fadeblack, 24},                                    // 266: 1 s dip to black
                   {chart_set("c", "crop=320:180:x='20+t*150':y=60"), 40},                 // 304: into a pan
                   {chart_set("d", "crop=320:180:x='300-t*120':y='170-t*60'"), 40},        // 344: pan to pan, one set
                   {kH3TurningSpectrum, 60, Join::fade, 40}};                               // 364: 1.7 s dissolve
        v.flash_frames = {30, 144, 300, 301, 343};  // mid-shot; 2 after 142; a two-frame flash; 1 before 344
        list.push_back(v);
    }
    return list;
}

// Fourth held-out set (session 10): written before any detector change of that session, its truth from
// how the videos are built, run once at the end. Edit-like material on sources no earlier set uses
// (generated landscapes and rooms, a Hald CLUT set with a moving subject, other fractal places,
// automaton rules 18, 73 and 126): cuts between similar framings of one place, cuts in motion, jump
// cuts (a time jump in one framing, a punch-in that goes on in time, a jump in a shake), dissolves,
// dips to black and white, flashes, and shape transitions (wipes right, down and from a corner, slides
// left and down, circle close and open, radial, pixelize, smooth wipe up, diagonal, barn door),
// counted as gradual at their middle frame.
// A generated valley (sky with a drifting sun over rolling ground), 320x180, seen through `view`.
inline std::string valley(const std::string& view, int skip = 0) {
    std::string s = "color=c=black:size=320x180:rate={R},geq=lum='if(lt(Y\\,95+8*sin(X/40))\\,215-0.8*Y+35*lt(hypot(X-60-T*10\\,"
                    "Y-40)\\,14)\\,70+30*sin(X/6+T*0.3)*sin(Y/4))':cb='if(lt(Y\\,95+8*sin(X/40))\\,160\\,105)':"
                    "cr='if(lt(Y\\,95+8*sin(X/40))\\,110\\,125+10*sin(X/13))'," + view + ",scale={W}:{H},setsar=1";
    return testing::jumped_ahead(std::move(s), skip);
}
// A generated room: a textured wall, a bright window and a person (a dark ellipse) swaying, 320x180.
inline std::string room(const std::string& view, int skip = 0) {
    std::string s = "color=c=black:size=320x180:rate={R},geq=lum='if(lt(hypot((X-140-30*sin(T*1.5))/25\\,(Y-110)/50)\\,1)\\,"
                    "60\\,if(between(X\\,200\\,280)*between(Y\\,30\\,100)\\,225\\,140+12*sin(X/9)*sin(Y/11)))':"
                    "cb='if(between(X\\,200\\,280)*between(Y\\,30\\,100)\\,135\\,118)':cr='145+8*sin(Y/17)'," + view +
                    ",scale={W}:{H},setsar=1";
    return testing::jumped_ahead(std::move(s), skip);
}
// A Hald CLUT colour grid as a set with a moving subject (a hue-shifted testsrc2), 640x360.
inline std::string hald_set(const std::string& tag, const std::string& view, int skip = 0) {
    std::string s = "haldclutsrc=level=6:rate={R},scale=640:360[hb" + tag + "];testsrc2=size=120x90:rate={R},hue=h=200[hf" + tag +
                    "];[hb" + tag + "][hf" + tag + "]overlay=x='260+100*sin(t*0.8)':y='130+40*sin(t*1.1)'," + view +
                    ",scale={W}:{H},setsar=1";
    return testing::jumped_ahead(std::move(s), skip);
}
// A hand-held shot over a grid of RGB bars (crop with sin() offsets).
inline std::string rgb_shake(int skip) {
    std::string s = "rgbtestsrc=size=320x180:rate={R},drawgrid=w=40:h=30:t=2:c=white@0.6,"
                    "crop=200:112:x='60+40*sin(t*7)':y='34+20*sin(t*9)',scale={W}:{H},setsar=1";
    return testing::jumped_ahead(std::move(s), skip);
}
inline std::string life_h4(int skip) {
    std::string s = "life=size={W}x{H}:rate={R}:random_seed=131:ratio=0.35:mold=15:life_color=#ffa0ff:death_color=#102040";
    return testing::jumped_ahead(std::move(s), skip);
}
inline const char* const kH4Mandel =
    "mandelbrot=size={W}x{H}:rate={R}:start_x=-0.7453:start_y=0.1127:start_scale=0.05:end_scale=0.005:end_pts=600";
inline const char* const kH4Mandel2 = "mandelbrot=size={W}x{H}:rate={R}:start_x=0.3245:start_y=0.04855:start_scale=0.02:end_scale=0.004:end_pts=500";
inline const char* const kH4Mandel3 = "mandelbrot=size={W}x{H}:rate={R}:start_x=-1.7687788:start_y=-0.0017389:start_scale=0.01:end_scale=0.002:end_pts=500";
inline const char* const kH4Rule18 = "cellauto=size={W}x{H}:rate={R}:rule=18:random_seed=132:random_fill_ratio=0.5";
inline const char* const kH4Rule73 = "cellauto=size={W}x{H}:rate={R}:rule=73:random_seed=133:random_fill_ratio=0.5";
inline const char* const kH4Rule126 = "cellauto=size={W}x{H}:rate={R}:rule=126:random_seed=134:random_fill_ratio=0.3";
inline const char* const kH4Life = "life=size={W}x{H}:rate={R}:random_seed=135:ratio=0.5:mold=6:life_color=#40ffc0:death_color=#400000";
inline const char* const kH4Bars = "smptehdbars=size={W}x{H}:rate={R},drawbox=x='140-t*40':y=50:w=20:h=20:color=0x00c0ff:t=fill";
inline const char* const kH4Bars2 = "pal100bars=size={W}x{H}:rate={R},drawgrid=w=16:h=15:t=1:c=black@0.5";
inline const char* const kH4Triangle = "sierpinski=size={W}x{H}:rate={R}:seed=136:jump=25:type=triangle";
inline const char* const kH4Carpet = "sierpinski=size={W}x{H}:rate={R}:seed=137:jump=80:type=carpet";
inline const char* const kH4Gradient =
    "gradients=size={W}x{H}:rate={R}:speed=0.04:seed=138:n=3:x0=30:y0=10:x1=130:y1=80:c0=0x806020:c1=0x2080a0:c2=0xe0e0c0";
inline const char* const kH4Gradient2 =
    "gradients=size={W}x{H}:rate={R}:speed=0.07:seed=139:n=2:x0=160:y0=0:x1=0:y1=90:c0=0xc02040:c1=0x40c0e0";
inline const char* const kH4Gradient3 =
    "gradients=size={W}x{H}:rate={R}:speed=0.05:seed=140:n=2:x0=160:y0=0:x1=0:y1=90:c0=0xb03050:c1=0x50b0d0";
inline const char* const kH4Spectrum = "colorspectrum=size={W}x{H}:rate={R}:type=all,hue=h=t*25";
inline const char* const kH4Chart = "colorchart=rate={R}:patch_size=40x40:preset=skintones,scale=320:180,crop=160:90:x='10+t*110':y=40,setsar=1";

inline std::vector<SyntheticVideo> holdout4_videos() {
    std::vector<SyntheticVideo> list;
    {
        SyntheticVideo v = at_rate("25", 25.0);  // a documentary under grain
        v.overlay = "noise=alls=8:allf=t:all_seed=121";
        v.shots = {{valley("crop=240:135:x='40+t*8':y=20"), 70},
                   {valley("crop=160:90:x='120+t*8':y=60", 70), 60},                 // 70: closer on the same place
                   {kH4Mandel, 60, Join::wiperight, 15},                              // 123: wipe
                   {hald_set("a", "crop=320:180:x=160:y=90"), 60},                    // 175: hard cut in motion
                   {hald_set("b", "crop=320:180:x=160:y=90", 80), 50},                // 235: jump cut (20 skipped)
                   {kH4Rule18, 50, Join::slideleft, 12},                              // 279: slide
                   {kH4Life, 50, Join::fade, 20},                                     // 313: dissolve
                   {kH4Bars, 50, Join::pixelize, 16},                                 // 345: pixelize
                   {valley("crop=320:180:0:0"), 60, Join::fadeblack, 20},             // 377: dip to black
                   {kH4Gradient, 50}};                                                // 427: hard cut
        v.flash_frames = {35, 173, 400, 401};  // mid-shot; 2 before the cut at 175; a two-frame flash
        list.push_back(v);
    }
    {
        SyntheticVideo v = at_rate("24000/1001", 24000.0 / 1001.0);  // a music video: fast, in motion
        v.shots = {{hald_set("c", "crop=160:90:x='20+t*200':y='60+t*40'"), 50},
                   {hald_set("d", "crop=160:90:x='460-t*200':y='250-t*40'"), 40},    // 50: pan to pan over one set
                   {room("crop=320:180:0:0"), 50, Join::radial, 18},                  // 81: radial wipe
                   {room("crop=240:135:x=40:y=30", 50), 45},                          // 122: punch-in, time goes on
                   {kH4Carpet, 50, Join::circleclose, 14},                            // 160: circle close
                   {kH4Mandel2, 40},                                                  // 203: hard cut
                   {life_h4(0), 45, Join::smoothup, 16},                              // 235: smooth wipe up
                   {rgb_shake(0), 50, Join::dissolve, 12},                            // 266: pixel dissolve
                   {rgb_shake(58), 45},                                               // 310: jump cut (8 skipped) in a shake
                   {kH4Gradient2, 60, Join::fadewhite, 18},                           // 346: dip to white
                   {kH4Bars2, 40, Join::diagtl, 14}};                                 // 390: diagonal wipe
        v.flash_frames = {20, 52, 300, 301};  // mid-shot; 2 after the cut at 50; a two-frame flash
        list.push_back(v);
    }
    {
        SyntheticVideo v = at_rate("30000/1001", 30000.0 / 1001.0);  // a drama: slower, similar framings
        v.overlay = "noise=alls=5:allf=t+u:all_seed=122";
        v.shots = {{room("crop=320:180:0:0"), 80},
                   {room("crop=200:112:x=90:y=50", 80), 60},                          // 80: closer on the same room
                   {room("crop=200:112:x=90:y=50", 170), 50},                         // 140: jump cut (30 skipped)
                   {valley("crop=240:135:x='60+t*6':y=30"), 60, Join::fade, 30},      // 175: 1 s dissolve
                   {kH4Triangle, 60},                                                 // 220: hard cut
                   {kH4Spectrum, 50, Join::horzopen, 16},                             // 272: barn door
                   {kH4Rule73, 50},                                                   // 314: hard cut
                   {kH4Mandel3, 60, Join::wipedown, 10},                              // 359: wipe down
                   {room("crop=320:180:0:0", 260), 50},                               // 414: back to the room
                   {kH4Gradient3, 60, Join::fadeblack, 30}};                          // 449: 1 s dip to black
        v.flash_frames = {40, 200, 412};  // mid-shot; mid-dissolve's next shot; 2 before the cut at 414
        list.push_back(v);
    }
    {
        SyntheticVideo v = at_rate("30", 30.0);  // a vlog at a variable frame rate
        v.drop_every = 5;
        v.shots = {{valley("crop=200:112:x='60+25*sin(t*6)':y='30+15*sin(t*8)'"), 60},  // hand-held
                   {kH4Chart, 40},                                                      // 60: into a fast pan
                   {life_h4(0), 50, Join::slidedown, 12},                               // 94: slide down
                   {life_h4(65), 50},                                                   // 138: jump cut (15 skipped)
                   {kH4Triangle, 50, Join::wipetl, 14},                                 // 181: corner wipe
                   {kH4Mandel, 50},                                                     // 224: hard cut
                   {kH4Rule126, 50, Join::fade, 20},                                    // 264: dissolve
                   {hald_set("e", "crop=160:90:x='400-t*180':y=100"), 45},              // 304: into a fast pan
                   {kH4Gradient2, 50, Join::circleopen, 20},                            // 339: circle open
                   {kH4Gradient3, 40}};                                                 // 379: into a similar gradient
        v.flash_frames = {30, 150, 302, 360};  // mid-shot; mid-shot; 2 before the cut at 304; mid-shot
        list.push_back(v);
    }
    return list;
}

// Which set a video belongs to: the development sets (tuning, the session-8 held-out pair), and the
// held-out sets made one per session since, each printed apart and made only when asked for.
enum class CutSet { tuning, held_out, final_set, holdout3, holdout4, holdout5, holdout6, holdout7, holdout8, holdout9 };
inline constexpr std::size_t kCutSets = 10;
inline constexpr std::size_t index(CutSet s) { return static_cast<std::size_t>(s); }

struct Case {
    std::string name;
    SyntheticVideo video;
    CutSet set = CutSet::tuning;
};

// `with[s]`: include set s (the tuning and session-8 held-out videos are always in).
inline std::vector<Case> cases(const std::array<bool, kCutSets>& with) {
    const auto wanted = [&](CutSet s) { return with[index(s)]; };
    std::vector<Case> list;
    {
        SyntheticVideo v = at_rate("24000/1001", 24000.0 / 1001.0);
        v.shots = {{kTestsrc, 60}, {kMandel, 48}, {kMirror, 40}, {kBlue, 55, Join::fade, 18}, {kCells, 44},
                   {kSpin, 50}, {kRed, 40, Join::dissolve, 24}, {kLife, 60}};
        v.flash_frames = {30, 150};
        list.push_back({"23.976 mixed", v});
    }
    {
        SyntheticVideo v = at_rate("25", 25.0);
        v.shots = {{kNoise, 50}, {kGradient, 50}, {kSpin, 40}, {kTestsrc, 45}, {kBars, 30, Join::fadeblack, 20},
                   {kMandel, 50}, {kNoise, 30}, {kCells, 40}, {kMirror, 35}};
        v.flash_frames = {70, 200, 201 + 60};
        list.push_back({"25 noise+motion", v});
    }
    {
        SyntheticVideo v = at_rate("30000/1001", 30000.0 / 1001.0);
        v.shots = {{kSpin, 45}, {kTestsrc, 20}, {kMirror, 25}, {kLife, 60}, {kBlue, 40, Join::fade, 30},
                   {kRed, 35}, {kGradient, 60}, {kMandel, 45, Join::fade, 15}, {kCells, 50}};
        v.flash_frames = {100, 240};
        list.push_back({"29.97 fast cuts", v});
    }
    {
        SyntheticVideo v = at_rate("30", 30.0);
        v.drop_every = 6;
        v.shots = {{kMandel, 60}, {kTestsrc, 50}, {kRed, 40}, {kSpin, 45}, {kLife, 50, Join::dissolve, 20},
                   {kNoise, 40}, {kBars, 50}};
        v.flash_frames = {80};
        list.push_back({"VFR (30, 1 in 6 dropped)", v});
    }
    {
        SyntheticVideo v = at_rate("50", 50.0);
        v.shots = {{kPan, 70}, {kMandel, 60, Join::fade, 25}, {kShake, 60}, {kBars, 50, Join::fadeblack, 30},
                   {kHue, 60}, {kTestsrc, 50, Join::dissolve, 20}, {kCells, 60}, {kPan, 60, Join::fade, 40},
                   {kNoise, 40}, {kMirror, 50}};
        v.flash_frames = {100, 380};
        list.push_back({"50 pan+shake+hue", v});
    }
    {
        SyntheticVideo v = at_rate("24", 24.0);
        v.shots = {{kZoom, 60}, {kCarpet, 70}, {kGreen, 45, Join::fade, 36}, {kFastPan, 50}, {kFastSway, 40},
                   {kRule110, 50, Join::dissolve, 18}, {kLife2, 50, Join::fade, 12}, {kDeepZoom, 50}};
        v.flash_frames = {62, 137, 190};  // 2 after the cut at 60, 2 before the cut at 139, 1 after the cut at 189
        list.push_back({"24 held-out", v, CutSet::held_out});
    }
    {
        SyntheticVideo v = at_rate("60", 60.0);
        v.shots = {{kScroll, 120}, {kHdBars, 100}, {kSlowTurn, 120, Join::fade, 36}, {kLife3, 120, Join::dissolve, 30},
                   {kWaves, 100}, {kZoomOut, 120, Join::fadeblack, 48}, {kScroll, 100, Join::fade, 60}, {kGrain, 80}};
        v.flash_frames = {50, 392, 607};  // mid-shot, 2 before the cut at 394, 1 after the cut at 606
        list.push_back({"60 held-out B", v, CutSet::held_out});
    }
    if (wanted(CutSet::final_set)) {
        const char* names[] = {"final 23.976 grain", "final VFR (30, 1 in 5 dropped)", "final 25 dark+dips"};
        const std::vector<SyntheticVideo> videos = final_videos();
        for (std::size_t i = 0; i < videos.size(); ++i) list.push_back({names[i], videos[i], CutSet::final_set});
    }
    if (wanted(CutSet::holdout3)) {
        const char* names[] = {"holdout3 23.976 grain", "holdout3 29.97", "holdout3 VFR (24, 1 in 4 dropped)"};
        const std::vector<SyntheticVideo> videos = holdout3_videos();
        for (std::size_t i = 0; i < videos.size(); ++i) list.push_back({names[i], videos[i], CutSet::holdout3});
    }
    if (wanted(CutSet::holdout4)) {
        const char* names[] = {"holdout4 25 grain", "holdout4 23.976", "holdout4 29.97 grain", "holdout4 VFR (30, 1 in 5 dropped)"};
        const std::vector<SyntheticVideo> videos = holdout4_videos();
        for (std::size_t i = 0; i < videos.size(); ++i) list.push_back({names[i], videos[i], CutSet::holdout4});
    }
    if (wanted(CutSet::holdout5)) {
        const char* names[] = {"holdout5 29.97 grain", "holdout5 23.976", "holdout5 25 grain", "holdout5 VFR (24, 1 in 5 dropped)"};
        const std::vector<SyntheticVideo> videos = holdout5_videos();
        for (std::size_t i = 0; i < videos.size(); ++i) list.push_back({names[i], videos[i], CutSet::holdout5});
    }
    if (wanted(CutSet::holdout6)) {
        const char* names[] = {"holdout6 23.976 grain", "holdout6 25", "holdout6 29.97 grain", "holdout6 VFR (29.97, 1 in 7 dropped)"};
        const std::vector<SyntheticVideo> videos = holdout6_videos();
        for (std::size_t i = 0; i < videos.size(); ++i) list.push_back({names[i], videos[i], CutSet::holdout6});
    }
    if (wanted(CutSet::holdout7)) {
        const char* names[] = {"holdout7 23.976 x264 crf", "holdout7 25 grain", "holdout7 29.97 x264 crf",
                               "holdout7 VFR (23.976, 1 in 5 dropped)"};
        const std::vector<SyntheticVideo> videos = holdout7_videos();
        for (std::size_t i = 0; i < videos.size(); ++i) list.push_back({names[i], videos[i], CutSet::holdout7});
    }
    if (wanted(CutSet::holdout8)) {
        const char* names[] = {"holdout8 23.976 trailer", "holdout8 25 nature", "holdout8 29.97 sports",
                               "holdout8 VFR (25, 1 in 6 dropped)"};
        const std::vector<SyntheticVideo> videos = holdout8_videos();
        for (std::size_t i = 0; i < videos.size(); ++i) list.push_back({names[i], videos[i], CutSet::holdout8});
    }
    if (wanted(CutSet::holdout9)) {
        const char* names[] = {"holdout9 23.976 music video", "holdout9 25 documentary", "holdout9 29.97 game stream",
                               "holdout9 VFR (29.97, 1 in 7 dropped)"};
        const std::vector<SyntheticVideo> videos = holdout9_videos();
        for (std::size_t i = 0; i < videos.size(); ++i) list.push_back({names[i], videos[i], CutSet::holdout9});
    }
    return list;
}

}  // namespace tunesmith::cut_eval
