// Form: choosing sections by length with a small dynamic programme over bar lines, snapping the
// spec's sections to the fitted bars, and deriving section roles from names and energy.
#include "compose/form.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "base/text.h"

namespace tunesmith {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kLongestSection = 64;  // bars; longer stretches become several sections
constexpr double kPerSection = 0.3;  // favours fewer, longer phrases when costs tie
constexpr double kOneBar = 20.0;     // a one-bar section only when a turn forces it
constexpr double kClimaxRise = 0.05;  // energy a climax stands above the quietest section before the ending

// How natural a body section of `bars` bars is: musicians phrase in 8 and 16, then 4, 12, 24, 32.
double phrase_cost(int bars) {
    switch (bars) {
        case 8: case 16: return 0.0;
        case 4: return 0.4;
        case 12: return 0.6;
        case 24: case 32: return 0.8;
        default: break;
    }
    if (bars == 1) return kOneBar;
    if (bars > 32) return 3.0 + 0.1 * (bars - 32);
    return bars % 2 == 0 ? 1.2 : 2.0;
}

// An intro or outro is best at its target length; other lengths cost by distance.
double edge_cost(int bars, int target) {
    if (bars == 1) return kOneBar;
    if (target == 0) return phrase_cost(bars);
    if (bars == target) return 0.0;
    return 1.2 + 0.2 * std::abs(bars - target) + (bars % 2 == 1 ? 0.5 : 0.0);
}

// Intro and outro lengths by cue size: none for stings, 2 bars for short cues, 4, then 8.
int intro_target(int bars) { return bars < 6 ? 0 : bars < 12 ? 2 : bars < 64 ? 4 : 8; }
int outro_target(int bars) { return bars < 12 ? 2 : bars < 64 ? 4 : 8; }

double section_cost(int from, int to, int bars) {
    const int length = to - from;
    double cost = kPerSection;
    if (from == 0 && to == bars) return bars < 4 ? 0.0 : 50.0 + phrase_cost(length);
    if (from == 0) cost += edge_cost(length, intro_target(bars));
    else if (to == bars) cost += edge_cost(length, outro_target(bars));
    else cost += phrase_cost(length);
    return cost;
}

PlannedSection make_section(int first_bar, int bar_count, Ticks bar_length) {
    PlannedSection s;
    s.first_bar = first_bar;
    s.bar_count = bar_count;
    s.start = bar_length * first_bar;
    s.end = bar_length * (first_bar + bar_count);
    return s;
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words(1);
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c))) words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!words.back().empty()) words.emplace_back();
    }
    if (words.back().empty()) words.pop_back();
    return words;
}

std::optional<SectionRole> role_from_name(std::string_view name) {
    const std::vector<std::string> words = words_of(name);
    const auto has = [&](std::initializer_list<std::string_view> options) {
        for (const auto& w : words)
            for (auto o : options)
                if (w == o) return true;
        return false;
    };
    if (has({"pre", "prechorus", "build", "buildup", "rise", "riser", "lift"})) return SectionRole::build;
    if (has({"intro", "opening"})) return SectionRole::intro;
    if (has({"outro", "ending", "coda", "end", "tag"})) return SectionRole::outro;
    // "drop" is the EDM drop, the peak after a build (a fall is a "breakdown").
    if (has({"climax", "chorus", "peak", "hook", "finale", "drop", "drops"})) return SectionRole::climax;
    if (has({"breakdown", "break"})) return SectionRole::breakdown;
    if (has({"bridge", "interlude"})) return SectionRole::bridge;
    if (has({"verse", "theme", "main", "body", "a", "b"})) return SectionRole::verse;
    return std::nullopt;
}

bool starts_at_turn(const PlannedSection& s, std::span<const FormTurn> turns, std::string_view kind) {
    return std::any_of(turns.begin(), turns.end(), [&](const FormTurn& t) { return t.bar == s.first_bar && t.kind == kind; });
}

// The bar line nearest to `sample` on the map (compared in samples, as the listener hears it).
int nearest_bar(const TempoMap& tempo, Ticks bar_length, Samples sample) {
    const std::int64_t below = std::max<std::int64_t>(0, tempo.to_ticks(sample).value / bar_length.value);
    const auto distance = [&](std::int64_t bar) {
        return std::llabs((tempo.to_samples(bar_length * bar) - sample).value);
    };
    return static_cast<int>(distance(below + 1) < distance(below) ? below + 1 : below);
}

}  // namespace

