// Interval 3-gram counts and the IDF step weights of rights/rarity.h.
#include "rights/rarity.h"

#include <algorithm>
#include <cmath>

namespace tunesmith {

std::vector<std::uint32_t> IntervalRarity::gram_keys(const MelodyFeatures& f) {
    std::vector<std::uint32_t> keys;
    if (f.size() < kGram) return keys;
    keys.reserve(f.size() - kGram + 1);
    auto digit = [&](std::size_t i) { return static_cast<std::uint32_t>(std::clamp<int>(f.intervals[i], -24, 24) + 24); };
    for (std::size_t i = 0; i + kGram <= f.size(); ++i) keys.push_back((digit(i) * 49u + digit(i + 1)) * 49u + digit(i + 2));
    return keys;
}

void IntervalRarity::add(const MelodyFeatures& f) { add_keys(gram_keys(f)); }

std::vector<std::uint32_t> IntervalRarity::add_keys(const std::vector<std::uint32_t>& keys) {
    const auto document = static_cast<std::uint32_t>(documents_ + 1);
    log_of_.push_back(std::log(static_cast<double>(document) + 1.0));  // df can reach documents + 1 below
    std::vector<std::uint32_t> distinct;
    for (const std::uint32_t key : keys) {
        // Keep sum(occurrences * log(df + 1)) current so reference_weight() is O(1).
        occurrence_log_df_ -= static_cast<double>(occurrences_[key]) * log_of_[df_[key] + 1];
        occurrences_[key] += 1;
        if (last_document_[key] != document) {
            last_document_[key] = document;
            df_[key] += 1;
            distinct.push_back(key);
        }
        occurrence_log_df_ += static_cast<double>(occurrences_[key]) * log_of_[df_[key] + 1];
    }
    total_occurrences_ += keys.size();
    ++documents_;
    return distinct;
}

double IntervalRarity::idf(std::uint32_t key) const {
    return std::log((static_cast<double>(documents_) + kPrior) / (static_cast<double>(df_[key]) + 1.0));
}

std::vector<double> IntervalRarity::step_weights(const MelodyFeatures& f) const {
    const std::vector<std::uint32_t> keys = gram_keys(f);
    std::vector<double> sum(f.size(), 0.0);
    std::vector<int> covering(f.size(), 0);
    for (std::size_t g = 0; g < keys.size(); ++g) {
        const double w = idf(keys[g]);
        for (std::size_t k = 0; k < kGram; ++k) {
            sum[g + k] += w;
            ++covering[g + k];
        }
    }
    for (std::size_t i = 0; i < sum.size(); ++i)
        if (covering[i] > 0) sum[i] /= covering[i];
    return sum;
}

double IntervalRarity::reference_weight() const {
    if (total_occurrences_ == 0) return 1.0;
    const double total = static_cast<double>(total_occurrences_);
    return std::log(static_cast<double>(documents_) + kPrior) - occurrence_log_df_ / total;
}

}  // namespace tunesmith
