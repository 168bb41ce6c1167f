// eval_video: cut detection on synthetic videos with known cuts (lavfi sources, moving content,
// flashes, fast motion, fades, at 23.976, 25, 29.97 fps and a variable rate), ours beside FFmpeg's
// scene score in the same run; then hit accuracy (eval_video_hits.h): videos in several cut patterns scored
// with several prompts, the onset of every hit in the stems and the mix against its cut.
// Usage: eval_video [--keep DIR] [--reuse] [--no-scene] [--no-hits] [--no-cuts] [--quick-hits] [--skim] [--soundfont FILE]
// (--reuse: take the videos an earlier --keep DIR run made there; --no-scene: skip FFmpeg's scene runs)
// [--final] (add the final held-out set) [--make-final-only] (make it and print its truth, no detection)
// [--holdout3] (add the third held-out set, session 9) [--make-holdout3-only] (make it and print its truth)
// [--holdout4] (add the fourth held-out set, session 10) [--make-holdout4-only] (make it and print its truth)
// [--holdout5] (add the fifth held-out set, session 11) [--make-holdout5-only] (make it and print its truth)
// [--holdout6] (add the sixth held-out set, session 12) [--make-holdout6-only] (make it and print its truth)
// [--holdout7] (add the seventh held-out set, session 13) [--make-holdout7-only] (make it and print its truth)
// [--holdout8] (add the eighth held-out set, session 14) [--make-holdout8-only] (make it and print its truth)
// [--holdout9] (add the ninth held-out set, session 14's second pass) [--make-holdout9-only] (the same)
// Every set's figure is printed for all transitions and for the issue's classes (hard cuts and mixes).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "audio/audio_reader.h"
#include "pipeline/score_video.h"
#include "render/onset_latency.h"
#include "video/analysis.h"
#include "../tests/video/synthetic_video.h"
#include "cut_eval_videos.h"
#include "eval_video_hits.h"

namespace {

namespace fs = std::filesystem;
using namespace tunesmith;
using testing::Join;
using testing::Shot;
using testing::SyntheticVideo;
using testing::Truth;
using testing::is_shape;
using namespace cut_eval;

struct Counts {
    int truth = 0, found = 0, matched = 0;
    void add(const Counts& o) { truth += o.truth, found += o.found, matched += o.matched; }
    double precision() const { return found == 0 ? 1.0 : static_cast<double>(matched) / found; }
    double recall() const { return truth == 0 ? 1.0 : static_cast<double>(matched) / truth; }
    double f1() const {
        const double p = precision(), r = recall();
        return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
    }
};

// Greedy one-to-one matching within one frame: for each truth, the index of its detection or -1.
std::vector<int> match_indices(const std::vector<std::int64_t>& truth, const std::vector<std::int64_t>& found) {
    std::vector<int> matched_by(truth.size(), -1);
    std::vector<bool> used(found.size(), false);
    for (std::size_t t = 0; t < truth.size(); ++t)
        for (std::size_t i = 0; i < found.size(); ++i)
            if (!used[i] && std::llabs(found[i] - truth[t]) <= 1) {
                used[i] = true;
                matched_by[t] = static_cast<int>(i);
                break;
            }
    return matched_by;
}

Counts match(const std::vector<std::int64_t>& truth, const std::vector<std::int64_t>& found) {
    const std::vector<int> by = match_indices(truth, found);
    return {static_cast<int>(truth.size()), static_cast<int>(found.size()),
            static_cast<int>(std::count_if(by.begin(), by.end(), [](int i) { return i >= 0; }))};
}

// The issue's classes only (hard cuts and mixes: fades, dissolves, dips): shape transitions leave the
// truth, and a detection matched to one is neither a true nor a false positive. An unmatched
// detection counts as false whatever its class.
Counts match_issue_classes(const std::vector<std::int64_t>& truth, const std::vector<bool>& shape,
                           const std::vector<std::int64_t>& found) {
    const std::vector<int> by = match_indices(truth, found);
    Counts c{0, static_cast<int>(found.size()), 0};
    for (std::size_t t = 0; t < truth.size(); ++t) {
        if (shape[t]) {
            c.found -= by[t] >= 0 ? 1 : 0;
            continue;
        }
        ++c.truth;
        c.matched += by[t] >= 0 ? 1 : 0;
    }
    return c;
}

// The decoded frame index of each true cut (by time, so dropped frames are handled).
std::vector<std::int64_t> truth_frames(const std::vector<Truth>& truth, const SyntheticVideo& v, const VideoAnalysis& a) {
    std::vector<std::int64_t> frames;
    for (const Truth& t : truth) {
        const Rational time(static_cast<std::int64_t>(std::llround(t.frame / v.fps * 1e6)) - 1, 1000000);
        frames.push_back(static_cast<std::int64_t>(frame_at(a, time)));
    }
    return frames;
}

// FFmpeg's own detector: select='gt(scene,T)' and showinfo's pts_time of each selected frame.
std::vector<std::int64_t> ffmpeg_scene(const fs::path& video, double threshold, const VideoAnalysis& a,
                                       const fs::path& work) {
    const fs::path log = work / "scene.txt";
    char filter[128];
    std::snprintf(filter, sizeof filter, "select='gt(scene,%.2f)',showinfo", threshold);
    const std::string command = "ffmpeg -hide_banner -nostats -i '" + video.string() + "' -vf \"" + filter +
                                "\" -an -f null - 2> '" + log.string() + "'";
    std::vector<std::int64_t> frames;
    if (!testing::run_command(command)) return frames;
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);) {
        const auto at = line.find("pts_time:");
        if (at == std::string::npos) continue;
        const double t = std::atof(line.c_str() + at + 9);
        const Rational time(std::llround(t * 1e6) - 500, 1000000);
        frames.push_back(static_cast<std::int64_t>(frame_at(a, time)));
    }
    return frames;
}

