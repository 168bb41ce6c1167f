// Rendering a Score to stems with FluidSynth and a General MIDI SoundFont: one stereo stem per
// Track, sample-grid event scheduling, bar-aligned windows rendered on all cores and reused when
// their content repeats. Thread contract: render_stems is reentrant; it owns its worker threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "audio/buffer.h"
#include "base/progress.h"
#include "music/score.h"
#include "render/soundfont_cache.h"

namespace tunesmith {

struct RenderOptions {
    std::filesystem::path soundfont;  // empty: default_soundfont()
    int threads = 0;                  // 0: all hardware threads
    int window_bars = 0;              // bars per render window (exact: each renders from a pre-roll); 0: one pass per stem
    bool reuse_windows = true;        // render a repeated window once and copy it
    Seconds tail{4.0};                // rendered past Score.length_samples (release + loop fold)
    double synth_gain = 0.2;          // FluidSynth master gain (stems are normalised by mastering)
    int polyphony = 256;
    // Where a compressed (.sf3) SoundFont is kept decoded between runs (render/soundfont_cache.h,
    // e.g. default_soundfont_cache()); empty: each render decodes the samples its presets use. The
    // bytes of a render are the same either way.
    std::filesystem::path soundfont_cache{};
};

struct Stem {
    std::string name;
    AudioBuffer audio;  // stereo, at the score's rate, Score.length_samples + tail frames
    friend bool operator==(const Stem&, const Stem&) = default;
};

// Per-render statistics (for the benchmark and the report).
struct RenderStats {
    int windows = 0;           // render windows over all stems
    int windows_reused = 0;    // windows copied from an identical earlier one
    double soundfont_load_seconds = 0.0;  // summed over worker synths
};

// MuseScore General (Debian musescore-general-soundfont-small), else FluidR3_GM; empty if neither exists.
std::filesystem::path default_soundfont();

// The SoundFont to use for these options. InputError("soundfont", path, ...) if it is missing or unreadable.
std::filesystem::path resolve_soundfont(const RenderOptions& options);

// The SoundFont the synths load for this score: resolve_soundfont reduced to the presets the score
// plays (make_playable_soundfont, through the cache when compressed). Call once per render.
PlayableSoundFont playable_soundfont_for(const Score& score, const RenderOptions& options,
                                         const Reporter& reporter = {});

// One stem per Track, in Track order. Events are placed on FluidSynth's 64-sample block grid
// (nearest grid point to Score.tempo.to_samples of each event). Progress: stage "render".
std::vector<Stem> render_stems(const Score& score, const RenderOptions& options, const Reporter& reporter = {},
                               RenderStats* stats = nullptr);

// Frames a render of this score spans: Score.length_samples plus options.tail.
std::int64_t rendered_frames(const Score& score, const RenderOptions& options);

// One track rendered in one pass (no windows) and handed to `sink` in consecutive pieces covering
// frames [0, rendered_frames) exactly, silence after the last voice included. Memory does not grow
// with the length. `soundfont` is playable_soundfont_for(score, options).path().
using BlockSink = std::function<void(const float* left, const float* right, std::size_t first, std::size_t count)>;
void render_track_blocks(const Score& score, std::size_t track, const RenderOptions& options,
                         const std::filesystem::path& soundfont, const BlockSink& sink);

// render_track_blocks regrouped into stereo blocks of `block_frames` frames (the last one shorter):
// on_block(block, first frame, frames in the block).
using StereoBlockSink = std::function<void(AudioBuffer& block, std::size_t first, std::size_t count)>;
void render_track_in_blocks(const Score& score, std::size_t track, const RenderOptions& options,
                            const std::filesystem::path& soundfont, std::size_t block_frames,
                            const StereoBlockSink& on_block);

}  // namespace tunesmith
