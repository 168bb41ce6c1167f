// TempoMap: the only conversion between musical time (Ticks) and audio time (Samples).
// It is a list of anchors (tick, sample), strictly increasing in both; between anchors time
// runs linearly, after the last anchor the last segment's tempo continues. A tick that is
// an anchor maps exactly to its sample, which is how hit points land on the sample.
// Conversions are integer arithmetic (round to nearest), so nothing drifts over any length.
#pragma once

#include <cstdint>
#include <vector>

#include "music/units.h"

namespace tunesmith {

struct TempoAnchor {
    Ticks tick;
    Samples sample;
    friend bool operator==(const TempoAnchor&, const TempoAnchor&) = default;
};

// A tempo as MIDI stores it: microseconds per quarter note from `tick` on.
struct MidiTempo {
    Ticks tick;
    std::int64_t microseconds_per_quarter = 500000;
    friend bool operator==(const MidiTempo&, const MidiTempo&) = default;
};

class TempoMap {
public:
    TempoMap() : TempoMap(constant(120.0, SampleRate{})) {}

    // A constant tempo in quarter notes per minute (exact to well under a sample per hour).
    static TempoMap constant(double quarter_bpm, SampleRate rate);
    // Anchors must start at (0, 0), increase strictly in both coordinates, and be at least two.
    // Throws std::invalid_argument otherwise (an internal invariant, not user input).
    static TempoMap from_anchors(std::vector<TempoAnchor> anchors, SampleRate rate);
    // From MIDI tempo events (first at tick 0); used when an edited MIDI file comes back in.
    static TempoMap from_midi_tempos(const std::vector<MidiTempo>& tempos, SampleRate rate,
                                     Ticks span_end);

    Samples to_samples(Ticks tick) const;
    Ticks to_ticks(Samples sample) const;  // nearest tick
    Seconds to_seconds(Ticks tick) const { return tunesmith::to_seconds(to_samples(tick), rate_); }
    Ticks to_ticks(Seconds t) const { return to_ticks(tunesmith::to_samples(t, rate_)); }
    // Tempo in quarter notes per minute of the segment containing `tick`.
    double bpm_at(Ticks tick) const;
    // One event per segment, microseconds per quarter rounded to the nearest integer.
    std::vector<MidiTempo> midi_tempos() const;

    const std::vector<TempoAnchor>& anchors() const { return anchors_; }
    SampleRate sample_rate() const { return rate_; }
    // The same musical timing at another sample rate (anchors rescaled, rounded).
    TempoMap at_rate(SampleRate rate) const;

    friend bool operator==(const TempoMap&, const TempoMap&) = default;

private:
    TempoMap(std::vector<TempoAnchor> anchors, SampleRate rate) : anchors_(std::move(anchors)), rate_(rate) {}
    std::size_t segment_for_tick(Ticks tick) const;
    std::size_t segment_for_sample(Samples sample) const;

    std::vector<TempoAnchor> anchors_;
    SampleRate rate_;
};

}  // namespace tunesmith
