// compose(): Plan + CueSpec + Style -> Score. Chords and melody from the harmony and melody
// writers, then the arrangement (layers per energy tier, hits, dialogue rules, ending) and
// humanizing. Pure and deterministic: randomness is Rng(spec.seed).fork("compose") split per
// section and group, so changing one section leaves the others' notes unchanged.
// Thread-safe (no shared state); allocates freely.
#pragma once

#include <utility>

#include <cstdint>
#include <vector>

#include "compose/plan.h"
#include "compose/style.h"
#include "music/score.h"
#include "spec/cue_spec.h"

namespace tunesmith {

// One Track per sounding instrument group (name = group = stem), notes sorted by start, all
// inside [0, plan.length) with the final release ending before plan.length. Groups excluded by
// the spec never sound; with spec.rules.percussion_under_dialogue false no drum note (nor its
// ring) sounds inside plan.dialogue. InputError for unknown instrument names in the spec.
Score compose(const Plan& plan, const CueSpec& spec, const Style& style);

// Changes to one part only. A non-zero melody_reseed draws the melody from another stream and
// leaves every other part's notes as they were (how a melody found too close to a known work is
// regenerated).
struct ComposeOptions {
    std::uint64_t melody_reseed = 0;
};
Score compose(const Plan& plan, const CueSpec& spec, const Style& style, const ComposeOptions& options);

// The melody compose() places on the lead (before voicing into the lead's register and humanizing).
std::vector<Note> compose_melody(const Plan& plan, const CueSpec& spec, const Style& style,
                                 const ComposeOptions& options = {});

// The register a layer plays in (lowest, highest MIDI pitch): the instrument's range (its group's,
// or its named voice's: cue_instrument) shifted by the layer's octave, with pads and comping from
// the instrument's chord floor up, basses at the bottom. Shared by compose and the accompaniment
// arranger so both voice a style's layers alike.
std::pair<int, int> layer_register(const Layer& layer, const InstrumentInfo& info);

// The tick by which every note has been released, so the tail fits the cue's audio length:
// about 0.8 s (and at least half a beat) before plan.length, never before the final bar's
// second beat.
Ticks release_tick(const Plan& plan);

}  // namespace tunesmith
