// Running the similarity check on melodies, scores and files, and picking the melody of a MIDI
// file for the user's index.
#include "rights/check.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "analyze/analysis.h"
#include "audio/audio_reader.h"
#include "base/error.h"
#include "export/midi_reader.h"
#include "export/signing.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMinNotes = 8;

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

double mean_pitch(const Track& t) {
    double sum = 0.0;
    for (const auto& n : t.notes) sum += n.pitch;
    return t.notes.empty() ? 0.0 : sum / static_cast<double>(t.notes.size());
}

const Track* melody_track(const Score& score, const std::string& wanted) {
    if (!wanted.empty()) {
        for (const auto& t : score.tracks)
            if (lower(t.name) == lower(wanted)) return &t;
        return nullptr;
    }
    for (const char* name : {"melody", "lead", "vocal", "vocals"})
        for (const auto& t : score.tracks)
            if (!t.drums && lower(t.name) == name && t.notes.size() >= kMinNotes) return &t;
    const Track* best = nullptr;
    for (const auto& t : score.tracks)
        if (!t.drums && t.notes.size() >= kMinNotes && (best == nullptr || mean_pitch(t) > mean_pitch(*best))) best = &t;
    return best;
}

bool is_midi(const fs::path& file) {
    const std::string ext = lower(file.extension().string());
    return ext == ".mid" || ext == ".midi";
}

}  // namespace

nlohmann::json to_json(const MelodyCheck& check) {
    nlohmann::json best = nullptr;
    if (!check.best_id.empty()) best = {{"id", check.best_id}, {"source", check.best_source}};
    return {{"result", check.passed ? "clear" : "too_close"},
            {"score", std::round(check.score * 1000.0) / 1000.0},
            {"threshold", check.threshold},
            {"best_match", best},
            {"checked", check.what},
            {"attempts", check.attempts},
            {"index_size", check.index_size}};
}

std::vector<fs::path> melody_index_dirs(const fs::path& data_dir) {
    return {data_dir / "rights" / "melody_index", user_index_file().parent_path()};
}

fs::path user_index_file() { return default_key_dir() / "melody_index" / "user.tsv"; }

MelodyCheck check_melody(const MelodyLine& melody, const MelodyIndex& index, double threshold) {
    MelodyCheck check;
    check.threshold = threshold;
    check.what = "melody";
    check.index_size = index.size();
    const auto matches = index.search(melody);
    if (!matches.empty()) {
        check.score = matches.front().score;
        check.best_id = matches.front().id;
        check.best_source = matches.front().source;
    }
    check.passed = check.score < threshold;
    return check;
}

MelodyCheck check_score(const Score& score, const MelodyIndex& index, double threshold) {
    MelodyCheck worst;
    worst.threshold = threshold;
    worst.index_size = index.size();
    worst.what = "no pitched track";
    bool any = false;
    for (const auto& t : score.tracks) {
        if (t.drums || t.notes.size() < kMinNotes) continue;
        MelodyCheck c = check_melody(melody_line(t.notes), index, threshold);
        c.what = t.name;
        if (!any || c.score > worst.score) worst = c;
        any = true;
    }
    return worst;
}

MelodyCheck check_file(const fs::path& file, const MelodyIndex& index, double threshold, const Reporter& reporter) {
    if (is_midi(file)) return check_score(read_midi_file(file, SampleRate(48000)), index, threshold);
    AnalysisOptions options;
    options.harmony = false;
    options.rhythm = false;
    const AudioAnalysis analysis = analyze_audio(read_audio_file(file), options, reporter);
    std::vector<TimedPitch> notes;
    for (const auto& n : analysis.notes.notes) notes.push_back({n.onset_s, n.offset_s - n.onset_s, n.midi_pitch});
    MelodyCheck check = check_melody(melody_line(notes), index, threshold);
    check.what = "transcription (" + std::to_string(notes.size()) + " notes)";
    return check;
}

MelodyChoice choose_clear_melody(const Plan& plan, const CueSpec& spec, const Style& style, const MelodyIndex& index,
                                 int max_attempts, double threshold) {
    MelodyChoice best;
    for (int attempt = 0; attempt < std::max(1, max_attempts); ++attempt) {
        const ComposeOptions options{static_cast<std::uint64_t>(attempt)};
        MelodyCheck check = check_melody(melody_line(compose_melody(plan, spec, style, options)), index, threshold);
        check.attempts = attempt + 1;
        if (attempt == 0 || check.score < best.check.score) best = MelodyChoice{options, check};
        best.check.attempts = attempt + 1;
        if (check.passed) break;
    }
    return best;
}

IndexedMelody melody_from_midi(const fs::path& file, const std::string& id, const std::string& source,
                               const std::string& track) {
    const Score score = read_midi_file(file, SampleRate(48000));
    const Track* t = melody_track(score, track);
    if (t == nullptr || t->notes.size() < kMinNotes)
        throw InputError("melody track", track.empty() ? file.string() : track,
                         "a pitched track with at least 8 notes (name it with --track)");
    return IndexedMelody{id, source, melody_line(t->notes)};
}

}  // namespace tunesmith
