// Mixing and mastering stems into the cue's mix with LINKED processing: every gain that depends
// on the sum (ducking, master gain, limiter, end fade) is computed once and applied to every stem,
// so the exported stems sum to the mix. Thread contract: reentrant; uses its own worker threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "audio/buffer.h"
#include "base/progress.h"
#include "music/score.h"
#include "render/dsp.h"
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
    double duck_db = -10.0;
    Seconds duck_ramp{0.2};
    double target_lufs = -14.0;
    double true_peak_dbtp = -1.0;
    Samples length{0};          // exact frames of the mix; 0: the stems' length
    Seconds end_fade{0.005};    // a click guard only; the music itself ends earlier
    Seconds limiter_lookahead{0.005};
    Seconds limiter_release{0.08};
    bool make_loop = true;
    int threads = 0;            // 0: all hardware threads
};

// Loudness target, true-peak ceiling, dialogue ducking (rules.duck_under_dialogue) and the exact
// length (Score.length_samples) of a cue.
MixSettings mix_settings_for(const CueSpec& spec, const Score& score);

struct MixResult {
    std::vector<Stem> stems;  // final, post-everything; they sum to `mix`
    AudioBuffer mix;          // exactly `length` frames
    AudioBuffer loop;         // `length` frames, release tail folded into the start (empty if not asked)
    double integrated_lufs = 0.0;     // of `mix` (libebur128); -infinity when silent
    double true_peak_dbtp = 0.0;      // of `mix` (libebur128, 4x oversampled)
    double master_gain_db = 0.0;
    double max_gain_reduction_db = 0.0;  // deepest limiter reduction
    int iterations = 0;                  // measure/adjust rounds until the target was met
};

// Stems must share rate and channel count (stereo). Progress: stage "mix" then "master".
MixResult mix_and_master(std::vector<Stem> stems, const MixSettings& settings, const Reporter& reporter = {});

// Seamlessly loopable version of a signal `length` frames long whose tail (frames from `length`
// on) continues past the loop point: the tail is added onto the start.
AudioBuffer fold_loop(const AudioBuffer& extended, std::size_t length);

}  // namespace tunesmith
