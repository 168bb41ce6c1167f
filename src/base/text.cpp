// ASCII case folding and trimming (no locale: the same bytes give the same words everywhere).
#include "base/text.h"

#include <cstdio>

namespace tunesmith {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string fixed_text(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string decimal_text(double value, int max_decimals) {
    std::string text = fixed_text(value, max_decimals);
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
    return text;
}

std::string seconds_text(double seconds) { return decimal_text(seconds, 3) + " s"; }

std::string bpm_text(double bpm) { return decimal_text(bpm, 1) + " bpm"; }

std::string duration_text(double seconds) {
    return seconds < 120.0 ? seconds_text(seconds) : decimal_text(seconds / 60.0, 1) + " minutes";
}

}  // namespace tunesmith
