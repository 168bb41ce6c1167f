// The CueSpec flags shared by every subcommand that makes a cue (explain, generate, score-video,
// accompany): definitions here, value parsing in src/spec/value_parsers.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "spec/resolve.h"

namespace tunesmith::cli {

// Raw flag text; empty optionals were not given.
struct SpecFlags {
    std::optional<std::string> key;
    std::optional<std::string> bpm;
    std::optional<std::string> time_signature;
    std::optional<std::string> length;
    std::vector<std::string> sections;
    std::vector<std::string> hits;
    std::optional<std::string> instruments;
    std::optional<std::string> exclude;
    std::vector<std::string> dialogue;
    std::optional<std::string> seed;
    std::optional<std::string> spec_file;
    std::optional<std::string> sample_rate;
    std::optional<std::string> loudness;
    std::optional<std::string> true_peak;
};

void add_spec_flags(CLI::App& app, SpecFlags& flags);

// Parses the flag values (InputError names the flag) and reads --spec FILE.json.
SpecRequest make_spec_request(const std::string& prompt, const SpecFlags& flags);

}  // namespace tunesmith::cli
