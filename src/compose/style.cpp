// Style files: parsing with field-naming validation, the library loader and style choice by
// the spec's genre and mood words.
#include "compose/style.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "base/error.h"
#include "compose/instruments.h"
#include "base/text.h"

namespace tunesmith {
namespace {

using nlohmann::json;

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

// Reads fields of one JSON object and names the file and the field path in every error.
class Reader {
public:
    Reader(const json& j, std::string source, std::string path)
        : j_(j), source_(std::move(source)), path_(std::move(path)) {
        if (!j_.is_object()) fail(path_, j_.dump(), "a JSON object");
    }

    [[noreturn]] void fail(const std::string& field, const std::string& value,
                           const std::string& accepted) const {
        throw InputError(source_ + ": " + field, value, accepted);
    }
    std::string field(std::string_view key) const {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }
    bool has(std::string_view key) const { return j_.contains(std::string(key)); }
    const json& at(std::string_view key) const { return j_.at(std::string(key)); }
    Reader child(std::string_view key) const { return Reader(at(key), source_, field(key)); }
    const std::string& source() const { return source_; }

    // Rejects keys this schema does not define, so a typo in a style file is an error.
    void only(std::initializer_list<std::string_view> keys) const {
        for (const auto& [key, value] : j_.items()) {
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                std::string accepted;
                for (auto k : keys) accepted += (accepted.empty() ? "" : ", ") + std::string(k);
                fail(field(key), key, "one of the fields " + accepted);
            }
        }
    }

    std::string text(std::string_view key, bool required, std::string fallback = {}) const {
        if (!has(key)) {
            if (required) fail(field(key), "", "a string");
            return fallback;
        }
        if (!at(key).is_string()) fail(field(key), at(key).dump(), "a string");
        return at(key).get<std::string>();
    }
    double number(std::string_view key, double fallback, double lo, double hi) const {
        if (!has(key)) return fallback;
        const json& v = at(key);
        if (!v.is_number()) fail(field(key), v.dump(), "a number");
        const double x = v.get<double>();
        if (x < lo || x > hi) fail(field(key), v.dump(), "a number in " + range(lo, hi));
        return x;
    }
    int integer(std::string_view key, int fallback, int lo, int hi) const {
        if (!has(key)) return fallback;
        const json& v = at(key);
        if (!v.is_number_integer()) fail(field(key), v.dump(), "an integer in " + range(lo, hi));
        const auto x = v.get<long long>();
        if (x < lo || x > hi) fail(field(key), v.dump(), "an integer in " + range(lo, hi));
        return static_cast<int>(x);
    }
    bool boolean(std::string_view key, bool fallback) const {
        if (!has(key)) return fallback;
        if (!at(key).is_boolean()) fail(field(key), at(key).dump(), "true or false");
        return at(key).get<bool>();
    }
    std::vector<std::string> words(std::string_view key, bool required) const {
        std::vector<std::string> out;
        if (!has(key)) {
            if (required) fail(field(key), "", "an array of strings");
            return out;
        }
        const json& v = at(key);
        if (!v.is_array()) fail(field(key), v.dump(), "an array of strings");
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string()) fail(field(key) + "[" + std::to_string(i) + "]", v[i].dump(), "a string");
            out.push_back(v[i].get<std::string>());
        }
        return out;
    }

private:
    static std::string range(double lo, double hi) {
        auto fmt = [](double x) {
            std::string s = std::to_string(x);
            s.erase(s.find_last_not_of('0') + 1);
            if (!s.empty() && s.back() == '.') s.pop_back();
            return s;
        };
        return fmt(lo) + ".." + fmt(hi);
    }

    const json& j_;
    std::string source_;
    std::string path_;
};

const std::vector<std::pair<std::string_view, PartRole>>& role_table() {
    static const std::vector<std::pair<std::string_view, PartRole>> table = {
        {"pad", PartRole::pad},           {"comp", PartRole::comp},   {"arpeggio", PartRole::arpeggio},
        {"ostinato", PartRole::ostinato}, {"counter", PartRole::counter}, {"lead", PartRole::lead},
        {"bass", PartRole::bass},         {"drums", PartRole::drums},
    };
    return table;
}

