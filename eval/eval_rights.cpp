// Similarity-check evaluation: POP909 melodies are indexed; disguised excerpts of them (transposed,
// tempo-changed, ornamented, a few notes changed, rhythm nudged) must be found (detection rate),
// while unrelated melodies (Nottingham folk tunes, held-out POP909 songs) and tunesmith's own
// melodies must not (false-positive rates). Prints score percentiles and a threshold sweep.
// Usage: eval_rights [--songs N] [--queries N] [--cues N]
#include <algorithm>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "../tests/rights/melody_disguise.h"
#include "base/data_dir.h"
#include "compose/compose.h"
#include "compose/plan.h"
#include "compose/style.h"
#include "rights/check.h"

namespace {

using namespace tunesmith;
namespace fs = std::filesystem;

struct Args {
    int songs = 909;
    int queries = 200;
    int cues = 36;
};

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const int value = std::atoi(argv[i + 1]);
        if (flag == "--songs") a.songs = value;
        else if (flag == "--queries") a.queries = value;
        else if (flag == "--cues") a.cues = value;
    }
    return a;
}

std::vector<IndexedMelody> load_folder(const fs::path& dir, const std::string& source, const std::string& track,
                                       int limit, bool recursive) {
    std::vector<fs::path> files;
    if (!fs::is_directory(dir)) return {};
    if (recursive) {
        for (const auto& e : fs::recursive_directory_iterator(dir))
            if (e.path().extension() == ".mid" && e.path().stem().string().size() == 3) files.push_back(e.path());
    } else {
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".mid") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<IndexedMelody> out;
    for (const auto& f : files) {
        if (static_cast<int>(out.size()) >= limit) break;
        try {
            out.push_back(melody_from_midi(f, source + "/" + f.stem().string(), source, track));
        } catch (const std::exception&) {
            // a file without a usable melody track is skipped
        }
    }
    return out;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

double rate_at_or_above(const std::vector<double>& v, double t) {
    if (v.empty()) return 0.0;
    return static_cast<double>(std::count_if(v.begin(), v.end(), [&](double s) { return s >= t; })) /
           static_cast<double>(v.size());
}

// Disguised excerpts of indexed melodies: score of the true source's best alignment.
std::vector<double> disguised_scores(const MelodyIndex& index, int queries, int& found_first) {
    std::vector<double> scores;
    found_first = 0;
    Rng rng(2026);
    for (int q = 0; q < queries; ++q) {
        Rng r = rng.fork(static_cast<std::uint64_t>(q));
        const auto& source = index.melodies()[static_cast<std::size_t>(r.range(0, static_cast<int>(index.size()) - 1))];
        if (source.line.size() < 60) continue;
        const auto first = static_cast<std::size_t>(r.range(0, static_cast<int>(source.line.size()) - 48));
        testing_disguise::Disguise d;
        d.transpose = r.range(-6, 6);
        d.tempo = r.uniform(0.7, 1.4);
        const MelodyLine query = testing_disguise::disguise(testing_disguise::excerpt(source.line, first, 40), d, r.fork("d"));
        const auto matches = index.search(query);
        double score = 0.0;
        for (const auto& m : matches)
            if (m.id == source.id) score = std::max(score, m.score);
        if (!matches.empty() && matches.front().id == source.id) ++found_first;
        scores.push_back(score);
    }
    return scores;
}

// Best score of 40-note excerpts of unrelated melodies against the index.
std::vector<double> unrelated_scores(const MelodyIndex& index, const std::vector<IndexedMelody>& others) {
    std::vector<double> scores;
    for (const auto& m : others) {
        const MelodyLine query = testing_disguise::excerpt(m.line, m.line.size() > 60 ? 10 : 0, 40);
        scores.push_back(check_melody(query, index).score);
    }
    return scores;
}

// tunesmith's own melodies: cues in every style with different seeds.
std::vector<double> own_scores(const MelodyIndex& index, int cues) {
    const StyleLibrary styles = load_styles(default_data_dir());
    const char* style_names[] = {"ambient", "cinematic", "corporate", "electronic", "folk", "jazz",
                                 "lofi", "orchestral", "piano", "pop", "rock", "tension"};
    std::vector<double> scores;
    for (int c = 0; c < cues; ++c) {
        CueSpec spec;
        spec.style = {style_names[c % 12]};
        spec.length = Seconds(45.0);
        spec.seed = 1000 + static_cast<std::uint64_t>(c);
        const Plan plan = make_plan(spec);
        const Style& style = choose_style(styles, spec);
        scores.push_back(check_melody(melody_line(compose_melody(plan, spec, style)), index).score);
    }
    return scores;
}

void print_group(const char* name, const std::vector<double>& s) {
    std::printf("%-34s n=%4zu  p50 %.3f  p90 %.3f  p99 %.3f  max %.3f\n", name, s.size(), percentile(s, 0.5),
                percentile(s, 0.9), percentile(s, 0.99), percentile(s, 1.0));
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parse_args(argc, argv);
    const fs::path shared = TUNESMITH_SHARED_DATA_DIR;
    const auto pop = load_folder(shared / "pop909" / "POP909", "pop909", "MELODY", args.songs, true);
    if (pop.size() < 20) {
        std::fprintf(stderr, "eval_rights: POP909 not found under %s\n", shared.c_str());
        return 1;
    }
    // The index holds the first half; the second half is "unrelated pop" for false positives.
    MelodyIndex index;
    MelodyIndex full;
    for (std::size_t i = 0; i < pop.size(); ++i) {
        if (i % 2 == 0) index.add(pop[i]);
        full.add(pop[i]);
    }
    std::vector<IndexedMelody> held_out;
    for (std::size_t i = 1; i < pop.size(); i += 2) held_out.push_back(pop[i]);
    const auto folk = load_folder(shared / "nottingham" / "MIDI" / "melody", "nottingham", "", 400, false);

    int found_first = 0;
    const auto disguised = disguised_scores(index, args.queries, found_first);
    const auto pop_other = unrelated_scores(index, held_out);
    const auto folk_scores = unrelated_scores(full, folk);
    const auto own = own_scores(full, args.cues);

    std::printf("index: %zu POP909 melodies (even songs); held-out %zu, Nottingham %zu, own cues %zu\n",
                index.size(), held_out.size(), folk.size(), own.size());
    print_group("disguised POP909 excerpts (40 n.)", disguised);
    print_group("held-out POP909 excerpts", pop_other);
    print_group("Nottingham excerpts (vs all POP909)", folk_scores);
    print_group("tunesmith melodies (vs all POP909)", own);
    std::printf("source ranked first: %d / %zu\n\n", found_first, disguised.size());
    std::printf("threshold  detection  FP held-out pop  FP Nottingham  FP tunesmith\n");
    for (double t = 0.50; t <= 0.951; t += 0.05)
        std::printf("  %.2f%s     %5.1f%%        %5.1f%%          %5.1f%%        %5.1f%%\n", t,
                    std::abs(t - kMelodyThreshold) < 1e-9 ? "*" : " ", 100.0 * rate_at_or_above(disguised, t),
                    100.0 * rate_at_or_above(pop_other, t), 100.0 * rate_at_or_above(folk_scores, t),
                    100.0 * rate_at_or_above(own, t));
    std::printf("(* = kMelodyThreshold, the threshold generate and check use)\n");
    return 0;
}
