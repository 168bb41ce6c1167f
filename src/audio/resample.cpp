// Windowed-sinc resampling with a polyphase filter table. Positions are exact rationals
// (n * from / to in integers), so nothing drifts; phases are quantised only for odd ratios.
#include "audio/resample.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace tunesmith {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kZeroCrossings = 24;      // sinc zero crossings on each side of the centre
constexpr double kCutoff = 0.45;        // -6 dB point as a fraction of the lower rate
constexpr double kKaiserBeta = 7.857;   // ~80 dB stopband
constexpr std::int64_t kMaxPhases = 4096;
constexpr std::int64_t kMaxTableFloats = std::int64_t{1} << 22;

// Zeroth-order modified Bessel function of the first kind (series), for the Kaiser window.
double bessel_i0(double x) {
    double sum = 1.0;
    double term = 1.0;
    const double half = x / 2.0;
    for (int k = 1; k < 50; ++k) {
        term *= (half / k) * (half / k);
        sum += term;
        if (term < sum * 1e-17) break;
    }
    return sum;
}

double sinc(double x) { return x == 0.0 ? 1.0 : std::sin(kPi * x) / (kPi * x); }

struct PolyphaseFilter {
    std::int64_t phases = 1;
    std::int64_t taps = 1;
    std::int64_t lead = 0;  // taps before the integer input position
    std::vector<float> table;  // phases * taps

    const float* phase(std::int64_t index) const { return table.data() + index * taps; }
};

// fc: cutoff in cycles per input sample. Each phase is normalised to unit DC gain.
PolyphaseFilter design(double fc, std::int64_t phases) {
    PolyphaseFilter filter;
    const double half_width = kZeroCrossings / (2.0 * fc);  // in input samples
    filter.lead = static_cast<std::int64_t>(std::ceil(half_width));
    filter.taps = 2 * filter.lead;
    filter.phases = std::clamp<std::int64_t>(std::min(phases, kMaxTableFloats / filter.taps), 1, kMaxPhases);
    filter.table.resize(static_cast<std::size_t>(filter.phases * filter.taps));
    const double window_norm = bessel_i0(kKaiserBeta);
    for (std::int64_t p = 0; p < filter.phases; ++p) {
        const double fraction = static_cast<double>(p) / static_cast<double>(filter.phases);
        float* row = filter.table.data() + p * filter.taps;
        std::vector<double> coefficients(static_cast<std::size_t>(filter.taps));
        double sum = 0.0;
        for (std::int64_t j = 0; j < filter.taps; ++j) {
            // Distance from the output position (i + fraction) to input sample i - lead + 1 + j.
            const double t = fraction + static_cast<double>(filter.lead - 1 - j);
            const double r = t / half_width;
            const double window = std::abs(r) >= 1.0 ? 0.0 : bessel_i0(kKaiserBeta * std::sqrt(1.0 - r * r)) / window_norm;
            const double h = 2.0 * fc * sinc(2.0 * fc * t) * window;
            coefficients[static_cast<std::size_t>(j)] = h;
            sum += h;
        }
        const double gain = sum != 0.0 ? 1.0 / sum : 1.0;
        for (std::int64_t j = 0; j < filter.taps; ++j)
            row[j] = static_cast<float>(coefficients[static_cast<std::size_t>(j)] * gain);
    }
    return filter;
}

float convolve(std::span<const float> input, const float* coefficients, std::int64_t start, std::int64_t taps) {
    const auto size = static_cast<std::int64_t>(input.size());
    if (start >= 0 && start + taps <= size) {
        // Four partial sums break the add dependency chain (taps is always even, usually a multiple of 4).
        const float* x = input.data() + start;
        float acc[4] = {0.0f, 0.0f, 0.0f, 0.0f};
        std::int64_t j = 0;
        for (; j + 4 <= taps; j += 4)
            for (std::int64_t k = 0; k < 4; ++k) acc[k] += x[j + k] * coefficients[j + k];
        for (; j < taps; ++j) acc[0] += x[j] * coefficients[j];
        return (acc[0] + acc[1]) + (acc[2] + acc[3]);
    }
    float acc = 0.0f;
    const std::int64_t first = std::max<std::int64_t>(0, -start);
    const std::int64_t last = std::min<std::int64_t>(taps, size - start);
    for (std::int64_t j = first; j < last; ++j) acc += input[static_cast<std::size_t>(start + j)] * coefficients[j];
    return acc;
}

}  // namespace

std::vector<float> resample(std::span<const float> input, SampleRate from, SampleRate to) {
    if (from.hz <= 0 || to.hz <= 0) throw std::invalid_argument("resample: sample rates must be positive");
    if (from == to || input.empty()) return {input.begin(), input.end()};
    const std::int64_t g = std::gcd(from.hz, to.hz);
    const std::int64_t up = to.hz / g;      // L: output steps per `down` input steps
    const std::int64_t down = from.hz / g;  // M
    const double scale = std::min(1.0, static_cast<double>(to.hz) / from.hz);
    const PolyphaseFilter filter = design(kCutoff * scale, up);

    const auto n_in = static_cast<std::int64_t>(input.size());
    const std::int64_t n_out = (n_in * up + down - 1) / down;
    std::vector<float> output(static_cast<std::size_t>(n_out));
    for (std::int64_t n = 0; n < n_out; ++n) {
        const std::int64_t position = n * down;  // in units of 1/up input samples
        std::int64_t base = position / up;
        std::int64_t phase = position % up;
        if (filter.phases != up) {
            // Odd ratios: nearest of the table's phases (error below 1/(2 * phases) input sample).
            phase = (phase * filter.phases * 2 + up) / (2 * up);
            if (phase == filter.phases) {
                phase = 0;
                ++base;
            }
        }
        output[static_cast<std::size_t>(n)] =
            convolve(input, filter.phase(phase), base - filter.lead + 1, filter.taps);
    }
    return output;
}

}  // namespace tunesmith
