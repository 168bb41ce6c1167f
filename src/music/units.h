// Units of time and level as distinct types: musical Ticks, audio Samples, wall Seconds,
// Decibels. Mixing them is a compile error; conversion goes through TempoMap and SampleRate.
#pragma once

#include <cmath>
#include <compare>
#include <cstdint>

namespace tunesmith {

// An integer count in a unit named by Tag. Supports the arithmetic that keeps the unit:
// sum and difference of two counts, scaling by an integer, and the ratio of two counts.
template <class Tag>
struct Count {
    std::int64_t value = 0;

    constexpr Count() = default;
    constexpr explicit Count(std::int64_t v) : value(v) {}

    constexpr auto operator<=>(const Count&) const = default;

    constexpr Count& operator+=(Count other) { value += other.value; return *this; }
    constexpr Count& operator-=(Count other) { value -= other.value; return *this; }
    friend constexpr Count operator+(Count a, Count b) { return Count(a.value + b.value); }
    friend constexpr Count operator-(Count a, Count b) { return Count(a.value - b.value); }
    friend constexpr Count operator-(Count a) { return Count(-a.value); }
    friend constexpr Count operator*(Count a, std::int64_t k) { return Count(a.value * k); }
    friend constexpr Count operator*(std::int64_t k, Count a) { return Count(a.value * k); }
    friend constexpr Count operator/(Count a, std::int64_t k) { return Count(a.value / k); }
    friend constexpr std::int64_t operator/(Count a, Count b) { return a.value / b.value; }
    friend constexpr Count operator%(Count a, Count b) { return Count(a.value % b.value); }
};

struct TicksTag {};
struct SamplesTag {};
using Ticks = Count<TicksTag>;      // musical time: 960 per quarter note
using Samples = Count<SamplesTag>;  // audio time at a given sample rate

inline constexpr std::int64_t kTicksPerQuarter = 960;
inline constexpr Ticks kQuarter{kTicksPerQuarter};

// Wall-clock seconds: used only at the edges (user input, reports), never accumulated.
struct Seconds {
    double value = 0.0;
    constexpr Seconds() = default;
    constexpr explicit Seconds(double v) : value(v) {}
    constexpr auto operator<=>(const Seconds&) const = default;
};

struct SampleRate {
    int hz = 48000;
    constexpr SampleRate() = default;
    constexpr explicit SampleRate(int h) : hz(h) {}
    constexpr auto operator<=>(const SampleRate&) const = default;
};

// Nearest sample to a time in seconds (the one place seconds become samples).
inline Samples to_samples(Seconds t, SampleRate rate) {
    return Samples(static_cast<std::int64_t>(std::llround(t.value * rate.hz)));
}
inline Seconds to_seconds(Samples s, SampleRate rate) {
    return Seconds(static_cast<double>(s.value) / rate.hz);
}

struct Decibels {
    double value = 0.0;
    constexpr Decibels() = default;
    constexpr explicit Decibels(double v) : value(v) {}
    constexpr auto operator<=>(const Decibels&) const = default;
    double to_gain() const { return std::pow(10.0, value / 20.0); }
    static Decibels from_gain(double gain) { return Decibels(20.0 * std::log10(gain)); }
};

}  // namespace tunesmith
