// Arrangement decisions (no notes yet): which groups may sound (the spec's include/exclude),
// the layers each energy tier uses, the tier of every bar (energy, lifts, drops) and who
// carries the melody. compose() turns these decisions into notes.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "compose/plan.h"
#include "compose/style.h"
#include "spec/cue_spec.h"

namespace tunesmith {

struct Arrangement {
    std::vector<std::string> groups;           // groups allowed to sound, canonical order
    std::array<std::vector<Layer>, 3> layers;  // per tier, restricted to `groups`
    std::vector<EnergyTier> bar_tiers;         // one per bar of the plan
    std::string lead;                          // melody carrier at mid and high tiers ("" none)
    std::string soft_lead;                     // melody carrier at the low tier ("" the melody rests)
};

// Groups allowed by spec.instruments: include (if non-empty) restricts to itself plus feature and
// add, exclude removes. Unknown names are InputError("instruments.include"/"exclude"/"feature"/"add").
std::vector<std::string> allowed_groups(const InstrumentSpec& instruments);

// The tier of every bar: the bar's energy, raised by one tier from a lift to its section's
// end, and low from a drop to its section's end; breakdown sections are at most mid.
std::vector<EnergyTier> plan_bar_tiers(const Plan& plan);

// The role a group takes when the spec asks for it and the style does not use it.
Layer default_layer(const std::string& group);

// The full arrangement: style layers filtered by the allowed groups; groups the spec includes
// that the style lacks (or that would not sound in any tier this plan reaches) are added with
// their default role from the lowest reached tier up; a tier left empty borrows the nearest
// non-empty tier's layers, so a sound always plays. Featured groups (spec.instruments.feature) are
// added the same way, on top of the style's layers; the first that can carry a tune (not bass or
// drums) is the lead, and the soft lead when the style's melody plays at the low tier; as the
// tune's carrier it gets no default layer of its own. Added groups (spec.instruments.add) join
// the same way but accompany: the lead is chosen as without them, so an added group leads only when
// no other melodic group sounds.
Arrangement arrange(const Plan& plan, const CueSpec& spec, const Style& style);

}  // namespace tunesmith
