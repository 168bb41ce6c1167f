// The output flags of every subcommand that writes a cue folder (generate, accompany, score-video):
// --out (required), --soundfont, --soundfont-cache, --formats, --threads, --data-dir and --quiet.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "pipeline/generate.h"

namespace tunesmith::cli {

struct OutputFlags {
    std::string formats;  // comma-separated, as typed; apply_output_flags splits it
    bool quiet = false;
};

// Adds the flags, writing into `output` (and `flags` for what needs parsing after the command line).
// `data_dir_help` says what the data folder holds for this command.
void add_output_flags(CLI::App& command, GenerateOptions& output, OutputFlags& flags, const std::string& data_dir_help);

// `flags.formats` ("wav,flac") appended to output.formats.
void apply_output_flags(const OutputFlags& flags, GenerateOptions& output);

// The tempo of a cue's summary line: "96.0 bpm", and when the tempo fit moved it off the asked
// tempo so that whole bars fill the length, "96.0 bpm (92 asked; 4 whole bars fill 10 s)".
std::string played_tempo_text(const CueResult& cue);
// "1 bar", "4 bars".
std::string bars_text(long long bars);

// The hits of a cue's summary: "2 hits, each on its sample: 5.000 s bar 4 beat 1; 12.500 s bar 8
// beat 3", naming any hit the tempo could not land and where it sounds instead. "" without hits.
std::string hits_text(const CueResult& cue);

}  // namespace tunesmith::cli
