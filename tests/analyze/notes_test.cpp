// Tests for src/analyze/notes.cpp: vibrato and glides fold into the right note, repeated notes
// split on gaps and level dips, tuning offsets are removed, and sung melodies transcribe well.
#include "analyze/notes.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>

#include <gtest/gtest.h>

#include "sung_melody.h"
#include "track_fixtures.h"

namespace tunesmith {
namespace {

constexpr double kUnvoiced = std::numeric_limits<double>::quiet_NaN();

double vibrato(double t, double cents) { return cents / 100.0 * std::sin(2.0 * std::numbers::pi * 5.5 * t); }

TEST(Notes, VibratoAndGlidesFoldIntoTheirNotes) {
    // 60 for 0.5 s, 62 with +-50 cent vibrato, a 60 ms glide up to 64, an 80 ms gap, 64 again, 67.
    const F0Track track = testing_track::make_track(3.2, [](double t) {
        if (t < 0.2) return kUnvoiced;
        if (t < 0.7) return 60.0;
        if (t < 1.3) return 62.0 + vibrato(t - 0.7, 50.0);
        if (t < 1.36) return 62.0 + 2.0 * (0.5 - 0.5 * std::cos(std::numbers::pi * (t - 1.3) / 0.06));
        if (t < 1.8) return 64.0 + vibrato(t - 1.36, 40.0);
        if (t < 1.88) return kUnvoiced;
        if (t < 2.4) return 64.0;
        if (t < 3.0) return 67.0 + vibrato(t - 2.4, 60.0);
        return kUnvoiced;
    });
    const NoteTranscription result = segment_notes(track);
    ASSERT_EQ(result.notes.size(), 5u);
    const int pitches[] = {60, 62, 64, 64, 67};
    const double onsets[] = {0.2, 0.7, 1.3, 1.88, 2.4};
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(result.notes[i].midi_pitch, pitches[i]) << i;
        EXPECT_NEAR(result.notes[i].onset_s, onsets[i], 0.04) << i;
        EXPECT_NEAR(result.notes[i].median_pitch, pitches[i], 0.15) << i;
    }
    EXPECT_NEAR(result.notes[3].offset_s, 2.4, 0.04);
    EXPECT_NEAR(result.notes[4].offset_s, 3.0, 0.02);
}

TEST(Notes, ALevelDipSplitsARepeatedPitch) {
    const F0Track track = testing_track::make_track(
        1.4, [](double t) { return t < 0.2 || t > 1.2 ? kUnvoiced : 65.0; },
        [](double t) { return std::abs(t - 0.7) < 0.025 ? -40.0 : -18.0; });
    const NoteTranscription result = segment_notes(track);
    ASSERT_EQ(result.notes.size(), 2u);
    EXPECT_NEAR(result.notes[1].onset_s, 0.72, 0.03);
    EXPECT_EQ(result.notes[0].midi_pitch, 65);
    EXPECT_EQ(result.notes[1].midi_pitch, 65);
}

TEST(Notes, TuningOffsetIsEstimatedAndRemoved) {
    const F0Track track = testing_track::make_track(2.0, [](double t) {
        const double sharp = 0.3;  // the singer is 30 cents sharp throughout
        if (t < 0.1 || t > 1.9) return kUnvoiced;
        return (t < 1.0 ? 69.0 : 71.0) + sharp;
    });
    const NoteTranscription result = segment_notes(track);
    EXPECT_NEAR(result.tuning_cents, 30.0, 1.0);
    ASSERT_EQ(result.notes.size(), 2u);
    EXPECT_EQ(result.notes[0].midi_pitch, 69);
    EXPECT_EQ(result.notes[1].midi_pitch, 71);
    EXPECT_NEAR(result.notes[0].median_pitch, 69.3, 0.01);
}

TEST(Notes, EmptyAndShortTracksGiveNoNotes) {
    EXPECT_TRUE(segment_notes(F0Track{}).notes.empty());
    const F0Track blip = testing_track::make_track(1.0, [](double t) { return t > 0.5 && t < 0.53 ? 60.0 : kUnvoiced; });
    EXPECT_TRUE(segment_notes(blip).notes.empty());
}

// Note onset F-measure (MIREX style: onset within 50 ms and pitch equal to the semitone).
double onset_f_measure(const std::vector<testing_sung::SungNote>& truth, const std::vector<NoteEvent>& found) {
    std::vector<bool> used(found.size(), false);
    std::size_t hits = 0;
    for (const auto& note : truth) {
        for (std::size_t i = 0; i < found.size(); ++i) {
            if (used[i] || std::abs(found[i].onset_s - note.onset_s) > 0.05 || found[i].midi_pitch != note.midi) continue;
            used[i] = true;
            ++hits;
            break;
        }
    }
    if (hits == 0) return 0.0;
    const double precision = static_cast<double>(hits) / static_cast<double>(found.size());
    const double recall = static_cast<double>(hits) / static_cast<double>(truth.size());
    return 2.0 * precision * recall / (precision + recall);
}

TEST(Notes, SungMelodiesTranscribeWithGoodOnsetFMeasure) {
    double f_measure = 0.0;
    const int songs = 3;
    for (int seed = 11; seed < 11 + songs; ++seed) {
        testing_sung::SungMelodyOptions options;
        options.detune_cents = seed == 12 ? -18.0 : 0.0;
        const auto melody = testing_sung::synthesize_sung_melody(options, Rng(static_cast<std::uint64_t>(seed)));
        const F0Track track = track_pitch(melody.audio, SampleRate(melody.rate));
        f_measure += onset_f_measure(melody.notes, segment_notes(track).notes) / songs;
    }
    std::printf("sung melodies: note onset F-measure (50 ms, pitch) %.3f\n", f_measure);
    EXPECT_GE(f_measure, 0.8);
}

}  // namespace
}  // namespace tunesmith
