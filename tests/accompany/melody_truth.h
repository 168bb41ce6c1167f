// Test/eval fixture: scores of an f0 track and of phrases against a sung song's known notes -
// raw pitch accuracy (50 cents), voicing recall / false alarm, phrase boundary F1. Not library code.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "../analyze/sung_melody.h"
#include "analyze/phrases.h"
#include "analyze/pitch.h"

namespace tunesmith::testing_song {

struct MelodyScores {
    std::size_t voiced = 0, unvoiced = 0;       // truth frames scored
    std::size_t pitched = 0, detected = 0, false_alarms = 0;
    double raw_pitch_accuracy() const { return voiced ? static_cast<double>(pitched) / static_cast<double>(voiced) : 0.0; }
    double voicing_recall() const { return voiced ? static_cast<double>(detected) / static_cast<double>(voiced) : 0.0; }
    double voicing_false_alarm() const {
        return unvoiced ? static_cast<double>(false_alarms) / static_cast<double>(unvoiced) : 0.0;
    }
    void add(const MelodyScores& o) {
        voiced += o.voiced, unvoiced += o.unvoiced, pitched += o.pitched, detected += o.detected;
        false_alarms += o.false_alarms;
    }
};

// Truth per frame: the note's nominal pitch inside a note (vibrato stays within +-50 cents of it),
// unvoiced outside notes; frames within `edge_s` of a note boundary are not scored.
inline MelodyScores score_melody(const F0Track& track, const std::vector<testing_sung::SungNote>& notes,
                                 double edge_s = 0.03) {
    MelodyScores s;
    for (std::size_t f = 0; f < track.size(); ++f) {
        const double t = track.frame_time(f);
        const PitchFrame& frame = track.frames[f];
        const bool estimate = frame.voiced && frame.f0_hz > 0.0f;
        const auto note = std::find_if(notes.begin(), notes.end(), [&](const testing_sung::SungNote& n) {
            return t >= n.onset_s - edge_s && t < n.offset_s + edge_s;
        });
        if (note == notes.end()) {
            ++s.unvoiced;
            s.false_alarms += estimate;
            continue;
        }
        if (t < note->onset_s + edge_s || t >= note->offset_s - edge_s) continue;
        ++s.voiced;
        s.detected += estimate;
        if (estimate) {
            const double midi = 69.0 + 12.0 * std::log2(static_cast<double>(frame.f0_hz) / 440.0);
            s.pitched += std::abs(midi - note->midi) <= 0.5;
        }
    }
    return s;
}

struct BoundaryScores {
    std::size_t truth = 0, estimated = 0, matched = 0;
    double f1() const { return truth + estimated ? 2.0 * static_cast<double>(matched) / static_cast<double>(truth + estimated) : 0.0; }
    void add(const BoundaryScores& o) { truth += o.truth, estimated += o.estimated, matched += o.matched; }
};

// Phrase starts and ends (each matched at most once, start to start and end to end) within
// `tolerance_s` of the truth.
inline BoundaryScores score_phrase_boundaries(const std::vector<Phrase>& estimated,
                                              const std::vector<testing_sung::SungPhrase>& truth,
                                              double tolerance_s = 0.25) {
    BoundaryScores s;
    s.truth = 2 * truth.size();
    s.estimated = 2 * estimated.size();
    auto match = [&](std::vector<double> ours, const std::vector<double>& reference) {
        for (double r : reference) {
            auto best = ours.end();
            for (auto it = ours.begin(); it != ours.end(); ++it)
                if (std::abs(*it - r) <= tolerance_s && (best == ours.end() || std::abs(*it - r) < std::abs(*best - r))) best = it;
            if (best != ours.end()) ++s.matched, ours.erase(best);
        }
    };
    std::vector<double> starts, ends, true_starts, true_ends;
    for (const Phrase& p : estimated) starts.push_back(p.start_s), ends.push_back(p.end_s);
    for (const testing_sung::SungPhrase& p : truth) true_starts.push_back(p.start_s), true_ends.push_back(p.end_s);
    match(starts, true_starts);
    match(ends, true_ends);
    return s;
}

}  // namespace tunesmith::testing_song
