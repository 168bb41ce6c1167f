// How one track is synthesised around its hits. FluidSynth starts a note only on a 64-sample block,
// so the notes a track plays ON a hit (its accent) are given to a synth of their own, started on the
// exact sample that puts the accent's onset (render/attack_onset.h) on the hit's sample; the stem is
// the track's own synth plus these layers. Before a hit where the track rests, what still rings
// (releases, a drum's ring, pedalled notes) fades out and is silenced on the hit, as a player damps
// or a mixer rides the fader in the breath. Pure functions of their inputs; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "music/score.h"
#include "render/stem_events.h"

namespace tunesmith {

// How long what rings into a hit takes to fade out. Long enough to be a damping, not a cut (the
// breath compose leaves is half a beat, 200-400 ms), and over before the hit's attack: backward
// masking hides a sound 10-20 ms before a loud attack, so the fade's tail is not heard as a gap.
inline constexpr Seconds kBreathFade{0.1};

inline constexpr std::int64_t kNeverSample = std::numeric_limits<std::int64_t>::max() / 4;

// What rings is faded over [from, to) (raised cosine, 1 to 0) and silenced at `to`.
struct BreathFade {
    std::int64_t from = kNeverSample;
    std::int64_t to = kNeverSample;  // a block boundary at or before the hit's sample
    friend bool operator==(const BreathFade&, const BreathFade&) = default;
};

// One hit's accent on one track, played by a synth of its own.
struct HitLayer {
    std::int64_t start = 0;          // the sample its synth starts on: the hit's sample - the accent's onset latency
    ChannelState state;              // the track's controllers and bend in force at the hit
    std::vector<SynthEvent> events;  // samples relative to `start`, on the layer's own block grid
    std::int64_t sounds_until = 0;   // (absolute) silent from here on: last release, pedal and release bound included
    BreathFade fade_out;             // the next breath where the track rests: faded over it, stopped at its end
    friend bool operator==(const HitLayer&, const HitLayer&) = default;
};

struct TrackSchedule {
    std::vector<SynthEvent> events;  // the track's own synth: every note but the layers', a CC 120 (all sound off) at each fade's end
    std::vector<HitLayer> layers;    // by start
    std::vector<BreathFade> fades;   // by time: the track's own synth is faded there
    friend bool operator==(const TrackSchedule&, const TrackSchedule&) = default;
};

// The gain (0..1) of a fade at frame t: 1 before it, 0 from its end.
double breath_gain(const BreathFade& fade, std::int64_t t);
// The gain of the track's own synth at frame t: the product of the fades'.
double breath_gain(const std::vector<BreathFade>& fades, std::int64_t t);

// An accent's onset latency in samples: from its notes' on (with the channel in `state`) to its onset.
using AccentLatency = std::function<std::int64_t(const ChannelState& state, const std::vector<Note>& notes)>;

// The schedule of `track` for the hits at `hits` (ticks, sorted): notes starting on a hit form that
// hit's layer; a note before it of a key the layer plays is released where the layer starts, and a
// layer's note no later than the next note of its key. A fade precedes every hit where no note of
// the track starts in the kBreathFade before it. `release`: how long a released note may sound.
TrackSchedule schedule_track(const Track& track, const TempoMap& tempo, const std::vector<Ticks>& hits,
                             const AccentLatency& latency, std::int64_t release);

}  // namespace tunesmith
