// The singer's beats from the sung notes: a beat-pointer hidden Markov model (after Whiteley et al.
// 2006 and Krebs et al. 2015) whose state is the local beat period and the place inside the beat,
// and whose observation is where in the beat the transcribed notes begin (10 ms frames). Where notes begin
// inside a beat is learned from a corpus of pop melodies (data/analysis/melody_onset_profile.json):
// about half the beats start a note on the beat, 0.42 on the "and", 0.15 on the last sixteenth.
// So a line that anticipates the beat (notes sung just before it, held over it) keeps its beat
// instead of pulling the grid onto the anticipations, which an onset-strength tracker does.
// Figures the singer repeats (sung_repeats.h) then share where in the beat they sit, so a clearly
// placed occurrence settles an ambiguous one, and the chosen level is decoded with a steadier tempo.
// A line read faster than 115 bpm is halved when every other beat holds its onsets in likelier corpus
// beat patterns (beat_patterns.h): the place profile alone reads slow sixteenth lines at double time.
// Pure functions; thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "accompany/beat_patterns.h"
#include "accompany/sung_repeats.h"

namespace tunesmith {

// Expected note onsets per beat in each of onsets_per_beat.size() equal bins of the beat (bin 0 is
// the beat itself).
struct SungOnsetProfile {
    std::vector<double> onsets_per_beat;
    std::string source;
};

SungOnsetProfile sung_onset_profile_from_json(const nlohmann::json& json, const std::string& origin);
// Reads data_dir/analysis/melody_onset_profile.json. InputError if missing or malformed.
SungOnsetProfile load_sung_onset_profile(const std::filesystem::path& data_dir);

struct SungBeatOptions {
    double frames_per_second = 100.0;
    double min_bpm = 45.0;             // tempo range without a reference tempo
    double max_bpm = 160.0;
    // With a reference tempo (from another tracker: the audio's), the range is that tempo times /
    // divided by this instead. Onsets alone hardly tell a beat from its half or double (a line of
    // one note a beat is as likely at half tempo, as "on" and "and"), so the metrical level stays the
    // other tracker's, and this one corrects phase, drift and 3:4 errors.
    double level_ratio = 1.2;
    // An onset-strength tracker on a sparse, syncopated line can lock to 3:4 or 2:3 of the sung beat
    // (or their inverses), outside that range. Those levels are tracked as well, and one of them
    // replaces the reference level when its best path is this much more probable (natural log; the
    // reference wins by 3 to 40 on the eval's songs whose tracker level is right).
    double other_level_margin = 10.0;
    double timing_spread_beats = 0.04; // how far a sung onset strays from its place in the beat
    double off_grid_onsets_per_beat = 0.05;  // onsets anywhere in the beat (ornaments, split notes)
    // Period changes at a beat: log-probability -weight x |new / old - 1| (Krebs et al.: 100), while
    // the metrical level is chosen (other_level_margin is calibrated with it).
    double tempo_change_weight = 30.0;
    // The same at the chosen level, which is decoded again for the beats: a steadier tempo holds the
    // sixteenth through stretches of a dense line whose onsets fit a grid a sixteenth off as well
    // (a tempo swerve of a few beats cost little at 30), and still follows a singer's drift.
    double chosen_level_tempo_weight = 40.0;
    double max_tempo_change = 0.1;     // fraction of the period it may change at one beat
    // Frames without an onset inside the sung line (onsets less than this apart) say where notes
    // were not sung: a Poisson term with the profile scaled to the line's own density at the
    // reference tempo (singers differ in notes per beat), weighted by `silence_weight`. In
    // pauses they carry no evidence.
    double max_onset_gap_s = 1.2;
    double silence_weight = 0.0;
    // Repeated figures (sung_repeats.h): after the best path is found, each onset of a figure takes
    // the places in the beat that the whole line gives its other occurrences as a prior (a
    // log-ratio against a uniform place, times this weight; 0: off), and the path is decoded again.
    double repeat_weight = 0.7;
    SungRepeatOptions repeats;
    // Beat patterns (beat_patterns.h; null: off): when the beats are faster than `halving_min_bpm`
    // and one half of them (every other beat) holds the onsets in patterns more than `halving_margin`
    // nats likelier than the beats do, that half is the beat. The place profile reads a slow line of
    // sixteenths best at twice its tempo; the patterns charge every beat. Below 115 bpm the corpus
    // patterns (mostly slow songs) would halve true 100-111 bpm lines too.
    std::shared_ptr<const BeatPatterns> beat_patterns;
    double halving_margin = 0.0;
    double halving_min_bpm = 115.0;
};

struct SungBeats {
    std::vector<double> seconds;  // ascending, over the whole span (also through pauses)
    double bpm = 0.0;             // median beat tempo; 0 when there are too few onsets to track
    double log_probability = 0.0; // of the best path (onsets against a uniform place in the beat)
    double level = 1.0;           // the range's centre over the reference tempo (1: the reference's own)
    std::size_t repeated_onsets = 0;  // onset pairs of repeated figures that shaped the path
};

// Beats of a sung line whose notes begin at `onsets_s` (ascending), over [0, length_s).
// `reference_bpm` > 0: another tracker's tempo (see SungBeatOptions::level_ratio and
// other_level_margin). Fewer than 8 onsets give no beats.
SungBeats track_sung_beats(std::span<const double> onsets_s, double length_s, const SungOnsetProfile& profile,
                           double reference_bpm, const SungBeatOptions& options = {});
// The same with each note's MIDI pitch, so that repeated figures are told by their contour as
// well as their rhythm (the overload above sees rhythm alone).
SungBeats track_sung_beats(std::span<const double> onsets_s, std::span<const double> pitches, double length_s,
                           const SungOnsetProfile& profile, double reference_bpm, const SungBeatOptions& options = {});

}  // namespace tunesmith
