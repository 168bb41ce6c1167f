// The prompt vocabulary (data/lexicon.json): genres, moods, instrument synonyms, named voices and ensembles,
// tempo and energy words, hit words, section words and filler. Validated on load; every phrase means one thing.
// A loaded Lexicon is an immutable value; share it freely between threads.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "music/key.h"
#include "music/meter.h"
#include "spec/content_policy.h"

namespace tunesmith {

struct Genre {
    std::string name;  // the style name written into CueSpec::style
    std::string style; // the style file that plays it when it has none of its own ("" : its own, `name`)
    double bpm_min = 60.0;
    double bpm_max = 140.0;
    double typical_bpm = 100.0;
    std::optional<Meter> meter;  // a genre that implies a meter ("waltz" -> 3/4)
    double valence = 0.0;        // -1 (minor lean) .. +1 (major lean)
    bool has_decades = false;    // a decade before it is an era ("70s funk"), not a length ("a 30s trailer")
};

struct Mood {
    std::string name;     // written into CueSpec::mood
    double valence = 0.0; // -1 sad/dark .. +1 happy; decides the default mode
    double arousal = 0.5; // 0 calm .. 1 intense
};

struct EnergyWord {
    double level = 0.5;  // 0..1
    std::string mood;    // a mood name it also implies when used on its own, or empty
};

// What one phrase of the prompt means. Exactly one of the categories.
enum class PhraseKind { genre, mood, instrument, tempo, energy, build, fade_out, big_finish, hit, section, filler };

struct PhraseMeaning {
    PhraseKind kind = PhraseKind::filler;
    std::string value;   // genre/mood name, instrument group, hit kind, section name
    double number = 0.0; // bpm for tempo words, level for energy words, energy for section words
    std::string voice;   // instruments: a named voice (spec/voices.h), "" for a plain group word
    // Ensembles ("string quartet"): its players, voice names or a group's plain sound ("piano",
    // "drums"); `value` is the first player's group.
    std::vector<std::string> players;
    std::string genre;   // ensembles: a genre the name also sets ("jazz trio": jazz), "" none
    std::string hit;     // sections: a hit kind also marked where the section starts ("" none)
};

struct Lexicon {
    std::vector<Genre> genres;
    std::vector<Mood> moods;
    std::map<std::string, EnergyWord> energy_words;
    // Every phrase (lower case, words separated by one space; hyphens count as spaces) -> meaning.
    std::map<std::string, PhraseMeaning> phrases;
    std::size_t longest_phrase = 1;  // in words

    Key major_key{NoteName{0, 0}, Mode::major};
    Key minor_key{NoteName{5, 0}, Mode::minor};
    Key neutral_key{NoteName{0, 0}, Mode::major};
    double default_bpm = 100.0;
    // Without a genre's tempo, the moods' mean arousal picks one: arousal 0 -> [0], 1 -> [1]
    // (defaults.bpm_by_arousal; "sad" is slower than "tense"). Both default_bpm when absent.
    std::array<double, 2> bpm_by_arousal{100.0, 100.0};
    // English words one typing slip from a lexicon word ("mental", "county"): never spelling-corrected
    // (data/real_words_near_lexicon.txt, derived by tools/derive_real_words).
    std::set<std::string, std::less<>> real_words;
    // Artists the prompt may not ask to imitate (data/policy/artists.txt; empty: none refused).
    std::shared_ptr<const ArtistPolicy> artists;

    const Genre* genre(std::string_view name) const;
    const Mood* mood(std::string_view name) const;
    const PhraseMeaning* find(std::string_view phrase) const;
};

// Reads <data_dir>/lexicon.json, <data_dir>/real_words_near_lexicon.txt into `real_words` and
// <data_dir>/policy/artists.txt into `artists`. Errors (missing
// file, malformed JSON, a bad or duplicate entry) are InputErrors whose field names the file and the JSON path ("lexicon.json: genres.waltz.bpm").
Lexicon load_lexicon(const std::filesystem::path& data_dir);
// The files load_lexicon reads (for provenance records).
std::vector<std::filesystem::path> lexicon_files(const std::filesystem::path& data_dir);
// The same from an already parsed document; `source` names it in errors.
Lexicon parse_lexicon(const nlohmann::json& document, const std::string& source);

// Lower-cases and splits a phrase the way the prompt tokenizer does ("Lo-Fi" -> "lo fi").
std::string normalize_phrase(std::string_view phrase);

}  // namespace tunesmith
