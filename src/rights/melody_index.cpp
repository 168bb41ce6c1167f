// Melody index: text storage (a hand-rolled parser, since every generate loads the shipped
// index), per-melody 3-gram sets, and the rarity-weighted candidate-then-align search.
#include "rights/melody_index.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include "base/error.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// `digits` hex digits at `text`; -1 when one is not a hex digit.
long parse_hex(const char* text, int digits) {
    long out = 0;
    for (int k = 0; k < digits; ++k) {
        const int v = hex_value(text[k]);
        if (v < 0) return -1;
        out = out * 16 + v;
    }
    return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

MelodyLine parse_notes(std::string_view notes, const std::string& where) {
    MelodyLine line;
    line.pitches.reserve(notes.size() / 7 + 1);
    line.iois.reserve(notes.size() / 7 + 1);
    std::size_t at = 0;
    while (true) {
        while (at < notes.size() && is_space(notes[at])) ++at;
        if (at >= notes.size()) break;
        std::size_t end = at;
        while (end < notes.size() && !is_space(notes[end])) ++end;
        const std::string_view token = notes.substr(at, end - at);
        const bool sized = token.size() >= 3 && token.size() <= 6;
        const long pitch = sized ? parse_hex(token.data(), 2) : -1;
        const long ioi = sized ? parse_hex(token.data() + 2, static_cast<int>(token.size()) - 2) : -1;
        if (pitch < 0 || pitch > 127 || ioi <= 0)
            throw InputError(where, std::string(token),
                             "notes as 2 hex digits of pitch (00-7f) then 1-4 of IOI (1-ffff), e.g. 3d3");
        line.pitches.push_back(static_cast<std::uint8_t>(pitch));
        line.iois.push_back(static_cast<std::uint16_t>(ioi));
        at = end;
    }
    return line;
}

}  // namespace

void MelodyIndex::add(IndexedMelody melody) {
    MelodyFeatures features = melody_features(melody.line);
    grams_.push_back(rarity_.add_keys(IntervalRarity::gram_keys(features)));
    melodies_.push_back(std::move(melody));
    features_.push_back(std::move(features));
}

// The melodies sharing the most rare 3-grams with the query: each shared distinct gram votes
// its IDF, so a shared scale run counts for almost nothing.
std::vector<std::uint32_t> MelodyIndex::candidates(const std::vector<std::uint32_t>& query_keys,
                                                   std::size_t count) const {
    std::vector<float> vote_of(IntervalRarity::kKeys, 0.0f);  // the query's keys' IDFs, 0 elsewhere
    for (std::uint32_t key : query_keys) vote_of[key] = static_cast<float>(rarity_.idf(key));
    std::vector<double> votes(melodies_.size(), 0.0);
    for (std::size_t m = 0; m < grams_.size(); ++m)
        for (std::uint32_t key : grams_[m]) votes[m] += static_cast<double>(vote_of[key]);
    std::vector<std::uint32_t> order;
    for (std::uint32_t m = 0; m < votes.size(); ++m)
        if (votes[m] > 0.0) order.push_back(m);
    const std::size_t keep = std::min(count, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return votes[a] != votes[b] ? votes[a] > votes[b] : a < b; });
    order.resize(keep);
    return order;
}

std::vector<MelodyMatch> MelodyIndex::search(const MelodyLine& query, const SearchOptions& options) const {
    const MelodyFeatures q = melody_features(query);
    const std::vector<double> q_weights = rarity_.step_weights(q);
    const double reference = rarity_.reference_weight();
    const std::size_t results = std::max<std::size_t>(1, options.results);
    std::vector<MelodyMatch> matches;  // best first, at most `results`
    for (std::uint32_t m : candidates(IntervalRarity::gram_keys(q), options.candidates)) {
        // Only a score above the current last result can change the results.
        const double floor = matches.size() < results ? 0.0 : matches.back().score;
        const std::vector<double> m_weights = rarity_.step_weights(features_[m]);
        const double score = alignment_similarity(WeightedMelody{q, q_weights}, WeightedMelody{features_[m], m_weights},
                                                  reference, options.alignment, floor);
        if (score <= floor) continue;
        const auto at = std::find_if(matches.begin(), matches.end(), [&](const MelodyMatch& x) { return x.score < score; });
        MelodyMatch match;  // filled member by member: GCC 12 and throwing aggregate initializers
        match.id = melodies_[m].id;
        match.source = melodies_[m].source;
        match.score = score;
        match.position = m;
        matches.insert(at, std::move(match));
        if (matches.size() > results) matches.pop_back();
    }
    return matches;
}

bool MelodyIndex::same_melody(std::uint32_t a, std::uint32_t b) const {
    if (a == b) return true;
    std::vector<std::uint32_t> x = grams_.at(a);
    std::vector<std::uint32_t> y = grams_.at(b);
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    std::vector<std::uint32_t> shared;
    std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(shared));
    const std::size_t either = x.size() + y.size() - shared.size();
    return either > 0 && static_cast<double>(shared.size()) >= 0.6 * static_cast<double>(either);
}

std::string format_melody(const IndexedMelody& melody) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out = melody.id + "\t" + melody.source + "\t";
    for (std::size_t i = 0; i < melody.line.size(); ++i) {
        if (i > 0) out += ' ';
        const unsigned p = melody.line.pitches[i];
        const unsigned d = melody.line.iois[i];
        out += kDigits[p >> 4];
        out += kDigits[p & 15u];
        // The IOI without leading zeros: most are a few twelfths, so the shipped index stays small.
        int shift = 12;
        while (shift > 0 && (d >> shift) == 0) shift -= 4;
        for (; shift >= 0; shift -= 4) out += kDigits[(d >> shift) & 15u];
    }
    return out;
}

MelodyIndex parse_melody_index(std::string_view text, const std::string& source) {
    MelodyIndex index;
    std::size_t line_no = 0;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(at, end - at);
        at = end + 1;
        ++line_no;
        if (line.empty() || line[0] == '#' || line == "\r") continue;
        const std::string where = source + ":" + std::to_string(line_no);
        const auto tab1 = line.find('\t');
        const auto tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
        if (tab2 == std::string_view::npos)
            throw InputError(where, std::string(line.substr(0, 40)), "id<TAB>source<TAB>notes");
        // Members built before the aggregate (GCC 12 double-frees them when an initializer throws).
        MelodyLine notes = parse_notes(line.substr(tab2 + 1), where);
        std::string id(line.substr(0, tab1));
        std::string from(line.substr(tab1 + 1, tab2 - tab1 - 1));
        index.add(IndexedMelody{std::move(id), std::move(from), std::move(notes)});
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
