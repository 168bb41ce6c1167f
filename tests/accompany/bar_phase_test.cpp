// Tests for src/accompany/bar_phase.cpp: the corpus bar profile is read and checked, and a melody's
// phrase starts and long phrase-final notes score its own bar lines above bar lines a beat or two off,
// at the grid's tempo and on a grid at half the melody's tempo; the 3/4 table tells a waltz from 4/4.
#include "accompany/bar_phase.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/data_dir.h"
#include "base/error.h"

namespace tunesmith {
namespace {

const MelodyBarProfile& corpus_profile() {
    static const MelodyBarProfile profile = load_melody_bar_profile(default_data_dir());
    return profile;
}

// Four phrases, each: a pickup-free start on beat 1, six quarter notes, then a held note of three
// beats on the downbeat of the phrase's third bar, and a bar and a beat of rest. `beat` ticks per
// melody beat, everything moved `offset` ticks later.
std::vector<Note> phrased_melody(Ticks beat, Ticks offset) {
    std::vector<Note> notes;
    const int pitches[] = {60, 62, 64, 65, 67, 65, 64};
    for (int phrase = 0; phrase < 4; ++phrase) {
        const Ticks start = offset + beat * (16 * phrase);
        for (int i = 0; i < 6; ++i) notes.push_back({start + beat * i, beat * 9 / 10, pitches[i], 80});
        notes.push_back({start + beat * 8, beat * 3 - Ticks(20), pitches[6], 80});
    }
    return notes;
}

TEST(MelodyBarProfile, ReadsTheCorpusTableAndRejectsBadOnes) {
    const MelodyBarProfile& profile = corpus_profile();
    ASSERT_EQ(profile.places, 8);
    ASSERT_EQ(profile.log_share.size(), 4 * (profile.length_edges_beats.size() + 1));
    // A phrase's first note lands on beat 1 far more often than on beat 3.
    const auto& starts = profile.log_share[profile.class_index(true, false, 0)];
    EXPECT_GT(starts[0], starts[4] + 1.0);

    nlohmann::json good = nlohmann::json::parse(R"({"places_per_bar": 2, "phrase_rest_beats": 1,
        "length_edges_beats": [1], "classes": []})");
    for (bool s : {false, true})
        for (bool e : {false, true})
            for (int n : {0, 1})
                good["classes"].push_back(
                    {{"phrase_start", s}, {"phrase_end", e}, {"length", n}, {"place_share", {0.6, 0.4}}});
    EXPECT_NO_THROW(melody_bar_profile_from_json(good, "t"));
    auto bad = good;
    bad["classes"].erase(3);
    EXPECT_THROW(melody_bar_profile_from_json(bad, "t"), InputError);
    bad = good;
    bad["classes"][0]["place_share"] = {0.6, -0.1};
    EXPECT_THROW(melody_bar_profile_from_json(bad, "t"), InputError);
    bad = good;
    bad["classes"][0]["place_share"] = {0.6, 0.3, 0.1};
    EXPECT_THROW(melody_bar_profile_from_json(bad, "t"), InputError);
    bad = good;
    bad["length_edges_beats"] = {2, 1};
    EXPECT_THROW(melody_bar_profile_from_json(bad, "t"), InputError);
    bad = good;
    bad["places_per_bar"] = 1;
    try {
        melody_bar_profile_from_json(bad, "t");
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "t: places_per_bar");
    }
}

TEST(BarProfileFit, PrefersBarLinesWherePhrasesBeginAndLongNotesLand) {
    const Meter four{4, 4};
    const Ticks beat = four.beat();
    const double own = bar_profile_fit(phrased_melody(beat, Ticks(0)), four, corpus_profile());
    for (int shift = 1; shift < 4; ++shift)
        EXPECT_GT(own, bar_profile_fit(phrased_melody(beat, beat * shift), four, corpus_profile()) + 0.05) << shift;
    // Not four beats to the bar: no opinion.
    EXPECT_EQ(bar_profile_fit(phrased_melody(beat, Ticks(0)), Meter{3, 4}, corpus_profile()), 0.0);
}

TEST(BarProfileFit, ReadsAGridAtHalfTheMelodysTempoAsTwoBarsPerBar) {
    // The melody's beat is half a grid beat: its bars are two grid beats long.
    const Meter four{4, 4};
    const Ticks half = four.beat() / 2;
    const double own = bar_profile_fit(phrased_melody(half, Ticks(0)), four, corpus_profile(), 2);
    // Bar lines one, two or three melody beats off (four melody beats, two grid beats, off are the
    // melody's bar lines again).
    for (int shift = 1; shift < 4; ++shift)
        EXPECT_GT(own, bar_profile_fit(phrased_melody(half, half * shift), four, corpus_profile(), 2) + 0.05) << shift;
}

// Four waltz phrases of four 3/4 bars (a held note and a step, three quarters, a held note and a
// step, a note through the bar) and a bar of rest, moved `offset` ticks later.
std::vector<Note> waltz_melody(Ticks beat, Ticks offset) {
    const int lengths[] = {2, 1, 1, 1, 1, 2, 1, 3};
    const int pitches[] = {60, 64, 67, 64, 60, 67, 64, 60};
    std::vector<Note> notes;
    for (int phrase = 0; phrase < 4; ++phrase) {
        Ticks start = offset + beat * (15 * phrase);
        for (int i = 0; i < 8; ++i) {
            notes.push_back({start, beat * lengths[i] - Ticks(20), pitches[i], 80});
            start += beat * lengths[i];
        }
    }
    return notes;
}

TEST(BarProfileFit, ComparesThreeAndFourBeatsToTheBarOnTheSameNotes) {
    const MelodyBarProfile three = load_three_four_bar_profile(default_data_dir());
    ASSERT_EQ(three.beats_per_bar, 3);
    ASSERT_EQ(three.places, 6);
    EXPECT_EQ(corpus_profile().beats_per_bar, 4);
    const Meter waltz{3, 4}, four{4, 4};
    const Ticks beat = four.beat();
    // Each tune fits its own meter at its own bar lines better than the other meter at any phase.
    const double waltz_own = bar_profile_fit(waltz_melody(beat, Ticks(0)), waltz, three);
    const double four_own = bar_profile_fit(phrased_melody(beat, Ticks(0)), four, corpus_profile());
    for (int shift = 0; shift < 4; ++shift) {
        EXPECT_GT(waltz_own, bar_profile_fit(waltz_melody(beat, beat * shift), four, corpus_profile())) << shift;
        EXPECT_GT(four_own, bar_profile_fit(phrased_melody(beat, beat * shift), waltz, three)) << shift;
        if (shift % 3 != 0) {
            EXPECT_GT(waltz_own, bar_profile_fit(waltz_melody(beat, beat * shift), waltz, three)) << shift;
        }
    }
    EXPECT_EQ(bar_profile_fit(waltz_melody(beat, Ticks(0)), four, three), 0.0);
    nlohmann::json bad = nlohmann::json::parse(R"({"beats_per_bar": 1.5, "places_per_bar": 2})");
    EXPECT_THROW(melody_bar_profile_from_json(bad, "t"), InputError);
}

}  // namespace
}  // namespace tunesmith
