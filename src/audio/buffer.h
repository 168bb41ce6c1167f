// AudioBuffer: planar float samples at a sample rate. The value type every audio stage
// passes around (renderer output, analyzer input, mixer stems). Samples are nominally in
// [-1, 1]; nothing clips them implicitly.
#pragma once

#include <cstddef>
#include <vector>

#include "music/units.h"

namespace tunesmith {

struct AudioBuffer {
    SampleRate rate;
    std::vector<std::vector<float>> channels;  // channels[c][frame]

    AudioBuffer() = default;
    AudioBuffer(SampleRate r, std::size_t channel_count, std::size_t frames)
        : rate(r), channels(channel_count, std::vector<float>(frames, 0.0f)) {}

    std::size_t channel_count() const { return channels.size(); }
    std::size_t frames() const { return channels.empty() ? 0 : channels.front().size(); }
    Samples length() const { return Samples(static_cast<std::int64_t>(frames())); }
    bool empty() const { return frames() == 0; }

    // Average of all channels (a copy); the buffer's own samples if it is mono.
    std::vector<float> mono() const {
        if (channels.size() == 1) return channels.front();
        std::vector<float> out(frames(), 0.0f);
        if (channels.empty()) return out;
        const float scale = 1.0f / static_cast<float>(channels.size());
        for (const auto& ch : channels)
            for (std::size_t i = 0; i < out.size(); ++i) out[i] += ch[i] * scale;
        return out;
    }

    friend bool operator==(const AudioBuffer&, const AudioBuffer&) = default;
};

}  // namespace tunesmith
