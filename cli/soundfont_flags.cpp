// --soundfont and --soundfont-cache.
#include "cli/soundfont_flags.h"

#include <string>

#include "render/soundfont_cache.h"

namespace tunesmith::cli {

void add_soundfont_flags(CLI::App& command, std::filesystem::path& soundfont, std::filesystem::path& cache,
                         bool cache_by_default) {
    command.add_option("--soundfont", soundfont, "General MIDI SoundFont (.sf2/.sf3)");
    const std::filesystem::path suggested = default_soundfont_cache();
    cache = cache_by_default ? suggested : std::filesystem::path{};
    const std::string shown = suggested.empty() ? std::string("none") : suggested.string();
    command.add_option_function<std::string>(
        "--soundfont-cache",
        [&cache, suggested](const std::string& folder) {
            cache = folder == "off" ? std::filesystem::path{}
                                    : (folder == "default" ? suggested : std::filesystem::path(folder));
        },
        "Keep a compressed (.sf3) SoundFont decoded in this folder: the first run decodes the whole font "
        "once, later runs skip decoding; same output either way. 'default': " + shown + "; 'off': decode per "
        "render. " + (cache_by_default ? "Default: default" : "Default: off"));
}

}  // namespace tunesmith::cli
