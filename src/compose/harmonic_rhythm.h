// Harmonic rhythm learned from a corpus: how likely a chord change is on a beat, given the beat's
// place in the bar and how many beats the current chord has lasted. Read from
// data/harmony/harmonic_rhythm.json (tools/derive_chord_stats/derive_harmonic_rhythm.py, POP909).
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tunesmith {

enum class MetricLevel { bar = 0, half_bar = 1, beat = 2 };

struct HarmonicRhythm {
    std::string source;
    // changes[level][age - 1] / beats[level][age - 1]: of the beats at that level where the current
    // chord had lasted `age` beats, how many brought a change. The last age stands for "that or more".
    std::array<std::vector<double>, 3> beats;
    std::array<std::vector<double>, 3> changes;

    int max_age() const { return static_cast<int>(beats[0].size()); }
    // Smoothed (add one half) change probability, kept inside [0.005, 0.98]; age is clamped to 1..max_age.
    double change_probability(MetricLevel level, int age) const;
};

// Parses the table; `origin` names it in errors (InputError naming the field).
HarmonicRhythm harmonic_rhythm_from_json(const nlohmann::json& json, const std::string& origin);
// Reads data_dir/harmony/harmonic_rhythm.json. InputError if missing or malformed.
HarmonicRhythm load_harmonic_rhythm(const std::filesystem::path& data_dir);

}  // namespace tunesmith
