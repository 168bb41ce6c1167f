// Where the bar starts in a sung melody, from the melody alone: a corpus profile of where in a 4/4 (or
// 3/4) bar pop melodies place their notes by kind (data/analysis/melody_bar_profile.json and
// melody_bar_profile_3_4.json, from POP909), and the fit of a melody's notes to a grid's bar lines
// under it. A phrase's first note after a rest lands on beat 1 over five times as often as on beat 3;
// notes of three beats or more almost never start on beat 3. So where the harmony fits two bar phases
// alike, the phrases and long notes say which.
// Pure functions; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "music/meter.h"
#include "music/score.h"

namespace tunesmith {

// log P(place in a bar of `beats_per_bar` quarters | note class), places = equal parts of the bar
// (place 0 is the downbeat).
// A note's class: whether it starts a phrase (a rest of `phrase_rest_beats` or more before it, or the
// first note), whether it ends one (such a rest after it, or the last note), and its length class (how
// many of `length_edges_beats` its length in beats reaches).
struct MelodyBarProfile {
    int beats_per_bar = 4;
    int places = 0;
    double phrase_rest_beats = 1.0;
    std::vector<double> length_edges_beats;       // ascending
    std::vector<std::vector<double>> log_share;   // [class_index(...)][place]
    std::string source;

    std::size_t class_index(bool phrase_start, bool phrase_end, std::size_t length_class) const {
        return ((phrase_start ? 2u : 0u) + (phrase_end ? 1u : 0u)) * (length_edges_beats.size() + 1) + length_class;
    }
};

MelodyBarProfile melody_bar_profile_from_json(const nlohmann::json& json, const std::string& origin);
// Reads data_dir/analysis/melody_bar_profile.json (4/4). InputError if missing or malformed.
MelodyBarProfile load_melody_bar_profile(const std::filesystem::path& data_dir);
// Reads data_dir/analysis/melody_bar_profile_3_4.json (3/4, from far fewer songs). InputError likewise.
MelodyBarProfile load_three_four_bar_profile(const std::filesystem::path& data_dir);

// How well the bar lines of `meter` (every bar from tick 0) fit where `melody`'s notes (ticks, sorted)
// sit: the log-likelihood ratio of their places against a uniform place, per beat from the first
// note's start to the last note's end. 0 when the meter's beats to the bar are not the profile's.
// Against a uniform place each note's term is a density ratio over the time line, so the fits of one
// melody under a 3/4 and a 4/4 profile compare (same notes, same span).
// `profile_beats_per_beat` 2 reads each beat of the grid as two of the profile's (a grid at half the
// melody's tempo: its bar holds two of the profile's bars).
double bar_profile_fit(const std::vector<Note>& melody, const Meter& meter, const MelodyBarProfile& profile,
                       int profile_beats_per_beat = 1);

}  // namespace tunesmith
