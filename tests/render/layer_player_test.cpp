// Tests for render/layer_player.cpp through render_stems: hit layers heard on the hit's sample while
// what rang before is faded, and the windowed and streamed renders of hits equal to one pass.
#include "render/layer_player.h"

#include <gtest/gtest.h>

#include "render/attack_onset.h"
#include "render/render.h"
#include "render_fixtures.h"

namespace tunesmith {
namespace {

constexpr SampleRate kRate(48000);

// Two bars at 120 bpm; a hit 37 ticks into bar 2 (off the block grid). Strings hold a loud chord
// and brass a note until 60 ms before it (their releases ring into it), a crash rings from the bar
// before; on the hit the drums play kick and crash and the brass a stab.
Score ringing_hit_score() {
    Score score;
    score.tempo = TempoMap::constant(120.0, kRate);
    score.meter = Meter{4, 4};
    score.length = Ticks(3 * 3840);
    score.length_samples = score.tempo.to_samples(score.length);
    const Ticks hit(3840 + 37);
    Track strings = test::make_track("strings", 48);
    for (int key : {48, 55, 60, 64}) strings.notes.push_back({Ticks(0), hit - Ticks(120), key, 120});
    Track brass = test::make_track("brass", 61);
    brass.notes.push_back({Ticks(960), hit - Ticks(120) - Ticks(960), 67, 110});
    for (int key : {60, 64, 67}) brass.notes.push_back({hit, Ticks(480), key, 115});
    Track drums = test::make_track("drums", 0, true);
    drums.notes = {{Ticks(0), Ticks(120), 49, 120}, {hit, Ticks(120), 36, 112}, {hit, Ticks(120), 49, 112}};
    score.tracks = {strings, brass, drums};
    score.markers = {{Ticks(0), "intro"}, {hit, "cut"}};
    return score;
}

AudioBuffer sum(const std::vector<Stem>& stems) {
    AudioBuffer out(kRate, 2, stems.front().audio.frames());
    for (const Stem& s : stems)
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < out.frames(); ++i) out.channels[c][i] += s.audio.channels[c][i];
    return out;
}

// The hit the mix is measured on in eval_video: its onset within 1 ms of its sample although
// strings, brass and a crash ring into it (before session 12: 4.5 ms late).
TEST(LayerPlayer, AHitStandsOutOfWhatRingsIntoIt) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = ringing_hit_score();
    RenderOptions options;
    options.tail = Seconds(0.5);
    const AudioBuffer all = sum(render_stems(score, options));
    const std::int64_t hit = score.tempo.to_samples(Ticks(3840 + 37)).value;
    const std::int64_t onset = attack_onset(all.channels[0], all.channels[1], hit, kRate);
    ASSERT_GE(onset, 0) << "the hit does not stand out of what rings into it";
    EXPECT_LE(std::llabs(onset - hit), kRate.hz / 1000) << "onset " << onset - hit << " samples from the hit";
}

TEST(LayerPlayer, WindowedAndStreamedRendersOfHitsEqualOnePass) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = ringing_hit_score();
    RenderOptions options;
    options.tail = Seconds(0.5);
    const auto one_pass = render_stems(score, options);
    options.window_bars = 1;
    EXPECT_EQ(render_stems(score, options), one_pass);
    options.window_bars = 0;
    const PlayableSoundFont font = playable_soundfont_for(score, options);
    for (std::size_t t = 0; t < score.tracks.size(); ++t) {
        std::vector<float> left(one_pass[t].audio.frames(), 0.0f);
        render_track_blocks(score, t, options, font.path(), [&](const float* l, const float*, std::size_t first, std::size_t n) {
            std::copy_n(l, n, left.begin() + static_cast<std::ptrdiff_t>(first));
        });
        EXPECT_EQ(left, one_pass[t].audio.channels[0]) << score.tracks[t].name;
    }
}

}  // namespace
}  // namespace tunesmith
