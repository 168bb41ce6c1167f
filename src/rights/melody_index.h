// An index of known melodies and its search: interval n-grams find candidates, then the
// alignment (rights/alignment.h) scores each candidate; the best match wins. Stored as text, one
// melody per line (id, source, hex pitch/IOI pairs), so indexes can be concatenated and diffed.
// A MelodyIndex is a value: build it once, then search it from any number of threads.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "rights/alignment.h"
#include "rights/melody_line.h"

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
};

struct SearchOptions {
    std::size_t ngram = 4;        // interval n-gram length for candidates
    std::size_t candidates = 24;  // how many candidates are aligned
    AlignmentOptions alignment;
};

class MelodyIndex {
public:
    void add(IndexedMelody melody);
    std::size_t size() const { return melodies_.size(); }
    const std::vector<IndexedMelody>& melodies() const { return melodies_; }

    // The best few matches, best first (at most options.candidates; empty for an empty index).
    std::vector<MelodyMatch> search(const MelodyLine& query, const SearchOptions& options = {}) const;

private:
    std::vector<IndexedMelody> melodies_;
    std::vector<MelodyFeatures> features_;
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings_;  // n-gram -> melodies
    std::size_t ngram_ = 4;
};

// Text form: "# comment" lines, then "id<TAB>source<TAB>PPIIII PPIIII ..." (pitch 2 hex digits,
// IOI 4 hex digits in twelfths of a quarter). InputError naming file and line when malformed.
MelodyIndex parse_melody_index(std::string_view text, const std::string& source);
std::string format_melody(const IndexedMelody& melody);
// Reads every *.tsv file in `dir` (sorted by name) into one index; a missing folder is empty.
MelodyIndex load_melody_index(const std::vector<std::filesystem::path>& dirs);
// Appends one melody to `file` (creating it and its folder).
void append_melody(const std::filesystem::path& file, const IndexedMelody& melody);

}  // namespace tunesmith
