// The master's loudness and true peak, measured in parallel parts: what master_stems iterates
// against. The master is gain x limiter envelope x end fade x the sum of the stems.
#pragma once

#include <cstddef>

#include "audio/loudness.h"
#include "render/frame_store.h"

namespace tunesmith {

// Gain of the end fade at frame i of a `length`-frame mix (1 before the fade, 0 at the last frame).
struct EndFade {
    std::size_t length = 0;
    std::size_t fade = 0;
    float at(std::size_t i) const;
};

// The master signal over frames [0, fade.length): sum x gain x envelope x fade.
struct MasterSignal {
    const FrameStore* sum = nullptr;       // stereo, >= fade.length frames
    const FrameStore* envelope = nullptr;  // mono limiter gains, >= fade.length frames; null: none
    double gain = 1.0;
    EndFade fade;

    // Frames [first, first + count) into `block` (resized); `scratch` holds the envelope.
    void read(std::size_t first, std::size_t count, AudioBuffer& block, AudioBuffer& scratch) const;
};

// Integrated loudness (libebur128, one meter per 15 s part, merged: see
// LoudnessMeter::integrated_lufs_of), sample peak and true peak (audio/true_peak.h: libebur128's
// interpolator) of the master. Parts run on up to `threads` threads; the result does not depend
// on the thread count.
LoudnessReading measure_master(const MasterSignal& master, int threads);

}  // namespace tunesmith
