// Humanizing: swing, metric and phrase velocity shaping, clamped onset jitter, and the CC11/CC64
// curves the renderer needs for sustained instruments and the piano.
#include "compose/humanize.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "compose/bass.h"

namespace tunesmith {
namespace {

int clamp_velocity(double v) { return std::clamp(static_cast<int>(std::lround(v)), 1, 127); }

std::size_t bar_index(const Plan& plan, Ticks t) {
    const auto bar = std::max<std::int64_t>(0, t / plan.meter.bar());
    if (plan.bar_energy.empty()) return 0;
    return std::min(static_cast<std::size_t>(bar), plan.bar_energy.size() - 1);
}

double energy_at(const Plan& plan, Ticks t) {
    if (plan.bar_energy.empty()) return 0.5;
    return std::clamp(plan.bar_energy[bar_index(plan, t)], 0.0, 1.0);
}

}  // namespace

void apply_swing(std::vector<Note>& notes, double amount, Rate unit, Ticks origin) {
    if (amount <= 0.0) return;
    const Ticks step = unit == Rate::sixteenth ? kQuarter / 4 : kQuarter / 2;
    const auto delay = Ticks(static_cast<std::int64_t>(std::lround(amount * static_cast<double>(step.value) / 3.0)));
    for (auto& n : notes) {
        const Ticks pos = (n.start - origin) % (step * 2);
        if (pos != step) continue;  // only notes exactly on the off-beat swing
        n.start += delay;
        n.duration = std::max(Ticks(30), n.duration - delay);
    }
}

void shape_velocities(std::vector<Note>& notes, const Meter& meter, Ticks origin, Ticks phrase, double accent,
                      double jitter, Rng& rng) {
    for (auto& n : notes) {
        const Ticks pos = (n.start - origin) % meter.bar();
        double metric = -4.0;  // off the beat
        if (pos == Ticks(0)) metric = 8.0;
        else if (meter.beats_per_bar() >= 4 && pos == meter.beat() * (meter.beats_per_bar() / 2)) metric = 4.0;
        else if (pos % meter.beat() == Ticks(0)) metric = 1.0;
        else if (pos % (kQuarter / 2) != Ticks(0)) metric = -7.0;  // sixteenth off-beats are lightest
        double arc = 0.0;
        if (phrase > Ticks(0)) {
            const double f = static_cast<double>(((n.start - origin) % phrase).value) / static_cast<double>(phrase.value);
            arc = 6.0 * (std::sin(std::numbers::pi * f) - 0.5);
        }
        const double noise = jitter > 0.0 ? rng.normal(0.0, jitter) : 0.0;
        n.velocity = clamp_velocity(n.velocity + accent * (metric + arc) + noise);
    }
}

void jitter_timing(std::vector<Note>& notes, const TempoMap& tempo, double ms, Ticks limit,
                   const std::vector<Ticks>& locked, Rng& rng) {
    if (ms <= 0.0) return;
    for (auto& n : notes) {
        const double shift_ms = std::clamp(rng.normal(0.0, ms), -3.0 * ms, 3.0 * ms);
        if (std::find(locked.begin(), locked.end(), n.start) != locked.end()) continue;
        // Milliseconds to ticks at the local tempo: ticks per ms = bpm * 960 / 60000.
        const double ticks_per_ms = tempo.bpm_at(n.start) * static_cast<double>(kTicksPerQuarter) / 60000.0;
        const auto shift = Ticks(static_cast<std::int64_t>(std::lround(shift_ms * ticks_per_ms)));
        const Ticks end = n.end();
        Ticks start = std::clamp(n.start + shift, Ticks(0), std::max(Ticks(0), limit - Ticks(1)));
        n.start = start;
        n.duration = std::max(Ticks(1), std::min(end, limit) - start);
    }
}

void scale_by_energy(std::vector<Note>& notes, const Plan& plan, double scale) {
    for (auto& n : notes) {
        const double e = energy_at(plan, n.start);
        // A narrow range: sparse sections are already quieter by having fewer instruments, and
        // the SoundFont's velocity curve is steep; a wider range left them 20-30 LU under the
        // full sections once the cue was mastered (seen in the demo's loudness curve).
        n.velocity = clamp_velocity(n.velocity * (0.68 + 0.32 * e) * scale);
    }
}

std::vector<ControlPoint> expression_curve(const Plan& plan, Ticks start, Ticks end) {
    std::vector<ControlPoint> out;
    const Ticks beat = plan.meter.beat();
    const Ticks bar = plan.meter.bar();
    auto level = [&](Ticks t) { return 84.0 + 43.0 * energy_at(plan, t); };  // about 7 dB from energy 0 to 1
    for (Ticks t = start; t < end; t += beat) {
        // Interpolate from this bar's level to the next bar's so swells are smooth.
        const Ticks bar_start = bar * (t / bar);
        const double f = static_cast<double>((t - bar_start).value) / static_cast<double>(bar.value);
        const double a = level(t);
        const double b = bar_start + bar < plan.length ? level(bar_start + bar) : a;
        const int value = std::clamp(static_cast<int>(std::lround(a + (b - a) * f)), 0, 127);
        if (!out.empty() && out.back().value == value) continue;
        out.push_back(ControlPoint{t, 11, value});
    }
    return out;
}

std::vector<ControlPoint> sustain_pedal(const std::vector<ChordSpan>& chords, Ticks start, Ticks end) {
    std::vector<ControlPoint> out;
    constexpr Ticks kCatch{48};  // re-pedal just after the new chord sounds (legato pedalling)
    for (const auto& span : chords) {
        if (span.end <= start || span.start >= end) continue;
        const Ticks at = std::max(span.start, start);
        out.push_back(ControlPoint{at, 64, 0});
        if (at + kCatch < std::min(span.end, end)) out.push_back(ControlPoint{at + kCatch, 64, 127});
    }
    if (!out.empty()) out.push_back(ControlPoint{std::max(start, end - Ticks(1)), 64, 0});
    return out;
}

void apply_fade(std::vector<ControlPoint>& controls, const Meter& meter, Ticks from, Ticks to) {
    if (to <= from) return;
    auto base_at = [&](Ticks t) {
        int value = 127;
        for (const auto& c : controls)
            if (c.controller == 11 && c.time <= t) value = c.value;
        return value;
    };
    std::vector<ControlPoint> faded;
    for (Ticks t = from; t < to; t += meter.beat()) {
        const double f = static_cast<double>((t - from).value) / static_cast<double>((to - from).value);
        // An exponential-looking fade: the ear hears level in dB, so fall slowly then faster.
        const double gain = std::pow(1.0 - f, 1.6);
        faded.push_back(ControlPoint{t, 11, std::clamp(static_cast<int>(std::lround(base_at(t) * gain)), 0, 127)});
    }
    faded.push_back(ControlPoint{to, 11, 0});
    std::erase_if(controls, [&](const ControlPoint& c) { return c.controller == 11 && c.time >= from; });
    controls.insert(controls.end(), faded.begin(), faded.end());
}

void sort_track(Track& track) {
    std::stable_sort(track.notes.begin(), track.notes.end(), [](const Note& a, const Note& b) {
        return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
    });
    std::stable_sort(track.controls.begin(), track.controls.end(), [](const ControlPoint& a, const ControlPoint& b) {
        return a.time != b.time ? a.time < b.time : a.controller < b.controller;
    });
}

}  // namespace tunesmith
