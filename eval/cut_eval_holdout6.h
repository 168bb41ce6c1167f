// The sixth held-out set of eval_video's cut evaluation (session 12): written before any detector
// change of that session, its truth from how the videos are built, run once before and once at the
// end. Header-only; eval code only (the videos are made by the ffmpeg CLI, tests/video/synthetic_video.h).
#pragma once

#include <string>
#include <vector>

#include "../tests/video/synthetic_video.h"

namespace tunesmith::cut_eval {

// Edit-like material on generated places no earlier set uses: a forest (trunks, swaying leaves), a
// city skyline at dusk (blinking windows, a plane), under water (caustics, a fish), a desert with heat
// shimmer, the view from a train window (layers moving at different speeds), fireworks over a dark
// town, a car's dashboard at night (road marks, passing street lights), a kitchen with a vlogger, a
// spiral gradient, a morphing fractal, a highlife automaton and rule 57. Edits: cuts between framings
// of one place (a punch-in, a reverse angle), dark to dark, jump cuts (in a slow zoom, a hand-held
// shot, a talking head, a night drive), flashes and light bursts that are not cuts (camera flashes,
// fireworks, street lights), and transitions the earlier sets do not use: xfade's smoothright,
// diagtr, diagbl, vdslice, wipetr, wipebl, and custom ones (venetian blinds, blocks switching in
// random order, the next picture growing from the centre, a diamond iris; an additive dissolve, a
// dip through dark blue, an eased dissolve).
namespace h6 {

// A generated place, 320x180: luma, cb and cr expressions of geq, then `view` (a crop, zoom or
// turn), scaled to the video's size.
inline std::string place(const std::string& lum, const std::string& cb, const std::string& cr, const std::string& view,
                         int skip) {
    return testing::jumped_ahead("color=c=black:size=320x180:rate={R},format=yuv444p,geq=lum='" + lum + "':cb='" + cb + "':cr='" + cr +
                       "'," + view + ",scale={W}:{H},setsar=1",
                   skip);
}

// A forest: sky over the canopy, dark trunks, swaying leaves, undergrowth and a path.
inline std::string forest(const std::string& view, int skip = 0) {
    const std::string sky = "lt(Y\\,30+12*sin(X/23))";
    const std::string trunk = "lt(mod(X+9*floor(X/53)\\,53)\\,7+4*sin(floor(X/53)*1.7))*gt(Y\\,40)";
    const std::string leaves = "lt(Y\\,85)";
    const std::string lum = "if(" + sky + "\\,215-Y\\,if(" + trunk + "\\,40+10*sin(Y/9)\\,if(" + leaves +
                            "\\,85+45*sin(X/5+2*sin(T*2))*sin(Y/4+T)\\,if(gt(Y\\,150)\\,120+25*sin(X/13)\\,95+30*sin(X/7+Y/5)))))";
    const std::string cb = "if(" + sky + "\\,150\\,if(" + trunk + "\\,120\\,if(" + leaves + "\\,95\\,110)))";
    const std::string cr = "if(" + sky + "\\,115\\,if(" + trunk + "\\,140\\,if(" + leaves + "\\,105\\,140)))";
    return place(lum, cb, cr, view, skip);
}

// A city skyline at dusk: a purple sky, building tops, windows that switch on and off, a plane's light.
inline std::string skyline(const std::string& view, int skip = 0) {
    const std::string top = "(75+35*sin(floor(X/19)*2.3)+18*sin(floor(X/19)*5.1))";
    const std::string window = "lt(mod(X\\,19)\\,12)*gt(mod(X\\,6)\\,2)*gt(mod(Y\\,9)\\,4)*gt(sin(floor(X/6)*12.9+floor(Y/9)*7.1+floor(T*0.8+X/97))\\,0.2)";
    const std::string plane = "lt(hypot(X-mod(T*35\\,360)\\,28)\\,2.5)";
    const std::string lum = "if(" + plane + "\\,235\\,if(gt(Y\\," + top + ")\\,if(" + window + "\\,190\\,32)\\,50+Y*0.7))";
    const std::string cb = "if(gt(Y\\," + top + ")\\,if(" + window + "\\,100\\,130)\\,160-Y*0.2)";
    const std::string cr = "if(gt(Y\\," + top + ")\\,if(" + window + "\\,165\\,128)\\,150+Y*0.1)";
    return place(lum, cb, cr, view, skip);
}

// Under water: caustics that ripple in place (no rigid motion), a fish swimming across.
inline std::string underwater(const std::string& view, int skip = 0) {
    const std::string fish = "lt(hypot((X-mod(T*45\\,400)+40)/18\\,(Y-100-12*sin(T*3))/7)\\,1)";
    const std::string lum = "if(" + fish + "\\,185\\,75+30*sin(X/8+3*sin(Y/11+T*1.5))*sin(Y/9-T*1.2)-Y/8)";
    return place(lum, "if(" + fish + "\\,90\\,170)", "if(" + fish + "\\,170\\,95)", view, skip);
}

// A desert: a pale sky, dunes, and heat shimmer that bends the rows near the horizon.
inline std::string desert(const std::string& view, int skip = 0) {
    const std::string sky = "lt(Y\\,70+8*sin(X/40))";
    const std::string lum = "if(" + sky + "\\,215-Y/2\\,150+35*sin((X+4*sin(Y/2+T*9)*lt(Y\\,100))/25+Y/30)-Y/6)";
    return place(lum, "if(" + sky + "\\,150\\,100)", "if(" + sky + "\\,112\\,152)", view, skip);
}

// The view from a train window: far hills drift, trees pass fast, poles flick by, the window frame holds.
inline std::string train(const std::string& view, int skip = 0) {
    const std::string frame = "(lt(X\\,14)+gt(X\\,305)+lt(Y\\,10)+gt(Y\\,168))";
    const std::string pole = "lt(mod(X+T*420\\,330)\\,7)";
    const std::string tree = "lt(mod(X+T*130+20*sin(floor((X+T*130)/70))\\,70)\\,26)*gt(Y\\,95-18*sin(floor((X+T*130)/70)*1.3))";
    const std::string hill = "gt(Y\\,62+22*sin((X+T*18)/45))";
    const std::string lum = "if(" + frame + "\\,28\\,if(" + pole + "\\,35\\,if(" + tree + "\\,70\\,if(" + hill +
                            "\\,120+15*sin((X+T*18)/9)\\,200-Y))))";
    const std::string cb = "if(" + frame + "\\,128\\,if(" + tree + "\\,100\\,if(" + hill + "\\,115\\,150)))";
    const std::string cr = "if(" + frame + "\\,128\\,if(" + tree + "\\,110\\,if(" + hill + "\\,125\\,112)))";
    return place(lum, cb, cr, view, skip);
}

// Fireworks over a dark town: rings that burst, grow and fade (local light bursts, not cuts).
inline std::string fireworks(const std::string& view, int skip = 0) {
    const std::string age = "mod(T\\,1.3)";
    const std::string ring = "lt(abs(hypot(X-160-90*sin(floor(T/1.3)*2.7)\\,Y-60-25*cos(floor(T/1.3)*1.9))-" + age +
                             "*75)\\,3)*lt(" + age + "\\,0.9)";
    const std::string town = "gt(Y\\,140+12*sin(floor(X/25)*3.3))";
    const std::string lum = "if(" + town + "\\,22+50*lt(mod(X\\,9)\\,2)*lt(mod(Y\\,7)\\,2)\\,if(" + ring + "\\,235-200*" + age +
                            "\\,14+Y/14))";
    const std::string cb = "if(" + ring + "\\,128+70*sin(floor(T/1.3)*4.1)\\,140)";
    const std::string cr = "if(" + ring + "\\,128+70*cos(floor(T/1.3)*3.7)\\,122)";
    return place(lum, cb, cr, view, skip);
}

// A car's dashboard at night: road marks running towards the camera, street lights washing over the
// whole picture every second or so, a lit speedometer.
inline std::string dashboard(const std::string& view, int skip = 0) {
    const std::string road = "gt(Y\\,70)*lt(Y\\,125)";
    const std::string mark = "lt(abs(X-160)\\,1+(Y-68)/9)*lt(mod(700/(Y-66)+T*9\\,2)\\,1)";
    const std::string dial = "lt(abs(hypot(X-110\\,Y-152)-16)\\,2)";
    const std::string wash = "34*pow(max(0\\,sin(T*4.5))\\,12)";
    const std::string lum = "if(gt(Y\\,125)\\,if(" + dial + "\\,170\\,24)\\,if(" + road + "\\,if(" + mark + "\\,200\\,38)\\,20+Y/8)+" +
                            wash + ")";
    const std::string cb = "if(" + dial + "\\,90\\,if(" + road + "*" + mark + "\\,110\\,134))";
    const std::string cr = "if(" + dial + "\\,180\\,if(" + road + "*" + mark + "\\,140\\,124))";
    return place(lum, cb, cr, view, skip);
}

// A kitchen with a vlogger: tiles, a window with a drifting cloud, a counter, a person talking.
inline std::string kitchen(const std::string& view, int skip = 0) {
    const std::string cx = "(205+7*sin(T*1.7))";
    const std::string head = "lt(hypot((X-" + cx + ")/26\\,(Y-70)/34)\\,1)";
    const std::string mouth = "lt(hypot((X-" + cx + ")/9\\,(Y-88)/(1.5+3.5*abs(sin(T*8.3))))\\,1)";
    const std::string body = "gt(Y\\,102)*lt(abs(X-" + cx + ")\\,48+(Y-102)/3)";
    const std::string window = "gt(X\\,20)*lt(X\\,110)*gt(Y\\,18)*lt(Y\\,78)";
    const std::string cloud = "lt(hypot((X-30-mod(T*9\\,90))/22\\,(Y-40)/9)\\,1)";
    const std::string lum = "if(" + mouth + "\\,55\\,if(" + head + "\\,160\\,if(" + body + "\\,62\\,if(gt(Y\\,135)\\,95+12*sin(X/3)\\,if(" +
                            window + "\\,if(" + cloud + "\\,235\\,185)\\,if(lt(mod(X\\,20)\\,2)+lt(mod(Y\\,20)\\,2)\\,165\\,212))))))";
    const std::string cb = "if(" + head + "\\,112\\,if(" + body + "\\,165\\,if(gt(Y\\,135)\\,110\\,if(" + window + "\\,155\\,122))))";
    const std::string cr = "if(" + head + "\\,150\\,if(" + body + "\\,100\\,if(gt(Y\\,135)\\,150\\,if(" + window + "\\,112\\,136))))";
    return place(lum, cb, cr, view, skip);
}

inline const char* const kSpiral =
    "gradients=size={W}x{H}:rate={R}:type=spiral:speed=0.03:seed=171:n=3:x0=80:y0=45:x1=150:y1=10:c0=0x20a0c0:c1=0xe06020:"
    "c2=0x303060";
inline const char* const kMorph =
    "mandelbrot=size={W}x{H}:rate={R}:start_x=-1.25066:start_y=0.02012:start_scale=0.2:end_scale=0.03:end_pts=300:"
    "morphamp=0.4:morphxf=0.03:morphyf=0.05:outer=iteration_count";
inline const char* const kHighlife =
    "life=size={W}x{H}:rate={R}:rule=S23/B36:random_seed=172:ratio=0.35:mold=15:life_color=#40e0ff:death_color=#301010";
inline const char* const kRule57 = "cellauto=size={W}x{H}:rate={R}:rule=57:random_seed=173:random_fill_ratio=0.4,hue=h=200";

// Custom xfade expressions (P runs from 1 to 0). X and Y count each plane's own pixels while W and H
// are the picture's, so a position is normalised per plane (the chroma planes are half size, 4:2:0).
inline const std::string kX = "(X*(1+gt(PLANE\\,0))/W)";
inline const std::string kY = "(Y*(1+gt(PLANE\\,0))/H)";
// Venetian blinds: 8 horizontal slats, each filled from its top at once.
inline const std::string kBlinds = "if(lt(mod(" + kY + "*8\\,1)\\,1-P)\\,B\\,A)";
// Blocks (10x6) switching in a random order.
inline const std::string kBlocks = "if(gt(mod(abs(sin(floor(" + kX + "*10)*12.9898+floor(" + kY +
                                   "*6)*78.233)*43758.5453)\\,1)\\,P)\\,B\\,A)";
// The next picture, shrunk into a centred rectangle, grows to fill the frame over the old one.
inline const std::string kGrow = "if(lt(abs(" + kX + "-0.5)\\,(1-P)/2)*lt(abs(" + kY + "-0.5)\\,(1-P)/2)\\,if(eq(PLANE\\,0)\\,"
                                 "b0((X-W/2)/(1-P)+W/2\\,(Y-H/2)/(1-P)+H/2)\\,if(eq(PLANE\\,1)\\,b1((X-W/4)/(1-P)+W/4\\,"
                                 "(Y-H/4)/(1-P)+H/4)\\,b2((X-W/4)/(1-P)+W/4\\,(Y-H/4)/(1-P)+H/4)))\\,A)";
// A diamond iris opening from the centre.
inline const std::string kDiamond = "if(lt(abs(" + kX + "-0.5)+abs(" + kY + "-0.5)\\,(1-P)*1.05)\\,B\\,A)";
// An additive dissolve: the incoming picture is added at full strength before the outgoing one fades.
inline const std::string kAdditive = "if(eq(PLANE\\,0)\\,min(255\\,A*min(1\\,2*P)+B*min(1\\,2-2*P))\\,"
                                     "clip(128+(A-128)*min(1\\,2*P)+(B-128)*min(1\\,2-2*P)\\,0\\,255))";
// A dip through dark blue (Y 40, U 170, V 110).
inline const std::string kDipBlue = "if(gt(P\\,0.5)\\,A*(2*P-1)+if(eq(PLANE\\,0)\\,40\\,if(eq(PLANE\\,1)\\,170\\,110))*(2-2*P)\\,"
                                    "B*(1-2*P)+if(eq(PLANE\\,0)\\,40\\,if(eq(PLANE\\,1)\\,170\\,110))*2*P)";
// An eased (smoothstep) dissolve.
inline const std::string kEased = "A*P*P*(3-2*P)+B*(1-P*P*(3-2*P))";

}  // namespace h6

inline std::vector<testing::SyntheticVideo> holdout6_videos() {
    using namespace h6;
    using testing::Join;
    using testing::at_rate;
    std::vector<testing::SyntheticVideo> list;
    {
        testing::SyntheticVideo v = at_rate("24000/1001", 24000.0 / 1001.0);  // a travel film under light grain
        v.overlay = "noise=alls=7:allf=t:all_seed=174";
        const std::string zoom = "zoompan=z='1+0.004*in':d=1:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':s=320x180:fps={R}";
        v.shots = {{forest("crop=240:135:x='30+t*14':y=25"), 70},
                   {forest("crop=160:90:x='150+t*14':y=70", 70), 55},                // 70: closer on the same forest
                   {skyline(zoom), 60},                                                // 125: hard cut
                   {skyline(zoom, 80), 45},                                            // 185: jump cut (20 skipped) in a slow zoom
                   {underwater("crop=320:180:0:0"), 60, Join::fade, 24},               // 218: dissolve
                   {train("crop=320:180:0:0"), 55, Join::diagtr, 14},                  // 259: diagonal
                   {desert("crop=240:135:x='20+t*5':y=30"), 50},                       // 307: hard cut
                   {fireworks("crop=320:180:0:0"), 60},                                // 357: hard cut into the night
                   {forest("crop=320:180:0:0"), 50, Join::custom_shape, 16, kBlinds},  // 409: venetian blinds
                   {kSpiral, 40},                                                      // 451: hard cut
                   {kitchen("crop=320:180:0:0"), 45, Join::fadeblack, 20}};            // 481: dip to black
        v.flash_frames = {40, 187, 330};  // a camera flash mid-shot; 2 after the jump; mid-shot
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = at_rate("25", 25.0);  // a music video: night, fast cuts
        v.width = 192;
        v.height = 108;
        v.shots = {{dashboard("crop=320:180:0:0"), 50},
                   {fireworks("crop=240:135:x=40:y=10"), 40},                           // 50: dark to dark
                   {train("crop=320:180:0:0"), 45},                                     // 90: hard cut
                   {kMorph, 50, Join::custom_shape, 16, kBlocks},                       // 127: blocks in random order
                   {kHighlife, 45},                                                     // 169: hard cut
                   {kitchen("crop=220:124:x='50+25*sin(t*7)':y='28+14*sin(t*5.3)'"), 50, Join::wipebl, 14},  // 207: corner wipe
                   {kitchen("crop=220:124:x='50+25*sin(t*7)':y='28+14*sin(t*5.3)'", 60), 45},  // 250: jump cut (10 skipped), hand-held
                   {skyline("crop=240:135:x='10+t*20':y=20"), 50, Join::fadewhite, 12},  // 289: dip to white
                   {underwater("crop=200:112:x=60:y=40"), 45},                          // 333: hard cut
                   {desert("crop=320:180:0:0"), 50, Join::custom_mix, 20, kAdditive},   // 368: additive dissolve
                   {kRule57, 40}};                                                      // 408: hard cut
        v.flash_frames = {20, 22, 24, 92, 300};  // a strobe; 2 after the cut at 90; mid-shot
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = at_rate("30000/1001", 30000.0 / 1001.0);  // a documentary: interview and b-roll
        v.overlay = "noise=alls=4:allf=t+u:all_seed=175";
        v.shots = {{kitchen("crop=320:180:0:0"), 80},
                   {kitchen("crop=160:90:x=125:y=30", 80), 60},                          // 80: punch-in, time goes on
                   {kitchen("crop=160:90:x=125:y=30", 180), 55},                         // 140: jump cut (40 skipped)
                   {forest("crop=240:135:x='60-t*10':y=20"), 60, Join::dissolve, 12},    // 189: pixel dissolve
                   {desert("crop=240:135:x='20+t*6':y=30"), 60},                         // 243: hard cut
                   {desert("hflip,crop=200:112:x='60+t*6':y=50"), 50},                   // 303: reverse angle
                   {skyline("crop=320:180:0:0"), 60, Join::custom_mix, 24, kDipBlue},    // 341: dip through blue
                   {underwater("crop=320:180:0:0"), 50, Join::vdslice, 16},              // 381: slices down
                   {kMorph, 50, Join::smoothright, 18},                                  // 414: smooth wipe right
                   {kitchen("crop=320:180:0:0", 300), 60, Join::fade, 30},               // 440: 1 s dissolve
                   {fireworks("crop=320:180:0:0"), 40}};                                 // 485: hard cut
        v.flash_frames = {30, 138, 220};  // mid-shot; 2 before the jump; mid-shot
        list.push_back(v);
    }
    {
        testing::SyntheticVideo v = at_rate("30000/1001", 30000.0 / 1001.0);  // a vlog at a variable frame rate
        v.drop_every = 7;
        v.shots = {{train("crop=320:180:0:0"), 55},
                   {dashboard("crop=320:180:0:0"), 45},                                   // 55: hard cut
                   {dashboard("crop=320:180:0:0", 63), 45},                               // 100: jump cut (18 skipped)
                   {forest("rotate=a='0.08*sin(t*0.8)',crop=240:135:40:22"), 50, Join::custom_shape, 16, kGrow},  // 137: grows
                   {underwater("crop=240:135:x='t*15':y=20"), 50},                        // 179: hard cut
                   {kitchen("crop=220:124:x='50+25*sin(t*6)':y='28+14*sin(t*4.7)'"), 50, Join::wipetr, 14},  // 222: corner wipe
                   {kHighlife, 45},                                                       // 265: hard cut
                   {skyline("crop=320:180:0:0"), 50, Join::custom_shape, 16, kDiamond},   // 302: diamond iris
                   {desert("crop=320:180:0:0"), 50, Join::custom_mix, 20, kEased},        // 334: eased dissolve
                   {fireworks("crop=320:180:0:0"), 45, Join::diagbl, 14},                 // 367: diagonal
                   {forest("crop=240:135:x=40:y=22"), 40}};                               // 405: hard cut
        v.flash_frames = {25, 57, 250, 251};  // mid-shot; 2 after the cut at 55; a two-frame flash
        list.push_back(v);
    }
    return list;
}

}  // namespace tunesmith::cut_eval
