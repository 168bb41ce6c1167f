// When a hit is heard: the onset of an attack in a stereo signal, the one definition render aligns
// hits to (render/onset_latency.h) and eval_video measures them with. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "music/units.h"

namespace tunesmith {

// The onset of the attack near `around` (a sample index) in a stereo signal:
//   level(n)   = RMS of both channels over the 0.5 ms ending at n (causal, so a step is seen where
//                it starts, not half a window early);
//   background = the highest level from 30 ms to 10 ms before `around`: the loudest moment of
//                what rings into the hit (the highest, so a ringing tone's own ripple is no onset);
//   peak       = the highest level from 10 ms before `around` to 50 ms after it;
//   onset      = the first n from 10 ms before `around` to 30 ms after it where level(n) is at
//                least 2 x background (+6 dB: the hit stands out of what rings into it) and at
//                least 3 % of peak (-30 dB: where the attack becomes audible; a SoundFont drum's
//                quiet lead-in, -50..-60 dB, stays below it).
// -1 when nothing in the window rises that way (silence, or music that goes on at the same level).
// A hit more than 10 ms early raises the background and is found late or not at all.
std::int64_t attack_onset(const std::vector<float>& left, const std::vector<float>& right, std::int64_t around,
                          SampleRate rate);

}  // namespace tunesmith
