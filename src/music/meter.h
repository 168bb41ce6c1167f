// Time signatures: bar and beat lengths in ticks. Compound meters (6/8, 9/8, 12/8) beat in
// dotted quarters; the rest beat in the denominator's note value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "music/units.h"

namespace tunesmith {

struct Meter {
    int numerator = 4;
    int denominator = 4;

    bool is_compound() const { return denominator == 8 && numerator % 3 == 0 && numerator > 3; }
    Ticks bar() const { return Ticks(numerator * kTicksPerQuarter * 4 / denominator); }
    Ticks beat() const {
        return is_compound() ? Ticks(3 * kTicksPerQuarter * 4 / denominator)
                             : Ticks(kTicksPerQuarter * 4 / denominator);
    }
    int beats_per_bar() const { return is_compound() ? numerator / 3 : numerator; }
    // The pulse subdivision (eighths in 6/8, quarters in 4/4).
    Ticks pulse() const { return Ticks(kTicksPerQuarter * 4 / denominator); }

    std::string to_string() const { return std::to_string(numerator) + "/" + std::to_string(denominator); }
    // "4/4", "3/4", "6/8", "7/8", "5/4"; denominators 2, 4, 8, 16; numerators 1..32.
    static std::optional<Meter> parse(std::string_view text);

    friend bool operator==(const Meter&, const Meter&) = default;
};

inline std::optional<Meter> Meter::parse(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= text.size()) return std::nullopt;
    int num = 0;
    int den = 0;
    for (char c : text.substr(0, slash)) {
        if (c < '0' || c > '9') return std::nullopt;
        num = num * 10 + (c - '0');
        if (num > 64) return std::nullopt;
    }
    for (char c : text.substr(slash + 1)) {
        if (c < '0' || c > '9') return std::nullopt;
        den = den * 10 + (c - '0');
        if (den > 64) return std::nullopt;
    }
    if (num < 1 || num > 32) return std::nullopt;
    if (den != 2 && den != 4 && den != 8 && den != 16) return std::nullopt;
    return Meter{num, den};
}

}  // namespace tunesmith
