// Parts for a cue played by single players and nothing else ("solo cello", "piano and cello duo",
// spec/voices.h played_by_soloists): who carries the tune, what each other player does, and notes
// a player can actually play (a line with occasional double stops and arpeggiated harmony, a tune
// over the player's own left hand, a bass line). Pure functions plus a seeded Rng; no state.
#pragma once

#include <string>
#include <vector>

#include "base/random.h"
#include "compose/arrangement.h"
#include "compose/style.h"
#include "music/score.h"
#include "spec/cue_spec.h"

namespace tunesmith {

enum class SoloPart {
    unaccompanied_melody,       // a line player alone: the tune, double stops, arpeggiated chords in its rests
    melody_over_accompaniment,  // a keyboard, guitar or harp alone: the tune over its own bass and broken chords
    melody,                     // the tune under which another player accompanies; now and then a double stop
    accompaniment,              // bass notes and broken chords under another player's tune
    bass_line,                  // the lowest line player under another's tune when no one accompanies
    counter_line,               // a slow line of chord tones
};

struct Soloist {
    std::string group;  // the track it plays on
    int polyphony = 1;  // notes it sounds at once (spec/voices.h player_polyphony)
    SoloPart part = SoloPart::unaccompanied_melody;
    friend bool operator==(const Soloist&, const Soloist&) = default;
};

// The players of a cue played by soloists, in canonical group order; empty for any other cue (the
// style arranges it). The tune goes to a line player (fewest notes at once) before a keyboard, the
// higher register first, then group order: a cello over a piano, a flute over a cello. A keyboard,
// guitar or harp under it accompanies; with no one accompanying, the lowest other line player
// plays the bass line and the rest counter-lines.
std::vector<Soloist> plan_soloists(const CueSpec& spec, const Style& style);

struct SoloRequest {
    Ticks start;  // a run of bars at one energy tier (bar lines)
    Ticks end;
    Meter meter;
    Key key;
    EnergyTier tier = EnergyTier::mid;
    int low = 36;  // the player's register, inclusive
    int high = 96;
    int polyphony = 1;
    SoloPart part = SoloPart::unaccompanied_melody;
};

// One player's notes over [start, end); `melody` is the whole cue's tune (compose_melody), moved by
// whole octaves into the player's register the same way in every run. Notes never cross `end` and
// never sound more than `polyphony` at once.
std::vector<Note> soloist_notes(const std::vector<ChordSpan>& chords, const std::vector<Note>& melody,
                                const SoloRequest& request, Rng rng);

// A chord one player can hold: the root for a single line, root and fifth (else third) as a double
// stop, a voiced chord of up to four notes for a keyboard, guitar or harp.
std::vector<Note> player_chord(const Chord& chord, Ticks start, Ticks end, int low, int high, int polyphony,
                               int velocity);

// Keeps at most `polyphony` notes sounding at once, as one player must: a note still held when
// the player has no free hand or string is released where the next begins, and of notes begun
// together the highest are kept (the tune is on top), the loudest velocity going to them (an
// accent survives). Sorts `notes` by start.
void limit_polyphony(std::vector<Note>& notes, int polyphony);

// The arrangement compose() works from in such a cue: one layer per player, the tune's player as
// lead and soft lead (the tune plays at every energy).
Arrangement arrange_soloists(Arrangement arrangement, const std::vector<Soloist>& soloists);

}  // namespace tunesmith
