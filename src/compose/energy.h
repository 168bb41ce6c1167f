// Energy curve: one level per bar in 0..1 from the spec's section energies, energy points, hit
// kinds and ending, over a default arc (start low-mid, peak around 75%, resolve).
#pragma once

// Pure functions of their arguments.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "spec/cue_spec.h"

namespace tunesmith {

// A hit's effect on energy starts at `bar` (the bar it lands on, or the next one if off the downbeat).
struct EnergyHit {
    int bar = 0;
    std::string kind;  // "lift" raises the following bars, "drop" lowers them; others leave energy alone
};

struct SectionLevel {
    int first_bar = 0;
    int bar_count = 1;
    std::optional<double> energy;  // given by the spec: the bars' mean is set to it
};

struct EnergyRequest {
    int bars = 1;
    std::vector<double> bar_centre_seconds;  // wall time of each bar's centre (through the tempo map)
    std::vector<EnergyPoint> points;
    std::vector<EnergyHit> hits;
    std::vector<SectionLevel> sections;
    Ending ending = Ending::cadence;
};

// Precedence, highest first: explicit section energies (they set each section's mean and keep
// the shape below), explicit energy points (linear at bar centres, held beyond the ends), hit
// kinds, the default arc. A lift among explicit points still marks where the energy arrives: the
// bars before it, back to the previous lift or drop, are held 0.3 below the bar it lands on. The ending then shapes the last 2-4 bars: fade_out falls to 0.1,
// big_finish rises to 1.0, hit keeps the last bar up; cadence keeps the arc's resolve.
std::vector<double> plan_bar_energy(const EnergyRequest& request);

// The default arc at `position` in [0, 1] of the cue: 0.35 -> 0.85 at 0.75 -> 0.5.
double default_arc(double position);

// Linear interpolation of energy points (sorted here) at `seconds`; held before the first and after the last.
double interpolate_points(std::span<const EnergyPoint> points, double seconds);

// Mean of bars [first, first + count).
double mean_energy(std::span<const double> bar_energy, int first, int count);

// Bars over which the ending shapes energy: an eighth of the cue, 2 to 4 bars, never more than the cue.
int ending_bars(int bars);

}  // namespace tunesmith
