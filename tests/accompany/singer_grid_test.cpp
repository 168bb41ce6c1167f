// Tests for src/accompany/singer_grid.cpp: tracked beats kept, re-gridded to a --bpm, or a
// phase-locked steady tempo with a warning.
#include "accompany/singer_grid.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "base/text.h"

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
    EXPECT_EQ(grid.source, "tracked at the level of --bpm 188");
    EXPECT_TRUE(warnings.empty());
    // Every tracked beat is still a beat of the new grid, with one beat between each pair.
    for (std::size_t i = 0; i + 1 < a.beats.beats.size(); ++i) {
        EXPECT_EQ(grid.tempo.to_ticks(a.beats.beats[i]), kQuarter * static_cast<std::int64_t>(2 * i + 2)) << i;
        const Samples middle((a.beats.beats[i].value + a.beats.beats[i + 1].value) / 2);
        EXPECT_NEAR(static_cast<double>(grid.tempo.to_ticks(middle).value), 960.0 * static_cast<double>(2 * i + 3), 2.0);
    }
}

// Session 14: a --bpm within reach of the singer's beat picks that beat and the grid follows the singer;
// the tempo it reports is the one its map plays (was the tracker's 94 beside a --bpm of 88, unsaid).
TEST(SingerGrid, ABpmNearTheSingerReportsTheTempoItsMapPlays) {
    std::vector<std::string> warnings;
    const AudioAnalysis a = tracked_analysis(20);
    const SingerGrid grid = singer_grid(a, 88.0, std::nullopt, warnings);
    // The map passes through the singer's beats (from the second: the first is 0.4 s in), so its median
    // segment is the singer's median beat.
    std::vector<double> segments;
    for (std::size_t i = 1; i + 1 < a.beats.beats.size(); ++i)
        segments.push_back(grid.tempo.bpm_at(grid.tempo.to_ticks(a.beats.beats[i])));
    std::sort(segments.begin(), segments.end());
    EXPECT_NEAR(grid.bpm, segments[segments.size() / 2], 0.5);  // the fixture's beats speed up ~0.45 bpm each
    EXPECT_EQ(grid.source, "tracked at the level of --bpm 88");
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("--bpm 88: the singer's beat at that level runs at " + bpm_text(grid.bpm)), std::string::npos)
        << warnings[0];
}

// Session 14: tick 0 is sample 0, so a vocal whose first beat is 20 ms in had its lead-in beat squeezed
// into 20 ms (3000 bpm in cue.json and score.mid). No segment of the chosen grid may run faster than
// twice the beat, and the beats the map keeps stay exact.
TEST(SingerGrid, AVocalStartingAtOnceHasNoSqueezedLeadIn) {
    AudioAnalysis a = tracked_analysis(20);
    const Samples shift = a.beats.beats.front() - to_samples(Seconds(0.02), kRate);
    for (Samples& b : a.beats.beats) b = b - shift;
    a.beats.tempo = tempo_map_from_beats(a.beats.beats, 1, kRate);
    for (std::optional<double> bpm : {std::optional<double>{}, std::optional<double>{94.0}, std::optional<double>{188.0}}) {
        std::vector<std::string> warnings;
        const SingerGrid grid = with_sane_lead_in(singer_grid(a, bpm, std::nullopt, warnings));
        const auto& anchors = grid.tempo.anchors();
        for (std::size_t i = 1; i < anchors.size(); ++i)
            EXPECT_LE(grid.tempo.bpm_at(anchors[i - 1].tick), grid.bpm * 2.0 + 1.0) << "segment " << i;
        // The beats the map passes through are still exactly the tracked ones.
        EXPECT_EQ(grid.tempo.to_samples(grid.tempo.to_ticks(a.beats.beats[5])), a.beats.beats[5]);
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

// A bar of lead-in squeezed into 0.4 s comes off whole: the first beat moves to sample 0 and the bar
// lines stay on the same beats; a lead-in that fits is kept.
TEST(WithSaneLeadIn, TakesWholeBarsOffASqueezedLeadIn) {
    const SingerGrid grid = tracked_four_four_grid();  // 4 beats of lead-in in 0.4 s at 90 bpm
    const SingerGrid sane = with_sane_lead_in(grid);
    EXPECT_EQ(sane.lead_in_beats, 0);
    EXPECT_EQ(sane.tempo.to_samples(Ticks(0)), Samples(0));
    for (std::size_t i = 1; i < grid.beats.size(); ++i)
        EXPECT_EQ(sane.tempo.to_samples(kQuarter * static_cast<std::int64_t>(i)), grid.beats[i]) << i;
    SingerGrid late = grid;
    for (Samples& b : late.beats) b = b + to_samples(Seconds(2.4), kRate);
    late.tempo = tempo_map_from_beats(late.beats, 4, kRate);
    EXPECT_EQ(with_sane_lead_in(late).tempo, late.tempo);
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
