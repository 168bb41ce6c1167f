// Tests for render/hit_layers.cpp: a track's accents split off into layers started their latency
// before the hit, the same-key releases one synth would make, and the fades before hits.
#include "render/hit_layers.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "render_fixtures.h"

namespace tunesmith {
namespace {

constexpr SampleRate kRate(48000);
const TempoMap kTempo = TempoMap::constant(120.0, kRate);  // 25 samples per tick
constexpr std::int64_t kRelease = 48000;

std::int64_t sample_of(Ticks t) { return kTempo.to_samples(t).value; }

std::vector<SynthEvent> of_kind(const std::vector<SynthEvent>& events, SynthEventKind kind, int a = -1) {
    std::vector<SynthEvent> out;
    std::copy_if(events.begin(), events.end(), std::back_inserter(out),
                 [&](const SynthEvent& e) { return e.kind == kind && (a < 0 || e.a == a); });
    return out;
}

// Strings: a chord that stops a beat before the hit, the hit's accent, a note after it.
Track strings_track(Ticks hit) {
    Track t = test::make_track("strings", 48);
    t.notes = {{hit - kQuarter * 4, kQuarter * 3, 60, 80},
               {hit, kQuarter, 64, 110},
               {hit, kQuarter, 67, 110},
               {hit + kQuarter * 2, kQuarter, 60, 90}};
    t.controls = {{hit - kQuarter * 4, 11, 90}, {hit, 11, 120}, {hit + kQuarter, 11, 100}};
    return t;
}

TEST(HitLayers, TheAccentIsALayerStartedItsLatencyBeforeTheHit) {
    const Ticks hit(1920 + 37);  // 48925 samples: off the block grid
    const Track track = strings_track(hit);
    std::vector<Note> measured;
    ChannelState measured_state;
    const AccentLatency latency = [&](const ChannelState& state, const std::vector<Note>& notes) {
        measured = notes, measured_state = state;
        return std::int64_t{100};
    };
    const TrackSchedule s = schedule_track(track, kTempo, {hit}, latency, kRelease);
    ASSERT_EQ(s.layers.size(), 1u);
    EXPECT_EQ(s.layers[0].start, sample_of(hit) - 100);  // exact, not on the block grid
    EXPECT_EQ(measured.size(), 2u);
    EXPECT_EQ(measured_state.controllers[11], 120) << "the controllers as at the hit";
    EXPECT_EQ(s.layers[0].state, measured_state);
    const auto ons = of_kind(s.layers[0].events, SynthEventKind::note_on);
    ASSERT_EQ(ons.size(), 2u);
    EXPECT_EQ(ons[0].sample, 0);
    EXPECT_EQ(ons[1].sample, 0);
    // Later controllers reach the layer, on its own grid.
    const auto cc = of_kind(s.layers[0].events, SynthEventKind::control, 11);
    ASSERT_EQ(cc.size(), 1u);
    EXPECT_EQ(cc[0].sample % kSynthBlock, 0);
    // The track's own synth plays the other two notes only.
    const auto main_ons = of_kind(s.events, SynthEventKind::note_on);
    ASSERT_EQ(main_ons.size(), 2u);
    EXPECT_EQ(main_ons[0].a, 60);
    EXPECT_EQ(main_ons[1].a, 60);
}

TEST(HitLayers, NotesOfAKeyAreReleasedWhereTheKeySoundsAgain) {
    const Ticks hit(1920);
    Track track = test::make_track("piano", 0);
    track.notes = {{Ticks(0), kQuarter * 4, 64, 80},        // held past the hit: released where the layer starts
                   {hit, kQuarter * 4, 64, 110},            // the accent, held past the next 64
                   {hit + kQuarter, kQuarter, 64, 90}};     // releases the accent here
    const TrackSchedule s = schedule_track(track, kTempo, {hit}, [](const ChannelState&, const std::vector<Note>&) {
        return std::int64_t{500};
    }, kRelease);
    ASSERT_EQ(s.layers.size(), 1u);
    const auto offs = of_kind(s.events, SynthEventKind::note_off, 64);
    ASSERT_EQ(offs.size(), 2u);
    EXPECT_EQ(offs[0].sample, to_block_grid(sample_of(hit) - 500));
    const auto layer_off = of_kind(s.layers[0].events, SynthEventKind::note_off, 64);
    ASSERT_EQ(layer_off.size(), 1u);
    EXPECT_EQ(s.layers[0].start + layer_off[0].sample,
              s.layers[0].start + to_block_grid(to_block_grid(sample_of(hit + kQuarter)) - s.layers[0].start));
}

TEST(HitLayers, WhatRingsIsFadedWhereTheTrackRests) {
    const Ticks first(1920), second(1920 * 3);
    Track track = strings_track(first);
    track.notes.push_back({second, kQuarter, 72, 110});
    const AccentLatency none = [](const ChannelState&, const std::vector<Note>&) { return std::int64_t{0}; };
    const TrackSchedule s = schedule_track(track, kTempo, {first, second}, none, kRelease);
    // The track rests in the 100 ms before both hits (its last note before each ends earlier).
    ASSERT_EQ(s.fades.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        const std::int64_t hit = sample_of(i == 0 ? first : second);
        EXPECT_EQ(s.fades[i].from, hit - 4800);
        EXPECT_EQ(s.fades[i].to, hit / kSynthBlock * kSynthBlock);
    }
    // The track's own synth is silenced where each fade ends.
    const auto kills = of_kind(s.events, SynthEventKind::control, 120);
    ASSERT_EQ(kills.size(), 2u);
    EXPECT_EQ(kills[1].sample, s.fades[1].to);
    // The first hit's layer fades out before the second hit and stops there.
    ASSERT_EQ(s.layers.size(), 2u);
    EXPECT_EQ(s.layers[0].fade_out, s.fades[1]);
    EXPECT_LE(s.layers[0].sounds_until, s.fades[1].to);
    // A note struck inside the 100 ms: the track plays into the hit, nothing is faded.
    track.notes.push_back({second - Ticks(60), Ticks(50), 76, 70});  // 31 ms before
    EXPECT_EQ(schedule_track(track, kTempo, {first, second}, none, kRelease).fades.size(), 1u);
}

TEST(HitLayers, TheFadeIsARaisedCosineToSilence) {
    const BreathFade fade{1000, 2000};
    EXPECT_EQ(breath_gain(fade, 999), 1.0);
    EXPECT_NEAR(breath_gain(fade, 1500), 0.5, 1e-12);
    EXPECT_EQ(breath_gain(fade, 2000), 0.0);
    EXPECT_EQ(breath_gain(std::vector<BreathFade>{fade, {3000, 4000}}, 3500), breath_gain(BreathFade{3000, 4000}, 3500));
}

TEST(HitLayers, WithoutHitsTheTrackIsSentAsItIs) {
    const Track track = strings_track(Ticks(1920));
    const TrackSchedule s = schedule_track(track, kTempo, {}, nullptr, kRelease);
    EXPECT_EQ(s.events, track_events(track, kTempo));
    EXPECT_TRUE(s.layers.empty());
    EXPECT_TRUE(s.fades.empty());
}

}  // namespace
}  // namespace tunesmith
