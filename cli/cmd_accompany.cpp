// `tunesmith accompany VOCAL [PROMPT] [flags] --out DIR`: accompaniment for an uploaded vocal that
// follows the singer; prints the inferred key, tempo, chords and where the files went.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/output_flags.h"
#include "cli/spec_flags.h"
#include "pipeline/accompany.h"

namespace tunesmith::cli {
namespace {

std::string chord_summary(const Accompaniment& a, std::size_t limit) {
    std::string text;
    for (std::size_t i = 0; i < a.chords.size() && i < limit; ++i) text += (i ? " " : "") + a.chords[i].chord.name(a.plan.key);
    if (a.chords.size() > limit) text += " ...";
    return text;
}

void print_result(const AccompanyResult& result) {
    const Accompaniment& a = result.accompaniment;
    std::printf("%s: %s (%s), %s, %.1f bpm (%s), %zu phrases, %zu sung notes, style %s\n", result.out_dir.c_str(),
                a.plan.key.to_string().c_str(), a.key_source.c_str(), a.plan.meter.to_string().c_str(), a.spec.bpm,
                a.tempo_source.c_str(), a.phrases.size(), a.vocal_track.notes.size(), result.style.c_str());
    std::printf("chords (%s): %s\n", a.chord_source.c_str(), chord_summary(a, 24).c_str());
    if (result.integrated_lufs)
        std::printf("loudness %.1f LUFS, true peak %.1f dBTP\n", *result.integrated_lufs, *result.true_peak_dbtp);
    for (const auto& file : result.files) std::printf("  %s\n", file.c_str());
}

}  // namespace

void register_accompany(CLI::App& app, Registry& registry) {
    struct Options {
        std::string vocal;
        std::string prompt;
        SpecFlags flags;
        AccompanyJob job;
        OutputFlags output;
        bool no_audio = false;
        bool no_isolation = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand(
        "accompany", "Accompaniment for a sung vocal that follows the singer: accompaniment, mix, stems, score.mid, cue.json");
    command->add_option("vocal", options->vocal, "The vocal recording (WAV, FLAC, OGG, MP3, M4A)")->required();
    command->add_option("prompt", options->prompt, "Instruments and style, e.g. \"acoustic guitar and soft bass\"");
    add_spec_flags(*command, options->flags);
    command->add_option("--chords", options->job.chords, "Force a progression, one chord per bar, cycled: \"C G Am F\"");
    add_output_flags(*command, options->job.output, options->output, "Folder of styles, lexicon and harmony data");
    command->add_flag("--no-audio", options->no_audio, "Only score.mid and cue.json (no rendering)");
    command->add_flag("--no-isolation", options->no_isolation, "Keep a mixed upload as it is (no voice isolation)");
    command->callback([options, &registry] {
        registry.action = [options] {
            AccompanyJob job = options->job;
            job.vocal = options->vocal;
            job.request = make_spec_request(options->prompt, options->flags);
            job.output.audio = !options->no_audio;
            job.isolate = !options->no_isolation;
            apply_output_flags(options->output, job.output);
            const Reporter reporter = terminal_reporter(options->output.quiet);
            const AccompanyResult result = accompany_file(job, reporter);
            if (reporter.progress) std::fprintf(stderr, "\r%-20s\r", "");
            print_result(result);
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
