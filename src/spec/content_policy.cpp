// Artist-mimicry detection: the prompt is split into folded words (remembering how each was
// written), every listed name is looked up at every position, and a name counts only inside an
// imitation phrase, or bare when it is a distinct name written as one. A second pass catches
// near-miss spellings of long multi-word names inside an imitation phrase.
#include "spec/content_policy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

#include "base/error.h"

namespace tunesmith {
namespace {

struct Word {
    std::string folded;     // lower-case ASCII
    std::size_t begin = 0;  // byte span in the prompt
    std::size_t end = 0;
    bool capitalized = false;  // first letter upper case
    std::size_t letters = 0;
    std::size_t upper = 0;  // upper-case letters
    // Written as a name: capitalised, and not an acronym ("UFO", "REM", "R.E.M.": all capitals, at most 4).
    bool name_form() const { return capitalized && !(upper == letters && letters > 1 && letters <= 4); }
};

// Phrases (folded words) that ask for imitation when they come before or after a name.
constexpr std::array<std::string_view, 19> kBefore = {
    "in the style of", "in the vein of", "in the manner of", "in the spirit of", "style of", "sounds like",
    "sound like",      "sounding like",  "inspired by",      "imitating",        "imitate",  "imitation of",
    "a la",            "reminiscent of", "similar to",       "just like",        "copy",     "copying",
    "channeling"};
constexpr std::array<std::string_view, 6> kAfter = {"style", "type beat", "inspired", "esque", "sound alike",
                                                    "soundalike"};
// Words after a number that make it a quantity ("112 bpm", "311 seconds"), never a name.
constexpr std::array<std::string_view, 22> kUnits = {
    "bpm", "bmp", "s",    "sec",     "secs",     "second", "seconds", "m",  "min",     "mins", "minute",
    "minutes", "bar", "bars", "measure", "measures", "beat",   "beats",   "hz", "percent", "db",   "x"};

// Latin-1 letters in UTF-8 (C3 80..BF) folded to ASCII, so "Beyoncé" reads as "beyonce".
char fold_latin1(unsigned char second) {
    static constexpr std::string_view kMap = "aaaaaaaceeeeiiiidnooooo/ouuuuyts";  // for 0x80..0x9F and 0xA0..0xBF
    return kMap[(second - 0x80u) & 0x1Fu];
}

bool word_char(unsigned char c) { return std::isalnum(c) != 0 || c == '$' || c == '!' || c == '+'; }

std::vector<Word> split_words(std::string_view text) {
    std::vector<Word> words;
    Word current;
    auto flush = [&](std::size_t at) {
        if (!current.folded.empty()) {
            current.end = at;
            words.push_back(current);
        }
        current = Word{};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (current.folded.empty()) current.begin = i;
        if (word_char(c)) {
            if (current.folded.empty()) current.capitalized = std::isupper(c) != 0;
            current.letters += std::isalpha(c) != 0 ? 1 : 0;
            current.upper += std::isupper(c) != 0 ? 1 : 0;
            current.folded.push_back(static_cast<char>(std::tolower(c)));
        } else if (c == 0xC3 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (current.folded.empty()) current.capitalized = next < 0xA0;
            ++current.letters;
            current.upper += next < 0xA0 ? 1 : 0;
            current.folded.push_back(fold_latin1(next));
            ++i;
        } else if (c == '.' && !current.folded.empty() && i + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
            // "R.E.M." stays one word; a sentence's full stop ends the word.
        } else if (c == '\'' || (c == 0xE2 && text.substr(i, 3) == "\u2019")) {
            if (c == 0xE2) i += 2;
            // "Drake's" reads as "drake"; "Guns N' Roses" as "guns n roses".
            if (i + 1 < text.size() && (text[i + 1] == 's' || text[i + 1] == 'S') &&
                (i + 2 >= text.size() || !word_char(static_cast<unsigned char>(text[i + 2])))) {
                ++i;
            }
        } else if (c == '&') {
            flush(i);
            words.push_back(Word{"and", i, i + 1});
        } else {
            flush(i);
        }
    }
    flush(text.size());
    return words;
}

std::vector<std::string> phrase_words(std::string_view phrase) {
    std::vector<std::string> out;
    std::istringstream in{std::string(phrase)};
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

bool words_match(const std::vector<Word>& words, std::size_t at, const std::vector<std::string>& phrase) {
    if (at + phrase.size() > words.size()) return false;
    for (std::size_t k = 0; k < phrase.size(); ++k)
        if (words[at + k].folded != phrase[k]) return false;
    return true;
}

// Start of a mimicry phrase ending right before `name_at` (an optional "the" in between), if any.
std::optional<std::size_t> phrase_before(const std::vector<Word>& words, std::size_t name_at) {
    for (std::size_t skip : {std::size_t{0}, std::size_t{1}}) {
        if (skip == 1 && (name_at == 0 || words[name_at - 1].folded != "the")) continue;
        for (std::string_view phrase : kBefore) {
            const auto p = phrase_words(phrase);
            if (p.size() + skip > name_at) continue;
            const std::size_t start = name_at - skip - p.size();
            if (words_match(words, start, p)) return start;
        }
    }
    return std::nullopt;
}

// One past the end of a mimicry phrase starting right after the name, if any.
std::optional<std::size_t> phrase_after(const std::vector<Word>& words, std::size_t name_end) {
    for (std::string_view phrase : kAfter) {
        const auto p = phrase_words(phrase);
        if (words_match(words, name_end, p)) return name_end + p.size();
    }
    return std::nullopt;
}

std::string joined(const std::vector<Word>& words, std::size_t from, std::size_t count) {
    std::string out;
    for (std::size_t k = 0; k < count; ++k) {
        if (k > 0) out += ' ';
        out += words[from + k].folded;
    }
    return out;
}

bool all_capitalized(const std::vector<Word>& words, std::size_t from, std::size_t count) {
    for (std::size_t k = 0; k < count; ++k)
        if (!words[from + k].capitalized && !std::isdigit(static_cast<unsigned char>(words[from + k].folded[0])))
            return false;
    return true;
}

bool is_number(std::string_view word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "rock, 112 bpm", "311 seconds": a name ending in a number that a unit follows is a quantity.
bool is_quantity(const std::vector<Word>& words, std::size_t at, std::size_t count) {
    const std::size_t next = at + count;
    if (!is_number(words[next - 1].folded) || next >= words.size()) return false;
    return std::find(kUnits.begin(), kUnits.end(), words[next].folded) != kUnits.end();
}

// A mention without an imitation phrase counts for distinct names only, and a single-word name
// ("the" aside) only when written as a name: "Metallica riffs" counts, while lower-case "tesla",
// "heatwave", "hiroshima" and acronyms ("UFO", "REM") are ordinary words far more often.
bool counts_bare(const std::vector<Word>& words, std::size_t at, std::size_t count, ArtistKind kind) {
    if (kind != ArtistKind::distinct) return false;
    std::vector<std::size_t> content;
    for (std::size_t k = at; k < at + count; ++k)
        if (words[k].folded != "the") content.push_back(k);
    return content.size() != 1 || words[content[0]].name_form();
}

// Words [first, last) of a name at [at, at + count) with its imitation phrase before ("in the style
// of", or "like") and after ("style").
std::pair<std::size_t, std::size_t> imitation_span(std::size_t at, std::size_t count, std::optional<std::size_t> before,
                                                   std::optional<std::size_t> after, bool liked) {
    return {before.value_or(liked ? at - 1 : at), after.value_or(at + count)};
}

// The mimicry at words [at, at + count) naming `kind`, with its surrounding phrase, or nullopt.
std::optional<std::pair<std::size_t, std::size_t>> mimicry_span(const std::vector<Word>& words, std::size_t at,
                                                                 std::size_t count, ArtistKind kind) {
    if (kind == ArtistKind::public_domain || is_quantity(words, at, count)) return std::nullopt;
    const auto before = phrase_before(words, at);
    const auto after = phrase_after(words, at + count);
    const bool liked = at > 0 && words[at - 1].folded == "like";
    // "like X" asks for imitation of a distinct name however written, of a word name when capitalised ("like Cream").
    const bool like_phrase = liked && (kind == ArtistKind::distinct || all_capitalized(words, at, count));
    if (!before && !after && !like_phrase && !counts_bare(words, at, count, kind)) return std::nullopt;
    return imitation_span(at, count, before, after, liked);
}

// Optimal-string-alignment distance (a swap of neighbours is one edit), or limit + 1 when above limit.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return std::min(d[a.size()][b.size()], limit + 1);
}

// Near-miss rule: the same number of words, each starting with the same letter, and at most one
// edit for names of 9 to 13 letters, two from 14 ("taylr swift", "ennio moricone"); shorter
// names must be exact (two-word phrases such as "big band" sit one edit from too many names).
bool near_miss(std::string_view candidate, std::string_view name) {
    // Cheap rejections first: this runs against every listed name.
    const std::size_t longer = std::max(candidate.size(), name.size());
    if (candidate.front() != name.front() || longer - std::min(candidate.size(), name.size()) > 2 ||
        std::count(candidate.begin(), candidate.end(), ' ') != std::count(name.begin(), name.end(), ' '))
        return false;
    const auto a = phrase_words(candidate);
    const auto b = phrase_words(name);
    if (a.size() != b.size() || a.size() < 2) return false;
    std::size_t letters = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (a[k].front() != b[k].front()) return false;
        letters += b[k].size();
    }
    const std::size_t allowed = letters >= 14 ? 2 : letters >= 9 ? 1 : 0;
    return allowed > 0 && edit_distance(candidate, name, allowed) <= allowed;
}

std::optional<MimicryMatch> find_near_miss(std::string_view prompt, const std::vector<Word>& words,
                                           const ArtistPolicy& policy) {
    for (std::size_t at = 0; at < words.size(); ++at) {
        const std::size_t most = std::min(policy.longest, words.size() - at);
        const auto before = phrase_before(words, at);
        const bool liked = at > 0 && words[at - 1].folded == "like";
        for (std::size_t count = 2; count <= most; ++count) {
            const auto after = phrase_after(words, at + count);
            if (!before && !after && !liked) continue;
            const std::string candidate = joined(words, at, count);
            // A listed name spelled right was judged by the exact pass ("in the style of Johann Strauss").
            if (policy.names.contains(candidate) || policy.names.contains("the " + candidate)) continue;
            for (const auto& [name, kind] : policy.names) {
                if (kind != ArtistKind::distinct) continue;
                const std::string_view core = std::string_view(name).starts_with("the ") ? std::string_view(name).substr(4) : name;
                if (!near_miss(candidate, core)) continue;
                const auto [first, last] = imitation_span(at, count, before, after, liked);
                const std::size_t begin = words[first].begin;
                return MimicryMatch{std::string(prompt.substr(begin, words[last - 1].end - begin)), name};
            }
        }
    }
    return std::nullopt;
}

}  // namespace

ArtistPolicy parse_artist_policy(std::string_view text, const std::string& source, ArtistPolicy into) {
    ArtistPolicy policy = std::move(into);
    std::istringstream in{std::string(text)};
    std::size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        const std::string where = source + ":" + std::to_string(line_no);
        if (tab == std::string::npos || tab == 0) throw InputError(where, line, "name<TAB>distinct|word|public_domain");
        const std::string name = line.substr(0, tab);
        const std::string kind = line.substr(tab + 1);
        if (kind == "distinct") policy.names[name] = ArtistKind::distinct;
        else if (kind == "word") policy.names[name] = ArtistKind::word;
        else if (kind == "public_domain") policy.names[name] = ArtistKind::public_domain;
        else throw InputError(where, kind, "distinct, word or public_domain");
        policy.longest = std::max(policy.longest, phrase_words(name).size());
    }
    return policy;
}

