// SpecPatch application and its strict JSON reading/writing: the one place CueSpec field names,
// JSON types and "did you mean" suggestions for unknown fields are defined.
#include "spec/spec_patch.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "base/error.h"
#include "spec/value_parsers.h"
#include "spec/voices.h"

namespace tunesmith {
namespace {

using nlohmann::json;

std::string shown(const json& value) {
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
}

[[noreturn]] void wrong_type(const std::string& path, const json& value, std::string_view expected) {
    throw InputError(path, shown(value), std::string(expected) + " (JSON type was " + value.type_name() + ")");
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

using Aliases = std::map<std::string, std::string, std::less<>>;

// Rejects any member not in `known`, suggesting a common alias or the nearest spelling.
void check_fields(const json& object, const std::string& prefix, const std::vector<std::string>& known,
                  const Aliases& aliases) {
    for (const auto& [name, value] : object.items()) {
        if (std::find(known.begin(), known.end(), name) != known.end()) continue;
        std::string suggestion;
        if (const auto alias = aliases.find(name); alias != aliases.end()) {
            suggestion = alias->second;
        } else {
            std::size_t best = name.size();
            for (const auto& candidate : known) {
                const std::size_t d = edit_distance(name, candidate);
                if (d < best && d <= std::max<std::size_t>(2, candidate.size() / 3)) {
                    best = d;
                    suggestion = candidate;
                }
            }
        }
        std::string accepted = "no unknown field";
        if (!suggestion.empty()) accepted += "; did you mean '" + suggestion + "'?";
        accepted += " (known fields: " + join_choices(known) + ")";
        throw InputError(prefix + name, shown(value), accepted);
    }
}

const json& require_object(const json& value, const std::string& path) {
    if (!value.is_object()) wrong_type(path, value, "a JSON object");
    return value;
}

double read_number(const json& value, const std::string& path) {
    if (!value.is_number()) wrong_type(path, value, "a number");
    return value.get<double>();
}

int read_int(const json& value, const std::string& path) {
    if (!value.is_number_integer()) wrong_type(path, value, "a whole number");
    const auto wide = value.get<std::int64_t>();
    if (wide < -1000000000 || wide > 1000000000) throw InputError(path, shown(value), "a whole number");
    return static_cast<int>(wide);
}

std::string read_string(const json& value, const std::string& path) {
    if (!value.is_string()) wrong_type(path, value, "a string");
    return value.get<std::string>();
}

bool read_bool(const json& value, const std::string& path) {
    if (!value.is_boolean()) wrong_type(path, value, "true or false");
    return value.get<bool>();
}

const json& require_array(const json& value, const std::string& path) {
    if (!value.is_array()) wrong_type(path, value, "a JSON array");
    return value;
}

std::string item_path(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

std::vector<std::string> read_strings(const json& value, const std::string& path) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < require_array(value, path).size(); ++i)
        out.push_back(read_string(value[i], item_path(path, i)));
    return out;
}

std::vector<std::string> read_instruments(const json& value, const std::string& path) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < require_array(value, path).size(); ++i) {
        const std::string field = item_path(path, i);
        std::string group = parse_instrument(read_string(value[i], field), field);
        if (std::find(out.begin(), out.end(), group) == out.end()) out.push_back(std::move(group));
    }
    return out;
}

std::vector<SectionSpec> read_sections(const json& value, const std::string& path) {
    std::vector<SectionSpec> out;
    for (std::size_t i = 0; i < require_array(value, path).size(); ++i) {
        const std::string at = item_path(path, i);
        const json& item = require_object(value[i], at);
        check_fields(item, at + ".", {"name", "start_s", "energy"}, {{"start", "start_s"}, {"time_s", "start_s"}});
        SectionSpec section;
        if (!item.contains("name")) throw InputError(at + ".name", "", "a section name");
        if (!item.contains("start_s")) throw InputError(at + ".start_s", "", "a start time in seconds");
        section.name = read_string(item["name"], at + ".name");
        section.start = Seconds(read_number(item["start_s"], at + ".start_s"));
        if (item.contains("energy")) section.energy = read_number(item["energy"], at + ".energy");
        out.push_back(std::move(section));
    }
    return out;
}

