// Energy shapes from prompt words ("sparse first half", "build", "quiet intro", "big finish") as
// paint operations on the time line, turned into CueSpec energy points once the length is final.
// Pure; safe from any thread.
#pragma once

#include <vector>

#include "spec/cue_spec.h"

namespace tunesmith {

// A time written in the prompt: seconds, or a fraction of the final length ("first half").
struct TimeRef {
    double value = 0.0;
    bool fraction = false;
    Seconds resolve(Seconds length) const;
    friend bool operator==(const TimeRef&, const TimeRef&) = default;
};

// Paint a straight line from (from, level_from) to (to, level_to). Higher priority wins where two
// overlap; among equals the later one wins. Priorities: whole cue 0, contrast of a half 1,
// a build 1, a named region 2.
struct EnergyOp {
    TimeRef from;
    TimeRef to;
    double level_from = 0.5;
    double level_to = 0.5;
    int priority = 0;
    friend bool operator==(const EnergyOp&, const EnergyOp&) = default;
};

inline constexpr double kBaseEnergy = 0.55;  // where no word says anything, once any word does

// Energy points in time order covering [0, length]; two points at one time make a step.
// Empty when `ops` is empty (the planner then shapes energy itself).
std::vector<EnergyPoint> paint_energy(const std::vector<EnergyOp>& ops, Seconds length);

}  // namespace tunesmith