std::string_view section_role_name(SectionRole role) {
    switch (role) {
        case SectionRole::intro: return "intro";
        case SectionRole::verse: return "verse";
        case SectionRole::build: return "build";
        case SectionRole::climax: return "climax";
        case SectionRole::breakdown: return "breakdown";
        case SectionRole::bridge: return "bridge";
        case SectionRole::outro: return "outro";
    }
    return "verse";
}

std::optional<SectionRole> parse_section_role(std::string_view word) {
    for (SectionRole r : {SectionRole::intro, SectionRole::verse, SectionRole::build, SectionRole::climax,
                          SectionRole::breakdown, SectionRole::bridge, SectionRole::outro})
        if (section_role_name(r) == word) return r;
    return std::nullopt;
}

std::vector<PlannedSection> choose_form(int bars, Ticks bar_length, std::span<const FormTurn> turns) {
    if (bars < 1) throw std::logic_error("choose_form: at least one bar");
    std::vector<bool> forced(static_cast<std::size_t>(bars) + 1, false);
    for (const auto& t : turns)
        if (t.bar > 0 && t.bar < bars) forced[static_cast<std::size_t>(t.bar)] = true;
    // best[b]: cheapest split of bars [0, b) into sections; from[b]: where its last section starts.
    std::vector<double> best(static_cast<std::size_t>(bars) + 1, kInf);
    std::vector<int> from(static_cast<std::size_t>(bars) + 1, -1);
    best[0] = 0.0;
    for (int to = 1; to <= bars; ++to) {
        for (int start = to - 1; start >= std::max(0, to - kLongestSection); --start) {
            if (best[static_cast<std::size_t>(start)] < kInf) {
                const double cost = best[static_cast<std::size_t>(start)] + section_cost(start, to, bars);
                if (cost < best[static_cast<std::size_t>(to)]) {
                    best[static_cast<std::size_t>(to)] = cost;
                    from[static_cast<std::size_t>(to)] = start;
                }
            }
            if (forced[static_cast<std::size_t>(start)]) break;  // a section may not cross a turn
        }
    }
    std::vector<PlannedSection> sections;
    for (int to = bars; to > 0; to = from[static_cast<std::size_t>(to)]) {
        const int start = from[static_cast<std::size_t>(to)];
        sections.push_back(make_section(start, to - start, bar_length));
    }
    std::reverse(sections.begin(), sections.end());
    return sections;
}

std::vector<PlannedSection> snap_sections(std::span<const SectionSpec> spec_sections, const TempoMap& tempo,
                                          Meter meter, int bars, std::span<const FormTurn> turns,
                                          std::vector<std::string>& warnings) {
    std::vector<SectionSpec> ordered(spec_sections.begin(), spec_sections.end());
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    const Ticks bar_length = meter.bar();
    const SampleRate rate = tempo.sample_rate();
    // A first section asked to start a bar or more in ("verse at 0:10") keeps its time: an intro,
    // quieter than it, fills the bars before it (it used to be pulled to 0 s).
    const bool filler = !ordered.empty() && bars > 1 &&
                        std::clamp(nearest_bar(tempo, bar_length, to_samples(ordered.front().start, rate)), 0, bars - 1) > 0;
    if (filler) ordered.insert(ordered.begin(), SectionSpec{"intro", Seconds(0.0), std::min(0.3, ordered.front().energy)});
    std::vector<PlannedSection> sections;
    for (std::size_t i = 0; i < ordered.size(); ++i) {
        const SectionSpec& spec = ordered[i];
        const Samples asked = to_samples(spec.start, rate);
        int bar = i == 0 ? 0 : std::clamp(nearest_bar(tempo, bar_length, asked), 0, bars - 1);
        if (i > 0) {  // a lift or drop within a bar of the boundary takes it
            int nearest_turn = -1;
            for (const auto& t : turns)
                if (std::abs(t.bar - bar) <= 1 && t.bar > 0 && t.bar < bars &&
                    (nearest_turn < 0 || std::abs(t.bar - bar) < std::abs(nearest_turn - bar)))
                    nearest_turn = t.bar;
            if (nearest_turn >= 0) bar = nearest_turn;
        }
        if (!sections.empty() && bar <= sections.back().first_bar) {
            if (sections.back().first_bar + 1 >= bars) {
                warnings.push_back("section '" + spec.name + "' at " + seconds_text(spec.start.value) +
                                   " leaves no whole bar for the previous section: it is merged into it");
                continue;
            }
            bar = sections.back().first_bar + 1;
        }
        const Ticks start = bar_length * bar;
        const Samples landed = tempo.to_samples(start);
        const Samples half_beat = tempo.to_samples(start + meter.beat() / 2) - landed;
        if (std::llabs((landed - asked).value) > half_beat.value) {
            const double moved = to_seconds(landed - asked, rate).value;
            warnings.push_back("section '" + spec.name + "' asked to start at " + seconds_text(spec.start.value) +
                               " starts on bar " + std::to_string(bar + 1) + " at " +
                               seconds_text(to_seconds(landed, rate).value) + " (" + seconds_text(std::fabs(moved)) + " " +
                               (moved < 0.0 ? "earlier" : "later") + ")");
        }
        PlannedSection s = make_section(bar, 1, bar_length);
        s.name = spec.name;
        s.energy = spec.energy;
        s.filler_intro = filler && i == 0;
        sections.push_back(std::move(s));
    }
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const int next = i + 1 < sections.size() ? sections[i + 1].first_bar : bars;
        sections[i].bar_count = next - sections[i].first_bar;
        sections[i].end = bar_length * next;
    }
    return sections;
}