void print_counts(const char* name, const Counts& c) {
    std::printf("  %-22s P %.3f  R %.3f  F1 %.3f  (%d true, %d found, %d matched)\n", name, c.precision(), c.recall(),
                c.f1(), c.truth, c.found, c.matched);
}

// Per set: ours and FFmpeg's scene score at two thresholds, for all transitions and the issue's classes.
struct SetCounts {
    Counts ours, scene3, scene4;
    Counts issue, issue3, issue4;  // the issue's classes only (match_issue_classes)
    int shapes = 0, shapes_found = 0;
    int class_right = 0, class_total = 0;
    int wipes_right = 0;  // shape transitions matched by a detection of the wipe class
    void add(const SetCounts& o) {
        ours.add(o.ours), scene3.add(o.scene3), scene4.add(o.scene4);
        issue.add(o.issue), issue3.add(o.issue3), issue4.add(o.issue4);
        shapes += o.shapes, shapes_found += o.shapes_found;
        class_right += o.class_right, class_total += o.class_total, wipes_right += o.wipes_right;
    }
    void print(const char* title, bool scene) const {
        std::printf("\n%s (a detection counts within one frame):\n", title);
        std::printf("  F1 all classes %.3f, issue classes (hard cuts and mixes) %.3f", ours.f1(), issue.f1());
        if (scene)
            std::printf("; ffmpeg scene>0.3 %.3f / %.3f, >0.4 %.3f / %.3f", scene3.f1(), issue3.f1(), scene4.f1(), issue4.f1());
        std::printf("\n");
        print_counts("ours", ours);
        print_counts("ours, issue classes", issue);
        if (scene) {
            print_counts("ffmpeg scene>0.3", scene3);
            print_counts("ffmpeg scene>0.4", scene4);
        }
        std::printf("  class (hard/gradual) right for %d of %d matched cuts; %d of %d matched shape transitions classed wipe\n",
                    class_right, class_total, wipes_right, shapes_found);
        if (shapes > 0) std::printf("  shape transitions (wipes, slides, ...): %d of %d found\n", shapes_found, shapes);
    }
};