std::vector<HitSpec> read_hits(const json& value, const std::string& path) {
    std::vector<HitSpec> out;
    for (std::size_t i = 0; i < require_array(value, path).size(); ++i) {
        const std::string at = item_path(path, i);
        const json& item = require_object(value[i], at);
        check_fields(item, at + ".", {"time_s", "kind"}, {{"time", "time_s"}, {"type", "kind"}});
        if (!item.contains("time_s")) throw InputError(at + ".time_s", "", "a time in seconds");
        HitSpec hit;
        hit.time = Seconds(read_number(item["time_s"], at + ".time_s"));
        if (item.contains("kind")) hit.kind = read_string(item["kind"], at + ".kind");
        out.push_back(std::move(hit));
    }
    return out;
}

std::vector<TimeRange> read_ranges(const json& value, const std::string& path) {
    std::vector<TimeRange> out;
    for (std::size_t i = 0; i < require_array(value, path).size(); ++i) {
        const std::string at = item_path(path, i);
        const json& item = require_object(value[i], at);
        check_fields(item, at + ".", {"start_s", "end_s"}, {{"start", "start_s"}, {"end", "end_s"}});
        if (!item.contains("start_s")) throw InputError(at + ".start_s", "", "a start time in seconds");
        if (!item.contains("end_s")) throw InputError(at + ".end_s", "", "an end time in seconds");
        out.push_back({Seconds(read_number(item["start_s"], at + ".start_s")),
                       Seconds(read_number(item["end_s"], at + ".end_s"))});
    }
    return out;
}

std::vector<EnergyPoint> read_energy(const json& value, const std::string& path) {
    std::vector<EnergyPoint> out;
    for (std::size_t i = 0; i < require_array(value, path).size(); ++i) {
        const std::string at = item_path(path, i);
        const json& item = require_object(value[i], at);
        check_fields(item, at + ".", {"time_s", "level"}, {{"time", "time_s"}, {"energy", "level"}, {"value", "level"}});
        if (!item.contains("time_s")) throw InputError(at + ".time_s", "", "a time in seconds");
        if (!item.contains("level")) throw InputError(at + ".level", "", "an energy level 0..1");
        out.push_back({Seconds(read_number(item["time_s"], at + ".time_s")), read_number(item["level"], at + ".level")});
    }
    return out;
}

std::uint64_t read_seed(const json& value) {
    if (value.is_number_unsigned()) return value.get<std::uint64_t>();
    if (value.is_string()) return parse_seed(value.get<std::string>(), "seed");
    if (value.is_number_integer()) throw InputError("seed", shown(value), "a whole number 0 to 18446744073709551615");
    wrong_type("seed", value, "a whole number (or a string of digits)");
}

const std::vector<std::string>& spec_fields() {
    static const std::vector<std::string> fields{
        "prompt",    "style",    "mood",     "key",    "bpm",    "time_signature", "length_s",
        "sections",  "hits",     "instruments", "dialogue", "rules", "energy", "ending",
        "seed",      "loudness_lufs", "true_peak_dbtp", "sample_rate", "formats"};
    return fields;
}

const Aliases& spec_aliases() {
    static const Aliases aliases{
        {"tempo", "bpm"},          {"meter", "time_signature"}, {"timesig", "time_signature"},
        {"length", "length_s"},    {"duration", "length_s"},    {"duration_s", "length_s"},
        {"genre", "style"},        {"genres", "style"},         {"styles", "style"},
        {"moods", "mood"},         {"loudness", "loudness_lufs"}, {"lufs", "loudness_lufs"},
        {"true_peak", "true_peak_dbtp"}, {"samplerate", "sample_rate"}, {"sr", "sample_rate"},
        {"instrumentation", "instruments"}, {"format", "formats"}, {"markers", "hits"}};
    return aliases;
}

