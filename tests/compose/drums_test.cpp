// Tests for compose/drums: grooves land on their steps, other meters get a groove on their
// beats, fills replace the end of the last bar, and the dialogue filter uses ring lengths.
#include "compose/drums.h"

#include <gtest/gtest.h>

#include "compose/instruments.h"

namespace tunesmith {
namespace {

DrumGroove groove(std::initializer_list<std::pair<const char*, const char*>> lines) {
    DrumGroove g;
    for (const auto& [voice, steps] : lines) {
        g.lines.push_back(DrumLine{voice, *drum_voice_key(voice), steps});
        g.steps = static_cast<int>(std::string(steps).size());
    }
    return g;
}

std::size_t count(const std::vector<Note>& notes, int key) {
    return static_cast<std::size_t>(std::count_if(notes.begin(), notes.end(), [&](const Note& n) { return n.pitch == key; }));
}

TEST(Drums, GrooveStepsLandOnTheGrid) {
    const auto g = groove({{"kick", "X.......X......."}, {"snare", "....X.......X..."}, {"hat", "x.x.x.x.x.x.x.x."}});
    const Meter meter{4, 4};
    const auto notes = write_drum_bars(DrumBars{Ticks(0), meter.bar() * 2, meter, &g, nullptr}, Rng(1));
    EXPECT_EQ(count(notes, gm_drum::kick), 4u);
    EXPECT_EQ(count(notes, gm_drum::snare), 4u);
    EXPECT_EQ(count(notes, gm_drum::closed_hat), 16u);
    for (const auto& n : notes) {
        EXPECT_EQ(n.start.value % 480, 0);
        if (n.pitch == gm_drum::snare) {
            EXPECT_EQ(n.start.value % 1920, 960);
        }
    }
}

TEST(Drums, ThreeFourGetsAGrooveOnItsBeats) {
    const auto g = groove({{"kick", "X.......X......."}, {"snare", "....X.......X..."}, {"hat", "x.x.x.x.x.x.x.x."}});
    const Meter meter{3, 4};
    const auto notes = write_drum_bars(DrumBars{Ticks(0), meter.bar() * 4, meter, &g, nullptr}, Rng(1));
    EXPECT_EQ(count(notes, gm_drum::kick), 4u);  // one per bar, on the downbeat
    for (const auto& n : notes) {
        EXPECT_LT(n.start, meter.bar() * 4);
        if (n.pitch == gm_drum::kick) {
            EXPECT_EQ(n.start % meter.bar(), Ticks(0));
        }
    }
}

TEST(Drums, FillReplacesTheEndOfTheLastBar) {
    const auto g = groove({{"hat", "xxxxxxxxxxxxxxxx"}});
    const auto fill = groove({{"snare", "............xxxx"}});
    const Meter meter{4, 4};
    const auto notes = write_drum_bars(DrumBars{Ticks(0), meter.bar() * 2, meter, &g, &fill}, Rng(3));
    EXPECT_EQ(count(notes, gm_drum::snare), 4u);
    EXPECT_EQ(count(notes, gm_drum::closed_hat), 16u + 12u);
    for (const auto& n : notes)
        if (n.pitch == gm_drum::snare) {
            EXPECT_GE(n.start, meter.bar() + kQuarter * 3);
        }
}

TEST(Drums, DialogueFilterCountsCymbalRing) {
    const std::vector<TickRange> dialogue{{Ticks(3840), Ticks(7680)}};
    std::vector<Note> notes{{Ticks(3000), Ticks(120), gm_drum::crash, 100},     // rings into the range
                            {Ticks(3000), Ticks(120), gm_drum::closed_hat, 80},  // stops before it
                            {Ticks(5000), Ticks(120), gm_drum::kick, 100},       // inside
                            {Ticks(7680), Ticks(120), gm_drum::kick, 100}};      // at its end: outside
    remove_drums_in(notes, dialogue);
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0].pitch, gm_drum::closed_hat);
    EXPECT_EQ(notes[1].start, Ticks(7680));
}

TEST(Drums, AccentAndRoll) {
    const auto accent = drum_accent(Ticks(960), 120, false);
    EXPECT_EQ(count(accent, gm_drum::crash), 1u);
    EXPECT_EQ(count(accent, gm_drum::kick), 1u);
    const auto roll = drum_roll(Ticks(0), kQuarter, kQuarter / 4);
    ASSERT_EQ(roll.size(), 4u);
    EXPECT_LT(roll.front().velocity, roll.back().velocity);
}

}  // namespace
}  // namespace tunesmith
