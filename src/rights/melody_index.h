// An index of known melodies and its search: interval 3-grams shared with the query, weighted by
// rarity (IDF over the index), pick candidates; the weighted alignment (rights/alignment.h) scores
// each. Stored as text, one melody per line (id, source, hex pitch/IOI pairs), so indexes can be
// concatenated and diffed. A MelodyIndex is a value: build it once (add() is not thread-safe),
// then search it from any number of threads.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "rights/alignment.h"
#include "rights/melody_line.h"
#include "rights/rarity.h"

namespace tunesmith {

struct IndexedMelody {
    std::string id;      // e.g. "pop909/001" or a user file's name
    std::string source;  // corpus and licence, or "user"
    MelodyLine line;
};

struct MelodyMatch {
    std::string id;
    std::string source;
    double score = 0.0;  // 0..1 (alignment_similarity)
    std::uint32_t position = 0;  // in MelodyIndex::melodies()
};

struct SearchOptions {
    std::size_t candidates = 24;  // how many candidates (most shared rare 3-grams) are aligned
    std::size_t results = 1;      // how many of the best matches are returned (with exact scores)
    AlignmentOptions alignment;
};

class MelodyIndex {
public:
    void add(IndexedMelody melody);
    std::size_t size() const { return melodies_.size(); }
    const std::vector<IndexedMelody>& melodies() const { return melodies_; }
    const IntervalRarity& rarity() const { return rarity_; }

    // The best options.results matches among the candidates, best first, each with its exact
    // score (empty for an empty index or when no candidate scores above 0). Candidates that
    // cannot enter the results are cut short, which is what keeps a search fast.
    std::vector<MelodyMatch> search(const MelodyLine& query, const SearchOptions& options = {}) const;

    // True when the melodies at positions a and b are one melody indexed twice (the same song in
    // the shipped and the user's index, or a corpus' duplicate): most of their distinct 3-grams
    // are shared (Jaccard >= 0.6).
    bool same_melody(std::uint32_t a, std::uint32_t b) const;

private:
    std::vector<std::uint32_t> candidates(const std::vector<std::uint32_t>& query_keys, std::size_t count) const;

    std::vector<IndexedMelody> melodies_;
    std::vector<MelodyFeatures> features_;
    IntervalRarity rarity_;
    // Each melody's distinct 3-gram keys. A search scans them all (a few hundred thousand keys,
    // about a millisecond) instead of keeping postings lists, which cost more to build at load.
    std::vector<std::vector<std::uint32_t>> grams_;
};

// Text form: "# comment" lines, then "id<TAB>source<TAB>PPI.. PPI.. ..." (pitch 2 hex digits,
// then the IOI in twelfths of a quarter as 1-4 hex digits without leading zeros). InputError naming file and line when malformed.
MelodyIndex parse_melody_index(std::string_view text, const std::string& source);
std::string format_melody(const IndexedMelody& melody);
// Reads every *.tsv file in each folder (sorted by name) into one index; a missing folder is empty.
MelodyIndex load_melody_index(const std::vector<std::filesystem::path>& dirs);
// Appends one melody to `file` (creating it and its folder).
void append_melody(const std::filesystem::path& file, const IndexedMelody& melody);

}  // namespace tunesmith