std::vector<std::filesystem::path> artist_policy_files(const std::filesystem::path& data_dir) {
    return {data_dir / "policy" / "artists.txt", data_dir / "policy" / "artists_extra.txt"};
}

ArtistPolicy load_artist_policy(const std::filesystem::path& data_dir) {
    ArtistPolicy policy;
    for (const auto& path : artist_policy_files(data_dir)) {
        std::ifstream file(path, std::ios::binary);
        if (!file) continue;
        std::ostringstream text;
        text << file.rdbuf();
        policy = parse_artist_policy(text.str(), "policy/" + path.filename().string(), std::move(policy));
    }
    return policy;
}

std::optional<ArtistKind> artist_kind(std::string_view name, const ArtistPolicy& policy) {
    const std::vector<Word> words = split_words(name);
    if (words.empty()) return std::nullopt;
    const std::string folded = joined(words, 0, words.size());
    auto it = policy.names.find(folded);
    if (it == policy.names.end()) it = policy.names.find("the " + folded);
    if (it == policy.names.end()) return std::nullopt;
    return it->second;
}

std::optional<MimicryMatch> find_mimicry(std::string_view prompt, const ArtistPolicy& policy) {
    if (policy.names.empty()) return std::nullopt;
    const std::vector<Word> words = split_words(prompt);
    for (std::size_t at = 0; at < words.size(); ++at) {
        const std::size_t most = std::min(policy.longest, words.size() - at);
        for (std::size_t count = most; count >= 1; --count) {
            // "The Beatles" is listed as "the beatles"; "Beatles" alone names it too.
            std::string name = joined(words, at, count);
            auto it = policy.names.find(name);
            if (it == policy.names.end()) it = policy.names.find("the " + name);
            if (it == policy.names.end()) continue;
            if (const auto span = mimicry_span(words, at, count, it->second)) {
                const std::size_t begin = words[span->first].begin;
                const std::size_t end = words[span->second - 1].end;
                return MimicryMatch{std::string(prompt.substr(begin, end - begin)), it->first};
            }
        }
    }
    return find_near_miss(prompt, words, policy);
}

std::string mimicry_refusal_accepted() {
    return "a description of the sound instead of an artist to imitate (tunesmith does not imitate "
           "named artists): name the genre, mood, instruments, tempo and era, e.g. \"moody 70s "
           "progressive rock with long organ solos\"";
}

void check_mimicry(std::string_view prompt, const ArtistPolicy& policy) {
    if (const auto match = find_mimicry(prompt, policy)) throw InputError("prompt", match->phrase, mimicry_refusal_accepted());
}

}  // namespace tunesmith
