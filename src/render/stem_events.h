// The synthesis events of one Track in audio time (note on/off, controllers, pitch bend) and
// the bar-aligned windows they are rendered in. Pure functions of the Score; no FluidSynth here.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "music/score.h"

namespace tunesmith {

// FluidSynth renders in blocks of this many frames; an event takes effect on a block boundary.
inline constexpr std::int64_t kSynthBlock = 64;

enum class SynthEventKind : std::uint8_t { note_off = 0, control = 1, bend = 2, note_on = 3 };

struct SynthEvent {
    std::int64_t sample = 0;  // on the block grid, from the start of the score
    SynthEventKind kind = SynthEventKind::note_on;
    int a = 0;          // key, controller number, or bend value
    int b = 0;          // velocity or controller value
    friend bool operator==(const SynthEvent&, const SynthEvent&) = default;
};

// Controller and bend values in force at a time (what a window's synth must start from).
struct ChannelState {
    std::vector<int> controllers = std::vector<int>(128, -1);  // -1: never set
    int bend = 0;
    friend bool operator==(const ChannelState&, const ChannelState&) = default;
};

struct RenderWindow {
    std::int64_t start = 0;  // first frame the window keeps (a bar line, on the block grid)
    std::int64_t end = 0;    // one past the last frame it keeps
};

// The velocity a note is sent to the synth with.
inline int synth_velocity(const Note& note) { return std::clamp(note.velocity, 1, 127); }

// Nearest multiple of kSynthBlock (ties up).
std::int64_t to_block_grid(std::int64_t sample);

// Windows of `bars_per_window` bars covering [0, total_samples); one window if bars_per_window <= 0.
std::vector<RenderWindow> make_windows(const Score& score, int bars_per_window, std::int64_t total_samples);

// How one note is sent to the track's synth: not at all (a hit layer plays it, render/hit_layers.h),
// or released no later than `off_by` (a later note of its key, played by a layer, would have
// released it there in one synth).
struct NoteSending {
    bool sent = true;
    std::int64_t off_by = std::numeric_limits<std::int64_t>::max();
};

// All events of a track sorted by (sample, kind). Note-offs are kept at least one block after
// their note-on. `sending` (empty, or one per note) leaves notes out and releases notes early.
std::vector<SynthEvent> track_events(const Track& track, const TempoMap& tempo,
                                     const std::vector<NoteSending>& sending = {});

// Sorts events by (sample, kind), keeping the given order within equal keys: offs before
// controllers before ons at one time, so a repeated key restarts cleanly.
void sort_events(std::vector<SynthEvent>& events);

// Controller/bend state after every event strictly before `sample`.
ChannelState state_before(const std::vector<SynthEvent>& events, std::int64_t sample);

}  // namespace tunesmith
