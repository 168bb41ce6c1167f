// Text forms of single CueSpec values (flags, query fields) and the fixed vocabularies they use:
// instrument groups, hit kinds, endings, sample rates, formats.
#include "spec/value_parsers.h"
#include "spec/voices.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "base/error.h"
#include "base/text.h"

namespace tunesmith {
namespace {

// A plain decimal number covering the whole text; nullopt otherwise.
std::optional<double> to_number(std::string_view text) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    if (text.front() == '+') text.remove_prefix(1);
    double value = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::fixed);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

constexpr std::string_view kTimeForms = "a time such as 28, 28s, 0:28 or 1:02.5 (not negative)";

// Seconds from "h:mm:ss", "m:ss(.f)"; nullopt when a part is not a number.
std::optional<double> clock_seconds(std::string_view text) {
    double total = 0.0;
    std::size_t parts = 0;
    while (true) {
        const auto colon = text.find(':');
        const std::string_view part = text.substr(0, colon);
        const auto value = to_number(part);
        if (!value || *value < 0.0 || part.empty()) return std::nullopt;
        if (parts > 0 && (*value >= 60.0 || part.size() < 2)) return std::nullopt;
        if (colon != std::string_view::npos && part.find('.') != std::string_view::npos) return std::nullopt;
        total = total * 60.0 + *value;
        ++parts;
        if (colon == std::string_view::npos) break;
        text.remove_prefix(colon + 1);
    }
    if (parts < 2 || parts > 3) return std::nullopt;
    return total;
}

// Splits "28.5sec" into the number and its unit ("sec").
std::pair<std::string_view, std::string> split_unit(std::string_view text) {
    std::size_t cut = 0;
    while (cut < text.size() && (std::isdigit(static_cast<unsigned char>(text[cut])) || text[cut] == '.' ||
                                 text[cut] == '-' || text[cut] == '+'))
        ++cut;
    return {trim(text.substr(0, cut)), lower(trim(text.substr(cut)))};
}

bool has_decimal_energy(std::string_view text) {
    const auto value = to_number(text);
    return value && text.find('.') != std::string_view::npos && *value <= 1.0;
}

}  // namespace

const std::vector<std::string>& instrument_groups() {
    static const std::vector<std::string> groups{"piano",  "strings", "brass", "woodwinds", "guitar",
                                                 "bass",   "drums",   "synth", "pad",       "choir"};
    return groups;
}

std::optional<std::string> canonical_instrument(std::string_view name) {
    const std::string word = lower(trim(name));
    if (word == "percussion") return std::string("drums");
    const auto& groups = instrument_groups();
    if (std::find(groups.begin(), groups.end(), word) != groups.end()) return word;
    return std::nullopt;
}

const std::vector<std::string>& hit_kinds() {
    static const std::vector<std::string> kinds{"hit", "lift", "drop", "cut", "stinger"};
    return kinds;
}

const std::vector<int>& supported_sample_rates() {
    static const std::vector<int> rates{22050, 32000, 44100, 48000, 88200, 96000};
    return rates;
}

// What the exporters write; a format is listed here only once a writer for it exists.
const std::vector<std::string>& supported_formats() {
    static const std::vector<std::string> formats{"wav", "flac", "mid"};
    return formats;
}

std::string_view ending_name(Ending ending) {
    switch (ending) {
        case Ending::cadence: return "cadence";
        case Ending::fade_out: return "fade_out";
        case Ending::big_finish: return "big_finish";
        case Ending::hit: return "hit";
    }
    return "cadence";
}

std::optional<Ending> parse_ending(std::string_view text) {
    for (Ending e : {Ending::cadence, Ending::fade_out, Ending::big_finish, Ending::hit})
        if (ending_name(e) == text) return e;
    return std::nullopt;
}

std::string join_choices(const std::vector<std::string>& choices) {
    std::string out;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (i > 0) out += i + 1 == choices.size() ? " or " : ", ";
        out += choices[i];
    }
    return out;
}

