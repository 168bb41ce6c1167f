// CueSpec JSON form: written through SpecPatch so field names and types live in one place
// (spec_patch.cpp); reading adds validation and friendly parse errors.
#include "spec/cue_spec_json.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "spec/spec_patch.h"
#include "spec/validate.h"

namespace tunesmith {

nlohmann::json to_json(const CueSpec& spec) { return to_json(patch_from_spec(spec)); }

CueSpec cue_spec_from_json(const nlohmann::json& json) {
    CueSpec spec;
    apply_patch(spec, spec_patch_from_json(json));
    validate(spec);
    return spec;
}

nlohmann::json parse_json_text(std::string_view text, std::string_view source) {
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann's message carries "line L, column C" after its bracketed error id.
        std::string detail = e.what();
        if (const auto bracket = detail.find("] "); bracket != std::string::npos) detail.erase(0, bracket + 2);
        throw InputError(std::string(source), "malformed JSON", "valid JSON (" + detail + ")");
    } catch (const nlohmann::json::out_of_range& e) {
        // A number too large for a double (1e400) is well-formed JSON that no field accepts.
        std::string detail = e.what();
        if (const auto bracket = detail.find("] "); bracket != std::string::npos) detail.erase(0, bracket + 2);
        throw InputError(std::string(source), "a number out of range", "numbers a double can hold (" + detail + ")");
    }
}

nlohmann::json read_json_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw InputError(path.string(), "cannot be opened", "a readable JSON file");
    std::ostringstream text;
    text << file.rdbuf();
    return parse_json_text(text.str(), path.string());
}

double finite_number_at(const nlohmann::json& json, const char* key, const std::string& origin,
                        const char* accepted) {
    if (!json.contains(key) || !json.at(key).is_number() || !std::isfinite(json.at(key).get<double>()))
        throw InputError(origin + ": " + key, json.contains(key) ? json.at(key).dump() : "missing", accepted);
    return json.at(key).get<double>();
}

}  // namespace tunesmith
