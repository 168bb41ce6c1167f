// measure_master: the master cut into parts on the loudness meter's 100 ms block grid, each part
// measured on its own thread with a pre-roll so the parts' gating blocks tile the whole signal's.
#include "render/master_meter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "audio/true_peak.h"
#include "render/dsp.h"

namespace tunesmith {
namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

double to_db(double linear) { return linear > 0.0 ? 20.0 * std::log10(linear) : kMinusInf; }

// libebur128's block hop: (rate + 5) / 10 frames; a gating block is four hops.
std::size_t meter_hop(SampleRate rate) { return static_cast<std::size_t>((rate.hz + 5) / 10); }

constexpr std::size_t kHopsPerPart = 150;  // 15 s parts: few pre-rolls, enough parts for the cores
constexpr std::size_t kPreRollHops = 3;    // a part's meter starts where its first straddling block does

}  // namespace

float EndFade::at(std::size_t i) const {
    if (fade == 0 || i + fade < length) return 1.0f;
    const double x = static_cast<double>(length - 1 - i) / static_cast<double>(fade);
    return static_cast<float>(0.5 - 0.5 * std::cos(std::numbers::pi * std::clamp(x, 0.0, 1.0)));
}

void MasterSignal::read(std::size_t first, std::size_t count, AudioBuffer& block, AudioBuffer& scratch) const {
    sum->read(first, count, block);
    if (envelope != nullptr) envelope->read(first, count, scratch);
    const auto g = static_cast<float>(gain);
    const float* env = envelope != nullptr ? scratch.channels[0].data() : nullptr;
    for (auto& channel : block.channels)
        for (std::size_t i = 0; i < count; ++i)
            channel[i] *= g * (env != nullptr ? env[i] : 1.0f) * fade.at(first + i);
}

LoudnessReading measure_master(const MasterSignal& master, int threads) {
    const std::size_t length = master.fade.length;
    const SampleRate rate = master.sum->rate();
    const std::size_t hop = meter_hop(rate);
    const std::size_t part = kHopsPerPart * hop;
    const std::size_t parts = std::max<std::size_t>(1, (length + part - 1) / part);
    std::vector<LoudnessMeter> meters;
    for (std::size_t p = 0; p < parts; ++p) meters.emplace_back(rate, master.sum->channel_count(), false);
    std::vector<SignalPeaks> peaks(parts);
    parallel_for(parts, threads, [&](std::size_t p) {
        const std::size_t first = std::min(length, p * part);
        const std::size_t last = std::min(length, first + part);
        const std::size_t from = first - std::min(first, kPreRollHops * hop);
        AudioBuffer window, scratch;
        master.read(from, last - from, window, scratch);
        meters[p].add(window);
        peaks[p] = signal_peaks(window, first - from, last - from);
    });
    LoudnessReading reading;
    reading.integrated_lufs = LoudnessMeter::integrated_lufs_of(meters);
    SignalPeaks all;
    for (const SignalPeaks& p : peaks) {
        all.sample = std::max(all.sample, p.sample);
        all.true_peak = std::max(all.true_peak, p.true_peak);
    }
    reading.sample_peak_dbfs = to_db(all.sample);
    reading.true_peak_dbtp = to_db(all.true_peak);
    return reading;
}

}  // namespace tunesmith
