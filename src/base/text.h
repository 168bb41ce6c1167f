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

}  // namespace tunesmith
