// Stems kept in FrameStores (spilled to unlinked files) from the render to the master, for a score
// played with audio that is not rendered from it (accompany's vocal): peak memory stays bounded by
// the block size instead of growing with the length, as on generate's streamed path.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "base/progress.h"
#include "render/frame_store.h"
#include "render/mix.h"
#include "render/render.h"

namespace tunesmith {

// One raw (not yet through its channel strip) stereo stem per Track, in Track order, of
// rendered_frames(score, options) frames, the samples render_stems gives. Progress: stage "render".
std::vector<FrameStore> render_stem_stores(const Score& score, const RenderOptions& options,
                                           const std::filesystem::path& spill_dir, const Reporter& reporter = {});

// Integrated loudness (LUFS) of the sum of stereo stores of equal rate; -inf when silent or empty.
double integrated_lufs_of_sum(std::span<const FrameStore> stores);

// mix_and_master for stems held in stores (names[i] names stores[i]); the stores are released as
// their strips finish. The same samples as mix_and_master of the same stems.
MixResult mix_and_master_stores(std::vector<std::string> names, std::vector<FrameStore> stores,
                                const MixSettings& settings, const Reporter& reporter = {});

}  // namespace tunesmith
