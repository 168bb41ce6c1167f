// The tempo map through exact anchors (build_ramped_map, compose/tempo_fit.h): between two anchors
// the tempo glides over a few beats at each end instead of jumping, inside the tempo bound.
#include "compose/tempo_fit.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace tunesmith {
namespace {

// The glide keeps beats a little inside the bound so that rounding anchors to samples stays inside.
constexpr double kRampBoundShare = 0.995;

// The glide of one span between exact anchors: `beats` beats lasting `total` samples, starting
// from the boundary duration `start` over `ramp_in` beats and ending toward `stop` over `ramp_out`.
struct SpanGlide {
    std::int64_t beats = 1;
    double total = 0.0;
    double start = 0.0;
    double stop = 0.0;
    std::int64_t ramp_in = 0;
    std::int64_t ramp_out = 0;

    double average() const { return total / static_cast<double>(beats); }

    // Per-beat offsets from the average: linear ramps at both ends, minus their mean so the sum stays `total`.
    std::vector<double> shape() const {
        std::vector<double> out(static_cast<std::size_t>(beats), 0.0);
        const double a = average();
        for (std::int64_t j = 0; j < ramp_in; ++j)
            out[static_cast<std::size_t>(j)] += (start - a) * (1.0 - (static_cast<double>(j) + 0.5) / static_cast<double>(ramp_in));
        for (std::int64_t j = beats - ramp_out; j < beats; ++j)
            out[static_cast<std::size_t>(j)] +=
                (stop - a) * (1.0 - (static_cast<double>(beats - j) - 0.5) / static_cast<double>(ramp_out));
        double mean = 0.0;
        for (double v : out) mean += v;
        mean /= static_cast<double>(beats);
        for (double& v : out) v -= mean;
        return out;
    }

    // The largest share (0..1) of the shape that keeps every beat within [shortest, longest].
    double scale(double shortest, double longest) const {
        const double a = average();
        if (ramp_in + ramp_out == 0 || a < shortest || a > longest) return 0.0;
        double s = 1.0;
        for (double v : shape()) {
            if (v > 0.0) s = std::min(s, (longest - a) / v);
            if (v < 0.0) s = std::min(s, (shortest - a) / v);
        }
        return std::max(0.0, s);
    }
};

// Boundary durations at every anchor: the mean of the neighbouring spans, pulled toward a span
// that cannot glide (its average is near the bound) so that the other span does the gliding.
std::vector<double> boundary_durations(std::vector<SpanGlide>& glides, double shortest, double longest) {
    const std::size_t spans = glides.size();
    std::vector<double> boundary(spans + 1);
    boundary[0] = glides.front().average();
    boundary[spans] = glides.back().average();
    for (std::size_t k = 1; k < spans; ++k) boundary[k] = 0.5 * (glides[k - 1].average() + glides[k].average());
    const auto apply = [&] {
        for (std::size_t k = 0; k < spans; ++k) {
            glides[k].start = boundary[k];
            glides[k].stop = boundary[k + 1];
        }
    };
    constexpr int kRounds = 4;
    for (int round = 0; round < kRounds; ++round) {
        apply();
        std::vector<double> scales(spans);
        for (std::size_t k = 0; k < spans; ++k) scales[k] = glides[k].scale(shortest, longest);
        for (std::size_t k = 1; k < spans; ++k) {
            for (std::size_t side : {k - 1, k}) {
                if (scales[side] >= 1.0) continue;
                const double a = glides[side].average();
                boundary[k] = a + scales[side] * (boundary[k] - a);
            }
        }
    }
    apply();
    return boundary;
}

}  // namespace

TempoMap build_ramped_map(std::span<const BeatAnchor> anchors, Ticks beat, double bpm, SampleRate rate, double fastest,
                          double slowest, int ramp_beats) {
    if (anchors.size() < 2 || anchors.front().beat != 0 || anchors.front().sample != Samples(0))
        throw std::logic_error("build_ramped_map: anchors must start at beat 0, sample 0");
    const double beat_samples = static_cast<double>(beat.value) / kTicksPerQuarter * 60.0 * rate.hz / bpm;
    const double shortest = beat_samples / (1.0 + (fastest - 1.0) * kRampBoundShare);
    const double longest = beat_samples / (1.0 - (1.0 - slowest) * kRampBoundShare);
    const std::size_t spans = anchors.size() - 1;
    std::vector<SpanGlide> glides(spans);
    for (std::size_t k = 0; k < spans; ++k) {
        SpanGlide& g = glides[k];
        g.beats = anchors[k + 1].beat - anchors[k].beat;
        const std::int64_t samples = (anchors[k + 1].sample - anchors[k].sample).value;
        if (g.beats <= 0 || samples <= 0) throw std::logic_error("build_ramped_map: anchors must increase strictly");
        g.total = static_cast<double>(samples);
        const std::int64_t ramp = std::min<std::int64_t>(ramp_beats, g.beats / 2);
        g.ramp_in = k > 0 ? ramp : 0;
        g.ramp_out = k + 1 < spans ? ramp : 0;
    }
    boundary_durations(glides, shortest, longest);

    std::vector<TempoAnchor> out{{Ticks(0), Samples(0)}};
    for (std::size_t k = 0; k < spans; ++k) {
        const SpanGlide& g = glides[k];
        const double share = g.scale(shortest, longest);
        if (share > 0.0) {
            const std::vector<double> shape = g.shape();
            double elapsed = 0.0;  // within one span only: every span restarts at an exact integer anchor
            for (std::int64_t j = 1; j < g.beats; ++j) {
                elapsed += g.average() + share * shape[static_cast<std::size_t>(j - 1)];
                if (j > g.ramp_in && j < g.beats - g.ramp_out) continue;  // inside the steady middle
                const Samples at = anchors[k].sample + Samples(std::llround(elapsed));
                if (at <= out.back().sample || at >= anchors[k + 1].sample) continue;
                out.push_back({Ticks((anchors[k].beat + j) * beat.value), at});
            }
        }
        out.push_back({Ticks(anchors[k + 1].beat * beat.value), anchors[k + 1].sample});
    }
    return TempoMap::from_anchors(std::move(out), rate);
}

TempoMap build_ramped_map(std::span<const BeatAnchor> anchors, Ticks beat, double bpm, SampleRate rate,
                          double max_deviation, int ramp_beats) {
    return build_ramped_map(anchors, beat, bpm, rate, 1.0 + max_deviation, 1.0 - max_deviation, ramp_beats);
}

}  // namespace tunesmith
