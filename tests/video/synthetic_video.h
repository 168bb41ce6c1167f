// Synthetic videos with known cuts, made with the ffmpeg CLI (lavfi sources joined by hard cuts or
// xfade transitions, optional white flashes, dropped frames for a variable rate, an audio track).
// Shared by tests/video, tests/pipeline and eval/eval_video (an independent check of the library).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace tunesmith::testing {

inline bool have_ffmpeg() { return std::system("ffmpeg -version > /dev/null 2>&1") == 0; }

// Runs a shell command; true on exit status 0.
inline bool run_command(const std::string& command) { return std::system(command.c_str()) == 0; }

// A fresh, empty folder under the system temp folder.
inline std::filesystem::path fresh_temp_dir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("tunesmith-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

enum class Join {
    cut, fade, fadeblack, dissolve, fadewhite,
    // Shape transitions (session 9, the third held-out set; more in session 10, the fourth): the truth
    // counts them as gradual, centred on their middle frame.
    wipeleft, slideup, circleopen, radial, smoothleft, vertopen,
    wiperight, wipedown, wipetl, slideleft, slidedown, circleclose, pixelize, smoothup, diagtl, horzopen,
    // Session 11 (the fifth held-out set). The first six are mixes (gradual, not shape transitions).
    fadegrays, distance, zoomin, hblur, fadeslow, fadefast,
    hlslice, vuslice, hrslice, squeezeh, squeezev, circlecrop, rectcrop, diagbr, slideright, wipeup, wipebr,
    horzclose, vertclose, smoothdown,
    // Session 12 (the sixth held-out set): xfade's remaining built-ins, and custom transitions whose
    // expression is the shot's `expr` (a mix, or a shape transition).
    smoothright, diagtr, diagbl, vdslice, wipetr, wipebl, custom_mix, custom_shape
};

// A wipe, slide, iris or other transition in which regions of the picture switch from one shot to
// the other (rather than the whole picture mixing).
inline bool is_shape(Join join) {
    const Join mixes[] = {Join::cut,      Join::fade,    Join::fadeblack, Join::dissolve, Join::fadewhite, Join::fadegrays,
                          Join::distance, Join::zoomin,  Join::hblur,     Join::fadeslow, Join::fadefast,
                          Join::custom_mix};
    for (const Join m : mixes)
        if (join == m) return false;
    return true;
}

struct Shot {
    std::string source;  // a lavfi source with {W}, {H} and {R} placeholders, e.g. "testsrc2=size={W}x{H}:rate={R}"
    int frames = 50;
    Join join = Join::cut;  // how this shot starts (ignored for the first)
    int join_frames = 0;    // length of a gradual transition
    std::string expr{};     // xfade's custom expression (Join::custom_mix, Join::custom_shape)
};

struct SyntheticVideo {
    std::string rate = "25";  // e.g. "24000/1001", "25", "30000/1001"
    double fps = 25.0;        // the same rate as a number (for xfade offsets)
    int width = 160;
    int height = 90;
    std::vector<Shot> shots;
    std::vector<int> flash_frames;  // output frames overlaid with a near-white flash (one frame each)
    int drop_every = 0;             // > 0: drop one frame in this many (a variable frame rate)
    std::string audio;              // "", "sine", or an audio file path (trimmed to the video)
    std::string codec = "libx264";
    std::string encoder_options;    // more encoder options after the defaults, which they override
                                    // (e.g. "-preset medium -crf 27": a realistic delivery quality)
    std::string overlay;            // "" or a filter applied to the whole joined video before the flashes
                                    // (e.g. film grain over every shot: "noise=alls=12:allf=t:all_seed=5")
};

struct Truth {
    int frame = 0;      // hard: first frame of the new shot; gradual: the transition's middle frame
    bool gradual = false;
    int first = 0;      // gradual: first and last blended frame
    int last = 0;
    double time(double fps) const { return frame / fps; }
};

// A video at `rate` ("24000/1001"), `fps` the same rate as a number; the other fields at their defaults.
inline SyntheticVideo at_rate(const std::string& rate, double fps) {
    SyntheticVideo v;
    v.rate = rate;
    v.fps = fps;
    return v;
}

// `filter` with its first `frames` frames dropped: the same source later in its own time, so a cut to
// it from the same source is a jump cut.
inline std::string jumped_ahead(std::string filter, int frames) {
    if (frames > 0) filter += ",trim=start_frame=" + std::to_string(frames) + ",setpts=PTS-STARTPTS";
    return filter;
}

inline std::string with_size(std::string source, const SyntheticVideo& v) {
    const std::pair<std::string, std::string> keys[] = {
        {"{W}", std::to_string(v.width)}, {"{H}", std::to_string(v.height)}, {"{R}", v.rate}};
    for (const auto& [key, value] : keys)
        for (std::size_t at = source.find(key); at != std::string::npos; at = source.find(key))
            source.replace(at, key.size(), value);
    return source;
}

// FFmpeg xfade's name of a transition, in the order of Join (cut has none).
inline const char* xfade_name(Join join) {
    static const char* const names[] = {"",          "fade",       "fadeblack", "dissolve",  "fadewhite",
                                        "wipeleft",  "slideup",    "circleopen", "radial",   "smoothleft",
                                        "vertopen",  "wiperight",  "wipedown",  "wipetl",    "slideleft",
                                        "slidedown", "circleclose", "pixelize", "smoothup",  "diagtl",
                                        "horzopen",  "fadegrays",  "distance",  "zoomin",    "hblur",
                                        "fadeslow",  "fadefast",   "hlslice",   "vuslice",   "hrslice",
                                        "squeezeh",  "squeezev",   "circlecrop", "rectcrop", "diagbr",
                                        "slideright", "wipeup",    "wipebr",    "horzclose", "vertclose",
                                        "smoothdown", "smoothright", "diagtr",   "diagbl",    "vdslice",
                                        "wipetr",    "wipebl",     "custom",    "custom"};
    return names[static_cast<int>(join)];
}

// The filter graph and the true cut frames (before any dropped frames).
inline std::string filter_graph(const SyntheticVideo& v, std::vector<Truth>& truth) {
    std::string graph;
    for (std::size_t i = 0; i < v.shots.size(); ++i)
        graph += with_size(v.shots[i].source, v) + ",format=yuv420p,trim=end_frame=" + std::to_string(v.shots[i].frames) +
                 ",setpts=PTS-STARTPTS,settb=1/90000[s" + std::to_string(i) + "];";
    int length = v.shots.empty() ? 0 : v.shots[0].frames;
    std::string last = "s0";
    for (std::size_t i = 1; i < v.shots.size(); ++i) {
        const Shot& shot = v.shots[i];
        const std::string out = "c" + std::to_string(i);
        if (shot.join == Join::cut) {
            graph += "[" + last + "][s" + std::to_string(i) + "]concat=n=2:v=1:a=0,settb=1/90000[" + out + "];";
            truth.push_back(Truth{length, false, length, length});
            length += shot.frames;
        } else {
            const int d = shot.join_frames;
            char offset[64];
            std::snprintf(offset, sizeof offset, "%.6f", (length - d) / v.fps);
            char duration[64];
            std::snprintf(duration, sizeof duration, "%.6f", d / v.fps);
            graph += "[" + last + "][s" + std::to_string(i) + "]xfade=transition=" + xfade_name(shot.join) +
                     ":duration=" + duration + ":offset=" + offset + (shot.expr.empty() ? "" : ":expr='" + shot.expr + "'") +
                     "[" + out + "];";
            truth.push_back(Truth{length - d / 2, true, length - d, length - 1});
            length += shot.frames - d;
        }
        last = out;
    }
    std::string tail = "[" + last + "]fps=" + v.rate;
    if (!v.overlay.empty()) tail += "," + v.overlay;
    for (int f : v.flash_frames)
        tail += ",drawbox=x=0:y=0:w=iw:h=ih:color=white@0.85:t=fill:enable='eq(n\\," + std::to_string(f) + ")'";
    if (v.drop_every > 0)
        tail += ",select='not(eq(mod(n\\," + std::to_string(v.drop_every) + ")\\," +
                std::to_string(v.drop_every / 2) + "))'";
    graph += tail + "[v]";
    return graph;
}

// Writes the video to `path`; returns the true cuts (frame numbers of the full-rate sequence:
// with drop_every, compare by time). Empty vector and false `ok` on failure.
inline std::vector<Truth> make_video(const SyntheticVideo& v, const std::filesystem::path& path, bool& ok) {
    std::vector<Truth> truth;
    const std::string graph = filter_graph(v, truth);
    int frames = 0;
    for (std::size_t i = 0; i < v.shots.size(); ++i)
        frames += v.shots[i].frames - (i > 0 && v.shots[i].join != Join::cut ? v.shots[i].join_frames : 0);
    char seconds[64];
    std::snprintf(seconds, sizeof seconds, "%.6f", frames / v.fps);
    std::string command = "ffmpeg -v error -y -filter_complex \"" + graph + "\"";
    if (v.audio == "sine") command += " -f lavfi -i sine=frequency=330:sample_rate=48000";
    else if (!v.audio.empty()) command += " -stream_loop -1 -i '" + v.audio + "'";
    command += " -map '[v]'";
    if (!v.audio.empty()) command += " -map 0:a -c:a aac -b:a 96k -t " + std::string(seconds);
    if (v.drop_every > 0) command += " -fps_mode vfr";
    command += " -c:v " + v.codec + (v.codec == "libx264" ? " -preset veryfast -pix_fmt yuv420p" : "") +
               (v.encoder_options.empty() ? "" : " " + v.encoder_options) + " '" + path.string() + "' < /dev/null";
    ok = run_command(command);
    return truth;
}

}  // namespace tunesmith::testing
