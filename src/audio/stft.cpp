// FFTW float plans wrapped in RAII, and the Hann-windowed magnitude spectrogram.
// Plans use FFTW_ESTIMATE so creating one is cheap and never touches the input buffers.
#include "audio/stft.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>

#include <fftw3.h>

namespace tunesmith {
namespace {

// FFTW's planner is the one part of FFTW that is not thread-safe: plan creation and
// destruction are serialised through this lock.
std::mutex& planner_mutex() {
    static std::mutex mutex;
    return mutex;
}

}  // namespace

struct RealFft::Impl {
    int size = 0;
    float* input = nullptr;
    fftwf_complex* output = nullptr;
    fftwf_plan plan = nullptr;
    // The inverse has its own buffers: a complex-to-real transform overwrites its input.
    fftwf_complex* inverse_input = nullptr;
    float* inverse_output = nullptr;
    fftwf_plan inverse_plan = nullptr;

    explicit Impl(int n) : size(n) {
        const auto n_real = static_cast<std::size_t>(n);
        const auto n_complex = static_cast<std::size_t>(n / 2 + 1);
        std::lock_guard lock(planner_mutex());
        input = fftwf_alloc_real(n_real);
        output = fftwf_alloc_complex(n_complex);
        inverse_input = fftwf_alloc_complex(n_complex);
        inverse_output = fftwf_alloc_real(n_real);
        if (input && output) plan = fftwf_plan_dft_r2c_1d(n, input, output, FFTW_ESTIMATE);
        if (inverse_input && inverse_output)
            inverse_plan = fftwf_plan_dft_c2r_1d(n, inverse_input, inverse_output, FFTW_ESTIMATE);
        if (!plan || !inverse_plan) {
            release();
            throw std::bad_alloc();
        }
    }
    ~Impl() {
        std::lock_guard lock(planner_mutex());
        release();
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    void release() {
        if (plan) fftwf_destroy_plan(plan);
        if (inverse_plan) fftwf_destroy_plan(inverse_plan);
        fftwf_free(input);
        fftwf_free(output);
        fftwf_free(inverse_input);
        fftwf_free(inverse_output);
        plan = inverse_plan = nullptr;
        input = inverse_output = nullptr;
        output = inverse_input = nullptr;
    }
};

RealFft::RealFft(int size) {
    if (size < 2) throw std::invalid_argument("RealFft: size must be at least 2");
    impl_ = std::make_unique<Impl>(size);
}
RealFft::~RealFft() = default;
RealFft::RealFft(RealFft&&) noexcept = default;
RealFft& RealFft::operator=(RealFft&&) noexcept = default;

int RealFft::size() const { return impl_->size; }

std::span<const std::complex<float>> RealFft::transform(std::span<const float> input) {
    if (input.size() != static_cast<std::size_t>(impl_->size))
        throw std::invalid_argument("RealFft::transform: input size differs from the plan size");
    std::memcpy(impl_->input, input.data(), input.size() * sizeof(float));
    fftwf_execute(impl_->plan);
    // fftwf_complex is float[2], layout-compatible with std::complex<float> by the standard.
    const auto* data = reinterpret_cast<const std::complex<float>*>(impl_->output);
    return {data, static_cast<std::size_t>(bins())};
}

std::span<const float> RealFft::inverse(std::span<const std::complex<float>> bins) {
    if (bins.size() != static_cast<std::size_t>(this->bins()))
        throw std::invalid_argument("RealFft::inverse: bin count differs from the plan size");
    std::memcpy(static_cast<void*>(impl_->inverse_input), bins.data(), bins.size() * sizeof(std::complex<float>));
    fftwf_execute(impl_->inverse_plan);
    return {impl_->inverse_output, static_cast<std::size_t>(impl_->size)};
}

std::vector<float> hann_window(int size) {
    std::vector<float> window(static_cast<std::size_t>(std::max(size, 0)));
    for (std::size_t i = 0; i < window.size(); ++i)
        window[i] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * 3.14159265358979323846 * static_cast<double>(i) /
                                                            static_cast<double>(size)));
    return window;
}

void for_each_magnitude_frame(std::span<const float> mono, int window, int hop, int bins,
                              const std::function<void(std::size_t frame, std::span<const float> magnitude)>& visit) {
    if (window < 2 || window % 2 != 0 || hop < 1 || bins < 1 || bins > window / 2 + 1)
        throw std::invalid_argument("for_each_magnitude_frame: window " + std::to_string(window) + ", hop " +
                                    std::to_string(hop) + ", bins " + std::to_string(bins));
    if (mono.empty()) return;
    const auto n = static_cast<std::int64_t>(mono.size());
    const auto frames = static_cast<std::size_t>(1 + (n - 1) / hop);
    const std::vector<float> taper = hann_window(window);
    std::vector<float> segment(static_cast<std::size_t>(window));
    std::vector<float> magnitude(static_cast<std::size_t>(bins));
    RealFft fft(window);
    for (std::size_t f = 0; f < frames; ++f) {
        const std::int64_t start = static_cast<std::int64_t>(f) * hop - window / 2;
        if (start >= 0 && start + window <= n) {  // interior frames: no bounds test per sample
            const float* source = mono.data() + start;
            for (std::size_t i = 0; i < segment.size(); ++i) segment[i] = source[i] * taper[i];
        } else {
            for (std::size_t i = 0; i < segment.size(); ++i) {
                const std::int64_t at = start + static_cast<std::int64_t>(i);
                segment[i] = (at >= 0 && at < n) ? mono[static_cast<std::size_t>(at)] * taper[i] : 0.0f;
            }
        }
        const auto spectrum = fft.transform(segment);
        // sqrt(re^2 + im^2), not std::abs: its overflow-safe hypot is several times slower and
        // the analyzers spend much of their time here.
        for (std::size_t b = 0; b < magnitude.size(); ++b) {
            const float re = spectrum[b].real(), im = spectrum[b].imag();
            magnitude[b] = std::sqrt(re * re + im * im);
        }
        visit(f, magnitude);
    }
}

Spectrogram magnitude_spectrogram(std::span<const float> mono, SampleRate rate, int window, int hop) {
    if (window < 2 || window % 2 != 0 || hop < 1)
        throw std::invalid_argument("magnitude_spectrogram: window must be even and >= 2, hop >= 1");
    Spectrogram result;
    result.rate = rate;
    result.window = window;
    result.hop = hop;
    result.bins = window / 2 + 1;
    if (mono.empty()) return result;
    const auto bins = static_cast<std::size_t>(result.bins);
    result.magnitude.resize((1 + (mono.size() - 1) / static_cast<std::size_t>(hop)) * bins);
    for_each_magnitude_frame(mono, window, hop, result.bins, [&](std::size_t f, std::span<const float> magnitude) {
        std::copy(magnitude.begin(), magnitude.end(), result.magnitude.begin() + static_cast<std::ptrdiff_t>(f * bins));
    });
    return result;
}

}  // namespace tunesmith
