// Drum writer: step-string grooves over bars, meter adaptation, fills, accents and the
// dialogue filter based on each voice's sounding span.
#include "compose/drums.h"

#include <algorithm>

#include "compose/instruments.h"

namespace tunesmith {
namespace {

constexpr Ticks kWhole{4 * kTicksPerQuarter};
constexpr Ticks kHitLength{kTicksPerQuarter / 8};  // drums are struck: the MIDI note is short

int step_velocity(char c) {
    switch (c) {
        case 'X': return 112;
        case 'x': return 92;
        case 'o': return 52;
        default: return 0;
    }
}

// Whether the groove can be read as written: its bar is a 4/4 bar (2/4 and 2/2 use a prefix).
bool reads_as_written(const Meter& meter) {
    return !meter.is_compound() && (meter.bar() == kWhole || meter.bar() * 2 == kWhole);
}

const DrumLine* find_line(const DrumGroove& groove, std::initializer_list<std::string_view> voices) {
    for (auto voice : voices)
        for (const auto& line : groove.lines)
            if (line.voice == voice) return &line;
    return nullptr;
}

int hits_in(const DrumLine& line) {
    return static_cast<int>(std::count_if(line.steps.begin(), line.steps.end(), [](char c) { return c != '.'; }));
}

// The groove's steps over one bar at `bar_start`, from step index `first_step` on.
void lay_steps(const DrumGroove& groove, Ticks bar_start, Ticks bar_len, int first_step, Rng& rng,
               std::vector<Note>& out) {
    const Ticks step = kWhole / groove.steps;
    for (const auto& line : groove.lines) {
        for (int i = first_step; i < groove.steps; ++i) {
            const Ticks offset = step * i;
            if (offset >= bar_len) break;
            const int velocity = step_velocity(line.steps[static_cast<std::size_t>(i)]);
            if (velocity == 0) continue;
            const int v = std::clamp(velocity + rng.range(-4, 4), 1, 127);
            out.push_back(Note{bar_start + offset, kHitLength, line.key, v});
        }
    }
}

// A groove for meters the step strings do not fit, built from the style's own voices:
// kick on the downbeat, backbeat on the strong secondary beat(s), time-keeper on every pulse
// (every beat for sparse grooves).
void lay_meter_groove(const DrumGroove& groove, const Meter& meter, Ticks bar_start, Rng& rng,
                      std::vector<Note>& out) {
    const DrumLine* kick = find_line(groove, {"kick", "bass_drum"});
    const DrumLine* back = find_line(groove, {"snare", "clap", "rim"});
    const DrumLine* keeper = find_line(groove, {"hat", "ride", "shaker", "tambourine"});
    const int beats = meter.beats_per_bar();
    const Ticks beat = meter.beat();
    // A busy time-keeper line in the 4/4 groove means pulses here; a sparse one means beats.
    const bool dense = keeper != nullptr && hits_in(*keeper) * 2 >= groove.steps;
    for (int b = 0; b < beats; ++b) {
        const Ticks at = bar_start + beat * b;
        if (kick != nullptr && (b == 0 || (beats >= 4 && b == beats / 2 && hits_in(*kick) >= 3)))
            out.push_back(Note{at, kHitLength, kick->key, std::clamp(100 + rng.range(-4, 4), 1, 127)});
        const bool strong = meter.is_compound() ? (b == beats / 2 && beats >= 2) : (b > 0 && b % 2 == 1);
        if (back != nullptr && b > 0 && (strong || beats == 3))
            out.push_back(Note{at, kHitLength, back->key, std::clamp((strong ? 92 : 60) + rng.range(-4, 4), 1, 127)});
        if (keeper != nullptr) {
            const Ticks pulse = dense ? std::min(meter.pulse(), kQuarter / 2) : beat;
            for (Ticks t = at; t < at + beat; t += pulse) {
                const int v = t == at ? 84 : 62;
                out.push_back(Note{t, kHitLength, keeper->key, std::clamp(v + rng.range(-5, 5), 1, 127)});
            }
        }
    }
}

void lay_meter_fill(const Meter& meter, Ticks bar_start, std::vector<Note>& out) {
    const Ticks last_beat = bar_start + meter.beat() * (meter.beats_per_bar() - 1);
    const auto roll = drum_roll(last_beat, bar_start + meter.bar(), kQuarter / 4);
    out.insert(out.end(), roll.begin(), roll.end());
}

int first_sounding_step(const DrumGroove& groove) {
    int first = groove.steps;
    for (const auto& line : groove.lines) {
        const auto pos = line.steps.find_first_not_of('.');
        if (pos != std::string::npos) first = std::min(first, static_cast<int>(pos));
    }
    return first;
}

}  // namespace

std::vector<Note> write_drum_bars(const DrumBars& bars, Rng rng) {
    std::vector<Note> out;
    if (bars.groove == nullptr || bars.groove->empty()) return out;
    const Ticks bar_len = bars.meter.bar();
    const bool as_written = reads_as_written(bars.meter);
    const bool has_fill = bars.fill != nullptr && !bars.fill->empty();
    for (Ticks bar = bars.start; bar + bar_len <= bars.end; bar += bar_len) {
        const bool fill_bar = has_fill && bar + bar_len == bars.end && bar > bars.start;
        if (!as_written) {
            lay_meter_groove(*bars.groove, bars.meter, bar, rng, out);
            if (fill_bar) {
                const Ticks last_beat = bar + bars.meter.beat() * (bars.meter.beats_per_bar() - 1);
                std::erase_if(out, [&](const Note& n) { return n.start >= last_beat && n.pitch != gm_drum::kick; });
                lay_meter_fill(bars.meter, bar, out);
            }
            continue;
        }
        if (!fill_bar) {
            lay_steps(*bars.groove, bar, bar_len, 0, rng, out);
            continue;
        }
        // The fill takes over from its first sounding step; the groove plays up to there.
        const int from = first_sounding_step(*bars.fill);
        const Ticks fill_start = bar + kWhole / bars.fill->steps * from;
        lay_steps(*bars.groove, bar, bar_len, 0, rng, out);
        std::erase_if(out, [&](const Note& n) { return n.start >= fill_start && n.start < bar + bar_len; });
        lay_steps(*bars.fill, bar, bar_len, from, rng, out);
    }
    std::sort(out.begin(), out.end(), [](const Note& a, const Note& b) {
        return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
    });
    return out;
}

std::vector<Note> drum_accent(Ticks tick, int velocity, bool big) {
    const int v = std::clamp(velocity, 1, 127);
    std::vector<Note> out{Note{tick, kHitLength, gm_drum::kick, v}, Note{tick, kHitLength, gm_drum::crash, v}};
    if (big) out.push_back(Note{tick, kHitLength, gm_drum::low_tom, std::max(1, v - 8)});
    return out;
}

int hit_accent_velocity(std::string_view kind) {
    if (kind == "hit" || kind == "stinger" || kind == "drop") return 118;
    return kind == "lift" ? 104 : 112;
}

std::vector<Note> drum_roll(Ticks start, Ticks end, Ticks step) {
    std::vector<Note> out;
    if (end <= start || step <= Ticks(0)) return out;
    const auto count = (end - start) / step;
    const std::array<int, 4> voices{gm_drum::snare, gm_drum::high_tom, gm_drum::mid_tom, gm_drum::low_tom};
    for (std::int64_t i = 0; i < count; ++i) {
        // Down the toms in the second half, louder towards the downbeat it leads into.
        const std::size_t voice = i * 2 < count ? 0 : static_cast<std::size_t>(1 + (i * 3) / count) % voices.size();
        const int velocity = 70 + static_cast<int>(45 * (i + 1) / count);
        out.push_back(Note{start + step * i, kHitLength, voices[voice], std::clamp(velocity, 1, 127)});
    }
    return out;
}

Ticks drum_sounding_span(int key, Ticks note_duration) {
    switch (key) {
        case gm_drum::crash:
        case 52: case 55: case 57:  // china, splash, crash 2
            return std::max(note_duration, kWhole);
        case gm_drum::ride: case 53: case 59: case gm_drum::open_hat:
            return std::max(note_duration, kQuarter * 2);
        case gm_drum::low_tom: case gm_drum::mid_tom: case gm_drum::high_tom: case 41: case 43: case 48:
            return std::max(note_duration, kQuarter);
        default:
            return std::max(note_duration, kQuarter / 2);
    }
}

void remove_drums_in(std::vector<Note>& notes, const std::vector<TickRange>& ranges) {
    std::erase_if(notes, [&](const Note& n) {
        const Ticks end = n.start + drum_sounding_span(n.pitch, n.duration);
        for (const auto& r : ranges)
            if (n.start < r.end && end > r.start) return true;
        return false;
    });
}

}  // namespace tunesmith
