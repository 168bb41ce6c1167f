// CueSpec <-> JSON (the public form every tool and the HTTP API use; see docs/cuespec.md), and
// reading JSON text or files with errors that name the source, line and column.
// Pure functions; safe from any thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "spec/cue_spec.h"

namespace tunesmith {

// Every field, always present (keys in nlohmann's default alphabetical order).
nlohmann::json to_json(const CueSpec& spec);

// A complete spec from JSON: absent fields keep CueSpec's defaults; the result is validated.
// Throws InputError naming the field (unknown field with a suggestion, wrong type, bad value, range).
CueSpec cue_spec_from_json(const nlohmann::json& json);

// Parses JSON text; malformed text throws InputError naming `source` and nlohmann's line/column.
nlohmann::json parse_json_text(std::string_view text, std::string_view source);
// Reads and parses a JSON file; a missing or unreadable file is an InputError naming the path.
nlohmann::json read_json_file(const std::filesystem::path& path);
// The finite number at `key` of the object `json`; a missing, non-numeric or non-finite value throws
// InputError naming "origin: key", the value and `accepted` (for the data tables read at run time).
double finite_number_at(const nlohmann::json& json, const char* key, const std::string& origin,
                        const char* accepted);

}  // namespace tunesmith