// make_only: only make the videos and print their true cuts (checks a new set without looking at
// the detector's output on it).
struct CutRun {
    bool skim = false;       // skim still pictures while decoding
    bool make_only = false;  // only make the videos and print their truth
    bool reuse = false;      // take a video already in the work folder (an earlier --keep run) instead of making it
    bool scene = true;       // run FFmpeg's scene detector beside ours
};

void evaluate_cuts(const fs::path& work, const std::array<bool, kCutSets>& with, const CutRun& run) {
    const bool make_only = run.make_only;
    std::array<SetCounts, kCutSets> sets;
    const std::vector<Case> list = cases(with);
    std::array<int, kCutSets> made{};
    for (std::size_t k = 0; k < list.size(); ++k) {
        const Case& c = list[k];
        const int number = ++made[index(c.set)];
        if (make_only && (c.set == CutSet::tuning || c.set == CutSet::held_out)) continue;
        bool ok = true;
        // Named by set and place in it, so a reused folder holds the same video whichever sets are run.
        const fs::path video = work / ("set" + std::to_string(index(c.set)) + "-" + std::to_string(number) +
                                       (c.video.drop_every > 0 ? ".mkv" : ".mp4"));
        std::vector<Truth> truth;
        if (run.reuse && fs::exists(video)) testing::filter_graph(c.video, truth);
        else truth = testing::make_video(c.video, video, ok);
        if (!ok) {
            std::printf("%s: ffmpeg failed to make the video\n", c.name.c_str());
            continue;
        }
        if (make_only) {
            std::printf("%s: %zu true cuts:", c.name.c_str(), truth.size());
            for (std::size_t i = 0; i < truth.size(); ++i)
                std::printf(" %d%s%s", truth[i].frame, truth[i].gradual ? "f" : "", is_shape(c.video.shots[i + 1].join) ? "s" : "");
            std::printf("\n");
            continue;
        }
        SetCounts& set = sets[index(c.set)];
        VideoAnalysisOptions analysis_options;
        analysis_options.decode.skim = run.skim;
        const VideoAnalysis a = analyze_video(video, analysis_options);
        const std::vector<std::int64_t> expected = truth_frames(truth, c.video, a);
        std::vector<bool> shape;
        for (std::size_t i = 0; i < truth.size(); ++i) shape.push_back(is_shape(c.video.shots[i + 1].join));
        std::vector<std::int64_t> found;
        for (const Cut& cut : a.cuts) found.push_back(cut.frame);
        const std::vector<std::int64_t> found3 = run.scene ? ffmpeg_scene(video, 0.3, a, work) : std::vector<std::int64_t>{};
        const std::vector<std::int64_t> found4 = run.scene ? ffmpeg_scene(video, 0.4, a, work) : std::vector<std::int64_t>{};
        const Counts ours = match(expected, found);
        const Counts issue = match_issue_classes(expected, shape, found);
        for (std::size_t i = 0; i < truth.size(); ++i)
            for (const Cut& cut : a.cuts)
                if (std::llabs(cut.frame - expected[i]) <= 1) {
                    ++set.class_total;
                    set.class_right += (cut.kind != CutClass::hard) == truth[i].gradual ? 1 : 0;
                    set.wipes_right += shape[i] && cut.kind == CutClass::wipe ? 1 : 0;
                    break;
                }
        std::printf("%s: %zu frames (%lld skimmed), %zu true cuts (%d fades)\n", c.name.c_str(), a.frame_times.size(),
                    static_cast<long long>(a.skimmed_frames), truth.size(),
                    static_cast<int>(std::count_if(truth.begin(), truth.end(), [](const Truth& t) { return t.gradual; })));
        std::printf("    true:");
        for (std::size_t i = 0; i < expected.size(); ++i)
            std::printf(" %lld%s", static_cast<long long>(expected[i]), shape[i] ? "s" : "");
        std::printf("\n    ours:");
        for (const Cut& cut : a.cuts)
            std::printf(" %lld%s", static_cast<long long>(cut.frame),
                        cut.kind == CutClass::fade ? "f" : cut.kind == CutClass::wipe ? "w" : "");
        std::printf("\n");
        print_counts("ours", ours);
        print_counts("ours, issue classes", issue);
        const Counts scene3 = match(expected, found3), scene4 = match(expected, found4);
        if (run.scene) {
            print_counts("ffmpeg scene>0.3", scene3);
            print_counts("ffmpeg scene>0.4", scene4);
        }
        set.ours.add(ours);
        set.issue.add(issue);
        set.scene3.add(scene3);
        set.scene4.add(scene4);
        set.issue3.add(match_issue_classes(expected, shape, found3));
        set.issue4.add(match_issue_classes(expected, shape, found4));
        set.shapes += static_cast<int>(std::count(shape.begin(), shape.end(), true));
        for (std::size_t i = 0; i < truth.size(); ++i)
            if (shape[i])
                set.shapes_found += std::any_of(found.begin(), found.end(), [&](std::int64_t f) { return std::llabs(f - expected[i]) <= 1; });
    }
    if (make_only) return;
    const auto at = [&](CutSet s) -> const SetCounts& { return sets[index(s)]; };
    SetCounts development = at(CutSet::tuning);
    development.add(at(CutSet::held_out));
    at(CutSet::tuning).print("Tuning videos (5)", run.scene);
    at(CutSet::held_out).print("Earlier held-out videos (2)", run.scene);
    development.print("Development set (tuning + earlier held-out)", run.scene);
    const std::pair<CutSet, const char*> held_out_sets[] = {
        {CutSet::final_set, "final held-out (3 videos)"},
        {CutSet::holdout3, "third held-out set, session 9 (3 videos)"},
        {CutSet::holdout4, "fourth held-out set, session 10 (4 videos)"},
        {CutSet::holdout5, "fifth held-out set, session 11 (4 videos)"},
        {CutSet::holdout6, "sixth held-out set, session 12 (4 videos)"},
        {CutSet::holdout7, "seventh held-out set, session 13 (4 videos, the issue's recipe)"},
        {CutSet::holdout8, "eighth held-out set, session 14 (4 videos, the issue's recipe)"},
        {CutSet::holdout9, "ninth held-out set, session 14, second pass (4 videos, the issue's recipe)"}};
    for (const auto& [s, title] : held_out_sets)
        if (with[index(s)]) at(s).print(title, run.scene);
}

}  // namespace

