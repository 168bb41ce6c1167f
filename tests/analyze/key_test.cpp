// Tests for analyze/key: cadences in major and minor from audio, a melody from notes, silence.
#include "analyze/key.h"

#include <array>
#include <cstdio>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "../../eval/test_signals.h"

namespace tunesmith {
namespace {

constexpr SampleRate kRate{22050};

std::vector<float> cadence(const std::vector<Chord>& chords, double seconds_each) {
    std::vector<float> audio(signals::index_of(seconds_each * static_cast<double>(chords.size()) + 0.5, kRate), 0.0f);
    for (std::size_t i = 0; i < chords.size(); ++i)
        signals::add_chord(audio, kRate, seconds_each * static_cast<double>(i), seconds_each, chords[i], 0.25);
    return audio;
}

TEST(Key, MajorCadenceFromAudio) {
    // Eb major: I IV V7 I (Eb Ab Bb7 Eb).
    const auto audio = cadence({{3, ChordQuality::major}, {8, ChordQuality::major},
                                {10, ChordQuality::dominant7}, {3, ChordQuality::major}}, 1.0);
    const KeyEstimate estimate = estimate_key(compute_chroma(audio, kRate));
    ASSERT_TRUE(estimate.has_key());
    EXPECT_EQ(estimate.key->to_string(), "Eb major");
    EXPECT_GT(estimate.confidence, 0.0);
}

TEST(Key, MinorCadenceFromAudio) {
    // A minor: i iv V7 i (Am Dm E7 Am); the raised leading tone must not make it C major.
    const auto audio = cadence({{9, ChordQuality::minor}, {2, ChordQuality::minor},
                                {4, ChordQuality::dominant7}, {9, ChordQuality::minor}}, 1.0);
    const KeyEstimate estimate = estimate_key(compute_chroma(audio, kRate));
    ASSERT_TRUE(estimate.has_key());
    EXPECT_EQ(estimate.key->to_string(), "A minor");
}

// A pop loop in Eb major that dwells on its dominant (Bb Bb7 Gm Eb Ab Bb Bb7 Eb): every pitch
// class of Bb major sounds, so the chroma alone reads the dominant key; the chord functions
// (Ab is IV of Eb but foreign to Bb, the loop closes on Eb) put it back on Eb.
TEST(Key, ChordFunctionsResolveTheDominantConfusion) {
    const std::vector<Chord> loop{{10, ChordQuality::major}, {10, ChordQuality::dominant7}, {7, ChordQuality::minor},
                                  {3, ChordQuality::major},  {8, ChordQuality::major},     {10, ChordQuality::major},
                                  {10, ChordQuality::dominant7}, {3, ChordQuality::major}};
    const Chromagram chroma = compute_chroma(cadence(loop, 1.0), kRate);
    std::vector<ChordEstimate> spans;
    for (std::size_t i = 0; i < loop.size(); ++i) {
        ChordEstimate span;
        span.start_seconds = static_cast<double>(i);
        span.end_seconds = static_cast<double>(i + 1);
        span.chord = loop[i];
        spans.push_back(span);
    }
    const KeyEstimate plain = estimate_key(chroma);
    const KeyEstimate with_chords = estimate_key_with_chords(chroma, spans);
    ASSERT_TRUE(plain.has_key());
    ASSERT_TRUE(with_chords.has_key());
    std::printf("chroma only: %s, with chord functions: %s\n", plain.key->to_string().c_str(),
                with_chords.key->to_string().c_str());
    EXPECT_EQ(with_chords.key->to_string(), "Eb major");
    // Weight 0 (or no chords) is the chroma-only estimate.
    KeyOptions off;
    off.chord_weight = 0.0;
    EXPECT_EQ(estimate_key_with_chords(chroma, spans, off).key->to_string(), plain.key->to_string());
    EXPECT_EQ(estimate_key_with_chords(chroma, {}).key->to_string(), plain.key->to_string());
}

TEST(Key, MelodyAloneFromNotes) {
    // A G major tune: G A B C D ... with F# leading tones and ending on G.
    const std::vector<int> pitches{67, 71, 74, 72, 71, 69, 66, 67, 74, 76, 74, 71, 69, 66, 69, 67};
    std::vector<Note> notes;
    for (std::size_t i = 0; i < pitches.size(); ++i)
        notes.push_back(Note{Ticks(static_cast<std::int64_t>(i) * 480), Ticks(i + 1 == pitches.size() ? 1920 : 480), pitches[i], 90});
    const KeyEstimate estimate = estimate_key_from_notes(notes);
    ASSERT_TRUE(estimate.has_key());
    EXPECT_EQ(estimate.key->to_string(), "G major");
}

// "Alle meine Entchen": C D E F G G A A A A G F F F F E E D D D D C. Without a B its pitch
// histogram (much A, D and F) reads D minor; the long C it comes to rest on makes it C major. The
// same tune stopped on a short note (no rest) stays with the histogram.
TEST(Key, ATuneComesHomeOnItsHeldFinalNote) {
    const std::vector<std::pair<int, int>> tune{{60, 1}, {62, 1}, {64, 1}, {65, 1}, {67, 2}, {67, 2}, {69, 1}, {69, 1},
                                                {69, 1}, {69, 1}, {67, 3}, {65, 1}, {65, 1}, {65, 1}, {65, 1}, {64, 2},
                                                {64, 2}, {62, 1}, {62, 1}, {62, 1}, {62, 1}, {60, 3}};
    auto notes_of = [](const std::vector<std::pair<int, int>>& pitches_and_beats) {
        std::vector<Note> notes;
        Ticks at(0);
        for (const auto& [pitch, beats] : pitches_and_beats) {
            notes.push_back(Note{at, Ticks(480 * beats - 40), pitch, 90});
            at = at + Ticks(480 * beats);
        }
        return notes;
    };
    std::vector<Note> notes = notes_of(tune);
    EXPECT_EQ(final_rest_pitch_class(notes), 0);
    EXPECT_EQ(estimate_key_from_notes(notes).key->to_string(), "C major");
    // A transcription crumb after the final note does not hide it.
    notes.push_back(Note{notes.back().end() + Ticks(60), Ticks(40), 64, 40});
    EXPECT_EQ(final_rest_pitch_class(notes), 0);
    EXPECT_EQ(estimate_key_from_notes(notes).key->to_string(), "C major");

    auto unfinished = tune;
    unfinished.back().second = 1;  // the last C no longer held
    EXPECT_FALSE(final_rest_pitch_class(notes_of(unfinished)).has_value());
    EXPECT_EQ(estimate_key_from_notes(notes_of(unfinished)).key->to_string(), "D minor");
}

// Session 11: the confidence is about the chance the key is right (calibrated on POP909 renders,
// docs/analysis.md). Even a textbook profile reads no more than 0.9, and the white keys played
// evenly (C major, or its relative A minor, or the G or F of one sharp or flat away) read less.
TEST(Key, ConfidenceIsCalibratedAndNeverCertain) {
    std::array<double, 12> c_major{};
    for (int pc : {0, 4, 7}) c_major[static_cast<std::size_t>(pc)] = 3.0;  // the tonic triad stressed
    for (int pc : {2, 5, 9, 11}) c_major[static_cast<std::size_t>(pc)] = 1.0;
    const KeyEstimate clear = estimate_key_from_histogram(c_major, KeyProfile::albrecht_shanahan);
    EXPECT_EQ(clear.key->to_string(), "C major");
    EXPECT_GT(clear.confidence, 0.8);
    EXPECT_LE(clear.confidence, 0.9);
    std::array<double, 12> white{};
    for (int pc : {0, 2, 4, 5, 7, 9, 11}) white[static_cast<std::size_t>(pc)] = 1.0;
    const KeyEstimate tie = estimate_key_from_histogram(white, KeyProfile::albrecht_shanahan);
    EXPECT_LT(tie.confidence, 0.75) << tie.key->to_string();
    EXPECT_LT(tie.confidence, clear.confidence - 0.15);
}

// Session 13 trial: `analyze` on a lone A (a sine) read "D minor (confidence 0.90)".
TEST(Key, ALoneNoteTellsNoKeyWithConfidence) {
    std::vector<float> tone(static_cast<std::size_t>(kRate.hz) * 4, 0.0f);
    signals::add_tone(tone, kRate, 0.0, 4.0, 69.0, 0.25, 1);  // a sine, as in the trial
    const KeyEstimate lone = estimate_key(compute_chroma(tone, kRate));
    ASSERT_TRUE(lone.has_key());
    EXPECT_LT(lone.confidence, 0.2) << lone.key->to_string();
    std::array<double, 12> fifth{};
    fifth[0] = fifth[7] = 1.0;
    EXPECT_LT(estimate_key_from_histogram(fifth, KeyProfile::albrecht_shanahan).confidence, 0.3);
    EXPECT_DOUBLE_EQ(key_evidence(fifth), 0.25);  // two pitch classes: e^ln2 = 2
    std::array<double, 12> pentatonic{};
    for (int pc : {0, 2, 4, 7, 9}) pentatonic[static_cast<std::size_t>(pc)] = 1.0;
    EXPECT_DOUBLE_EQ(key_evidence(pentatonic), 1.0);
}

TEST(Key, SilenceHasNoKey) {
    const std::vector<float> silence(static_cast<std::size_t>(kRate.hz) * 2, 0.0f);
    EXPECT_FALSE(estimate_key(compute_chroma(silence, kRate)).has_key());
    EXPECT_FALSE(estimate_key_from_notes({}).has_key());
    EXPECT_FALSE(estimate_key_from_histogram({}, KeyProfile::temperley).has_key());
}

TEST(Key, SpellsKeysConventionally) {
    EXPECT_EQ(key_from_pitch_class(10, false).to_string(), "Bb major");
    EXPECT_EQ(key_from_pitch_class(1, true).to_string(), "C# minor");
    EXPECT_EQ(key_from_pitch_class(3, true).to_string(), "Eb minor");
    EXPECT_EQ(key_from_pitch_class(6, false).to_string(), "Gb major");
}

}  // namespace
}  // namespace tunesmith
