// Note segmentation of a sung f0 track: onset, offset and MIDI pitch per note, with vibrato and
// glides folded into the note they belong to. Pure function of the track; thread-safe.
#pragma once

#include <vector>

#include "analyze/pitch.h"

namespace tunesmith {

struct NoteOptions {
    double vibrato_smoothing_s = 0.18;  // moving average over ~one vibrato cycle before segmenting
    double pitch_sigma_semitones = 0.4; // spread of the smoothed pitch around a note's centre
    double change_cost = 12.0;          // log-probability cost of changing note (Viterbi)
    double max_gap_s = 0.06;            // unvoiced gaps up to this long do not end a voiced region...
    double split_gap_s = 0.03;          // ...but gaps from this long on still start a new note there
    double min_note_s = 0.07;           // shorter segments are merged into a neighbour or dropped
    double level_dip_db = 8.0;          // a dip this deep between two louder frames splits a note
    double stable_trim = 0.2;           // fraction trimmed from each end before the median pitch
};

struct NoteEvent {
    double onset_s = 0.0;
    double offset_s = 0.0;
    int midi_pitch = 60;        // nearest equal-tempered pitch (tuning offset removed)
    double median_pitch = 60.0; // fractional MIDI pitch: median of the note's stable part
    double level_db = -120.0;   // mean frame level in dBFS
    double confidence = 0.0;    // mean voiced probability of the note's frames, 0..1

    friend bool operator==(const NoteEvent&, const NoteEvent&) = default;
};

struct NoteTranscription {
    std::vector<NoteEvent> notes;
    double tuning_cents = 0.0;  // the singer's deviation from A4 = 440 Hz, -50..50 cents
};

// Estimated global tuning offset of the voiced frames (circular mean of the pitch fraction).
double estimate_tuning_cents(const F0Track& track);

NoteTranscription segment_notes(const F0Track& track, const NoteOptions& options = {});

}  // namespace tunesmith
