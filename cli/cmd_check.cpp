// `tunesmith check FILE...`: the similarity check against known melodies (the shipped index and
// the user's own) for MIDI or audio files; exit 0 when every file is clear, 3 when one is too close.
#include <cstdio>
#include <memory>

#include "base/data_dir.h"
#include "cli/commands.h"
#include "rights/check.h"

namespace tunesmith::cli {

void register_check(CLI::App& app, Registry& registry) {
    struct Options {
        std::vector<std::string> files;
        MelodyThresholds thresholds;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command =
        app.add_subcommand("check", "Check MIDI or audio files for melodies too close to known works");
    command->add_option("files", options->files, "MIDI (.mid) or audio files (WAV, FLAC, MP3, ...)")->required();
    command->add_option("--threshold", options->thresholds.absolute,
                        "Score from which a melody is too close whatever else matches (0..1)")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command->add_option("--min-score", options->thresholds.score,
                        "Score from which a melody is too close when it stands out (see --min-margin)")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command->add_option("--min-margin", options->thresholds.margin,
                        "How far the best known melody must score above the runner-up to stand out")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command->add_flag("--json", options->json, "Print one JSON object per file");
    command->callback([options, &registry] {
        registry.action = [options] {
            const MelodyIndex index = load_melody_index(melody_index_dirs(default_data_dir()));
            bool all_clear = true;
            for (const auto& file : options->files) {
                const MelodyCheck c = check_file(file, index, options->thresholds);
                all_clear = all_clear && c.passed;
                if (options->json) {
                    nlohmann::json out = to_json(c);
                    out["file"] = file;
                    std::printf("%s\n", out.dump().c_str());
                    continue;
                }
                std::printf("%s: %s, score %.3f, runner-up %.3f (too close from %.2f, or from %.2f %.2f above the "
                            "runner-up; %zu known melodies)",
                            file.c_str(), c.passed ? "clear" : "TOO CLOSE", c.score, c.runner_up, c.threshold,
                            c.min_score, c.min_margin, c.index_size);
                if (!c.best_id.empty()) std::printf(", closest %s [%s] in %s", c.best_id.c_str(),
                                                    c.best_source.c_str(), c.what.c_str());
                std::printf("\n");
            }
            return all_clear ? 0 : 3;
        };
    });
}

}  // namespace tunesmith::cli
