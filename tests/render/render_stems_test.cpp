// Tests for render/render_stems.cpp: stem layout and length, windowed = one-pass (seams null test),
// window reuse, determinism across thread counts, event timing, bad SoundFont paths.
#include "render/render.h"

#include <gtest/gtest.h>

#include <cmath>

#include "base/error.h"
#include "render_fixtures.h"
#include "render/stem_events.h"

namespace tunesmith {
namespace {

using test::make_test_score;
using test::residual_db;

double energy(const AudioBuffer& audio) {
    double e = 0.0;
    for (const auto& ch : audio.channels)
        for (float x : ch) e += static_cast<double>(x) * static_cast<double>(x);
    return e;
}

TEST(RenderStems, OneStemPerTrackWithExactLengthPlusTail) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = make_test_score(4);
    RenderOptions options;
    options.tail = Seconds(1.0);
    const auto stems = render_stems(score, options);
    ASSERT_EQ(stems.size(), score.tracks.size());
    const auto expected = static_cast<std::size_t>(score.length_samples.value + 22050);
    for (std::size_t i = 0; i < stems.size(); ++i) {
        EXPECT_EQ(stems[i].name, score.tracks[i].name);
        EXPECT_EQ(stems[i].audio.frames(), expected);
        EXPECT_EQ(stems[i].audio.channel_count(), 2u);
        EXPECT_EQ(stems[i].audio.rate, SampleRate(22050));
        EXPECT_GT(energy(stems[i].audio), 1.0) << stems[i].name << " is silent";
        for (const auto& ch : stems[i].audio.channels)
            for (float x : ch) ASSERT_TRUE(std::isfinite(x));
    }
}

// The seams null test: one-bar windows, each rendered from its pre-roll, against one pass.
TEST(RenderStems, WindowedRenderNullsAgainstOnePass) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = make_test_score(6);
    RenderOptions one_pass;
    one_pass.window_bars = 0;
    one_pass.tail = Seconds(1.5);
    RenderOptions windowed = one_pass;
    windowed.window_bars = 1;
    windowed.reuse_windows = false;
    const auto reference = render_stems(score, one_pass);
    const auto chunked = render_stems(score, windowed);
    ASSERT_EQ(reference.size(), chunked.size());
    for (std::size_t i = 0; i < reference.size(); ++i) {
        EXPECT_LE(residual_db(chunked[i].audio, reference[i].audio), -60.0) << reference[i].name;
    }
}

// At 120 bpm and 16 kHz a bar is 500 synth blocks, so repeated bars (pre-roll included) are
// the same events relative to their windows and are rendered once.
TEST(RenderStems, RepeatedWindowsAreReusedAndStillNull) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    Score score = make_test_score(12, 120.0, SampleRate(16000));
    std::erase_if(score.tracks, [](const Track& t) { return t.name != "piano" && t.name != "drums"; });  // keeps it fast
    RenderOptions options;
    options.window_bars = 1;
    options.tail = Seconds(1.0);
    RenderStats stats;
    const auto reused = render_stems(score, options, {}, &stats);
    EXPECT_GT(stats.windows_reused, 0);
    EXPECT_LT(stats.windows_reused, stats.windows);
    options.reuse_windows = false;
    const auto fresh = render_stems(score, options);
    options.window_bars = 0;
    const auto one_pass = render_stems(score, options);
    for (std::size_t i = 0; i < fresh.size(); ++i) {
        EXPECT_LE(residual_db(reused[i].audio, fresh[i].audio), -60.0) << fresh[i].name;
        EXPECT_LE(residual_db(reused[i].audio, one_pass[i].audio), -60.0) << fresh[i].name;
    }
}

TEST(RenderStems, SameBytesWhateverTheThreadCount) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = make_test_score(4);
    RenderOptions options;
    options.window_bars = 0;  // the default one-pass path
    options.tail = Seconds(1.0);
    options.threads = 1;
    const auto single = render_stems(score, options);
    options.threads = 3;
    const auto multi = render_stems(score, options);
    EXPECT_EQ(single, multi);
}

TEST(RenderStems, NoteStartsOnTheNearestBlockOfItsSample) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    Score score;
    score.tempo = TempoMap::constant(120.0, SampleRate(48000));
    score.length = Ticks(4 * 960);
    score.length_samples = score.tempo.to_samples(score.length);
    Track drums = test::make_track("drums", 0, true);
    const Ticks onset(960 + 100);  // 24000 + 2500 = 26500 samples
    drums.notes.push_back({onset, Ticks(480), 37, 127});  // side stick: a sharp attack
    score.tracks = {drums};
    RenderOptions options;
    options.tail = Seconds(0.5);
    const auto stems = render_stems(score, options);
    const auto& left = stems[0].audio.channels[0];
    std::size_t first = left.size();
    for (std::size_t i = 0; i < left.size(); ++i)
        if (std::abs(left[i]) > 1e-4f) {
            first = i;
            break;
        }
    const std::int64_t target = score.tempo.to_samples(onset).value;
    EXPECT_EQ(target, 26500);
    // Half a synth block of scheduling error plus the sample's own few-sample lead-in.
    EXPECT_LE(std::llabs(static_cast<std::int64_t>(first) - target), kSynthBlock);
}

TEST(RenderStems, MissingSoundFontIsAnInputErrorNamingTheOption) {
    const Score score = make_test_score(1);
    RenderOptions options;
    options.soundfont = "/nonexistent/font.sf2";
    try {
        render_stems(score, options);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "soundfont");
        EXPECT_EQ(e.value(), "/nonexistent/font.sf2");
    }
    options.soundfont = TUNESMITH_SOURCE_DIR "/CMakeLists.txt";  // exists but is not a SoundFont
    EXPECT_THROW(render_stems(score, options), InputError);
}

TEST(RenderStems, SilentScoreRendersSilence) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    Score score = make_test_score(2);
    for (auto& track : score.tracks) track.notes.clear();
    const auto stems = render_stems(score, RenderOptions{});
    ASSERT_EQ(stems.size(), score.tracks.size());
    for (const auto& stem : stems) EXPECT_EQ(energy(stem.audio), 0.0);
}

TEST(StemEvents, WindowsAreBarAlignedOnTheBlockGrid) {
    const Score score = make_test_score(5, 100.0, SampleRate(48000));
    const auto windows = make_windows(score, 2, score.length_samples.value);
    ASSERT_EQ(windows.size(), 3u);
    EXPECT_EQ(windows[0].start, 0);
    EXPECT_EQ(windows[1].start, to_block_grid(score.tempo.to_samples(score.meter.bar() * 2).value));
    for (std::size_t i = 1; i < windows.size(); ++i) {
        EXPECT_EQ(windows[i].start % kSynthBlock, 0);
        EXPECT_EQ(windows[i].start, windows[i - 1].end);
    }
}

}  // namespace
}  // namespace tunesmith
