// How pop melodies fill a beat: the share of beats with each pattern of note onsets on the beat's
// eight 32nd-note slots (data/analysis/melody_beat_patterns.json, from POP909), and the
// log-likelihood of a sung line's onsets on a beat grid under it. Unlike the place-in-the-beat
// profile (sung_beats.h), every beat of the grid pays for its pattern, so a grid and its half
// compare: a slow line of sixteenths reads as a few busy beats rather than twice as many plain ones.
// Pure functions; thread-safe.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace tunesmith {

struct BeatPatterns {
    int slots = 0;                  // per beat; a pattern has bit j set for an onset on slot j
    double max_gap_s = 1.2;         // beats inside a longer gap between onsets were not counted
    std::vector<double> log_share;  // per pattern (2^slots)
    std::string source;
};

BeatPatterns beat_patterns_from_json(const nlohmann::json& json, const std::string& origin);
// Reads data_dir/analysis/melody_beat_patterns.json. InputError if missing or malformed.
BeatPatterns load_beat_patterns(const std::filesystem::path& data_dir);

// Sum over the beats of `beats_s` (ascending) of log share(pattern), each onset of `onsets_s`
// (ascending) on its beat's nearest slot; the beats from the one holding the first onset to the one
// holding the last, less the empty beats inside a gap between onsets longer than max_gap_s (as the
// table was counted). Onsets outside [beats_s.front(), beats_s.back()) are not scored.
double beat_pattern_log_likelihood(std::span<const double> beats_s, std::span<const double> onsets_s,
                                   const BeatPatterns& patterns);

}  // namespace tunesmith
