// Prompt tokens and the small readers the prompt parser is built from: numbers (digits or words),
// times, durations, note names and phrases. A token keeps its byte span so every used or
// ignored word can be reported in the user's own spelling. Pure; safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "music/pitch.h"

namespace tunesmith {

// How a token joins the one before it: "45 second" (space), "45-second" (hyphen), "45s" (none).
enum class Glue { space, hyphen, none };

struct Token {
    std::string text;  // as written
    std::string word;  // lower case
    std::size_t begin = 0;
    std::size_t end = 0;
    Glue glue = Glue::space;
    bool boundary_before = false;  // a comma, semicolon, full stop... precedes it (or it is first)
    bool apostrophe = false;       // a number written with an apostrophe ("'80s", "80's"): a decade
};

// Splits on spaces and punctuation; keeps "1:30", "1.5", "3/4", "F#", "r&b" whole; splits
// hyphenated words and a number from its units ("92bpm" -> "92" "bpm", "2m30s" -> "2" "m" "30"
// "s"). An apostrophe before or after a number ("'80s", "80's") is dropped and marks the number.
std::vector<Token> tokenize_prompt(std::string_view prompt);

// The tokens [first, last) as one phrase key: hyphen/space glue -> one space, none -> nothing.
std::string phrase_key(const std::vector<Token>& tokens, std::size_t first, std::size_t last);

struct NumberRead {
    double value = 0.0;
    std::size_t count = 0;  // tokens consumed
};
// "92", "1.5", "forty-five", "ninety", "a" (before minute/second only: one).
std::optional<NumberRead> read_number(const std::vector<Token>& tokens, std::size_t at);

struct DurationRead {
    double seconds = 0.0;
    int bars = 0;  // > 0 for "16 bars": seconds is then 0
    std::size_t count = 0;
    bool explicit_unit = true;  // false for a bare number ("at 28")
};
// "45 seconds", "45s", "45-second", "90 sec", "2 minutes", "1 min 30", "2m30s", "1:30", "1:02.5",
// "16 bars", "half a minute", "a minute and a half", "one and a half minutes".
// A bare number is read only when `allow_bare` (after "at").
std::optional<DurationRead> read_duration(const std::vector<Token>& tokens, std::size_t at, bool allow_bare);

struct NoteRead {
    NoteName name;
    std::size_t count = 0;
    bool bare_lowercase_a = false;  // "a": usually the article
    bool capitalized = false;
};
// "D", "F#", "Bb", "F sharp", "E flat", "e-flat".
std::optional<NoteRead> read_note(const std::vector<Token>& tokens, std::size_t at);

// True if the token at `at` exists and its lower-case word is one of `words`.
bool word_is(const std::vector<Token>& tokens, std::size_t at, std::initializer_list<std::string_view> words);

}  // namespace tunesmith
