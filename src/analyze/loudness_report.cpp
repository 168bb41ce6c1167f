// Loudness report: integrated loudness, the short-term curve and loudness range from one libebur128
// state (no true-peak mode), and the pruned exact true peak of audio/true_peak.h (libebur128's own
// true-peak mode filters every sample at 4x and was most of the analysis time).
#include "analyze/loudness_report.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include <ebur128.h>

#include "audio/buffer.h"
#include "audio/true_peak.h"

namespace tunesmith {
namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

double to_db(double linear) { return linear > 0.0 ? 20.0 * std::log10(linear) : kMinusInf; }

struct StateDeleter {
    void operator()(ebur128_state* state) const { ebur128_destroy(&state); }
};
using StateHandle = std::unique_ptr<ebur128_state, StateDeleter>;

// Feeds frames [first, first + count) of a planar buffer, interleaving through `scratch`.
void add_frames(ebur128_state* state, const AudioBuffer& audio, std::size_t first, std::size_t count,
                std::vector<float>& scratch) {
    const std::size_t channels = audio.channel_count();
    scratch.resize(count * channels);
    for (std::size_t i = 0; i < count; ++i)
        for (std::size_t c = 0; c < channels; ++c) scratch[i * channels + c] = audio.channels[c][first + i];
    if (count > 0) ebur128_add_frames_float(state, scratch.data(), count);
}

double finite_or_minus_inf(double value) { return std::isfinite(value) ? value : kMinusInf; }

}  // namespace

LoudnessReport loudness_report(const AudioBuffer& audio, const LoudnessReportOptions& options) {
    LoudnessReport report;
    report.short_term_hop_s = options.short_term_hop_s;
    if (audio.frames() == 0 || audio.channel_count() == 0) {
        report.integrated_lufs = report.max_short_term_lufs = kMinusInf;
        report.true_peak_dbtp = report.sample_peak_dbfs = kMinusInf;
        return report;
    }
    const SignalPeaks peaks = signal_peaks(audio);
    report.sample_peak_dbfs = to_db(peaks.sample);
    report.true_peak_dbtp = to_db(peaks.true_peak);

    StateHandle state(ebur128_init(static_cast<unsigned>(audio.channel_count()), static_cast<unsigned long>(audio.rate.hz),
                                   EBUR128_MODE_I | EBUR128_MODE_S | EBUR128_MODE_LRA));
    if (!state) throw std::runtime_error("loudness_report: ebur128_init failed");
    const auto hop = static_cast<std::size_t>(std::max(1L, std::lround(options.short_term_hop_s * audio.rate.hz)));
    std::vector<float> scratch;
    report.max_short_term_lufs = kMinusInf;
    for (std::size_t first = 0; first < audio.frames(); first += hop) {
        const std::size_t count = std::min(hop, audio.frames() - first);
        add_frames(state.get(), audio, first, count, scratch);
        if (count < hop) break;  // a partial last block counts in the integrated value only
        double short_term = kMinusInf;
        if (ebur128_loudness_shortterm(state.get(), &short_term) != EBUR128_SUCCESS) short_term = kMinusInf;
        short_term = finite_or_minus_inf(short_term);
        // libebur128 reports about -691 LUFS for digital silence; treat anything that low as silence.
        if (short_term < -200.0) short_term = kMinusInf;
        report.short_term_lufs.push_back(short_term);
        report.max_short_term_lufs = std::max(report.max_short_term_lufs, short_term);
    }
    double integrated = kMinusInf;
    if (ebur128_loudness_global(state.get(), &integrated) != EBUR128_SUCCESS) integrated = kMinusInf;
    report.integrated_lufs = finite_or_minus_inf(integrated);
    double range = 0.0;
    report.loudness_range_lu = ebur128_loudness_range(state.get(), &range) == EBUR128_SUCCESS ? range : kMinusInf;
    return report;
}

}  // namespace tunesmith
