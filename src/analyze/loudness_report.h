// The loudness section of an analysis (EBU R128 / ITU BS.1770 via libebur128): integrated
// loudness, loudness range, a short-term curve, true and sample peak. Pure; thread-safe.
#pragma once

#include <vector>

#include "audio/buffer.h"

namespace tunesmith {

struct LoudnessReportOptions {
    double short_term_hop_s = 0.5;  // spacing of the short-term (3 s window) loudness curve
};

// Values are -infinity where the measure is undefined (silence, or audio shorter than a block).
struct LoudnessReport {
    double integrated_lufs = 0.0;
    double loudness_range_lu = 0.0;
    double max_short_term_lufs = 0.0;
    double true_peak_dbtp = 0.0;
    double sample_peak_dbfs = 0.0;
    double short_term_hop_s = 0.5;
    std::vector<double> short_term_lufs;  // value i: the 3 s window ending at (i + 1) * hop
};

LoudnessReport loudness_report(const AudioBuffer& audio, const LoudnessReportOptions& options = {});

}  // namespace tunesmith
