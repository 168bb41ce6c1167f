// FrameStore: a fixed-length multichannel float signal kept in memory or in an unlinked temporary
// file, read and written in blocks, so a long cue's stems and master envelopes need not fit in RAM.
// Thread contract: concurrent reads are safe; writes to one store must not overlap other access.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "audio/buffer.h"

namespace tunesmith {

class FrameStore {
public:
    FrameStore() = default;
    // Zero-filled. With an empty `spill_dir` the frames live in memory; otherwise in a file created
    // in that folder and unlinked at once (nothing is left behind, even after a crash), its space
    // reserved up front. OutputError if it cannot be created or reserved, or a write fails.
    FrameStore(SampleRate rate, std::size_t channels, std::size_t frames, const std::filesystem::path& spill_dir = {});
    ~FrameStore();
    FrameStore(FrameStore&& other) noexcept;
    FrameStore& operator=(FrameStore&& other) noexcept;
    FrameStore(const FrameStore&) = delete;
    FrameStore& operator=(const FrameStore&) = delete;

    SampleRate rate() const { return rate_; }
    std::size_t channel_count() const { return channels_; }
    std::size_t frames() const { return frames_; }
    bool empty() const { return frames_ == 0; }

    // Frames [first, first + count) from block frames [0, count); block has this store's channel count.
    void write(std::size_t first, const AudioBuffer& block, std::size_t count);
    // Frames [first, first + count) into block frames [0, count) (block is resized to hold them).
    void read(std::size_t first, std::size_t count, AudioBuffer& block) const;
    // The whole signal (for short signals and tests).
    AudioBuffer read_all() const;

private:
    void check_range(std::size_t first, std::size_t count) const;

    SampleRate rate_{};
    std::size_t channels_ = 0;
    std::size_t frames_ = 0;
    std::vector<float> memory_;  // interleaved, when not spilled
    int fd_ = -1;                // the spill file, when spilled
    std::string spill_name_;     // its name, for errors (the file itself is already unlinked)
};

// Frames per block of the streaming mixer and writers.
inline constexpr std::size_t kStreamBlock = 8192;

}  // namespace tunesmith
