// The similarity check against known works: a melody, a Score or a file (MIDI, or audio through
// the analysis transcription) is searched in the melody index (the shipped POP909-derived index
// plus the user's own, `tunesmith index add`), and passes when its best score is below the
// threshold. Thread-safe given a shared, immutable MelodyIndex.
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

// Scores at or above this are "too close" (chosen from eval/eval_rights: see docs/rights.md).
inline constexpr double kMelodyThreshold = 0.75;

struct MelodyCheck {
    bool passed = true;       // best score below the threshold
    double score = 0.0;       // best alignment score, 0..1
    double threshold = kMelodyThreshold;
    std::string best_id;      // empty when nothing matched at all
    std::string best_source;
    std::string what;         // what was checked ("melody", a track name, "transcription")
    int attempts = 1;         // melodies generated until one passed (generate only)
    std::size_t index_size = 0;
};

// {"result": "clear"|"too_close", "score", "threshold", "best_match": {"id","source"}|null,
//  "checked", "attempts", "index_size"}
nlohmann::json to_json(const MelodyCheck& check);

// <data_dir>/rights/melody_index (the shipped POP909 index) and the user's folder (user_index_file()'s parent).
std::vector<std::filesystem::path> melody_index_dirs(const std::filesystem::path& data_dir);
// <config dir>/melody_index/user.tsv (the config dir is where the signing key lives).
std::filesystem::path user_index_file();

MelodyCheck check_melody(const MelodyLine& melody, const MelodyIndex& index, double threshold = kMelodyThreshold);

// Every pitched track's top voice is checked; the worst (highest-scoring) one is reported.
MelodyCheck check_score(const Score& score, const MelodyIndex& index, double threshold = kMelodyThreshold);

// .mid/.midi through the MIDI reader, anything else as audio through analyze_audio's note
// transcription. InputError for unreadable files.
MelodyCheck check_file(const std::filesystem::path& file, const MelodyIndex& index,
                       double threshold = kMelodyThreshold, const Reporter& reporter = {});

// The melody a generation keeps: compose_melody with reseeds 0, 1, 2... until one is clear (at most
// max_attempts); when none is, the lowest-scoring one, with check.passed false.
struct MelodyChoice {
    ComposeOptions options;
    MelodyCheck check;
};
MelodyChoice choose_clear_melody(const Plan& plan, const CueSpec& spec, const Style& style, const MelodyIndex& index,
                                 int max_attempts = 8, double threshold = kMelodyThreshold);

// The melody of a MIDI file for the index: the track named `track` (case-insensitive) when
// given, else a track named melody/lead/vocal, else the pitched track with the highest mean
// pitch. InputError when the file has no such track or too few notes.
IndexedMelody melody_from_midi(const std::filesystem::path& file, const std::string& id, const std::string& source,
                               const std::string& track = {});

}  // namespace tunesmith
