// Content policy for prompts: tunesmith does not imitate named artists. The artist list
// (data/policy/artists.txt, derived from public chart data, plus the hand-kept
// data/policy/artists_extra.txt: film and media composers, public-domain composers) marks each
// name "distinct" (a mention refuses), "word" (an ordinary word, number or place: only an
// imitation phrase such as "in the style of Genesis" or "Genesis style" refuses) or
// "public_domain" (a composer whose works are public domain: never refused, the name is ignored
// with a warning). A bare single-word distinct name counts only when written as a name
// ("Metallica", not "tesla" or "UFO"); a number followed by a unit ("112 bpm") is never a name.
// In an imitation phrase a near-miss spelling of a long multi-word name ("taylr swift") counts.
// Genre words are not on the list. An ArtistPolicy is an immutable value; share it between
// threads. The policy is written down in docs/rights.md.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tunesmith {

enum class ArtistKind { distinct, word, public_domain };

struct ArtistPolicy {
    std::map<std::string, ArtistKind, std::less<>> names;  // folded: lower case, ASCII, one space
    std::size_t longest = 0;                               // longest name in words
};

// The files load_artist_policy reads, in order: <data_dir>/policy/artists.txt, artists_extra.txt.
std::vector<std::filesystem::path> artist_policy_files(const std::filesystem::path& data_dir);

// Reads <data_dir>/policy/artists.txt and then artists_extra.txt (its entries win); absent files
// give an empty policy (nothing refused). InputError naming the file and line for a malformed entry.
ArtistPolicy load_artist_policy(const std::filesystem::path& data_dir);
// Lines "name<TAB>distinct|word|public_domain"; '#' starts a comment line. `source` names the
// text in errors. Entries are added to `into` (a later entry replaces an earlier one).
ArtistPolicy parse_artist_policy(std::string_view text, const std::string& source, ArtistPolicy into = {});

// The list's kind for a name as written ("Ludwig van Beethoven", "Mozart's"), folded the way the
// matcher folds prompts; nullopt when the name is not listed.
std::optional<ArtistKind> artist_kind(std::string_view name, const ArtistPolicy& policy);

struct MimicryMatch {
    std::string phrase;  // as written in the prompt ("in the style of Radiohead")
    std::string artist;  // the folded list entry ("radiohead")
};

// The first request to imitate a listed artist, or nullopt. Public-domain names never match.
std::optional<MimicryMatch> find_mimicry(std::string_view prompt, const ArtistPolicy& policy);

// What a refused prompt should say instead (the "accepted" part of the refusal).
std::string mimicry_refusal_accepted();

// Throws InputError("prompt", phrase, "a description of the sound ...") when find_mimicry matches.
void check_mimicry(std::string_view prompt, const ArtistPolicy& policy);

}  // namespace tunesmith
