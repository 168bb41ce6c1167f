// Prompt tokenizer and token readers (numbers, durations, note names) for the prompt parser.
#include "spec/prompt_tokens.h"

#include <array>
#include <cctype>

#include "spec/value_parsers.h"
#include "base/text.h"

namespace tunesmith {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Characters that continue a word. '.', ':' and '/' only inside numbers ("1.5", "1:30", "3/4").
bool continues_word(std::string_view p, std::size_t i) {
    const char c = p[i];
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '#' || c == '&') return true;
    if (c == '\'')
        return i > 0 && i + 1 < p.size() && std::isalnum(static_cast<unsigned char>(p[i - 1])) && is_alpha(p[i + 1]);
    if (static_cast<unsigned char>(c) >= 0x80) return true;  // UTF-8: accidentals, curly quotes, accents
    if (c == '.' || c == ':' || c == '/')
        return i > 0 && i + 1 < p.size() && is_digit(p[i - 1]) && is_digit(p[i + 1]);
    return false;
}

// An apostrophe at p[i] ("'" or the UTF-8 right single quote): its length in bytes, else 0.
std::size_t apostrophe_at(std::string_view p, std::size_t i) {
    if (i < p.size() && p[i] == '\'') return 1;
    return p.substr(i, 3) == "\u2019" ? 3 : 0;
}

// A digit-led word cut into number and unit runs ("2m30s" -> "2" "m" "30" "s"); an apostrophe
// between a number and "s" ("80's") is dropped and reported through `apostrophe`.
std::vector<std::string_view> number_parts(std::string_view text, std::vector<bool>& apostrophe) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    auto numeric = [](char c) { return is_digit(c) || c == '.' || c == ':' || c == '/'; };
    while (start < text.size()) {
        const bool digits = numeric(text[start]);
        std::size_t end = start + 1;
        while (end < text.size() && numeric(text[end]) == digits) ++end;
        std::string_view part = text.substr(start, end - start);
        if (const std::size_t q = apostrophe_at(part, 0); q > 0 && !parts.empty() && part.substr(q) == "s") {
            apostrophe.back() = true;
            part.remove_prefix(q);
        }
        parts.push_back(part);
        apostrophe.push_back(false);
        start = end;
    }
    return parts;
}

bool is_boundary(char c) {
    return c == ',' || c == ';' || c == '.' || c == '!' || c == '?' || c == '(' || c == ')' || c == '[' ||
           c == ']' || c == '{' || c == '}' || c == '"' || c == '\n';
}

bool plain_number(std::string_view word, double& value) {
    if (word.empty() || !is_digit(word.front())) return false;
    const auto time = read_time_text(word);
    if (!time || word.find(':') != std::string_view::npos) return false;
    for (char c : word)
        if (!is_digit(c) && c != '.') return false;
    value = time->value;
    return true;
}

int number_word(std::string_view word) {
    static constexpr std::array<std::string_view, 20> units{
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    static constexpr std::array<std::string_view, 8> tens{"twenty", "thirty", "forty", "fifty",
                                                          "sixty",  "seventy", "eighty", "ninety"};
    for (std::size_t i = 0; i < units.size(); ++i)
        if (units[i] == word) return static_cast<int>(i);
    for (std::size_t i = 0; i < tens.size(); ++i)
        if (tens[i] == word) return 20 + 10 * static_cast<int>(i);
    return -1;
}

// The units in English and, so that a length in another language is not lost, in German, Spanish,
// Portuguese, Italian and French ("45 Sekunden", "20 segundos", "2 minuti", "30 secondes").
bool is_seconds_unit(const std::vector<Token>& t, std::size_t at) {
    return word_is(t, at, {"s", "sec", "secs", "second", "seconds", "sekunde", "sekunden", "sek", "segundo", "segundos",
                           "secondo", "secondi", "seconde", "secondes"});
}
bool is_minutes_unit(const std::vector<Token>& t, std::size_t at) {
    return word_is(t, at, {"m", "min", "mins", "minute", "minutes", "minuten", "minuto", "minutos", "minuti"});
}

}  // namespace

bool word_is(const std::vector<Token>& tokens, std::size_t at, std::initializer_list<std::string_view> words) {
    if (at >= tokens.size()) return false;
    for (std::string_view w : words)
        if (tokens[at].word == w) return true;
    return false;
}

std::vector<Token> tokenize_prompt(std::string_view p) {
    std::vector<Token> tokens;
    bool boundary = true;
    Glue glue = Glue::space;
    bool quoted_number = false;  // an apostrophe right before a number ("'80s")
    std::size_t i = 0;
    while (i < p.size()) {
        const char c = p[i];
        if (const std::size_t q = apostrophe_at(p, i); q > 0 && i + q < p.size() && is_digit(p[i + q]) &&
                                                     (i == 0 || !continues_word(p, i - 1))) {
            quoted_number = true;
            i += q;
            continue;
        }
        if (!continues_word(p, i)) {
            if (is_boundary(c)) boundary = true;
            glue = c == '-' && i > 0 && continues_word(p, i - 1) ? Glue::hyphen : Glue::space;
            quoted_number = false;
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < p.size() && continues_word(p, i)) ++i;
        std::string_view text = p.substr(start, i - start);
        // A number glued to its units ("92bpm", "45s", "2m30s") becomes one token per run.
        std::vector<bool> apostrophe;
        const auto parts = is_digit(text.front()) ? number_parts(text, apostrophe) : std::vector<std::string_view>{text};
        apostrophe.resize(parts.size(), false);
        for (std::size_t k = 0; k < parts.size(); ++k) {
            const std::string_view part = parts[k];
            const std::size_t begin = static_cast<std::size_t>(part.data() - p.data());
            Token token{std::string(part), lower(part),    begin, begin + part.size(),
                        glue,              boundary, apostrophe[k] || (k == 0 && quoted_number)};
            if (token.word == "&") token.word = "and";
            tokens.push_back(std::move(token));
            boundary = false;
            glue = Glue::none;
        }
        glue = Glue::space;
        quoted_number = false;
    }
    return tokens;
}

