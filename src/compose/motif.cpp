// Motif generation (rhythm cells per beat, stepwise contour with leap recovery) and the
// motif variations used to develop it across phrases and sections.
#include "compose/motif.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "base/error.h"
#include "compose/harmony.h"

namespace tunesmith {
namespace {

// Rhythm cells: durations in twelfths of a beat (so simple and compound beats share one table).
using Cell = std::vector<int>;
const std::vector<Cell>& simple_cells() {
    static const std::vector<Cell> cells = {{12}, {6, 6}, {9, 3}, {6, 3, 3}, {3, 3, 6}};
    return cells;
}
const std::vector<Cell>& compound_cells() {
    static const std::vector<Cell> cells = {{12}, {8, 4}, {4, 4, 4}, {4, 8}};
    return cells;
}

// Durations (ticks) of a motif of `beats` beats with between min and max notes; the last beat
// is one note, so the motif ends on a long note.
std::vector<Ticks> motif_rhythm(const Meter& meter, int beats, int min_notes, int max_notes, Rng& rng) {
    const auto& cells = meter.is_compound() ? compound_cells() : simple_cells();
    const Ticks twelfth = meter.beat() / 12;
    const std::array<double, 5> simple_weights{0.3, 0.35, 0.15, 0.1, 0.1};
    const std::array<double, 4> compound_weights{0.2, 0.4, 0.25, 0.15};
    std::vector<Ticks> best;
    for (int attempt = 0; attempt < 64; ++attempt) {
        std::vector<Ticks> durations;
        for (int b = 0; b + 1 < beats; ++b) {
            const std::size_t pick = meter.is_compound() ? rng.weighted(compound_weights) : rng.weighted(simple_weights);
            for (int part : cells[pick]) durations.push_back(twelfth * part);
        }
        durations.push_back(meter.beat());
        const auto count = static_cast<int>(durations.size());
        if (count >= min_notes && count <= max_notes) return durations;
        if (best.empty() || std::abs(count - min_notes) < std::abs(static_cast<int>(best.size()) - min_notes))
            best = durations;
    }
    return best;
}

int sign(int v) { return (v > 0) - (v < 0); }

}  // namespace

std::vector<int> Motif::intervals() const {
    std::vector<int> out;
    for (std::size_t i = 1; i < notes.size(); ++i) out.push_back(notes[i].step - notes[i - 1].step);
    return out;
}

MotifOptions MotifOptions::from_json(const nlohmann::json& json, const std::string& prefix) {
    using namespace options_json;
    reject_unknown(json, prefix, {"beats", "min_notes", "max_notes", "max_leap", "leap_chance"});
    MotifOptions o;
    o.beats = integer(json, prefix, "beats", o.beats, 0, 4);
    if (o.beats == 1) throw InputError(prefix + ".beats", "1", "0 (automatic), 2, 3 or 4");
    o.min_notes = integer(json, prefix, "min_notes", o.min_notes, 2, 8);
    o.max_notes = integer(json, prefix, "max_notes", std::max(o.max_notes, o.min_notes), o.min_notes, 10);
    o.max_leap = integer(json, prefix, "max_leap", o.max_leap, 2, 7);
    o.leap_chance = number(json, prefix, "leap_chance", o.leap_chance, 0.0, 1.0);
    return o;
}

bool is_strong_position(Ticks offset, const Meter& meter) {
    const int beats = meter.beats_per_bar();
    if (beats % 2 != 0) return offset % meter.bar() == Ticks(0);
    return offset % (meter.beat() * 2) == Ticks(0);
}

Motif make_motif(const Meter& meter, const MotifOptions& options, Rng rng) {
    int beats = options.beats;
    const int per_bar = meter.beats_per_bar();
    if (beats == 0) beats = per_bar % 2 == 0 ? (rng.chance(0.5) ? 2 : 4) : std::clamp(per_bar, 2, 4);
    beats = std::clamp(beats, 2, 4);
    // Few notes fit in two beats; keep the count attainable.
    const int max_notes = std::max(options.min_notes, std::min(options.max_notes, beats * 3));
    const auto durations = motif_rhythm(meter, beats, std::min(options.min_notes, max_notes), max_notes, rng);

    Motif motif;
    motif.length = meter.beat() * beats;
    Ticks at(0);
    int step = 0;
    int previous_move = 0;
    for (std::size_t i = 0; i < durations.size(); ++i) {
        if (i > 0) {
            const bool strong = is_strong_position(at, meter);
            std::vector<int> moves;
            std::vector<double> weights;
            // After a leap, step back the other way (a third if a strong beat forbids the step).
            const int recovery = std::abs(previous_move) >= 3 ? 1 : 0;
            for (int allowed : {recovery, recovery == 0 ? 0 : 2, 0}) {
                for (int move = -options.max_leap; move <= options.max_leap; ++move) {
                    const int next = step + move;
                    if (next < -4 || next > 5) continue;
                    if (strong && next % 2 != 0) continue;  // strong notes a third apart: one triad holds them
                    if (allowed > 0 && (sign(move) != -sign(previous_move) || std::abs(move) > allowed)) continue;
                    moves.push_back(move);
                    weights.push_back(move == 0 ? 0.06 : std::abs(move) == 1 ? 0.5 : std::abs(move) == 2 ? 0.25
                                                                                        : options.leap_chance / 2.0);
                }
                if (!moves.empty()) break;
            }
            const int move = moves.empty() ? 0 : moves[rng.weighted(weights)];
            step += move;
            previous_move = move;
        }
        motif.notes.push_back({at, durations[i], step});
        at += durations[i];
    }
    // A motif needs a shape: if it came out flat, bend its last note a third up or down.
    int lo = 0;
    int hi = 0;
    for (std::size_t i = 0; i + 1 < motif.notes.size(); ++i)
        lo = std::min(lo, motif.notes[i].step), hi = std::max(hi, motif.notes[i].step);
    const int last = motif.notes.back().step;
    if (std::max(hi, last) - std::min(lo, last) < 2 && motif.notes.size() >= 2)
        motif.notes.back().step = rng.chance(0.5) ? lo + 2 : hi - 2;
    return motif;
}

std::string_view variation_name(MotifVariation variation) {
    switch (variation) {
        case MotifVariation::original: return "original";
        case MotifVariation::inversion: return "inversion";
        case MotifVariation::augmentation: return "augmentation";
        case MotifVariation::diminution: return "diminution";
        case MotifVariation::rhythm: return "rhythm";
        case MotifVariation::ornament: return "ornament";
        case MotifVariation::truncation: return "truncation";
    }
    return "original";
}

bool keeps_intervals(MotifVariation variation) {
    return variation == MotifVariation::original || variation == MotifVariation::augmentation ||
           variation == MotifVariation::diminution || variation == MotifVariation::rhythm;
}

Motif invert(const Motif& motif) {
    Motif out = motif;
    for (auto& n : out.notes) n.step = -n.step;
    return out;
}

Motif augment(const Motif& motif) {
    Motif out = motif;
    for (auto& n : out.notes) n.offset = n.offset * 2, n.duration = n.duration * 2;
    out.length = motif.length * 2;
    return out;
}

Motif diminish(const Motif& motif) {
    for (const auto& n : motif.notes)
        if (n.duration < kQuarter / 2 || n.duration.value % 2 != 0) return motif;  // no notes below a 16th
    Motif out = motif;
    for (auto& n : out.notes) n.offset = n.offset / 2, n.duration = n.duration / 2;
    out.length = motif.length / 2;
    return out;
}

Motif vary_rhythm(const Motif& motif, const Meter& meter, Rng& rng) {
    const int beats = static_cast<int>(motif.length / meter.beat());
    const auto count = static_cast<int>(motif.notes.size());
    for (int attempt = 0; attempt < 16; ++attempt) {
        const auto durations = motif_rhythm(meter, std::max(beats, 1), count, count, rng);
        if (static_cast<int>(durations.size()) != count) continue;
        Motif out = motif;
        Ticks at(0);
        for (std::size_t i = 0; i < durations.size(); ++i) {
            out.notes[i].offset = at;
            out.notes[i].duration = durations[i];
            at += durations[i];
        }
        if (out != motif) return out;
    }
    // No other rhythm with this many notes: swap the first two durations (long-short <-> short-long).
    Motif out = motif;
    if (out.notes.size() >= 2) {
        std::swap(out.notes[0].duration, out.notes[1].duration);
        out.notes[1].offset = out.notes[0].duration;
    }
    return out;
}

Motif ornament(const Motif& motif, Rng& rng) {
    std::size_t longest = 0;
    for (std::size_t i = 0; i < motif.notes.size(); ++i)
        if (motif.notes[i].duration > motif.notes[longest].duration) longest = i;
    const MotifNote held = motif.notes[longest];
    if (held.duration < kQuarter) return motif;
    // note - neighbour - note: half, quarter, quarter of the held duration.
    const int neighbour = held.step + (rng.chance(0.6) ? 1 : -1);
    const Ticks half = held.duration / 2;
    const Ticks quarter = held.duration / 4;
    Motif out = motif;
    out.notes.erase(out.notes.begin() + static_cast<std::ptrdiff_t>(longest));
    const std::vector<MotifNote> figure = {{held.offset, half, held.step},
                                           {held.offset + half, quarter, neighbour},
                                           {held.offset + half + quarter, held.duration - half - quarter, held.step}};
    out.notes.insert(out.notes.begin() + static_cast<std::ptrdiff_t>(longest), figure.begin(), figure.end());
    return out;
}

Motif truncate(const Motif& motif, std::size_t notes) {
    Motif out = motif;
    notes = std::clamp<std::size_t>(notes, 1, motif.notes.size());
    out.notes.resize(notes);
    out.notes.back().duration = motif.length - out.notes.back().offset;
    return out;
}

Motif apply_variation(const Motif& motif, MotifVariation variation, const Meter& meter, Rng& rng) {
    switch (variation) {
        case MotifVariation::original: return motif;
        case MotifVariation::inversion: return invert(motif);
        case MotifVariation::augmentation: return augment(motif);
        case MotifVariation::diminution: return diminish(motif);
        case MotifVariation::rhythm: return vary_rhythm(motif, meter, rng);
        case MotifVariation::ornament: return ornament(motif, rng);
        case MotifVariation::truncation: return truncate(motif, (motif.notes.size() * 2 + 2) / 3);
    }
    return motif;
}

}  // namespace tunesmith
