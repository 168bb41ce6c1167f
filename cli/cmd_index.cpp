// `tunesmith index add FILE.mid... [--track NAME] [--source TEXT] [--to FILE]`: adds melodies to
// the user's melody index (checked by `check` and by every generation); `index info` counts it.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "base/data_dir.h"
#include "cli/commands.h"
#include "rights/check.h"

namespace tunesmith::cli {
namespace {

// "pop909/001/001.mid" -> "001"; with a prefix "pop909/001".
std::string melody_id(const std::filesystem::path& file, const std::string& prefix) {
    const std::string stem = file.stem().string();
    return prefix.empty() ? stem : prefix + "/" + stem;
}

}  // namespace

void register_index(CLI::App& app, Registry& registry) {
    struct Options {
        std::vector<std::string> files;
        std::string track;
        std::string source = "user";
        std::string prefix;
        std::string to;
    };
    auto options = std::make_shared<Options>();
    CLI::App* index = app.add_subcommand("index", "Manage the index of known melodies the similarity check uses");
    index->require_subcommand(1);
    CLI::App* add = index->add_subcommand("add", "Add the melody of MIDI files to the user's melody index");
    add->add_option("files", options->files, "MIDI files")->required();
    add->add_option("--track", options->track, "Name of the melody track (default: melody/lead/vocal, else highest)");
    add->add_option("--source", options->source, "Where the melodies come from (kept with each entry)")
        ->capture_default_str();
    add->add_option("--id-prefix", options->prefix, "Prefix for the entries' ids (default: none)");
    add->add_option("--to", options->to, "Index file to append to (default: " + user_index_file().string() + ")");
    add->callback([options, &registry] {
        registry.action = [options] {
            const std::filesystem::path target = options->to.empty() ? user_index_file() : std::filesystem::path(options->to);
            for (const auto& f : options->files) {
                const IndexedMelody melody = melody_from_midi(f, melody_id(f, options->prefix), options->source,
                                                              options->track);
                append_melody(target, melody);
                std::printf("added %s (%zu notes) to %s\n", melody.id.c_str(), melody.line.size(), target.c_str());
            }
            return 0;
        };
    });
    CLI::App* info = index->add_subcommand("info", "Count the known melodies and show where they are read from");
    info->callback([&registry] {
        registry.action = [] {
            const auto dirs = melody_index_dirs(default_data_dir());
            const MelodyIndex loaded = load_melody_index(dirs);
            std::printf("%zu known melodies from", loaded.size());
            for (const auto& d : dirs) std::printf(" %s", d.c_str());
            std::printf("\n");
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
