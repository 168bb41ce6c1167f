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
    std::vector<double> sections_s;  // section starts after 0, and the end (the last bar line)
    std::vector<double> hits_s;      // hits that do not start a section
};

Marks marks_of(const CueSpec& spec) {
    Marks marks;
    const double end = spec.length.value;
    for (const SectionSpec& s : spec.sections)
        if (s.start.value > 0.0 && s.start.value < end) marks.sections_s.push_back(s.start.value);
    for (const HitSpec& h : spec.hits) {
        if (h.time.value <= 0.0 || h.time.value >= end) continue;
        const bool section = std::any_of(marks.sections_s.begin(), marks.sections_s.end(),
                                         [&](double t) { return std::abs(t - h.time.value) < 1e-3; });
        if (!section) marks.hits_s.push_back(h.time.value);
    }
    if (!marks.sections_s.empty() && end > 0.0) marks.sections_s.push_back(end);
    return marks;
}

}  // namespace

double tempo_for_scene_changes(const CueSpec& spec, const TempoChoiceOptions& options) {
    const Marks marks = marks_of(spec);
    if (marks.sections_s.empty() || !(spec.bpm > 0.0)) return spec.bpm;
    const Meter& meter = spec.time_signature;
    const double quarters_per_beat = static_cast<double>(meter.beat().value) / kTicksPerQuarter;
    const double beats_per_bar = meter.beats_per_bar();
    const auto cost_of = [&](double bpm) {
        const double beats_per_second = bpm / 60.0 / quarters_per_beat;
        const double departure = std::log(bpm / spec.bpm);
        double cost = options.departure_weight * departure * departure;
        for (double t : marks.sections_s) cost += square(off_grid(t * beats_per_second, beats_per_bar));
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

}  // namespace tunesmith
