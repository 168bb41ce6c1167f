// bench_render: the side-by-side figure. Wall time and peak RSS of the whole
// `tunesmith generate` (compose, stems, mix, master, WAV+FLAC+MIDI) for a cue with 8 stems,
// and of plain `fluidsynth -ni -F` rendering that cue's score.mid with the same SoundFont;
// then the peak RSS of a long cue, to show memory as length grows. Each run is a child process
// measured with wait4(), so the figures are the commands' own.
// Usage: bench_render [minutes=3] [long_minutes=10] [soundfont]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "render/render.h"

namespace fs = std::filesystem;

namespace {

struct Run {
    double wall_s = 0.0;
    double cpu_s = 0.0;
    long max_rss_mb = 0;
    int status = -1;
};

// Runs argv as a child, waits with wait4 and returns its own wall time, CPU time and peak RSS.
Run run(const std::vector<std::string>& argv, const fs::path& log) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        if (std::freopen(log.c_str(), "w", stdout) == nullptr || std::freopen(log.c_str(), "a", stderr) == nullptr) _exit(126);
        execvp(args[0], args.data());
        _exit(127);
    }
    Run r;
    rusage usage{};
    int status = 0;
    if (pid < 0 || wait4(pid, &status, 0, &usage) < 0) return r;
    r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
              static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    r.max_rss_mb = usage.ru_maxrss / 1024;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::vector<std::string> generate_command(const fs::path& soundfont, double minutes, const fs::path& out) {
    const std::string tunesmith = std::string(TUNESMITH_BINARY_DIR) + "/tunesmith";
    return {tunesmith, "generate", "cinematic orchestral, D minor, 100 bpm, building to a big finish",
            "--length", std::to_string(static_cast<int>(minutes * 60.0)) + "s",
            "--instruments", "piano,strings,brass,woodwinds,guitar,bass,drums,pad", "--seed", "7",
            "--soundfont", soundfont.string(), "--quiet", "--out", out.string()};
}

void print_row(const char* what, const Run& r) {
    std::printf("%-44s %8.2f %8.2f %10ld%s\n", what, r.wall_s, r.cpu_s, r.max_rss_mb,
                r.status == 0 ? "" : "  (FAILED: see the log in the bench folder)");
}

}  // namespace

int main(int argc, char** argv) {
    const double minutes = argc > 1 ? std::atof(argv[1]) : 3.0;
    const double long_minutes = argc > 2 ? std::atof(argv[2]) : 10.0;
    tunesmith::RenderOptions options;
    if (argc > 3) options.soundfont = argv[3];
    const fs::path soundfont = tunesmith::resolve_soundfont(options);
    const fs::path dir = fs::temp_directory_path() / "tunesmith_bench_render";
    fs::remove_all(dir);
    fs::create_directories(dir);

    std::printf("SoundFont %s, %u hardware threads\n\n", soundfont.c_str(), std::thread::hardware_concurrency());
    std::printf("%-44s %8s %8s %10s\n", "command", "wall s", "cpu s", "max RSS MB");
    const Run ours = run(generate_command(soundfont, minutes, dir / "cue"), dir / "generate.log");
    char label[96];
    std::snprintf(label, sizeof label, "tunesmith generate (%.0f min, 8 stems, all)", minutes);
    print_row(label, ours);
    const Run theirs = run({"fluidsynth", "-ni", "-q", "-r", "48000", "-F", (dir / "fluidsynth.wav").string(),
                            soundfont.string(), (dir / "cue" / "score.mid").string()},
                           dir / "fluidsynth.log");
    print_row("fluidsynth -ni -F score.mid (one mix)", theirs);
    if (ours.status == 0 && theirs.status == 0) std::printf("speed-up: %.2fx (goal >= 2x)\n", theirs.wall_s / ours.wall_s);

    if (long_minutes > 0.0) {
        const Run longer = run(generate_command(soundfont, long_minutes, dir / "long"), dir / "long.log");
        std::snprintf(label, sizeof label, "tunesmith generate (%.0f min, 8 stems, all)", long_minutes);
        print_row(label, longer);
        std::printf("peak memory: %ld MB for %.0f min, %ld MB for %.0f min (goal <= 300 MB at 10 min)\n",
                    ours.max_rss_mb, minutes, longer.max_rss_mb, long_minutes);
    }
    std::printf("files in %s\n", dir.c_str());
    return 0;
}
