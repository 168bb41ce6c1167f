// Tests for render/onset_latency.cpp and stem_events.cpp's note sending: the session 6-11 onset,
// hit markers, an accent's latency, and a hit's kick and crash sounding on the hit's sample.
#include "render/onset_latency.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "render/attack_onset.h"
#include "render/render.h"
#include "render/stem_events.h"
#include "render_fixtures.h"

namespace tunesmith {
namespace {

constexpr SampleRate kRate(48000);

TEST(OnsetNear, FirstSampleAboveThreePercentOfThePeakAfterSilence) {
    std::vector<float> left(4800, 0.0f), right(4800, 0.0f);
    for (std::size_t i = 1000; i < 1100; ++i) left[i] = 0.5f * static_cast<float>(i - 1000) / 100.0f;
    // Peak 0.495; 0.5 * k / 100 > 3% of it first at k = 3 (sample 1003).
    EXPECT_EQ(onset_near(left, right, 1000, kRate), 1003);
    // A -60 dB floor finds the first non-zero sample.
    EXPECT_EQ(onset_near(left, right, 1000, kRate, 1e-3), 1001);
    // The right channel counts as much as the left.
    EXPECT_EQ(onset_near(right, left, 1000, kRate), 1003);
    // Looked for from 2 ms (96 samples) before `around`, not earlier.
    EXPECT_EQ(onset_near(left, right, 1050, kRate), 1003);
    EXPECT_EQ(onset_near(left, right, 1200, kRate), -1);  // 1104 on: nothing rises
    EXPECT_EQ(onset_near(left, right, 3000, kRate), -1);  // all silence in its window
}

TEST(OnsetNear, MustRiseAboveTheLevelJustBefore) {
    std::vector<float> left(9600, 0.1f), right(9600, 0.0f);
    for (std::size_t i = 4800; i < 9600; ++i) left[i] = 0.12f;  // 1.2x: not an onset
    EXPECT_EQ(onset_near(left, right, 4800, kRate), -1);
    for (std::size_t i = 4900; i < 9600; ++i) left[i] = 0.2f;  // 2x, 100 samples later
    EXPECT_EQ(onset_near(left, right, 4800, kRate), 4900);
}

TEST(HitMarkers, OnlyHitKindsSortedAndUnique) {
    Score score;
    score.markers = {{Ticks(960), "verse"}, {Ticks(1920), "hit"}, {Ticks(480), "cut"},
                     {Ticks(1920), "stinger"}, {Ticks(3840), "scene 2"}, {Ticks(2880), "lift"}};
    EXPECT_EQ(hit_ticks(score), (std::vector<Ticks>{Ticks(480), Ticks(1920), Ticks(2880)}));
    EXPECT_FALSE(is_hit_marker({Ticks(0), "drops"}));
}

TEST(StemEvents, NotesLeftOutOrReleasedEarly) {
    const TempoMap tempo = TempoMap::constant(120.0, kRate);  // 25 samples per tick
    Track drums = test::make_track("drums", 0, true);
    drums.notes.push_back({Ticks(0), Ticks(960), 36, 100});   // off at 24000, released by 11850
    drums.notes.push_back({Ticks(480), Ticks(480), 36, 120});  // played elsewhere
    drums.notes.push_back({Ticks(480), Ticks(480), 49, 120});
    std::vector<NoteSending> sending(3);
    sending[0].off_by = 11850;
    sending[1].sent = false;
    const auto events = track_events(drums, tempo, sending);
    std::vector<std::int64_t> kick_on, kick_off, crash_on;
    for (const SynthEvent& e : events) {
        if (e.kind == SynthEventKind::note_on && e.a == 36) kick_on.push_back(e.sample);
        if (e.kind == SynthEventKind::note_off && e.a == 36) kick_off.push_back(e.sample);
        if (e.kind == SynthEventKind::note_on && e.a == 49) crash_on.push_back(e.sample);
    }
    EXPECT_EQ(kick_on, (std::vector<std::int64_t>{0}));
    EXPECT_EQ(kick_off, (std::vector<std::int64_t>{11840}));  // the block nearest 11850
    EXPECT_EQ(crash_on, (std::vector<std::int64_t>{to_block_grid(12000)}));
    // Everything sent as it is: the old placement.
    EXPECT_EQ(track_events(drums, tempo), track_events(drums, tempo, std::vector<NoteSending>(3)));
}

// A drum track with a kick and a crash on a hit at a sample off the block grid, and a groove.
Score hit_score() {
    Score score;
    score.tempo = TempoMap::constant(120.0, kRate);
    score.meter = Meter{4, 4};
    score.length = Ticks(4 * 960);
    score.length_samples = score.tempo.to_samples(score.length);
    Track drums = test::make_track("drums", 0, true);
    for (int eighth = 0; eighth < 8; ++eighth) drums.notes.push_back({Ticks(480 * eighth), Ticks(240), 42, 60});
    const Ticks hit(1920 + 37);  // 48000 + 925 = 48925 samples: 29 past a block boundary
    drums.notes.push_back({hit, Ticks(480), 36, 118});
    drums.notes.push_back({hit, Ticks(480), 49, 118});
    score.tracks = {drums};
    score.markers = {{Ticks(0), "intro"}, {hit, "hit"}};
    return score;
}

TEST(AccentLatency, AKickAndCrashTakeSamplesToSound) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = hit_score();
    const PlayableSoundFont font = playable_soundfont_for(score, RenderOptions{});
    SynthPool pool(font.path(), SynthConfig{kRate});
    const Track& drums = score.tracks[0];
    const std::vector<Note> accent{drums.notes[8], drums.notes[9]};
    const std::int64_t both = measure_accent_latency(pool.at(0), kRate, drums, ChannelState{}, accent);
    EXPECT_GT(both, 0) << "a kick and a crash take some samples to sound";
    EXPECT_EQ(measure_accent_latency(pool.at(0), kRate, drums, ChannelState{}, accent), both) << "deterministic";
}

// The hit's accent is played by a layer of its own started off the block grid, so it sounds ON its
// sample (session 6's early note-ons could only reach the nearest block: within 32 samples).
TEST(HitLayers, RenderStemsPlacesTheHitOnsetOnItsSample) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = hit_score();
    RenderOptions options;
    options.tail = Seconds(0.5);
    const auto stems = render_stems(score, options);
    const auto& audio = stems[0].audio;
    const std::int64_t hit = 48925;
    const std::int64_t onset = attack_onset(audio.channels[0], audio.channels[1], hit, kRate);
    // A few samples at most: the hi-hat struck 19 ms before still rings under the accent.
    EXPECT_LE(std::llabs(onset - hit), 8) << "onset " << onset;
    // The streamed path gives the same samples.
    const PlayableSoundFont font = playable_soundfont_for(score, options);
    std::vector<float> left(audio.channels[0].size(), 0.0f);
    render_track_blocks(score, 0, options, font.path(), [&](const float* l, const float*, std::size_t first, std::size_t n) {
        std::copy_n(l, n, left.begin() + static_cast<std::ptrdiff_t>(first));
    });
    EXPECT_EQ(left, audio.channels[0]);
}

}  // namespace
}  // namespace tunesmith
