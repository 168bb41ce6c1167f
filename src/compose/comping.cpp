// Comping, pads, arpeggios, ostinatos and counter-lines: rhythm grids per pattern laid over
// voice-led voicings of each chord span.
#include "compose/comping.h"

#include <algorithm>
#include <cstdlib>

#include "compose/bass.h"
#include "compose/voicing.h"
#include "music/pitch.h"

namespace tunesmith {
namespace {

constexpr Ticks kStrumDelay{18};  // per string, about 10 ms at 100 bpm: a hand, not a machine

VoicingOptions voicing_for(const PartRequest& request) {
    VoicingOptions options;
    options.voices = std::clamp(request.voices, 3, 6);
    options.low = request.low;
    options.high = std::max(request.high, request.low + 19);  // voice_chords needs room for the voices
    options.center = (options.low + options.high) / 2;
    return options;
}

std::vector<std::vector<int>> voicings(const std::vector<ChordSpan>& spans, const PartRequest& request) {
    if (spans.empty()) return {};
    return voice_chords(spans, voicing_for(request));
}

// Onsets of a rhythm grid inside [from, to), aligned to the bar lines.
std::vector<Ticks> grid(Ticks from, Ticks to, Ticks step, Ticks bar_start) {
    std::vector<Ticks> out;
    Ticks t = bar_start + ((from - bar_start) + step - Ticks(1)) / step.value * step.value;
    for (; t < to; t += step) out.push_back(t);
    return out;
}

Ticks bar_line_before(Ticks t, Ticks origin, const Meter& meter) {
    return origin + ((t - origin) / meter.bar().value) * meter.bar().value;
}

void add(std::vector<Note>& out, Ticks start, Ticks length, int pitch, int velocity, Ticks limit) {
    if (start >= limit) return;
    const Ticks end = std::min(start + length, limit);
    if (end <= start) return;
    out.push_back(Note{start, end - start, std::clamp(pitch, 0, 127), std::clamp(velocity, 1, 127)});
}

int metric_velocity(Ticks t, Ticks bar_start, const Meter& meter, int strong, int weak) {
    const Ticks pos = t - bar_start;
    if (pos == Ticks(0)) return strong;
    return pos % meter.beat() == Ticks(0) ? (strong + weak) / 2 : weak;
}

void write_pad(const ChordSpan& span, const std::vector<int>& voicing, Ticks limit, std::vector<Note>& out) {
    for (int p : voicing) add(out, span.start, span.end - span.start - Ticks(10), p, 80, limit);
}

void write_comp(const PartRequest& r, const ChordSpan& span, const std::vector<int>& voicing, Ticks origin,
                std::vector<Note>& out) {
    const Ticks step = rate_ticks(r.rate);
    const Ticks bar0 = bar_line_before(span.start, origin, r.meter);
    const auto onsets = grid(span.start, span.end, step, bar0);
    for (std::size_t i = 0; i < onsets.size(); ++i) {
        const Ticks t = onsets[i];
        const Ticks bar = bar_line_before(t, origin, r.meter);
        const int v = metric_velocity(t, bar, r.meter, 92, 74);
        if (r.pattern == "block" || r.pattern == "pulse") {
            const Ticks len = r.pattern == "pulse" ? Ticks(step.value * 6 / 10) : step - Ticks(30);
            for (int p : voicing) add(out, t, len, p, v, span.end);
        } else if (r.pattern == "stabs") {
            // Off-beat chords: the second half of each step.
            const Ticks at = t + step / 2;
            for (int p : voicing) add(out, at, std::max(step / 4, Ticks(60)), p, v, span.end);
        } else if (r.pattern == "broken") {
            // Lowest note on the beat, then the upper voices in an Alberti-like order.
            static constexpr std::array<std::size_t, 4> order{0, 2, 1, 3};
            const std::size_t idx = order[i % order.size()] % voicing.size();
            add(out, t, step * 2 - Ticks(20), voicing[idx], v, span.end);
        } else if (r.pattern == "strum") {
            // Down strokes on the beat (low to high), lighter up strokes between (high to low).
            const bool down = (t - bar) % r.meter.beat() == Ticks(0);
            const Ticks len = step * (down ? 2 : 1) - Ticks(20);
            for (std::size_t s = 0; s < voicing.size(); ++s) {
                const std::size_t idx = down ? s : voicing.size() - 1 - s;
                add(out, t + kStrumDelay * static_cast<std::int64_t>(s), len, voicing[idx], down ? v : v - 14, span.end);
            }
        }
    }
}

void write_arpeggio(const PartRequest& r, const ChordSpan& span, const std::vector<int>& voicing, Ticks origin,
                    std::vector<Note>& out) {
    // Two octaves of the voicing's pitch classes, walked up, down or up-and-down.
    std::vector<int> tones = voicing;
    for (int p : voicing) if (p + 12 <= r.high + 7) tones.push_back(p + 12);
    std::sort(tones.begin(), tones.end());
    tones.erase(std::unique(tones.begin(), tones.end()), tones.end());
    std::vector<int> cycle = tones;
    if (r.pattern == "down") std::reverse(cycle.begin(), cycle.end());
    if (r.pattern == "updown" && tones.size() > 2) cycle.insert(cycle.end(), tones.rbegin() + 1, tones.rend() - 1);
    const Ticks step = rate_ticks(r.rate);
    const Ticks bar0 = bar_line_before(span.start, origin, r.meter);
    const auto onsets = grid(span.start, span.end, step, bar0);
    for (std::size_t i = 0; i < onsets.size(); ++i) {
        const Ticks bar = bar_line_before(onsets[i], origin, r.meter);
        add(out, onsets[i], step + step / 2, cycle[i % cycle.size()], metric_velocity(onsets[i], bar, r.meter, 88, 70), span.end);
    }
}

void write_ostinato(const PartRequest& r, const ChordSpan& span, Ticks origin, std::vector<Note>& out) {
    // The cinematic root-fifth-octave-fifth figure, re-rooted on each chord.
    const int centre = r.low + (r.high - r.low) / 3;
    const int root = pitch_near(span.chord.root, centre, r.low, r.high);
    const std::array<int, 4> figure{root, root + 7, root + 12, root + 7};
    const Ticks step = rate_ticks(r.rate);
    const Ticks bar0 = bar_line_before(span.start, origin, r.meter);
    const auto onsets = grid(span.start, span.end, step, bar0);
    for (std::size_t i = 0; i < onsets.size(); ++i) {
        const Ticks bar = bar_line_before(onsets[i], origin, r.meter);
        const int pitch = figure[i % figure.size()];
        add(out, onsets[i], step - Ticks(step.value / 5), pitch > r.high ? pitch - 12 : pitch,
            metric_velocity(onsets[i], bar, r.meter, 90, 72), span.end);
    }
}

// A guide-tone line: per step the chord tone nearest the previous note, preferring motion.
void write_counter(const PartRequest& r, const ChordSpan& span, int& previous, Rng& rng, std::vector<Note>& out) {
    const Ticks step = rate_ticks(r.rate);
    for (Ticks t = span.start; t < span.end; t += step) {
        int best = -1;
        int best_cost = 1 << 20;
        for (int pc : span.chord.pitch_classes()) {
            const int p = pitch_near(pc, previous, r.low, r.high);
            const int move = std::abs(p - previous);
            const int cost = (move == 0 ? 3 : move) * 4 + rng.range(0, 3);
            if (cost < best_cost) best = p, best_cost = cost;
        }
        add(out, t, step - Ticks(20), best, 78, span.end);
        previous = best;
    }
}

}  // namespace

Ticks rate_ticks(Rate rate) {
    switch (rate) {
        case Rate::whole: return kQuarter * 4;
        case Rate::half: return kQuarter * 2;
        case Rate::quarter: return kQuarter;
        case Rate::eighth: return kQuarter / 2;
        case Rate::sixteenth: return kQuarter / 4;
    }
    return kQuarter;
}

std::vector<ChordSpan> chords_in(const std::vector<ChordSpan>& chords, Ticks start, Ticks end) {
    std::vector<ChordSpan> out;
    for (const auto& span : chords) {
        if (span.end <= start || span.start >= end) continue;
        out.push_back(ChordSpan{std::max(span.start, start), std::min(span.end, end), span.chord});
    }
    return out;
}

std::vector<Note> write_part(const std::vector<ChordSpan>& chords, const PartRequest& request, Rng rng) {
    std::vector<Note> out;
    const auto spans = chords_in(chords, request.start, request.end);
    if (spans.empty()) return out;
    const bool chordal = request.role == PartRole::pad || request.role == PartRole::comp ||
                         request.role == PartRole::arpeggio;
    const auto voiced = chordal ? voicings(spans, request) : std::vector<std::vector<int>>{};
    int previous = request.low + (request.high - request.low) * 2 / 3;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        switch (request.role) {
            case PartRole::pad: write_pad(spans[i], voiced[i], request.end, out); break;
            case PartRole::comp: write_comp(request, spans[i], voiced[i], request.start, out); break;
            case PartRole::arpeggio: write_arpeggio(request, spans[i], voiced[i], request.start, out); break;
            case PartRole::ostinato: write_ostinato(request, spans[i], request.start, out); break;
            case PartRole::counter: write_counter(request, spans[i], previous, rng, out); break;
            default: break;  // lead, bass and drums have their own writers
        }
    }
    std::sort(out.begin(), out.end(), [](const Note& a, const Note& b) {
        return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
    });
    return out;
}

std::vector<Note> held_chord(const Chord& chord, Ticks start, Ticks end, int low, int high, int voices, int velocity) {
    std::vector<Note> out;
    if (end <= start) return out;
    VoicingOptions options;
    options.voices = std::clamp(voices, 3, 6);
    options.low = low;
    options.high = std::max(high, low + 19);
    options.center = (options.low + options.high) / 2;
    const auto voiced = voice_chords({ChordSpan{start, end, chord}}, options);
    for (int p : voiced.front()) add(out, start, end - start, p, velocity, end);
    return out;
}

}  // namespace tunesmith
