// Chroma from spectral peaks: each peak's frequency is refined by parabolic interpolation,
// the recording's tuning is estimated from all peaks, and peak amplitudes are folded to pitch classes.
#include "analyze/chroma.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <cstdint>
#include <string>

#include "analyze/spectral.h"
#include "audio/resample.h"
#include "base/error.h"

namespace tunesmith {
namespace {

struct Peak {
    double pitch = 0.0;   // fractional MIDI pitch, A4 = 69 at 440 Hz (before tuning correction)
    double amplitude = 0.0;
    double hz = 0.0;
};

// Spectral peaks of one magnitude frame (bins of `bin_hz` Hz).
std::vector<Peak> frame_peaks(std::span<const float> magnitude, double bin_hz, const ChromaOptions& options) {
    std::vector<Peak> peaks;
    const auto first = static_cast<std::size_t>(std::max(2.0, std::floor(options.min_hz / bin_hz)));
    const auto last = std::min(magnitude.size() - 2, static_cast<std::size_t>(std::ceil(options.max_hz / bin_hz)));
    float loudest = 0.0f;
    for (std::size_t k = first; k <= last; ++k) loudest = std::max(loudest, magnitude[k]);
    if (loudest <= 0.0f) return peaks;
    // Peaks more than 50 dB under the frame's loudest are sidelobes or noise.
    const float floor = loudest * 0.003f;
    for (std::size_t k = first; k <= last; ++k) {
        const float m = magnitude[k];
        if (m < floor || m <= magnitude[k - 1] || m < magnitude[k + 1]) continue;
        const double a = std::log(static_cast<double>(std::max(magnitude[k - 1], 1e-12f)));
        const double b = std::log(static_cast<double>(m));
        const double c = std::log(static_cast<double>(std::max(magnitude[k + 1], 1e-12f)));
        const double denominator = a - 2.0 * b + c;
        const double offset = std::abs(denominator) > 1e-12 ? std::clamp(0.5 * (a - c) / denominator, -0.5, 0.5) : 0.0;
        const double hz = (static_cast<double>(k) + offset) * bin_hz;
        const double amplitude = std::exp(b - 0.25 * (a - c) * offset);
        peaks.push_back({69.0 + 12.0 * std::log2(hz / 440.0), amplitude, hz});
    }
    return peaks;
}

// The tuning offset in semitones (-0.5..0.5): the amplitude-weighted circular mean of the
// peaks' deviations from the equal-tempered grid.
double estimate_tuning(const std::vector<std::vector<Peak>>& peaks) {
    double s = 0.0;
    double c = 0.0;
    for (const auto& frame : peaks)
        for (const Peak& p : frame) {
            const double angle = 2.0 * std::numbers::pi * (p.pitch - std::round(p.pitch));
            s += p.amplitude * std::sin(angle);
            c += p.amplitude * std::cos(angle);
        }
    if (s == 0.0 && c == 0.0) return 0.0;
    return std::atan2(s, c) / (2.0 * std::numbers::pi);
}

int wrap_pc(long n) { return static_cast<int>(((n % 12) + 12) % 12); }

}  // namespace

std::size_t Chromagram::frame_at(Samples sample) const {
    if (full.empty()) return 0;
    const double seconds = to_seconds(sample, source_rate).value;
    const double index = std::round(seconds * analysis_rate.hz / hop);
    return static_cast<std::size_t>(std::clamp(index, 0.0, static_cast<double>(full.size() - 1)));
}

Chromagram compute_chroma(std::span<const float> mono, SampleRate rate, const ChromaOptions& options) {
    if (rate.hz < 4000) throw InputError("sample_rate", std::to_string(rate.hz), "at least 4000 Hz");
    if (options.window < 256 || options.hop < 1 || options.hop > options.window)
        throw InputError("chroma.window", std::to_string(options.window), ">= 256 with 1 <= hop <= window");
    Chromagram chroma;
    chroma.source_rate = rate;
    chroma.analysis_rate = SampleRate(std::min(rate.hz, options.analysis_rate));
    chroma.hop = options.hop;
    if (mono.empty()) return chroma;

    std::vector<float> resampled;
    std::span<const float> signal = mono;
    if (chroma.analysis_rate != rate) {
        resampled = resample(mono, rate, chroma.analysis_rate);
        signal = resampled;
    }
    // Frame by frame: only each frame's peaks and power are kept, not the spectrogram.
    const double bin_hz = static_cast<double>(chroma.analysis_rate.hz) / options.window;
    const std::size_t frames = static_cast<std::size_t>(1 + (static_cast<std::int64_t>(signal.size()) - 1) / options.hop);
    std::vector<std::vector<Peak>> peaks(frames);
    std::vector<double> power(frames, 0.0);
    for_each_magnitude_frame(signal, options.window, options.hop, options.window / 2 + 1,
                             [&](std::size_t f, std::span<const float> magnitude) {
                                 peaks[f] = frame_peaks(magnitude, bin_hz, options);
                                 for (float m : magnitude) power[f] += static_cast<double>(m) * static_cast<double>(m);
                             });
    chroma.tuning_cents = 100.0 * estimate_tuning(peaks);
    const double tuning = chroma.tuning_cents / 100.0;
    const double loudest = power.empty() ? 0.0 : *std::max_element(power.begin(), power.end());
    const double silent_below = loudest * std::pow(10.0, options.silence_db / 10.0);
    const double amplitude_scale = magnitude_normalisation(options.window);

    chroma.full.assign(frames, PitchClassVector{});
    chroma.bass.assign(frames, PitchClassVector{});
    chroma.energy.assign(frames, 0.0f);
    for (std::size_t f = 0; f < frames; ++f) {
        if (loudest <= 0.0 || power[f] <= silent_below || power[f] <= 1e-20) continue;
        chroma.energy[f] = static_cast<float>(power[f] / loudest);
        std::array<double, 12> full{};
        std::array<double, 12> bass{};
        for (const Peak& p : peaks[f]) {
            const double pitch = p.pitch - tuning;
            const double nearest = std::round(pitch);
            // Peaks between semitones (noise, partials of inharmonic sounds) count for little.
            const double weight = std::pow(std::cos(std::numbers::pi * (pitch - nearest)), 2.0);
            const double amount = weight * p.amplitude * amplitude_scale;
            const int pc = wrap_pc(static_cast<long>(nearest));
            full[static_cast<std::size_t>(pc)] += amount;
            if (p.hz < options.bass_max_hz) bass[static_cast<std::size_t>(pc)] += amount;
        }
        for (std::size_t pc = 0; pc < 12; ++pc) {
            chroma.full[f][pc] = static_cast<float>(std::log1p(options.compression * full[pc]));
            chroma.bass[f][pc] = static_cast<float>(std::log1p(options.compression * bass[pc]));
        }
    }
    return chroma;
}

PitchClassVector mean_chroma(std::span<const PitchClassVector> frames, std::span<const float> energy,
                             std::size_t begin, std::size_t end) {
    std::array<double, 12> sum{};
    double total = 0.0;
    end = std::min(end, frames.size());
    for (std::size_t f = begin; f < end; ++f) {
        const double w = f < energy.size() ? static_cast<double>(energy[f]) : 1.0;
        if (w <= 0.0) continue;
        // Weighting by the square root of energy keeps loud frames from dominating a segment.
        const double weight = std::sqrt(w);
        for (std::size_t pc = 0; pc < 12; ++pc) sum[pc] += weight * static_cast<double>(frames[f][pc]);
        total += weight;
    }
    PitchClassVector out{};
    if (total <= 0.0) return out;
    for (std::size_t pc = 0; pc < 12; ++pc) out[pc] = static_cast<float>(sum[pc] / total);
    return out;
}

}  // namespace tunesmith
