// Test fixture: F0 tracks built frame by frame from a pitch curve, for testing note and phrase
// segmentation without running the pitch tracker.
#pragma once

#include <cmath>
#include <functional>

#include "analyze/pitch.h"
#include "music/pitch.h"

namespace tunesmith::testing_track {

// A track of `seconds` at 10 ms frames; `pitch_at(t)` gives a MIDI pitch, or NaN when unvoiced.
// Voiced frames sit at -20 dBFS unless `level_at` says otherwise; unvoiced frames at -90 dBFS.
inline F0Track make_track(double seconds, const std::function<double(double)>& pitch_at,
                          const std::function<double(double)>& level_at = nullptr) {
    F0Track track;
    track.rate = SampleRate(16000);
    track.hop = 160;
    const auto frames = static_cast<std::size_t>(std::lround(seconds / track.hop_seconds()));
    for (std::size_t f = 0; f < frames; ++f) {
        const double t = track.frame_time(f);
        const double pitch = pitch_at(t);
        PitchFrame frame;
        frame.voiced = !std::isnan(pitch);
        frame.f0_hz = frame.voiced ? static_cast<float>(pitch_to_frequency(pitch)) : 0.0f;
        frame.voiced_probability = frame.voiced ? 0.9f : 0.0f;
        frame.level_db = static_cast<float>(level_at ? level_at(t) : (frame.voiced ? -20.0 : -90.0));
        track.frames.push_back(frame);
    }
    return track;
}

}  // namespace tunesmith::testing_track
