// Resolution of a request into a CueSpec: read the prompt, layer the patches (prompt < JSON <
// flags) over defaults chosen from the lexicon, resolve prompt-relative values (bars, energy
// shapes) against the final tempo and length, then sort, warn and validate.
#include "spec/resolve.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include "base/text.h"
#include "spec/cue_spec_json.h"
#include "spec/energy_shape.h"
#include "spec/validate.h"
#include "spec/value_parsers.h"
#include "spec/voices.h"

namespace tunesmith {
namespace {

struct Layer {
    const SpecPatch* patch;
    const char* name;
};
using Layers = std::array<Layer, 3>;

template <class T>
std::optional<T> topmost(const Layers& layers, std::optional<T> SpecPatch::*member) {
    for (auto it = layers.rbegin(); it != layers.rend(); ++it)
        if (const auto& value = it->patch->*member) return *value;
    return std::nullopt;
}

// The tempo several genre words agree on: the typical tempo of the one with the narrowest range
// (the word that says most about tempo: "jazz ballad" is a ballad's tempo, not jazz's 120), kept
// inside every genre's range when the ranges overlap. Ties go to the first word. With no genre, the
// moods' arousal (lexicon defaults.bpm_by_arousal), else the lexicon's default.
double default_bpm(const std::vector<std::string>& styles, const std::vector<std::string>& moods,
                   const Lexicon& lexicon) {
    const Genre* narrowest = nullptr;
    double low = 0.0, high = 1e9;
    for (const auto& name : styles) {
        const Genre* genre = lexicon.genre(name);
        if (genre == nullptr) continue;
        low = std::max(low, genre->bpm_min), high = std::min(high, genre->bpm_max);
        if (narrowest == nullptr || genre->bpm_max - genre->bpm_min < narrowest->bpm_max - narrowest->bpm_min)
            narrowest = genre;
    }
    if (narrowest == nullptr) {
        // No genre: the moods' mean arousal, so "sad piano" is not played at the tempo of "tense".
        double arousal = 0.0;
        int known = 0;
        for (const auto& name : moods)
            if (const Mood* mood = lexicon.mood(name)) arousal += mood->arousal, ++known;
        if (known == 0) return lexicon.default_bpm;
        const auto [calm, intense] = lexicon.bpm_by_arousal;
        return std::round(calm + (intense - calm) * arousal / known);
    }
    return low <= high ? std::clamp(narrowest->typical_bpm, low, high) : narrowest->typical_bpm;
}

// Sum of mood and genre valences: below -0.15 leans minor, above 0.15 major, else neutral.
std::optional<Mode> mood_mode(const std::vector<std::string>& styles, const std::vector<std::string>& moods,
                              const Lexicon& lexicon) {
    double valence = 0.0;
    for (const auto& name : moods)
        if (const Mood* mood = lexicon.mood(name)) valence += mood->valence;
    for (const auto& name : styles)
        if (const Genre* genre = lexicon.genre(name)) valence += genre->valence;
    if (valence < -0.15) return Mode::minor;
    if (valence > 0.15) return Mode::major;
    return std::nullopt;
}

Key default_key(const PromptReading& reading, std::optional<Mode> mood_lean, const Lexicon& lexicon) {
    const std::optional<Mode> mode = reading.mode_lean ? reading.mode_lean : mood_lean;
    if (reading.tonic_only) return Key{*reading.tonic_only, mode.value_or(Mode::major)};
    if (!mode) return lexicon.neutral_key;
    const Key base = mode_is_minor(*mode) ? lexicon.minor_key : lexicon.major_key;
    return Key{base.tonic, *mode};
}

std::string shown(const nlohmann::json& value) {
    std::string text = value.dump();
    if (text.size() > 80) text = text.substr(0, 77) + "...";
    return text;
}

// Nested objects flattened ("instruments.include", "instruments.voices.strings"), so partial
// objects compare per member.
void flatten_into(nlohmann::json& flat, const std::string& prefix, const nlohmann::json& value) {
    if (!value.is_object()) {
        flat[prefix] = value;
        return;
    }
    for (const auto& [inner, v] : value.items()) flatten_into(flat, prefix.empty() ? inner : prefix + "." + inner, v);
}

nlohmann::json flattened(const SpecPatch& patch) {
    nlohmann::json flat = nlohmann::json::object();
    flatten_into(flat, "", to_json(patch));
    return flat;
}

void warn_overrides(const Layers& layers, std::vector<std::string>& warnings) {
    std::array<nlohmann::json, 3> flat;
    for (std::size_t i = 0; i < layers.size(); ++i) flat[i] = flattened(*layers[i].patch);
    for (std::size_t low = 0; low < layers.size(); ++low) {
        for (const auto& [key, value] : flat[low].items()) {
            if (key == "prompt") continue;
            for (std::size_t high = layers.size(); high-- > low + 1;) {
                if (!flat[high].contains(key)) continue;
                if (flat[high][key] != value)
                    warnings.push_back(key + ": " + shown(value) + " from " + layers[low].name + " is overridden by " +
                                       shown(flat[high][key]) + " from " + layers[high].name);
                break;
            }
        }
    }
}

void warn_consistency(const CueSpec& spec, std::vector<std::string>& warnings) {
    if (!spec.rules.percussion_under_dialogue && spec.dialogue.empty())
        warnings.push_back("rules.percussion_under_dialogue is false but no dialogue ranges are given "
                           "(add --dialogue START-END or \"dialogue\" in the spec); the rule has no effect");
    for (std::size_t i = 0; i < spec.hits.size(); ++i) {
        const HitSpec& hit = spec.hits[i];
        if (i > 0 && spec.hits[i - 1].time == hit.time)
            warnings.push_back("two hits at " + seconds_text(hit.time.value) + " ('" + spec.hits[i - 1].kind + "' and '" +
                               hit.kind + "'); the planner marks one moment");
        for (const TimeRange& d : spec.dialogue)
            if (hit.time >= d.start && hit.time < d.end)
                warnings.push_back("the " + hit.kind + " at " + seconds_text(hit.time.value) + " falls inside dialogue from " +
                                   seconds_text(d.start.value) + " to " + seconds_text(d.end.value) + "; it will be played under speech");
    }
}

// Several voices named for one group are players of a chamber cue, each on its own track; in a cue
// the style arranges, a group is one track, so it plays the style's sound.
void warn_shared_tracks(const InstrumentSpec& instruments, std::vector<std::string>& warnings) {
    if (played_by_soloists(instruments)) return;
    const auto players = cue_players(instruments);
    std::vector<std::string> others;
    for (const Player& p : players)
        if (p.polyphony == 0 && std::find(others.begin(), others.end(), p.group) == others.end()) others.push_back(p.group);
    std::string other_text;
    for (const auto& g : others) other_text += (other_text.empty() ? "" : ", ") + g;
    const std::string why = !others.empty() ? other_text + (others.size() > 1 ? " play" : " plays") + " too"
                                            : std::to_string(players.size()) + " players";
    const std::string alone = !others.empty() ? "for these players alone, name no other group, e.g. 'violin and cello duet'"
                                              : "a chamber cue has at most " + std::to_string(kMostSoloists) + " players";
    const auto sounding = sounding_groups(instruments);
    for (const auto& [group, voices] : instruments.voices) {
        if (voices.size() < 2 || std::find(sounding.begin(), sounding.end(), group) == sounding.end()) continue;
        std::string names;
        for (std::size_t i = 0; i < voices.size(); ++i)
            names += (i == 0 ? "the " : i + 1 == voices.size() ? " and the " : ", the ") + voices[i];
        warnings.push_back(names + " would share the " + group + " track in a cue the style arranges (" + why +
                           "); it plays the style's " + group + " (" + alone + "; or set instruments.voices." + group +
                           " to one voice)");
    }
}

void sort_by_time(CueSpec& spec) {
    std::stable_sort(spec.sections.begin(), spec.sections.end(),
                     [](const SectionSpec& a, const SectionSpec& b) { return a.start < b.start; });
    std::stable_sort(spec.hits.begin(), spec.hits.end(), [](const HitSpec& a, const HitSpec& b) { return a.time < b.time; });
    std::stable_sort(spec.dialogue.begin(), spec.dialogue.end(),
                     [](const TimeRange& a, const TimeRange& b) { return a.start < b.start; });
    std::stable_sort(spec.energy.begin(), spec.energy.end(),
                     [](const EnergyPoint& a, const EnergyPoint& b) { return a.time < b.time; });
}

}  // namespace

std::uint64_t prompt_seed(std::string_view prompt) {
    std::uint64_t hash = 0xCBF29CE484222325ull;
    for (char c : prompt) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001B3ull;
    }
    return hash;
}

