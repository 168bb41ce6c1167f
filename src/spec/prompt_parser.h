// The prompt parser: reads a free-text request ("cinematic ambient, D minor, 92 BPM, 45 seconds,
// sparse first half, lift at 28 seconds") into a SpecPatch plus the parts that depend on the
// final length or tempo, and reports every word it used or ignored. Vocabulary comes from the
// Lexicon (data/lexicon.json); the grammar (keys, numbers, times, negation) lives here.
// Pure; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/energy_shape.h"
#include "spec/lexicon.h"
#include "spec/spec_patch.h"

namespace tunesmith {

// A run of prompt text the parser used, and what it set ("92 BPM" -> "bpm=92").
struct WordUse {
    std::string text;
    std::string meaning;
    friend bool operator==(const WordUse&, const WordUse&) = default;
};

struct PromptReading {
    SpecPatch patch;                     // values the words give directly
    std::optional<NoteName> tonic_only;  // "in A": the mode then follows the mood
    std::optional<Mode> mode_lean;       // "minor key" without a tonic
    std::optional<int> length_bars;      // "16 bars": seconds once tempo and meter are final
    std::vector<EnergyOp> energy;        // shapes, resolved against the final length
    std::vector<WordUse> used_words;
    std::vector<std::string> ignored_words;  // filler and unknown words, as written
    std::vector<std::string> warnings;
};

PromptReading read_prompt(std::string_view prompt, const Lexicon& lexicon);

}  // namespace tunesmith
