// Mix detection and voice isolation on one complex STFT: partial masks from the f0 track,
// median-filter HPSS masks, and weighted overlap-add resynthesis.
#include "accompany/separation.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>

#include "audio/stft.h"

namespace tunesmith {
namespace {

struct ComplexStft {
    int window = 0;
    int hop = 0;
    int bins = 0;
    std::size_t frames = 0;
    std::vector<std::complex<float>> values;  // frames * bins, frame-major
    std::complex<float>& at(std::size_t f, std::size_t b) { return values[f * static_cast<std::size_t>(bins) + b]; }
    float magnitude(std::size_t f, std::size_t b) const { return std::abs(values[f * static_cast<std::size_t>(bins) + b]); }
};

// Frame f is centred on sample f * hop (zero padded by half a window at both ends).
ComplexStft forward(std::span<const float> x, int window, int hop) {
    ComplexStft s;
    s.window = window;
    s.hop = hop;
    s.bins = window / 2 + 1;
    s.frames = x.empty() ? 0 : 1 + (x.size() - 1) / static_cast<std::size_t>(hop);
    s.values.resize(s.frames * static_cast<std::size_t>(s.bins));
    RealFft fft(window);
    const std::vector<float> w = hann_window(window);
    std::vector<float> frame(static_cast<std::size_t>(window));
    for (std::size_t f = 0; f < s.frames; ++f) {
        const auto centre = static_cast<std::int64_t>(f) * hop;
        for (int i = 0; i < window; ++i) {
            const std::int64_t n = centre - window / 2 + i;
            const bool in = n >= 0 && n < static_cast<std::int64_t>(x.size());
            frame[static_cast<std::size_t>(i)] = in ? x[static_cast<std::size_t>(n)] * w[static_cast<std::size_t>(i)] : 0.0f;
        }
        const auto spectrum = fft.transform(frame);
        std::copy(spectrum.begin(), spectrum.end(), s.values.begin() + static_cast<std::ptrdiff_t>(f * static_cast<std::size_t>(s.bins)));
    }
    return s;
}

// Weighted overlap-add with the analysis window as synthesis window, normalised by the summed
// squared window so an unmasked STFT returns the input.
std::vector<float> inverse(const ComplexStft& s, std::size_t length) {
    std::vector<float> out(length, 0.0f), norm(length, 0.0f);
    RealFft fft(s.window);
    const std::vector<float> w = hann_window(s.window);
    const float scale = 1.0f / static_cast<float>(s.window);
    for (std::size_t f = 0; f < s.frames; ++f) {
        const std::span<const std::complex<float>> bins(s.values.data() + f * static_cast<std::size_t>(s.bins),
                                                        static_cast<std::size_t>(s.bins));
        const auto frame = fft.inverse(bins);
        const auto centre = static_cast<std::int64_t>(f) * s.hop;
        for (int i = 0; i < s.window; ++i) {
            const std::int64_t n = centre - s.window / 2 + i;
            if (n < 0 || n >= static_cast<std::int64_t>(length)) continue;
            const auto k = static_cast<std::size_t>(i);
            out[static_cast<std::size_t>(n)] += frame[k] * scale * w[k];
            norm[static_cast<std::size_t>(n)] += w[k] * w[k];
        }
    }
    for (std::size_t n = 0; n < length; ++n) out[n] = norm[n] > 1e-3f ? out[n] / norm[n] : 0.0f;
    return out;
}

// f0 (Hz, 0 if unvoiced) of the pitch track frame nearest to each STFT frame.
std::vector<double> f0_per_frame(const F0Track& f0, std::size_t frames, int hop, SampleRate rate) {
    std::vector<double> out(frames, 0.0);
    if (f0.frames.empty()) return out;
    for (std::size_t f = 0; f < frames; ++f) {
        const double t = static_cast<double>(f) * hop / rate.hz;
        const auto i = static_cast<std::size_t>(std::lround(t / f0.hop_seconds()));
        if (i < f0.frames.size() && f0.frames[i].voiced) out[f] = static_cast<double>(f0.frames[i].f0_hz);
    }
    return out;
}

// Gaussian pass bands around the partials of f0 (value 0..1 per bin).
std::vector<float> partial_mask(double f0, int bins, double bin_hz, const SeparationOptions& options) {
    std::vector<float> mask(static_cast<std::size_t>(bins), 0.0f);
    if (f0 <= 0.0) return mask;
    const double ratio = std::exp2(options.partial_width_cents / 1200.0) - 1.0;
    for (int b = 1; b < bins; ++b) {
        const double hz = b * bin_hz;
        if (hz > options.max_hz) break;
        const double h = std::max(1.0, std::round(hz / f0));
        const double sigma = std::max(h * f0 * ratio, 0.75 * bin_hz);
        const double d = (hz - h * f0) / sigma;
        mask[static_cast<std::size_t>(b)] = static_cast<float>(std::exp(-0.5 * d * d));
    }
    return mask;
}

float median_of(std::vector<float>& values) {
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    return *mid;
}

// HPSS soft masks (harmonic share per cell) from time and frequency medians of the magnitude.
std::vector<float> harmonic_share(const ComplexStft& s, const SeparationOptions& options) {
    const auto bins = static_cast<std::size_t>(s.bins);
    const auto ht = static_cast<std::size_t>(options.harmonic_median / 2), pf = static_cast<std::size_t>(options.percussive_median / 2);
    std::vector<float> share(s.frames * bins, 1.0f), window;
    for (std::size_t f = 0; f < s.frames; ++f)
        for (std::size_t b = 0; b < bins; ++b) {
            window.clear();
            for (std::size_t g = f >= ht ? f - ht : 0; g <= std::min(s.frames - 1, f + ht); ++g) window.push_back(s.magnitude(g, b));
            const float h = median_of(window);
            window.clear();
            for (std::size_t c = b >= pf ? b - pf : 0; c <= std::min(bins - 1, b + pf); ++c) window.push_back(s.magnitude(f, c));
            const float p = median_of(window);
            const float denominator = h * h + p * p;
            share[f * bins + b] = denominator > 0.0f ? h * h / denominator : 0.0f;
        }
    return share;
}

// Quiet for long enough between the voice's first and last note: no band stops dead whenever the
// singer does, so this overrides the other signs of a mix (speech is not a clean sung line either).
bool falls_silent(const MixDetection& detection, const SeparationOptions& options) {
    return detection.quiet_s >= options.bare_min_quiet_s;
}

// Frames within `reach` frames of a voiced frame.
std::vector<bool> near_voice(const std::vector<double>& f0, std::size_t reach) {
    std::vector<bool> out(f0.size(), false);
    for (std::size_t f = 0; f < f0.size(); ++f) {
        if (f0[f] <= 0.0) continue;
        for (std::size_t g = f >= reach ? f - reach : 0; g <= std::min(f0.size() - 1, f + reach); ++g) out[g] = true;
    }
    return out;
}

}  // namespace

MixDetection detect_mix(std::span<const float> mono, SampleRate rate, const F0Track& f0,
                        const SeparationOptions& options) {
    MixDetection out;
    const ComplexStft s = forward(mono, options.window, options.hop);
    const double bin_hz = static_cast<double>(rate.hz) / options.window;
    const auto f0s = f0_per_frame(f0, s.frames, options.hop, rate);
    const auto near = near_voice(f0s, static_cast<std::size_t>(std::ceil(0.15 * rate.hz / options.hop)));
    std::vector<float> shares, voiced_energy, pause_energy;
    std::vector<double> frame_energy(s.frames, 0.0);
    for (std::size_t f = 0; f < s.frames; ++f) {
        double total = 0.0, partial = 0.0;
        const auto mask = partial_mask(f0s[f], s.bins, bin_hz, options);
        for (int b = 1; b < s.bins; ++b) {
            const double hz = b * bin_hz;
            if (hz < 100.0 || hz > 5000.0) continue;
            const double e = std::norm(s.values[f * static_cast<std::size_t>(s.bins) + static_cast<std::size_t>(b)]);
            total += e;
            partial += e * static_cast<double>(mask[static_cast<std::size_t>(b)]);
        }
        frame_energy[f] = total;
        if (f0s[f] > 0.0) {
            voiced_energy.push_back(static_cast<float>(total));
            if (total > 0.0) shares.push_back(static_cast<float>(partial / total));
        } else if (!near[f]) {
            pause_energy.push_back(static_cast<float>(total));
        }
    }
    if (shares.empty()) return out;
    out.partial_share = median_of(shares);
    const double voiced = median_of(voiced_energy);
    const auto first_voiced = static_cast<std::size_t>(std::find_if(f0s.begin(), f0s.end(), [](double hz) { return hz > 0.0; }) - f0s.begin());
    const auto last_voiced = static_cast<std::size_t>(f0s.rend() - std::find_if(f0s.rbegin(), f0s.rend(), [](double hz) { return hz > 0.0; }));
    const double quiet_below = voiced * std::pow(10.0, options.bare_pause_level_db / 10.0);
    const auto quiet = std::count_if(frame_energy.begin() + static_cast<std::ptrdiff_t>(first_voiced),
                                     frame_energy.begin() + static_cast<std::ptrdiff_t>(std::max(first_voiced, last_voiced)),
                                     [&](double e) { return e <= quiet_below; });
    out.quiet_s = static_cast<double>(quiet) * options.hop / rate.hz;
    if (!pause_energy.empty() && voiced > 0.0)
        out.pause_level_db = 10.0 * std::log10(std::max(1e-12, static_cast<double>(median_of(pause_energy)) / voiced));
    out.is_mix = (out.partial_share < options.mix_partial_share || out.pause_level_db > options.mix_pause_level_db) &&
                 !falls_silent(out, options);
    return out;
}

bool same_harmonic_series(double a_hz, double b_hz, int max_term, double cents) {
    if (a_hz <= 0.0 || b_hz <= 0.0) return false;
    const double interval = 1200.0 * std::log2(a_hz / b_hz);
    for (int p = 1; p <= max_term; ++p)
        for (int q = 1; q <= max_term; ++q)
            if (std::abs(interval - 1200.0 * std::log2(static_cast<double>(p) / q)) <= cents) return true;
    return false;
}

double f0_agreement(const F0Track& f0, const F0Track& melody, int same_series_max_term, double same_series_cents) {
    std::size_t voiced = 0, agreeing = 0;
    for (std::size_t i = 0; i < melody.size(); ++i) {
        const PitchFrame& m = melody.frames[i];
        if (!m.voiced || m.f0_hz <= 0.0f) continue;
        ++voiced;
        const auto j = static_cast<std::size_t>(std::lround(melody.frame_time(i) / f0.hop_seconds()));
        if (j >= f0.size() || !f0.frames[j].voiced || f0.frames[j].f0_hz <= 0.0f) continue;
        const double semitones = 12.0 * std::log2(static_cast<double>(f0.frames[j].f0_hz) / static_cast<double>(m.f0_hz));
        agreeing += std::abs(semitones - 12.0 * std::round(semitones / 12.0)) <= 1.0 ||
                    same_harmonic_series(static_cast<double>(f0.frames[j].f0_hz), static_cast<double>(m.f0_hz),
                                         same_series_max_term, same_series_cents);
    }
    return voiced > 0 ? static_cast<double>(agreeing) / static_cast<double>(voiced) : 1.0;
}

void add_melody_agreement(MixDetection& detection, const F0Track& f0, const F0Track& melody,
                          const SeparationOptions& options) {
    detection.melody_agreement = f0_agreement(f0, melody);
    detection.series_agreement = f0_agreement(f0, melody, options.same_series_max_term, options.same_series_cents);
    if (detection.melody_agreement < options.mix_melody_agreement &&
        detection.series_agreement < options.mix_series_agreement && !falls_silent(detection, options))
        detection.is_mix = true;
}

std::vector<float> isolate_voice(std::span<const float> mono, SampleRate rate, const F0Track& f0,
                                 const SeparationOptions& options) {
    ComplexStft s = forward(mono, options.window, options.hop);
    const double bin_hz = static_cast<double>(rate.hz) / options.window;
    const auto f0s = f0_per_frame(f0, s.frames, options.hop, rate);
    const auto near = near_voice(f0s, static_cast<std::size_t>(std::ceil(0.08 * rate.hz / options.hop)));
    const std::vector<float> harmonic = harmonic_share(s, options);
    const auto bins = static_cast<std::size_t>(s.bins);
    for (std::size_t f = 0; f < s.frames; ++f) {
        const auto mask = partial_mask(f0s[f], s.bins, bin_hz, options);
        for (std::size_t b = 0; b < bins; ++b) {
            const float h = harmonic[f * bins + b];
            float gain = mask[b] * std::sqrt(h);
            if (near[f]) gain += static_cast<float>(options.consonant_gain) * (1.0f - h) * (1.0f - mask[b]);
            s.at(f, b) *= std::min(1.0f, gain);
        }
    }
    return inverse(s, mono.size());
}

double signal_to_distortion_db(std::span<const float> truth, std::span<const float> estimate) {
    const std::size_t n = std::min(truth.size(), estimate.size());
    double signal = 0.0, error = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double s = static_cast<double>(truth[i]), d = s - static_cast<double>(estimate[i]);
        signal += s * s;
        error += d * d;
    }
    if (signal <= 0.0) return -std::numeric_limits<double>::infinity();
    if (error <= 0.0) return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(signal / error);
}

}  // namespace tunesmith
