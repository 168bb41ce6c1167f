// True-peak envelope (polyphase windowed-sinc 4x interpolation) and the look-ahead limiter gain:
// required gain -> forward sliding minimum -> release smoothing -> moving average of the look-ahead
// length. Every stage keeps gain <= required gain, so the ceiling holds at the detected peaks.
#include "render/limiter.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>

namespace tunesmith {
namespace {

constexpr int kFactor = 4;
constexpr int kTaps = 16;  // per phase

using PhaseTable = std::array<std::array<float, kTaps>, kFactor>;

// h_p[j] interpolates x at (n + p/4) from x[n - kTaps/2 + 1 + j].
PhaseTable make_phases() {
    PhaseTable table{};
    for (int p = 0; p < kFactor; ++p) {
        const double frac = static_cast<double>(p) / kFactor;
        double sum = 0.0;
        for (int j = 0; j < kTaps; ++j) {
            const double t = static_cast<double>(j - kTaps / 2 + 1) - frac;  // tap position minus target
            const double sinc = std::abs(t) < 1e-12 ? 1.0 : std::sin(std::numbers::pi * t) / (std::numbers::pi * t);
            const double x = (t / (kTaps / 2.0 + 1.0));
            const double window = std::abs(x) < 1.0 ? 0.5 * (1.0 + std::cos(std::numbers::pi * x)) : 0.0;
            table[static_cast<std::size_t>(p)][static_cast<std::size_t>(j)] = static_cast<float>(sinc * window);
            sum += sinc * window;
        }
        for (auto& h : table[static_cast<std::size_t>(p)]) h = static_cast<float>(static_cast<double>(h) / sum);
    }
    return table;
}

// Peak of one frame including the inter-sample points between it and the next; x[k] for k outside
// the window counts as zero (the window carries kTruePeakMargin frames of context on each side).
float frame_true_peak(const std::vector<float>& x, std::int64_t i, const PhaseTable& phases) {
    float peak = std::abs(x[static_cast<std::size_t>(i)]);
    const auto n = static_cast<std::int64_t>(x.size());
    for (int p = 1; p < kFactor; ++p) {
        float acc = 0.0f;
        const auto& h = phases[static_cast<std::size_t>(p)];
        for (int j = 0; j < kTaps; ++j) {
            // The interpolated point lies between x[i] and x[i+1]; taps centre on it.
            const std::int64_t k = i + kTaps / 2 - j;
            if (k >= 0 && k < n) acc += h[static_cast<std::size_t>(j)] * x[static_cast<std::size_t>(k)];
        }
        peak = std::max(peak, std::abs(acc));
    }
    return peak;
}

}  // namespace

std::vector<float> true_peak_envelope(const AudioBuffer& audio) {
    std::vector<float> peaks(audio.frames(), 0.0f);
    true_peaks_of_window(audio, 0, audio.frames(), peaks.data());
    return peaks;
}

void true_peaks_of_window(const AudioBuffer& window, std::size_t lead, std::size_t count, float* out) {
    static const PhaseTable phases = make_phases();  // immutable after initialisation
    static_assert(kTaps / 2 <= static_cast<int>(kTruePeakMargin));
    for (std::size_t i = 0; i < count; ++i) out[i] = 0.0f;
    for (const auto& x : window.channels)
        for (std::size_t i = 0; i < count; ++i)
            out[i] = std::max(out[i], frame_true_peak(x, static_cast<std::int64_t>(lead + i), phases));
}

StreamingLimiter::StreamingLimiter(double input_gain, const LimiterSettings& settings, SampleRate rate)
    : ceiling_(std::pow(10.0, settings.ceiling_dbtp / 20.0)),
      input_gain_(input_gain),
      lookahead_(static_cast<std::size_t>(std::max<std::int64_t>(1, to_samples(settings.lookahead, rate).value))),
      coeff_(std::exp(-1.0 / std::max(1.0, settings.release.value * rate.hz))),
      recent_(lookahead_, 1.0) {}

// Release smoothing (instant attack, exponential release, never above the minimum), then the
// moving average over the look-ahead: a smooth attack that still reaches each peak's gain in time.
void StreamingLimiter::emit_minimum(double minimum, std::vector<float>& gains) {
    env_ = std::min(minimum, minimum + coeff_ * (env_ - minimum));
    if (emitted_ == 0) {
        // Frames before the start count as the first frame's gain, which is <= every required gain it covers.
        before_start_ = env_;
        sum_ = before_start_ * static_cast<double>(lookahead_);
    }
    const std::size_t slot = emitted_ % lookahead_;
    const double leaving = emitted_ >= lookahead_ ? recent_[slot] : before_start_;
    sum_ += env_ - leaving;
    recent_[slot] = env_;
    gains.push_back(static_cast<float>(std::min(1.0, sum_ / static_cast<double>(lookahead_))));
    ++emitted_;
}

void StreamingLimiter::push(const float* peaks, std::size_t count, std::vector<float>& gains) {
    for (std::size_t i = 0; i < count; ++i) {
        const double level = input_gain_ * static_cast<double>(peaks[i]);
        const double required = level > ceiling_ ? ceiling_ / level : 1.0;
        // Sliding minimum of the required gain over [k, k + lookahead) (monotonic deque).
        while (window_.size() > window_front_ && window_.back().second >= required) window_.pop_back();
        window_.emplace_back(pushed_, required);
        ++pushed_;
        if (pushed_ < lookahead_) continue;
        const std::size_t k = pushed_ - lookahead_;
        while (window_[window_front_].first < k) ++window_front_;
        emit_minimum(window_[window_front_].second, gains);
        if (window_front_ > 4096) {  // keep the deque's storage bounded
            window_.erase(window_.begin(), window_.begin() + static_cast<std::ptrdiff_t>(window_front_));
            window_front_ = 0;
        }
    }
}

void StreamingLimiter::finish(std::vector<float>& gains) {
    for (std::size_t k = emitted_; k < pushed_; ++k) {
        while (window_[window_front_].first < k) ++window_front_;
        emit_minimum(window_[window_front_].second, gains);
    }
}

std::vector<float> limiter_gain(const std::vector<float>& peaks, double input_gain, const LimiterSettings& settings,
                                SampleRate rate) {
    StreamingLimiter limiter(input_gain, settings, rate);
    std::vector<float> gain;
    gain.reserve(peaks.size());
    limiter.push(peaks.data(), peaks.size(), gain);
    limiter.finish(gain);
    return gain;
}

}  // namespace tunesmith
