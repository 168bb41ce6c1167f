// Bass patterns: each pattern is a list of onsets per bar and a rule for which chord tone
// sounds; walking lines choose scale tones and approach the next root chromatically or by step.
#include "compose/bass.h"

#include <algorithm>
#include <cstdlib>

#include "music/pitch.h"

namespace tunesmith {
namespace {

enum class Tone { root, fifth, octave, third, approach };

struct Onset {
    Ticks offset;  // from the bar line
    Tone tone;
    int velocity;
};

// Onsets of one bar for a pattern, in the meter's beats and pulses.
std::vector<Onset> bar_onsets(std::string_view pattern, const Meter& meter) {
    const int beats = meter.beats_per_bar();
    const Ticks beat = meter.beat();
    const Ticks eighth = kQuarter / 2;
    std::vector<Onset> out;
    if (pattern == "sustain" || pattern == "roots") {
        out.push_back({Ticks(0), Tone::root, 96});
        if (pattern == "roots" && beats >= 4) out.push_back({beat * (beats / 2), Tone::root, 84});
    } else if (pattern == "root_fifth") {
        out.push_back({Ticks(0), Tone::root, 98});
        if (beats >= 4) out.push_back({beat * (beats / 2), Tone::fifth, 86});
        else for (int b = 1; b < beats; ++b) out.push_back({beat * b, Tone::fifth, 80});
    } else if (pattern == "octaves" || pattern == "pulse") {
        int i = 0;
        for (Ticks t(0); t < meter.bar(); t += eighth, ++i) {
            const bool up = pattern == "octaves" && i % 2 == 1;
            out.push_back({t, up ? Tone::octave : Tone::root, t % beat == Ticks(0) ? 96 : 80});
        }
    } else if (pattern == "walking") {
        for (int b = 0; b < beats; ++b)
            out.push_back({beat * b, b == 0 ? Tone::root : (b == beats - 1 ? Tone::approach : Tone::third), b == 0 ? 96 : 86});
    } else if (pattern == "syncopated") {
        // A 16-step figure (1, the "and" of 2, 3 pushed, 4 "e"), cut to the bar.
        constexpr std::string_view figure = "x..x..x...x.x...";
        const Ticks step = kQuarter / 4;
        for (std::size_t i = 0; i < figure.size(); ++i) {
            const Ticks t = step * static_cast<std::int64_t>(i);
            if (t >= meter.bar()) break;
            if (figure[i] == 'x') out.push_back({t, i == 12 ? Tone::octave : Tone::root, i == 0 ? 100 : 88});
        }
    } else {
        out.push_back({Ticks(0), Tone::root, 96});
    }
    return out;
}

// A walking bass passing tone: a scale tone a step or two from the previous pitch, moving
// toward the next target, inside the register.
int walking_step(int previous, int target, const Key& key, int low, int high, Rng& rng) {
    const int direction = target > previous ? 1 : (target < previous ? -1 : (rng.chance(0.5) ? 1 : -1));
    for (int step = rng.range(1, 3); step <= 5; ++step) {
        const int candidate = previous + direction * step;
        if (candidate >= low && candidate <= high && key.contains(pitch_class(candidate))) return candidate;
    }
    return std::clamp(previous, low, high);
}

}  // namespace

const ChordSpan* chord_at(const std::vector<ChordSpan>& chords, Ticks tick) {
    const auto it = std::upper_bound(chords.begin(), chords.end(), tick,
                                     [](Ticks t, const ChordSpan& span) { return t < span.start; });
    if (it == chords.begin()) return nullptr;
    const ChordSpan& span = *std::prev(it);
    return tick < span.end ? &span : nullptr;
}

int pitch_near(int pc, int target, int low, int high) {
    int best = -1;
    for (int p = low; p <= high; ++p)
        if (pitch_class(p) == pitch_class(pc) && (best < 0 || std::abs(p - target) < std::abs(best - target)))
            best = p;
    if (best >= 0) return best;
    // The register is narrower than an octave: the nearest pitch of that class at all.
    best = target - pitch_class(target) + pitch_class(pc);
    return std::clamp(best, 0, 127);
}

std::vector<Note> write_bass(const std::vector<ChordSpan>& chords, const BassRequest& request, Rng rng) {
    std::vector<Note> out;
    const Ticks bar_len = request.meter.bar();
    const int centre = request.low + (request.high - request.low) / 3;  // basses sit low in their range
    int previous = centre;
    const auto onsets = bar_onsets(request.pattern, request.meter);
    for (Ticks bar = request.start; bar < request.end; bar += bar_len) {
        // Onsets of this bar, plus a re-strike wherever a chord changes between them.
        std::vector<Onset> bar_plan = onsets;
        for (const auto& span : chords)
            if (span.start > bar && span.start < bar + bar_len &&
                std::none_of(bar_plan.begin(), bar_plan.end(), [&](const Onset& o) { return bar + o.offset == span.start; }))
                bar_plan.push_back({span.start - bar, Tone::root, 90});
        std::sort(bar_plan.begin(), bar_plan.end(), [](const Onset& a, const Onset& b) { return a.offset < b.offset; });
        for (std::size_t i = 0; i < bar_plan.size(); ++i) {
            const Ticks at = bar + bar_plan[i].offset;
            if (at >= request.end) break;
            const ChordSpan* span = chord_at(chords, at);
            if (span == nullptr) continue;
            Ticks next = i + 1 < bar_plan.size() ? bar + bar_plan[i + 1].offset : bar + bar_len;
            next = std::min({next, request.end, span->end});
            const int root = pitch_near(span->chord.bass_pc(), previous, request.low, request.high);
            int pitch = root;
            switch (bar_plan[i].tone) {
                case Tone::root: break;
                case Tone::fifth: pitch = pitch_near(span->chord.root + 7, root + 5, request.low, request.high); break;
                case Tone::octave: pitch = root + 12 <= request.high ? root + 12 : root; break;
                case Tone::third: {
                    const ChordSpan* ahead = chord_at(chords, next);
                    const int target = ahead != nullptr ? pitch_near(ahead->chord.bass_pc(), previous, request.low, request.high) : root;
                    pitch = walking_step(previous, target, request.key, request.low, request.high, rng);
                    break;
                }
                case Tone::approach: {
                    // Lead into the next bar's root by a half step (below or above) or a scale step.
                    const ChordSpan* ahead = chord_at(chords, next);
                    const int target = ahead != nullptr ? pitch_near(ahead->chord.bass_pc(), previous, request.low, request.high) : root;
                    const int side = rng.chance(0.6) ? -1 : 1;
                    pitch = std::clamp(target + side, request.low, request.high);
                    break;
                }
            }
            // Short tones for driving patterns, legato for held ones.
            const bool detached = request.pattern == "pulse" || request.pattern == "octaves" || request.pattern == "syncopated";
            Ticks length = next - at;
            if (detached) length = std::max(Ticks(length.value * 7 / 10), Ticks(60));
            else length = std::max(length - Ticks(20), Ticks(60));
            if (request.pattern == "sustain") length = std::min(span->end, request.end) - at;
            out.push_back(Note{at, length, std::clamp(pitch, 0, 127), bar_plan[i].velocity});
            previous = pitch;
        }
    }
    // "sustain" holds each root across bar lines while the chord lasts.
    if (request.pattern == "sustain") {
        std::vector<Note> merged;
        for (const auto& n : out) {
            if (!merged.empty() && merged.back().pitch == n.pitch && merged.back().end() >= n.start) {
                merged.back().duration = std::max(merged.back().end(), n.end()) - merged.back().start;
                continue;
            }
            merged.push_back(n);
        }
        out = std::move(merged);
    }
    return out;
}

}  // namespace tunesmith