void assign_roles(std::vector<PlannedSection>& sections, std::span<const FormTurn> turns, bool use_names) {
    const std::size_t n = sections.size();
    std::vector<bool> named(n, false);
    for (std::size_t i = 0; i < n && use_names; ++i) {
        if (auto role = role_from_name(sections[i].name)) {
            sections[i].role = *role;
            named[i] = true;
        }
    }
    if (n == 0) return;
    if (n == 1) {  // a sting of a few bars is all ending; a longer single section is a body
        if (!named[0]) sections[0].role = sections[0].bar_count <= 4 ? SectionRole::outro : SectionRole::verse;
        return;
    }
    // The last section is always the ending region, whatever its name: the composer cadences there.
    sections.back().role = SectionRole::outro;
    if (!named[0]) sections[0].role = sections[0].energy <= sections[1].energy + 0.02 ? SectionRole::intro : SectionRole::verse;
    double peak = -1.0;
    std::size_t peak_at = 0;
    for (std::size_t i = 1; i + 1 < n; ++i)
        if (sections[i].energy > peak + 1e-9) {
            peak = sections[i].energy;
            peak_at = i;
        }
    const std::size_t middle = n - 2;
    // A climax is a peak heard as one: it rises clearly above the quietest section before the
    // ending. A flat cue (a meditation drone at 0.25 throughout) has verses, not a climax.
    double lowest = sections[0].energy;
    for (std::size_t i = 1; i + 1 < n; ++i) lowest = std::min(lowest, sections[i].energy);
    const bool peaks = peak >= lowest + kClimaxRise;
    for (std::size_t i = 1; i + 1 < n; ++i) {
        if (named[i]) continue;
        const double e = sections[i].energy;
        const double before = sections[i - 1].energy;
        const double after = sections[i + 1].energy;
        SectionRole role = SectionRole::verse;
        if (starts_at_turn(sections[i], turns, "drop") || e < before - 0.1) role = SectionRole::breakdown;
        else if (i == peak_at && middle >= 2 && peaks) role = SectionRole::climax;
        else if (i + 2 < n && after > e + 0.03 && (e > before + 0.03 || starts_at_turn(sections[i], turns, "lift")))
            role = SectionRole::build;
        sections[i].role = role;
    }
}

void name_by_role(std::vector<PlannedSection>& sections) {
    std::array<int, 7> seen{};
    for (auto& s : sections) {
        const auto index = static_cast<std::size_t>(s.role);
        const int count = ++seen[index];
        s.name = std::string(section_role_name(s.role));
        if (count > 1) s.name += " " + std::to_string(count);
    }
}

}  // namespace tunesmith
