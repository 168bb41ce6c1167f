// bench_rights: what the similarity check costs a user: loading the shipped melody index (every
// generate and check pays it; goal under 100 ms), one search for a 40-note excerpt, and
// `tunesmith check` on a whole POP909 MIDI file (goal: a second or two). Prints a table.
// Usage: bench_rights [--runs 5] [--midi FILE]
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "base/data_dir.h"
#include "rights/check.h"

namespace {

namespace fs = std::filesystem;
using namespace tunesmith;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// This process's CPU time: on a shared, loaded machine the wall clock also counts waiting.
double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

struct Timing {
    double best_ms = 1e300;    // wall clock, best run
    double median_ms = 0.0;    // wall clock
    double cpu_best_ms = 1e300;
};

// `runs` timings of `work`.
template <class Work>
Timing time_runs(int runs, Work&& work) {
    std::vector<double> took;
    Timing t;
    for (int r = 0; r < runs; ++r) {
        const double cpu = cpu_ms();
        const auto start = Clock::now();
        work();
        took.push_back(ms_since(start));
        t.cpu_best_ms = std::min(t.cpu_best_ms, cpu_ms() - cpu);
    }
    std::sort(took.begin(), took.end());
    t.best_ms = took.front();
    t.median_ms = took[took.size() / 2];
    return t;
}

void print_row(const char* step, const Timing& t, const std::string& note = {}) {
    std::printf("%-44s %9.1f %9.1f %9.1f   %s\n", step, t.best_ms, t.median_ms, t.cpu_best_ms, note.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    fs::path midi = fs::path(TUNESMITH_SOURCE_DIR) / ".." / "shared" / "data" / "pop909" / "POP909" / "001" / "001.mid";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
        if (flag == "--midi") midi = argv[i + 1];
    }
    const std::vector<fs::path> dirs = {default_data_dir() / "rights" / "melody_index"};
    std::size_t size = 0;
    const auto load = time_runs(runs, [&] { size = load_melody_index(dirs).size(); });
    std::printf("%-44s %9s %9s %9s\n", "step", "best ms", "median ms", "cpu ms");
    print_row("load shipped index", load, "(" + std::to_string(size) + " melodies)");

    const MelodyIndex index = load_melody_index(dirs);
    double checksum = 0.0;
    const auto search = time_runs(runs, [&] {
        for (std::size_t k : {42u, 400u, 800u}) {
            const MelodyLine& known = index.melodies()[k].line;
            MelodyLine query;
            for (std::size_t i = 20; i < std::min<std::size_t>(known.size(), 60); ++i) {
                query.pitches.push_back(static_cast<std::uint8_t>(known.pitches[i] + 2));
                query.iois.push_back(known.iois[i]);
            }
            checksum += check_melody(query, index).score;
        }
    });
    print_row("check 3 excerpts (40 notes, transposed)", search);

    if (fs::exists(midi)) {
        std::string what;
        const auto file = time_runs(std::min(runs, 3), [&] {
            const MelodyCheck c = check_file(midi, index);
            what = c.what;
            checksum += c.score;
        });
        print_row("check_file on a POP909 MIDI file", file, midi.filename().string() + ", checked " + what);
    } else {
        std::printf("check_file: %s not found, skipped\n", midi.c_str());
    }
    std::printf("(checksum %.3f)\n", checksum);
    return 0;
}
