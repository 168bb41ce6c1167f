// Sung phrases and the pauses between them, from voicing and level, so an arrangement can
// breathe with the singer. Pure function of the f0 track; thread-safe.
#pragma once

#include <vector>

#include "analyze/pitch.h"

namespace tunesmith {

struct PhraseOptions {
    double min_pause_s = 0.28;      // silences (or unvoiced stretches) shorter than this do not end a phrase
    double min_phrase_s = 0.2;      // shorter voiced bursts are dropped (coughs, clicks)
    double consonant_reach_s = 0.12; // a phrase extends over adjacent unvoiced frames this close...
    double consonant_db = 20.0;      // ...whose level is within this of the phrase's median voiced level
};

struct Phrase {
    double start_s = 0.0;
    double end_s = 0.0;
    double pause_after_s = 0.0;  // until the next phrase (or the end of the audio)

    friend bool operator==(const Phrase&, const Phrase&) = default;
};

std::vector<Phrase> segment_phrases(const F0Track& track, const PhraseOptions& options = {});

}  // namespace tunesmith