std::optional<Seconds> read_time_text(std::string_view text) {
    const std::string_view t = trim(text);
    if (t.find(':') != std::string_view::npos) {
        if (const auto seconds = clock_seconds(t)) return Seconds(*seconds);
        return std::nullopt;
    }
    const auto [number, unit] = split_unit(t);
    const auto value = to_number(number);
    if (!value || *value < 0.0) return std::nullopt;
    if (unit.empty() || unit == "s" || unit == "sec" || unit == "secs" || unit == "second" || unit == "seconds")
        return Seconds(*value);
    if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes")
        return Seconds(*value * 60.0);
    if (unit == "ms") return Seconds(*value / 1000.0);
    return std::nullopt;
}

Seconds parse_time(std::string_view text, std::string_view field) {
    if (const auto time = read_time_text(text)) return *time;
    throw InputError(std::string(field), std::string(text), std::string(kTimeForms));
}

double parse_number(std::string_view text, std::string_view field, std::string_view accepted) {
    if (const auto value = to_number(text)) return *value;
    throw InputError(std::string(field), std::string(text), std::string(accepted));
}

double parse_bpm(std::string_view text, std::string_view field) {
    const auto [number, unit] = split_unit(trim(text));
    const auto value = to_number(number);
    if (!value || !(unit.empty() || unit == "bpm"))
        throw InputError(std::string(field), std::string(text), "a tempo in BPM such as 92 (20 to 400)");
    return *value;
}

Key parse_key(std::string_view text, std::string_view field) {
    if (const auto key = Key::parse(trim(text))) return *key;
    throw InputError(std::string(field), std::string(text),
                     "a tonic A-G with optional #/b (or 'sharp'/'flat') and a mode: major, minor, dorian, "
                     "phrygian, lydian, mixolydian, locrian or harmonic minor (e.g. 'D minor', 'F# major', "
                     "'Bb dorian', 'Dm')");
}

Meter parse_time_signature(std::string_view text, std::string_view field) {
    if (const auto meter = Meter::parse(trim(text))) return *meter;
    throw InputError(std::string(field), std::string(text),
                     "a time signature N/D with N 1..32 and D 2, 4, 8 or 16 (e.g. 4/4, 3/4, 6/8)");
}

std::uint64_t parse_seed(std::string_view text, std::string_view field) {
    const std::string_view t = trim(text);
    std::uint64_t value = 0;
    const char* end = t.data() + t.size();
    const auto [ptr, ec] = std::from_chars(t.data(), end, value);
    if (t.empty() || ec != std::errc() || ptr != end)
        throw InputError(std::string(field), std::string(text), "a whole number 0 to 18446744073709551615");
    return value;
}

int parse_sample_rate(std::string_view text, std::string_view field) {
    const auto value = to_number(text);
    const auto& rates = supported_sample_rates();
    if (value) {
        for (int rate : rates)
            if (*value == static_cast<double>(rate)) return rate;
    }
    throw InputError(std::string(field), std::string(text), "one of 22050, 32000, 44100, 48000, 88200, 96000");
}

std::string parse_instrument(std::string_view text, std::string_view field) {
    if (auto group = canonical_instrument(text)) return *group;
    throw InputError(std::string(field), std::string(text),
                     "an instrument group: " + join_choices(instrument_groups()) + " ('percussion' means drums)");
}

SectionSpec parse_section(std::string_view text, std::string_view field) {
    const std::string_view t = trim(text);
    const auto at = t.find('@');
    if (at == std::string_view::npos || at == 0)
        throw InputError(std::string(field), std::string(text), "NAME@TIME[:ENERGY], e.g. chorus@0:30:0.8");
    SectionSpec section;
    section.name = std::string(trim(t.substr(0, at)));
    std::string_view rest = t.substr(at + 1);
    const auto last_colon = rest.rfind(':');
    const auto colons = static_cast<std::size_t>(std::count(rest.begin(), rest.end(), ':'));
    if (last_colon != std::string_view::npos &&
        (colons >= 2 || has_decimal_energy(rest.substr(last_colon + 1)))) {
        section.energy = parse_number(rest.substr(last_colon + 1), field, "an energy 0..1 after the time");
        rest = rest.substr(0, last_colon);
    }
    section.start = parse_time(rest, field);
    return section;
}

