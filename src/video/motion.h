// Motion intensity over time from frame-to-frame content change (cuts and flashes removed), a
// half-second curve normalised to the video's own range, and scene-intensity segments
// (low / medium / high) that drive the cue's energy. Pure functions; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "video/cuts.h"
#include "video/frame_signals.h"

namespace tunesmith {

inline constexpr std::int64_t kMotionBinsPerSecond = 2;

struct MotionAnalysis {
    std::vector<double> raw;    // per half-second bin: mean content change per frame (0..1)
    std::vector<double> level;  // per bin, 0..1 relative to the video's own busy level
    double scale = 0.0;         // the raw value that maps to level 1
    friend bool operator==(const MotionAnalysis&, const MotionAnalysis&) = default;
};

struct IntensitySegment {
    Rational start;  // bin boundaries (multiples of 1/2 s), exact
    Rational end;
    double level = 0.0;  // mean level, 0..1
    std::string tier;    // "low", "medium" or "high"
    friend bool operator==(const IntensitySegment&, const IntensitySegment&) = default;
};

MotionAnalysis measure_motion(const std::vector<FrameSignals>& signals, const std::vector<Cut>& cuts);

// Runs of one tier at least `min_bins` half-seconds long (shorter runs join their neighbour).
std::vector<IntensitySegment> intensity_segments(const MotionAnalysis& motion, std::size_t min_bins = 4);

}  // namespace tunesmith
