// Exact video time: a reduced fraction of seconds built from a container's integer timestamps and
// time base, so 29.97/23.976 and variable frame rates never drift. Value type; safe from any thread.
#pragma once

#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>

#include "music/units.h"

namespace tunesmith {

// 128-bit intermediate for exact products of timestamps (GCC/Clang extension; quiet under -Wpedantic).
__extension__ using WideInt = __int128;

struct Rational {
    std::int64_t num = 0;
    std::int64_t den = 1;  // always > 0 after reduce()

    constexpr Rational() = default;
    constexpr Rational(std::int64_t n, std::int64_t d) : num(n), den(d) {}

    // Lowest terms with a positive denominator (a zero denominator is left as it is).
    Rational reduced() const {
        if (den == 0) return *this;
        const std::int64_t g = std::gcd(num, den);
        Rational r{num / g, den / g};
        if (r.den < 0) r = Rational{-r.num, -r.den};
        return r;
    }
    double to_double() const { return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den); }
    Seconds seconds() const { return Seconds(to_double()); }
    std::string to_string() const { return std::to_string(num) + "/" + std::to_string(den); }

    // Compared by value (cross-multiplied in 128 bits, so large timestamps cannot overflow).
    friend bool operator==(const Rational& a, const Rational& b) {
        return static_cast<WideInt>(a.num) * b.den == static_cast<WideInt>(b.num) * a.den;
    }
    friend bool operator<(const Rational& a, const Rational& b) {
        return static_cast<WideInt>(a.num) * b.den < static_cast<WideInt>(b.num) * a.den;
    }
};

// `ticks` units of `time_base` seconds, exactly (e.g. 3003 x 1/90000 = 1001/30000 s).
inline Rational rational_time(std::int64_t ticks, Rational time_base) {
    const WideInt n = static_cast<WideInt>(ticks) * time_base.num;
    const WideInt d = time_base.den;
    WideInt a = n < 0 ? -n : n;
    WideInt b = d;
    while (b != 0) {
        const WideInt t = a % b;
        a = b;
        b = t;
    }
    if (a == 0) a = 1;
    return Rational{static_cast<std::int64_t>(n / a), static_cast<std::int64_t>(d / a)};
}

// The nearest sample to an exact time (ties away from zero), with integer arithmetic only.
inline Samples rational_to_samples(Rational t, SampleRate rate) {
    const WideInt scaled = static_cast<WideInt>(t.num) * rate.hz * 2 + (t.num >= 0 ? t.den : -t.den);
    return Samples(static_cast<std::int64_t>(scaled / (static_cast<WideInt>(t.den) * 2)));
}

}  // namespace tunesmith
