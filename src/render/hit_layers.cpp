// A track's schedule around its hits: the accents split off into layers started on exact samples,
// the same-key releases one synth would have made, and the fades before the hits the track rests for.
#include "render/hit_layers.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tunesmith {

double breath_gain(const BreathFade& fade, std::int64_t t) {
    if (t < fade.from) return 1.0;
    if (t >= fade.to) return 0.0;
    const double x = static_cast<double>(t - fade.from) / static_cast<double>(fade.to - fade.from);
    return 0.5 + 0.5 * std::cos(std::numbers::pi * x);
}

double breath_gain(const std::vector<BreathFade>& fades, std::int64_t t) {
    double gain = 1.0;
    for (const BreathFade& fade : fades)
        if (t >= fade.from && t < fade.to) gain *= breath_gain(fade, t);
    return gain;
}

namespace {

bool playable(const Note& n) { return n.pitch >= 0 && n.pitch <= 127 && n.duration.value > 0; }

std::int64_t block_floor(std::int64_t sample) {
    return sample >= 0 ? sample / kSynthBlock * kSynthBlock : -((-sample + kSynthBlock - 1) / kSynthBlock) * kSynthBlock;
}

// The last sample a layer may sound: its last note-off, held on while the sustain pedal stays down
// (until the next pedal-up among its events, or forever), plus `release`.
std::int64_t layer_sounds_until(const HitLayer& layer, std::int64_t release) {
    std::int64_t last_off = 0;
    for (const SynthEvent& e : layer.events)
        if (e.kind == SynthEventKind::note_off) last_off = std::max(last_off, e.sample);
    const auto pedal_at = [&](std::int64_t t) {
        int value = layer.state.controllers[64];
        for (const SynthEvent& e : layer.events)
            if (e.sample <= t && e.kind == SynthEventKind::control && e.a == 64) value = e.b;
        return value >= 64;
    };
    std::int64_t held = last_off;
    if (pedal_at(last_off)) {
        held = kNeverSample - layer.start;
        for (const SynthEvent& e : layer.events)
            if (e.sample > last_off && e.kind == SynthEventKind::control && e.a == 64 && e.b < 64) {
                held = e.sample;
                break;
            }
    }
    return std::min(kNeverSample, layer.start + held + release);
}

// A fade before each hit where no note of the track starts in the kBreathFade before it (and some
// note started earlier, so something may ring).
std::vector<BreathFade> breath_fades(const Track& track, const TempoMap& tempo, const std::vector<Ticks>& hits) {
    std::vector<BreathFade> fades;
    const std::int64_t fade = to_samples(kBreathFade, tempo.sample_rate()).value;
    for (const Ticks tick : hits) {
        const std::int64_t hit = tempo.to_samples(tick).value;
        bool rests = true, rang = false;
        for (const Note& n : track.notes) {
            if (!playable(n)) continue;
            const std::int64_t s = tempo.to_samples(n.start).value;
            rests = rests && !(s >= hit - fade && s < hit);
            rang = rang || s < hit - fade;
        }
        const BreathFade f{std::max<std::int64_t>(0, hit - fade), block_floor(hit)};
        if (rests && rang && f.to > f.from) fades.push_back(f);
    }
    return fades;
}

}  // namespace

