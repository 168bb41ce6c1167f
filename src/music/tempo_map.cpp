// Exact integer conversion between ticks and samples over piecewise-linear anchors.
#include "music/tempo_map.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tunesmith {
namespace {

__extension__ typedef __int128 i128;  // exact products of ticks and samples

// Round-to-nearest of num/den for den > 0 and any sign of num (halves away from zero).
std::int64_t div_round(i128 num, i128 den) {
    if (num >= 0) return static_cast<std::int64_t>((num * 2 + den) / (den * 2));
    return -static_cast<std::int64_t>((-num * 2 + den) / (den * 2));
}

// A long span so that rounding the anchor sample costs < 0.5 sample per 100,000 quarters.
constexpr std::int64_t kConstantSpanQuarters = 100000;

}  // namespace

TempoMap TempoMap::constant(double quarter_bpm, SampleRate rate) {
    if (!(quarter_bpm > 0.0)) throw std::invalid_argument("TempoMap::constant: bpm must be > 0");
    const double samples = static_cast<double>(kConstantSpanQuarters) * 60.0 * rate.hz / quarter_bpm;
    return from_anchors({{Ticks(0), Samples(0)},
                         {Ticks(kConstantSpanQuarters * kTicksPerQuarter),
                          Samples(static_cast<std::int64_t>(std::llround(samples)))}},
                        rate);
}

TempoMap TempoMap::from_anchors(std::vector<TempoAnchor> anchors, SampleRate rate) {
    if (anchors.size() < 2) throw std::invalid_argument("TempoMap: at least two anchors are needed");
    if (anchors.front().tick != Ticks(0) || anchors.front().sample != Samples(0))
        throw std::invalid_argument("TempoMap: the first anchor must be (0, 0)");
    for (std::size_t i = 1; i < anchors.size(); ++i)
        if (anchors[i].tick <= anchors[i - 1].tick || anchors[i].sample <= anchors[i - 1].sample)
            throw std::invalid_argument("TempoMap: anchors must increase strictly");
    if (rate.hz <= 0) throw std::invalid_argument("TempoMap: sample rate must be > 0");
    return TempoMap(std::move(anchors), rate);
}

TempoMap TempoMap::from_midi_tempos(const std::vector<MidiTempo>& tempos, SampleRate rate, Ticks span_end) {
    std::vector<MidiTempo> sorted = tempos;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.tick < b.tick; });
    if (sorted.empty() || sorted.front().tick != Ticks(0)) sorted.insert(sorted.begin(), MidiTempo{Ticks(0), 500000});
    // Keep the last event at each tick (MIDI semantics), drop non-positive tempos.
    std::vector<MidiTempo> unique;
    for (const auto& t : sorted) {
        if (t.microseconds_per_quarter <= 0) continue;
        if (!unique.empty() && unique.back().tick == t.tick) unique.back() = t;
        else unique.push_back(t);
    }
    std::vector<TempoAnchor> anchors{{Ticks(0), Samples(0)}};
    // Accumulate exactly in rational microseconds*rate, rounding only each anchor.
    i128 acc_us_ticks = 0;  // sum of ticks * us_per_quarter
    for (std::size_t i = 0; i < unique.size(); ++i) {
        const Ticks end = i + 1 < unique.size() ? unique[i + 1].tick
                                                : std::max(span_end, unique[i].tick + Ticks(kTicksPerQuarter));
        const Ticks len = end - unique[i].tick;
        if (len.value <= 0) continue;
        acc_us_ticks += static_cast<i128>(len.value) * unique[i].microseconds_per_quarter;
        const std::int64_t sample = div_round(acc_us_ticks * rate.hz, static_cast<i128>(kTicksPerQuarter) * 1000000);
        if (sample > anchors.back().sample.value) anchors.push_back({end, Samples(sample)});
    }
    return from_anchors(std::move(anchors), rate);
}

std::size_t TempoMap::segment_for_tick(Ticks tick) const {
    // Index i of the segment [anchors[i], anchors[i+1]); the last segment extends both ways.
    auto it = std::upper_bound(anchors_.begin(), anchors_.end(), tick,
                               [](Ticks t, const TempoAnchor& a) { return t < a.tick; });
    std::size_t i = it == anchors_.begin() ? 0 : static_cast<std::size_t>(it - anchors_.begin()) - 1;
    return std::min(i, anchors_.size() - 2);
}

std::size_t TempoMap::segment_for_sample(Samples sample) const {
    auto it = std::upper_bound(anchors_.begin(), anchors_.end(), sample,
                               [](Samples s, const TempoAnchor& a) { return s < a.sample; });
    std::size_t i = it == anchors_.begin() ? 0 : static_cast<std::size_t>(it - anchors_.begin()) - 1;
    return std::min(i, anchors_.size() - 2);
}

Samples TempoMap::to_samples(Ticks tick) const {
    const std::size_t i = segment_for_tick(tick);
    const auto& a = anchors_[i];
    const auto& b = anchors_[i + 1];
    const i128 num = static_cast<i128>(tick.value - a.tick.value) * (b.sample.value - a.sample.value);
    return Samples(a.sample.value + div_round(num, b.tick.value - a.tick.value));
}

Ticks TempoMap::to_ticks(Samples sample) const {
    const std::size_t i = segment_for_sample(sample);
    const auto& a = anchors_[i];
    const auto& b = anchors_[i + 1];
    const i128 num = static_cast<i128>(sample.value - a.sample.value) * (b.tick.value - a.tick.value);
    return Ticks(a.tick.value + div_round(num, b.sample.value - a.sample.value));
}

double TempoMap::bpm_at(Ticks tick) const {
    const std::size_t i = segment_for_tick(tick);
    const auto& a = anchors_[i];
    const auto& b = anchors_[i + 1];
    const double samples_per_quarter = static_cast<double>(b.sample.value - a.sample.value) *
                                       static_cast<double>(kTicksPerQuarter) /
                                       static_cast<double>(b.tick.value - a.tick.value);
    return 60.0 * rate_.hz / samples_per_quarter;
}

std::vector<MidiTempo> TempoMap::midi_tempos() const {
    std::vector<MidiTempo> out;
    for (std::size_t i = 0; i + 1 < anchors_.size(); ++i) {
        const auto& a = anchors_[i];
        const auto& b = anchors_[i + 1];
        const i128 num = static_cast<i128>(b.sample.value - a.sample.value) * kTicksPerQuarter * 1000000;
        const i128 den = static_cast<i128>(b.tick.value - a.tick.value) * rate_.hz;
        const std::int64_t us = div_round(num, den);
        if (out.empty() || out.back().microseconds_per_quarter != us) out.push_back({a.tick, us});
    }
    return out;
}

TempoMap TempoMap::at_rate(SampleRate rate) const {
    std::vector<TempoAnchor> scaled;
    for (const auto& a : anchors_) {
        const std::int64_t s = div_round(static_cast<i128>(a.sample.value) * rate.hz, rate_.hz);
        if (!scaled.empty() && s <= scaled.back().sample.value) continue;
        scaled.push_back({a.tick, Samples(s)});
    }
    if (scaled.size() < 2) return constant(bpm_at(Ticks(0)), rate);
    return from_anchors(std::move(scaled), rate);
}

}  // namespace tunesmith
