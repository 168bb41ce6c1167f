// The catch-all test's part in cut detection (gradual_change.h): it confirms the specific models'
// transitions and adds the changes none of them explained. Pure functions of values; safe from any
// thread.
#pragma once

#include <cstdint>
#include <vector>

#include "video/cuts.h"

namespace tunesmith {

// Drops a fade or wipe of a specific model where the catch-all test sees no change between two shots
// at all (a weak one, `options.gradual_change.support`, is enough): a steady drift or a texture that
// changes every frame can fit a mix of its own frames, but its pictures before and after are not two
// shots; nor is a shot whose light changes (a lamp brightening it is an exact mix of its picture
// before and after). A dip that stands on its own fit (Dip::stands_alone) stays: its pictures went
// flat and came back as a mix does, whatever the shots do by themselves around it.
void drop_unsupported(std::vector<Cut>& cuts, const GradualChangeFinder& finder, const Thumbnails& thumbnails,
                      std::int64_t max_length, const CutOptions& options);

// Changes no specific model explained, between the cuts found: each becomes a fade (or a hard cut,
// when it falls between two frames).
void add_gradual_changes(std::vector<Cut>& cuts, const std::vector<FrameSignals>& signals,
                         const GradualChangeFinder& finder, const GradualChangeOptions& options);

}  // namespace tunesmith
