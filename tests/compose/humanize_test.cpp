// Tests for compose/humanize: swing moves only off-beats, accents favour downbeats, jitter is
// small, clamped and leaves locked hit ticks alone, and controller curves are well formed.
#include "compose/humanize.h"

#include <gtest/gtest.h>

namespace tunesmith {
namespace {

std::vector<Note> eighths(int bars) {
    std::vector<Note> out;
    for (int i = 0; i < bars * 8; ++i) out.push_back(Note{Ticks(480 * i), Ticks(400), 60, 80});
    return out;
}

TEST(Humanize, SwingDelaysOnlyOffBeats) {
    auto notes = eighths(1);
    apply_swing(notes, 1.0, Rate::eighth, Ticks(0));
    for (std::size_t i = 0; i < notes.size(); ++i)
        EXPECT_EQ(notes[i].start.value, static_cast<std::int64_t>(480 * i) + (i % 2 == 1 ? 160 : 0));
}

TEST(Humanize, DownbeatsAreLouderThanOffBeats) {
    auto notes = eighths(8);
    Rng rng(4);
    shape_velocities(notes, Meter{4, 4}, Ticks(0), Meter{4, 4}.bar() * 4, 1.0, 0.0, rng);
    double down = 0, off = 0;
    for (std::size_t i = 0; i < notes.size(); ++i) (i % 8 == 0 ? down : off) += i % 8 == 0 ? notes[i].velocity / 8.0 : notes[i].velocity / 56.0;
    EXPECT_GT(down, off + 5.0);
}

TEST(Humanize, JitterIsSmallClampedAndSparesLockedTicks) {
    auto notes = eighths(4);
    const auto original = notes;
    const TempoMap tempo = TempoMap::constant(120.0, SampleRate{48000});
    const Ticks limit = Meter{4, 4}.bar() * 4;
    Rng rng(11);
    jitter_timing(notes, tempo, 8.0, limit, {Ticks(1920)}, rng);
    int moved = 0;
    for (std::size_t i = 0; i < notes.size(); ++i) {
        EXPECT_GE(notes[i].start, Ticks(0));
        EXPECT_LE(notes[i].end(), limit);
        // 3 standard deviations of 8 ms at 120 bpm is 24 ms = 46 ticks.
        EXPECT_LE(std::abs((notes[i].start - original[i].start).value), 47);
        moved += notes[i].start != original[i].start ? 1 : 0;
        if (original[i].start == Ticks(1920)) {
            EXPECT_EQ(notes[i].start, Ticks(1920));
        }
    }
    EXPECT_GT(moved, 20);
}

TEST(Humanize, PedalLiftsAtEveryChordChange) {
    const std::vector<ChordSpan> chords{{Ticks(0), Ticks(3840), *Chord::parse("C")},
                                        {Ticks(3840), Ticks(7680), *Chord::parse("G")}};
    const auto pedal = sustain_pedal(chords, Ticks(0), Ticks(7680));
    ASSERT_EQ(pedal.size(), 5u);
    EXPECT_EQ(pedal[0].value, 0);
    EXPECT_EQ(pedal[1].value, 127);
    EXPECT_EQ(pedal[2].time, Ticks(3840));
    EXPECT_EQ(pedal[2].value, 0);
    EXPECT_EQ(pedal.back().value, 0);
}

TEST(Humanize, ExpressionFollowsEnergyAndFadeEndsAtZero) {
    Plan plan;
    plan.meter = Meter{4, 4};
    plan.length = plan.meter.bar() * 4;
    plan.bar_energy = {0.1, 0.1, 0.9, 0.9};
    auto curve = expression_curve(plan, Ticks(0), plan.length);
    ASSERT_FALSE(curve.empty());
    EXPECT_LT(curve.front().value, curve.back().value);
    apply_fade(curve, plan.meter, plan.meter.bar() * 2, plan.length);
    EXPECT_EQ(curve.back().value, 0);
    EXPECT_EQ(curve.back().time, plan.length);
}

// Quiet sections must stay audible after mastering: energy changes the level by a few dB, not
// by the 20-30 LU the first version produced.
TEST(Humanize, EnergyChangesVelocityAndExpressionModerately) {
    Plan plan;
    plan.meter = Meter{4, 4};
    plan.length = plan.meter.bar() * 2;
    plan.bar_energy = {0.0, 1.0};
    std::vector<Note> notes{{Ticks(0), Ticks(480), 60, 100}, {plan.meter.bar(), Ticks(480), 60, 100}};
    scale_by_energy(notes, plan, 1.0);
    EXPECT_LT(notes[0].velocity, notes[1].velocity);
    EXPECT_GE(notes[0].velocity, notes[1].velocity * 65 / 100);
    const auto curve = expression_curve(plan, Ticks(0), plan.length);
    EXPECT_GE(curve.front().value, 80);
    EXPECT_GT(curve.back().value, curve.front().value);
}

}  // namespace
}  // namespace tunesmith