int main(int argc, char** argv) {
    if (!testing::have_ffmpeg()) {
        std::printf("eval_video: the ffmpeg CLI is needed to make the test videos\n");
        return 1;
    }
    fs::path work;
    bool hits = true;
    bool cuts = true;
    CutRun run;
    std::array<bool, kCutSets> with{};
    bool quick_hits = false;
    fs::path soundfont;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        // --final and --holdoutN add a held-out set; --make-final-only and --make-holdoutN-only only make it.
        for (std::size_t n = index(CutSet::final_set); n < kCutSets; ++n) {
            const std::string name = n == index(CutSet::final_set) ? "final" : "holdout" + std::to_string(n);
            if (arg == "--" + name) with[n] = true;
            if (arg == "--make-" + name + "-only") with[n] = run.make_only = true, hits = false;
        }
        if (std::strcmp(argv[i], "--keep") == 0 && i + 1 < argc) work = argv[++i];
        if (std::strcmp(argv[i], "--no-hits") == 0) hits = false;
        if (std::strcmp(argv[i], "--no-cuts") == 0) cuts = false;
        if (arg == "--skim") run.skim = true;
        if (arg == "--reuse") run.reuse = true;
        if (arg == "--no-scene") run.scene = false;
        if (std::strcmp(argv[i], "--quick-hits") == 0) quick_hits = true;
        if (std::strcmp(argv[i], "--soundfont") == 0 && i + 1 < argc) soundfont = argv[++i];
    }
    const bool keep = !work.empty();
    if (!keep) work = testing::fresh_temp_dir("eval-video");
    fs::create_directories(work);
    if (cuts) evaluate_cuts(work, with, run);
    if (hits) hit_eval::evaluate_hits(work, soundfont, quick_hits);
    if (!keep) fs::remove_all(work);
    return 0;
}
