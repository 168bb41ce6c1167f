// Motion intensity: frame-to-frame content change with cut frames removed and short spikes
// (flashes) filtered out by a running median, averaged per half second.
#include "video/motion.h"

#include <algorithm>
#include <cmath>

namespace tunesmith {
namespace {

// Per-frame content change, with the frames of every cut replaced by their neighbours' level.
std::vector<double> frame_motion(const std::vector<FrameSignals>& signals, const std::vector<Cut>& cuts) {
    std::vector<double> motion(signals.size(), 0.0);
    std::vector<bool> masked(signals.size(), false);
    for (const Cut& cut : cuts)
        for (std::int64_t f = cut.first_frame; f <= cut.last_frame + 1; ++f)
            if (f >= 0 && f < static_cast<std::int64_t>(masked.size())) masked[static_cast<std::size_t>(f)] = true;
    for (std::size_t j = 1; j < signals.size(); ++j) motion[j] = masked[j] ? -1.0 : signals[j].content_prev;
    if (!motion.empty()) motion[0] = -1.0;
    // A running median of 7 frames removes spikes of up to three frames (flashes); masked frames are skipped.
    std::vector<double> filtered(motion.size(), 0.0);
    std::vector<double> window;
    for (std::size_t j = 0; j < motion.size(); ++j) {
        window.clear();
        for (std::size_t k = j >= 3 ? j - 3 : 0; k <= j + 3 && k < motion.size(); ++k)
            if (motion[k] >= 0.0) window.push_back(motion[k]);
        if (window.empty()) continue;
        std::nth_element(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(window.size() / 2), window.end());
        filtered[j] = window[window.size() / 2];
    }
    return filtered;
}

std::size_t bin_of(Rational time) {
    const Rational scaled{time.num * kMotionBinsPerSecond, time.den};
    return static_cast<std::size_t>(std::max<std::int64_t>(0, scaled.num / scaled.den));
}

const char* tier_of(double level) { return level < 0.33 ? "low" : (level < 0.66 ? "medium" : "high"); }

}  // namespace

MotionAnalysis measure_motion(const std::vector<FrameSignals>& signals, const std::vector<Cut>& cuts) {
    MotionAnalysis result;
    if (signals.empty()) return result;
    const std::vector<double> motion = frame_motion(signals, cuts);
    const std::size_t bins = bin_of(signals.back().time) + 1;
    std::vector<double> sum(bins, 0.0);
    std::vector<int> count(bins, 0);
    for (std::size_t j = 0; j < signals.size(); ++j) {
        const std::size_t b = bin_of(signals[j].time);
        sum[b] += motion[j];
        ++count[b];
    }
    result.raw.resize(bins, 0.0);
    for (std::size_t b = 0; b < bins; ++b) result.raw[b] = count[b] > 0 ? sum[b] / count[b] : 0.0;
    std::vector<double> sorted = result.raw;
    std::sort(sorted.begin(), sorted.end());
    const double p90 = sorted[std::min(sorted.size() - 1, sorted.size() * 9 / 10)];
    // A floor, so a nearly still video stays "low" instead of being stretched to full scale.
    result.scale = std::max(p90, 0.02);
    result.level.resize(bins);
    for (std::size_t b = 0; b < bins; ++b) result.level[b] = std::clamp(result.raw[b] / result.scale, 0.0, 1.0);
    return result;
}

std::vector<IntensitySegment> intensity_segments(const MotionAnalysis& motion, std::size_t min_bins) {
    const std::size_t n = motion.level.size();
    std::vector<double> smooth(n, 0.0);
    for (std::size_t b = 0; b < n; ++b) {
        double total = 0.0;
        int used = 0;
        for (std::size_t k = b >= 2 ? b - 2 : 0; k <= b + 2 && k < n; ++k, ++used) total += motion.level[k];
        smooth[b] = used > 0 ? total / used : 0.0;
    }
    struct Run { std::size_t first, last; std::string tier; };
    std::vector<Run> runs;
    for (std::size_t b = 0; b < n; ++b) {
        const std::string tier = tier_of(smooth[b]);
        if (!runs.empty() && runs.back().tier == tier) runs.back().last = b;
        else runs.push_back(Run{b, b, tier});
    }
    std::vector<Run> merged;
    for (const Run& run : runs) {
        if (!merged.empty() && run.last - run.first + 1 < min_bins) merged.back().last = run.last;
        else if (!merged.empty() && merged.back().last - merged.back().first + 1 < min_bins) {
            merged.back().last = run.last;
            merged.back().tier = run.tier;
        } else merged.push_back(run);
    }
    std::vector<IntensitySegment> segments;
    for (const Run& run : merged) {
        double total = 0.0;
        for (std::size_t b = run.first; b <= run.last; ++b) total += smooth[b];
        const double level = total / static_cast<double>(run.last - run.first + 1);
        segments.push_back(IntensitySegment{Rational(static_cast<std::int64_t>(run.first), kMotionBinsPerSecond).reduced(),
                                            Rational(static_cast<std::int64_t>(run.last + 1), kMotionBinsPerSecond).reduced(),
                                            level, tier_of(level)});
    }
    return segments;
}

}  // namespace tunesmith
