// The SoundFont flags of every subcommand that renders audio: --soundfont and --soundfont-cache
// (a compressed font decoded once and kept; off unless given, since a render decodes only the
// samples its notes reach).
#pragma once

#include <filesystem>

#include <CLI/CLI.hpp>

namespace tunesmith::cli {

// Adds both flags; `cache` stays empty unless --soundfont-cache is given.
void add_soundfont_flags(CLI::App& command, std::filesystem::path& soundfont, std::filesystem::path& cache);

}  // namespace tunesmith::cli
