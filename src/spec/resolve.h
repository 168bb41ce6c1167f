// resolve_spec: the one front door from a request (prompt text, optional CueSpec JSON, flags) to
// a complete, validated CueSpec, with a report of every prompt word used or ignored.
// Precedence: defaults < prompt words < JSON < flags. Pure; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spec/cue_spec.h"
#include "spec/lexicon.h"
#include "spec/prompt_parser.h"
#include "spec/spec_patch.h"

namespace tunesmith {

struct SpecRequest {
    std::string prompt;                     // may be empty (then the JSON's "prompt" is read)
    std::optional<nlohmann::json> spec_json;  // a (partial) CueSpec object
    SpecPatch flags;                        // explicit values (CLI flags, API parameters)
};

struct Resolution {
    CueSpec spec;
    std::vector<WordUse> used_words;
    std::vector<std::string> ignored_words;
    std::vector<std::string> warnings;
};

// Throws InputError (naming the field) when a value is malformed or the result fails validate().
Resolution resolve_spec(const SpecRequest& request, const Lexicon& lexicon);

// FNV-1a 64 of the prompt text: the default seed, so the same prompt gives the same cue.
std::uint64_t prompt_seed(std::string_view prompt);

// {"spec": ..., "used_words": [{"text","meaning"}...], "ignored_words": [...], "warnings": [...]}
nlohmann::json to_json(const Resolution& resolution);

}  // namespace tunesmith
