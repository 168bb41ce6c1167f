// The SoundFont flags of every subcommand that renders audio: --soundfont and --soundfont-cache
// (a compressed font decoded once and kept). Off by default for one-off commands, since a render
// decodes only the samples its notes reach; on by default for the server, which renders many cues.
#pragma once

#include <filesystem>

#include <CLI/CLI.hpp>

namespace tunesmith::cli {

// Adds both flags. `cache` starts as default_soundfont_cache() when `cache_by_default`, else empty;
// "--soundfont-cache off" empties it, "default" sets default_soundfont_cache(), anything else is a folder.
void add_soundfont_flags(CLI::App& command, std::filesystem::path& soundfont, std::filesystem::path& cache,
                         bool cache_by_default = false);

}  // namespace tunesmith::cli
