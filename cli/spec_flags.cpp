// CueSpec flag definitions and their conversion into a SpecRequest (flags beat --spec JSON, which
// beats prompt words).
#include "cli/spec_flags.h"

#include <algorithm>

#include "spec/cue_spec_json.h"
#include "spec/value_parsers.h"

namespace tunesmith::cli {

void add_spec_flags(CLI::App& app, SpecFlags& flags) {
    app.add_option("--key", flags.key, "Key, e.g. \"D minor\", \"F# major\", \"Bb dorian\", Dm");
    app.add_option("--bpm", flags.bpm, "Tempo in quarter notes per minute (20-400)");
    app.add_option("--time-signature", flags.time_signature, "Meter, e.g. 4/4, 3/4, 6/8");
    app.add_option("--length", flags.length, "Length: 45, 45s, 1:30, 2m (at most 20 minutes)");
    app.add_option("--section", flags.sections, "Section NAME@TIME[:ENERGY], e.g. chorus@0:30:0.8 (repeatable)");
    app.add_option("--hit", flags.hits, "Hit point TIME[:KIND], KIND hit|lift|drop|cut|stinger (repeatable)");
    app.add_option("--instruments", flags.instruments, "Comma list of groups or voices, a voice per player; -name excludes, +name features on top of the style's band (e.g. piano,cello,-drums; violin,violin,viola,cello; synth=marimba; +saxophone)");
    app.add_option("--exclude", flags.exclude, "Comma list of groups to leave out");
    app.add_option("--dialogue", flags.dialogue, "Dialogue range START-END, e.g. 0:10-0:25 (repeatable)");
    app.add_option("--seed", flags.seed, "Random seed (default: a hash of the prompt)");
    app.add_option("--spec", flags.spec_file, "CueSpec JSON file (flags override its fields)");
    app.add_option("--sample-rate", flags.sample_rate, "22050, 32000, 44100, 48000, 88200 or 96000");
    app.add_option("--loudness", flags.loudness, "Integrated loudness target in LUFS (-40 to -5)");
    app.add_option("--true-peak", flags.true_peak, "True-peak ceiling in dBTP (-9 to 0)");
}

namespace {

template <class T, class F>
std::optional<std::vector<T>> each(const std::vector<std::string>& values, const char* flag, F parse) {
    if (values.empty()) return std::nullopt;
    std::vector<T> out;
    for (const auto& value : values) out.push_back(parse(value, flag));
    return out;
}

void add_instruments(SpecPatch& patch, const InstrumentSpec& list) {
    if (!list.include.empty()) patch.instruments_include = list.include;
    if (!list.feature.empty()) patch.instruments_feature = list.feature;
    if (!list.voices.empty()) patch.instruments_voices = list.voices;
    if (list.exclude.empty()) return;
    auto& exclude = patch.instruments_exclude ? *patch.instruments_exclude : patch.instruments_exclude.emplace();
    for (const auto& name : list.exclude)
        if (std::find(exclude.begin(), exclude.end(), name) == exclude.end()) exclude.push_back(name);
}

}  // namespace

SpecRequest make_spec_request(const std::string& prompt, const SpecFlags& flags) {
    SpecRequest request;
    request.prompt = prompt;
    if (flags.spec_file) request.spec_json = read_json_file(*flags.spec_file);
    SpecPatch& p = request.flags;
    if (flags.key) p.key = parse_key(*flags.key, "--key");
    if (flags.bpm) p.bpm = parse_bpm(*flags.bpm, "--bpm");
    if (flags.time_signature) p.time_signature = parse_time_signature(*flags.time_signature, "--time-signature");
    if (flags.length) p.length = parse_time(*flags.length, "--length");
    p.sections = each<SectionSpec>(flags.sections, "--section", parse_section);
    p.hits = each<HitSpec>(flags.hits, "--hit", parse_hit);
    p.dialogue = each<TimeRange>(flags.dialogue, "--dialogue", parse_time_range);
    if (flags.instruments) add_instruments(p, parse_instrument_list(*flags.instruments, "--instruments"));
    if (flags.exclude) {
        InstrumentSpec excluded = parse_instrument_list(*flags.exclude, "--exclude");
        excluded.exclude.insert(excluded.exclude.end(), excluded.include.begin(), excluded.include.end());
        excluded.exclude.insert(excluded.exclude.end(), excluded.feature.begin(), excluded.feature.end());
        excluded.include.clear();
        excluded.feature.clear();
        excluded.voices.clear();  // an excluded group plays nothing, in any voice
        add_instruments(p, excluded);
    }
    if (flags.seed) p.seed = parse_seed(*flags.seed, "--seed");
    if (flags.sample_rate) p.sample_rate = parse_sample_rate(*flags.sample_rate, "--sample-rate");
    if (flags.loudness) p.loudness_lufs = parse_number(*flags.loudness, "--loudness", "a loudness in LUFS, e.g. -14");
    if (flags.true_peak) p.true_peak_dbtp = parse_number(*flags.true_peak, "--true-peak", "a true peak in dBTP, e.g. -1");
    return request;
}

}  // namespace tunesmith::cli
