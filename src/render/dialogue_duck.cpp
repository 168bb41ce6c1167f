// Measuring the music's drop under each dialogue range on the summed stems, and trimming each
// range's duck to the target drop.
#include "render/dialogue_duck.h"

#include <algorithm>
#include <cmath>

namespace tunesmith {
namespace {

constexpr double kContextSeconds = 8.0;  // music compared against: this much before and after a range
constexpr double kMinContextSeconds = 1.0;
constexpr double kMinInsideSeconds = 0.5;
constexpr double kLeastDuckDb = 0.0;  // a duck never turns into a boost
constexpr double kMostDuckDb = 20.0;

struct Span {
    std::size_t first = 0;
    std::size_t last = 0;  // exclusive
};

// Sum of squares of the summed stems over the frames of `span` for which `keep` holds, and their count.
template <typename Keep>
std::pair<double, std::size_t> energy_of(std::span<const FrameStore> processed, Span span, Keep keep) {
    double energy = 0.0;
    std::size_t count = 0;
    AudioBuffer part;
    std::vector<double> sum;
    for (std::size_t first = span.first; first < span.last; first += kStreamBlock) {
        const std::size_t n = std::min(kStreamBlock, span.last - first);
        sum.assign(2 * n, 0.0);
        for (const FrameStore& store : processed) {
            store.read(first, n, part);
            for (std::size_t c = 0; c < 2; ++c)
                for (std::size_t i = 0; i < n; ++i) sum[c * n + i] += static_cast<double>(part.channels[c][i]);
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (!keep(first + i)) continue;
            energy += sum[i] * sum[i] + sum[n + i] * sum[n + i];
            ++count;
        }
    }
    return {energy, count};
}

}  // namespace

std::vector<double> dialogue_duck_corrections(std::span<const FrameStore> processed, const MixSettings& settings,
                                              std::size_t length) {
    std::vector<double> out(settings.duck_ranges.size(), 0.0);
    if (processed.empty()) return out;
    const SampleRate rate = processed.front().rate();
    const double ramp = duck_ramp_frames(settings, rate);
    const auto context = static_cast<std::size_t>(kContextSeconds * rate.hz);
    const auto ducked = [&](std::size_t frame) {
        return std::any_of(settings.duck_ranges.begin(), settings.duck_ranges.end(),
                           [&](const SampleRange& r) { return duck_range_depth(r, ramp, static_cast<double>(frame)) > 0.0; });
    };
    for (std::size_t k = 0; k < settings.duck_ranges.size(); ++k) {
        const SampleRange& r = settings.duck_ranges[k];
        const auto a = static_cast<std::size_t>(std::clamp<std::int64_t>(r.start.value, 0, static_cast<std::int64_t>(length)));
        const auto b = static_cast<std::size_t>(std::clamp<std::int64_t>(r.end.value, 0, static_cast<std::int64_t>(length)));
        const auto pad = static_cast<std::size_t>(ramp);
        const Span inside = b > a + 2 * pad ? Span{a + pad, b - pad} : Span{a, b};
        const auto [inside_energy, inside_count] = energy_of(processed, inside, [](std::size_t) { return true; });
        const Span before{a > context + pad ? a - pad - context : 0, a > pad ? a - pad : 0};
        const Span after{std::min(length, b + pad), std::min(length, b + pad + context)};
        const auto [e1, n1] = energy_of(processed, before, [&](std::size_t f) { return !ducked(f); });
        const auto [e2, n2] = energy_of(processed, after, [&](std::size_t f) { return !ducked(f); });
        const double enough = kMinContextSeconds * rate.hz;
        const bool has_before = static_cast<double>(n1) >= enough && e1 > 0.0;
        const bool has_after = static_cast<double>(n2) >= enough && e2 > 0.0;
        if (static_cast<double>(inside_count) < kMinInsideSeconds * rate.hz || !(inside_energy > 0.0) || !(has_before || has_after))
            continue;
        // Around the range: the mean of the levels before and after it in dB, so a cue that builds
        // through the dialogue is compared with where it is heading and where it came from alike.
        const auto level = [](double energy, std::size_t count) { return 10.0 * std::log10(energy / static_cast<double>(count)); };
        const double around = has_before && has_after ? 0.5 * (level(e1, n1) + level(e2, n2))
                                                      : has_before ? level(e1, n1) : level(e2, n2);
        const double drop = around - level(inside_energy, inside_count);
        const double duck = -settings.duck_db;  // the strips' duck, as a positive dB figure
        out[k] = std::clamp(drop - settings.dialogue_drop_db, duck - kMostDuckDb, duck - kLeastDuckDb);
    }
    return out;
}

void apply_dialogue_duck_corrections(std::vector<FrameStore>& processed, std::span<const std::string> names,
                                     const MixSettings& settings, std::span<const double> corrections) {
    if (processed.empty() || corrections.empty()) return;
    const SampleRate rate = processed.front().rate();
    const double ramp = duck_ramp_frames(settings, rate);
    for (std::size_t s = 0; s < processed.size(); ++s) {
        if (!stem_mix_of(settings, names[s]).duck) continue;
        FrameStore& store = processed[s];
        AudioBuffer block;
        for (std::size_t k = 0; k < corrections.size(); ++k) {
            if (corrections[k] == 0.0) continue;
            const SampleRange& r = settings.duck_ranges[k];
            const auto first = static_cast<std::size_t>(std::clamp<double>(static_cast<double>(r.start.value) - ramp, 0.0,
                                                                           static_cast<double>(store.frames())));
            const auto last = static_cast<std::size_t>(std::clamp<double>(static_cast<double>(r.end.value) + ramp, 0.0,
                                                                          static_cast<double>(store.frames())));
            for (std::size_t from = first; from < last; from += kStreamBlock) {
                const std::size_t n = std::min(kStreamBlock, last - from);
                store.read(from, n, block);
                for (std::size_t i = 0; i < n; ++i) {
                    const double depth = duck_range_depth(r, ramp, static_cast<double>(from + i));
                    const auto gain = static_cast<float>(std::pow(10.0, corrections[k] * depth / 20.0));
                    block.channels[0][i] *= gain;
                    block.channels[1][i] *= gain;
                }
                store.write(from, block, n);
            }
        }
    }
}

}  // namespace tunesmith
