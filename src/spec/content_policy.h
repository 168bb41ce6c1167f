// Content policy for prompts: tunesmith does not imitate named artists. The artist list
// (data/policy/artists.txt, derived from public chart data) marks each name "distinct" (any
// mention refuses) or "word" (an ordinary word or place: only an explicit mimicry phrase such as
// "in the style of Genesis" refuses). Genre words are not on the list. An ArtistPolicy is an
// immutable value; share it between threads. The policy is written down in docs/rights.md.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tunesmith {

enum class ArtistKind { distinct, word };

struct ArtistPolicy {
    std::map<std::string, ArtistKind, std::less<>> names;  // folded: lower case, ASCII, one space
    std::size_t longest = 0;                               // longest name in words
};

// Reads <data_dir>/policy/artists.txt; an absent file gives an empty policy (nothing refused).
// InputError naming the file and line for a malformed entry.
ArtistPolicy load_artist_policy(const std::filesystem::path& data_dir);
// Lines "name<TAB>distinct|word"; '#' starts a comment line. `source` names the text in errors.
ArtistPolicy parse_artist_policy(std::string_view text, const std::string& source);

struct MimicryMatch {
    std::string phrase;  // as written in the prompt ("in the style of Radiohead")
    std::string artist;  // the folded list entry ("radiohead")
};

// The first request to imitate a listed artist, or nullopt.
std::optional<MimicryMatch> find_mimicry(std::string_view prompt, const ArtistPolicy& policy);

// What a refused prompt should say instead (the "accepted" part of the refusal).
std::string mimicry_refusal_accepted();

// Throws InputError("prompt", phrase, "a description of the sound ...") when find_mimicry matches.
void check_mimicry(std::string_view prompt, const ArtistPolicy& policy);

}  // namespace tunesmith
