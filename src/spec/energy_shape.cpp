// Painting energy operations onto [0, length]: later and higher-priority strokes overwrite
// earlier ones, and a neutral base fills what no word covered, so "quiet intro" alone does not
// leave the whole cue quiet.
#include "spec/energy_shape.h"

#include <algorithm>
#include <cmath>

namespace tunesmith {
namespace {

struct Segment {
    double a = 0.0;
    double b = 0.0;
    double la = 0.0;
    double lb = 0.0;
    double level_at(double t) const { return b > a ? la + (lb - la) * (t - a) / (b - a) : la; }
};

void paint(std::vector<Segment>& segments, const Segment& stroke) {
    std::vector<Segment> kept;
    for (const Segment& s : segments) {
        if (s.b <= stroke.a || s.a >= stroke.b) {
            kept.push_back(s);
            continue;
        }
        if (s.a < stroke.a) kept.push_back({s.a, stroke.a, s.la, s.level_at(stroke.a)});
        if (s.b > stroke.b) kept.push_back({stroke.b, s.b, s.level_at(stroke.b), s.lb});
    }
    kept.push_back(stroke);
    std::sort(kept.begin(), kept.end(), [](const Segment& x, const Segment& y) { return x.a < y.a; });
    segments = std::move(kept);
}

double clamp_level(double level) { return std::clamp(level, 0.0, 1.0); }

}  // namespace

Seconds TimeRef::resolve(Seconds length) const {
    const double t = fraction ? value * length.value : value;
    return Seconds(std::clamp(t, 0.0, length.value));
}

std::vector<EnergyPoint> paint_energy(const std::vector<EnergyOp>& ops, Seconds length) {
    if (ops.empty() || length.value <= 0.0) return {};
    std::vector<EnergyOp> ordered = ops;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const EnergyOp& x, const EnergyOp& y) { return x.priority < y.priority; });
    std::vector<Segment> segments{{0.0, length.value, kBaseEnergy, kBaseEnergy}};
    for (const EnergyOp& op : ordered) {
        const double a = op.from.resolve(length).value;
        const double b = op.to.resolve(length).value;
        if (b <= a) continue;
        paint(segments, {a, b, clamp_level(op.level_from), clamp_level(op.level_to)});
    }
    std::vector<EnergyPoint> points;
    auto emit = [&](double t, double level) {
        if (!points.empty() && points.back().time.value == t && points.back().level == level) return;
        points.push_back({Seconds(t), level});
    };
    for (const Segment& s : segments) {
        emit(s.a, s.la);
        emit(s.b, s.lb);
    }
    // Drop middle points of flat runs: (t0,l) (t1,l) (t2,l) -> (t0,l) (t2,l).
    std::vector<EnergyPoint> simplified;
    for (const EnergyPoint& p : points) {
        const std::size_t n = simplified.size();
        if (n >= 2 && simplified[n - 1].level == p.level && simplified[n - 2].level == p.level)
            simplified.back() = p;
        else
            simplified.push_back(p);
    }
    return simplified;
}

}  // namespace tunesmith
