// Repeated figures in a sung line: runs of notes that come back with the same rhythm (inter-onset
// intervals in the same proportions, allowing the singer's drift) and the same pitch contour. A
// figure that recurs sits at the same place in the beat each time, so the sung-beat tracker lets
// the occurrences share what it believes about that place (sung_beats.h). Pure; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace tunesmith {

struct SungRepeatOptions {
    // A figure is at least this many notes: 4 lets a short motif sung again after a pause place it
    // (session 13; decided on a list no tuning had seen, docs/accompany.md).
    std::size_t min_notes = 4;
    double max_tempo_ratio = 1.15;  // the second occurrence's tempo against the first's, either way
    // An onset of the second occurrence may stray from where the first occurrence's rhythm, at the
    // tempo ratio so far, puts it by this fraction of the interval or this many seconds (the larger).
    double interval_tolerance = 0.12;
    double timing_tolerance_s = 0.04;
    double max_interval_s = 4.0;    // a figure does not run across a longer gap (a pause)
    int max_pitch_error = 1;        // semitones between the two figures' steps (transcription slips)
};

// Two onsets that play the same role in two occurrences of a figure (first < second).
struct RepeatedOnset {
    std::size_t first = 0;
    std::size_t second = 0;
    friend bool operator==(const RepeatedOnset&, const RepeatedOnset&) = default;
};

// Every onset pair of the maximal repeated figures of the line whose notes begin at `onsets_s`
// (ascending) on MIDI `pitches` (same length; all equal: rhythm alone). Occurrences do not overlap.
std::vector<RepeatedOnset> find_repeated_onsets(std::span<const double> onsets_s, std::span<const double> pitches,
                                                const SungRepeatOptions& options = {});

}  // namespace tunesmith
