#include "music/tempo_map.h"

#include <gtest/gtest.h>

#include <type_traits>

namespace tunesmith {
namespace {

template <class A, class B>
concept Addable = requires(A a, B b) { a + b; };
static_assert(Addable<Ticks, Ticks>);
static_assert(!Addable<Ticks, Samples>, "ticks and samples must not mix");
static_assert(!Addable<Samples, Seconds>);
static_assert(Ticks(960) + Ticks(960) == Ticks(1920));
static_assert(Ticks(1920) / Ticks(960) == 2);

TEST(TempoMap, ConstantTempoIsExactOnBeats) {
    const auto map = TempoMap::constant(120.0, SampleRate(48000));
    EXPECT_EQ(map.to_samples(Ticks(0)), Samples(0));
    EXPECT_EQ(map.to_samples(Ticks(960)), Samples(24000));
    EXPECT_EQ(map.to_samples(Ticks(960 * 4 * 300)), Samples(24000 * 4 * 300));
    EXPECT_EQ(map.to_ticks(Samples(24000)), Ticks(960));
    EXPECT_DOUBLE_EQ(map.bpm_at(Ticks(5000)), 120.0);
}

TEST(TempoMap, NonIntegerSamplesPerBeatDoesNotDrift) {
    const auto map = TempoMap::constant(92.0, SampleRate(48000));
    // 10 minutes of quarter notes at 92 bpm: 920 quarters; exact would be 920*60*48000/92.
    const Samples s = map.to_samples(Ticks(920 * 960));
    EXPECT_EQ(s, Samples(28800000));
}

TEST(TempoMap, AnchorsMapExactly) {
    const auto map = TempoMap::from_anchors({{Ticks(0), Samples(0)},
                                             {Ticks(3840), Samples(100001)},
                                             {Ticks(7680), Samples(190000)}},
                                            SampleRate(48000));
    EXPECT_EQ(map.to_samples(Ticks(3840)), Samples(100001));
    EXPECT_EQ(map.to_samples(Ticks(7680)), Samples(190000));
    EXPECT_EQ(map.to_ticks(Samples(100001)), Ticks(3840));
    // Beyond the last anchor the last tempo continues.
    EXPECT_EQ(map.to_samples(Ticks(11520)), Samples(280000 - 1));
}

TEST(TempoMap, RoundTripIsStable) {
    const auto map = TempoMap::constant(97.3, SampleRate(44100));
    for (std::int64_t t = 0; t < 960 * 200; t += 137) {
        const Ticks tick(t);
        EXPECT_LE(std::llabs((map.to_ticks(map.to_samples(tick)) - tick).value), 1);
    }
}

TEST(TempoMap, RejectsBadAnchors) {
    EXPECT_THROW(TempoMap::from_anchors({{Ticks(0), Samples(0)}}, SampleRate(48000)), std::invalid_argument);
    EXPECT_THROW(TempoMap::from_anchors({{Ticks(0), Samples(0)}, {Ticks(10), Samples(0)}}, SampleRate(48000)),
                 std::invalid_argument);
}

TEST(TempoMap, MidiTemposRoundTrip) {
    const auto map = TempoMap::constant(92.0, SampleRate(48000));
    const auto tempos = map.midi_tempos();
    ASSERT_EQ(tempos.size(), 1u);
    EXPECT_EQ(tempos[0].microseconds_per_quarter, 652174);
    const auto back = TempoMap::from_midi_tempos(tempos, SampleRate(48000), Ticks(960 * 100));
    EXPECT_NEAR(static_cast<double>(back.to_samples(Ticks(960 * 100)).value),
                static_cast<double>(map.to_samples(Ticks(960 * 100)).value), 2.0);
}

}  // namespace
}  // namespace tunesmith