const std::vector<std::pair<std::string_view, Rate>>& rate_table() {
    static const std::vector<std::pair<std::string_view, Rate>> table = {
        {"whole", Rate::whole},   {"half", Rate::half},           {"quarter", Rate::quarter},
        {"eighth", Rate::eighth}, {"sixteenth", Rate::sixteenth},
    };
    return table;
}

std::vector<std::string> patterns_for(PartRole role) {
    switch (role) {
        case PartRole::comp: return {"block", "broken", "strum", "stabs", "pulse"};
        case PartRole::bass: return {"roots", "root_fifth", "octaves", "pulse", "walking", "syncopated", "sustain"};
        case PartRole::arpeggio: return {"up", "down", "updown"};
        default: return {};
    }
}

std::string default_pattern(PartRole role) {
    switch (role) {
        case PartRole::comp: return "block";
        case PartRole::bass: return "roots";
        case PartRole::arpeggio: return "up";
        default: return {};
    }
}

Rate default_rate(PartRole role) {
    switch (role) {
        case PartRole::pad: return Rate::whole;
        case PartRole::counter: return Rate::half;
        case PartRole::comp: return Rate::quarter;
        case PartRole::bass: return Rate::quarter;
        default: return Rate::eighth;
    }
}

std::string rate_name(Rate rate) {
    for (const auto& [name, r] : rate_table())
        if (r == rate) return std::string(name);
    return "eighth";
}

Rate parse_rate(const Reader& r, std::string_view key, Rate fallback) {
    if (!r.has(key)) return fallback;
    const std::string word = r.text(key, true);
    for (const auto& [name, rate] : rate_table())
        if (name == word) return rate;
    r.fail(r.field(key), word, "whole, half, quarter, eighth or sixteenth");
}

std::string parse_group(const Reader& r, std::string_view key, const std::string& word) {
    const auto group = canonical_group(word);
    if (!group) r.fail(r.field(key), word, "an instrument group: " + joined(track_group_order()));
    return *group;
}

Layer parse_layer(const Reader& r) {
    r.only({"group", "role", "pattern", "rate", "octave", "velocity"});
    Layer layer;
    layer.group = parse_group(r, "group", r.text("group", true));
    const std::string role = r.text("role", true);
    const auto& roles = role_table();
    const auto it = std::find_if(roles.begin(), roles.end(), [&](const auto& e) { return e.first == role; });
    if (it == roles.end()) r.fail(r.field("role"), role, "pad, comp, arpeggio, ostinato, counter, lead, bass or drums");
    layer.role = it->second;
    if ((layer.role == PartRole::drums) != (layer.group == "drums"))
        r.fail(r.field("role"), role, "role drums exactly for group drums");
    const auto allowed = patterns_for(layer.role);
    layer.pattern = r.text("pattern", false, default_pattern(layer.role));
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), layer.pattern) == allowed.end())
        r.fail(r.field("pattern"), layer.pattern, joined(allowed) + " for role " + role);
    if (allowed.empty()) layer.pattern.clear();
    layer.rate = parse_rate(r, "rate", default_rate(layer.role));
    layer.octave = r.integer("octave", 0, -2, 2);
    layer.velocity = r.number("velocity", 1.0, 0.1, 1.5);
    return layer;
}

