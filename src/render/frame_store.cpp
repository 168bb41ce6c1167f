// FrameStore: interleaved floats in a vector or in an unlinked temp file (pread/pwrite).
#include "render/frame_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "base/error.h"
#include "base/file_io.h"

namespace tunesmith {
namespace {

// pread/pwrite may transfer less than asked: loop until done. A failed write (a full disk) is
// the user's OutputError naming the spill file; a failed read of our own file is a fault.
void transfer_all(int fd, void* data, std::size_t bytes, off_t offset, bool writing, const std::string& name) {
    auto* p = static_cast<char*>(data);
    while (bytes > 0) {
        const ssize_t n = writing ? ::pwrite(fd, p, bytes, offset) : ::pread(fd, p, bytes, offset);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && writing) throw OutputError(name, system_reason(errno));
        if (n < 0) throw std::runtime_error("FrameStore: reading " + name + " failed: " + system_reason(errno));
        if (n == 0) {  // reading past the written end of a sparse file: zeros
            std::memset(p, 0, bytes);
            return;
        }
        p += n;
        bytes -= static_cast<std::size_t>(n);
        offset += n;
    }
}

}  // namespace

FrameStore::FrameStore(SampleRate rate, std::size_t channels, std::size_t frames, const std::filesystem::path& spill_dir)
    : rate_(rate), channels_(channels), frames_(frames) {
    if (spill_dir.empty()) {
        memory_.assign(channels * frames, 0.0f);
        return;
    }
    std::string name = (spill_dir / "spill-XXXXXX").string();
    fd_ = ::mkstemp(name.data());
    if (fd_ < 0) throw OutputError(name, system_reason(errno));
    ::unlink(name.c_str());
    spill_name_ = name + " (temporary audio)";
    // Reserve the space now, so a full disk stops the run here rather than half-way through mixing.
    const auto bytes = static_cast<off_t>(channels * frames * sizeof(float));
    int error = bytes > 0 && ::fallocate(fd_, 0, 0, bytes) != 0 ? errno : 0;
    if (error == EOPNOTSUPP || error == ENOSYS) error = ::ftruncate(fd_, bytes) != 0 ? errno : 0;  // sparse, then
    if (error != 0) {
        ::close(fd_);
        fd_ = -1;
        throw OutputError(spill_name_, system_reason(error));
    }
}

FrameStore::~FrameStore() {
    if (fd_ >= 0) ::close(fd_);
}

FrameStore::FrameStore(FrameStore&& other) noexcept
    : rate_(other.rate_), channels_(other.channels_), frames_(other.frames_), memory_(std::move(other.memory_)),
      fd_(other.fd_), spill_name_(std::move(other.spill_name_)) {
    other.fd_ = -1;
    other.frames_ = 0;
}

FrameStore& FrameStore::operator=(FrameStore&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        rate_ = other.rate_;
        channels_ = other.channels_;
        frames_ = other.frames_;
        memory_ = std::move(other.memory_);
        fd_ = other.fd_;
        spill_name_ = std::move(other.spill_name_);
        other.fd_ = -1;
        other.frames_ = 0;
    }
    return *this;
}

void FrameStore::check_range(std::size_t first, std::size_t count) const {
    if (first > frames_ || count > frames_ - first) throw std::logic_error("FrameStore: range outside the signal");
}

void FrameStore::write(std::size_t first, const AudioBuffer& block, std::size_t count) {
    check_range(first, count);
    if (block.channel_count() != channels_ || block.frames() < count)
        throw std::logic_error("FrameStore::write: block does not match the store");
    std::vector<float> local;
    float* out = nullptr;
    if (fd_ < 0) {
        out = memory_.data() + first * channels_;
    } else {
        local.resize(count * channels_);
        out = local.data();
    }
    for (std::size_t c = 0; c < channels_; ++c)
        for (std::size_t i = 0; i < count; ++i) out[i * channels_ + c] = block.channels[c][i];
    if (fd_ >= 0)
        transfer_all(fd_, local.data(), local.size() * sizeof(float),
                     static_cast<off_t>(first * channels_ * sizeof(float)), true, spill_name_);
}

void FrameStore::read(std::size_t first, std::size_t count, AudioBuffer& block) const {
    check_range(first, count);
    block.rate = rate_;
    block.channels.resize(channels_);
    for (auto& channel : block.channels) channel.resize(count);
    std::vector<float> local;
    const float* in = nullptr;
    if (fd_ < 0) {
        in = memory_.data() + first * channels_;
    } else {
        local.resize(count * channels_);
        transfer_all(fd_, local.data(), local.size() * sizeof(float),
                     static_cast<off_t>(first * channels_ * sizeof(float)), false, spill_name_);
        in = local.data();
    }
    for (std::size_t c = 0; c < channels_; ++c)
        for (std::size_t i = 0; i < count; ++i) block.channels[c][i] = in[i * channels_ + c];
}

AudioBuffer FrameStore::read_all() const {
    AudioBuffer all;
    read(0, frames_, all);
    return all;
}

}  // namespace tunesmith
