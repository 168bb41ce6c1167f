// cue.json: the machine-readable cue sheet (resolved CueSpec + plan: sections, fitted tempo map,
// hits with their exact times, chords, tracks). Field meanings are documented in docs/outputs.md.
// Pure function of its inputs; holds no timestamps, so the same cue gives the same bytes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compose/plan.h"
#include "music/score.h"
#include "spec/cue_spec.h"

namespace tunesmith {

// The cue sheet object. `style` is the style data file the composer used; `warnings` are all the
// pipeline's warnings (resolution, plan, composition) in order.
nlohmann::json cue_sheet(const CueSpec& spec, const Plan& plan, const Score& score, const std::string& style,
                         const std::vector<std::string>& warnings);

// Writes `json` with two-space indentation and a final newline; InputError naming the path on failure.
void write_json_file(const nlohmann::json& json, const std::filesystem::path& path);

}  // namespace tunesmith
