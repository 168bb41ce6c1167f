// Harmony: key-relative chords (Roman numerals), the corpus-derived transition model, and
// write_progression, which turns a Plan into chord spans with functional logic and cadences.
//
// Pure functions of their inputs and a seeded Rng; no I/O except load_harmony_model.
// Thread-safe: nothing here holds mutable shared state.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/random.h"
#include "compose/plan.h"
#include "music/chord.h"
#include "music/key.h"
#include "music/score.h"

namespace tunesmith {

// A chord relative to a tonic: root offset in semitones and triad family. Written as a Roman
// numeral: upper case major, lower case minor, "o" diminished, "+" augmented ("I", "bVII", "viio").
struct RomanChord {
    int offset = 0;                             // 0..11 semitones above the tonic
    ChordQuality triad = ChordQuality::major;  // major, minor, diminished or augmented

    std::string numeral() const;
    static std::optional<RomanChord> parse(std::string_view numeral);
    // The triad in `key` (root position).
    Chord to_chord(const Key& key) const;
    friend bool operator==(const RomanChord&, const RomanChord&) = default;
};

// The diatonic triads of a key, by scale degree (0..6).
std::vector<RomanChord> diatonic_triads(const Key& key);
// The diatonic seventh chord on a triad's root, if the key's scale forms a known quality there;
// in minor, V (major) becomes a dominant seventh.
Chord with_seventh(const RomanChord& chord, const Key& key);

// Chord-to-chord counts derived from a corpus, per key family (major: major, lydian and
// mixolydian keys; minor: the others). See docs/harmony.md.
struct TransitionTable {
    std::map<std::string, std::map<std::string, double>> counts;  // from numeral -> to numeral -> count
    std::map<std::string, double> start;                          // first chords of phrases
};

struct HarmonyModel {
    std::string source;  // where the counts came from (corpus and licence)
    TransitionTable major;
    TransitionTable minor;
    const TransitionTable& table_for(Mode mode) const;
};

// Parses the table written by tools/derive_chord_stats; `origin` names it in errors.
HarmonyModel harmony_model_from_json(const nlohmann::json& json, const std::string& origin);
// Reads data_dir/harmony/transitions.json. InputError if missing or malformed.
HarmonyModel load_harmony_model(const std::filesystem::path& data_dir);

enum class CadenceKind { authentic, half, plagal, deceptive };
std::string_view cadence_name(CadenceKind kind);

struct HarmonyOptions {
    double bars_per_chord = 1.0;       // harmonic rhythm at medium energy: 0.5, 1, 2 or 4 bars
    double fast_energy = 0.75;         // bars at or above this energy change chords twice as often
    double slow_energy = 0.0;          // bars at or below this energy change half as often (0: never)
    double corpus_weight = 0.7;        // 0: functional grammar only .. 1: corpus counts only
    std::map<std::string, double> chord_weights;  // numeral -> preference multiplier ("bVII": 2)
    double seventh_probability = 0.0;  // chance that a non-cadential chord gets its diatonic 7th
    bool dominant_seventh_cadence = true;  // V7 at authentic and deceptive cadences
    double deceptive_probability = 0.12;   // chance that an inner section ends V-vi
    double variation = 0.25;           // chance to substitute each inner chord when a section recurs
    bool modal_vamp = true;            // modal keys favour tonic / characteristic-chord vamps
    // Corpus statistics (load_harmony_model); null: the functional grammar alone is used.
    std::shared_ptr<const HarmonyModel> model;

    // Validates every field; InputError names "harmony.<field>". Unknown fields are errors.
    static HarmonyOptions from_json(const nlohmann::json& json);
};

// Chord spans covering [0, plan.length) without gaps or overlaps, changing on bar or half-bar
// lines (or on a hit's beat). Each section ends on a cadence suited to its role; the last chord
// is the tonic. Sections are written from their own Rng fork, so changing one section does not
// change another, except that a recurring section (same name) reuses its first statement.
std::vector<ChordSpan> write_progression(const Plan& plan, const HarmonyOptions& options, Rng rng);

// The cadence each section of the plan ends with (structural: role, next section, ending).
std::vector<CadenceKind> plan_cadences(const Plan& plan, const HarmonyOptions& options, const Rng& rng);

namespace options_json {
// Shared validation helpers for the compose option structs (harmony, voicing, melody).
// Each throws InputError("<prefix>.<name>", value, accepted).
void reject_unknown(const nlohmann::json& json, const std::string& prefix,
                    std::initializer_list<std::string_view> known);
double number(const nlohmann::json& json, const std::string& prefix, const char* name, double fallback,
              double lo, double hi);
int integer(const nlohmann::json& json, const std::string& prefix, const char* name, int fallback, int lo,
            int hi);
bool boolean(const nlohmann::json& json, const std::string& prefix, const char* name, bool fallback);
}  // namespace options_json

}  // namespace tunesmith
