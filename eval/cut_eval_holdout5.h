// The fifth held-out set of eval_video's cut evaluation (session 11): written before any detector
// change of that session, its truth from how the videos are built, run once before and once at the
// end. Header-only; eval code only (the videos are made by the ffmpeg CLI, tests/video/synthetic_video.h).
#pragma once

#include <string>
#include <vector>

#include "../tests/video/synthetic_video.h"

namespace tunesmith::cut_eval {

// Edit-like material on generated places no earlier set uses: a street with a passing car, an
// interview (two people, shot and reverse shot), a night road with headlights, a stage with sweeping
// lights, a sports field, a sea, plasma-like textures that change every frame without rigid motion,
// line art (edge-detected testsrc2), a zone plate, a news graphic, other fractal and automaton settings.
// Edits: cuts in motion and between framings of one place, jump cuts (in an interview, in a slow pan,
// in a hand-held shot, in a changing texture), flashes and strobes that are not cuts (over a fast
// pan, lightning over a dark shot), dips to black and white, and xfade transitions the earlier sets do
// not use (slices, squeezes, zoom in, grey fade, blur, distance, circle and rectangle crops, slow and
// fast fades, wipes up and from the bottom right, slide right, barn doors closing, smooth wipe down).
namespace h5 {

// A street, 320x180: sky over buildings with lit windows, a road, a dark red car driving across.
inline std::string street(const std::string& view, int skip = 0) {
    const std::string car = "between(X\\,mod(T*70\\,440)-60\\,mod(T*70\\,440)-10)*between(Y\\,140\\,158)";
    const std::string sky = "lt(Y\\,50+15*sin(floor(X/45)*2.1))";
    const std::string s = "color=c=black:size=320x180:rate={R},format=yuv444p,geq=lum='if(" + car + "\\,35\\,if(" + sky +
                          "\\,190-Y\\,if(gt(Y\\,135)\\,70+90*lt(abs(Y-162)\\,2)*lt(mod(X\\,30)\\,15)\\,if(lt(mod(X\\,45)\\,6)\\,55\\,"
                          "if(lt(mod(X\\,12)\\,7)*lt(mod(Y\\,16)\\,9)\\,150+50*sin(floor(X/12)*3+floor(Y/16)*5)\\,95)))))':cb='if(" +
                          car + "\\,110\\,if(" + sky + "\\,150\\,if(gt(Y\\,135)\\,128\\,118)))':cr='if(" + car + "\\,200\\,if(" + sky +
                          "\\,112\\,135+12*sin(floor(X/45)*1.3)))'," + view + ",scale={W}:{H},setsar=1";
    return testing::jumped_ahead(s, skip);
}

// An interview, 320x180: a bookshelf and a person (head swaying, mouth moving); `other` is the reverse
// shot (another person, other colours, on the left).
inline std::string interview(const std::string& view, bool other, int skip = 0) {
    const std::string cx = other ? "(110+6*sin(T*1.1))" : "(190+8*sin(T*1.3))";
    const std::string head = "lt(hypot((X-" + cx + ")/30\\,(Y-75)/40)\\,1)";
    const std::string mouth = "lt(hypot((X-" + cx + ")/10\\,(Y-98)/(2+4*abs(sin(T*9))))\\,1)";
    const std::string body = "gt(Y\\,112)*lt(abs(X-" + cx + ")\\,62)";
    const std::string shelf = other ? "60+40*sin(floor(X/20)*1.9+floor(Y/45)*2.3)" : "90+50*sin(floor(X/14)*2.7+floor(Y/40)*1.1)";
    const std::string s = "color=c=black:size=320x180:rate={R},format=yuv444p,geq=lum='if(" + mouth + "\\,60\\,if(" + head +
                          "\\," + (other ? "140" : "175") + "\\,if(" + body + "\\," + (other ? "200" : "50") + "\\,if(lt(mod(Y\\,40)\\,4)\\,30\\," +
                          shelf + "))))':cb='if(" + head + "\\,110\\,if(" + body + "\\," + (other ? "100" : "150") +
                          "\\,128+30*sin(floor(X/14)*1.7)))':cr='if(" + head + "\\,152\\,if(" + body + "\\," + (other ? "170" : "115") +
                          "\\,128+25*cos(floor(X/14)*2.2)))'," + view + ",scale={W}:{H},setsar=1";
    return testing::jumped_ahead(s, skip);
}

// A night road, 320x180: dark and low in contrast, two headlights coming closer and passing.
inline std::string night(const std::string& view, int skip = 0) {
    const std::string lights = "lt(hypot(X-(120+T*25)\\,Y-120)\\,6+T*1.5)+lt(hypot(X-(160+T*32)\\,Y-120)\\,6+T*1.5)";
    const std::string s = "color=c=black:size=320x180:rate={R},format=yuv444p,geq=lum='if(" + lights +
                          "\\,235\\,22+10*gt(Y\\,110)+6*sin(X/17)*sin(Y/13))':cb='if(" + lights + "\\,120\\,135)':cr='125'," + view +
                          ",scale={W}:{H},setsar=1";
    return testing::jumped_ahead(s, skip);
}

// Textures that change every frame without rigid motion (a plasma, turbulence, a shimmering sea, a
// stage with sweeping beams over a swaying crowd).
inline const char* const kPlasma =
    "color=c=black:size={W}x{H}:rate={R},format=yuv444p,geq=lum='128+55*sin(X/11+T*2.3)+45*sin(hypot(X-80+30*sin(T)\\,Y-45)/7-T*3.1)':"
    "cb='128+50*sin(Y/17+T*1.7)':cr='128+50*cos(X/23-T*1.2)'";
inline const char* const kTurbulence =
    "color=c=black:size={W}x{H}:rate={R},format=yuv444p,geq=lum='120+70*sin(X/7*cos(T*0.7)+Y/9*sin(T*0.5)+T*2)':"
    "cb='150+40*sin(X/19+T)':cr='100+30*sin(Y/8-T*2)'";
inline const char* const kSea =
    "color=c=black:size={W}x{H}:rate={R},format=yuv444p,geq=lum='if(lt(Y\\,28)\\,210-2*Y\\,90+35*sin(X/9+T*4+3*sin(Y/5))*Y/90+"
    "25*sin(X/3-T*7)*lt(Y\\,40))':cb='if(lt(Y\\,28)\\,140\\,165)':cr='if(lt(Y\\,28)\\,120\\,100)'";
inline const char* const kStage =
    "color=c=black:size={W}x{H}:rate={R},format=yuv444p,geq=lum='if(gt(Y\\,62+6*sin(X/6+sin(T*5)*3))\\,18\\,30+170*lt(abs(X-80-60*sin(T*2)+"
    "(Y-45)*0.5)\\,9)+120*lt(abs(X-80+50*sin(T*1.4)-(Y-45)*0.4)\\,6))':cb='128+60*sin(T*1.3)':cr='128+60*cos(T*0.9)'";
// A sports field, 640x360 (grass stripes, lines, a ball), seen through a fast pan.
inline std::string field(const std::string& view) {
    return "color=c=black:size=640x360:rate={R},format=yuv444p,geq=lum='if(lt(hypot(X-320-200*sin(T*1.7)\\,Y-180-90*sin(T*2.3))\\,8)\\,"
           "240\\,if(lt(mod(X\\,80)\\,3)+lt(abs(Y-180)\\,2)\\,220\\,100+18*lt(mod(X\\,40)\\,20)))':cb='if(lt(mod(X\\,80)\\,3)\\,128\\,85)':"
           "cr='if(lt(mod(X\\,80)\\,3)\\,128\\,95)'," + view + ",scale={W}:{H},setsar=1";
}
inline std::string line_art(const std::string& view, int skip = 0) {
    return testing::jumped_ahead("testsrc2=size=480x270:rate={R},edgedetect=mode=colormix:high=0.2:low=0.05," + view + ",scale={W}:{H},setsar=1", skip);
}
// A zone plate (rings that run outwards) and a news graphic (a grid with a box sliding over it).
inline const char* const kRings =
    "color=c=black:size={W}x{H}:rate={R},format=yuv444p,geq=lum='128+100*sin(hypot(X-80\\,Y-45)*hypot(X-80\\,Y-45)/90-T*4)':"
    "cb='128+40*sin(T)':cr='140'";
inline const char* const kGraphic =
    "color=c=0x102040:size={W}x{H}:rate={R},drawgrid=w=20:h=15:t=1:c=0x4070a0,drawbox=x='10+t*30':y=30:w=40:h=25:color=0xf0c020:t=fill";
inline const char* const kMandel =
    "mandelbrot=size={W}x{H}:rate={R}:start_x=-0.235125:start_y=0.827215:start_scale=0.05:end_scale=0.01:end_pts=500:"
    "outer=outz:inner=convergence";
inline const char* const kMandel2 =
    "mandelbrot=size={W}x{H}:rate={R}:start_x=-0.1011:start_y=0.9563:start_scale=0.1:end_scale=0.03:end_pts=400:outer=iteration_count";
inline const char* const kRule105 = "cellauto=size={W}x{H}:rate={R}:rule=105:random_seed=151:random_fill_ratio=0.5,hue=h=140";
inline const char* const kRule22 = "cellauto=size={W}x{H}:rate={R}:rule=22:random_seed=152:random_fill_ratio=0.2";
inline const char* const kLife = "life=size={W}x{H}:rate={R}:random_seed=153:ratio=0.25:mold=30:life_color=#ff4040:death_color=#002060";
inline const char* const kBarsTurn = "smptehdbars=size=320x320:rate={R},rotate=a=0.35*t:ow=160:oh=90,hue=s=0.7";
inline const char* const kYuvZoom =
    "yuvtestsrc=size=320x180:rate={R},zoompan=z='1+0.006*in':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':s={W}x{H}:fps={R}";
// A hand-held shot (crop with sin() offsets) over the street or the line art.
inline std::string street_shake(int skip = 0) {
    return street("crop=200:112:x='60+30*sin(t*8)':y='30+18*sin(t*6.3)'", skip);
}

}  // namespace h5

inline std::vector<testing::SyntheticVideo> holdout5_videos() {
    using namespace h5;
    using testing::Join;
    using testing::at_rate;
    std::vector<testing::SyntheticVideo> list;
    {
        testing::SyntheticVideo v = at_rate("30000/1001", 30000.0 / 1001.0);  // news: a street, an interview
        v.overlay = "noise=alls=6:allf=t:all_seed=161";
        v.shots = {{street("crop=240:135:x='20+t*10':y=20"), 70},
                   {street("crop=160:90:x='130+t*10':y=75", 70), 55},                 // 70: closer on the street
                   {interview("crop=320:180:0:0", false), 80, Join::hlslice, 14},     // 118: slices
                   {interview("crop=320:180:0:0", false, 100), 60},                   // 191: jump cut (20 skipped)
                   {interview("crop=320:180:0:0", true), 50},                         // 251: reverse shot
                   {kPlasma, 60, Join::fadegrays, 20},                                // 291: grey fade
                   {kMandel, 50, Join::distance, 16},                                 // 333: distance
                   {field("crop=160:90:x='40+t*220':y='100+t*30'"), 50},              // 375: into a fast pan
                   {field("crop=160:90:x='460-t*200':y='200-t*40'"), 45},             // 425: pan to pan, one field
                   {kSea, 60, Join::squeezeh, 16},                                    // 462: squeeze
                   {kRule105, 50, Join::fadeblack, 24},                               // 502: dip to black
                   {kRings, 50, Join::vuslice, 14}};                                  // 533: slices up
        v.flash_frames = {30, 193, 400, 402};  // mid-shot; 2 after the jump; a double flash over the fast pan
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = at_rate("24000/1001", 24000.0 / 1001.0);  // a music video: stage, motion
        v.shots = {{kStage, 60},
                   {line_art("crop=160:90:x='t*70':y=40"), 45},                      // 60: into a pan over line art
                   {kYuvZoom, 50, Join::zoomin, 16},                                  // 97: zoom in
                   {kTurbulence, 45, Join::circlecrop, 18},                           // 130: circle crop
                   {street_shake(0), 50, Join::diagbr, 14},                           // 159: diagonal
                   {street_shake(58), 45},                                            // 202: jump cut (8 skipped) in a shake
                   {kPlasma, 50, Join::dissolve, 12},                                 // 241: pixel dissolve into plasma
                   {kStage, 45, Join::fadewhite, 10},                                 // 280: short dip to white
                   {kLife, 50, Join::hblur, 16},                                      // 312: blur
                   {line_art("crop=160:90:x='300-t*60':y=100"), 45, Join::slideright, 12},  // 348: slide right
                   {kBarsTurn, 50, Join::rectcrop, 16}};                              // 379: rectangle crop
        v.flash_frames = {20, 23, 26, 29, 185, 186};  // a strobe on the stage; a two-frame flash mid-shot
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = at_rate("25", 25.0);  // a drama at night, heavier grain
        v.overlay = "noise=alls=12:allf=t:all_seed=162";
        v.shots = {{night("crop=320:180:0:0"), 70},
                   {night("crop=320:180:0:0", 82), 50},                               // 70: jump cut (12 skipped)
                   {interview("crop=200:112:x=10:y=20", true), 50},                   // 120: hard cut, dark to lit
                   {interview("crop=200:112:x=100:y=20", false), 50},                 // 170: shot, reverse shot
                   {kSea, 70, Join::fade, 38},                                        // 201: 1.5 s dissolve
                   {kMandel2, 50, Join::fadeslow, 20},                                // 242: slow fade
                   {kRule22, 50, Join::wipeup, 14},                                   // 275: wipe up
                   {kTurbulence, 50, Join::fade, 24},                                 // 306: dissolve between automaton and texture
                   {kGraphic, 50, Join::horzclose, 16},                                   // 336: barn door closing
                   {night("crop=240:135:x=40:y=30", 20), 60, Join::fadeblack, 25},    // 366: 1 s dip to black
                   {kPlasma, 50}};                                                    // 413: hard cut
        v.flash_frames = {40, 41, 90, 390, 391};  // lightning (two frames); mid-shot; lightning at night
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = at_rate("24", 24.0);  // a vlog at a variable frame rate
        v.drop_every = 5;
        v.shots = {{street_shake(0), 55},
                   {field("crop=160:90:x='500-t*240':y=120"), 40},                    // 55: into a fast pan
                   {kBarsTurn, 50, Join::hrslice, 14},                                // 88: slices right
                   {kRule105, 50, Join::smoothdown, 16},                              // 123: smooth wipe down
                   {kRings, 45, Join::vertclose, 14},                                 // 158: barn door closing
                   {interview("crop=240:135:x=40:y=20", false), 60, Join::squeezev, 14},  // 189: squeeze
                   {interview("crop=240:135:x=40:y=20", false, 75), 50},              // 242: jump cut (15 skipped)
                   {kTurbulence, 50, Join::fadefast, 18},                             // 283: fast fade
                   {kMandel2, 50, Join::wipebr, 14},                                  // 317: corner wipe
                   {line_art("crop=160:90:x='20+t*30':y='20+t*20'"), 50, Join::fade, 20},  // 350: dissolve
                   {kLife, 40}};                                                      // 390: hard cut
        v.flash_frames = {30, 70, 238, 300};  // mid-shake; over the fast pan; 4 before the jump; mid-shot
        list.push_back(v);
    }
    return list;
}

}  // namespace tunesmith::cut_eval
