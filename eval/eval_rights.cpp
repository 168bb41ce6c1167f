// Similarity-check evaluation: half of POP909's melodies are indexed; disguised excerpts of them
// (transposed, tempo-changed, ornamented, a few notes changed, rhythm nudged) must be found
// (detection rate), while unrelated melodies (held-out POP909 songs, Nottingham folk tunes) and
// tunesmith's own melodies must not (false-positive rates). Every group is split into a tuning
// half (the threshold is chosen there) and a report half (the figures to quote); prints score
// percentiles, a threshold sweep for each half and the shipped index's size and load time.
// Usage: eval_rights [--songs N] [--queries N] [--cues N] [--floor-share X] [--ceiling-share Y]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
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
    double floor_share = AlignmentOptions{}.floor_share;
    double ceiling_share = AlignmentOptions{}.ceiling_share;
};

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const int value = std::atoi(argv[i + 1]);
        if (flag == "--floor-share") a.floor_share = std::atof(argv[i + 1]);
        if (flag == "--ceiling-share") a.ceiling_share = std::atof(argv[i + 1]);
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

// Scores of one group, split into the tuning half and the report half.
struct Split {
    std::vector<double> tuning;
    std::vector<double> report;
    void add(bool to_tuning, double score) { (to_tuning ? tuning : report).push_back(score); }
};

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

// Disguised 40-note excerpts of indexed melodies at the stated strengths: the score of the true
// source (0 when it is not among the best three matches). Even queries tune, odd ones report.
Split disguised_scores(const MelodyIndex& index, const SearchOptions& search, int queries, int& found_first, int& asked) {
    Split scores;
    found_first = 0;
    asked = 0;
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
        SearchOptions options = search;
        options.results = 3;
        const auto matches = index.search(query, options);
        double score = 0.0;
        for (const auto& m : matches)
            if (m.id == source.id) score = std::max(score, m.score);
        if (!matches.empty() && matches.front().id == source.id) ++found_first;
        ++asked;
        scores.add(q % 2 == 0, score);
    }
    return scores;
}

// What check_melody reports, with the evaluation's search options.
double best_score(const MelodyIndex& index, const MelodyLine& query, const SearchOptions& search) {
    const auto matches = index.search(query, search);
    return matches.empty() ? 0.0 : matches.front().score;
}

// Best score of unrelated melodies against the index: a 40-note excerpt (from note 10) of each,
// or the whole melody. Even-numbered melodies tune, odd ones report.
Split unrelated_scores(const MelodyIndex& index, const SearchOptions& search, const std::vector<IndexedMelody>& others,
                       bool whole) {
    Split scores;
    for (std::size_t i = 0; i < others.size(); ++i) {
        const MelodyLine& line = others[i].line;
        const MelodyLine query = whole ? line : testing_disguise::excerpt(line, line.size() > 60 ? 10 : 0, 40);
        scores.add(i % 2 == 0, best_score(index, query, search));
    }
    return scores;
}

// tunesmith's own melodies: cues in every style with different seeds (even cues tune).
Split own_scores(const MelodyIndex& index, const SearchOptions& search, int cues) {
    const StyleLibrary styles = load_styles(default_data_dir());
    const char* style_names[] = {"ambient", "cinematic", "corporate", "electronic", "folk", "jazz",
                                 "lofi", "orchestral", "piano", "pop", "rock", "tension"};
    Split scores;
    for (int c = 0; c < cues; ++c) {
        CueSpec spec;
        spec.style = {style_names[c % 12]};
        spec.length = Seconds(45.0);
        spec.seed = 1000 + static_cast<std::uint64_t>(c);
        const Plan plan = make_plan(spec);
        const Style& style = choose_style(styles, spec);
        scores.add((c / 12) % 2 == 0, best_score(index, melody_line(compose_melody(plan, spec, style)), search));
    }
    return scores;
}

void print_group(const char* name, const std::vector<double>& s) {
    std::printf("  %-36s n=%4zu  p50 %.3f  p90 %.3f  p99 %.3f  max %.3f\n", name, s.size(), percentile(s, 0.5),
                percentile(s, 0.9), percentile(s, 0.99), percentile(s, 1.0));
}

struct Groups {
    const Split& disguised;
    const Split& pop_excerpt;
    const Split& pop_whole;
    const Split& folk;
    const Split& own;
};

std::vector<const std::vector<double>*> unrelated_of(const Groups& g, bool tuning) {
    auto pick = [&](const Split& s) { return tuning ? &s.tuning : &s.report; };
    return {pick(g.pop_excerpt), pick(g.pop_whole), pick(g.folk), pick(g.own)};
}

// The lowest threshold whose false-positive rate is at most `limit` in every unrelated group.
double choose_threshold(const Groups& g, double limit) {
    for (int k = 0; k <= 100; ++k) {
        const double t = k / 100.0;
        bool ok = true;
        for (const auto* s : unrelated_of(g, true)) ok = ok && rate_at_or_above(*s, t) <= limit;
        if (ok) return t;
    }
    return 1.0;
}

