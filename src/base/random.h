// A seeded, splittable random stream. Every stage, section and track forks its own stream by
// name, so changing one section or instrument leaves the others' bytes unchanged.
// Distributions are implemented here (not <random>'s) so results are identical on every platform.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>

namespace tunesmith {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(mix(seed ^ 0x9E3779B97F4A7C15ull)) {}

    // A new independent stream named by `label`; the parent stream is not advanced.
    Rng fork(std::string_view label) const { return Rng(mix(state_ ^ hash(label))); }
    Rng fork(std::uint64_t index) const { return Rng(mix(state_ ^ mix(index + 0x632BE59BD9B4E019ull))); }

    std::uint64_t next_u64() {
        state_ += 0x9E3779B97F4A7C15ull;
        return mix(state_);
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Uniform integer in [lo, hi] (inclusive).
    int range(int lo, int hi) {
        if (hi <= lo) return lo;
        const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
        return lo + static_cast<int>(next_u64() % span);
    }
    bool chance(double p) { return uniform() < p; }
    // Standard normal (Box-Muller; one value per call for simplicity of state).
    double normal(double mean = 0.0, double stddev = 1.0) {
        double u1 = uniform();
        if (u1 < 1e-300) u1 = 1e-300;
        const double u2 = uniform();
        return mean + stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    // Index drawn with probability proportional to weights (all >= 0); 0 if all are zero.
    std::size_t weighted(std::span<const double> weights) {
        double total = 0.0;
        for (double w : weights) total += w > 0.0 ? w : 0.0;
        if (total <= 0.0) return 0;
        double pick = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            const double w = weights[i] > 0.0 ? weights[i] : 0.0;
            if (pick < w) return i;
            pick -= w;
        }
        return weights.size() - 1;
    }

    friend bool operator==(const Rng&, const Rng&) = default;

private:
    static std::uint64_t mix(std::uint64_t z) {  // SplitMix64 finalizer
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    static std::uint64_t hash(std::string_view label) {  // FNV-1a
        std::uint64_t h = 0xCBF29CE484222325ull;
        for (char c : label) {
            h ^= static_cast<unsigned char>(c);
            h *= 0x100000001B3ull;
        }
        return h;
    }

    std::uint64_t state_;
};

}  // namespace tunesmith
