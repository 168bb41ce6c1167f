// The similarity check against known works: a melody, a Score or a file (MIDI, or audio through
// the analysis transcription) is searched in the melody index (the shipped POP909-derived index
// plus the user's own, `tunesmith index add`), and passes unless one known melody is close to it
// and stands out from the rest (MelodyThresholds). Thread-safe given a shared, immutable MelodyIndex.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/progress.h"
#include "compose/compose.h"
#include "music/score.h"
#include "rights/melody_index.h"

namespace tunesmith {

// When a melody is "too close" (chosen on eval/eval_rights' tuning split: see docs/rights.md).
// Judged by significance as well as raw score: a plain query matches many known melodies a
// little, so its best score alone says little; a copy makes one known melody stand far above
// the rest. Too close = score >= kMelodyThreshold, or score >= kMelodyMinScore with the best at
// least kMelodyMinMargin above the runner-up (the best-scoring different melody).
inline constexpr double kMelodyThreshold = 0.80;
inline constexpr double kMelodyMinScore = 0.52;
inline constexpr double kMelodyMinMargin = 0.26;

struct MelodyThresholds {
    double absolute = kMelodyThreshold;  // too close whatever else matches
    double score = kMelodyMinScore;      // too close from here when the best stands out by...
    double margin = kMelodyMinMargin;    // ...this much over the runner-up
    // True when a best score `score` with the runner-up at `runner_up` is too close.
    bool too_close(double best, double runner_up) const {
        return best >= absolute || (best >= score && best - runner_up >= margin);
    }
};

struct MelodyCheck {
    bool passed = true;       // not too close (MelodyThresholds::too_close)
    double score = 0.0;       // best alignment score, 0..1
    double runner_up = 0.0;   // best score of a different known melody (duplicates of the best skipped)
    double threshold = kMelodyThreshold;  // the thresholds applied
    double min_score = kMelodyMinScore;
    double min_margin = kMelodyMinMargin;
    std::string best_id;      // empty when nothing matched at all
    std::string best_source;
    std::string what;         // what was checked ("melody", a track name, "transcription")
    int attempts = 1;         // melodies generated until one passed (generate only)
    std::size_t index_size = 0;
};

// {"result": "clear"|"too_close", "score", "runner_up", "margin", "threshold", "min_score",
//  "min_margin", "best_match": {"id","source"}|null, "checked", "attempts", "index_size"}
nlohmann::json to_json(const MelodyCheck& check);

// <data_dir>/rights/melody_index (the shipped POP909 index) and the user's folder (user_index_file()'s parent).
std::vector<std::filesystem::path> melody_index_dirs(const std::filesystem::path& data_dir);
// <config dir>/melody_index/user.tsv (the config dir is where the signing key lives).
std::filesystem::path user_index_file();

// At most how many matches a check asks the search for: the best, and enough after it to find
// the best-scoring different melody when the index holds duplicates of the best.
inline constexpr std::size_t kCheckResults = 4;

// Queries longer than this many notes (whole songs) align fewer candidates (check_search).
inline constexpr std::size_t kLongQuery = 120;

// The search a check runs for `melody` with `options`: the best two matches (up to
// kCheckResults while the runner-up is a duplicate of the best), fewer candidates for a long query.
std::vector<MelodyMatch> check_search(const MelodyLine& melody, const MelodyIndex& index, SearchOptions options = {});

// The verdict on a search's matches (best first, as check_search returns them).
MelodyCheck judge_matches(const std::vector<MelodyMatch>& matches, const MelodyIndex& index,
                          const MelodyThresholds& thresholds = {});

MelodyCheck check_melody(const MelodyLine& melody, const MelodyIndex& index, const MelodyThresholds& thresholds = {});

// The melody-like tracks' top voices are checked (see melody_like_tracks); the one closest to a
// known melody (too close first, then the highest score) is reported.
MelodyCheck check_score(const Score& score, const MelodyIndex& index, const MelodyThresholds& thresholds = {});

// The tracks of a score a melody can hide in: tracks named melody/lead/vocal when there are
// any, else every pitched track that is mostly one note at a time, else the highest-pitched
// pitched track. Accompaniment (chords, pads, bass under a named melody) is not checked: it
// costs seconds on a whole song and its top voice is rarely a melody.
std::vector<const Track*> melody_like_tracks(const Score& score);

// .mid/.midi through the MIDI reader, anything else as audio through analyze_audio's note
// transcription. InputError for unreadable files.
MelodyCheck check_file(const std::filesystem::path& file, const MelodyIndex& index,
                       const MelodyThresholds& thresholds = {}, const Reporter& reporter = {});

// The melody a generation keeps: compose_melody with reseeds 0, 1, 2... until one is clear (at most
// max_attempts); when none is, the lowest-scoring one, with check.passed false.
struct MelodyChoice {
    ComposeOptions options;
    MelodyCheck check;
};
MelodyChoice choose_clear_melody(const Plan& plan, const CueSpec& spec, const Style& style, const MelodyIndex& index,
                                 int max_attempts = 8, const MelodyThresholds& thresholds = {});

// The melody of a MIDI file for the index: the track named `track` (case-insensitive) when
// given, else a track named melody/lead/vocal, else the pitched track with the highest mean
// pitch. InputError when the file has no such track or too few notes.
IndexedMelody melody_from_midi(const std::filesystem::path& file, const std::string& id, const std::string& source,
                               const std::string& track = {});

}  // namespace tunesmith