Resolution resolve_spec(const SpecRequest& request, const Lexicon& lexicon) {
    Resolution result;
    SpecPatch json_patch = request.spec_json ? spec_patch_from_json(*request.spec_json) : SpecPatch{};
    std::string prompt = request.prompt;
    if (prompt.empty() && json_patch.prompt) prompt = *json_patch.prompt;
    else if (json_patch.prompt && *json_patch.prompt != prompt)
        result.warnings.push_back("the spec JSON's prompt is replaced by the prompt given on the command line");
    json_patch.prompt.reset();
    if (lexicon.artists) check_mimicry(prompt, *lexicon.artists);  // refused before anything is read
    SpecPatch flags = request.flags;
    flags.prompt.reset();

    PromptReading reading = read_prompt(prompt, lexicon);
    SpecPatch prompt_patch = reading.patch;
    prompt_patch.prompt = prompt;
    const Layers layers{{{&prompt_patch, "the prompt"}, {&json_patch, "the spec JSON"}, {&flags, "the flags"}}};

    // Tempo and meter first: "16 bars" and the defaults depend on them.
    const auto styles = topmost(layers, &SpecPatch::style).value_or(std::vector<std::string>{});
    const auto moods = topmost(layers, &SpecPatch::mood).value_or(std::vector<std::string>{});
    const double bpm = topmost(layers, &SpecPatch::bpm).value_or(default_bpm(styles, moods, lexicon));
    const Meter meter = topmost(layers, &SpecPatch::time_signature).value_or(Meter{});
    if (reading.length_bars && bpm > 0.0) {
        const double quarters_per_bar = static_cast<double>(meter.bar().value) / static_cast<double>(kTicksPerQuarter);
        prompt_patch.length = Seconds(*reading.length_bars * quarters_per_bar * 60.0 / bpm);
    }
    const Seconds length = topmost(layers, &SpecPatch::length).value_or(Seconds(60.0));
    if (!reading.energy.empty()) prompt_patch.energy = paint_energy(reading.energy, length);

    CueSpec& spec = result.spec;
    spec.key = default_key(reading, mood_mode(styles, moods, lexicon), lexicon);
    spec.bpm = bpm;
    spec.seed = prompt_seed(prompt);
    for (const Layer& layer : layers) apply_patch(spec, *layer.patch);
    sort_by_time(spec);
    // A key no one writes (Db minor has 8 flats) is spelled as its enharmonic twin: the same notes.
    if (const Key written = spec.key.conventional(); !(written == spec.key)) {
        const int accidentals = spec.key.signature();
        result.warnings.push_back("key: " + spec.key.to_string() + " would need " + std::to_string(std::abs(accidentals)) +
                                  (accidentals < 0 ? " flats" : " sharps") + "; it is written as " + written.to_string() +
                                  " (the same notes)");
        spec.key = written;
    }

    warn_overrides(layers, result.warnings);
    for (auto& w : reading.warnings) result.warnings.push_back(std::move(w));
    warn_consistency(spec, result.warnings);
    warn_shared_tracks(spec.instruments, result.warnings);
    result.used_words = std::move(reading.used_words);
    result.ignored_words = std::move(reading.ignored_words);
    validate(spec);
    return result;
}

nlohmann::json to_json(const Resolution& resolution) {
    nlohmann::json used = nlohmann::json::array();
    for (const auto& w : resolution.used_words) used.push_back({{"text", w.text}, {"meaning", w.meaning}});
    return {{"spec", to_json(resolution.spec)},
            {"used_words", used},
            {"ignored_words", resolution.ignored_words},
            {"warnings", resolution.warnings}};
}

}  // namespace tunesmith