// One voice name of instruments.voices: a known voice, or "style" (the style's sound).
std::string read_voice_name(const json& item, const std::string& field, const std::string& group) {
    const std::string text = read_string(item, field);
    const Voice* voice = find_voice(text);
    if (voice == nullptr && text != "style")
        throw InputError(field, text, "a voice for " + group + ": " + join_choices(voice_names_for(group)) +
                                          " (or \"style\": the style's sound)");
    return voice ? std::string(voice->name) : text;
}

// {"strings": "cello"} or {"strings": ["violin", "viola", "cello"]}: groups (or "percussion") to a
// voice name or a list of them, or "style" to drop a group's voices. Ranges are checked by validate().
std::map<std::string, std::vector<std::string>> read_voices(const json& value, const std::string& path) {
    require_object(value, path);
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [name, item] : value.items()) {
        const std::string field = path + "." + name;
        const std::string group = parse_instrument(name, field);
        auto& list = out[group];
        if (!item.is_array() && !item.is_string()) wrong_type(field, item, "a voice name or a list of voice names");
        if (!item.is_array()) {
            list.push_back(read_voice_name(item, field, group));
            continue;
        }
        for (std::size_t i = 0; i < item.size(); ++i)
            list.push_back(read_voice_name(item[i], field + "[" + std::to_string(i) + "]", group));
    }
    return out;
}

void read_instrument_object(const json& value, SpecPatch& patch) {
    require_object(value, "instruments");
    check_fields(value, "instruments.", {"include", "exclude", "feature", "add", "voices"},
                 {{"only", "include"}, {"without", "exclude"}, {"voice", "voices"}, {"sounds", "voices"},
                  {"featuring", "feature"}, {"featured", "feature"}, {"solo", "feature"}, {"with", "add"},
                  {"join", "add"}, {"extra", "add"}});
    if (value.contains("include")) patch.instruments_include = read_instruments(value["include"], "instruments.include");
    if (value.contains("exclude")) patch.instruments_exclude = read_instruments(value["exclude"], "instruments.exclude");
    if (value.contains("feature")) patch.instruments_feature = read_instruments(value["feature"], "instruments.feature");
    if (value.contains("add")) patch.instruments_add = read_instruments(value["add"], "instruments.add");
    if (value.contains("voices")) patch.instruments_voices = read_voices(value["voices"], "instruments.voices");
}

void read_rules(const json& value, SpecPatch& patch) {
    require_object(value, "rules");
    check_fields(value, "rules.", {"percussion_under_dialogue", "duck_under_dialogue"},
                 {{"drums_under_dialogue", "percussion_under_dialogue"}, {"duck", "duck_under_dialogue"}});
    if (value.contains("percussion_under_dialogue"))
        patch.percussion_under_dialogue = read_bool(value["percussion_under_dialogue"], "rules.percussion_under_dialogue");
    if (value.contains("duck_under_dialogue"))
        patch.duck_under_dialogue = read_bool(value["duck_under_dialogue"], "rules.duck_under_dialogue");
}

void remove_all(std::vector<std::string>& list, const std::vector<std::string>& names) {
    std::erase_if(list, [&](const std::string& item) {
        return std::find(names.begin(), names.end(), item) != names.end();
    });
}

}  // namespace

