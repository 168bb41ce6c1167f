// bench_video: analysis speed on a 3-minute 1080p video (goal: under 20 s on 2 cores). Makes the
// video with the ffmpeg CLI (cuts every 6 s, an audio track) unless --video FILE is given, then
// times analyze_video (decode + cuts + motion + dialogue) and prints a table.
// Usage: bench_video [--video FILE] [--seconds 180] [--preset veryfast] [--threads 2] [--keep] [--skim] [--one-decoder]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "video/analysis.h"
#include "../tests/video/synthetic_video.h"

namespace {

namespace fs = std::filesystem;
using namespace tunesmith;

bool make_bench_video(const fs::path& path, int seconds, const std::string& preset) {
    // Four looks, 6 s each, repeated: hard cuts every 6 s with moving content.
    const char* looks[] = {"testsrc2=size=1920x1080:rate=30", "gradients=size=1920x1080:rate=30:speed=0.02:n=3:x0=100:y0=200:x1=1800:y1=900:c0=0x203080:c1=0xc04020:c2=0x40c060",
                           "testsrc2=size=1920x1080:rate=30,hflip", "smptehdbars=size=1920x1080:rate=30"};
    std::string graph;
    const int shots = (seconds + 5) / 6;
    for (int i = 0; i < shots; ++i)
        graph += std::string(looks[i % 4]) + ",format=yuv420p,trim=duration=6,setpts=PTS-STARTPTS[s" + std::to_string(i) + "];";
    for (int i = 0; i < shots; ++i) graph += "[s" + std::to_string(i) + "]";
    graph += "concat=n=" + std::to_string(shots) + ":v=1:a=0[v]";
    const std::string command = "ffmpeg -v error -y -filter_complex \"" + graph +
                                "\" -f lavfi -i \"sine=frequency=220:sample_rate=48000\" -map '[v]' -map 0:a -t " +
                                std::to_string(seconds) + " -c:v libx264 -preset " + preset +
                                " -pix_fmt yuv420p -c:a aac '" + path.string() + "' < /dev/null";
    return testing::run_command(command);
}

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path video;
    int seconds = 180;
    int threads = 2;
    std::string preset = "veryfast";
    bool keep = false;
    bool skim = false;
    bool chunks = true;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--video" && i + 1 < argc) video = argv[++i];
        else if (arg == "--seconds" && i + 1 < argc) seconds = std::atoi(argv[++i]);
        else if (arg == "--preset" && i + 1 < argc) preset = argv[++i];
        else if (arg == "--threads" && i + 1 < argc) threads = std::atoi(argv[++i]);
        else if (arg == "--keep") keep = true;
        else if (arg == "--skim") skim = true;
        else if (arg == "--one-decoder") chunks = false;
    }
    fs::path made;
    if (video.empty()) {
        if (!testing::have_ffmpeg()) {
            std::printf("bench_video: the ffmpeg CLI is needed to make the video (or pass --video FILE)\n");
            return 1;
        }
        made = fs::temp_directory_path() / ("tunesmith-bench-video-" + std::to_string(seconds) + "s-" + preset + ".mp4");
        if (!fs::exists(made)) {
            std::printf("making a %d s 1080p30 video (x264 %s) ...\n", seconds, preset.c_str());
            std::fflush(stdout);
            if (!make_bench_video(made, seconds, preset)) {
                std::printf("bench_video: ffmpeg failed\n");
                return 1;
            }
        }
        video = made;
    }
    VideoAnalysisOptions options;
    options.decode.threads = threads;
    options.decode.skim = skim;
    options.decode.parallel_chunks = chunks;
    const auto start = std::chrono::steady_clock::now();
    const VideoAnalysis a = analyze_video(video, options);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-34s %s\n", "video", video.filename().c_str());
    std::printf("%-34s %dx%d %s, %zu frames, %.1f s\n", "stream", a.info.width, a.info.height, a.info.video_codec.c_str(),
                a.frame_times.size(), a.length.to_double());
    std::printf("%-34s %zu cuts, %zu dialogue ranges\n", "found", a.cuts.size(), a.dialogue.size());
    std::printf("%-34s %.2f s (%.0f frames/s, %.1fx real time), goal < 20 s\n", "analysis time",
                elapsed, static_cast<double>(a.frame_times.size()) / elapsed, a.length.to_double() / elapsed);
    std::printf("%-34s %d, %s\n", "decoder threads", threads,
                chunks ? "IDR chunks in parallel (off: --one-decoder)" : "one decoder with frame threads");
    std::printf("%-34s %s, %lld frames not decoded\n", "skimming (on: --skim)", skim ? "on" : "off",
                static_cast<long long>(a.skimmed_frames));
    std::printf("%-34s %.0f MB\n", "peak RSS", peak_rss_mb());
    if (!made.empty() && !keep) fs::remove(made);
    return 0;
}
