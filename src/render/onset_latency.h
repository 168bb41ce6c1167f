// Onset latency of SoundFont notes, so that the notes making a hit sound ON the hit's sample: the
// hit times of a score, the latency of an accent, and the tracks' schedules around their hits.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "music/score.h"
#include "render/fluid_synth.h"
#include "render/hit_layers.h"

namespace tunesmith {

// The onset sessions 6-11 timed hits with (render now places them by attack_onset, which sees a
// hit's attack, not the quiet lead-in or faint click before it); eval_video prints it beside
// attack_onset. The floor is relative to the peak: 3% (-30 dB).
inline constexpr double kOnsetFloor = 3e-2;

// The first sample at or after `around - 2 ms` whose magnitude (the larger of the two channels)
// rises above both 1.5x the level in the 25 ms before `around - 2 ms` and `floor` x the peak in
// the 50 ms after `around`; -1 when there is none.
std::int64_t onset_near(const std::vector<float>& left, const std::vector<float>& right, std::int64_t around,
                        SampleRate rate, double floor = kOnsetFloor);

// A marker that compose wrote for a planned hit (kinds hit, stinger, drop, lift, cut), not a section.
bool is_hit_marker(const Marker& marker);

// The ticks of the score's hit markers, sorted and unique.
std::vector<Ticks> hit_ticks(const Score& score);

// Samples from the note-ons of `notes` (all at once, on a block boundary, in order) to the onset
// (attack_onset) of their sound on `track`'s preset with the channel in `state`, played alone by
// `synth` (which renders at `rate`). 0 when they are silent within 50 ms.
std::int64_t measure_accent_latency(FluidSynthInstance& synth, SampleRate rate, const Track& track,
                                    const ChannelState& state, const std::vector<Note>& notes);

// The schedule of score.tracks[track] around the score's hits (render/hit_layers.h), each distinct
// accent's latency measured once by the pool's first synth (one loading the render's
// PlayableSoundFont; made only when the track plays a hit). A pure function of the font bytes, the
// score and the pool's history (fresh, or as the same calls left it).
TrackSchedule hit_schedule(const Score& score, std::size_t track, SynthPool& pool, std::int64_t release);

}  // namespace tunesmith
