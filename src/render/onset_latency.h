// Onset latency of SoundFont notes, so that the notes making a hit sound ON the hit's sample: the
// onset definition (shared with eval_video), the hit times of a score, and per-note early starts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "music/score.h"
#include "render/fluid_synth.h"

namespace tunesmith {

// The onset's floor relative to the peak: 3% (-30 dB). A drum sample's quiet lead-in (some 70
// samples at -50..-60 dB before the attack of FluidR3's kick) is audible in silence only; under
// the tails of earlier notes (-45..-35 dB of a hit's peak in the eval's drum stems) the onset is
// where the attack rises above them. With a -30 dB floor the onset of a note alone, which render
// measures, is the onset the eval finds in context.
inline constexpr double kOnsetFloor = 3e-2;

// The first sample at or after `around - 2 ms` whose magnitude (the larger of the two channels)
// rises above both 1.5x the level in the 25 ms before `around - 2 ms` and `floor` x the peak in
// the 50 ms after `around`; -1 when there is none. This is "the onset" for render and eval_video.
std::int64_t onset_near(const std::vector<float>& left, const std::vector<float>& right, std::int64_t around,
                        SampleRate rate, double floor = kOnsetFloor);

// A marker that compose wrote for a planned hit (kinds hit, stinger, drop, lift, cut), not a section.
bool is_hit_marker(const Marker& marker);

// The ticks of the score's hit markers, sorted and unique.
std::vector<Ticks> hit_ticks(const Score& score);

// Samples from a note-on sent on a block boundary to the onset of that note played alone on
// `track`'s preset (default controllers) by `synth` (which renders at `rate`). 0 when the note is silent within 50 ms.
std::int64_t measure_onset_latency(FluidSynthInstance& synth, SampleRate rate, const Track& track, int key,
                                   int velocity);

// For each note of score.tracks[track]: how many samples early its note-on is sent, so that its
// onset lands on its own sample. Non-zero only for notes that start on a hit tick; each distinct
// (key, velocity) of those is measured once with a synth loading `soundfont` (the render's
// PlayableSoundFont path) with `config`. A pure function of the font bytes and the notes.
std::vector<std::int64_t> hit_note_leads(const Score& score, std::size_t track,
                                         const std::filesystem::path& soundfont, const SynthConfig& config);

}  // namespace tunesmith
