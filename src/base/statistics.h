// Small order statistics shared by the analysis stages. Header-only; pure.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace tunesmith {

// The middle value (of an even count, the higher of the two middle ones); `if_empty` for no values.
inline double median(std::vector<double> values, double if_empty = 0.0) {
    if (values.empty()) return if_empty;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

}  // namespace tunesmith
