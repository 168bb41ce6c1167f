// Short-time Fourier transform on FFTW float plans: a RAII real-FFT of one size (planned once,
// executed for every frame) and the magnitude spectrogram every analyzer starts from.
// RealFft is not shareable between threads while executing; creating plans is serialised
// internally (FFTW's planner is not thread-safe). magnitude_spectrogram is thread-safe.
#pragma once

#include <complex>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "music/units.h"

namespace tunesmith {

// A real FFT of a fixed size, forward (real to complex) and inverse (complex to real). The plans
// and their aligned buffers are created once in the constructor; transform() and inverse() only
// compute.
class RealFft {
public:
    explicit RealFft(int size);
    ~RealFft();
    RealFft(const RealFft&) = delete;
    RealFft& operator=(const RealFft&) = delete;
    RealFft(RealFft&&) noexcept;
    RealFft& operator=(RealFft&&) noexcept;

    int size() const;
    int bins() const { return size() / 2 + 1; }
    // input.size() must equal size(); returns bins() complex values (valid until the next call).
    std::span<const std::complex<float>> transform(std::span<const float> input);
    // bins.size() must equal bins(); returns size() real values, unnormalised (scaled by size()),
    // valid until the next call.
    std::span<const float> inverse(std::span<const std::complex<float>> bins);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Periodic Hann window of `size` points (the STFT's analysis window).
std::vector<float> hann_window(int size);

struct Spectrogram {
    SampleRate rate;
    int window = 0;  // FFT size in samples
    int hop = 0;     // samples between frames
    int bins = 0;    // window / 2 + 1; bin b is at b * rate / window Hz
    std::vector<float> magnitude;  // frames * bins, frame-major

    float at(std::size_t frame, std::size_t bin) const {
        return magnitude[frame * static_cast<std::size_t>(bins) + bin];
    }
    std::size_t frames() const { return bins > 0 ? magnitude.size() / static_cast<std::size_t>(bins) : 0; }
    // Frame f is centred on sample f * hop, i.e. at time f * hop / rate seconds.
    double frame_time(std::size_t frame) const {
        return static_cast<double>(frame) * hop / rate.hz;
    }
    double bin_frequency(std::size_t bin) const {
        return static_cast<double>(bin) * rate.hz / window;
    }
};

// Hann-windowed |STFT|. Frame f is centred on sample f * hop (the signal is zero-padded by
// window/2 on both sides), so there are 1 + (n - 1) / hop frames for n > 0 samples, none for 0.
// Throws std::invalid_argument unless window >= 2 is even and hop >= 1 (internal invariant).
Spectrogram magnitude_spectrogram(std::span<const float> mono, SampleRate rate, int window, int hop);

// The frames of magnitude_spectrogram(mono, rate, window, hop) one at a time, bins [0, bins) of
// each (bins <= window / 2 + 1), so a caller that reduces every frame (filterbank, peaks) never
// holds the whole spectrogram: at 44.1 kHz and 100 frames/s that is 74 MB per 3 minutes, and
// writing and re-reading it cost more than the FFTs. magnitude_spectrogram stores these frames.
void for_each_magnitude_frame(std::span<const float> mono, int window, int hop, int bins,
                              const std::function<void(std::size_t frame, std::span<const float> magnitude)>& visit);

}  // namespace tunesmith
