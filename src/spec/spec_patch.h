// SpecPatch: a partial CueSpec (each field optional), the unit of precedence. The prompt, a JSON
// spec and the flags each become a patch; patches apply in order onto the defaults.
// Value types only; safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spec/cue_spec.h"

namespace tunesmith {

struct SpecPatch {
    std::optional<std::string> prompt;
    std::optional<std::vector<std::string>> style;
    std::optional<std::vector<std::string>> mood;
    std::optional<Key> key;
    std::optional<double> bpm;
    std::optional<Meter> time_signature;
    std::optional<Seconds> length;
    std::optional<std::vector<SectionSpec>> sections;
    std::optional<std::vector<HitSpec>> hits;
    std::optional<std::vector<std::string>> instruments_include;
    std::optional<std::vector<std::string>> instruments_exclude;
    std::optional<std::vector<std::string>> instruments_feature;  // session 13: the style's band plus these
    std::optional<std::vector<std::string>> instruments_add;  // session 14: joining the style's band, not leading
    // Group -> its voices, merged per group onto the spec (a group's list is replaced whole); the
    // list {"style"} removes a group's voices.
    std::optional<std::map<std::string, std::vector<std::string>>> instruments_voices;
    std::optional<std::vector<TimeRange>> dialogue;
    std::optional<bool> percussion_under_dialogue;
    std::optional<bool> duck_under_dialogue;
    std::optional<std::vector<EnergyPoint>> energy;
    std::optional<Ending> ending;
    std::optional<std::uint64_t> seed;
    std::optional<double> loudness_lufs;
    std::optional<double> true_peak_dbtp;
    std::optional<int> sample_rate;
    std::optional<std::vector<std::string>> formats;

    friend bool operator==(const SpecPatch&, const SpecPatch&) = default;
};

// Sets every field the patch holds. An included instrument leaves the exclude list and vice versa,
// so a later patch can flip a group without restating the whole list; voices merge per group.
void apply_patch(CueSpec& spec, const SpecPatch& patch);

// Every field of a full spec, as a patch.
SpecPatch patch_from_spec(const CueSpec& spec);

// The JSON form of the fields that are set (CueSpec field names; see docs/cuespec.md).
nlohmann::json to_json(const SpecPatch& patch);

// Reads a (partial) CueSpec JSON object. Unknown fields (with the closest valid name suggested),
// wrong JSON types and unparsable values ("key": "H minor") throw InputError naming the field path
// (e.g. "sections[1].energy"). Ranges are checked later by validate().
SpecPatch spec_patch_from_json(const nlohmann::json& json);

}  // namespace tunesmith
