// arrange_accompaniment: style layers over runs of equal tier, then the phrasing rules (space
// while singing, fills in pauses, accents on entries), the ending, controllers and clipping.
#include "accompany/arrange.h"

#include <algorithm>
#include <map>
#include <optional>

#include "compose/arrangement.h"
#include "compose/bass.h"
#include "compose/comping.h"
#include "compose/compose.h"
#include "compose/drums.h"
#include "compose/humanize.h"
#include "compose/instruments.h"
#include "compose/voicing.h"

namespace tunesmith {
namespace {

struct Run {
    Ticks start;
    Ticks end;
    EnergyTier tier;
};

struct Context {
    const Plan& plan;
    const Style& style;
    const InstrumentSpec& instruments;
    const Arrangement& arr;
    const std::vector<ChordSpan>& chords;
    const VocalLine& vocal;
    const AccompanyArrangeOptions& options;
    Ticks body_end;
};

using Tracks = std::map<std::string, Track>;

// What the group plays (the style's sound, or the voice the spec names).
InstrumentInfo played(const Context& c, const std::string& group) { return cue_instrument(c.style, c.instruments, group); }

Track& track_for(Tracks& tracks, const Context& c, const std::string& group) {
    auto [it, inserted] = tracks.try_emplace(group);
    if (inserted) {
        const InstrumentInfo info = played(c, group);
        it->second.name = group;
        it->second.drums = info.drums;
        it->second.program = info.program;
    }
    return it->second;
}

EnergyTier tier_at(const Context& c, Ticks tick) {
    const auto bar = static_cast<std::size_t>(std::max<std::int64_t>(0, tick / c.plan.meter.bar()));
    return bar < c.arr.bar_tiers.size() ? c.arr.bar_tiers[bar] : EnergyTier::mid;
}

std::vector<Run> runs_of(const Context& c) {
    std::vector<Run> runs;
    const Ticks bar = c.plan.meter.bar();
    for (Ticks start(0); start < c.body_end; start += bar) {
        const EnergyTier tier = tier_at(c, start);
        if (!runs.empty() && runs.back().tier == tier) runs.back().end = start + bar;
        else runs.push_back(Run{start, start + bar, tier});
    }
    return runs;
}

bool melodic_role(PartRole role) { return role == PartRole::lead || role == PartRole::counter; }

bool named(const InstrumentSpec& instruments, const std::string& group) {
    const auto has = [&](const std::vector<std::string>& list) {
        return std::find(list.begin(), list.end(), group) != list.end();
    };
    return has(instruments.include) || has(instruments.feature) || has(instruments.add);
}

// The part a layer plays under a voice: melodic roles are the singer's, except that a group the
// request names ("cello and harp", featured or added: "piano ballad with strings") and the style only
// gives a melody plays a held part instead, so every named instrument is heard.
std::optional<Layer> accompaniment_layer(const Layer& layer, const std::vector<Layer>& tier, const CueSpec& spec) {
    if (!melodic_role(layer.role)) return layer;
    if (!named(spec.instruments, layer.group)) return std::nullopt;
    const bool accompanies = std::any_of(tier.begin(), tier.end(), [&](const Layer& other) {
        return other.group == layer.group && !melodic_role(other.role);
    });
    if (accompanies) return std::nullopt;
    Layer held = default_layer(layer.group);
    if (melodic_role(held.role)) held.role = PartRole::pad, held.rate = Rate::whole, held.pattern.clear();
    held.velocity = layer.velocity;
    return held;
}

std::vector<Note> layer_notes(const Context& c, const Layer& layer, const Run& run, Rng rng) {
    const auto [low, high] = layer_register(layer, played(c, layer.group));
    if (layer.role == PartRole::drums) {
        // Light drums under a voice: never the full groove.
        const auto tier = static_cast<std::size_t>(std::min(run.tier, EnergyTier::mid));
        const DrumBars bars{run.start, run.end, c.plan.meter, &c.style.drums.grooves[tier], nullptr};
        return write_drum_bars(bars, rng);
    }
    if (layer.role == PartRole::bass) {
        const BassRequest request{run.start, run.end, c.plan.meter, c.plan.key, layer.pattern, low, high};
        return write_bass(c.chords, request, rng);
    }
    PartRequest request{run.start, run.end, c.plan.meter, c.plan.key, layer.role, layer.pattern, layer.rate, low, high,
                        layer.group == "guitar" ? 5 : 4};
    if (run.tier == EnergyTier::low) request.voices = 3;
    return write_part(c.chords, request, rng);
}

void humanize(const Context& c, bool drums, Ticks origin, double velocity_scale, std::vector<Note>& notes, Rng rng) {
    if (c.style.swing > 0.0) apply_swing(notes, c.style.swing, c.style.swing_unit, Ticks(0));
    const Ticks phrase = c.plan.meter.bar() * 4;
    shape_velocities(notes, c.plan.meter, origin, phrase, drums ? 0.0 : c.style.humanize.accent,
                     c.style.humanize.velocity * (drums ? 0.5 : 1.0), rng);
    scale_by_energy(notes, c.plan, velocity_scale);
    const double jitter = std::min(c.style.humanize.timing_ms, c.options.max_timing_jitter_ms) * (drums ? 0.5 : 1.0);
    jitter_timing(notes, c.plan.tempo, jitter, c.plan.length, {}, rng);
}

// True when a sung note is sounding at `tick` and began before it (the singer is mid-note).
bool singer_holding(const VocalLine& vocal, Ticks tick, Ticks margin) {
    return std::any_of(vocal.notes.begin(), vocal.notes.end(),
                       [&](const Note& n) { return n.start + margin < tick && tick < n.end(); });
}

// Space while singing: quieter inside phrases, and figures between the beats drop out while the
// singer holds a note (they stay where the voice moves or rests).
void leave_space(const Context& c, const Layer& layer, std::vector<Note>& notes) {
    const Ticks beat = c.plan.meter.beat();
    const bool pitched_figure = layer.role != PartRole::drums && layer.role != PartRole::bass;
    std::erase_if(notes, [&](const Note& n) {
        const bool on_beat = n.start % beat < beat / 8 || beat - n.start % beat < beat / 8;
        return pitched_figure && !on_beat && singer_holding(c.vocal, n.start, beat / 8);
    });
    for (Note& n : notes)
        if (inside(c.vocal.phrases, n.start))
            n.velocity = std::clamp(static_cast<int>(n.velocity * c.options.sung_velocity), 1, 127);
}

// The group that answers the singer in pauses: a featured group that plays in the tier, else the
// first pitched, non-bass layer of the tier.
std::string fill_group(const Context& c, EnergyTier tier) {
    const auto& layers = c.arr.layers[static_cast<std::size_t>(tier)];
    for (const std::string& group : c.instruments.feature)
        if (group != "bass" && group != "drums" &&
            std::any_of(layers.begin(), layers.end(), [&](const Layer& l) { return l.group == group; }))
            return group;
    for (const Layer& layer : layers)
        if (layer.role != PartRole::drums && layer.role != PartRole::bass && !melodic_role(layer.role))
            return layer.group;
    return {};
}

bool tier_has(const Context& c, EnergyTier tier, const std::string& group) {
    const auto& layers = c.arr.layers[static_cast<std::size_t>(tier)];
    return std::any_of(layers.begin(), layers.end(), [&](const Layer& l) { return l.group == group; });
}

// An eighth-note arpeggio over the sounding chords through a pause, rising into the next entry.
std::vector<Note> melodic_fill(const Context& c, Ticks from, Ticks to, const std::string& group) {
    const InstrumentInfo info = played(c, group);
    const int low = std::clamp(64, info.low, info.high), high = std::clamp(86, info.low, info.high);
    const Ticks step = c.plan.meter.beat() / 2;
    std::vector<Note> out;
    const Ticks first = ((from + step - Ticks(1)) / step.value) * step.value;
    const auto count = std::max<std::int64_t>(1, (to - first) / step);
    int k = 0;
    for (Ticks t = first; t + step <= to; t += step, ++k) {
        const ChordSpan* span = chord_at(c.chords, t);
        if (span == nullptr) continue;
        std::vector<int> tones;
        for (int p = low; p <= high; ++p)
            if (span->chord.contains(p % 12)) tones.push_back(p);
        if (tones.empty()) continue;
        const auto cycle = static_cast<int>(std::min<std::size_t>(tones.size(), 5));
        const int index = k % (2 * cycle - 2 > 0 ? 2 * cycle - 2 : 1);
        const int position = index < cycle ? index : 2 * cycle - 2 - index;
        const int velocity = 60 + static_cast<int>(22 * k / count);
        out.push_back(Note{t, step, tones[static_cast<std::size_t>(position)], std::clamp(velocity, 1, 127)});
    }
    return out;
}

// Pauses between phrases (and after the last one, until the ending): fills, and drum rolls
// into the next entry.
void fill_pauses(const Context& c, Tracks& tracks) {
    const Ticks beat = c.plan.meter.beat();
    const auto& phrases = c.vocal.phrases;
    for (std::size_t i = 0; i <= phrases.size(); ++i) {
        const Ticks from = i == 0 ? Ticks(0) : phrases[i - 1].end;
        const Ticks to = i < phrases.size() ? phrases[i].start : c.body_end;
        if (to <= from || from >= c.body_end) continue;
        const double beats = static_cast<double>((to - from).value) / static_cast<double>(beat.value);
        const EnergyTier tier = tier_at(c, from);
        const std::string group = fill_group(c, tier);
        if (i > 0 && beats >= c.options.fill_min_beats && !group.empty()) {
            auto notes = melodic_fill(c, from, std::min(to, c.body_end), group);
            auto& track = track_for(tracks, c, group).notes;
            track.insert(track.end(), notes.begin(), notes.end());
        }
        if (i < phrases.size() && beats >= c.options.drum_fill_min_beats && tier != EnergyTier::low &&
            tier_has(c, tier, "drums")) {
            const Ticks entry = ((to + beat / 4) / beat.value) * beat.value;
            if (entry < beat) continue;
            auto& drums = track_for(tracks, c, "drums").notes;
            std::erase_if(drums, [&](const Note& n) { return n.start >= entry - beat && n.start < entry; });
            const auto roll = drum_roll(entry - beat, entry, beat / 4);
            drums.insert(drums.end(), roll.begin(), roll.end());
        }
    }
}

// Entries line up with phrase starts: the beat a phrase starts on gets a bass note, a light
// crash and a lift in the chord parts' velocity.
void accent_entries(const Context& c, Tracks& tracks) {
    const Ticks beat = c.plan.meter.beat();
    for (const TickRange& phrase : c.vocal.phrases) {
        const Ticks entry = ((phrase.start + beat / 4) / beat.value) * beat.value;
        if (entry >= c.body_end) continue;
        const EnergyTier tier = tier_at(c, entry);
        for (auto& [group, track] : tracks)
            for (Note& n : track.notes)
                if (n.start >= entry - beat / 8 && n.start < entry + beat / 8)
                    n.velocity = std::clamp(n.velocity + 12, 1, 127);
        const ChordSpan* span = chord_at(c.chords, entry);
        if (span != nullptr && tier_has(c, tier, "bass")) {
            auto& bass = track_for(tracks, c, "bass").notes;
            const bool has_note = std::any_of(bass.begin(), bass.end(), [&](const Note& n) {
                return n.start >= entry - beat / 8 && n.start < entry + beat / 8;
            });
            const InstrumentInfo info = played(c, "bass");
            if (!has_note)
                bass.push_back(Note{entry, beat, pitch_near(span->chord.bass_pc(), info.low + 8, info.low, info.high), 96});
        }
        if (tier != EnergyTier::low && tier_has(c, tier, "drums")) {
            auto& drums = track_for(tracks, c, "drums").notes;
            const auto accent = drum_accent(entry, 78, false);
            drums.insert(drums.end(), accent.begin(), accent.end());
        }
    }
}

// The final bar: the last chord held by the chord groups and the bass.
void write_ending(const Context& c, Tracks& tracks, Ticks release) {
    if (c.chords.empty() || c.body_end >= release) return;
    const Chord& chord = c.chords.back().chord;
    const EnergyTier tier = tier_at(c, c.body_end - Ticks(1));
    for (const Layer& layer : c.arr.layers[static_cast<std::size_t>(tier)]) {
        if (layer.role == PartRole::drums || melodic_role(layer.role)) continue;
        auto& track = track_for(tracks, c, layer.group);
        const InstrumentInfo info = played(c, layer.group);
        const bool has = std::any_of(track.notes.begin(), track.notes.end(),
                                     [&](const Note& n) { return n.start == c.body_end; });
        if (has) continue;
        if (layer.role == PartRole::bass) {
            track.notes.push_back(Note{c.body_end, release - c.body_end,
                                       pitch_near(chord.root, info.low + 7, info.low, info.high), 80});
            continue;
        }
        const int low = info.chord_low;
        const auto held = held_chord(chord, c.body_end, release, low, std::min(info.high, low + 28),
                                     layer.group == "guitar" ? 5 : 4, 72);
        track.notes.insert(track.notes.end(), held.begin(), held.end());
    }
}

void add_controls(const Context& c, Tracks& tracks) {
    for (auto& [group, track] : tracks) {
        const InstrumentInfo info = played(c, group);
        if (info.sustained) {
            const auto curve = expression_curve(c.plan, Ticks(0), c.plan.length);
            track.controls.insert(track.controls.end(), curve.begin(), curve.end());
        }
        if (info.pedal) {
            const auto pedal = sustain_pedal(c.chords, Ticks(0), c.plan.length);
            track.controls.insert(track.controls.end(), pedal.begin(), pedal.end());
        }
    }
}

void clip_to_release(Track& track, Ticks release) {
    std::erase_if(track.notes, [&](const Note& n) { return n.start >= release; });
    for (auto& n : track.notes)
        if (n.end() > release) n.duration = release - n.start;
    std::erase_if(track.controls, [&](const ControlPoint& p) { return p.time > release; });
}

}  // namespace

void tighten_strums(std::vector<Note>& notes, const TempoMap& tempo, Ticks cluster, Seconds max_spread) {
    std::stable_sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) { return a.start < b.start; });
    for (std::size_t first = 0; first < notes.size();) {
        std::size_t last = first;
        while (last + 1 < notes.size() && notes[last + 1].start - notes[first].start < cluster) ++last;
        const Ticks head = notes[first].start;
        const double head_s = tempo.to_seconds(head).value;
        const double spread_s = tempo.to_seconds(notes[last].start).value - head_s;
        if (spread_s > max_spread.value) {
            const double scale = max_spread.value / spread_s;
            for (std::size_t i = first + 1; i <= last; ++i) {
                const Ticks end = notes[i].end();
                const double at = head_s + scale * (tempo.to_seconds(notes[i].start).value - head_s);
                notes[i].start = std::clamp(tempo.to_ticks(Seconds(at)), head, notes[i].start);
                notes[i].duration = end - notes[i].start;
            }
        }
        first = last + 1;
    }
}

