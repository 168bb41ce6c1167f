// How common each melodic figure is in an index: document frequencies of interval 3-grams and
// the IDF weights they give each step of a melody. Value type; const methods are thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "rights/melody_line.h"

namespace tunesmith {

// Interval 3-grams (three consecutive steps, intervals clamped to +-24) as dense keys, so a
// table of counts is a plain vector. A run of seconds or repeated notes occurs in nearly every
// melody and weighs almost nothing; a distinctive leap pattern occurs in few and weighs a lot.
class IntervalRarity {
public:
    static constexpr std::size_t kGram = 3;
    static constexpr std::uint32_t kKeys = 49u * 49u * 49u;

    // Counts each distinct gram of `f` once (document frequency) and every occurrence.
    void add(const MelodyFeatures& f);
    // The same from a melody's gram keys (gram_keys(), any order, duplicates kept); returns its
    // distinct keys in first-seen order (what a search's candidate vote needs).
    std::vector<std::uint32_t> add_keys(const std::vector<std::uint32_t>& keys);
    std::size_t documents() const { return documents_; }

    // log((N + kPrior) / (df + 1)): the prior keeps weights meaningful for a tiny index (with
    // one melody every gram weighs the same instead of nothing).
    double idf(std::uint32_t key) const;
    // Per step: the mean IDF of the grams that cover it (0 for a melody under 3 steps).
    std::vector<double> step_weights(const MelodyFeatures& f) const;
    // The mean IDF over every gram occurrence added: the weight of a typical step, the unit in
    // which similarity scores are normalised. 1 for an empty table.
    double reference_weight() const;

    // The key of the gram starting at each step (size - 2 keys; none under 3 steps).
    static std::vector<std::uint32_t> gram_keys(const MelodyFeatures& f);

private:
    static constexpr double kPrior = 8.0;
    std::vector<std::uint32_t> df_ = std::vector<std::uint32_t>(kKeys, 0);
    std::vector<std::uint32_t> occurrences_ = std::vector<std::uint32_t>(kKeys, 0);
    // The document (1-based) that last counted each key: distinct keys without sorting.
    std::vector<std::uint32_t> last_document_ = std::vector<std::uint32_t>(kKeys, 0);
    // log(n) for n = 0..documents + 1, so adding a melody to a large index calls no log().
    std::vector<double> log_of_ = {0.0, 0.0};
    std::size_t documents_ = 0;
    std::uint64_t total_occurrences_ = 0;
    double occurrence_log_df_ = 0.0;  // sum over keys of occurrences * log(df + 1), kept as grams arrive
};

}  // namespace tunesmith
