// Energy curve: layers applied in order of precedence (arc, hits, points, sections) and the
// ending's shape over the final bars.
#include "compose/energy.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tunesmith {
namespace {

constexpr double kArcStart = 0.35;
constexpr double kArcPeak = 0.85;
constexpr double kArcPeakAt = 0.75;
constexpr double kArcEnd = 0.5;
constexpr double kLiftBoost = 0.25;   // how much a lift raises the bars after it
constexpr int kLiftBars = 8;
constexpr double kLiftDip = 0.05;     // the two bars before a lift hold back, so the lift is heard
constexpr double kLiftStep = 0.3;     // with explicit energy points: the bars before a lift sit this far below it
constexpr double kDropCut = 0.3;      // how much a drop lowers the bars after it
constexpr int kDropBars = 4;
constexpr double kFadeFloor = 0.1;
constexpr double kHitEnding = 0.8;
constexpr double kFloor = 0.05;       // a bar is never quite silent

double smoothstep(double x) {
    x = std::clamp(x, 0.0, 1.0);
    return x * x * (3.0 - 2.0 * x);
}

// A lift or drop's effect fades over its length: full at the hit, half by the end.
void apply_hit(std::vector<double>& energy, const EnergyHit& hit) {
    const int bars = static_cast<int>(energy.size());
    if (hit.bar < 0 || hit.bar >= bars) return;
    const bool lift = hit.kind == "lift";
    if (!lift && hit.kind != "drop") return;
    const int length = std::min(lift ? kLiftBars : kDropBars, bars - hit.bar);
    const double amount = lift ? kLiftBoost : -kDropCut;
    for (int k = 0; k < length; ++k)
        energy[static_cast<std::size_t>(hit.bar + k)] += amount * (1.0 - 0.5 * k / length);
    if (lift)
        for (int k = std::max(0, hit.bar - 2); k < hit.bar; ++k) energy[static_cast<std::size_t>(k)] -= kLiftDip;
}

// Explicit energy points give the levels; a lift among them must still be the moment the energy
// arrives ("sparse first half, lift at 28 s"): the bars after it are raised as over the arc, and
// the run of bars before it (back to the previous lift or drop) is held at least kLiftStep below.
void apply_lift_over_points(std::vector<double>& energy, const EnergyHit& hit, int previous_turn_bar) {
    const int bars = static_cast<int>(energy.size());
    if (hit.kind != "lift" || hit.bar <= 0 || hit.bar >= bars) return;
    const int length = std::min(kLiftBars, bars - hit.bar);
    for (int k = 0; k < length; ++k)
        energy[static_cast<std::size_t>(hit.bar + k)] += kLiftBoost * 0.5 * (1.0 - 0.5 * k / length);
    const double arrival = std::min(1.0, energy[static_cast<std::size_t>(hit.bar)]);
    const double cap = std::max(kFloor, arrival - kLiftStep);
    for (int b = hit.bar - 1; b >= std::max(0, previous_turn_bar); --b) {
        auto& e = energy[static_cast<std::size_t>(b)];
        if (e <= cap) break;
        e = cap;
    }
}

// Moves a section's bars so their mean is the given level, keeping their shape.
void set_section_level(std::vector<double>& energy, const SectionLevel& section) {
    if (!section.energy) return;
    const int bars = static_cast<int>(energy.size());
    const int first = std::clamp(section.first_bar, 0, bars);
    const int count = std::clamp(section.bar_count, 0, bars - first);
    if (count == 0) return;
    const double shift = *section.energy - mean_energy(energy, first, count);
    for (int b = first; b < first + count; ++b) energy[static_cast<std::size_t>(b)] += shift;
}

void apply_ending(std::vector<double>& energy, Ending ending) {
    const int bars = static_cast<int>(energy.size());
    const int span = ending_bars(bars);
    for (int k = 0; k < span; ++k) {
        auto& e = energy[static_cast<std::size_t>(bars - span + k)];
        const double t = static_cast<double>(k + 1) / span;
        switch (ending) {
            case Ending::fade_out: e = e * (1.0 - t) + kFadeFloor * t; break;
            case Ending::big_finish: e = std::max(e, e * (1.0 - t) + 1.0 * t); break;
            case Ending::hit: if (k == span - 1) e = std::max(e, kHitEnding); break;
            case Ending::cadence: break;
        }
    }
}

}  // namespace

double default_arc(double position) {
    if (position <= kArcPeakAt) return kArcStart + (kArcPeak - kArcStart) * smoothstep(position / kArcPeakAt);
    return kArcPeak - (kArcPeak - kArcEnd) * smoothstep((position - kArcPeakAt) / (1.0 - kArcPeakAt));
}

double interpolate_points(std::span<const EnergyPoint> points, double seconds) {
    if (points.empty()) throw std::logic_error("interpolate_points: no points");
    std::vector<EnergyPoint> sorted(points.begin(), points.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
    if (seconds <= sorted.front().time.value) return sorted.front().level;
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        const auto& a = sorted[i - 1];
        const auto& b = sorted[i];
        if (seconds <= b.time.value) {
            const double span = b.time.value - a.time.value;
            if (span <= 0.0) return b.level;
            return a.level + (b.level - a.level) * (seconds - a.time.value) / span;
        }
    }
    return sorted.back().level;
}

double mean_energy(std::span<const double> bar_energy, int first, int count) {
    if (count <= 0) return 0.0;
    double sum = 0.0;
    for (int b = first; b < first + count; ++b) sum += bar_energy[static_cast<std::size_t>(b)];
    return sum / count;
}

int ending_bars(int bars) { return std::min(bars, std::clamp(bars / 8, 2, 4)); }

std::vector<double> plan_bar_energy(const EnergyRequest& request) {
    const int bars = std::max(1, request.bars);
    if (static_cast<int>(request.bar_centre_seconds.size()) != bars && !request.points.empty())
        throw std::logic_error("plan_bar_energy: one bar centre per bar is needed with energy points");
    std::vector<double> energy(static_cast<std::size_t>(bars));
    if (!request.points.empty()) {
        for (int b = 0; b < bars; ++b)
            energy[static_cast<std::size_t>(b)] = interpolate_points(request.points, request.bar_centre_seconds[static_cast<std::size_t>(b)]);
        std::vector<EnergyHit> turns;
        for (const auto& hit : request.hits)
            if (hit.kind == "lift" || hit.kind == "drop") turns.push_back(hit);
        std::stable_sort(turns.begin(), turns.end(), [](const auto& a, const auto& b) { return a.bar < b.bar; });
        for (std::size_t i = 0; i < turns.size(); ++i)
            apply_lift_over_points(energy, turns[i], i > 0 ? turns[i - 1].bar : 0);
    } else {
        for (int b = 0; b < bars; ++b) energy[static_cast<std::size_t>(b)] = default_arc((b + 0.5) / bars);
        for (const auto& hit : request.hits) apply_hit(energy, hit);
    }
    for (double& e : energy) e = std::clamp(e, kFloor, 1.0);
    for (const auto& section : request.sections) set_section_level(energy, section);
    for (double& e : energy) e = std::clamp(e, kFloor, 1.0);
    apply_ending(energy, request.ending);
    for (double& e : energy) e = std::clamp(e, 0.0, 1.0);
    return energy;
}

}  // namespace tunesmith