bool inside(const std::vector<TickRange>& ranges, Ticks tick) {
    return std::any_of(ranges.begin(), ranges.end(), [&](const TickRange& r) { return tick >= r.start && tick < r.end; });
}

// A featured group carries the tune in a cue, and an added one may play only the style's counter-line
// (compose's arrange counts either heard there), but under a voice the tune is the singer's: the group
// gets its own accompanying part in every tier instead.
Arrangement with_featured_parts(Arrangement arr, const InstrumentSpec& instruments) {
    std::vector<std::string> named_groups = instruments.feature;
    named_groups.insert(named_groups.end(), instruments.add.begin(), instruments.add.end());
    for (const std::string& group : named_groups) {
        if (std::find(arr.groups.begin(), arr.groups.end(), group) == arr.groups.end()) continue;  // excluded
        for (auto& tier : arr.layers) {
            const bool plays = std::any_of(tier.begin(), tier.end(), [&](const Layer& l) {
                return l.group == group && !melodic_role(l.role);
            });
            if (plays) continue;
            Layer part = default_layer(group);
            if (melodic_role(part.role)) part.role = PartRole::pad, part.rate = Rate::whole, part.pattern.clear();
            tier.push_back(part);
        }
    }
    return arr;
}

Score arrange_accompaniment(const Plan& plan, const CueSpec& spec, const Style& style,
                            const std::vector<ChordSpan>& chords, const VocalLine& vocal, Rng rng,
                            const AccompanyArrangeOptions& options) {
    const Arrangement arr = with_featured_parts(arrange(plan, spec, style), spec.instruments);
    const Ticks release = release_tick(plan);
    const Ticks body_end = plan.length >= plan.meter.bar() * 2 ? plan.length - plan.meter.bar() : plan.length;
    const Context c{plan, style, spec.instruments, arr, chords, vocal, options, body_end};

    Tracks tracks;
    const auto runs = runs_of(c);
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const auto& tier_layers = arr.layers[static_cast<std::size_t>(runs[r].tier)];
        for (const Layer& written : tier_layers) {
            const std::optional<Layer> accompanying = accompaniment_layer(written, tier_layers, spec);
            if (!accompanying) continue;
            const Layer& layer = *accompanying;
            const Rng part = rng.fork(layer.group).fork(std::string(role_name(layer.role))).fork(r);
            auto notes = layer_notes(c, layer, runs[r], part.fork("notes"));
            // Strokes are spaced in ticks by the comping writer; at a slow singer's tempo that
            // spreads a strum over 60-80 ms, its top strings audibly after the beat.
            if (layer.pattern == "strum")
                tighten_strums(notes, plan.tempo, plan.meter.beat() / 8, Seconds(options.max_strum_spread_ms / 1000.0));
            humanize(c, layer.role == PartRole::drums, runs[r].start, layer.velocity, notes, part.fork("humanize"));
            leave_space(c, layer, notes);
            auto& track = track_for(tracks, c, layer.group).notes;
            track.insert(track.end(), notes.begin(), notes.end());
        }
    }
    fill_pauses(c, tracks);
    accent_entries(c, tracks);
    write_ending(c, tracks, release);
    add_controls(c, tracks);

    Score score = empty_score(plan);
    score.chords = chords;
    for (const auto& group : track_group_order()) {
        const auto it = tracks.find(group);
        if (it == tracks.end()) continue;
        Track track = std::move(it->second);
        if (spec.instruments.voices.contains(group)) {
            const InstrumentInfo info = played(c, group);
            fold_into_register(track.notes, info.low, info.high);
        }
        clip_to_release(track, release);
        sort_track(track);
        if (!track.notes.empty()) score.tracks.push_back(std::move(track));
    }
    for (const TickRange& phrase : vocal.phrases) score.markers.push_back(Marker{phrase.start, "phrase"});
    return score;
}

}  // namespace tunesmith