void print_sweep(const Groups& g, bool tuning, double chosen) {
    const auto unrelated = unrelated_of(g, tuning);
    const auto& detected = tuning ? g.disguised.tuning : g.disguised.report;
    std::printf("%s split: threshold -> detection | false positives: pop excerpt, pop whole, Nottingham, tunesmith\n",
                tuning ? "TUNING" : "REPORT");
    for (int k = 20; k <= 80; k += 5) {
        const double t = k / 100.0;
        std::printf("  %.2f%s  %5.1f%%  |  %5.1f%%  %5.1f%%  %5.1f%%  %5.1f%%\n", t,
                    std::abs(t - kMelodyThreshold) < 1e-9 ? "*" : " ", 100.0 * rate_at_or_above(detected, t),
                    100.0 * rate_at_or_above(*unrelated[0], t), 100.0 * rate_at_or_above(*unrelated[1], t),
                    100.0 * rate_at_or_above(*unrelated[2], t), 100.0 * rate_at_or_above(*unrelated[3], t));
    }
    std::printf("  at %.2f: %5.1f%%  |  %5.1f%%  %5.1f%%  %5.1f%%  %5.1f%%\n", chosen,
                100.0 * rate_at_or_above(detected, chosen), 100.0 * rate_at_or_above(*unrelated[0], chosen),
                100.0 * rate_at_or_above(*unrelated[1], chosen), 100.0 * rate_at_or_above(*unrelated[2], chosen),
                100.0 * rate_at_or_above(*unrelated[3], chosen));
}

// Size and load time of the shipped index (what every generate pays).
void print_shipped_index() {
    const fs::path dir = default_data_dir() / "rights" / "melody_index";
    std::uintmax_t bytes = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".tsv") bytes += fs::file_size(e.path());
    if (bytes == 0) {
        std::printf("shipped index: none at %s\n", dir.c_str());
        return;
    }
    double best_ms = 1e9;
    std::size_t size = 0;
    for (int run = 0; run < 5; ++run) {
        const auto start = std::chrono::steady_clock::now();
        size = load_melody_index({dir}).size();
        const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
        best_ms = std::min(best_ms, took.count());
    }
    std::printf("shipped index: %zu melodies, %.2f MB, load %.1f ms (best of 5)\n", size,
                static_cast<double>(bytes) / 1e6, best_ms);
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
    // The index holds the even songs; the odd ones are "unrelated pop" for false positives.
    MelodyIndex index;
    MelodyIndex full;
    std::vector<IndexedMelody> held_out;
    for (std::size_t i = 0; i < pop.size(); ++i) {
        if (i % 2 == 0) index.add(pop[i]);
        else held_out.push_back(pop[i]);
        full.add(pop[i]);
    }
    const auto folk = load_folder(shared / "nottingham" / "MIDI" / "melody", "nottingham", "", 400, false);

    const auto start = std::chrono::steady_clock::now();
    int found_first = 0;
    int asked = 0;
    SearchOptions search;
    search.alignment.floor_share = args.floor_share;
    search.alignment.ceiling_share = args.ceiling_share;
    const Split disguised = disguised_scores(index, search, args.queries, found_first, asked);
    const Split pop_excerpt = unrelated_scores(index, search, held_out, false);
    // Whole melodies are long queries (hundreds of notes): a subset keeps the run short.
    const Split pop_whole = unrelated_scores(
        index, search, std::vector<IndexedMelody>(held_out.begin(), held_out.begin() + std::min<std::ptrdiff_t>(80, std::ssize(held_out))), true);
    const Split folk_scores = unrelated_scores(full, search, folk, false);
    const Split own = own_scores(full, search, args.cues);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    const std::size_t searches = static_cast<std::size_t>(asked) + held_out.size() + pop_whole.tuning.size() +
                                 pop_whole.report.size() + folk.size() + static_cast<std::size_t>(args.cues);

    std::printf("window divisor: own weight within [%.2f, %.2f] x typical window\n", args.floor_share,
                args.ceiling_share);
    std::printf("index: %zu POP909 melodies (even songs); held-out %zu, Nottingham %zu, own cues %d\n", index.size(),
                held_out.size(), folk.size(), args.cues);
    std::printf("disguise: 40-note excerpt, transpose +-6, tempo x0.7-1.4, 10%% ornaments, 8%% notes moved 1-2 "
                "semitones, IOIs +-15%%\n");
    for (bool tuning : {true, false}) {
        std::printf("%s split scores:\n", tuning ? "tuning" : "report");
        auto pick = [&](const Split& s) { return tuning ? s.tuning : s.report; };
        print_group("disguised POP909 excerpts (40 notes)", pick(disguised));
        print_group("held-out POP909 excerpts (40 notes)", pick(pop_excerpt));
        print_group("held-out POP909 whole melodies (80)", pick(pop_whole));
        print_group("Nottingham excerpts (vs all POP909)", pick(folk_scores));
        print_group("tunesmith melodies (vs all POP909)", pick(own));
    }
    std::printf("source ranked first: %d / %d;  %.1f ms per search\n\n", found_first, asked,
                1000.0 * took.count() / static_cast<double>(searches));
    const Groups groups{disguised, pop_excerpt, pop_whole, folk_scores, own};
    const double chosen = choose_threshold(groups, 0.02);
    std::printf("threshold chosen on the tuning split (lowest with <= 2%% FP in every group): %.2f\n", chosen);
    print_sweep(groups, true, chosen);
    print_sweep(groups, false, chosen);
    std::printf("(* = kMelodyThreshold = %.2f, the threshold generate and check use)\n\n", kMelodyThreshold);
    print_shipped_index();
    return 0;
}
