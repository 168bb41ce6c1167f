#include "compose/tempo_choice.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tunesmith {
namespace {

double square(double x) { return x * x; }

// Distance in beats from `beats` to the nearest multiple of `unit` beats.
double off_grid(double beats, double unit) { return std::abs(beats - unit * std::round(beats / unit)); }

struct Marks {
    std::vector<double> sections_s;  // section starts after 0, in time order
    double end_s = 0.0;
    std::vector<double> hits_s;      // hits that do not start a section
};

Marks marks_of(const CueSpec& spec) {
    Marks marks;
    marks.end_s = spec.length.value;
    for (const SectionSpec& s : spec.sections)
        if (s.start.value > 0.0 && s.start.value < marks.end_s) marks.sections_s.push_back(s.start.value);
    std::sort(marks.sections_s.begin(), marks.sections_s.end());
    for (const HitSpec& h : spec.hits) {
        if (h.time.value <= 0.0 || h.time.value >= marks.end_s) continue;
        const bool section = std::any_of(marks.sections_s.begin(), marks.sections_s.end(),
                                         [&](double t) { return std::abs(t - h.time.value) < 1e-3; });
        if (!section) marks.hits_s.push_back(h.time.value);
    }
    return marks;
}

// A mark on the grid: where it is (in beats at the candidate tempo) and the grid line it takes.
struct Placed {
    double beats = 0.0;
    double line = 0.0;
};

// The cost of marks on grid lines: squared distance in beats, plus `unreachable` when the span from
// the previous mark would need a tempo bend beyond the bound to reach the line.
double grid_cost(const Placed& previous, const Placed& mark, double bound, double unreachable) {
    double cost = square(mark.beats - mark.line);
    const double nominal = mark.beats - previous.beats;
    const double fitted = mark.line - previous.line;
    if (nominal > 0.0 && (fitted <= 0.0 || std::abs(std::log(fitted / nominal)) > bound)) cost += unreachable;
    return cost;
}

}  // namespace

double tempo_for_scene_changes(const CueSpec& spec, const TempoChoiceOptions& options) {
    const Marks marks = marks_of(spec);
    if (marks.sections_s.empty() || !(spec.bpm > 0.0) || !(marks.end_s > 0.0)) return spec.bpm;
    const Meter& meter = spec.time_signature;
    const double quarters_per_beat = static_cast<double>(meter.beat().value) / kTicksPerQuarter;
    const double beats_per_bar = meter.beats_per_bar();
    const double bound = std::log(1.0 + options.span_bound);
    const double unreachable = square(beats_per_bar / 2.0);
    const bool ring_out = may_ring_out(spec);
    const auto cost_of = [&](double bpm) {
        const double beats_per_second = bpm / 60.0 / quarters_per_beat;
        const double departure = std::log(bpm / spec.bpm);
        double cost = options.departure_weight * departure * departure;
        Placed previous;
        for (double t : marks.sections_s) {
            const double beats = t * beats_per_second;
            const Placed mark{beats, beats_per_bar * std::round(beats / beats_per_bar)};
            cost += grid_cost(previous, mark, bound, unreachable);
            previous = mark;
        }
        const double end = marks.end_s * beats_per_second;
        double end_cost = grid_cost(previous, {end, beats_per_bar * std::round(end / beats_per_bar)}, bound, unreachable);
        if (ring_out)
            end_cost = std::min(end_cost, options.ring_out_cost + grid_cost(previous, {end, std::round(end)}, bound, unreachable));
        cost += end_cost;
        for (double t : marks.hits_s) cost += options.hit_weight * square(off_grid(t * beats_per_second, 1.0));
        return cost;
    };
    // Outwards from the base tempo, so that of equal costs the nearest tempo wins.
    double best_bpm = spec.bpm, best_cost = cost_of(spec.bpm);
    const auto steps = static_cast<int>(std::floor(spec.bpm * options.max_change / options.step_bpm));
    for (int k = 1; k <= steps; ++k)
        for (double bpm : {spec.bpm - k * options.step_bpm, spec.bpm + k * options.step_bpm})
            if (const double cost = cost_of(bpm); cost < best_cost - 1e-12) best_cost = cost, best_bpm = bpm;
    return best_bpm;
}

bool may_ring_out(const CueSpec& spec) { return spec.ending != Ending::fade_out; }

}  // namespace tunesmith
