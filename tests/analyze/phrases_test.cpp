// Tests for src/analyze/phrases.cpp: short gaps stay inside a phrase, pauses above the minimum
// split phrases, bursts are dropped, consonants extend edges, and sung melodies' phrases are found.
#include "analyze/phrases.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include <gtest/gtest.h>

#include "sung_melody.h"
#include "track_fixtures.h"

namespace tunesmith {
namespace {

constexpr double kUnvoiced = std::numeric_limits<double>::quiet_NaN();

TEST(Phrases, ShortGapsJoinAndLongPausesSplit) {
    const F0Track track = testing_track::make_track(6.0, [](double t) {
        if (t >= 0.5 && t < 2.0) return 62.0;
        if (t >= 2.15 && t < 3.0) return 64.0;  // 150 ms gap: same phrase
        if (t >= 3.6 && t < 5.0) return 60.0;   // 600 ms pause: new phrase
        if (t >= 5.5 && t < 5.6) return 70.0;   // a 100 ms burst after a pause: dropped
        return kUnvoiced;
    });
    const std::vector<Phrase> phrases = segment_phrases(track);
    ASSERT_EQ(phrases.size(), 2u);
    EXPECT_NEAR(phrases[0].start_s, 0.5, 0.011);
    EXPECT_NEAR(phrases[0].end_s, 3.0, 0.011);
    EXPECT_NEAR(phrases[0].pause_after_s, 0.6, 0.02);
    EXPECT_NEAR(phrases[1].start_s, 3.6, 0.011);
    EXPECT_NEAR(phrases[1].end_s, 5.0, 0.011);
    EXPECT_NEAR(phrases[1].pause_after_s, 1.0, 0.02);  // to the end: the dropped burst is no phrase
}

TEST(Phrases, LoudUnvoicedConsonantsExtendThePhraseEdges) {
    const F0Track track = testing_track::make_track(
        2.0, [](double t) { return t >= 0.5 && t < 1.5 ? 62.0 : kUnvoiced; },
        [](double t) {
            if (t >= 0.42 && t < 0.5) return -30.0;  // an "s" before the vowel
            if (t >= 0.5 && t < 1.5) return -20.0;
            return -80.0;
        });
    const std::vector<Phrase> phrases = segment_phrases(track);
    ASSERT_EQ(phrases.size(), 1u);
    EXPECT_NEAR(phrases[0].start_s, 0.42, 0.011);
    EXPECT_NEAR(phrases[0].end_s, 1.5, 0.011);
}

TEST(Phrases, MinimumPauseIsAnOption) {
    const F0Track track = testing_track::make_track(
        3.0, [](double t) { return (t >= 0.5 && t < 1.4) || (t >= 1.6 && t < 2.5) ? 62.0 : kUnvoiced; });
    EXPECT_EQ(segment_phrases(track).size(), 1u);
    PhraseOptions options;
    options.min_pause_s = 0.15;
    EXPECT_EQ(segment_phrases(track, options).size(), 2u);
    EXPECT_TRUE(segment_phrases(F0Track{}).empty());
}

// Phrase boundary F1: starts and ends each matched within 150 ms.
double boundary_f1(const std::vector<testing_sung::SungPhrase>& truth, const std::vector<Phrase>& found) {
    std::vector<double> reference, estimate;
    for (const auto& p : truth) reference.insert(reference.end(), {p.start_s, p.end_s});
    for (const auto& p : found) estimate.insert(estimate.end(), {p.start_s, p.end_s});
    std::vector<bool> used(estimate.size(), false);
    std::size_t hits = 0;
    for (double r : reference)
        for (std::size_t i = 0; i < estimate.size(); ++i)
            if (!used[i] && std::abs(estimate[i] - r) <= 0.15) {
                used[i] = true;
                ++hits;
                break;
            }
    if (hits == 0) return 0.0;
    const double precision = static_cast<double>(hits) / static_cast<double>(estimate.size());
    const double recall = static_cast<double>(hits) / static_cast<double>(reference.size());
    return 2.0 * precision * recall / (precision + recall);
}

TEST(Phrases, SungMelodiesPhrasesAreFound) {
    double f1 = 0.0;
    const int songs = 3;
    for (int seed = 21; seed < 21 + songs; ++seed) {
        testing_sung::SungMelodyOptions options;
        options.phrases = 5;
        const auto melody = testing_sung::synthesize_sung_melody(options, Rng(static_cast<std::uint64_t>(seed)));
        const F0Track track = track_pitch(melody.audio, SampleRate(melody.rate));
        f1 += boundary_f1(melody.phrases, segment_phrases(track)) / songs;
    }
    std::printf("sung melodies: phrase boundary F1 (150 ms) %.3f\n", f1);
    EXPECT_GE(f1, 0.9);
}

}  // namespace
}  // namespace tunesmith
