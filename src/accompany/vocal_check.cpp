// check_vocal: refusals for audio that holds no singing, and the speech-likeness measure.
#include "accompany/vocal_check.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "base/text.h"

namespace tunesmith {
namespace {

bool silent(const AudioAnalysis& analysis) {
    return std::any_of(analysis.warnings.begin(), analysis.warnings.end(), [](const std::string& w) {
        return w.rfind("silent audio", 0) == 0 || w.rfind("empty audio", 0) == 0;
    });
}

}  // namespace

void check_vocal_length(double duration_s) {
    if (duration_s < kMinVocalSeconds)
        throw InputError("vocal", duration_text(duration_s) + " long", "a vocal of at least 4 seconds");
    if (duration_s > kMaxVocalSeconds)
        throw InputError("vocal", duration_text(duration_s) + " long", "a vocal of at most 20 minutes");
}

VocalCheck check_vocal(const AudioAnalysis& analysis, std::vector<std::string>& warnings) {
    VocalCheck check;
    check.duration_s = analysis.duration_s;
    if (silent(analysis)) throw InputError("vocal", "silent audio", "a recording of a sung vocal");
    const auto& notes = analysis.notes.notes;
    if (notes.empty())
        throw InputError("vocal", "no sung notes found (noise or unpitched sound)", "a recording of a sung vocal");
    std::vector<double> lengths;
    double sustained = 0.0;
    for (const NoteEvent& note : notes) {
        const double length = note.offset_s - note.onset_s;
        lengths.push_back(length);
        check.sung_s += length;
        if (length >= 0.25) sustained += length;
    }
    std::nth_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2), lengths.end());
    check.median_note_s = lengths[lengths.size() / 2];
    check.sung_share = check.duration_s > 0.0 ? check.sung_s / check.duration_s : 0.0;
    check.sustained_share = check.sung_s > 0.0 ? sustained / check.sung_s : 0.0;
    if (check.sung_s < 1.5 || check.sung_share < 0.05) {
        throw InputError("vocal", "only " + seconds_text(check.sung_s) + " of pitched notes in " + duration_text(check.duration_s),
                         "a recording of a sung vocal (singing for at least 1.5 s and 5% of it)");
    }
    // Sung notes are held; speech is a stream of short gliding syllables.
    check.speech_like = check.median_note_s < 0.16 && check.sustained_share < 0.35;
    if (check.speech_like)
        warnings.push_back("the vocal sounds like speech rather than singing (short gliding syllables, median note " +
                           seconds_text(check.median_note_s) +
                           "): chords follow its pitch, but may not fit what you hear");
    return check;
}

}  // namespace tunesmith
