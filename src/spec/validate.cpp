// CueSpec range checks. Each check names the JSON field path, so a CLI flag, a JSON file and an
// HTTP body all get the same message for the same mistake.
#include "spec/validate.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>

#include "base/error.h"
#include "base/text.h"
#include "spec/value_parsers.h"
#include "spec/voices.h"

namespace tunesmith {
namespace {

// A value echoed in an error: what was given, to 6 decimals (a computed 13.911999999999999 is 13.912).
std::string number_text(double value) { return decimal_text(value, 6); }

std::string at(std::string_view list, std::size_t index, std::string_view member) {
    return std::string(list) + "[" + std::to_string(index) + "]." + std::string(member);
}

void check_range(double value, double lo, double hi, const std::string& field, const std::string& accepted) {
    if (!std::isfinite(value) || value < lo || value > hi) throw InputError(field, number_text(value), accepted);
}

// A time inside the cue: 0 <= t < length (or <= length when `end_inclusive`).
void check_time(Seconds t, const CueSpec& spec, const std::string& field, bool end_inclusive) {
    const double length = spec.length.value;
    const std::string accepted = std::string("a time from 0 to ") + (end_inclusive ? "" : "before ") +
                                 "the cue's end (length_s = " + number_text(length) + ")";
    if (!std::isfinite(t.value) || t.value < 0.0) throw InputError(field, number_text(t.value), "a time that is not negative");
    if (end_inclusive ? t.value > length : t.value >= length) throw InputError(field, number_text(t.value), accepted);
}

void check_order(Seconds previous, Seconds current, bool strict, const std::string& field) {
    if (strict ? current <= previous : current < previous)
        throw InputError(field, number_text(current.value),
                         std::string("times in ") + (strict ? "strictly " : "") + "increasing order");
}

void check_names(const std::vector<std::string>& names, std::string_view list) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i].empty()) throw InputError(std::string(list) + "[" + std::to_string(i) + "]", "", "a non-empty name");
}

void check_sections(const CueSpec& spec) {
    for (std::size_t i = 0; i < spec.sections.size(); ++i) {
        const SectionSpec& s = spec.sections[i];
        if (s.name.empty()) throw InputError(at("sections", i, "name"), "", "a non-empty section name");
        check_time(s.start, spec, at("sections", i, "start_s"), false);
        check_range(s.energy, 0.0, 1.0, at("sections", i, "energy"), "an energy from 0 to 1");
        if (i > 0) check_order(spec.sections[i - 1].start, s.start, true, at("sections", i, "start_s"));
    }
}

void check_hits(const CueSpec& spec) {
    const auto& kinds = hit_kinds();
    for (std::size_t i = 0; i < spec.hits.size(); ++i) {
        const HitSpec& h = spec.hits[i];
        check_time(h.time, spec, at("hits", i, "time_s"), false);
        if (std::find(kinds.begin(), kinds.end(), h.kind) == kinds.end())
            throw InputError(at("hits", i, "kind"), h.kind, join_choices(kinds));
        if (i > 0) check_order(spec.hits[i - 1].time, h.time, false, at("hits", i, "time_s"));
    }
}

void check_instrument_list(const std::vector<std::string>& names, const std::string& list) {
    const auto& groups = instrument_groups();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string field = list + "[" + std::to_string(i) + "]";
        if (std::find(groups.begin(), groups.end(), names[i]) == groups.end())
            throw InputError(field, names[i], "an instrument group: " + join_choices(groups));
        if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
            names.begin() + static_cast<std::ptrdiff_t>(i))
            throw InputError(field, names[i], "each group at most once");
    }
}

