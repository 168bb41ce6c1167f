// Artist-mimicry detection: the prompt is split into folded words (remembering how each was
// written), every listed name is looked up at every position, and a "word" name counts only
// inside an explicit mimicry phrase.
#include "spec/content_policy.h"

#include <algorithm>
#include <array>
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
    bool capitalized = false;
};

// Phrases (folded words) that ask for imitation when they come before or after a name.
constexpr std::array<std::string_view, 19> kBefore = {
    "in the style of", "in the vein of", "in the manner of", "in the spirit of", "style of", "sounds like",
    "sound like",      "sounding like",  "inspired by",      "imitating",        "imitate",  "imitation of",
    "a la",            "reminiscent of", "similar to",       "just like",        "copy",     "copying",
    "channeling"};
constexpr std::array<std::string_view, 6> kAfter = {"style", "type beat", "inspired", "esque", "sound alike",
                                                    "soundalike"};

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
            current.folded.push_back(static_cast<char>(std::tolower(c)));
        } else if (c == 0xC3 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (current.folded.empty()) current.capitalized = next < 0xA0;
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
            words.push_back(Word{"and", i, i + 1, false});
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

// The mimicry at words [at, at + count) naming `kind`, with its surrounding phrase, or nullopt.
std::optional<std::pair<std::size_t, std::size_t>> mimicry_span(const std::vector<Word>& words, std::size_t at,
                                                                 std::size_t count, ArtistKind kind) {
    const auto before = phrase_before(words, at);
    const auto after = phrase_after(words, at + count);
    const bool liked = at > 0 && words[at - 1].folded == "like";
    const bool explicit_phrase = before || after || (liked && all_capitalized(words, at, count));
    if (kind == ArtistKind::word && !explicit_phrase) return std::nullopt;
    std::size_t first = before.value_or(liked ? at - 1 : at);
    std::size_t last = after.value_or(at + count);
    return std::make_pair(first, last);
}

}  // namespace

ArtistPolicy parse_artist_policy(std::string_view text, const std::string& source) {
    ArtistPolicy policy;
    std::istringstream in{std::string(text)};
    std::size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        const std::string where = source + ":" + std::to_string(line_no);
        if (tab == std::string::npos || tab == 0) throw InputError(where, line, "name<TAB>distinct|word");
        const std::string name = line.substr(0, tab);
        const std::string kind = line.substr(tab + 1);
        if (kind != "distinct" && kind != "word") throw InputError(where, kind, "distinct or word");
        policy.names[name] = kind == "distinct" ? ArtistKind::distinct : ArtistKind::word;
        policy.longest = std::max(policy.longest, phrase_words(name).size());
    }
    return policy;
}

ArtistPolicy load_artist_policy(const std::filesystem::path& data_dir) {
    const std::filesystem::path path = data_dir / "policy" / "artists.txt";
    std::ifstream file(path, std::ios::binary);
    if (!file) return {};
    std::ostringstream text;
    text << file.rdbuf();
    return parse_artist_policy(text.str(), "policy/artists.txt");
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
    return std::nullopt;
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
