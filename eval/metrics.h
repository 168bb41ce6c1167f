// mir_eval-style evaluation metrics (ANALYSIS-B): event F-measure with one-to-one matching
// (onsets, beats, boundaries), tempo Acc1/Acc2, the MIREX weighted key score, chord WCSR under
// the maj/min vocabulary, and raw pitch accuracy. Header-only; times in seconds.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "music/chord.h"
#include "music/key.h"

namespace tunesmith::metrics {

struct FMeasure {
    double precision = 0.0;
    double recall = 0.0;
    double f = 0.0;
    std::size_t matched = 0;
};

// Greedy one-to-one matching of sorted event lists within +-window (as mir_eval's
// match_events up to ties, which are rare for beat/onset spacings >> window).
inline FMeasure event_f_measure(std::vector<double> reference, std::vector<double> estimate, double window) {
    std::sort(reference.begin(), reference.end());
    std::sort(estimate.begin(), estimate.end());
    FMeasure m;
    if (reference.empty() && estimate.empty()) { m.precision = m.recall = m.f = 1.0; return m; }
    if (reference.empty() || estimate.empty()) return m;
    std::size_t j = 0;
    for (double r : reference) {
        while (j < estimate.size() && estimate[j] < r - window) ++j;
        if (j < estimate.size() && std::abs(estimate[j] - r) <= window) {
            // Take the closer of this estimate and the next one.
            if (j + 1 < estimate.size() && std::abs(estimate[j + 1] - r) < std::abs(estimate[j] - r)) ++j;
            ++m.matched;
            ++j;
        }
    }
    m.precision = static_cast<double>(m.matched) / static_cast<double>(estimate.size());
    m.recall = static_cast<double>(m.matched) / static_cast<double>(reference.size());
    m.f = m.precision + m.recall > 0.0 ? 2.0 * m.precision * m.recall / (m.precision + m.recall) : 0.0;
    return m;
}

// Mean signed deviation (estimate - reference, seconds) of the events that match within
// +-window, for spotting a systematic latency; 0 when nothing matches.
inline double mean_match_offset(std::vector<double> reference, std::vector<double> estimate, double window) {
    std::sort(reference.begin(), reference.end());
    std::sort(estimate.begin(), estimate.end());
    double sum = 0.0;
    std::size_t n = 0, j = 0;
    for (double r : reference) {
        while (j < estimate.size() && estimate[j] < r - window) ++j;
        if (j < estimate.size() && std::abs(estimate[j] - r) <= window) {
            if (j + 1 < estimate.size() && std::abs(estimate[j + 1] - r) < std::abs(estimate[j] - r)) ++j;
            sum += estimate[j] - r;
            ++n;
            ++j;
        }
    }
    return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

// mir_eval.beat.f_measure: beats before 5 s are ignored in both lists, window 70 ms.
inline FMeasure beat_f_measure(const std::vector<double>& reference, const std::vector<double>& estimate,
                               double window = 0.07, double skip = 5.0) {
    std::vector<double> r, e;
    for (double t : reference) if (t >= skip) r.push_back(t);
    for (double t : estimate) if (t >= skip) e.push_back(t);
    return event_f_measure(r, e, window);
}

// A segment (e.g. a sung phrase) in seconds.
struct Span {
    double start = 0.0;
    double end = 0.0;
};

// Boundary detection F-measure: every segment start and end is an event, matched one-to-one
// within +-window (mir_eval.segment.detection, with the two lists of boundaries merged).
inline FMeasure boundary_f_measure(const std::vector<Span>& reference, const std::vector<Span>& estimate, double window) {
    std::vector<double> r, e;
    for (const Span& s : reference) r.insert(r.end(), {s.start, s.end});
    for (const Span& s : estimate) e.insert(e.end(), {s.start, s.end});
    return event_f_measure(r, e, window);
}

// Tempo of a beat list: 60 / the median inter-beat interval (0 with fewer than two beats).
inline double median_bpm(const std::vector<double>& beats) {
    std::vector<double> periods;
    for (std::size_t i = 1; i < beats.size(); ++i) periods.push_back(beats[i] - beats[i - 1]);
    if (periods.empty()) return 0.0;
    std::nth_element(periods.begin(), periods.begin() + static_cast<std::ptrdiff_t>(periods.size() / 2), periods.end());
    return 60.0 / periods[periods.size() / 2];
}

struct TempoAccuracy {
    bool acc1 = false;  // within 4 % of the reference
    bool acc2 = false;  // also at 2x, 1/2x, 3x, 1/3x
};

inline TempoAccuracy tempo_accuracy(double reference_bpm, double estimate_bpm, double tolerance = 0.04) {
    TempoAccuracy a;
    auto near = [&](double factor) { return std::abs(estimate_bpm - factor * reference_bpm) <= tolerance * factor * reference_bpm; };
    a.acc1 = near(1.0);
    a.acc2 = a.acc1 || near(2.0) || near(0.5) || near(3.0) || near(1.0 / 3.0);
    return a;
}

// MIREX weighted key score: 1 same, 0.5 estimate a fifth above (same mode), 0.3 relative,
// 0.2 parallel, 0 otherwise; a missing estimate scores 0.
inline double key_score(const Key& reference, const std::optional<Key>& estimate) {
    if (!estimate) return 0.0;
    const int r = reference.tonic_pc();
    const int e = estimate->tonic_pc();
    const bool r_minor = mode_is_minor(reference.mode);
    const bool e_minor = mode_is_minor(estimate->mode);
    const int up = ((e - r) % 12 + 12) % 12;
    if (r_minor == e_minor && up == 0) return 1.0;
    if (r_minor == e_minor && up == 7) return 0.5;
    if (!r_minor && e_minor && up == 9) return 0.3;
    if (r_minor && !e_minor && up == 3) return 0.3;
    if (r_minor != e_minor && up == 0) return 0.2;
    return 0.0;
}

// A labelled time span of a chord annotation; chord nullopt = N.
struct ChordSpanSec {
    double start = 0.0;
    double end = 0.0;
    std::optional<Chord> chord;
};

// The maj/min class of a chord as mir_eval.chord.majmin sees it: 0 = N, 1 = maj, 2 = min,
// -1 = outside the vocabulary (dim, aug, sus...: such reference spans are not scored).
inline int majmin_class(const std::optional<Chord>& chord) {
    if (!chord) return 0;
    switch (chord->quality) {
        case ChordQuality::major: case ChordQuality::dominant7: case ChordQuality::major7:
        case ChordQuality::add9: case ChordQuality::major6: return 1;
        case ChordQuality::minor: case ChordQuality::minor7: case ChordQuality::minor_add9:
        case ChordQuality::minor6: return 2;
        default: return -1;
    }
}

struct ChordScore {
    double correct = 0.0;  // seconds scored correct
    double scored = 0.0;   // seconds of reference in the vocabulary
    double wcsr() const { return scored > 0.0 ? correct / scored : 0.0; }
};

// Weighted chord symbol recall, maj/min: the fraction of (in-vocabulary) reference time where
// the estimate has the same root and maj/min class (or both are N).
inline ChordScore chord_majmin(const std::vector<ChordSpanSec>& reference, const std::vector<ChordSpanSec>& estimate) {
    ChordScore score;
    for (const auto& ref : reference) {
        const int rc = majmin_class(ref.chord);
        if (rc < 0 || ref.end <= ref.start) continue;
        score.scored += ref.end - ref.start;
        for (const auto& est : estimate) {
            const double overlap = std::min(ref.end, est.end) - std::max(ref.start, est.start);
            if (overlap <= 0.0) continue;
            const int ec = majmin_class(est.chord);
            const bool same = rc == 0 ? ec == 0 : (ec == rc && est.chord->root == ref.chord->root);
            if (same) score.correct += overlap;
        }
    }
    return score;
}

// Raw pitch accuracy: over reference-voiced frames, the fraction whose estimate is voiced and
// within `cents` of the reference (frame lists aligned; 0 Hz = unvoiced).
inline double raw_pitch_accuracy(const std::vector<double>& reference_hz, const std::vector<double>& estimate_hz,
                                 double cents) {
    std::size_t voiced = 0, correct = 0;
    for (std::size_t i = 0; i < reference_hz.size(); ++i) {
        if (reference_hz[i] <= 0.0) continue;
        ++voiced;
        const double e = i < estimate_hz.size() ? estimate_hz[i] : 0.0;
        if (e > 0.0 && std::abs(1200.0 * std::log2(e / reference_hz[i])) <= cents) ++correct;
    }
    return voiced > 0 ? static_cast<double>(correct) / static_cast<double>(voiced) : 0.0;
}

}  // namespace tunesmith::metrics
