// Parsers for single CueSpec values written as text (CLI flags, HTTP query fields): times,
// sections, hits, dialogue ranges, instrument lists, keys, meters. Each throws InputError naming `field`.
// Pure functions, no allocation contract beyond their results; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "music/key.h"
#include "music/meter.h"
#include "music/units.h"
#include "spec/cue_spec.h"

namespace tunesmith {

// The ten instrument groups (= stem names), in a fixed order.
const std::vector<std::string>& instrument_groups();
// Group name for a group name or alias ("percussion" -> "drums"), case-insensitive; nullopt otherwise.
std::optional<std::string> canonical_instrument(std::string_view name);
// Hit kinds accepted in HitSpec::kind: hit, lift, drop, cut, stinger.
const std::vector<std::string>& hit_kinds();
// Sample rates the renderer supports.
const std::vector<int>& supported_sample_rates();
// Output formats accepted in CueSpec::formats.
const std::vector<std::string>& supported_formats();

std::string_view ending_name(Ending ending);  // "cadence", "fade_out", "big_finish", "hit"
std::optional<Ending> parse_ending(std::string_view text);

// "a, b or c" for error messages.
std::string join_choices(const std::vector<std::string>& choices);

// A non-negative time: "28", "28s", "28.5 sec", "0:28", "1:02.5", "2m", "2 min", "1:00:05".
Seconds parse_time(std::string_view text, std::string_view field);
// The same without throwing: nullopt when `text` is not a time.
std::optional<Seconds> read_time_text(std::string_view text);
// A number, whole text ("92", "-14", "0.8"); `accepted` describes the expected value.
double parse_number(std::string_view text, std::string_view field, std::string_view accepted);
// "92" or "92bpm" / "92 BPM".
double parse_bpm(std::string_view text, std::string_view field);
Key parse_key(std::string_view text, std::string_view field);
Meter parse_time_signature(std::string_view text, std::string_view field);
std::uint64_t parse_seed(std::string_view text, std::string_view field);
int parse_sample_rate(std::string_view text, std::string_view field);
// A group name or "percussion"; returns the group name.
std::string parse_instrument(std::string_view text, std::string_view field);

// "NAME@TIME[:ENERGY]": "chorus@0:30", "intro@0:0.2", "verse@12s:0.5". A single colon followed by a
// number with a decimal point is an energy ("intro@10:0.3"); otherwise it belongs to the time.
SectionSpec parse_section(std::string_view text, std::string_view field);
// "TIME[:KIND]": "28", "0:28", "28s:lift", "1:02.5:drop".
HitSpec parse_hit(std::string_view text, std::string_view field);
// "START-END": "10-20", "0:10-0:25.5", "10s-20s".
TimeRange parse_time_range(std::string_view text, std::string_view field);
// Comma list of groups or voices; a leading '-' excludes: "piano,strings,-drums". A voice ("cello")
// includes its group and adds a player to its instruments.voices list ("violin,violin,viola,cello":
// four players on strings); "synth=marimba" puts a voice on a given group; "strings=style" drops them;
// a leading '+' features ("+saxophone": the style's band plus woodwinds as a saxophone, carrying the tune).
InstrumentSpec parse_instrument_list(std::string_view text, std::string_view field);

}  // namespace tunesmith