void apply_patch(CueSpec& spec, const SpecPatch& patch) {
    if (patch.prompt) spec.prompt = *patch.prompt;
    if (patch.style) spec.style = *patch.style;
    if (patch.mood) spec.mood = *patch.mood;
    if (patch.key) spec.key = *patch.key;
    if (patch.bpm) spec.bpm = *patch.bpm;
    if (patch.time_signature) spec.time_signature = *patch.time_signature;
    if (patch.length) spec.length = *patch.length;
    if (patch.sections) spec.sections = *patch.sections;
    if (patch.hits) spec.hits = *patch.hits;
    // A group named in one list of a higher layer leaves the other lists.
    const std::array<std::pair<const std::optional<std::vector<std::string>>*, std::vector<std::string>*>, 4> lists{{
        {&patch.instruments_include, &spec.instruments.include},
        {&patch.instruments_exclude, &spec.instruments.exclude},
        {&patch.instruments_feature, &spec.instruments.feature},
        {&patch.instruments_add, &spec.instruments.add},
    }};
    for (const auto& [from, to] : lists) {
        if (!*from) continue;
        *to = **from;
        for (const auto& other : lists)
            if (other.second != to) remove_all(*other.second, **from);
    }
    if (patch.instruments_voices)
        for (const auto& [group, voices] : *patch.instruments_voices) {
            if (voices == std::vector<std::string>{"style"}) spec.instruments.voices.erase(group);
            else spec.instruments.voices[group] = voices;
        }
    if (patch.dialogue) spec.dialogue = *patch.dialogue;
    if (patch.percussion_under_dialogue) spec.rules.percussion_under_dialogue = *patch.percussion_under_dialogue;
    if (patch.duck_under_dialogue) spec.rules.duck_under_dialogue = *patch.duck_under_dialogue;
    if (patch.energy) spec.energy = *patch.energy;
    if (patch.ending) spec.ending = *patch.ending;
    if (patch.seed) spec.seed = *patch.seed;
    if (patch.loudness_lufs) spec.loudness_lufs = *patch.loudness_lufs;
    if (patch.true_peak_dbtp) spec.true_peak_dbtp = *patch.true_peak_dbtp;
    if (patch.sample_rate) spec.sample_rate = *patch.sample_rate;
    if (patch.formats) spec.formats = *patch.formats;
}

SpecPatch patch_from_spec(const CueSpec& spec) {
    SpecPatch patch;
    patch.prompt = spec.prompt;
    patch.style = spec.style;
    patch.mood = spec.mood;
    patch.key = spec.key;
    patch.bpm = spec.bpm;
    patch.time_signature = spec.time_signature;
    patch.length = spec.length;
    patch.sections = spec.sections;
    patch.hits = spec.hits;
    patch.instruments_include = spec.instruments.include;
    patch.instruments_exclude = spec.instruments.exclude;
    // Left unset when empty, so the cue.json of a cue without a featured group keeps its bytes.
    if (!spec.instruments.feature.empty()) patch.instruments_feature = spec.instruments.feature;
    if (!spec.instruments.add.empty()) patch.instruments_add = spec.instruments.add;
    patch.instruments_voices = spec.instruments.voices;
    patch.dialogue = spec.dialogue;
    patch.percussion_under_dialogue = spec.rules.percussion_under_dialogue;
    patch.duck_under_dialogue = spec.rules.duck_under_dialogue;
    patch.energy = spec.energy;
    patch.ending = spec.ending;
    patch.seed = spec.seed;
    patch.loudness_lufs = spec.loudness_lufs;
    patch.true_peak_dbtp = spec.true_peak_dbtp;
    patch.sample_rate = spec.sample_rate;
    patch.formats = spec.formats;
    return patch;
}