// One voice named for `group` at `field`: a known voice that may play on the group's track.
void check_voice(const std::string& group, const std::string& name, const std::string& field) {
    const auto fitting = voice_names_for(group);
    if (fitting.empty()) throw InputError(field, name, "no voice: the style's kit plays the " + group);
    const Voice* voice = find_voice(name);
    if (voice == nullptr || voice->name != name || !voice_fits_group(*voice, group)) {
        std::string accepted = "a voice for " + group + ": " + join_choices(fitting);
        if (voice != nullptr && !voice_fits_group(*voice, group))
            accepted += " (" + name + " plays on " + std::string(voice->group) + ")";
        throw InputError(field, name, accepted);
    }
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// Each group names one voice, or a list of up to five single players (a chamber cue's players),
// each a known voice that may play on the group's track.
void check_voices(const std::map<std::string, std::vector<std::string>>& voices) {
    const auto& groups = instrument_groups();
    for (const auto& [group, names] : voices) {
        const std::string field = "instruments.voices." + group;
        if (std::find(groups.begin(), groups.end(), group) == groups.end())
            throw InputError(field, group, "an instrument group: " + join_choices(groups));
        if (names.empty() || names.size() > kMostSoloists)
            throw InputError(field, "[" + joined(names) + "]",
                             "one voice, or a list of 1 to " + std::to_string(kMostSoloists) +
                                 " players (a chamber cue has at most a quintet)");
        if (names.size() == 1) {
            check_voice(group, names.front(), field);
            continue;
        }
        for (std::size_t i = 0; i < names.size(); ++i) {
            const std::string item = field + "[" + std::to_string(i) + "]";
            check_voice(group, names[i], item);
            // Players share a group; a section or ensemble sound is the whole group, so it plays alone.
            if (find_voice(names[i])->polyphony == 0) {
                std::vector<std::string> players;
                for (const Voice& v : voice_table())
                    if (voice_fits_group(v, group) && v.polyphony > 0) players.emplace_back(v.name);
                throw InputError(item, names[i],
                                 "a single player when a group lists several voices: " + join_choices(players) +
                                     " (" + names[i] + " is a section or ensemble sound: name it alone; several " +
                                     "sections of " + group + " together are its plain sound: include " + group +
                                     " with no voice)");
            }
        }
    }
}

void check_instruments(const InstrumentSpec& instruments) {
    check_instrument_list(instruments.include, "instruments.include");
    check_instrument_list(instruments.exclude, "instruments.exclude");
    check_instrument_list(instruments.feature, "instruments.feature");
    check_instrument_list(instruments.add, "instruments.add");
    check_voices(instruments.voices);
    auto listed = [](const std::vector<std::string>& list, const std::string& name) {
        return std::find(list.begin(), list.end(), name) != list.end();
    };
    for (std::size_t i = 0; i < instruments.exclude.size(); ++i) {
        const auto& name = instruments.exclude[i];
        if (listed(instruments.include, name))
            throw InputError("instruments.exclude[" + std::to_string(i) + "]", name,
                             "a group that is not also in instruments.include");
    }
    // A featured or added group plays on top of the style's band: it cannot also restrict (include),
    // be left out, or be both featured and added.
    const std::array<std::pair<const std::vector<std::string>*, const char*>, 3> earlier{{
        {&instruments.include, "instruments.include"},
        {&instruments.exclude, "instruments.exclude"},
        {&instruments.feature, "instruments.feature"},
    }};
    for (const auto& [list, field] : {std::pair{&instruments.feature, "instruments.feature"},
                                      std::pair{&instruments.add, "instruments.add"}})
        for (std::size_t i = 0; i < list->size(); ++i) {
            const auto& name = (*list)[i];
            for (const auto& [other, other_field] : earlier)
                if (other != list && listed(*other, name))
                    throw InputError(std::string(field) + "[" + std::to_string(i) + "]", name,
                                     "a group that is not also in " + std::string(other_field) +
                                         " (a group is in at most one of include, exclude, feature and add)");
        }
    // With nothing included, the exclude list must leave the style something to play.
    const auto& groups = instrument_groups();
    const bool all_excluded = std::all_of(groups.begin(), groups.end(), [&](const std::string& g) {
        return std::find(instruments.exclude.begin(), instruments.exclude.end(), g) != instruments.exclude.end();
    });
    if (instruments.include.empty() && all_excluded) {
        std::string list;
        for (const auto& name : instruments.exclude) list += (list.empty() ? "" : ",") + name;
        throw InputError("instruments.exclude", list,
                         "a list that leaves at least one group to play (every group excluded: nothing is left; "
                         "drop a group from the list or name what should play in instruments.include)");
    }
}

void check_dialogue(const CueSpec& spec) {
    for (std::size_t i = 0; i < spec.dialogue.size(); ++i) {
        const TimeRange& d = spec.dialogue[i];
        check_time(d.start, spec, at("dialogue", i, "start_s"), false);
        check_time(d.end, spec, at("dialogue", i, "end_s"), true);
        if (d.end <= d.start)
            throw InputError(at("dialogue", i, "end_s"), number_text(d.end.value),
                             "an end after the start (start_s = " + number_text(d.start.value) + ")");
        if (i > 0) check_order(spec.dialogue[i - 1].start, d.start, false, at("dialogue", i, "start_s"));
    }
}

void check_energy(const CueSpec& spec) {
    for (std::size_t i = 0; i < spec.energy.size(); ++i) {
        const EnergyPoint& e = spec.energy[i];
        check_time(e.time, spec, at("energy", i, "time_s"), true);
        check_range(e.level, 0.0, 1.0, at("energy", i, "level"), "an energy level from 0 to 1");
        if (i > 0) check_order(spec.energy[i - 1].time, e.time, false, at("energy", i, "time_s"));
    }
}

void check_output(const CueSpec& spec) {
    check_range(spec.loudness_lufs, kMinLoudnessLufs, kMaxLoudnessLufs, "loudness_lufs",
                "a loudness target from -40 to -5 LUFS");
    check_range(spec.true_peak_dbtp, kMinTruePeakDbtp, kMaxTruePeakDbtp, "true_peak_dbtp",
                "a true-peak ceiling from -9 to 0 dBTP");
    const auto& rates = supported_sample_rates();
    if (std::find(rates.begin(), rates.end(), spec.sample_rate) == rates.end())
        throw InputError("sample_rate", std::to_string(spec.sample_rate), "one of 22050, 32000, 44100, 48000, 88200, 96000");
    const auto& formats = supported_formats();
    for (std::size_t i = 0; i < spec.formats.size(); ++i)
        if (std::find(formats.begin(), formats.end(), spec.formats[i]) == formats.end())
            throw InputError("formats[" + std::to_string(i) + "]", spec.formats[i], join_choices(formats));
}

}  // namespace

