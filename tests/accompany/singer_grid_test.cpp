// Tests for src/accompany/singer_grid.cpp: tracked beats kept, re-gridded to a --bpm, or a
// phase-locked steady tempo with a warning.
#include "accompany/singer_grid.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tunesmith {
namespace {

const SampleRate kRate{22050};

// An analysis whose beat tracker found `count` beats accelerating from 90 to ~99 bpm.
AudioAnalysis tracked_analysis(int count) {
    AudioAnalysis a;
    a.rate = kRate;
    double t = 0.4, period = 60.0 / 90.0;
    for (int i = 0; i < count; ++i) {
        a.beats.beats.push_back(to_samples(Seconds(t), kRate));
        a.beats.seconds.push_back(t);
        t += period;
        period *= 0.995;
    }
    a.beats.lead_in_beats = 1;
    a.beats.bpm = 94.0;
    a.beats.meter = Meter{3, 4};
    a.beats.tempo = tempo_map_from_beats(a.beats.beats, 1, kRate);
    a.notes.notes.push_back(NoteEvent{0.45, 1.0, 64, 64.0, -20.0, 0.9});
    return a;
}

TEST(SingerGrid, KeepsTrackedBeatsAndMeter) {
    std::vector<std::string> warnings;
    const AudioAnalysis a = tracked_analysis(20);
    const SingerGrid grid = singer_grid(a, std::nullopt, std::nullopt, warnings);
    EXPECT_EQ(grid.source, "tracked");
    EXPECT_EQ(grid.meter, (Meter{3, 4}));
    EXPECT_TRUE(warnings.empty());
    // Beat 5 (tick (5 + lead-in) quarters) is exactly the tracked sample.
    EXPECT_EQ(grid.tempo.to_samples(kQuarter * 6), a.beats.beats[5]);
}

TEST(SingerGrid, RegridsToADoubleTimeBpmKeepingTheDrift) {
    std::vector<std::string> warnings;
    const AudioAnalysis a = tracked_analysis(20);
    const SingerGrid grid = singer_grid(a, 188.0, std::nullopt, warnings);
    EXPECT_EQ(grid.source, "tracked, re-gridded to --bpm");
    EXPECT_TRUE(warnings.empty());
    // Every tracked beat is still a beat of the new grid, with one beat between each pair.
    for (std::size_t i = 0; i + 1 < a.beats.beats.size(); ++i) {
        EXPECT_EQ(grid.tempo.to_ticks(a.beats.beats[i]), kQuarter * static_cast<std::int64_t>(2 * i + 2)) << i;
        const Samples middle((a.beats.beats[i].value + a.beats.beats[i + 1].value) / 2);
        EXPECT_NEAR(static_cast<double>(grid.tempo.to_ticks(middle).value), 960.0 * static_cast<double>(2 * i + 3), 2.0);
    }
}

TEST(SingerGrid, UnrelatedBpmFallsBackToSteadyTempoWithWarning) {
    std::vector<std::string> warnings;
    const SingerGrid grid = singer_grid(tracked_analysis(20), 127.0, std::nullopt, warnings);
    EXPECT_EQ(grid.source, "--bpm");
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NEAR(grid.tempo.bpm_at(kQuarter * 10), 127.0, 0.01);
}

TEST(SingerGrid, NoBeatsGivesDefaultTempoLockedToFirstNote) {
    std::vector<std::string> warnings;
    AudioAnalysis a = tracked_analysis(3);  // too few beats to trust
    a.notes.notes.front().onset_s = 1.0;
    const SingerGrid grid = singer_grid(a, std::nullopt, std::nullopt, warnings);
    EXPECT_EQ(grid.source, "default");
    EXPECT_EQ(warnings.size(), 1u);
    // 1.0 s at 90 bpm is 1.5 beats: rounded to beat 2, which lands exactly on the note.
    EXPECT_EQ(grid.tempo.to_samples(kQuarter * 2), to_samples(Seconds(1.0), kRate));
}

TEST(RegridBeats, HalvesAndDoubles) {
    const std::vector<Samples> beats{Samples(0), Samples(100), Samples(210), Samples(330), Samples(460)};
    const auto doubled = regrid_beats(beats, 2.0);
    ASSERT_EQ(doubled.size(), 9u);
    EXPECT_EQ(doubled[1], Samples(50));
    EXPECT_EQ(doubled[3], Samples(155));
    const auto halved = regrid_beats(beats, 0.5);
    ASSERT_EQ(halved.size(), 3u);
    EXPECT_EQ(halved[1], Samples(210));
}

TEST(PhaseLockedTempo, PutsABeatOnTheOnset) {
    const TempoMap map = phase_locked_tempo(120.0, Seconds(1.26), kRate);
    EXPECT_EQ(map.to_samples(kQuarter * 3), to_samples(Seconds(1.26), kRate));
    EXPECT_NEAR(map.bpm_at(kQuarter * 40), 120.0, 1e-6);
    EXPECT_EQ(phase_locked_tempo(120.0, Seconds(0.0), kRate), TempoMap::constant(120.0, kRate));
}

// 24 tracked beats in 4/4, beat 0 starting a bar (lead-in 4 beats).
SingerGrid tracked_four_four_grid() {
    std::vector<std::string> warnings;
    AudioAnalysis a = tracked_analysis(24);
    a.beats.meter = Meter{4, 4};
    a.beats.lead_in_beats = 4;
    a.beats.tempo = tempo_map_from_beats(a.beats.beats, 4, kRate);
    return singer_grid(a, std::nullopt, std::nullopt, warnings);
}

TEST(ShiftedBarLines, MovesTheDownbeatAndKeepsTheBeats) {
    const SingerGrid grid = tracked_four_four_grid();
    ASSERT_EQ(grid.beats.size(), 24u);
    for (int shift = 1; shift < 4; ++shift) {
        const SingerGrid moved = shifted_bar_lines(grid, shift);
        for (std::size_t i = 0; i < moved.beats.size(); ++i) {
            const Ticks tick = moved.tempo.to_ticks(moved.beats[i]);
            EXPECT_EQ(tick.value % kQuarter.value, 0) << "beat " << i << " stays on a beat";
            const std::int64_t in_bar = (tick.value / kQuarter.value) % 4;
            EXPECT_EQ(in_bar == 0, static_cast<int>(i) % 4 == shift) << "shift " << shift << ", beat " << i;
        }
        EXPECT_GE(moved.tempo.to_ticks(moved.beats.front()).value, kQuarter.value) << "a lead-in before the first beat";
    }
    EXPECT_EQ(shifted_bar_lines(grid, 4).lead_in_beats, grid.lead_in_beats);
    SingerGrid steady = grid;
    steady.beats.clear();
    EXPECT_EQ(shifted_bar_lines(steady, 1).lead_in_beats, grid.lead_in_beats);
}

TEST(HalvedGrid, KeepsEveryOtherBeatFromTheChosenOne) {
    const SingerGrid grid = tracked_four_four_grid();
    for (int first : {0, 1}) {
        const SingerGrid half = halved_grid(grid, first);
        ASSERT_EQ(half.beats.size(), 12u);
        EXPECT_NEAR(half.bpm, grid.bpm / 2.0, 1e-9);
        for (std::size_t i = 0; i < half.beats.size(); ++i) {
            EXPECT_EQ(half.beats[i], grid.beats[2 * i + static_cast<std::size_t>(first)]);
            EXPECT_EQ(half.tempo.to_ticks(half.beats[i]).value % kQuarter.value, 0) << "each kept beat is a beat";
        }
        // The beats between are off-beats now (about half-way: the tracked tempo accelerates).
        EXPECT_NEAR(static_cast<double>(half.tempo.to_ticks(grid.beats[static_cast<std::size_t>(1 - first) + 2]).value %
                                        kQuarter.value),
                    kQuarter.value / 2.0, 8.0);
    }
    EXPECT_EQ(halved_grid(grid, 2).beats.size(), grid.beats.size()) << "only 0 or 1";
}

}  // namespace
}  // namespace tunesmith
