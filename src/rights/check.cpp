// Running the similarity check on melodies, scores and files, and picking the melody of a MIDI
// file for the user's index.
#include "rights/check.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string_view>

#include "analyze/analysis.h"
#include "audio/audio_reader.h"
#include "base/error.h"
#include "export/midi_reader.h"
#include "export/signing.h"
#include "base/text.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMinNotes = 8;
constexpr double kLowestMelodyPitch = 48.0;  // C3: mean pitch below this is a bass line
constexpr std::int64_t kSameOnsetTicks = kTicksPerQuarter / 24;  // half the melody line's IOI unit

double mean_pitch(const Track& t) {
    double sum = 0.0;
    for (const auto& n : t.notes) sum += n.pitch;
    return t.notes.empty() ? 0.0 : sum / static_cast<double>(t.notes.size());
}

// Track names that say "this is the melody", in order of preference.
constexpr std::array<std::string_view, 4> kMelodyNames{"melody", "lead", "vocal", "vocals"};

bool has_melody_name(const Track& t) {
    return std::find(kMelodyNames.begin(), kMelodyNames.end(), lower(t.name)) != kMelodyNames.end();
}

const Track* melody_track(const Score& score, const std::string& wanted) {
    if (!wanted.empty()) {
        for (const auto& t : score.tracks)
            if (lower(t.name) == lower(wanted)) return &t;
        return nullptr;
    }
    for (std::string_view name : kMelodyNames)
        for (const auto& t : score.tracks)
            if (!t.drums && lower(t.name) == name && t.notes.size() >= kMinNotes) return &t;
    const Track* best = nullptr;
    for (const auto& t : score.tracks)
        if (!t.drums && t.notes.size() >= kMinNotes && (best == nullptr || mean_pitch(t) > mean_pitch(*best))) best = &t;
    return best;
}

// The share of a track's onsets that sound with another note of the track (chords, voicings).
double chord_onset_share(const Track& t) {
    std::vector<Ticks> starts;
    starts.reserve(t.notes.size());
    for (const auto& n : t.notes) starts.push_back(n.start);
    std::sort(starts.begin(), starts.end());
    std::size_t onsets = 0;
    std::size_t shared = 0;
    for (std::size_t i = 0; i < starts.size();) {
        std::size_t end = i;
        // Notes starting within kSameOnsetTicks of each other are one onset: humanised and
        // strummed chords spread their notes over a few ticks.
        while (end < starts.size() && (starts[end] - starts[i]).value < kSameOnsetTicks) ++end;
        ++onsets;
        shared += end - i > 1;
        i = end;
    }
    return onsets == 0 ? 0.0 : static_cast<double>(shared) / static_cast<double>(onsets);
}

bool is_midi(const fs::path& file) {
    const std::string ext = lower(file.extension().string());
    return ext == ".mid" || ext == ".midi";
}

}  // namespace

nlohmann::json to_json(const MelodyCheck& check) {
    nlohmann::json best = nullptr;
    if (!check.best_id.empty()) best = {{"id", check.best_id}, {"source", check.best_source}};
    auto rounded = [](double x) { return std::round(x * 1000.0) / 1000.0; };
    return {{"result", check.passed ? "clear" : "too_close"},
            {"score", rounded(check.score)},
            {"runner_up", rounded(check.runner_up)},
            {"margin", rounded(check.score - check.runner_up)},
            {"threshold", check.threshold},
            {"min_score", check.min_score},
            {"min_margin", check.min_margin},
            {"best_match", best},
            {"checked", check.what},
            {"attempts", check.attempts},
            {"index_size", check.index_size}};
}

std::vector<fs::path> melody_index_dirs(const fs::path& data_dir) {
    return {data_dir / "rights" / "melody_index", user_index_file().parent_path()};
}

fs::path user_index_file() { return default_key_dir() / "melody_index" / "user.tsv"; }

MelodyCheck judge_matches(const std::vector<MelodyMatch>& matches, const MelodyIndex& index,
                          const MelodyThresholds& thresholds) {
    MelodyCheck check;
    check.threshold = thresholds.absolute;
    check.min_score = thresholds.score;
    check.min_margin = thresholds.margin;
    check.what = "melody";
    check.index_size = index.size();
    if (!matches.empty()) {
        const MelodyMatch& best = matches.front();
        check.score = best.score;
        check.best_id = best.id;
        check.best_source = best.source;
        // The runner-up is the best different melody: a song indexed twice must not hide its copies.
        for (std::size_t k = 1; k < matches.size(); ++k) {
            if (index.same_melody(best.position, matches[k].position)) continue;
            check.runner_up = matches[k].score;
            break;
        }
    }
    check.passed = !thresholds.too_close(check.score, check.runner_up);
    return check;
}

