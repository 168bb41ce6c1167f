// Plays a track's hit layers (render/hit_layers.h) into its stem: each layer by a synth of its
// own started on the layer's own sample, faded and stopped in the breath before the next hit the
// track rests for. Synths come from a pool (the lowest free one), so the same layers played
// through the same pool give the same samples. One instance per pass; not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "render/fluid_synth.h"
#include "render/hit_layers.h"

namespace tunesmith {

class LayerPlayer {
public:
    // `pool`, `track` and `layers` must outlive the player.
    LayerPlayer(SynthPool& pool, const Track& track, const std::vector<HitLayer>& layers);
    ~LayerPlayer();
    LayerPlayer(const LayerPlayer&) = delete;
    LayerPlayer& operator=(const LayerPlayer&) = delete;

    // Adds every layer's sound for frames [first, first + count) to left/right. Calls must come in
    // time order; a later call may skip frames (a layer is always rendered from its start).
    void add(float* left, float* right, std::int64_t first, std::int64_t count);

    // Whether a layer may sound at or after `frame`: one playing, or one starting before `before`.
    bool sounding_from(std::int64_t frame, std::int64_t before) const;

private:
    struct Playing;
    // Frames [first, end) within one step of the grid; left/right hold them from index 0.
    void step(float* left, float* right, std::int64_t first, std::int64_t end);
    void render(Playing& playing, float* left, float* right, std::int64_t first, std::int64_t end);

    SynthPool* pool_;
    const Track* track_;
    const std::vector<HitLayer>* layers_;
    std::size_t next_ = 0;  // the first layer not started
    std::vector<std::unique_ptr<Playing>> playing_;
    std::vector<bool> busy_;  // per pool synth
    std::vector<float> scratch_left_, scratch_right_;
};

}  // namespace tunesmith
