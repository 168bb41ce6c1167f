// compose(): chords and melody, then per section and per run of equal energy tier the layers
// of the arrangement, hit accents, the ending, dialogue rules, humanizing and controllers.
#include "compose/compose.h"

#include <algorithm>
#include <map>

#include "compose/arrangement.h"
#include "compose/bass.h"
#include "compose/comping.h"
#include "compose/drums.h"
#include "compose/harmony.h"
#include "compose/hit_room.h"
#include "compose/humanize.h"
#include "compose/instruments.h"
#include "compose/melody.h"
#include "compose/soloists.h"
#include "compose/voicing.h"

namespace tunesmith {
namespace {

// A stretch of bars inside one section at one tier.
struct Run {
    Ticks start;
    Ticks end;
    EnergyTier tier;
};

struct Context {
    const Plan& plan;
    const CueSpec& spec;
    const Style& style;
    const Arrangement& arr;
    const std::vector<ChordSpan>& chords;
    const std::vector<Note>& melody;
    Ticks body_end;                // patterns stop here (the final bar belongs to the ending)
    std::vector<Ticks> locked;     // hit ticks: never moved by humanizing
    std::vector<Soloist> soloists;  // a cue played by single players (else empty: the style's layers)
};

using TrackNotes = std::map<std::string, Track>;

// What the group plays in this cue (the style's sound, or the voice the spec names).
InstrumentInfo played(const Context& c, const std::string& group) {
    return cue_instrument(c.style, c.spec.instruments, group);
}

Track& track_for(TrackNotes& tracks, const Context& c, const std::string& group) {
    auto [it, inserted] = tracks.try_emplace(group);
    if (inserted) {
        const InstrumentInfo info = played(c, group);
        it->second.name = group;
        it->second.drums = info.drums;
        it->second.program = info.program;
    }
    return it->second;
}

// A soloist's own track, named by its player ("cello", "violin_2"): players of one group are
// tracks of their own.
Track& soloist_track(TrackNotes& tracks, const Context& c, const Soloist& s) {
    auto [it, inserted] = tracks.try_emplace(s.player.track);
    if (inserted) {
        const InstrumentInfo info = player_instrument(c.style, s.player);
        it->second.name = s.player.track;
        it->second.drums = info.drums;
        it->second.program = info.program;
    }
    return it->second;
}

std::vector<Run> runs_of(const Context& c, const PlannedSection& s) {
    std::vector<Run> runs;
    const Ticks bar = c.plan.meter.bar();
    for (int b = s.first_bar; b < s.first_bar + s.bar_count; ++b) {
        const Ticks start = bar * b;
        if (start >= c.body_end) break;
        const auto i = static_cast<std::size_t>(b);
        const EnergyTier tier = i < c.arr.bar_tiers.size() ? c.arr.bar_tiers[i] : tier_of_energy(s.energy);
        if (!runs.empty() && runs.back().tier == tier && runs.back().end == start) runs.back().end = start + bar;
        else runs.push_back(Run{start, start + bar, tier});
    }
    return runs;
}

std::vector<Note> layer_notes(const Context& c, const Layer& layer, const Run& run, bool section_end, Rng rng) {
    const auto [low, high] = layer_register(layer, played(c, layer.group));
    if (layer.role == PartRole::drums) {
        const auto tier = static_cast<std::size_t>(run.tier);
        DrumBars bars{run.start, run.end, c.plan.meter, &c.style.drums.grooves[tier], nullptr};
        if (section_end && run.tier != EnergyTier::low) bars.fill = &c.style.drums.fill;
        return write_drum_bars(bars, rng);
    }
    if (layer.role == PartRole::bass) {
        BassRequest request{run.start, run.end, c.plan.meter, c.plan.key, layer.pattern, low, high};
        return write_bass(c.chords, request, rng);
    }
    if (layer.role == PartRole::lead) return {};  // the melody is placed separately
    PartRequest request{run.start, run.end, c.plan.meter, c.plan.key, layer.role, layer.pattern, layer.rate, low, high,
                        layer.group == "guitar" ? 5 : 4};
    // Sparse tiers play fewer voices: few voices and long notes.
    if (run.tier == EnergyTier::low) request.voices = 3;
    return write_part(c.chords, request, rng);
}

void humanize_part(const Context& c, const std::string& group, Ticks origin, double velocity_scale,
                   std::vector<Note>& notes, Rng rng) {
    const bool drums = instrument_info(group).drums;
    if (c.style.swing > 0.0) apply_swing(notes, c.style.swing, c.style.swing_unit, Ticks(0));
    const Ticks phrase = c.plan.meter.bar() * 4;
    if (!drums) shape_velocities(notes, c.plan.meter, origin, phrase, c.style.humanize.accent, c.style.humanize.velocity, rng);
    else shape_velocities(notes, c.plan.meter, origin, phrase, 0.0, c.style.humanize.velocity * 0.5, rng);
    scale_by_energy(notes, c.plan, velocity_scale);
    // Drummers are tighter than pads: half the jitter.
    jitter_timing(notes, c.plan.tempo, c.style.humanize.timing_ms * (drums ? 0.5 : 1.0), c.plan.length, c.locked, rng);
}

// Melody notes of one run, carried by the lead (or the soft lead at the low tier), moved by
// octaves into the carrier's register.
void place_melody(const Context& c, const Run& run, TrackNotes& tracks, Rng rng) {
    const std::string& carrier = run.tier == EnergyTier::low ? c.arr.soft_lead : c.arr.lead;
    if (carrier.empty()) return;
    std::vector<Note> notes;
    for (const auto& n : c.melody)
        if (n.start >= run.start && n.start < run.end) notes.push_back(n);
    if (notes.empty()) return;
    const InstrumentInfo info = played(c, carrier);
    int lo = 127, hi = 0;
    for (const auto& n : notes) lo = std::min(lo, n.pitch), hi = std::max(hi, n.pitch);
    int shift = 0;
    while (lo + shift < info.low && hi + shift + 12 <= info.high + 5) shift += 12;
    while (hi + shift > info.high && lo + shift - 12 >= info.low - 5) shift -= 12;
    for (auto& n : notes) {
        n.pitch = std::clamp(n.pitch + shift, 0, 127);
        n.duration = std::min(n.duration, run.end - n.start);
    }
    humanize_part(c, carrier, run.start, run.tier == EnergyTier::low ? 0.85 : 1.05, notes, rng);
    auto& track = track_for(tracks, c, carrier);
    track.notes.insert(track.notes.end(), notes.begin(), notes.end());
}

void add_controls(const Context& c, const InstrumentInfo& info, const Run& run, Track& track) {
    if (info.sustained) {
        const auto curve = expression_curve(c.plan, run.start, run.end);
        track.controls.insert(track.controls.end(), curve.begin(), curve.end());
    }
    if (info.pedal) {
        const auto pedal = sustain_pedal(c.chords, run.start, run.end);
        track.controls.insert(track.controls.end(), pedal.begin(), pedal.end());
    }
}

// A run of a cue played by single players: each plays its own part instead of the style's layers,
// the parts under the tune kept below it.
void write_soloists(const Context& c, const Run& run, std::size_t r, TrackNotes& tracks, const Rng& rng) {
    std::vector<std::vector<Note>> parts;
    std::vector<Rng> streams;
    for (const Soloist& s : c.soloists) {
        // Players of one group draw streams of their own; a group's only player keeps the group's.
        const bool shared = std::count_if(c.soloists.begin(), c.soloists.end(),
                                          [&](const Soloist& o) { return o.player.group == s.player.group; }) > 1;
        const Rng player = shared ? rng.fork(s.player.group).fork(s.player.track) : rng.fork(s.player.group);
        streams.push_back(player.fork("solo").fork(r));
        const SoloRequest request{run.start, run.end, c.plan.meter, c.plan.key, run.tier, s.low, s.high,
                                  s.player.polyphony, s.part, s.chords_from, strums(s, c.style, run.tier), s.tone};
        parts.push_back(soloist_notes(c.chords, c.melody, request, streams.back().fork("notes")));
    }
    keep_parts_below(c.soloists, c.chords, parts);
    for (std::size_t i = 0; i < c.soloists.size(); ++i) {
        const Soloist& s = c.soloists[i];
        auto& notes = parts[i];
        if (notes.empty()) continue;
        // The tune leads: a sustained bass line or an inner part under it is played softer.
        const double under = s.part == SoloPart::bass_line ? 0.8 : s.part == SoloPart::counter_line ? 0.9 : 1.0;
        humanize_part(c, s.player.group, run.start, (run.tier == EnergyTier::low ? 0.9 : 1.0) * under, notes,
                      streams[i].fork("humanize"));
        Track& track = soloist_track(tracks, c, s);
        track.notes.insert(track.notes.end(), notes.begin(), notes.end());
        add_controls(c, player_instrument(c.style, s.player), run, track);
    }
}

bool carries_tune(const Soloist& s) {
    return s.part == SoloPart::melody || s.part == SoloPart::unaccompanied_melody ||
           s.part == SoloPart::melody_over_accompaniment;
}

void write_section(const Context& c, std::size_t index, TrackNotes& tracks, Rng rng) {
    const PlannedSection& s = c.plan.sections[index];
    const auto runs = runs_of(c, s);
    const bool last_section = index + 1 == c.plan.sections.size();
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const Run& run = runs[r];
        if (!c.soloists.empty()) {
            write_soloists(c, run, r, tracks, rng);
            continue;
        }
        const bool section_end = !last_section && run.end == s.end;
        const auto& layers = c.arr.layers[static_cast<std::size_t>(run.tier)];
        for (std::size_t l = 0; l < layers.size(); ++l) {
            const Layer& layer = layers[l];
            Rng part = rng.fork(layer.group).fork(std::string(role_name(layer.role))).fork(r);
            auto notes = layer_notes(c, layer, run, section_end, part.fork("notes"));
            // A countermelody is a tune too: it rests under dialogue like the melody.
            if (layer.role == PartRole::counter) rest_under_dialogue(notes, c.plan.dialogue, kQuarter / 4);
            if (notes.empty()) continue;
            humanize_part(c, layer.group, run.start, layer.velocity, notes, part.fork("humanize"));
            Track& track = track_for(tracks, c, layer.group);
            track.notes.insert(track.notes.end(), notes.begin(), notes.end());
        }
        // Controllers once per group and run, whatever number of layers it plays.
        std::vector<std::string> groups;
        for (const auto& layer : layers)
            if (std::find(groups.begin(), groups.end(), layer.group) == groups.end()) groups.push_back(layer.group);
        for (const auto& g : groups) add_controls(c, played(c, g), run, track_for(tracks, c, g));
        place_melody(c, run, tracks, rng.fork("melody").fork(r));
    }
}

bool allowed(const Arrangement& arr, const std::string& group) {
    return std::find(arr.groups.begin(), arr.groups.end(), group) != arr.groups.end();
}

// The pitched group that plays stabs on hits: brass, else strings, else whatever is allowed; the
// first of these that strikes (a stab on a string section or a pad swells instead of hitting),
// else the first, whose stabs then go to a striking instrument of its family (stab_track).
std::string stab_group(const Context& c) {
    std::string first;
    for (const char* g : {"brass", "strings", "synth", "piano", "pad", "guitar", "choir", "woodwinds"}) {
        if (!allowed(c.arr, g)) continue;
        if (!slow_attack(played(c, g).program)) return g;
        if (first.empty()) first = g;
    }
    return first;
}

std::string stab_track_name(const std::string& group) { return group + "_stab"; }

// Where a group's stabs go: its own track, or for a slow-speaking group a track of its family's
// striking program ("synth_stab": the polysynth for a sweep pad), mixed as the group.
Track& stab_track(TrackNotes& tracks, const Context& c, const std::string& group) {
    const int program = played(c, group).program;
    if (!slow_attack(program)) return track_for(tracks, c, group);
    auto [it, inserted] = tracks.try_emplace(stab_track_name(group));
    if (inserted) {
        it->second.name = it->first;
        it->second.group = group;
        it->second.program = striking_program(program);
    }
    return it->second;
}

bool strong_hit(const PlannedHit& hit) { return hit.kind == "hit" || hit.kind == "stinger" || hit.kind == "drop"; }

// A hit the music marks (an accent, a stab): "hit", "stinger", "drop", "lift" and "cut".
bool marked_hit(const Plan& plan, const PlannedHit& hit) {
    const bool kind = strong_hit(hit) || hit.kind == "lift" || hit.kind == "cut";
    return kind && hit.tick < plan.length;
}

bool drum_accented(const Context& c, const PlannedHit& hit) {
    return marked_hit(c.plan, hit) && allowed(c.arr, "drums") && (strong_hit(hit) || c.style.drums.crash_on_hits);
}

// The breath before a hit: half a beat (an eighth note in 4/4), so a kick on the "and" before it
// has died away when the hit comes in.
Ticks hit_breath(const Plan& plan) { return plan.meter.beat() / 2; }

void write_hits(const Context& c, TrackNotes& tracks) {
    std::vector<Ticks> accented;  // the groove leaves the half beat before these to the hit
    for (const auto& hit : c.plan.hits)
        if (drum_accented(c, hit)) accented.push_back(hit.tick);
    if (!accented.empty()) clear_drums_before_hits(track_for(tracks, c, "drums").notes, accented, hit_breath(c.plan));
    for (const auto& hit : c.plan.hits) {
        if (hit.tick >= c.plan.length) continue;
        const bool strong = strong_hit(hit);
        const bool lift = hit.kind == "lift";
        if (!strong && !lift && hit.kind != "cut") continue;
        const bool on_drums = drum_accented(c, hit);
        if (on_drums) {
            auto& drums = track_for(tracks, c, "drums").notes;
            const auto accent = drum_accent(hit.tick, hit_accent_velocity(hit.kind), hit.kind == "stinger");
            drums.insert(drums.end(), accent.begin(), accent.end());
            // A lift is announced by a roll through the beat before it.
            if (lift && hit.tick >= c.plan.meter.beat()) {
                const auto roll = drum_roll(hit.tick - c.plan.meter.beat(), hit.tick, kQuarter / 4);
                drums.insert(drums.end(), roll.begin(), roll.end());
            }
        }
        // A cut or lift with no drum accent (no drums, or a style that plays none) is still heard: a short stab.
        if (!strong && on_drums) continue;
        const ChordSpan* span = chord_at(c.chords, hit.tick);
        const std::string stab = stab_group(c);
        if (span != nullptr && !stab.empty()) {
            const InstrumentInfo info = played(c, stab);
            const Ticks length = strong ? c.plan.meter.beat() * (hit.kind == "stinger" ? 2 : 1) : c.plan.meter.beat() / 2;
            // Stabs sit around the middle of the keyboard, inside the voice's own register.
            const int low = std::max(info.chord_low, std::min(52, info.high - 19));
            const auto notes = held_chord(span->chord, hit.tick, std::min(hit.tick + length, c.plan.length), low,
                                          std::max(std::min(info.high, 84), low + 7), 4, strong ? 115 : 100);
            auto& t = stab_track(tracks, c, stab).notes;
            t.insert(t.end(), notes.begin(), notes.end());
        }
        if (span != nullptr && strong && allowed(c.arr, "bass")) {
            const InstrumentInfo info = played(c, "bass");
            const int root = pitch_near(span->chord.root, info.low + 6, info.low, info.high);
            const Ticks end = std::min(hit.tick + c.plan.meter.beat() * 2, c.plan.length);
            track_for(tracks, c, "bass").notes.push_back(Note{hit.tick, end - hit.tick, root, 112});
        }
    }
}

// The final bar: a held cadence chord, a tutti hit held (big finish) or short (hit).
void write_ending(const Context& c, TrackNotes& tracks, Ticks release, Rng rng) {
    if (c.plan.ending == Ending::fade_out || c.body_end >= c.plan.length || c.chords.empty()) return;
    const Ticks start = c.body_end;
    const Chord& final_chord = c.chords.back().chord;
    const auto bar = static_cast<std::size_t>(start / c.plan.meter.bar());
    const EnergyTier tier = bar < c.arr.bar_tiers.size() ? c.arr.bar_tiers[bar] : EnergyTier::mid;
    const bool tutti = c.plan.ending == Ending::big_finish || c.plan.ending == Ending::hit;
    std::vector<std::string> groups;
    for (const auto& layer : c.arr.layers[static_cast<std::size_t>(tutti ? EnergyTier::high : tier)])
        if (std::find(groups.begin(), groups.end(), layer.group) == groups.end()) groups.push_back(layer.group);
    if (!c.arr.lead.empty() && std::find(groups.begin(), groups.end(), c.arr.lead) == groups.end())
        groups.push_back(c.arr.lead);
    const Ticks end = c.plan.ending == Ending::hit ? std::min(release, start + c.plan.meter.beat()) : release;
    const int velocity = tutti ? 116 : std::clamp(static_cast<int>(60 + 40 * (static_cast<int>(tier) / 2.0)), 1, 127);
    for (const auto& g : groups) {
        auto& track = track_for(tracks, c, g);
        if (g == "drums") {
            if (!tutti && tier != EnergyTier::high) continue;
            const auto accent = drum_accent(start, velocity, tutti);
            track.notes.insert(track.notes.end(), accent.begin(), accent.end());
            if (tutti && start >= c.plan.meter.beat()) {
                const auto roll = drum_roll(start - c.plan.meter.beat(), start, kQuarter / 4);
                track.notes.insert(track.notes.end(), roll.begin(), roll.end());
            }
            continue;
        }
        const InstrumentInfo info = played(c, g);
        if (g == "bass") {
            const int root = pitch_near(final_chord.root, info.low + 7, info.low, info.high);
            track.notes.push_back(Note{start, end - start, root, velocity});
            continue;
        }
        const int low = info.chord_low;
        auto notes = held_chord(final_chord, start, end, low, std::min(info.high, low + 28), g == "guitar" ? 5 : 4,
                                std::clamp(velocity + rng.range(-3, 3), 1, 127));
        track.notes.insert(track.notes.end(), notes.begin(), notes.end());
        if (info.sustained) track.controls.push_back(ControlPoint{start, 11, tutti ? 120 : 96});
        if (info.pedal) track.controls.push_back(ControlPoint{start, 64, 0});
    }
}

// A keyboard, guitar or harp leaves out of a chord all the players sound a tone a line player
// holds at the same pitch: no unison doubling.
void leave_doubled_tones(const std::vector<Soloist>& soloists, std::vector<std::vector<Note>>& chord) {
    auto keyboard = [&](std::size_t i) {
        return soloists[i].part == SoloPart::accompaniment || soloists[i].part == SoloPart::harmony;
    };
    for (std::size_t i = 0; i < soloists.size(); ++i) {
        if (!keyboard(i)) continue;
        std::erase_if(chord[i], [&](const Note& n) {
            for (std::size_t j = 0; j < soloists.size(); ++j)
                if (!keyboard(j) && std::any_of(chord[j].begin(), chord[j].end(), [&](const Note& m) { return m.pitch == n.pitch; }))
                    return true;
            return false;
        });
    }
}

// Hits in a cue of single players: the players under the tune sound the chord together, each as
// much of it as it can (a keyboard's chord, a cellist's root, a violist's fifth); the tune goes on
// over it. A player alone accents the hit with the chord it can hold.
void write_soloist_hits(const Context& c, TrackNotes& tracks) {
    const bool alone = c.soloists.size() == 1;
    for (const auto& hit : c.plan.hits) {
        const ChordSpan* span = chord_at(c.chords, hit.tick);
        if (!marked_hit(c.plan, hit) || span == nullptr) continue;
        const bool strong = strong_hit(hit);
        const Ticks length = strong ? c.plan.meter.beat() * (hit.kind == "stinger" ? 2 : 1) : c.plan.meter.beat() / 2;
        const Ticks end = std::min(hit.tick + length, c.plan.length);
        std::vector<std::vector<Note>> chord;
        for (const Soloist& s : c.soloists)
            chord.push_back(!alone && carries_tune(s) ? std::vector<Note>{}
                                                      : tutti_notes(s, alone, span->chord, hit.tick, end, strong ? 115 : 100));
        leave_doubled_tones(c.soloists, chord);
        for (std::size_t i = 0; i < c.soloists.size(); ++i) {
            auto& t = soloist_track(tracks, c, c.soloists[i]).notes;
            t.insert(t.end(), chord[i].begin(), chord[i].end());
        }
    }
}

// The final bar of a cue of single players: every player holds its part of the final chord.
void write_soloist_ending(const Context& c, TrackNotes& tracks, Ticks release, Rng rng) {
    if (c.plan.ending == Ending::fade_out || c.body_end >= c.plan.length || c.chords.empty()) return;
    const Ticks start = c.body_end;
    const auto bar = static_cast<std::size_t>(start / c.plan.meter.bar());
    const EnergyTier tier = bar < c.arr.bar_tiers.size() ? c.arr.bar_tiers[bar] : EnergyTier::mid;
    const bool tutti = c.plan.ending == Ending::big_finish || c.plan.ending == Ending::hit;
    const Ticks end = c.plan.ending == Ending::hit ? std::min(release, start + c.plan.meter.beat()) : release;
    const int velocity = tutti ? 116 : std::clamp(static_cast<int>(60 + 40 * (static_cast<int>(tier) / 2.0)), 1, 127);
    std::vector<std::vector<Note>> chord;
    for (const Soloist& s : c.soloists) {
        const Track& track = soloist_track(tracks, c, s);
        // The tune's player ends near its last note, above the others' chord.
        int near = -1;
        if (carries_tune(s) && !track.notes.empty())
            near = std::max_element(track.notes.begin(), track.notes.end(), [](const Note& a, const Note& b) {
                       return a.start < b.start;
                   })->pitch;
        chord.push_back(tutti_notes(s, c.soloists.size() == 1, c.chords.back().chord, start, end,
                                    std::clamp(velocity + rng.range(-3, 3), 1, 127), near));
    }
    leave_doubled_tones(c.soloists, chord);
    for (std::size_t i = 0; i < c.soloists.size(); ++i) {
        Track& track = soloist_track(tracks, c, c.soloists[i]);
        track.notes.insert(track.notes.end(), chord[i].begin(), chord[i].end());
        const InstrumentInfo info = player_instrument(c.style, c.soloists[i].player);
        if (info.sustained) track.controls.push_back(ControlPoint{start, 11, tutti ? 120 : 96});
        if (info.pedal) track.controls.push_back(ControlPoint{start, 64, 0});
    }
}

// Music sits under speech: quieter, and busy off-beat figures drop out.
void thin_under_dialogue(const Context& c, Track& track) {
    if (c.plan.dialogue.empty()) return;
    if (track.drums && !c.spec.rules.percussion_under_dialogue) {
        remove_drums_in(track.notes, c.plan.dialogue);
        return;
    }
    const Ticks beat = c.plan.meter.beat();
    std::erase_if(track.notes, [&](const Note& n) {
        return in_ranges(c.plan.dialogue, n.start) && n.start % beat != Ticks(0) && n.duration < beat;
    });
    for (auto& n : track.notes)
        if (in_ranges(c.plan.dialogue, n.start)) n.velocity = std::max(1, n.velocity * 3 / 4);
}

void clip_to_release(Track& track, Ticks release) {
    std::erase_if(track.notes, [&](const Note& n) { return n.start >= release; });
    for (auto& n : track.notes)
        if (n.end() > release) n.duration = release - n.start;
    std::erase_if(track.controls, [&](const ControlPoint& p) { return p.time > release; });
}

// Reseed 0 keeps the original stream, so existing seeds give the same bytes as before.
Rng melody_rng(const Rng& root, const ComposeOptions& options) {
    const Rng melody = root.fork("melody");
    return options.melody_reseed == 0 ? melody : melody.fork(options.melody_reseed);
}

// A cue played by single players has no one else to carry a quiet section: its tune never rests
// for low energy.
MelodyOptions melody_options(const CueSpec& spec, const Style& style) {
    MelodyOptions options = style.melody;
    if (played_by_soloists(spec.instruments)) options.silent_below = 0.0;
    return options;
}

}  // namespace

