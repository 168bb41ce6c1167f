// Mixing and mastering stems into the cue's mix with LINKED processing: every gain that depends
// on the sum (ducking, master gain, limiter, end fade) is computed once and applied to every stem,
// so the exported stems sum to the mix. Thread contract: reentrant; uses its own worker threads.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audio/buffer.h"
#include "base/progress.h"
#include "music/score.h"
#include "render/dsp.h"
#include "render/frame_store.h"
#include "render/render.h"
#include "spec/cue_spec.h"

namespace tunesmith {

struct StemMix {
    double gain_db = 0.0;
    double pan = 0.0;           // -1 left .. 1 right
    std::vector<EqBand> eq;     // applied in order
    double reverb_send = 0.15;  // linear send into the shared reverb
    bool duck = true;           // lowered under dialogue
    friend bool operator==(const StemMix&, const StemMix&) = default;
};

// A sensible starting mix per instrument group name (unknown names get a neutral strip).
StemMix default_stem_mix(std::string_view stem_name);

struct SampleRange {
    Samples start;
    Samples end;
    friend bool operator==(const SampleRange&, const SampleRange&) = default;
};

struct MixSettings {
    std::map<std::string, StemMix, std::less<>> stems;  // by stem name; missing: default_stem_mix
    ReverbSettings reverb;
    std::vector<SampleRange> duck_ranges;  // dialogue
    // Hit samples: the reverb return fades out over the kBreathFade before each and comes back
    // within half the pre-delay after it, before the hit's own reverb (render/hit_layers.h).
    std::vector<Samples> hits;
    double duck_db = -10.0;                 // the strips' duck; then trimmed per range to the drop below
    double dialogue_drop_db = 12.0;         // music inside a dialogue range vs around it (render/dialogue_duck.h)
    Seconds duck_ramp{0.2};
    double target_lufs = -14.0;
    double true_peak_dbtp = -1.0;
    Samples length{0};          // exact frames of the mix; 0: the stems' length
    Seconds end_fade{0.005};    // a click guard only; the music itself ends earlier
    Seconds limiter_lookahead{0.005};
    Seconds limiter_release{0.08};
    bool make_loop = true;
    int threads = 0;            // 0: all hardware threads
    std::filesystem::path spill_dir;  // temporary audio goes to unlinked files here; empty: in memory
};

// Loudness target, true-peak ceiling, dialogue ducking (rules.duck_under_dialogue), the hits (the
// score's hit markers) and the exact length (Score.length_samples) of a cue.
MixSettings mix_settings_for(const CueSpec& spec, const Score& score);

// The strip of a stem under these settings (settings.stems, else default_stem_mix).
StemMix stem_mix_of(const MixSettings& settings, std::string_view stem_name);

// The dialogue duck's envelope, as the strips apply it: the ramp in frames (at least 1), and the
// depth (0..1) of one range at frame t: 1 inside it, raised-cosine ramps outside.
double duck_ramp_frames(const MixSettings& settings, SampleRate rate);
double duck_range_depth(const SampleRange& range, double ramp_frames, double t);

// The reverb return's gain (0..1) at frame t under these settings' hits: what rings in the hall
// fades with what rings on stage before a hit, and is back before the hit's own reverb arrives.
double reverb_return_gain(const MixSettings& settings, SampleRate rate, std::int64_t t);

// One stem's channel strip applied block by block: EQ, fader, pan, its share of the shared reverb
// (reverb is linear, so the shares of all stems add up to the reverb of the summed sends; its
// return dips before hits, the same for every stem), then the dialogue ducking. Filters and reverb keep their state between blocks, so any block size gives
// the same samples as one whole-signal pass.
class StemStrip {
public:
    StemStrip(const StemMix& mix, const MixSettings& settings, SampleRate rate);
    // Frames [first, first + count) of the stem, held in block frames [0, count), in order, in place.
    void process(AudioBuffer& block, std::size_t first, std::size_t count);

private:
    StemMix mix_;
    const MixSettings* settings_;
    SampleRate rate_;
    std::vector<std::vector<Biquad>> eq_;  // per channel, per band
    Reverb reverb_;
    std::vector<float> send_, wet_left_, wet_right_;
};

// A mastered cue. The stems are kept after their strips (processed) plus one master gain per
// frame (master gain x limiter x end fade, shared by all stems), so the final stems and the mix
// are produced block by block when they are written: the mix is exactly the sum of the stems.
struct MixResult {
    SampleRate rate;
    std::size_t length = 0;                // frames of the mix
    std::vector<std::string> stem_names;   // in stem order
    std::vector<FrameStore> processed;     // per stem, after strip and ducking, >= length frames
    FrameStore master_gain;                // mono, `length` frames
    FrameStore loop_signal;                // stereo, `length` frames, release tail folded in (empty if not asked)
    double integrated_lufs = 0.0;     // of the mix (libebur128); -infinity when silent
    double true_peak_dbtp = 0.0;      // of the mix (libebur128, 4x oversampled)
    double master_gain_db = 0.0;
    double max_gain_reduction_db = 0.0;  // deepest limiter reduction
    int iterations = 0;                  // measure/adjust rounds until the target was met

    // Frames [first, first + count) of final stem `index` / of the mix (optionally without one stem).
    void read_stem(std::size_t index, std::size_t first, std::size_t count, AudioBuffer& out) const;
    void read_mix(std::size_t first, std::size_t count, AudioBuffer& out, std::string_view excluded = {}) const;
    // Whole signals, for short cues and tests.
    std::vector<Stem> stems() const;
    AudioBuffer mix() const;
    AudioBuffer loop() const;
};

// Stems must share rate and channel count (stereo). Progress: stage "mix" then "master".
// Works in memory unless settings.spill_dir is set.
MixResult mix_and_master(std::vector<Stem> stems, const MixSettings& settings, const Reporter& reporter = {});

// The streamed path of a cue: every track is rendered in one pass and goes through its strip block
// by block into a FrameStore in settings.spill_dir, then master_stems. Peak memory does not grow
// with the length. With render.window_bars > 0, windows are rendered in memory first.
MixResult render_and_master(const Score& score, const RenderOptions& render, const MixSettings& settings,
                            const Reporter& reporter = {});

// Master gain, limiter (iterated against libebur128 until the loudness target and the true-peak
// ceiling are met), end fade and loop over stems already through their strips (all of equal
// length >= settings.length). Progress: stage "master".
MixResult master_stems(std::vector<std::string> names, std::vector<FrameStore> processed, const MixSettings& settings,
                       const Reporter& reporter = {});

// A warning when the mastered loudness misses settings.target_lufs by more than `tolerance_lu`
// (a loud target the limiter cannot reach under the true-peak ceiling, or a silent mix): it names
// the target, the measured figure and why. nullopt when the target was met.
std::optional<std::string> loudness_shortfall(const MixResult& result, const MixSettings& settings,
                                              double tolerance_lu = 0.5);

}  // namespace tunesmith
