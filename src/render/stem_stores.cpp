// Render into stores, measure from stores, strip and master from stores: each pass reads and writes
// kStreamBlock frames at a time.
#include "render/stem_stores.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <stdexcept>

#include "audio/loudness.h"
#include "render/dsp.h"

namespace tunesmith {

std::vector<FrameStore> render_stem_stores(const Score& score, const RenderOptions& options,
                                           const std::filesystem::path& spill_dir, const Reporter& reporter) {
    const PlayableSoundFont playable = playable_soundfont_for(score, options, reporter);
    const SampleRate rate = score.tempo.sample_rate();
    const auto frames = static_cast<std::size_t>(rendered_frames(score, options));
    std::vector<FrameStore> stores;
    for (std::size_t t = 0; t < score.tracks.size(); ++t) stores.emplace_back(rate, 2, frames, spill_dir);
    std::mutex report_mutex;
    std::size_t done = 0;
    parallel_for(score.tracks.size(), options.threads, [&](std::size_t t) {
        render_track_in_blocks(score, t, options, playable.path(), kStreamBlock,
                               [&](AudioBuffer& block, std::size_t first, std::size_t count) {
                                   const std::size_t kept = std::min(count, frames - std::min(frames, first));
                                   if (kept > 0) stores[t].write(first, block, kept);
                               });
        std::lock_guard lock(report_mutex);
        reporter.report("render", static_cast<double>(++done) / static_cast<double>(score.tracks.size()));
    });
    return stores;
}

double integrated_lufs_of_sum(std::span<const FrameStore> stores) {
    if (stores.empty()) return -std::numeric_limits<double>::infinity();
    const std::size_t frames = stores.front().frames();
    LoudnessMeter meter(stores.front().rate(), 2, false);
    AudioBuffer sum(stores.front().rate(), 2, kStreamBlock);
    AudioBuffer block;
    for (std::size_t first = 0; first < frames; first += kStreamBlock) {
        const std::size_t n = std::min(kStreamBlock, frames - first);
        for (auto& channel : sum.channels) std::fill(channel.begin(), channel.end(), 0.0f);
        for (const FrameStore& store : stores) {
            const std::size_t available = std::min(n, store.frames() > first ? store.frames() - first : 0);
            if (available == 0) continue;
            store.read(first, available, block);
            for (std::size_t c = 0; c < 2; ++c)
                for (std::size_t i = 0; i < available; ++i) sum.channels[c][i] += block.channels[c][i];
        }
        meter.add(sum, 0, n);
    }
    return meter.integrated_lufs();
}

MixResult mix_and_master_stores(std::vector<std::string> names, std::vector<FrameStore> stores,
                                const MixSettings& settings, const Reporter& reporter) {
    if (names.size() != stores.size()) throw std::logic_error("mix_and_master_stores: one name per store");
    const SampleRate rate = stores.empty() ? SampleRate{} : stores.front().rate();
    std::size_t length = static_cast<std::size_t>(std::max<std::int64_t>(0, settings.length.value));
    std::size_t extended = length;
    for (const FrameStore& store : stores) {
        if (store.rate() != rate || store.channel_count() != 2)
            throw std::logic_error("mix_and_master_stores: stems must be stereo at one sample rate");
        if (settings.length.value <= 0) length = std::max(length, store.frames());
        extended = std::max({extended, length, store.frames()});
    }
    std::vector<FrameStore> processed;
    for (std::size_t s = 0; s < stores.size(); ++s) processed.emplace_back(rate, 2, extended, settings.spill_dir);
    parallel_for(stores.size(), settings.threads, [&](std::size_t s) {
        StemStrip strip(stem_mix_of(settings, names[s]), settings, rate);
        AudioBuffer block(rate, 2, kStreamBlock);
        AudioBuffer raw;
        for (std::size_t first = 0; first < extended; first += kStreamBlock) {
            const std::size_t n = std::min(kStreamBlock, extended - first);
            const std::size_t available = std::min(n, stores[s].frames() > first ? stores[s].frames() - first : 0);
            for (auto& channel : block.channels) std::fill(channel.begin(), channel.end(), 0.0f);
            if (available > 0) {
                stores[s].read(first, available, raw);
                for (std::size_t c = 0; c < 2; ++c)
                    std::copy_n(raw.channels[c].begin(), available, block.channels[c].begin());
            }
            strip.process(block, first, n);
            processed[s].write(first, block, n);
        }
        stores[s] = FrameStore();
    });
    reporter.report("mix", 1.0);
    MixSettings fixed = settings;
    fixed.length = Samples(static_cast<std::int64_t>(length));
    return master_stems(std::move(names), std::move(processed), fixed, reporter);
}

}  // namespace tunesmith