// A groove object maps voice names to step strings of one common length.
DrumGroove parse_groove(const json& j, const std::string& source, const std::string& path) {
    const Reader r(j, source, path);
    DrumGroove groove;
    groove.steps = 0;
    for (const auto& [voice, value] : j.items()) {
        const std::string field = r.field(voice);
        const auto key = drum_voice_key(voice);
        if (!key) r.fail(field, voice, "a drum voice: " + joined(drum_voice_names()));
        if (!value.is_string()) r.fail(field, value.dump(), "a step string of X x o .");
        const auto steps = value.get<std::string>();
        if (steps.empty() || steps.find_first_not_of("Xxo.") != std::string::npos)
            r.fail(field, steps, "a step string of X (accent), x (hit), o (ghost), . (rest)");
        if (48 % static_cast<int>(steps.size()) != 0 && steps.size() != 32)
            r.fail(field, steps, "a step count that divides a whole note evenly: 1, 2, 3, 4, 6, 8, 12, 16, 24, 32 or 48");
        if (groove.steps != 0 && static_cast<int>(steps.size()) != groove.steps)
            r.fail(field, steps, std::to_string(groove.steps) + " steps like the other voices of this groove");
        groove.steps = static_cast<int>(steps.size());
        groove.lines.push_back(DrumLine{voice, *key, steps});
    }
    if (groove.steps == 0) groove.steps = 16;
    return groove;
}

DrumStyle parse_drums(const Reader& r) {
    r.only({"light", "medium", "full", "fill", "crash_on_hits"});
    DrumStyle drums;
    const std::array<std::string_view, 3> names{"light", "medium", "full"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (!r.has(names[i])) r.fail(r.field(names[i]), "", "a groove object (voice -> step string)");
        drums.grooves[i] = parse_groove(r.at(names[i]), r.source(), r.field(names[i]));
    }
    if (r.has("fill")) drums.fill = parse_groove(r.at("fill"), r.source(), r.field("fill"));
    drums.crash_on_hits = r.boolean("crash_on_hits", true);
    return drums;
}

std::vector<Layer> parse_layers(const Reader& parent, std::string_view tier) {
    const std::string field = parent.field(tier);
    if (!parent.has(tier)) parent.fail(field, "", "an array of layers");
    const json& arr = parent.at(tier);
    if (!arr.is_array()) parent.fail(field, arr.dump(), "an array of layers");
    std::vector<Layer> layers;
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const Reader r(arr[i], parent.source(), field + "[" + std::to_string(i) + "]");
        Layer layer = parse_layer(r);
        for (const auto& other : layers)
            if (other.group == layer.group && (other.role == PartRole::drums || other.role == PartRole::bass) &&
                other.role == layer.role)
                r.fail(r.field("group"), layer.group, "one " + std::string(role_name(layer.role)) + " layer per tier");
        layers.push_back(std::move(layer));
    }
    return layers;
}

std::vector<std::string> parse_groups(const Reader& r, std::string_view key) {
    std::vector<std::string> groups;
    for (const auto& word : r.words(key, false)) groups.push_back(parse_group(r, key, word));
    return groups;
}

json groove_json(const DrumGroove& groove) {
    json out = json::object();
    for (const auto& line : groove.lines) out[line.voice] = line.steps;
    return out;
}

}  // namespace

