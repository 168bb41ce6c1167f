// Output flags shared by the commands that write a cue folder.
#include "cli/output_flags.h"

#include <algorithm>

#include "cli/soundfont_flags.h"

namespace tunesmith::cli {

void add_output_flags(CLI::App& command, GenerateOptions& output, OutputFlags& flags, const std::string& data_dir_help) {
    command.add_option("--out,-o", output.out_dir, "Output folder (created; an earlier cue there is replaced)")->required();
    add_soundfont_flags(command, output.soundfont, output.soundfont_cache);
    command.add_option("--formats", flags.formats, "Comma-separated: wav,flac,mid (default: the spec's)");
    command.add_option("--threads", output.threads, "Worker threads (0: all cores)");
    command.add_option("--data-dir", output.data_dir, data_dir_help);
    command.add_flag("--quiet,-q", flags.quiet, "No progress line");
}

void apply_output_flags(const OutputFlags& flags, GenerateOptions& output) {
    const std::string& list = flags.formats;
    for (std::size_t start = 0; start < list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        if (comma > start) output.formats.push_back(list.substr(start, comma - start));
        start = comma + 1;
    }
}

}  // namespace tunesmith::cli