std::string phrase_key(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
    std::string key;
    for (std::size_t i = first; i < last && i < tokens.size(); ++i) {
        if (i > first && tokens[i].glue != Glue::none) key += ' ';
        key += tokens[i].word;
    }
    return key;
}

std::optional<NumberRead> read_number(const std::vector<Token>& tokens, std::size_t at) {
    if (at >= tokens.size()) return std::nullopt;
    double value = 0.0;
    if (plain_number(tokens[at].word, value)) return NumberRead{value, 1};
    const int first = number_word(tokens[at].word);
    if (first >= 20 && at + 1 < tokens.size()) {
        const int unit = number_word(tokens[at + 1].word);
        if (unit >= 1 && unit <= 9) return NumberRead{static_cast<double>(first + unit), 2};
    }
    if (first >= 0) return NumberRead{static_cast<double>(first), 1};
    if (word_is(tokens, at, {"a", "an"}) && (is_minutes_unit(tokens, at + 1) || is_seconds_unit(tokens, at + 1)))
        return NumberRead{1.0, 1};
    return std::nullopt;
}

std::optional<DurationRead> read_duration(const std::vector<Token>& tokens, std::size_t at, bool allow_bare) {
    if (at >= tokens.size()) return std::nullopt;
    const std::string& word = tokens[at].word;
    if (word.find(':') != std::string::npos) {
        if (const auto time = read_time_text(word)) return DurationRead{time->value, 0, 1, true};
        return std::nullopt;
    }
    // "half a minute", "a half-minute".
    if (word == "half") {
        const std::size_t unit = at + (word_is(tokens, at + 1, {"a", "an"}) ? 2 : 1);
        if (is_minutes_unit(tokens, unit)) return DurationRead{30.0, 0, unit + 1 - at, true};
        if (is_seconds_unit(tokens, unit)) return DurationRead{0.5, 0, unit + 1 - at, true};
        return std::nullopt;
    }
    auto number = read_number(tokens, at);
    if (!number) return std::nullopt;
    // "one and a half minutes".
    const bool and_a_half_before = word_is(tokens, at + number->count, {"and"}) &&
                                   word_is(tokens, at + number->count + 1, {"a"}) &&
                                   word_is(tokens, at + number->count + 2, {"half"});
    if (and_a_half_before && (is_minutes_unit(tokens, at + number->count + 3) || is_seconds_unit(tokens, at + number->count + 3))) {
        number->value += 0.5;
        number->count += 3;
    }
    const std::size_t unit = at + number->count;
    if (is_seconds_unit(tokens, unit)) return DurationRead{number->value, 0, number->count + 1, true};
    if (is_minutes_unit(tokens, unit)) {
        DurationRead read{number->value * 60.0, 0, number->count + 1, true};
        // "a minute and a half".
        if (word_is(tokens, unit + 1, {"and"}) && word_is(tokens, unit + 2, {"a"}) && word_is(tokens, unit + 3, {"half"})) {
            read.seconds += 30.0;
            read.count += 3;
            return read;
        }
        // "1 minute 30 seconds", "1 min and 30 s", "1 min 30", "2m30s".
        std::size_t next = unit + 1;
        if (word_is(tokens, next, {"and"})) ++next;
        if (const auto extra = read_number(tokens, next)) {
            const std::size_t after = next + extra->count;
            if (is_seconds_unit(tokens, after)) {
                read.seconds += extra->value;
                read.count = after + 1 - at;
            } else if (after >= tokens.size() || tokens[after].boundary_before) {
                read.seconds += extra->value;
                read.count = after - at;
            }
        }
        return read;
    }
    if (word_is(tokens, unit, {"bar", "bars", "measure", "measures"})) {
        const int bars = static_cast<int>(number->value);
        if (bars < 1 || static_cast<double>(bars) != number->value) return std::nullopt;
        return DurationRead{0.0, bars, number->count + 1, true};
    }
    if (allow_bare && word_is(tokens, at, {"a", "an"})) return std::nullopt;
    if (allow_bare) return DurationRead{number->value, 0, number->count, false};
    return std::nullopt;
}

std::optional<NoteRead> read_note(const std::vector<Token>& tokens, std::size_t at) {
    if (at >= tokens.size()) return std::nullopt;
    const Token& token = tokens[at];
    if (token.text.size() > 7 || !is_alpha(token.text.front())) return std::nullopt;
    auto name = NoteName::parse(token.text);
    if (!name) return std::nullopt;
    NoteRead read{*name, 1, token.text == "a", std::isupper(static_cast<unsigned char>(token.text.front())) != 0};
    if (name->accidental == 0 && at + 1 < tokens.size() && tokens[at + 1].glue != Glue::none) {
        if (tokens[at + 1].word == "sharp") read.name.accidental = 1;
        if (tokens[at + 1].word == "flat") read.name.accidental = -1;
        if (read.name.accidental != 0) {
            read.count = 2;
            read.bare_lowercase_a = false;
        }
    }
    return read;
}

}  // namespace tunesmith
