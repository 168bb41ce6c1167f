// The beat-pattern table: reading and checking it, and scoring a sung line's onsets on a beat grid.
#include "accompany/beat_patterns.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "spec/cue_spec_json.h"

namespace tunesmith {
namespace {

constexpr const char* kAccepted =
    "an object with 'slots_per_beat' (1-10), 'max_gap_s' (> 0) and 'pattern_share': 2^slots_per_beat numbers > 0";

}  // namespace

BeatPatterns beat_patterns_from_json(const nlohmann::json& json, const std::string& origin) {
    if (!json.is_object()) throw InputError(origin, json.dump().substr(0, 40), kAccepted);
    auto number = [&](const char* key) { return finite_number_at(json, key, origin, kAccepted); };
    BeatPatterns patterns;
    patterns.source = json.value("source", std::string("unknown"));
    const double slots = number("slots_per_beat");
    if (slots < 1 || slots > 10 || slots != std::floor(slots))
        throw InputError(origin + ": slots_per_beat", json.at("slots_per_beat").dump(), kAccepted);
    patterns.slots = static_cast<int>(slots);
    patterns.max_gap_s = number("max_gap_s");
    if (!(patterns.max_gap_s > 0.0)) throw InputError(origin + ": max_gap_s", json.at("max_gap_s").dump(), kAccepted);
    if (!json.contains("pattern_share") || !json.at("pattern_share").is_array() ||
        json.at("pattern_share").size() != (std::size_t{1} << patterns.slots))
        throw InputError(origin + ": pattern_share",
                         json.contains("pattern_share") ? json.at("pattern_share").dump().substr(0, 40) : "missing", kAccepted);
    for (const auto& value : json.at("pattern_share")) {
        if (!value.is_number() || !(value.get<double>() > 0.0) || !std::isfinite(value.get<double>()))
            throw InputError(origin + ": pattern_share", value.dump(), "a number > 0");
        patterns.log_share.push_back(std::log(value.get<double>()));
    }
    return patterns;
}

BeatPatterns load_beat_patterns(const std::filesystem::path& data_dir) {
    const auto path = data_dir / "analysis" / "melody_beat_patterns.json";
    return beat_patterns_from_json(read_json_file(path), path.string());
}

double beat_pattern_log_likelihood(std::span<const double> beats_s, std::span<const double> onsets_s,
                                   const BeatPatterns& patterns) {
    if (beats_s.size() < 2 || patterns.slots <= 0) return 0.0;
    const std::size_t beats = beats_s.size() - 1;  // beat k spans [beats_s[k], beats_s[k + 1])
    std::vector<unsigned> pattern(beats, 0);
    std::vector<double> scored;  // the onsets inside the grid, for the gaps
    std::size_t first = beats, last = 0;
    for (double t : onsets_s) {
        if (t < beats_s.front() || t >= beats_s.back()) continue;
        auto k = static_cast<std::size_t>(std::upper_bound(beats_s.begin(), beats_s.end(), t) - beats_s.begin()) - 1;
        long slot = std::lround((t - beats_s[k]) / (beats_s[k + 1] - beats_s[k]) * patterns.slots);
        if (slot >= patterns.slots) {
            if (k + 1 >= beats) continue;  // the next beat is past the grid's end
            ++k, slot = 0;
        }
        pattern[k] |= 1u << static_cast<unsigned>(slot);
        scored.push_back(t);
        first = std::min(first, k), last = std::max(last, k);
    }
    if (scored.empty()) return 0.0;
    double total = 0.0;
    std::size_t next = 0;  // the first scored onset at or after the beat's start
    for (std::size_t k = first; k <= last; ++k) {
        while (next < scored.size() && scored[next] < beats_s[k]) ++next;
        if (pattern[k] == 0 && next > 0 && next < scored.size() && scored[next] - scored[next - 1] > patterns.max_gap_s)
            continue;  // an empty beat inside a pause
        total += patterns.log_share[pattern[k]];
    }
    return total;
}

}  // namespace tunesmith
