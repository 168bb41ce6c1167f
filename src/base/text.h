// Small ASCII text helpers shared by the parsers (prompt words, note and key names, style files):
// case folding and whitespace trimming, locale-independent.
#pragma once

#include <string>
#include <string_view>

namespace tunesmith {

// ASCII lower case (bytes >= 0x80 are kept as they are).
std::string lower(std::string_view text);

// `text` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

// `value` with exactly `decimals` digits after the point ("%.*f"), for messages.
std::string fixed_text(double value, int decimals);

// `value` rounded to at most `max_decimals` digits after the point, trailing zeros dropped
// ("92", "92.5", "13.912"; never "-0"): numbers in messages, where a computed double would
// otherwise print as 13.911999999999999.
std::string decimal_text(double value, int max_decimals);

// The one format of times and tempos in user-facing messages: "13.912 s" (to the millisecond)
// and "96 bpm", "92.5 bpm" (to 0.1 bpm).
std::string seconds_text(double seconds);
std::string bpm_text(double bpm);
// A length for messages: seconds_text below two minutes, else minutes to 0.1 ("40 minutes").
std::string duration_text(double seconds);

}  // namespace tunesmith
