// Track -> grid-aligned synthesis events, and bar-aligned render windows.
// Events are quantised once here so that a one-pass render and a windowed render see the same times.
#include "render/stem_events.h"

#include <algorithm>

namespace tunesmith {

std::int64_t to_block_grid(std::int64_t sample) {
    const std::int64_t half = kSynthBlock / 2;
    const std::int64_t shifted = sample + half;
    const std::int64_t floor = shifted >= 0 ? shifted / kSynthBlock : -((-shifted + kSynthBlock - 1) / kSynthBlock);
    return floor * kSynthBlock;
}

std::vector<RenderWindow> make_windows(const Score& score, int bars_per_window, std::int64_t total_samples) {
    std::vector<RenderWindow> windows;
    if (bars_per_window <= 0 || score.meter.bar().value <= 0) {
        windows.push_back({0, std::max<std::int64_t>(total_samples, 1)});
        return windows;
    }
    const Ticks step = score.meter.bar() * bars_per_window;
    std::int64_t start = 0;
    for (Ticks t = step;; t += step) {
        const std::int64_t end = to_block_grid(score.tempo.to_samples(t).value);
        if (end >= total_samples || t >= score.length) {
            windows.push_back({start, std::max(total_samples, start + 1)});
            break;
        }
        if (end > start) {
            windows.push_back({start, end});
            start = end;
        }
    }
    return windows;
}

std::vector<SynthEvent> track_events(const Track& track, const TempoMap& tempo, const std::vector<NoteSending>& sending) {
    std::vector<SynthEvent> events;
    events.reserve(track.notes.size() * 2 + track.controls.size() + track.bends.size());
    for (std::size_t i = 0; i < track.notes.size(); ++i) {
        const Note& note = track.notes[i];
        const NoteSending how = i < sending.size() ? sending[i] : NoteSending{};
        if (note.pitch < 0 || note.pitch > 127 || note.duration.value <= 0 || !how.sent) continue;
        const std::int64_t on = std::max<std::int64_t>(0, to_block_grid(tempo.to_samples(note.start).value));
        std::int64_t off = to_block_grid(tempo.to_samples(note.end()).value);
        if (how.off_by < off) off = to_block_grid(how.off_by);
        events.push_back({on, SynthEventKind::note_on, note.pitch, synth_velocity(note)});
        events.push_back({std::max(on + kSynthBlock, off), SynthEventKind::note_off, note.pitch, 0});
    }
    for (const ControlPoint& cc : track.controls) {
        if (cc.controller < 0 || cc.controller > 127) continue;
        events.push_back({to_block_grid(tempo.to_samples(cc.time).value), SynthEventKind::control, cc.controller,
                          std::clamp(cc.value, 0, 127)});
    }
    for (const PitchBendPoint& bend : track.bends)
        events.push_back({to_block_grid(tempo.to_samples(bend.time).value), SynthEventKind::bend,
                          std::clamp(bend.value, -8192, 8191), 0});
    sort_events(events);
    return events;
}

void sort_events(std::vector<SynthEvent>& events) {
    std::stable_sort(events.begin(), events.end(), [](const SynthEvent& x, const SynthEvent& y) {
        if (x.sample != y.sample) return x.sample < y.sample;
        return x.kind < y.kind;
    });
}

ChannelState state_before(const std::vector<SynthEvent>& events, std::int64_t sample) {
    ChannelState state;
    for (const SynthEvent& e : events) {
        if (e.sample >= sample) break;
        if (e.kind == SynthEventKind::control) state.controllers[static_cast<std::size_t>(e.a)] = e.b;
        else if (e.kind == SynthEventKind::bend) state.bend = e.a;
    }
    return state;
}

}  // namespace tunesmith