std::vector<MelodyMatch> check_search(const MelodyLine& melody, const MelodyIndex& index, SearchOptions options) {
    // A whole song's hundreds of 3-grams single out its few close candidates, and every
    // candidate of a long query costs hundreds of window alignments: align fewer.
    if (melody.size() > kLongQuery) options.candidates = std::min<std::size_t>(options.candidates, 8);
    // The best and the runner-up need exact scores; each further exact result lowers the bar
    // below which candidates are cut short, so more are asked for only when the index holds
    // duplicates of the best among them.
    for (std::size_t results = 2;; ++results) {
        options.results = results;
        std::vector<MelodyMatch> matches = index.search(melody, options);
        bool runner_up_found = matches.size() < results;
        for (std::size_t k = 1; k < matches.size() && !runner_up_found; ++k)
            runner_up_found = !index.same_melody(matches.front().position, matches[k].position);
        if (runner_up_found || results >= kCheckResults) return matches;
    }
}

MelodyCheck check_melody(const MelodyLine& melody, const MelodyIndex& index, const MelodyThresholds& thresholds) {
    return judge_matches(check_search(melody, index), index, thresholds);
}

std::vector<const Track*> melody_like_tracks(const Score& score) {
    std::vector<const Track*> named;
    std::vector<const Track*> single_voice;
    const Track* highest = nullptr;
    for (const auto& t : score.tracks) {
        if (t.drums || t.notes.size() < kMinNotes) continue;
        if (has_melody_name(t)) named.push_back(&t);
        // A single-voice line in the bass register is the accompaniment's bass, not a melody: its
        // octave leaps and repeated roots are rare in melodies, so it can score as a copy of one.
        if (chord_onset_share(t) <= 0.2 && mean_pitch(t) >= kLowestMelodyPitch) single_voice.push_back(&t);
        if (highest == nullptr || mean_pitch(t) > mean_pitch(*highest)) highest = &t;
    }
    if (!named.empty()) return named;
    if (!single_voice.empty()) return single_voice;
    if (highest != nullptr) return {highest};
    return {};
}

MelodyCheck check_score(const Score& score, const MelodyIndex& index, const MelodyThresholds& thresholds) {
    MelodyCheck worst;
    worst.threshold = thresholds.absolute;
    worst.min_score = thresholds.score;
    worst.min_margin = thresholds.margin;
    worst.index_size = index.size();
    worst.what = "no pitched track";
    bool any = false;
    for (const Track* t : melody_like_tracks(score)) {
        MelodyCheck c = check_melody(melody_line(t->notes), index, thresholds);
        c.what = t->name;
        // Too close first, then the higher score.
        if (!any || (c.passed == worst.passed && c.score > worst.score) || (!c.passed && worst.passed)) worst = c;
        any = true;
    }
    return worst;
}

MelodyCheck check_file(const fs::path& file, const MelodyIndex& index, const MelodyThresholds& thresholds,
                       const Reporter& reporter) {
    if (is_midi(file)) return check_score(read_midi_file(file, SampleRate(48000)), index, thresholds);
    AnalysisOptions options;
    options.harmony = false;
    options.rhythm = false;
    const AudioAnalysis analysis = analyze_audio(read_audio_file(file), options, reporter);
    std::vector<TimedPitch> notes;
    for (const auto& n : analysis.notes.notes) notes.push_back({n.onset_s, n.offset_s - n.onset_s, n.midi_pitch});
    MelodyCheck check = check_melody(melody_line(notes), index, thresholds);
    check.what = "transcription (" + std::to_string(notes.size()) + " notes)";
    return check;
}

MelodyChoice choose_clear_melody(const Plan& plan, const CueSpec& spec, const Style& style, const MelodyIndex& index,
                                 int max_attempts, const MelodyThresholds& thresholds) {
    MelodyChoice best;
    for (int attempt = 0; attempt < std::max(1, max_attempts); ++attempt) {
        const ComposeOptions options{static_cast<std::uint64_t>(attempt)};
        MelodyCheck check = check_melody(melody_line(compose_melody(plan, spec, style, options)), index, thresholds);
        check.attempts = attempt + 1;
        if (attempt == 0 || check.passed || check.score < best.check.score) best = MelodyChoice{options, check};
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