Style style_from_json(const json& j, const std::string& source) {
    const Reader r(j, source, "");
    r.only({"name", "description", "match", "tempo", "swing", "swing_unit", "programs", "layers", "lead",
            "soft_lead", "drums", "humanize", "harmony", "melody"});
    Style style;
    style.name = r.text("name", true);
    if (style.name.empty() || style.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos)
        r.fail("name", style.name, "a lower-case name of letters, digits, '-' and '_'");
    style.description = r.text("description", false);
    for (const auto& word : r.words("match", true)) style.match.push_back(lower(word));
    if (r.has("tempo")) {
        const Reader t = r.child("tempo");
        t.only({"min", "max"});
        style.tempo_min = t.number("min", style.tempo_min, 20.0, 300.0);
        style.tempo_max = t.number("max", style.tempo_max, 20.0, 300.0);
        if (style.tempo_max < style.tempo_min)
            t.fail(t.field("max"), std::to_string(style.tempo_max), "a tempo not below tempo.min");
    }
    style.swing = r.number("swing", 0.0, 0.0, 1.0);
    style.swing_unit = parse_rate(r, "swing_unit", Rate::eighth);
    if (style.swing_unit != Rate::eighth && style.swing_unit != Rate::sixteenth)
        r.fail("swing_unit", rate_name(style.swing_unit), "eighth or sixteenth");
    if (r.has("programs")) {
        const Reader p = r.child("programs");
        for (const auto& [group, value] : r.at("programs").items()) {
            const std::string canonical = parse_group(p, group, group);
            style.programs[canonical] = p.integer(group, 0, 0, 127);
        }
    }
    const Reader layers = r.child("layers");
    layers.only({"low", "mid", "high"});
    for (EnergyTier tier : kEnergyTiers)
        style.layers[static_cast<std::size_t>(tier)] = parse_layers(layers, tier_name(tier));
    style.lead = parse_groups(r, "lead");
    style.soft_lead = parse_groups(r, "soft_lead");
    if (r.has("drums")) style.drums = parse_drums(r.child("drums"));
    for (const auto& tier_layers : style.layers)
        for (const auto& layer : tier_layers)
            if (layer.role == PartRole::drums && !r.has("drums"))
                r.fail("drums", "", "drum grooves, since a layer plays drums");
    if (r.has("humanize")) {
        const Reader h = r.child("humanize");
        h.only({"timing_ms", "velocity", "accent"});
        style.humanize.timing_ms = h.number("timing_ms", style.humanize.timing_ms, 0.0, 40.0);
        style.humanize.velocity = h.number("velocity", style.humanize.velocity, 0.0, 30.0);
        style.humanize.accent = h.number("accent", style.humanize.accent, 0.0, 2.0);
    }
    // The option parsers name "harmony.<field>"; the file name is added here.
    try {
        if (r.has("harmony")) {
            (void)r.child("harmony");
            style.harmony_json = r.at("harmony");
        }
        if (r.has("melody")) {
            (void)r.child("melody");
            style.melody_json = r.at("melody");
        }
        style.harmony = HarmonyOptions::from_json(style.harmony_json);
        style.melody = MelodyOptions::from_json(style.melody_json);
    } catch (const InputError& e) {
        if (e.field().rfind(source, 0) == 0) throw;
        throw InputError(source + ": " + e.field(), e.value(), e.accepted());
    }
    return style;
}

json to_json(const Style& style) {
    json j;
    j["name"] = style.name;
    j["description"] = style.description;
    j["match"] = style.match;
    j["tempo"] = {{"min", style.tempo_min}, {"max", style.tempo_max}};
    j["swing"] = style.swing;
    j["swing_unit"] = rate_name(style.swing_unit);
    j["programs"] = json::object();
    for (const auto& [group, program] : style.programs) j["programs"][group] = program;
    j["layers"] = json::object();
    for (EnergyTier tier : kEnergyTiers) {
        json arr = json::array();
        for (const auto& layer : style.layers[static_cast<std::size_t>(tier)]) {
            json l = {{"group", layer.group}, {"role", role_name(layer.role)}, {"rate", rate_name(layer.rate)},
                      {"octave", layer.octave}, {"velocity", layer.velocity}};
            if (!layer.pattern.empty()) l["pattern"] = layer.pattern;
            arr.push_back(std::move(l));
        }
        j["layers"][std::string(tier_name(tier))] = std::move(arr);
    }
    j["lead"] = style.lead;
    j["soft_lead"] = style.soft_lead;
    j["drums"] = {{"light", groove_json(style.drums.grooves[0])}, {"medium", groove_json(style.drums.grooves[1])},
                  {"full", groove_json(style.drums.grooves[2])}, {"crash_on_hits", style.drums.crash_on_hits}};
    if (!style.drums.fill.empty()) j["drums"]["fill"] = groove_json(style.drums.fill);
    j["humanize"] = {{"timing_ms", style.humanize.timing_ms}, {"velocity", style.humanize.velocity},
                     {"accent", style.humanize.accent}};
    j["harmony"] = style.harmony_json;
    j["melody"] = style.melody_json;
    return j;
}

