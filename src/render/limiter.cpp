// True-peak envelope (polyphase windowed-sinc 4x interpolation) and the look-ahead limiter gain:
// required gain -> forward sliding minimum -> release smoothing -> moving average of the look-ahead
// length. Every stage keeps gain <= required gain, so the ceiling holds at the detected peaks.
#include "render/limiter.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <numbers>

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

}  // namespace

std::vector<float> true_peak_envelope(const AudioBuffer& audio) {
    static const PhaseTable phases = make_phases();  // immutable after initialisation
    const std::size_t n = audio.frames();
    std::vector<float> peaks(n, 0.0f);
    for (const auto& x : audio.channels) {
        for (std::size_t i = 0; i < n; ++i) {
            float peak = std::abs(x[i]);
            for (int p = 1; p < kFactor; ++p) {
                float acc = 0.0f;
                const auto& h = phases[static_cast<std::size_t>(p)];
                for (int j = 0; j < kTaps; ++j) {
                    // The interpolated point lies between x[i] and x[i+1]; taps centre on it.
                    const std::int64_t k = static_cast<std::int64_t>(i) + kTaps / 2 - j;
                    if (k >= 0 && k < static_cast<std::int64_t>(n)) acc += h[static_cast<std::size_t>(j)] * x[static_cast<std::size_t>(k)];
                }
                peak = std::max(peak, std::abs(acc));
            }
            peaks[i] = std::max(peaks[i], peak);
        }
    }
    return peaks;
}

std::vector<float> limiter_gain(const std::vector<float>& peaks, double input_gain, const LimiterSettings& settings,
                                SampleRate rate) {
    const std::size_t n = peaks.size();
    const double ceiling = std::pow(10.0, settings.ceiling_dbtp / 20.0);
    const auto lookahead = static_cast<std::size_t>(std::max<std::int64_t>(1, to_samples(settings.lookahead, rate).value));
    // Required gain per frame.
    std::vector<double> required(n, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double level = input_gain * static_cast<double>(peaks[i]);
        if (level > ceiling) required[i] = ceiling / level;
    }
    // Forward sliding minimum over [i, i + lookahead) (monotonic deque).
    std::vector<double> minimum(n, 1.0);
    std::deque<std::size_t> window;
    for (std::size_t k = n; k-- > 0;) {
        while (!window.empty() && required[window.back()] >= required[k]) window.pop_back();
        window.push_back(k);
        while (window.front() >= k + lookahead) window.pop_front();
        minimum[k] = required[window.front()];
    }
    // Instant attack, exponential release; never above the sliding minimum.
    const double release_samples = std::max(1.0, settings.release.value * rate.hz);
    const double coeff = std::exp(-1.0 / release_samples);
    double env = 1.0;
    for (std::size_t i = 0; i < n; ++i) {
        env = std::min(minimum[i], minimum[i] + coeff * (env - minimum[i]));
        minimum[i] = env;
    }
    // Moving average over the look-ahead: a smooth attack that still reaches each peak's gain in time.
    // Frames before the start count as the first frame's gain, which is <= every required gain it covers.
    std::vector<float> gain(n, 1.0f);
    if (n == 0) return gain;
    const double before_start = minimum[0];
    double sum = before_start * static_cast<double>(lookahead);
    for (std::size_t i = 0; i < n; ++i) {
        sum += minimum[i] - (i >= lookahead ? minimum[i - lookahead] : before_start);
        gain[i] = static_cast<float>(std::min(1.0, sum / static_cast<double>(lookahead)));
    }
    return gain;
}

}  // namespace tunesmith
