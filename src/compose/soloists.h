// Parts for a cue played by single players and nothing else ("solo cello", "piano and cello duo",
// "string quartet", spec/voices.h played_by_soloists): who carries the tune, what each other player
// does and in which register, and notes a player can actually play (a line with occasional double
// stops and arpeggiated harmony, a tune over the player's own left hand, a bass line, an inner
// line, broken or strummed chords). Pure functions plus a seeded Rng; no state.
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
    accompaniment,              // bass notes and broken (or strummed) chords under another player's tune
    harmony,                    // broken chords and no bass: a line player below has the bass line
    bass_line,                  // the lowest line player under another's tune
    counter_line,               // an inner line of its own chord tone between the bass and the tune
};

struct Soloist {
    Player player;  // group, voice, track name and polyphony (spec/voices.h cue_players)
    SoloPart part = SoloPart::unaccompanied_melody;
    // The register its part keeps to: its instrument's, narrowed so that parts do not sit on each
    // other (the bass under the tune, inner parts between them).
    int low = 0;
    int high = 127;
    int chords_from = 0;  // accompaniment: its chords start here (its bass stays below); 0 = above the bass
    int tone = 0;         // its chord tone in an inner line and in a tutti chord (0 root, 1 third, 2 fifth)
    friend bool operator==(const Soloist&, const Soloist&) = default;
};

// The players of a cue played by soloists, in the order of cue_players; empty for any other cue
// (the style arranges it). The tune goes to the one wind or brass player among two or more strings
// (a clarinet quintet's clarinet), else to a line player (fewest notes at once) before a keyboard,
// the higher register first, then the order given (the first violin). The lowest other line player
// plays the bass line when no keyboard, guitar or harp accompanies, or when it reaches the bass
// register (a cello, bassoon, trombone or tuba): then the keyboard plays harmony between it and the
// tune, else the keyboard's own bass goes under the tune and its chords around it (above a low
// tune, "piano and cello"). Other line players play counter-lines, each in its own band between
// the bass and the tune, the higher instrument higher. `melody` is the whole cue's tune, which
// decides where the tune sits.
std::vector<Soloist> plan_soloists(const CueSpec& spec, const Style& style, const std::vector<Note>& melody);

struct SoloRequest {
    Ticks start;  // a run of bars at one energy tier (bar lines)
    Ticks end;
    Meter meter;
    Key key;
    EnergyTier tier = EnergyTier::mid;
    int low = 36;  // the part's register, inclusive
    int high = 96;
    int polyphony = 1;
    SoloPart part = SoloPart::unaccompanied_melody;
    int chords_from = 0;  // accompaniment: where its chords start (0: right above its bass)
    bool strum = false;   // accompaniment on a guitar: strummed chords, not fingerpicked
    int tone = 0;         // counter-line: the chord tone it mostly holds (0 root, 1 third, 2 fifth)
};

// One player's notes over [start, end); `melody` is the whole cue's tune (compose_melody), moved by
// whole octaves into the player's register the same way in every run. Notes never cross `end` and
// never sound more than `polyphony` at once.
std::vector<Note> soloist_notes(const std::vector<ChordSpan>& chords, const std::vector<Note>& melody,
                                const SoloRequest& request, Rng rng);

// Keeps the parts under the tune in an ensemble, as inner voices stay below the first violin: a
// note of a counter-line, harmony or bass line that would sound at or above the tune (or, for a
// counter-line or the bass, at or above a counter-line placed higher) takes the highest tone of its chord
// below it, not under its part's register, or rests when there is none; a keyboard's chords
// leave out a note a line player sounds at the same pitch. `parts` holds each soloist's notes of
// one run, in the order of `soloists`.
void keep_parts_below(const std::vector<Soloist>& soloists, const std::vector<ChordSpan>& chords,
                      std::vector<std::vector<Note>>& parts);

// True when a guitar accompanying at this tier strums: the style strums its guitar there (pop,
// folk, rock at mid energy) or the energy is high; at low energy, and always on a harp, koto,
// sitar, dulcimer or shamisen, it fingerpicks.
bool strums(const Soloist& soloist, const Style& style, EnergyTier tier);

// One player's notes in a chord all the players sound together (a hit, the final chord): a player
// alone holds the chord it can (player_chord); in an ensemble a keyboard, guitar or harp holds its
// bass (when it has it) and three chord tones where its chords were, and a line player its own
// chord tone (`tone`) in its part's register, so that together they sound the whole chord; with
// `near` (a pitch, else -1) the line player takes the chord tone nearest it instead (the tune ends
// where it was, over the others).
std::vector<Note> tutti_notes(const Soloist& soloist, bool alone, const Chord& chord, Ticks start, Ticks end,
                              int velocity, int near = -1);

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
