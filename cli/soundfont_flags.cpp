// --soundfont and --soundfont-cache: the cache is used only when asked for.
#include "cli/soundfont_flags.h"

#include <string>

#include "render/soundfont_cache.h"

namespace tunesmith::cli {

void add_soundfont_flags(CLI::App& command, std::filesystem::path& soundfont, std::filesystem::path& cache) {
    command.add_option("--soundfont", soundfont, "General MIDI SoundFont (.sf2/.sf3)");
    const std::filesystem::path suggested = default_soundfont_cache();
    command.add_option_function<std::string>(
        "--soundfont-cache",
        [&cache, suggested](const std::string& folder) {
            cache = folder == "default" ? suggested : std::filesystem::path(folder);
        },
        "Keep a compressed (.sf3) SoundFont decoded in this folder ('default': " +
            (suggested.empty() ? std::string("none") : suggested.string()) +
            "): the first run decodes the whole font once, later runs skip decoding. Same output either way");
}

}  // namespace tunesmith::cli