void check_output_formats(const std::vector<std::string>& formats) {
    const auto& supported = supported_formats();
    for (const auto& f : formats)
        if (std::find(supported.begin(), supported.end(), f) == supported.end())
            throw InputError("formats", f, join_choices(supported));
}

Seconds shortest_length(const Meter& meter) {
    return Seconds(static_cast<double>(meter.bar().value) / kTicksPerQuarter * 60.0 / kMaxBpm);
}

void validate(const CueSpec& spec) {
    check_names(spec.style, "style");
    check_names(spec.mood, "mood");
    const NoteName tonic = spec.key.tonic;
    if (tonic.letter < 0 || tonic.letter > 6 || tonic.accidental < -2 || tonic.accidental > 2)
        throw InputError("key", "letter " + std::to_string(tonic.letter) + " accidental " + std::to_string(tonic.accidental),
                         "a tonic A-G with at most two sharps or flats");
    check_range(spec.bpm, kMinBpm, kMaxBpm, "bpm", "a tempo from 20 to 400 BPM");
    const Meter meter = spec.time_signature;
    if (!Meter::parse(meter.to_string()))
        throw InputError("time_signature", meter.to_string(), "N/D with N 1..32 and D 2, 4, 8 or 16");
    if (!std::isfinite(spec.length.value) || spec.length.value <= 0.0 || spec.length.value > kMaxLengthSeconds)
        throw InputError("length_s", number_text(spec.length.value),
                         "a length above 0 and at most 1200 seconds (20 minutes)");
    const Seconds shortest = shortest_length(meter);
    if (spec.length.value < shortest.value)
        throw InputError("length_s", number_text(spec.length.value),
                         "at least " + decimal_text(shortest.value, 3) + " s: one bar of " + meter.to_string() +
                             " at 400 bpm, the fastest tempo");
    check_sections(spec);
    check_hits(spec);
    check_instruments(spec.instruments);
    check_dialogue(spec);
    check_energy(spec);
    check_output(spec);
}

}  // namespace tunesmith
