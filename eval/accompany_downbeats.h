// Downbeat figures for eval_accompany: do the accompaniment's bar lines fall on the true downbeats?
// Chords change on bar lines, so a bar line on beat 3 puts every strong-beat note mid-chord.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <string>
#include <vector>

#include "accompany/accompany.h"

namespace tunesmith::downbeat_eval {

// Counts over the sung span (first phrase start to last phrase end, inside the true beats).
struct DownbeatFigures {
    std::size_t bar_lines = 0, on_downbeat = 0;  // our bar lines; those within 50 ms of a true downbeat
    std::size_t downbeats = 0, with_bar = 0;     // true downbeats; those with one of our bar lines
    std::size_t with_bar_or_half = 0;            // ... with a bar or half-bar line (a halved grid's bars span two)

    void add(const DownbeatFigures& o) {
        bar_lines += o.bar_lines, on_downbeat += o.on_downbeat, downbeats += o.downbeats;
        with_bar += o.with_bar, with_bar_or_half += o.with_bar_or_half;
    }
};

inline double share(std::size_t a, std::size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }

inline bool within(const std::vector<double>& times, double t, double window) {
    const auto it = std::lower_bound(times.begin(), times.end(), t - window);
    return it != times.end() && *it <= t + window;
}

// `beats` and `downbeats` are the true (performed) times, sorted; [from, to] the sung span.
inline DownbeatFigures measure_downbeats(const Accompaniment& a, const std::vector<double>& beats,
                                         const std::vector<double>& downbeats, double from, double to) {
    constexpr double kWindow = 0.05;
    DownbeatFigures f;
    if (beats.empty() || downbeats.empty()) return f;
    from = std::max(from, beats.front() - kWindow);
    to = std::min(to, beats.back() + kWindow);
    std::vector<double> bars, halves;
    const Ticks bar = a.plan.meter.bar();
    const bool even = a.plan.meter.beats_per_bar() % 2 == 0;
    const Ticks half = even ? a.plan.meter.beat() * (a.plan.meter.beats_per_bar() / 2) : bar;
    for (Ticks t(0); t <= a.plan.length; t += half) {
        const double s = a.plan.tempo.to_seconds(t).value;
        ((t % bar) == Ticks(0) ? bars : halves).push_back(s);
    }
    for (double s : bars) {
        if (s < from || s > to) continue;
        ++f.bar_lines;
        f.on_downbeat += within(downbeats, s, kWindow);
    }
    std::vector<double> both = bars;
    both.insert(both.end(), halves.begin(), halves.end());
    std::sort(both.begin(), both.end());
    for (double d : downbeats) {
        if (d < from || d > to) continue;
        ++f.downbeats;
        f.with_bar += within(bars, d, kWindow);
        f.with_bar_or_half += within(both, d, kWindow);
    }
    return f;
}

// Where the accompaniment's beats fall in the true bars: how many sit within 50 ms of true beat 1, 2, 3
// and 4 (counted from each true downbeat), and how many on none (half-beats, misses). A halved grid on
// beats 2 and 4 cannot put its bar lines on a downbeat, whatever its bar phase.
inline std::string beats_in_bar_text(const Accompaniment& a, const std::vector<double>& beats,
                                     const std::vector<double>& downbeats, double from, double to) {
    std::vector<int> count(5, 0);
    for (Ticks t(0); t <= a.plan.length; t += a.plan.meter.beat()) {
        const double s = a.plan.tempo.to_seconds(t).value;
        if (s < from || s > to) continue;
        const auto near = std::lower_bound(beats.begin(), beats.end(), s - 0.05);
        if (near == beats.end() || *near > s + 0.05) {
            ++count[4];
            continue;
        }
        const auto down = std::upper_bound(downbeats.begin(), downbeats.end(), *near + 1e-6);
        if (down == downbeats.begin()) continue;
        const auto since = std::lower_bound(beats.begin(), beats.end(), *std::prev(down) - 1e-6);
        ++count[static_cast<std::size_t>(std::min<std::ptrdiff_t>(3, near - since))];
    }
    char text[120];
    std::snprintf(text, sizeof text, "our beats on true beat 1/2/3/4/none: %d/%d/%d/%d/%d", count[0], count[1],
                  count[2], count[3], count[4]);
    return text;
}

inline std::string downbeat_text(const DownbeatFigures& f) {
    char text[200];
    std::snprintf(text, sizeof text,
                  "bar lines on a true downbeat %.3f (%zu); true downbeats with a bar line %.3f, with a bar or "
                  "half-bar line %.3f (%zu)",
                  share(f.on_downbeat, f.bar_lines), f.bar_lines, share(f.with_bar, f.downbeats),
                  share(f.with_bar_or_half, f.downbeats), f.downbeats);
    return text;
}

}  // namespace tunesmith::downbeat_eval
