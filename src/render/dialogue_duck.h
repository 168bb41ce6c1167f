// Dialogue ducking to one drop in every style. The channel strips duck each stem by
// MixSettings::duck_db under dialogue, but how far the music falls there also depends on what the
// score thinned (drums out, busy figures and the melody out): 9.6 to 18 dB between styles. This
// measures the sum of the ducked stems inside each dialogue range against the music around it and
// moves that range's duck so the drop is MixSettings::dialogue_drop_db. The gain is the same for
// every ducked stem, so the stems still sum to the mix. Thread-compatible; allocates per call.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "render/frame_store.h"
#include "render/mix.h"

namespace tunesmith {

// Per settings.duck_ranges entry, the gain in dB to add inside it (ramped like the duck): positive
// raises music that thinning already lowered past the target. 0 where there is too little music
// around the range (or inside it) to compare. Bounded so the duck stays between 0 and 20 dB.
std::vector<double> dialogue_duck_corrections(std::span<const FrameStore> processed, const MixSettings& settings,
                                              std::size_t length);

// Multiplies the corrections into every stem whose strip ducks (StemMix::duck).
void apply_dialogue_duck_corrections(std::vector<FrameStore>& processed, std::span<const std::string> names,
                                     const MixSettings& settings, std::span<const double> corrections);

}  // namespace tunesmith
