// Voicing: candidate enumeration per chord and a Viterbi search for the smoothest sequence;
// bass-line root/inversion choice by the same kind of search.
#include "compose/voicing.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "base/error.h"
#include "compose/harmony.h"
#include "music/pitch.h"

namespace tunesmith {
namespace {

constexpr std::size_t kMaxCandidates = 160;  // keeps the search quadratic cost small for 5-6 voices

bool has_interval(const Chord& chord, int semitones) {
    const auto& iv = chord.intervals();
    return std::find(iv.begin(), iv.end(), semitones) != iv.end();
}

// Chord tones that every voicing must contain: root, third (or the sus note), the seventh/sixth
// and added ninth; the fifth is optional unless the chord alters it.
std::vector<int> required_pcs(const Chord& chord) {
    std::vector<int> out;
    for (int iv : chord.intervals())
        if (iv != 7) out.push_back(pitch_class(chord.root + iv));
    if (chord.bass >= 0 && std::find(out.begin(), out.end(), chord.bass) == out.end()) out.push_back(chord.bass);
    return out;
}

bool spacing_ok(const std::vector<int>& v, const VoicingOptions& options) {
    for (std::size_t i = 1; i < v.size(); ++i) {
        const int gap = v[i] - v[i - 1];
        if (v[i - 1] < 48 && gap < 7) return false;  // below C3 only open intervals stay clear
        if (v[i - 1] < 55 && gap < 3) return false;  // no seconds below G3
        const bool bass_gap = options.bass_in_voicing && i == 1;
        if (gap > (bass_gap ? 19 : 12)) return false;  // upper voices within an octave of each other
    }
    return true;
}

// Cost of a voicing on its own: doubled third, missing fifth, distance from the centre.
double static_cost(const Chord& chord, const std::vector<int>& v, const VoicingOptions& options) {
    double cost = 0.0;
    const int third = has_interval(chord, 4) ? 4 : has_interval(chord, 3) ? 3 : -1;
    int thirds = 0;
    bool fifth = false;
    double mean = 0.0;
    for (int p : v) {
        const int rel = pitch_class(p - chord.root);
        if (rel == third) ++thirds;
        if (rel == 7 || rel == 6 || rel == 8) fifth = true;
        mean += p;
    }
    mean /= static_cast<double>(v.size());
    if (thirds > 1) cost += 2.0;
    if (!fifth && has_interval(chord, 7)) cost += 0.75;
    cost += 0.35 * std::abs(mean - options.center);
    return cost;
}

bool parallel_outer(const std::vector<int>& a, const std::vector<int>& b) {
    const int bottom_move = b.front() - a.front();
    const int top_move = b.back() - a.back();
    if (bottom_move == 0 || top_move == 0 || (bottom_move > 0) != (top_move > 0)) return false;
    const int before = pitch_class(a.back() - a.front());
    const int after = pitch_class(b.back() - b.front());
    return before == after && (before == 0 || before == 7);
}

double transition_cost(const std::vector<int>& a, const std::vector<int>& b) {
    double cost = voice_movement(a, b);
    if (a.size() == b.size() && parallel_outer(a, b)) cost += 6.0;
    return cost;
}

void enumerate(const std::vector<int>& pool, std::size_t voices, std::size_t from, std::vector<int>& current,
               std::vector<std::vector<int>>& out, const Chord& chord, const VoicingOptions& options) {
    if (current.size() == voices) {
        for (int pc : required_pcs(chord)) {
            bool found = false;
            for (int p : current) found = found || pitch_class(p) == pc;
            if (!found) return;
        }
        if (options.bass_in_voicing && pitch_class(current.front()) != chord.bass_pc()) return;
        if (spacing_ok(current, options)) out.push_back(current);
        return;
    }
    for (std::size_t i = from; i < pool.size(); ++i) {
        if (pool.size() - i < voices - current.size()) return;
        current.push_back(pool[i]);
        enumerate(pool, voices, i + 1, current, out, chord, options);
        current.pop_back();
    }
}

}  // namespace

VoicingOptions VoicingOptions::from_json(const nlohmann::json& json) {
    using namespace options_json;
    const std::string p = "voicing";
    reject_unknown(json, p, {"voices", "low", "high", "center", "bass_in_voicing"});
    VoicingOptions o;
    o.voices = integer(json, p, "voices", o.voices, 3, 6);
    o.low = integer(json, p, "low", o.low, 24, 96);
    o.high = integer(json, p, "high", o.high, 36, 108);
    if (o.high - o.low < 12 + 2 * o.voices)
        throw InputError(p + ".high", std::to_string(o.high),
                         "at least " + std::to_string(12 + 2 * o.voices) + " semitones above voicing.low");
    o.center = integer(json, p, "center", (o.low + o.high) / 2, o.low, o.high);
    o.bass_in_voicing = boolean(json, p, "bass_in_voicing", o.bass_in_voicing);
    return o;
}

int voice_movement(const std::vector<int>& a, const std::vector<int>& b) {
    int total = 0;
    if (a.size() == b.size()) {
        for (std::size_t i = 0; i < a.size(); ++i) total += std::abs(a[i] - b[i]);
        return total;
    }
    for (int p : b) {
        int best = std::numeric_limits<int>::max();
        for (int q : a) best = std::min(best, std::abs(p - q));
        if (!a.empty()) total += best;
    }
    return total;
}

std::vector<std::vector<int>> voicing_candidates(const Chord& chord, const VoicingOptions& options) {
    std::vector<int> pool;
    for (int p = options.low; p <= options.high; ++p)
        if (chord.contains(p)) pool.push_back(p);
    std::vector<std::vector<int>> out;
    std::vector<int> current;
    enumerate(pool, static_cast<std::size_t>(options.voices), 0, current, out, chord, options);
    if (out.size() > kMaxCandidates) {
        std::stable_sort(out.begin(), out.end(), [&](const auto& x, const auto& y) {
            return static_cost(chord, x, options) < static_cost(chord, y, options);
        });
        out.resize(kMaxCandidates);
    }
    return out;
}

std::vector<std::vector<int>> voice_chords(const std::vector<ChordSpan>& chords, const VoicingOptions& options,
                                           const std::vector<int>& previous) {
    if (chords.empty()) return {};
    // Viterbi: cost[i][c] = best total cost of voicing chords 0..i ending in candidate c.
    std::vector<std::vector<std::vector<int>>> candidates;
    std::vector<std::vector<double>> cost;
    std::vector<std::vector<std::size_t>> back;
    for (std::size_t i = 0; i < chords.size(); ++i) {
        candidates.push_back(voicing_candidates(chords[i].chord, options));
        const auto& here = candidates.back();
        if (here.empty())
            throw std::invalid_argument("voice_chords: no voicing of " + chords[i].chord.name() + " with " +
                                        std::to_string(options.voices) + " voices in " + midi_pitch_name(options.low) +
                                        ".." + midi_pitch_name(options.high));
        cost.emplace_back(here.size(), 0.0);
        back.emplace_back(here.size(), 0);
        for (std::size_t c = 0; c < here.size(); ++c) {
            const double own = static_cost(chords[i].chord, here[c], options);
            if (i == 0) {
                cost[0][c] = own + (previous.empty() ? 0.0 : transition_cost(previous, here[c]));
                continue;
            }
            double best = std::numeric_limits<double>::infinity();
            for (std::size_t q = 0; q < candidates[i - 1].size(); ++q) {
                const double total = cost[i - 1][q] + transition_cost(candidates[i - 1][q], here[c]);
                if (total < best) {
                    best = total;
                    back[i][c] = q;
                }
            }
            cost[i][c] = best + own;
        }
    }
    std::vector<std::vector<int>> out(chords.size());
    std::size_t c = static_cast<std::size_t>(
        std::min_element(cost.back().begin(), cost.back().end()) - cost.back().begin());
    for (std::size_t i = chords.size(); i-- > 0;) {
        out[i] = candidates[i][c];
        c = back[i][c];
    }
    return out;
}

std::vector<int> bass_line(const std::vector<ChordSpan>& chords, const BassLineOptions& options) {
    if (chords.empty()) return {};
    // Candidates per chord: (pitch, own cost). The root costs nothing, the third a little.
    std::vector<std::vector<std::pair<int, double>>> candidates;
    for (const auto& span : chords) {
        std::vector<std::pair<int, double>> here;
        for (int p = options.low; p <= options.high; ++p) {
            const int pc = pitch_class(p);
            const double register_cost = 0.08 * std::abs(p - (options.low + options.high) / 2);
            if (pc == span.chord.bass_pc()) here.emplace_back(p, register_cost);
            else if (options.allow_inversions && span.chord.bass < 0 &&
                     pc == pitch_class(span.chord.root + span.chord.intervals()[1]))
                here.emplace_back(p, 3.0 + register_cost);
        }
        if (here.empty()) throw std::invalid_argument("bass_line: range holds no bass note for " + span.chord.name());
        candidates.push_back(std::move(here));
    }
    auto leap_cost = [](int a, int b) {
        const int leap = std::abs(a - b);
        return leap <= 2 ? 0.5 * leap : leap <= 7 ? 1.0 + 0.4 * leap : 4.0 + 0.8 * leap;
    };
    std::vector<std::vector<double>> cost(chords.size());
    std::vector<std::vector<std::size_t>> back(chords.size());
    for (std::size_t i = 0; i < chords.size(); ++i) {
        cost[i].assign(candidates[i].size(), 0.0);
        back[i].assign(candidates[i].size(), 0);
        for (std::size_t c = 0; c < candidates[i].size(); ++c) {
            double best = i == 0 ? 0.0 : std::numeric_limits<double>::infinity();
            for (std::size_t q = 0; i > 0 && q < candidates[i - 1].size(); ++q) {
                const double total = cost[i - 1][q] + leap_cost(candidates[i - 1][q].first, candidates[i][c].first);
                if (total < best) {
                    best = total;
                    back[i][c] = q;
                }
            }
            // The final chord of the line stands on its root.
            const bool last = i + 1 == chords.size();
            cost[i][c] = best + candidates[i][c].second + (last && candidates[i][c].second >= 3.0 ? 10.0 : 0.0);
        }
    }
    std::vector<int> out(chords.size());
    std::size_t c = static_cast<std::size_t>(std::min_element(cost.back().begin(), cost.back().end()) - cost.back().begin());
    for (std::size_t i = chords.size(); i-- > 0;) {
        out[i] = candidates[i][c].first;
        c = back[i][c];
    }
    return out;
}

void fold_into_register(std::vector<Note>& notes, int low, int high) {
    for (Note& n : notes) {
        while (n.pitch > high && n.pitch - 12 >= low) n.pitch -= 12;
        while (n.pitch < low && n.pitch + 12 <= high) n.pitch += 12;
    }
    std::stable_sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
        return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
    });
    notes.erase(std::unique(notes.begin(), notes.end(),
                            [](const Note& a, const Note& b) { return a.start == b.start && a.pitch == b.pitch; }),
                notes.end());
}

}  // namespace tunesmith