// The register a layer plays in: the instrument's range shifted by the layer's octave, with
// pads and comping from its chord floor up, basses at the bottom.
std::pair<int, int> layer_register(const Layer& layer, const InstrumentInfo& info) {
    int low = info.low;
    int high = info.high;
    if (layer.role == PartRole::pad || layer.role == PartRole::comp || layer.role == PartRole::arpeggio) {
        low = info.chord_low;
        high = std::min(high, low + 28);
    }
    low = std::clamp(low + 12 * layer.octave, 0, 120);
    high = std::clamp(high + 12 * layer.octave, low + 7, 127);
    return {low, high};
}

Ticks release_tick(const Plan& plan) {
    const Ticks beat = plan.meter.beat();
    const Ticks final_bar = plan.length - plan.meter.bar();
    const auto rate = plan.tempo.sample_rate();
    const Samples tail(static_cast<std::int64_t>(rate.hz) * 4 / 5);
    Ticks release = plan.length - beat / 2;
    if (plan.length_samples > tail) release = std::min(release, plan.tempo.to_ticks(plan.length_samples - tail));
    return std::clamp(release, std::max(Ticks(1), final_bar + beat), std::max(Ticks(1), plan.length - Ticks(1)));
}

Score compose(const Plan& plan, const CueSpec& spec, const Style& style) { return compose(plan, spec, style, {}); }

