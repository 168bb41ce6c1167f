// `tunesmith score-video VIDEO [PROMPT] [spec flags] --out DIR [--hits all|major|none] [--cut S ...]
// [--no-mux]`: scores a video (cuts, motion, dialogue -> cue) and prints what it found and wrote.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/output_flags.h"
#include "cli/spec_flags.h"
#include "pipeline/score_video.h"
#include "spec/value_parsers.h"

namespace tunesmith::cli {
namespace {

void print_summary(const ScoreVideoResult& result) {
    const VideoAnalysis& a = result.analysis;
    std::size_t hits = 0, gradual = 0;
    for (const auto& c : result.conditioning.cuts) hits += c.hit ? 1 : 0;
    for (const auto& c : a.cuts) gradual += c.kind != CutClass::hard ? 1 : 0;  // fades, dissolves and wipes
    std::printf("%s: %dx%d %s, %zu frames, %.3f s%s\n", a.info.path.filename().c_str(), a.info.width, a.info.height,
                a.info.video_codec.c_str(), a.frame_times.size(), a.length.to_double(),
                a.variable_frame_rate ? " (variable frame rate)" : "");
    std::printf("cuts: %zu (%zu gradual), %zu became hits; dialogue ranges: %zu\n", a.cuts.size(), gradual, hits,
                a.dialogue.size());
    const CueResult& cue = result.cue;
    std::printf("%s: %s, %s, %s, style %s\n", result.out_dir.c_str(), cue.plan.key.to_string().c_str(),
                cue.plan.meter.to_string().c_str(), played_tempo_text(cue).c_str(), cue.style.c_str());
    if (const std::string hit_line = hits_text(cue); !hit_line.empty()) std::printf("%s\n", hit_line.c_str());
    if (cue.integrated_lufs)
        std::printf("loudness %.1f LUFS, true peak %.1f dBTP\n", *cue.integrated_lufs, *cue.true_peak_dbtp);
    for (const auto& file : result.files) std::printf("  %s\n", file.c_str());
}

}  // namespace

void register_score_video(CLI::App& app, Registry& registry) {
    struct Options {
        std::string video;
        std::string prompt;
        SpecFlags flags;
        ScoreVideoOptions score;
        std::string hits = "major";
        std::vector<std::string> cuts;
        OutputFlags output;
        bool no_mux = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand(
        "score-video", "Score a video: cue files, cuts.json and scored.mp4 (video copied, music as AAC) in --out DIR");
    command->add_option("video", options->video, "The video (MP4, MOV, MKV, WebM)")->required();
    command->add_option("prompt", options->prompt, "The request in words, e.g. \"tense strings\"");
    add_spec_flags(*command, options->flags);
    add_output_flags(*command, options->score.generate, options->output, "Folder of styles and lexicon");
    command->add_option("--hits", options->hits, "Which cuts become hit points: all, major (default) or none");
    command->add_option("--cut", options->cuts, "Add a cut by hand at TIME (e.g. 12.48 or 0:12.48); always a hit (repeatable)");
    command->add_flag("--no-mux", options->no_mux, "Do not write scored.mp4");
    command->callback([options, &registry] {
        registry.action = [options] {
            ScoreVideoOptions score = options->score;
            score.hits = parse_hit_selection(options->hits);
            for (const auto& text : options->cuts) score.cuts.push_back(parse_time(text, "--cut"));
            score.mux = !options->no_mux;
            apply_output_flags(options->output, score.generate);
            const Reporter reporter = terminal_reporter(options->output.quiet);
            const ScoreVideoResult result = tunesmith::score_video(
                options->video, make_spec_request(options->prompt, options->flags), score, reporter);
            if (reporter.progress) std::fprintf(stderr, "\r%-20s\r", "");
            print_summary(result);
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
