// Melody index: text storage, n-gram postings and the candidate-then-align search.
#include "rights/melody_index.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "base/error.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

// FNV-1a over n intervals starting at `at`.
std::uint64_t ngram_key(const std::vector<std::int8_t>& intervals, std::size_t at, std::size_t n) {
    std::uint64_t h = 0xCBF29CE484222325ull;
    for (std::size_t k = 0; k < n; ++k) {
        h ^= static_cast<std::uint8_t>(intervals[at + k]);
        h *= 0x100000001B3ull;
    }
    return h;
}

std::vector<std::uint64_t> ngram_keys(const MelodyFeatures& f, std::size_t n) {
    std::vector<std::uint64_t> keys;
    for (std::size_t i = 0; i + n <= f.size(); ++i) keys.push_back(ngram_key(f.intervals, i, n));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool parse_hex(std::string_view text, unsigned& out) {
    out = 0;
    for (char c : text) {
        const int v = hex_value(c);
        if (v < 0) return false;
        out = out * 16 + static_cast<unsigned>(v);
    }
    return !text.empty();
}

MelodyLine parse_notes(const std::string& notes, const std::string& where) {
    MelodyLine line;
    std::istringstream in(notes);
    for (std::string token; in >> token;) {
        unsigned pitch = 0;
        unsigned ioi = 0;
        if (token.size() != 6 || !parse_hex(std::string_view(token).substr(0, 2), pitch) ||
            !parse_hex(std::string_view(token).substr(2), ioi) || pitch > 127 || ioi == 0)
            throw InputError(where, token, "notes as 6 hex digits each (pitch 00-7f, IOI 0001-ffff)");
        line.pitches.push_back(static_cast<std::uint8_t>(pitch));
        line.iois.push_back(static_cast<std::uint16_t>(ioi));
    }
    return line;
}

}  // namespace

void MelodyIndex::add(IndexedMelody melody) {
    MelodyFeatures features = melody_features(melody.line);
    const auto index = static_cast<std::uint32_t>(melodies_.size());
    for (std::uint64_t key : ngram_keys(features, ngram_)) postings_[key].push_back(index);
    melodies_.push_back(std::move(melody));
    features_.push_back(std::move(features));
}

std::vector<MelodyMatch> MelodyIndex::search(const MelodyLine& query, const SearchOptions& options) const {
    const MelodyFeatures q = melody_features(query);
    std::vector<std::uint32_t> votes(melodies_.size(), 0);
    // Candidates share the most interval n-grams with the query (index built with ngram_).
    for (std::uint64_t key : ngram_keys(q, ngram_)) {
        const auto it = postings_.find(key);
        if (it == postings_.end()) continue;
        for (std::uint32_t m : it->second) ++votes[m];
    }
    std::vector<std::uint32_t> order;
    for (std::uint32_t m = 0; m < votes.size(); ++m)
        if (votes[m] > 0) order.push_back(m);
    const std::size_t keep = std::min(options.candidates, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return votes[a] != votes[b] ? votes[a] > votes[b] : a < b; });
    order.resize(keep);

    std::vector<MelodyMatch> matches;
    for (std::uint32_t m : order)
        matches.push_back({melodies_[m].id, melodies_[m].source, alignment_similarity(q, features_[m], options.alignment)});
    std::stable_sort(matches.begin(), matches.end(),
                     [](const MelodyMatch& a, const MelodyMatch& b) { return a.score > b.score; });
    return matches;
}

std::string format_melody(const IndexedMelody& melody) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out = melody.id + "\t" + melody.source + "\t";
    for (std::size_t i = 0; i < melody.line.size(); ++i) {
        if (i > 0) out += ' ';
        const unsigned p = melody.line.pitches[i];
        const unsigned d = melody.line.iois[i];
        for (unsigned v : {p >> 4, p & 15u, d >> 12, (d >> 8) & 15u, (d >> 4) & 15u, d & 15u}) out += kDigits[v];
    }
    return out;
}

MelodyIndex parse_melody_index(std::string_view text, const std::string& source) {
    MelodyIndex index;
    std::istringstream in{std::string(text)};
    std::size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        const std::string where = source + ":" + std::to_string(line_no);
        const auto tab1 = line.find('\t');
        const auto tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
        if (tab2 == std::string::npos) throw InputError(where, line.substr(0, 40), "id<TAB>source<TAB>notes");
        index.add(IndexedMelody{line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1),
                                parse_notes(line.substr(tab2 + 1), where)});
    }
    return index;
}

MelodyIndex load_melody_index(const std::vector<fs::path>& dirs) {
    std::string text;
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(dir, ec))
            if (entry.path().extension() == ".tsv") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::ostringstream body;
            body << in.rdbuf();
            text += body.str();
            if (!text.empty() && text.back() != '\n') text += '\n';
        }
    }
    return parse_melody_index(text, "melody index");
}

void append_melody(const fs::path& file, const IndexedMelody& melody) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    std::ofstream out(file, std::ios::binary | std::ios::app);
    if (!out) throw InputError("index", file.string(), "a writable index file");
    out << format_melody(melody) << '\n';
}

}  // namespace tunesmith
