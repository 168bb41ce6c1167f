// CueSpec: the one contract between every front door (prompt, flags, JSON, HTTP, video, vocal)
// and the pipeline. Fully explicit: after resolution every field has a value. Nothing
// downstream reads the prompt text. JSON field names are public API (see docs/cuespec.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "music/key.h"
#include "music/meter.h"
#include "music/units.h"

namespace tunesmith {

struct SectionSpec {
    std::string name;
    Seconds start;
    double energy = 0.5;  // 0..1
    friend bool operator==(const SectionSpec&, const SectionSpec&) = default;
};

// A moment the music must mark. Kinds: "hit" (accent on a downbeat), "lift" (energy rises
// from here), "drop" (energy falls: instruments drop out; the EDM "drop", the peak, is a section
// named "drop"), "cut" (a picture cut), "stinger".
struct HitSpec {
    Seconds time;
    std::string kind = "hit";
    friend bool operator==(const HitSpec&, const HitSpec&) = default;
};

struct TimeRange {
    Seconds start;
    Seconds end;
    friend bool operator==(const TimeRange&, const TimeRange&) = default;
};

// Instrument group names: piano, strings, brass, woodwinds, guitar, bass, drums, synth, pad, choir.
struct InstrumentSpec {
    std::vector<std::string> include;  // empty: the style decides
    std::vector<std::string> exclude;
    // Group -> the named voices that play it (spec/voices.h), in the order given. One voice
    // ("strings": ["cello"]) is the group's track in that General MIDI sound and register. Several
    // ("strings": ["violin", "viola", "cello"]) are single players of a chamber cue, each on its own
    // track (played_by_soloists); in a cue the style arranges, such a group plays the style's sound.
    // A group not listed plays the style's sound. Keyed by group so layers merge per group.
    std::map<std::string, std::vector<std::string>> voices;
    // Session 13: groups played on top of the style's band, prominent: the first that can carry a
    // tune does ("pop song with a saxophone solo"). Unlike include it restricts nothing; with a
    // non-empty include, the allowed groups are include plus these. A group is in at most one of
    // include, exclude and feature. Last, so brace-initialised specs of the three older lists still read.
    std::vector<std::string> feature{};
    // Session 14: groups that join the style's band as accompaniment ("cinematic with strings"). Like
    // feature they restrict nothing, but the style's lead keeps the tune: an added group leads only
    // when nothing else melodic sounds. A group is in at most one of include, exclude, feature and add.
    std::vector<std::string> add{};
    friend bool operator==(const InstrumentSpec&, const InstrumentSpec&) = default;
};

struct Rules {
    bool percussion_under_dialogue = true;  // false: no drum note sounds inside a dialogue range
    bool duck_under_dialogue = true;        // lower the music under dialogue
    friend bool operator==(const Rules&, const Rules&) = default;
};

// A point on the requested energy curve (0 = near silence, 1 = full); linear between points.
struct EnergyPoint {
    Seconds time;
    double level = 0.5;
    friend bool operator==(const EnergyPoint&, const EnergyPoint&) = default;
};

enum class Ending { cadence, fade_out, big_finish, hit };

struct CueSpec {
    std::string prompt;
    std::vector<std::string> style;  // e.g. "cinematic", "ambient"
    std::vector<std::string> mood;   // e.g. "dark", "hopeful"
    Key key{NoteName{0, 0}, Mode::major};
    double bpm = 100.0;  // quarter notes per minute
    Meter time_signature;
    Seconds length{60.0};
    std::vector<SectionSpec> sections;  // empty: the planner chooses a form
    std::vector<HitSpec> hits;
    InstrumentSpec instruments;
    std::vector<TimeRange> dialogue;
    Rules rules;
    std::vector<EnergyPoint> energy;  // empty: the planner shapes energy from sections/style
    Ending ending = Ending::cadence;
    std::uint64_t seed = 1;
    double loudness_lufs = -14.0;
    double true_peak_dbtp = -1.0;
    int sample_rate = 48000;
    std::vector<std::string> formats{"wav", "flac", "mid"};
    friend bool operator==(const CueSpec&, const CueSpec&) = default;
};

}  // namespace tunesmith