nlohmann::json to_json(const SpecPatch& patch) {
    json out = json::object();
    if (patch.prompt) out["prompt"] = *patch.prompt;
    if (patch.style) out["style"] = *patch.style;
    if (patch.mood) out["mood"] = *patch.mood;
    if (patch.key) out["key"] = patch.key->to_string();
    if (patch.bpm) out["bpm"] = *patch.bpm;
    if (patch.time_signature) out["time_signature"] = patch.time_signature->to_string();
    if (patch.length) out["length_s"] = patch.length->value;
    if (patch.sections) {
        out["sections"] = json::array();
        for (const auto& s : *patch.sections)
            out["sections"].push_back({{"name", s.name}, {"start_s", s.start.value}, {"energy", s.energy}});
    }
    if (patch.hits) {
        out["hits"] = json::array();
        for (const auto& h : *patch.hits) out["hits"].push_back({{"time_s", h.time.value}, {"kind", h.kind}});
    }
    if (patch.instruments_include || patch.instruments_exclude || patch.instruments_feature || patch.instruments_add ||
        patch.instruments_voices) {
        json instruments = json::object();
        if (patch.instruments_include) instruments["include"] = *patch.instruments_include;
        if (patch.instruments_exclude) instruments["exclude"] = *patch.instruments_exclude;
        if (patch.instruments_feature) instruments["feature"] = *patch.instruments_feature;
        if (patch.instruments_add) instruments["add"] = *patch.instruments_add;
        if (patch.instruments_voices) {
            // One voice is written as a string, as before lists existed, so existing cue.json files
            // and provenance records of one-voice groups keep their bytes.
            json voices = json::object();
            for (const auto& [group, list] : *patch.instruments_voices)
                voices[group] = list.size() == 1 ? json(list.front()) : json(list);
            instruments["voices"] = voices;
        }
        out["instruments"] = instruments;
    }
    if (patch.dialogue) {
        out["dialogue"] = json::array();
        for (const auto& d : *patch.dialogue)
            out["dialogue"].push_back({{"start_s", d.start.value}, {"end_s", d.end.value}});
    }
    if (patch.percussion_under_dialogue || patch.duck_under_dialogue) {
        json rules = json::object();
        if (patch.percussion_under_dialogue) rules["percussion_under_dialogue"] = *patch.percussion_under_dialogue;
        if (patch.duck_under_dialogue) rules["duck_under_dialogue"] = *patch.duck_under_dialogue;
        out["rules"] = rules;
    }
    if (patch.energy) {
        out["energy"] = json::array();
        for (const auto& e : *patch.energy) out["energy"].push_back({{"time_s", e.time.value}, {"level", e.level}});
    }
    if (patch.ending) out["ending"] = std::string(ending_name(*patch.ending));
    if (patch.seed) out["seed"] = *patch.seed;
    if (patch.loudness_lufs) out["loudness_lufs"] = *patch.loudness_lufs;
    if (patch.true_peak_dbtp) out["true_peak_dbtp"] = *patch.true_peak_dbtp;
    if (patch.sample_rate) out["sample_rate"] = *patch.sample_rate;
    if (patch.formats) out["formats"] = *patch.formats;
    return out;
}

SpecPatch spec_patch_from_json(const nlohmann::json& j) {
    if (!j.is_object()) wrong_type("spec", j, "a JSON object with CueSpec fields");
    check_fields(j, "", spec_fields(), spec_aliases());
    SpecPatch patch;
    if (j.contains("prompt")) patch.prompt = read_string(j["prompt"], "prompt");
    if (j.contains("style")) patch.style = read_strings(j["style"], "style");
    if (j.contains("mood")) patch.mood = read_strings(j["mood"], "mood");
    if (j.contains("key")) patch.key = parse_key(read_string(j["key"], "key"), "key");
    if (j.contains("bpm")) patch.bpm = read_number(j["bpm"], "bpm");
    if (j.contains("time_signature"))
        patch.time_signature = parse_time_signature(read_string(j["time_signature"], "time_signature"), "time_signature");
    if (j.contains("length_s")) patch.length = Seconds(read_number(j["length_s"], "length_s"));
    if (j.contains("sections")) patch.sections = read_sections(j["sections"], "sections");
    if (j.contains("hits")) patch.hits = read_hits(j["hits"], "hits");
    if (j.contains("instruments")) read_instrument_object(j["instruments"], patch);
    if (j.contains("dialogue")) patch.dialogue = read_ranges(j["dialogue"], "dialogue");
    if (j.contains("rules")) read_rules(j["rules"], patch);
    if (j.contains("energy")) patch.energy = read_energy(j["energy"], "energy");
    if (j.contains("ending")) {
        const std::string text = read_string(j["ending"], "ending");
        patch.ending = parse_ending(text);
        if (!patch.ending) throw InputError("ending", text, "cadence, fade_out, big_finish or hit");
    }
    if (j.contains("seed")) patch.seed = read_seed(j["seed"]);
    if (j.contains("loudness_lufs")) patch.loudness_lufs = read_number(j["loudness_lufs"], "loudness_lufs");
    if (j.contains("true_peak_dbtp")) patch.true_peak_dbtp = read_number(j["true_peak_dbtp"], "true_peak_dbtp");
    if (j.contains("sample_rate")) patch.sample_rate = read_int(j["sample_rate"], "sample_rate");
    if (j.contains("formats")) patch.formats = read_strings(j["formats"], "formats");
    return patch;
}

}  // namespace tunesmith
