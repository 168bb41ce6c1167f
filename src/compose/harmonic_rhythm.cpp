// Loading the corpus harmonic-rhythm table and reading change probabilities from it.
#include "compose/harmonic_rhythm.h"

#include <algorithm>

#include "base/error.h"
#include "spec/cue_spec_json.h"

namespace tunesmith {
namespace {

constexpr std::array<const char*, 3> kLevels = {"bar", "half_bar", "beat"};

std::vector<double> counts(const nlohmann::json& json, const std::string& field, std::size_t size) {
    if (!json.is_array() || json.empty() || (size > 0 && json.size() != size))
        throw InputError(field, json.dump().substr(0, 40),
                         size > 0 ? "an array of " + std::to_string(size) + " counts" : "a non-empty array of counts");
    std::vector<double> out;
    for (const auto& value : json) {
        if (!value.is_number() || value.get<double>() < 0.0) throw InputError(field, value.dump(), "a count >= 0");
        out.push_back(value.get<double>());
    }
    return out;
}

}  // namespace

double HarmonicRhythm::change_probability(MetricLevel level, int age) const {
    const auto l = static_cast<std::size_t>(level);
    if (beats[l].empty()) return 0.5;
    const auto i = static_cast<std::size_t>(std::clamp(age, 1, max_age()) - 1);
    const double p = (changes[l][i] + 0.5) / (beats[l][i] + 1.0);
    return std::clamp(p, 0.005, 0.98);
}

HarmonicRhythm harmonic_rhythm_from_json(const nlohmann::json& json, const std::string& origin) {
    if (!json.is_object()) throw InputError(origin, json.dump().substr(0, 40), "a JSON object");
    HarmonicRhythm rhythm;
    rhythm.source = json.value("source", std::string("unknown"));
    std::size_t size = 0;
    for (std::size_t l = 0; l < kLevels.size(); ++l) {
        const std::string field = origin + ": " + kLevels[l];
        if (!json.contains(kLevels[l]) || !json.at(kLevels[l]).is_object())
            throw InputError(field, "", "an object with 'beats' and 'changes'");
        const auto& level = json.at(kLevels[l]);
        if (!level.contains("beats") || !level.contains("changes"))
            throw InputError(field, level.dump().substr(0, 40), "an object with 'beats' and 'changes'");
        rhythm.beats[l] = counts(level.at("beats"), field + ".beats", size);
        size = rhythm.beats[l].size();
        rhythm.changes[l] = counts(level.at("changes"), field + ".changes", size);
        for (std::size_t i = 0; i < size; ++i)
            if (rhythm.changes[l][i] > rhythm.beats[l][i])
                throw InputError(field + ".changes", nlohmann::json(rhythm.changes[l][i]).dump(),
                                 "at most the beats counted at that age");
    }
    return rhythm;
}

HarmonicRhythm load_harmonic_rhythm(const std::filesystem::path& data_dir) {
    const auto path = data_dir / "harmony" / "harmonic_rhythm.json";
    return harmonic_rhythm_from_json(read_json_file(path), path.string());
}

}  // namespace tunesmith
