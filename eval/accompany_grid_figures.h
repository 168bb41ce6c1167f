// Where eval_accompany's grid stands against the true beats: the on-grid test, the tracker's share of
// true beats and its lateness, and per-song diagnostics (where the grid and the sung onsets fall inside
// the true beats, and the stretches where the grid is off). Header-only; eval code only.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <string>
#include <vector>

#include "accompany/accompany.h"

namespace tunesmith::grid_eval {

inline double grid_error(const std::vector<double>& beats, double t) {
    const auto it = std::lower_bound(beats.begin(), beats.end(), t);
    double best = 1e9;
    const auto i = static_cast<std::size_t>(it - beats.begin());
    for (std::size_t k = i > 1 ? i - 2 : 0; k + 1 < beats.size() && k <= i + 1; ++k)
        for (double x : {beats[k], 0.5 * (beats[k] + beats[k + 1])}) best = std::min(best, std::abs(t - x));
    return best;
}

inline bool near_any(const std::vector<double>& times, double t, double window) {
    return std::any_of(times.begin(), times.end(), [&](double x) { return std::abs(x - t) <= window; });
}

// Share of true beats with a beat or half-beat of the accompaniment's grid within 50 ms (the
// tracker's part of the on-grid figure).
inline double beat_agreement(const Accompaniment& a, const std::vector<double>& truth) {
    std::vector<double> grid;
    for (Ticks t(0); t < a.plan.length; t += a.plan.meter.beat()) grid.push_back(a.plan.tempo.to_seconds(t).value);
    std::size_t hits = 0;
    for (double t : truth) hits += grid_error(grid, t) <= 0.05;
    return truth.empty() ? 0.0 : static_cast<double>(hits) / static_cast<double>(truth.size());
}

// Median signed offset (ms, + = late) of the accompaniment's grid beats against the true beats
// they match within 50 ms: the tracker's systematic lateness, apart from the arrangement's.
inline double grid_offset_ms(const Accompaniment& a, const std::vector<double>& truth) {
    std::vector<double> offsets;
    for (Ticks t(0); t < a.plan.length; t += a.plan.meter.beat()) {
        const double s = a.plan.tempo.to_seconds(t).value;
        const auto it = std::lower_bound(truth.begin(), truth.end(), s);
        double best = 1e9;
        if (it != truth.end()) best = *it - s;
        if (it != truth.begin() && std::abs(*std::prev(it) - s) < std::abs(best)) best = *std::prev(it) - s;
        if (std::abs(best) <= 0.05) offsets.push_back(-1000.0 * best);
    }
    if (offsets.empty()) return 0.0;
    std::nth_element(offsets.begin(), offsets.begin() + static_cast<std::ptrdiff_t>(offsets.size() / 2), offsets.end());
    return offsets[offsets.size() / 2];
}

// Where the accompaniment's grid beats fall inside the true beats: a histogram of their phase
// (0 = on a true beat, 0.5 = half-way) in eighths, as text. A tempo-right, phase-wrong grid shows
// one peak away from 0 and 4; a drifting one spreads out.
inline std::string grid_phase_histogram(const Accompaniment& a, const std::vector<double>& truth) {
    std::array<int, 8> bins{};
    for (Ticks t(0); t < a.plan.length; t += a.plan.meter.beat()) {
        const double s = a.plan.tempo.to_seconds(t).value;
        const auto it = std::upper_bound(truth.begin(), truth.end(), s);
        if (it == truth.begin() || it == truth.end()) continue;
        const double phase = (s - *std::prev(it)) / (*it - *std::prev(it));
        ++bins[static_cast<std::size_t>(std::clamp(static_cast<int>(std::lround(phase * 8.0)) % 8, 0, 7))];
    }
    std::string text;
    for (int b : bins) text += (text.empty() ? "" : " ") + std::to_string(b);
    return text;
}

// Where the grid is off: stretches of consecutive grid beats more than 50 ms from every true beat
// and half-beat, as "from-to s (phase in eighths)", the phase of the stretch's first beat.
inline std::string off_grid_stretches(const Accompaniment& a, const std::vector<double>& truth) {
    std::string text;
    double from = -1.0, last = 0.0;
    int phase = 0;
    auto close = [&] {
        if (from < 0.0) return;
        char item[48];
        std::snprintf(item, sizeof item, "%s%.1f-%.1f s (%d/8)", text.empty() ? "" : ", ", from, last, phase);
        text += item;
        from = -1.0;
    };
    for (Ticks t(0); t < a.plan.length; t += a.plan.meter.beat()) {
        const double s = a.plan.tempo.to_seconds(t).value;
        const auto it = std::upper_bound(truth.begin(), truth.end(), s);
        if (it == truth.begin() || it == truth.end()) continue;
        if (grid_error(truth, s) <= 0.05) {
            close();
            continue;
        }
        if (from < 0.0) from = s, phase = static_cast<int>(std::lround(8.0 * (s - *std::prev(it)) / (*it - *std::prev(it)))) % 8;
        last = s;
    }
    close();
    return text.empty() ? "none" : text;
}

// Where note onsets fall inside the true beats, in twelfths (sixteenths at 0 3 6 9), as text: the
// sung notes against the transcribed ones shows whether a wrong grid phase comes from the notes.
inline std::string onset_phase_histogram(const std::vector<double>& onsets, const std::vector<double>& truth) {
    std::array<int, 12> bins{};
    for (double s : onsets) {
        const auto it = std::upper_bound(truth.begin(), truth.end(), s);
        if (it == truth.begin() || it == truth.end()) continue;
        const double phase = (s - *std::prev(it)) / (*it - *std::prev(it));
        ++bins[static_cast<std::size_t>(static_cast<int>(std::lround(phase * 12.0)) % 12)];
    }
    std::string text;
    for (int b : bins) text += (text.empty() ? "" : " ") + std::to_string(b);
    return text;
}

}  // namespace tunesmith::grid_eval
