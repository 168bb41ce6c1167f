// `tunesmith generate PROMPT [flags] --out DIR`: resolves the request, runs the pipeline and
// prints where the cue went. Draws a progress line on a terminal; quiet otherwise.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/output_flags.h"
#include "cli/spec_flags.h"
#include "pipeline/generate.h"

namespace tunesmith::cli {

// One self-overwriting status line on stderr, only when stderr is a terminal.
Reporter terminal_reporter(bool quiet) {
    Reporter reporter;
    if (!quiet && ::isatty(STDERR_FILENO) != 0) {
        reporter.progress = [](std::string_view stage, double fraction) {
            std::fprintf(stderr, "\r%-10.*s %3d%%", static_cast<int>(stage.size()), stage.data(),
                         static_cast<int>(fraction * 100.0 + 0.5));
            std::fflush(stderr);
        };
    }
    reporter.log = [quiet](LogLevel level, std::string_view message) {
        if (level == LogLevel::warning || !quiet)
            if (level != LogLevel::debug)
                std::fprintf(stderr, "\r%s: %.*s\n", level == LogLevel::warning ? "warning" : "info",
                             static_cast<int>(message.size()), message.data());
    };
    return reporter;
}

void register_generate(CLI::App& app, Registry& registry) {
    struct Options {
        std::string prompt;
        SpecFlags flags;
        GenerateOptions generate;
        OutputFlags output;
        bool no_audio = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand("generate", "Compose a cue: mix, stems, score.mid and cue.json in --out DIR");
    command->add_option("prompt", options->prompt, "The request in words, e.g. \"tense strings, 90 BPM, 30 seconds\"");
    add_spec_flags(*command, options->flags);
    add_output_flags(*command, options->generate, options->output, "Folder of styles and lexicon");
    command->add_flag("--no-audio", options->no_audio, "Only score.mid and cue.json (no rendering)");
    command->add_flag("--loop", options->generate.loop, "Also write loop.wav, seamless when repeated");
    command->add_option("--variations", options->generate.variations, "Number of alternate versions (1..16): DIR/v1 .. DIR/vN, sharing sections, tempo map and hits");
    command->add_option("--window-bars", options->generate.window_bars,
                        "Render each stem in windows of N bars, spread over all cores (exact; holds the stems in memory,\n"
                        "so for short cues on machines with more cores than stems). 0, the default: one streamed pass per stem");
    command->callback([options, &registry] {
        registry.action = [options] {
            GenerateOptions generate_options = options->generate;
            generate_options.audio = !options->no_audio;
            apply_output_flags(options->output, generate_options);
            const Reporter reporter = terminal_reporter(options->output.quiet);
            const GenerateResult result =
                tunesmith::generate(make_spec_request(options->prompt, options->flags), generate_options, reporter);
            if (reporter.progress) std::fprintf(stderr, "\r%-20s\r", "");
            const CueResult& cue = result.cues.front();
            std::printf("%s: %s, %s, %s, %s, style %s\n", result.out_dir.c_str(), cue.plan.key.to_string().c_str(),
                        cue.plan.meter.to_string().c_str(), played_tempo_text(cue).c_str(),
                        bars_text(cue.plan.length / cue.plan.meter.bar()).c_str(), cue.style.c_str());
            if (const std::string hit_line = hits_text(cue); !hit_line.empty()) std::printf("%s\n", hit_line.c_str());
            if (cue.integrated_lufs)
                std::printf("loudness %.1f LUFS, true peak %.1f dBTP\n", *cue.integrated_lufs, *cue.true_peak_dbtp);
            for (const auto& file : result.files) std::printf("  %s\n", file.c_str());
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
