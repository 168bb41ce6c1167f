// Tests for analyze/key: cadences in major and minor from audio, a melody from notes, silence.
#include "analyze/key.h"

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