HitSpec parse_hit(std::string_view text, std::string_view field) {
    const std::string_view t = trim(text);
    HitSpec hit;
    std::string_view time_text = t;
    const auto last_colon = t.rfind(':');
    if (last_colon != std::string_view::npos) {
        const std::string_view suffix = trim(t.substr(last_colon + 1));
        if (!suffix.empty() && std::isalpha(static_cast<unsigned char>(suffix.front()))) {
            const std::string kind = lower(suffix);
            const auto& kinds = hit_kinds();
            if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
                throw InputError(std::string(field), std::string(text),
                                 "TIME[:KIND] with KIND one of " + join_choices(kinds));
            hit.kind = kind;
            time_text = t.substr(0, last_colon);
        }
    }
    hit.time = parse_time(time_text, field);
    return hit;
}

TimeRange parse_time_range(std::string_view text, std::string_view field) {
    const std::string_view t = trim(text);
    const auto dash = t.find('-', 1);
    if (dash == std::string_view::npos)
        throw InputError(std::string(field), std::string(text), "START-END, e.g. 10-20 or 0:10-0:25");
    TimeRange range{parse_time(t.substr(0, dash), field), parse_time(t.substr(dash + 1), field)};
    return range;
}

namespace {

// A group's voices as a list names them: each voice is one more player ("violin,violin,cello"), and
// "style" drops them all (the style's sound).
void add_voice(std::vector<std::string>& voices, const std::string& name) {
    if (name == "style" || voices == std::vector<std::string>{"style"}) voices.clear();
    voices.push_back(name);
}

}  // namespace

InstrumentSpec parse_instrument_list(std::string_view text, std::string_view field) {
    InstrumentSpec spec;
    std::string_view rest = text;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view item = trim(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (item.empty()) continue;
        const bool exclude = item.front() == '-';
        const bool feature = item.front() == '+';  // "+sax": the style's band plus a saxophone, featured
        if (exclude || feature) item.remove_prefix(1);
        // "strings=cello" names the voice and its track; "cello" alone takes the voice's own group.
        const auto equals = item.find('=');
        std::string group;
        if (equals != std::string_view::npos) {
            group = parse_instrument(item.substr(0, equals), field);
            const std::string_view name = trim(item.substr(equals + 1));
            const Voice* voice = find_voice(name);
            if ((voice == nullptr && lower(name) != "style") || (voice != nullptr && !voice_fits_group(*voice, group)))
                throw InputError(std::string(field), std::string(item),
                                 "GROUP=VOICE with a voice for " + group + ": " + join_choices(voice_names_for(group)) +
                                     " (or " + group + "=style)");
            if (!exclude) add_voice(spec.voices[group], voice ? std::string(voice->name) : "style");
        } else if (const Voice* voice = canonical_instrument(item) ? nullptr : find_voice(item)) {
            group = std::string(voice->group);
            if (!exclude) add_voice(spec.voices[group], std::string(voice->name));
        } else if (auto canonical = canonical_instrument(item)) {
            group = *canonical;
        } else {
            throw InputError(std::string(field), std::string(item),
                             "an instrument group (" + join_choices(instrument_groups()) +
                                 "; 'percussion' means drums), a voice such as cello, church_organ or marimba, "
                                 "or GROUP=VOICE");
        }
        auto& list = exclude ? spec.exclude : feature ? spec.feature : spec.include;
        if (std::find(list.begin(), list.end(), group) == list.end()) list.push_back(std::move(group));
    }
    if (spec.include.empty() && spec.exclude.empty() && spec.feature.empty())
        throw InputError(std::string(field), std::string(text),
                         "a comma list of instrument groups or voices, e.g. piano,cello,-drums,+saxophone");
    return spec;
}

}  // namespace tunesmith
