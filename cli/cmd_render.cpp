// `tunesmith render score.mid --out DIR [--spec cue.json]`: an edited MIDI file back to finished
// audio (mix, stems, score.mid), mastered with the spec's loudness target and dialogue rules.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/soundfont_flags.h"
#include "pipeline/generate.h"
#include "spec/cue_spec_json.h"

namespace tunesmith::cli {

void register_render(CLI::App& app, Registry& registry) {
    struct Options {
        std::string midi;
        std::string spec_file;
        GenerateOptions generate;
        bool quiet = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand("render", "Render a (possibly edited) MIDI file to mix, stems and score.mid in --out DIR");
    command->add_option("midi", options->midi, "The MIDI file, e.g. a cue's score.mid after editing")->required();
    command->add_option("--out,-o", options->generate.out_dir, "Output folder")->required();
    command->add_option("--spec", options->spec_file,
                        "cue.json of the original cue (or a CueSpec JSON): length, loudness, rate, dialogue");
    add_soundfont_flags(*command, options->generate.soundfont, options->generate.soundfont_cache);
    command->add_flag("--loop", options->generate.loop, "Also write loop.wav, seamless when repeated");
    command->add_option("--threads", options->generate.threads, "Worker threads (0: all cores)");
    command->add_option("--window-bars", options->generate.window_bars,
                        "Render each stem in windows of N bars, spread over all cores (exact; holds the stems in memory,\n"
                        "so for short cues on machines with more cores than stems). 0, the default: one streamed pass per stem");
    command->add_flag("--quiet,-q", options->quiet, "No progress line");
    command->callback([options, &registry] {
        registry.action = [options] {
            CueSpec spec;
            const bool have_spec = !options->spec_file.empty();
            if (have_spec) {
                const nlohmann::json json = read_json_file(options->spec_file);
                // A cue.json holds the spec under "spec"; a plain CueSpec file is the spec itself.
                spec = cue_spec_from_json(json.contains("spec") ? json.at("spec") : json);
            }
            const Reporter reporter = terminal_reporter(options->quiet);
            const GenerateResult result =
                render_midi(options->midi, spec, have_spec, options->generate, reporter);
            if (reporter.progress) std::fprintf(stderr, "\r%-20s\r", "");
            const CueResult& cue = result.cues.front();
            if (cue.integrated_lufs)
                std::printf("%s: loudness %.1f LUFS, true peak %.1f dBTP\n", result.out_dir.c_str(),
                            *cue.integrated_lufs, *cue.true_peak_dbtp);
            for (const auto& file : result.files) std::printf("  %s\n", file.c_str());
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
