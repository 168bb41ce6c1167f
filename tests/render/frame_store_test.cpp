// Tests for render/frame_store.cpp: blocks written come back unchanged, in memory and spilled to
// an unlinked file (which leaves nothing in its folder); ranges outside the signal are refused.
#include "render/frame_store.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <sys/resource.h>
#include <unistd.h>

#include "base/error.h"

namespace tunesmith {
namespace {

AudioBuffer ramp(std::size_t frames, float offset) {
    AudioBuffer b(SampleRate(48000), 2, frames);
    for (std::size_t i = 0; i < frames; ++i) {
        b.channels[0][i] = offset + static_cast<float>(i);
        b.channels[1][i] = -offset - static_cast<float>(i);
    }
    return b;
}

void round_trip(const std::filesystem::path& spill) {
    FrameStore store(SampleRate(48000), 2, 1000, spill);
    store.write(100, ramp(300, 0.5f), 300);
    store.write(900, ramp(100, 7.0f), 100);
    AudioBuffer back;
    store.read(100, 300, back);
    EXPECT_EQ(back, ramp(300, 0.5f));
    store.read(0, 100, back);
    for (const auto& ch : back.channels)
        for (float x : ch) ASSERT_EQ(x, 0.0f);  // never written: zeros
    const AudioBuffer all = store.read_all();
    ASSERT_EQ(all.frames(), 1000u);
    EXPECT_EQ(all.channels[1][999], -7.0f - 99.0f);
    EXPECT_THROW(store.read(950, 100, back), std::logic_error);
}

TEST(FrameStore, InMemoryRoundTrip) { round_trip({}); }

TEST(FrameStore, SpilledRoundTripLeavesNoFileBehind) {
    const auto dir = std::filesystem::temp_directory_path() / "tunesmith_frame_store_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    round_trip(dir);
    EXPECT_TRUE(std::filesystem::is_empty(dir));
    std::filesystem::remove_all(dir);
}

TEST(FrameStore, UnwritableSpillFolderIsAnInputError) {
    EXPECT_ANY_THROW(FrameStore(SampleRate(48000), 2, 10, "/proc/tunesmith/none"));
}

// A disk without room for the spill file stops the run when the store is made, as an OutputError
// naming the folder and the reason (a file-size limit stands in for a full disk, in a child process).
TEST(FrameStore, NoRoomForTheSpillFileIsAnOutputError) {
    const auto dir = std::filesystem::temp_directory_path() / ("tunesmith_frame_store_full_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto store_on_a_small_disk = [&] {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{1 << 20, 1 << 20};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        try {
            FrameStore store(SampleRate(48000), 2, 48000 * 10, dir);  // 3.84 MB
            std::fprintf(stderr, "no error\n");
        } catch (const OutputError& e) {
            std::fprintf(stderr, "%s\n", e.what());
            std::exit(std::string(e.what()).find(dir.string()) != std::string::npos ? 0 : 1);
        }
        std::exit(1);
    };
    EXPECT_EXIT(store_on_a_small_disk(), ::testing::ExitedWithCode(0), "File too large");
    EXPECT_TRUE(std::filesystem::is_empty(dir));
    std::filesystem::remove_all(dir);
}

TEST(FrameStore, MovedFromStoreIsEmpty) {
    FrameStore a(SampleRate(48000), 1, 10, std::filesystem::temp_directory_path());
    FrameStore b = std::move(a);
    EXPECT_EQ(b.frames(), 10u);
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is specified
}

}  // namespace
}  // namespace tunesmith
