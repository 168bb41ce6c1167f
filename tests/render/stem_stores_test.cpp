// Tests for src/render/stem_stores.cpp: stems rendered, measured, stripped and mastered through
// spilled stores give the in-memory path's samples and loudness, and leave no files behind.
#include "render/stem_stores.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "audio/loudness.h"
#include "render_fixtures.h"

namespace tunesmith {
namespace {

std::filesystem::path empty_dir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("tunesmith_stem_stores_" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

TEST(StemStores, SameSamplesAsTheInMemoryPath) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = test::make_test_score(4, 120.0, SampleRate(22050));
    RenderOptions render;
    render.tail = Seconds(1.0);
    const std::vector<Stem> stems = render_stems(score, render);
    const auto dir = empty_dir("same");

    std::vector<FrameStore> stores = render_stem_stores(score, render, dir);
    ASSERT_EQ(stores.size(), stems.size());
    std::vector<std::string> names;
    for (std::size_t s = 0; s < stems.size(); ++s) {
        EXPECT_EQ(stores[s].read_all(), stems[s].audio) << stems[s].name;
        names.push_back(stems[s].name);
    }

    AudioBuffer sum(stems.front().audio.rate, 2, stems.front().audio.frames());
    for (const Stem& stem : stems)
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < sum.frames(); ++i) sum.channels[c][i] += stem.audio.channels[c][i];
    LoudnessMeter meter(sum.rate, 2, false);
    meter.add(sum);
    EXPECT_EQ(integrated_lufs_of_sum(stores), meter.integrated_lufs());

    MixSettings settings;
    settings.length = score.length_samples;
    settings.spill_dir = dir;
    const MixResult in_memory = mix_and_master(stems, settings);
    const MixResult stored = mix_and_master_stores(names, std::move(stores), settings);
    EXPECT_EQ(stored.stem_names, in_memory.stem_names);
    EXPECT_EQ(stored.mix(), in_memory.mix());
    EXPECT_EQ(stored.stems(), in_memory.stems());
    EXPECT_EQ(stored.integrated_lufs, in_memory.integrated_lufs);
    EXPECT_TRUE(std::filesystem::is_empty(dir));  // spill files are unlinked
    std::filesystem::remove_all(dir);
}

TEST(StemStores, SilenceAndNothingMeasureMinusInfinity) {
    EXPECT_TRUE(std::isinf(integrated_lufs_of_sum({})));
    std::vector<FrameStore> silent;
    silent.emplace_back(SampleRate(22050), 2, 22050);
    EXPECT_TRUE(std::isinf(integrated_lufs_of_sum(silent)));
}

TEST(StemStores, OneNamePerStore) {
    std::vector<FrameStore> stores;
    stores.emplace_back(SampleRate(22050), 2, 100);
    EXPECT_THROW(mix_and_master_stores({}, std::move(stores), MixSettings{}), std::logic_error);
}

}  // namespace
}  // namespace tunesmith
