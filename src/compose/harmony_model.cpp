// The corpus chord-transition model (loading and parsing the table tools/derive_chord_stats
// writes) and HarmonyOptions from a style file's JSON, with errors naming the field.
#include <stdexcept>

#include "base/error.h"
#include "spec/cue_spec_json.h"
#include "compose/harmony.h"

namespace tunesmith {

// ---- The corpus model ------------------------------------------------------------------------

const TransitionTable& HarmonyModel::table_for(Mode mode) const {
    return mode == Mode::major || mode == Mode::lydian || mode == Mode::mixolydian ? major : minor;
}

namespace {

std::map<std::string, double> count_map(const nlohmann::json& json, const std::string& field) {
    if (!json.is_object()) throw InputError(field, json.dump(), "an object of numeral -> count");
    std::map<std::string, double> out;
    for (const auto& [name, value] : json.items()) {
        if (!RomanChord::parse(name)) throw InputError(field, name, "a Roman numeral such as I, bVII, viio");
        if (!value.is_number() || value.get<double>() < 0.0)
            throw InputError(field + "." + name, value.dump(), "a count >= 0");
        out[name] = value.get<double>();
    }
    return out;
}

TransitionTable table_from_json(const nlohmann::json& json, const std::string& field) {
    if (!json.is_object() || !json.contains("transitions"))
        throw InputError(field, json.is_object() ? "" : json.dump(), "an object with 'transitions'");
    TransitionTable table;
    const auto& transitions = json.at("transitions");
    if (!transitions.is_object()) throw InputError(field + ".transitions", transitions.dump(), "an object");
    for (const auto& [from, row] : transitions.items()) {
        if (!RomanChord::parse(from))
            throw InputError(field + ".transitions", from, "a Roman numeral such as I, bVII, viio");
        table.counts[from] = count_map(row, field + ".transitions." + from);
    }
    if (json.contains("start")) table.start = count_map(json.at("start"), field + ".start");
    return table;
}

}  // namespace

HarmonyModel harmony_model_from_json(const nlohmann::json& json, const std::string& origin) {
    if (!json.is_object()) throw InputError(origin, json.dump().substr(0, 40), "a JSON object");
    HarmonyModel model;
    model.source = json.value("source", std::string("unknown"));
    for (const char* family : {"major", "minor"})
        if (!json.contains(family)) throw InputError(origin + ": " + family, "", "a transition table");
    model.major = table_from_json(json.at("major"), origin + ": major");
    model.minor = table_from_json(json.at("minor"), origin + ": minor");
    return model;
}

HarmonyModel load_harmony_model(const std::filesystem::path& data_dir) {
    const auto path = data_dir / "harmony" / "transitions.json";
    return harmony_model_from_json(read_json_file(path), path.string());
}

// ---- Options ---------------------------------------------------------------------------------

namespace options_json {

namespace {
std::string shown(const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}
std::string range_text(double lo, double hi) {
    nlohmann::json l = lo;
    nlohmann::json h = hi;
    return "a number from " + l.dump() + " to " + h.dump();
}
}  // namespace

void reject_unknown(const nlohmann::json& json, const std::string& prefix,
                    std::initializer_list<std::string_view> known) {
    if (!json.is_object()) throw InputError(prefix, shown(json), "an object");
    for (const auto& [name, value] : json.items())
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::string accepted = "one of";
            for (auto k : known) accepted += " " + std::string(k);
            throw InputError(prefix + "." + name, shown(value), accepted);
        }
}

double number(const nlohmann::json& json, const std::string& prefix, const char* name, double fallback,
              double lo, double hi) {
    if (!json.contains(name)) return fallback;
    const auto& value = json.at(name);
    if (!value.is_number() || value.get<double>() < lo || value.get<double>() > hi)
        throw InputError(prefix + "." + name, shown(value), range_text(lo, hi));
    return value.get<double>();
}

int integer(const nlohmann::json& json, const std::string& prefix, const char* name, int fallback, int lo, int hi) {
    if (!json.contains(name)) return fallback;
    const auto& value = json.at(name);
    if (!value.is_number_integer() || value.get<long long>() < lo || value.get<long long>() > hi)
        throw InputError(prefix + "." + name, shown(value),
                         "an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    return value.get<int>();
}

bool boolean(const nlohmann::json& json, const std::string& prefix, const char* name, bool fallback) {
    if (!json.contains(name)) return fallback;
    const auto& value = json.at(name);
    if (!value.is_boolean()) throw InputError(prefix + "." + name, shown(value), "true or false");
    return value.get<bool>();
}

}  // namespace options_json

HarmonyOptions HarmonyOptions::from_json(const nlohmann::json& json) {
    using namespace options_json;
    const std::string p = "harmony";
    reject_unknown(json, p, {"bars_per_chord", "fast_energy", "slow_energy", "corpus_weight", "chord_weights",
                             "seventh_probability", "dominant_seventh_cadence", "deceptive_probability",
                             "variation", "modal_vamp"});
    HarmonyOptions o;
    o.bars_per_chord = number(json, p, "bars_per_chord", o.bars_per_chord, 0.5, 4.0);
    if (o.bars_per_chord != 0.5 && o.bars_per_chord != 1.0 && o.bars_per_chord != 2.0 && o.bars_per_chord != 4.0)
        throw InputError(p + ".bars_per_chord", nlohmann::json(o.bars_per_chord).dump(), "0.5, 1, 2 or 4");
    o.fast_energy = number(json, p, "fast_energy", o.fast_energy, 0.0, 1.01);
    o.slow_energy = number(json, p, "slow_energy", o.slow_energy, 0.0, 1.0);
    o.corpus_weight = number(json, p, "corpus_weight", o.corpus_weight, 0.0, 1.0);
    o.seventh_probability = number(json, p, "seventh_probability", o.seventh_probability, 0.0, 1.0);
    o.dominant_seventh_cadence = boolean(json, p, "dominant_seventh_cadence", o.dominant_seventh_cadence);
    o.deceptive_probability = number(json, p, "deceptive_probability", o.deceptive_probability, 0.0, 1.0);
    o.variation = number(json, p, "variation", o.variation, 0.0, 1.0);
    o.modal_vamp = boolean(json, p, "modal_vamp", o.modal_vamp);
    if (json.contains("chord_weights")) {
        const auto& weights = json.at("chord_weights");
        if (!weights.is_object()) throw InputError(p + ".chord_weights", weights.dump(), "an object numeral -> weight");
        for (const auto& [name, value] : weights.items()) {
            if (!RomanChord::parse(name))
                throw InputError(p + ".chord_weights", name, "Roman numerals such as I, ii, bVII, viio");
            o.chord_weights[name] = number(weights, p + ".chord_weights", name.c_str(), 1.0, 0.0, 10.0);
        }
    }
    return o;
}

}  // namespace tunesmith