const Style* StyleLibrary::find(std::string_view name) const {
    for (const auto& style : styles)
        if (style.name == name) return &style;
    return nullptr;
}

StyleLibrary load_styles(const std::filesystem::path& data_dir) {
    const auto folder = data_dir / "styles";
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw InputError("data_dir", folder.string(), "a data folder containing styles/*.json");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw InputError("data_dir", folder.string(), "at least one styles/*.json file");
    StyleLibrary library;
    for (const auto& file : files) {
        const std::string source = "styles/" + file.filename().string();
        std::ifstream in(file, std::ios::binary);
        if (!in) throw InputError(source, file.string(), "a readable file");
        json j = json::parse(in, nullptr, false);
        if (j.is_discarded()) throw InputError(source, "malformed JSON", "a JSON object");
        Style style = style_from_json(j, source);
        if (library.find(style.name) != nullptr) throw InputError(source + ": name", style.name, "a name no other style file uses");
        library.styles.push_back(std::move(style));
    }
    if (std::filesystem::exists(data_dir / "harmony" / "transitions.json")) {
        const auto model = std::make_shared<const HarmonyModel>(load_harmony_model(data_dir));
        for (auto& style : library.styles) style.harmony.model = model;
    }
    std::sort(library.styles.begin(), library.styles.end(),
              [](const Style& a, const Style& b) { return a.name < b.name; });
    return library;
}

const Style& choose_style(const StyleLibrary& library, const CueSpec& spec) {
    if (library.styles.empty()) throw std::logic_error("choose_style: empty style library");
    for (const auto& word : spec.style)
        if (const Style* exact = library.find(lower(word))) return *exact;
    // Genre words weigh more than mood words: "jazz, sad" should be jazz before it is sad.
    auto score = [&](const Style& style) {
        double total = 0.0;
        auto hits = [&](const std::string& word) {
            return std::find(style.match.begin(), style.match.end(), lower(word)) != style.match.end();
        };
        for (const auto& word : spec.style) total += hits(word) ? 3.0 : 0.0;
        for (const auto& word : spec.mood) total += hits(word) ? 1.0 : 0.0;
        return total;
    };
    const Style* best = nullptr;
    double best_score = 0.0;
    for (const auto& style : library.styles) {  // sorted by name: ties keep the first
        const double s = score(style);
        if (s > best_score) best = &style, best_score = s;
    }
    if (best != nullptr) return *best;
    if (const Style* fallback = library.find("cinematic")) return *fallback;
    return library.styles.front();
}

int style_program(const Style& style, const std::string& group) {
    if (const auto it = style.programs.find(group); it != style.programs.end()) return it->second;
    return instrument_info(group).program;
}

namespace {

InstrumentInfo played_instrument(const Style& style, const std::string& group, const Voice* voice) {
    const int program = style_program(style, group);
    if (voice == nullptr || !voice_fits_group(*voice, group) || instrument_info(group).drums) {
        InstrumentInfo info = instrument_info(group);
        info.program = program;
        return info;
    }
    return voiced_instrument(group, *voice, program);
}

}  // namespace

InstrumentInfo cue_instrument(const Style& style, const InstrumentSpec& instruments, const std::string& group) {
    return played_instrument(style, group, group_voice(instruments, group));
}

InstrumentInfo player_instrument(const Style& style, const Player& player) {
    return played_instrument(style, player.group, player.voice.empty() ? nullptr : find_voice(player.voice));
}

EnergyTier tier_of_energy(double energy) {    if (energy < 0.4) return EnergyTier::low;
    if (energy < 0.7) return EnergyTier::mid;
    return EnergyTier::high;
}

std::string_view tier_name(EnergyTier tier) {
    switch (tier) {
        case EnergyTier::low: return "low";
        case EnergyTier::mid: return "mid";
        case EnergyTier::high: return "high";
    }
    return "mid";
}

std::string_view role_name(PartRole role) {
    for (const auto& [name, r] : role_table())
        if (r == role) return name;
    return "pad";
}

}  // namespace tunesmith