TrackSchedule schedule_track(const Track& track, const TempoMap& tempo, const std::vector<Ticks>& hits,
                             const AccentLatency& latency, std::int64_t release) {
    TrackSchedule out;
    const auto sample_of = [&](Ticks t) { return tempo.to_samples(t).value; };
    const std::size_t count = track.notes.size();
    // Each note's hit (index into `hits`), or -1 when it is not an accent.
    std::vector<int> hit_of(count, -1);
    for (std::size_t i = 0; i < count; ++i) {
        const Note& n = track.notes[i];
        const auto it = std::lower_bound(hits.begin(), hits.end(), n.start);
        if (playable(n) && it != hits.end() && *it == n.start) hit_of[i] = static_cast<int>(it - hits.begin());
    }
    std::vector<NoteSending> sending(count);
    for (std::size_t i = 0; i < count; ++i) sending[i].sent = hit_of[i] < 0;
    // Controllers and bends: the same for the track's synth and its layers.
    const std::vector<SynthEvent> plain = track_events(track, tempo, sending);

    // Layer starts: the hit's sample minus its accent's latency, with the channel as at the hit.
    std::vector<std::int64_t> layer_start(hits.size(), -1);
    std::vector<ChannelState> layer_state(hits.size());
    for (std::size_t k = 0; k < hits.size(); ++k) {
        std::vector<Note> accent;
        for (std::size_t i = 0; i < count; ++i)
            if (hit_of[i] == static_cast<int>(k)) accent.push_back(track.notes[i]);
        if (accent.empty()) continue;
        const std::int64_t hit = sample_of(hits[k]);
        layer_state[k] = state_before(plain, to_block_grid(hit) + 1);
        layer_start[k] = std::max<std::int64_t>(0, hit - std::max<std::int64_t>(0, latency(layer_state[k], accent)));
    }
    // Per key, the notes' starts (tick, its sample, the sample its synth starts it on), all and the
    // layers' only: a note is released where its key sounds again, as one synth would; a layer's
    // synth cannot do that for it.
    struct Start {
        Ticks tick;
        std::int64_t at = 0, on = 0;
        bool operator<(const Start& o) const { return tick < o.tick; }
    };
    std::vector<std::vector<Start>> starts(128), layer_starts(128);
    std::int64_t max_lead = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const Note& n = track.notes[i];
        if (!playable(n)) continue;
        const auto key = static_cast<std::size_t>(n.pitch);
        const std::int64_t at = sample_of(n.start);
        const std::int64_t on = hit_of[i] >= 0 ? layer_start[static_cast<std::size_t>(hit_of[i])] : to_block_grid(at);
        max_lead = std::max(max_lead, at - on);
        if (hit_of[i] >= 0) layer_starts[key].push_back({n.start, at, on});
        starts[key].push_back({n.start, at, on});
    }
    for (auto* lists : {&starts, &layer_starts})
        for (auto& list : *lists) std::stable_sort(list.begin(), list.end());
    // The earliest on of a note starting after `tick` (a later note's layer may start before an earlier note).
    const auto next_after = [&](const std::vector<Start>& list, Ticks tick) {
        std::int64_t next = kNeverSample;
        for (auto it = std::upper_bound(list.begin(), list.end(), Start{tick}); it != list.end() && it->at < next + max_lead; ++it)
            next = std::min(next, it->on);
        return next;
    };
    for (std::size_t i = 0; i < count; ++i)
        if (hit_of[i] < 0 && playable(track.notes[i]))
            sending[i].off_by = next_after(layer_starts[static_cast<std::size_t>(track.notes[i].pitch)], track.notes[i].start);

    out.fades = breath_fades(track, tempo, hits);
    out.events = track_events(track, tempo, sending);
    for (const BreathFade& f : out.fades) out.events.push_back({f.to, SynthEventKind::control, 120, 0});
    sort_events(out.events);

    for (std::size_t k = 0; k < hits.size(); ++k) {
        if (layer_start[k] < 0) continue;
        HitLayer layer;
        layer.start = layer_start[k];
        layer.state = layer_state[k];
        const std::int64_t hit_block = to_block_grid(sample_of(hits[k]));  // controllers up to here are in `state`
        for (std::size_t i = 0; i < count; ++i) {
            if (hit_of[i] != static_cast<int>(k)) continue;
            const Note& n = track.notes[i];
            const std::int64_t off = std::min(sample_of(n.end()), next_after(starts[static_cast<std::size_t>(n.pitch)], n.start)) - layer.start;
            layer.events.push_back({0, SynthEventKind::note_on, n.pitch, synth_velocity(n)});
            layer.events.push_back({std::max(kSynthBlock, to_block_grid(off)), SynthEventKind::note_off, n.pitch, 0});
        }
        for (const SynthEvent& e : plain)
            if (e.kind != SynthEventKind::note_on && e.kind != SynthEventKind::note_off && e.sample > hit_block)
                layer.events.push_back({std::max<std::int64_t>(0, to_block_grid(e.sample - layer.start)), e.kind, e.a, e.b});
        sort_events(layer.events);
        for (const BreathFade& f : out.fades)
            if (f.to > sample_of(hits[k])) {  // the breath before a later hit
                layer.fade_out = f;
                break;
            }
        layer.sounds_until = std::min(layer.fade_out.to, layer_sounds_until(layer, release));
        // Events after the layer falls silent change nothing.
        std::erase_if(layer.events, [&](const SynthEvent& e) { return layer.start + e.sample >= layer.sounds_until; });
        out.layers.push_back(std::move(layer));
    }
    std::sort(out.layers.begin(), out.layers.end(), [](const HitLayer& a, const HitLayer& b) { return a.start < b.start; });
    return out;
}

}  // namespace tunesmith
