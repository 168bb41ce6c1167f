// eval_video: cut detection on synthetic videos with known cuts (lavfi sources, moving content,
// flashes, fast motion, fades, at 23.976, 25, 29.97 fps and a variable rate), ours beside FFmpeg's
// scene score in the same run; then hit accuracy (eval_video_hits.h): videos in several cut patterns scored
// with several prompts, the onset of every hit in the stems and the mix against its cut.
// Usage: eval_video [--keep DIR] [--no-hits] [--no-cuts] [--quick-hits] [--skim] [--soundfont FILE]
// [--final] (add the final held-out set) [--make-final-only] (make it and print its truth, no detection)
// [--holdout3] (add the third held-out set, session 9) [--make-holdout3-only] (make it and print its truth)
// [--holdout4] (add the fourth held-out set, session 10) [--make-holdout4-only] (make it and print its truth)
// [--holdout5] (add the fifth held-out set, session 11) [--make-holdout5-only] (make it and print its truth)
// [--holdout6] (add the sixth held-out set, session 12) [--make-holdout6-only] (make it and print its truth)
#include <algorithm>
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

// Greedy one-to-one matching within one frame.
Counts match(const std::vector<std::int64_t>& truth, const std::vector<std::int64_t>& found) {
    Counts c{static_cast<int>(truth.size()), static_cast<int>(found.size()), 0};
    std::vector<bool> used(found.size(), false);
    for (std::int64_t t : truth)
        for (std::size_t i = 0; i < found.size(); ++i)
            if (!used[i] && std::llabs(found[i] - t) <= 1) {
                used[i] = true;
                ++c.matched;
                break;
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

// Per set: ours and FFmpeg's scene score at two thresholds.
struct SetCounts {
    Counts ours, scene3, scene4;
    Counts modelled;  // ours without the shape transitions (wipes, slides; not modelled) and what matched them
    int shapes = 0, shapes_found = 0;
    int class_right = 0, class_total = 0;
    int wipes_right = 0;  // shape transitions matched by a detection of the wipe class
    void add(const SetCounts& o) {
        ours.add(o.ours), scene3.add(o.scene3), scene4.add(o.scene4), modelled.add(o.modelled);
        shapes += o.shapes, shapes_found += o.shapes_found;
        class_right += o.class_right, class_total += o.class_total, wipes_right += o.wipes_right;
    }
    void print(const char* title) const {
        std::printf("\n%s (a detection counts within one frame):\n", title);
        print_counts("ours", ours);
        print_counts("ffmpeg scene>0.3", scene3);
        print_counts("ffmpeg scene>0.4", scene4);
        std::printf("  class (hard/gradual) right for %d of %d matched cuts; %d of %d matched shape transitions classed wipe\n",
                    class_right, class_total, wipes_right, shapes_found);
        if (shapes > 0) {
            std::printf("  shape transitions (wipes, slides, ...): %d of %d found\n", shapes_found, shapes);
            print_counts("ours, without shapes", modelled);
        }
    }
};

// make_only: only make the videos and print their true cuts (checks a new set without looking at
// the detector's output on it).
void evaluate_cuts(const fs::path& work, bool skim, bool with_final, bool with_holdout3, bool with_holdout4,
                   bool with_holdout5, bool with_holdout6, bool make_only) {
    SetCounts tuning, held_out, final_set, holdout3, holdout4, holdout5, holdout6;
    const std::vector<Case> list = cases(with_final, with_holdout3, with_holdout4, with_holdout5, with_holdout6);
    for (std::size_t k = 0; k < list.size(); ++k) {
        const Case& c = list[k];
        if (make_only && !c.final_set && !c.holdout3 && !c.holdout4 && !c.holdout5 && !c.holdout6) continue;
        bool ok = false;
        const fs::path video = work / ("case" + std::to_string(k + 1) + (c.video.drop_every > 0 ? ".mkv" : ".mp4"));
        const std::vector<Truth> truth = testing::make_video(c.video, video, ok);
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
        SetCounts& set = c.holdout6 ? holdout6 : c.holdout5 ? holdout5 : c.holdout4 ? holdout4 : c.holdout3 ? holdout3 : c.final_set ? final_set : c.held_out ? held_out : tuning;
        VideoAnalysisOptions analysis_options;
        analysis_options.decode.skim = skim;
        const VideoAnalysis a = analyze_video(video, analysis_options);
        const std::vector<std::int64_t> expected = truth_frames(truth, c.video, a);
        std::vector<std::int64_t> found;
        for (const Cut& cut : a.cuts) found.push_back(cut.frame);
        const Counts ours = match(expected, found);
        const Counts scene3 = match(expected, ffmpeg_scene(video, 0.3, a, work));
        const Counts scene4 = match(expected, ffmpeg_scene(video, 0.4, a, work));
        for (std::size_t i = 0; i < truth.size(); ++i)
            for (const Cut& cut : a.cuts)
                if (std::llabs(cut.frame - expected[i]) <= 1) {
                    ++set.class_total;
                    set.class_right += (cut.kind != CutClass::hard) == truth[i].gradual ? 1 : 0;
                    set.wipes_right += is_shape(c.video.shots[i + 1].join) && cut.kind == CutClass::wipe ? 1 : 0;
                    break;
                }
        std::printf("%s: %zu frames (%lld skimmed), %zu true cuts (%d fades)\n", c.name.c_str(), a.frame_times.size(),
                    static_cast<long long>(a.skimmed_frames), truth.size(),
                    static_cast<int>(std::count_if(truth.begin(), truth.end(), [](const Truth& t) { return t.gradual; })));
        std::printf("    true:");
        for (auto f : expected) std::printf(" %lld", static_cast<long long>(f));
        std::printf("\n    ours:");
        for (const Cut& cut : a.cuts)
            std::printf(" %lld%s", static_cast<long long>(cut.frame),
                        cut.kind == CutClass::fade ? "f" : cut.kind == CutClass::wipe ? "w" : "");
        std::printf("\n");
        print_counts("ours", ours);
        print_counts("ffmpeg scene>0.3", scene3);
        print_counts("ffmpeg scene>0.4", scene4);
        set.ours.add(ours);
        set.scene3.add(scene3);
        set.scene4.add(scene4);
        // Without the shape transitions: their truths, and the detections within a frame of them.
        std::vector<std::int64_t> modelled_truth, shape_truth, modelled_found;
        for (std::size_t i = 0; i < truth.size(); ++i)
            (is_shape(c.video.shots[i + 1].join) ? shape_truth : modelled_truth).push_back(expected[i]);
        for (const std::int64_t f : found)
            if (std::none_of(shape_truth.begin(), shape_truth.end(), [&](std::int64_t t) { return std::llabs(f - t) <= 1; }))
                modelled_found.push_back(f);
        set.modelled.add(match(modelled_truth, modelled_found));
        set.shapes += static_cast<int>(shape_truth.size());
        set.shapes_found += match(shape_truth, found).matched;
    }
    if (make_only) return;
    SetCounts development = tuning;
    development.add(held_out);
    tuning.print("Tuning videos (5)");
    held_out.print("Earlier held-out videos (2)");
    development.print("Development set (tuning + earlier held-out)");
    if (with_final) final_set.print("final held-out (3 videos)");
    if (with_holdout3) holdout3.print("third held-out set, session 9 (3 videos)");
    if (with_holdout4) holdout4.print("fourth held-out set, session 10 (4 videos)");
    if (with_holdout5) holdout5.print("fifth held-out set, session 11 (4 videos)");
    if (with_holdout6) holdout6.print("sixth held-out set, session 12 (4 videos)");
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
    bool skim = false;
    bool with_final = false;
    bool with_holdout3 = false;
    bool with_holdout4 = false;
    bool with_holdout5 = false;
    bool with_holdout6 = false;
    bool make_only = false;
    bool quick_hits = false;
    fs::path soundfont;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--final") == 0) with_final = true;
        if (std::strcmp(argv[i], "--make-final-only") == 0) with_final = make_only = true, hits = false;
        if (std::strcmp(argv[i], "--holdout3") == 0) with_holdout3 = true;
        if (std::strcmp(argv[i], "--make-holdout3-only") == 0) with_holdout3 = make_only = true, hits = false;
        if (std::strcmp(argv[i], "--holdout4") == 0) with_holdout4 = true;
        if (std::strcmp(argv[i], "--make-holdout4-only") == 0) with_holdout4 = make_only = true, hits = false;
        if (std::strcmp(argv[i], "--holdout5") == 0) with_holdout5 = true;
        if (std::strcmp(argv[i], "--make-holdout5-only") == 0) with_holdout5 = make_only = true, hits = false;
        if (std::strcmp(argv[i], "--holdout6") == 0) with_holdout6 = true;
        if (std::strcmp(argv[i], "--make-holdout6-only") == 0) with_holdout6 = make_only = true, hits = false;
        if (std::strcmp(argv[i], "--keep") == 0 && i + 1 < argc) work = argv[++i];
        if (std::strcmp(argv[i], "--no-hits") == 0) hits = false;
        if (std::strcmp(argv[i], "--no-cuts") == 0) cuts = false;
        if (std::strcmp(argv[i], "--skim") == 0) skim = true;
        if (std::strcmp(argv[i], "--quick-hits") == 0) quick_hits = true;
        if (std::strcmp(argv[i], "--soundfont") == 0 && i + 1 < argc) soundfont = argv[++i];
    }
    const bool keep = !work.empty();
    if (!keep) work = testing::fresh_temp_dir("eval-video");
    fs::create_directories(work);
    if (cuts) evaluate_cuts(work, skim, with_final, with_holdout3, with_holdout4, with_holdout5, with_holdout6, make_only);
    if (hits) hit_eval::evaluate_hits(work, soundfont, quick_hits);
    if (!keep) fs::remove_all(work);
    return 0;
}
