// The data files a command read, for its provenance record: each pipeline lists what its stages
// loaded (the prompt's lexicon, the style used, the harmony model, the accompaniment's corpus
// statistics, the known-melody index), so the record names the data a cue was really made from.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tunesmith {

// Reading a prompt: lexicon.json and the artist policy (policy/artists*.txt).
std::vector<std::filesystem::path> prompt_data_files(const std::filesystem::path& data_dir);

// Composing in a style: styles/<style>.json and the harmony model it carries (harmony/transitions.json).
std::vector<std::filesystem::path> style_data_files(const std::filesystem::path& data_dir, const std::string& style);

// The melody check against known works: every index file (rights/check.h melody_index_dirs).
std::vector<std::filesystem::path> melody_check_data_files(const std::filesystem::path& data_dir);

// Accompanying a vocal: the harmony model, the corpus harmonic rhythm, where melodies begin notes in the
// beat and where in the bar, and how they fill a beat (harmony/transitions.json,
// harmony/harmonic_rhythm.json, analysis/melody_onset_profile.json, analysis/melody_bar_profile.json,
// analysis/melody_bar_profile_3_4.json, analysis/melody_beat_patterns.json).
std::vector<std::filesystem::path> accompany_data_files(const std::filesystem::path& data_dir);

// The files that exist, sorted, each once.
std::vector<std::filesystem::path> existing_data_files(std::vector<std::filesystem::path> files);

}  // namespace tunesmith