std::vector<Note> compose_melody(const Plan& plan, const CueSpec& spec, const Style& style,
                                 const ComposeOptions& options) {
    const Rng root = Rng(spec.seed).fork("compose");
    const auto chords = write_progression(plan, style.harmony, root.fork("harmony"));
    return write_melody(plan, chords, melody_options(spec, style), melody_rng(root, options));
}

Score compose(const Plan& plan, const CueSpec& spec, const Style& style, const ComposeOptions& options) {
    const Rng root = Rng(spec.seed).fork("compose");
    const auto chords = write_progression(plan, style.harmony, root.fork("harmony"));
    auto melody = write_melody(plan, chords, melody_options(spec, style), melody_rng(root, options));
    rest_under_dialogue(melody, plan.dialogue, kQuarter / 4);
    const std::vector<Soloist> soloists = plan_soloists(spec, style, melody);
    const Arrangement arr = soloists.empty() ? arrange(plan, spec, style)
                                             : arrange_soloists(arrange(plan, spec, style), soloists);
    const Ticks release = release_tick(plan);
    const bool held_ending = plan.ending != Ending::fade_out && plan.length >= plan.meter.bar();

    const Ticks body_end = held_ending ? plan.length - plan.meter.bar() : plan.length;
    Context c{plan, spec, style, arr, chords, melody, body_end, {}, soloists};
    for (const auto& hit : plan.hits) c.locked.push_back(hit.tick);
    c.locked.push_back(c.body_end);

    TrackNotes tracks;
    for (std::size_t i = 0; i < plan.sections.size(); ++i)
        write_section(c, i, tracks, root.fork(plan.sections[i].name + "#" + std::to_string(i)));
    if (soloists.empty()) {
        write_hits(c, tracks);
        write_ending(c, tracks, release, root.fork("ending"));
    } else {
        write_soloist_hits(c, tracks);
        write_soloist_ending(c, tracks, release, root.fork("ending"));
    }
    std::vector<Ticks> marked;
    for (const auto& hit : plan.hits)
        if (marked_hit(plan, hit)) marked.push_back(hit.tick);

    Score score = empty_score(plan);
    score.chords = chords;
    auto finish = [&](Track track, int polyphony) {
        if (!track.drums) breathe_before_hits(track.notes, marked, hit_breath(plan));
        thin_under_dialogue(c, track);
        clip_to_release(track, release);
        if (polyphony > 0) limit_polyphony(track.notes, polyphony);
        if (plan.ending == Ending::fade_out) {
            const auto bars = std::clamp<std::int64_t>(plan.length / plan.meter.bar() / 4, 2, 4);
            apply_fade(track.controls, plan.meter, std::max(Ticks(0), release - plan.meter.bar() * bars), release);
        }
        sort_track(track);
        if (!track.notes.empty()) score.tracks.push_back(std::move(track));
    };
    // A cue of single players: a track per player, in group order and then the order the spec lists them.
    for (const Soloist& s : soloists) {
        auto it = tracks.find(s.player.track);
        if (it == tracks.end()) continue;
        Track track = std::move(it->second);
        if (!s.player.voice.empty()) {
            const InstrumentInfo info = player_instrument(style, s.player);
            fold_into_register(track.notes, info.low, info.high);
            track.group = s.player.group;
        }
        finish(std::move(track), s.player.polyphony);
    }
    for (const auto& g : track_group_order()) {
        auto it = tracks.find(g);
        if (!soloists.empty() || it == tracks.end() || !allowed(arr, g)) continue;
        Track track = std::move(it->second);
        if (group_voice(spec.instruments, g) != nullptr) {
            const InstrumentInfo info = played(c, g);
            fold_into_register(track.notes, info.low, info.high);
            track.group = g;
            track.name = stem_name(spec.instruments, g);  // the stem is named by what plays
        }
        finish(std::move(track), 0);
    }
    // Stabs of slow-speaking groups, on their striking instrument (write_hits).
    for (const auto& g : track_group_order())
        if (auto it = tracks.find(stab_track_name(g)); soloists.empty() && it != tracks.end()) finish(std::move(it->second), 0);
    for (const auto& s : plan.sections) score.markers.push_back(Marker{s.start, s.name});
    for (const auto& hit : plan.hits) score.markers.push_back(Marker{hit.tick, hit.kind});
    std::stable_sort(score.markers.begin(), score.markers.end(),
                     [](const Marker& a, const Marker& b) { return a.time < b.time; });
    return score;
}

}  // namespace tunesmith
