// Tests for compose/voicing: chord tones and range, smooth voice leading (measured against
// random voicings), outer-voice parallels, low spacing, the bass line and option validation.
#include "compose/voicing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "base/error.h"
#include "base/random.h"
#include "music/pitch.h"

namespace tunesmith {
namespace {

std::vector<ChordSpan> spans_of(const std::vector<const char*>& symbols) {
    std::vector<ChordSpan> out;
    Ticks t(0);
    for (const char* s : symbols) {
        out.push_back({t, t + Ticks(3840), *Chord::parse(s)});
        t += Ticks(3840);
    }
    return out;
}

// I-vi-IV-V, ii-V-I and a minor loop with the harmonic-minor dominant, 32 chords.
std::vector<ChordSpan> test_progression() {
    return spans_of({"C", "Am", "F", "G", "C", "Am", "Dm", "G7", "C", "Em", "F", "G", "Am", "F", "G", "C",
                     "Am", "Dm", "E7", "Am", "F", "G", "C", "E", "Am", "Dm", "G", "C", "F", "Dm", "G7", "C"});
}

int total_movement(const std::vector<std::vector<int>>& voicings) {
    int total = 0;
    for (std::size_t i = 1; i < voicings.size(); ++i) total += voice_movement(voicings[i - 1], voicings[i]);
    return total;
}

TEST(Voicing, EveryVoicingHoldsTheChordInRange) {
    const auto spans = test_progression();
    for (int voices : {3, 4, 5}) {
        VoicingOptions options;
        options.voices = voices;
        const auto voicings = voice_chords(spans, options);
        ASSERT_EQ(voicings.size(), spans.size());
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const auto& v = voicings[i];
            ASSERT_EQ(static_cast<int>(v.size()), voices);
            EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));
            bool root = false;
            bool third = false;
            for (int p : v) {
                EXPECT_TRUE(spans[i].chord.contains(p)) << midi_pitch_name(p) << " in " << spans[i].chord.name();
                EXPECT_GE(p, options.low);
                EXPECT_LE(p, options.high);
                root = root || pitch_class(p) == spans[i].chord.root;
                const int above_root = pitch_class(p - spans[i].chord.root);
                third = third || above_root == 3 || above_root == 4;
            }
            EXPECT_TRUE(root && third) << spans[i].chord.name();
        }
    }
}

TEST(Voicing, MovesLessThanRandomVoicingsAndHoldsCommonTones) {
    const auto spans = test_progression();
    const VoicingOptions options;
    const auto voicings = voice_chords(spans, options);
    const int led = total_movement(voicings);
    const double per_change = static_cast<double>(led) / static_cast<double>(spans.size() - 1);
    EXPECT_LT(per_change, 5.0) << "semitones per chord change, all four voices together";

    Rng rng(7);
    double random_total = 0.0;
    constexpr int kTrials = 20;
    for (int trial = 0; trial < kTrials; ++trial) {
        std::vector<std::vector<int>> random;
        for (const auto& s : spans) {
            const auto candidates = voicing_candidates(s.chord, options);
            random.push_back(candidates[static_cast<std::size_t>(rng.range(0, static_cast<int>(candidates.size()) - 1))]);
        }
        random_total += total_movement(random);
    }
    EXPECT_LT(led * 2.0, random_total / kTrials) << "voice leading should at least halve random movement";
    RecordProperty("led_semitones_per_change", std::to_string(per_change));
    RecordProperty("random_semitones_per_change",
                   std::to_string(random_total / kTrials / static_cast<double>(spans.size() - 1)));

    // C -> Am shares C and E: both are held.
    const auto pair = voice_chords(spans_of({"C", "Am"}), options);
    int held = 0;
    for (int p : pair[1]) held += static_cast<int>(std::count(pair[0].begin(), pair[0].end(), p));
    EXPECT_GE(held, 2);
}

TEST(Voicing, AvoidsParallelOuterFifthsAndOctaves) {
    const auto spans = test_progression();
    const auto voicings = voice_chords(spans, VoicingOptions{});
    int parallels = 0;
    for (std::size_t i = 1; i < voicings.size(); ++i) {
        const auto& a = voicings[i - 1];
        const auto& b = voicings[i];
        const int bottom = b.front() - a.front();
        const int top = b.back() - a.back();
        const int before = pitch_class(a.back() - a.front());
        const int after = pitch_class(b.back() - b.front());
        if (bottom != 0 && top != 0 && (bottom > 0) == (top > 0) && before == after && (before == 0 || before == 7))
            ++parallels;
    }
    EXPECT_LE(parallels, 1);
}

TEST(Voicing, NoClustersInTheLowRegister) {
    VoicingOptions options;
    options.low = 36;
    options.high = 72;
    options.center = 52;
    options.voices = 5;
    for (const auto& v : voice_chords(test_progression(), options))
        for (std::size_t i = 1; i < v.size(); ++i) {
            if (v[i - 1] < 48) { EXPECT_GE(v[i] - v[i - 1], 7) << "below C3"; }
            if (v[i - 1] < 55) { EXPECT_GE(v[i] - v[i - 1], 3) << "below G3"; }
        }
}

TEST(Voicing, BassInVoicingPutsTheChordBassLowest) {
    VoicingOptions options;
    options.bass_in_voicing = true;
    options.low = 40;
    const auto spans = spans_of({"C", "C/E", "F", "G/B", "Am"});
    const auto voicings = voice_chords(spans, options);
    for (std::size_t i = 0; i < spans.size(); ++i) EXPECT_EQ(pitch_class(voicings[i].front()), spans[i].chord.bass_pc());
}

TEST(Voicing, BassLineIsSmoothAndEndsOnTheRoot) {
    const auto spans = test_progression();
    const BassLineOptions options;
    const auto bass = bass_line(spans, options);
    ASSERT_EQ(bass.size(), spans.size());
    int roots = 0;
    for (std::size_t i = 0; i < bass.size(); ++i) {
        EXPECT_GE(bass[i], options.low);
        EXPECT_LE(bass[i], options.high);
        EXPECT_TRUE(spans[i].chord.contains(bass[i]));
        roots += pitch_class(bass[i]) == spans[i].chord.root;
        if (i > 0) { EXPECT_LE(std::abs(bass[i] - bass[i - 1]), 7) << "bass leap at chord " << i; }
    }
    EXPECT_GE(roots * 10, static_cast<int>(bass.size()) * 6) << "mostly roots";
    EXPECT_EQ(pitch_class(bass.back()), spans.back().chord.root);
}

TEST(Voicing, OptionsFromJsonValidate) {
    const auto options = VoicingOptions::from_json({{"voices", 5}, {"low", 43}, {"high", 79}});
    EXPECT_EQ(options.voices, 5);
    EXPECT_EQ(options.center, 61);
    try {
        VoicingOptions::from_json({{"voices", 9}});
        FAIL() << "9 voices accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "voicing.voices");
    }
    EXPECT_THROW(VoicingOptions::from_json({{"low", 60}, {"high", 64}}), InputError);
    EXPECT_THROW(VoicingOptions::from_json({{"spread", 1}}), InputError);
}

}  // namespace
}  // namespace tunesmith
