// Measuring how long a SoundFont note takes from note-on to audible sound (attack plus the
// sample's own lead-in), and turning that into early note-ons for the notes that make a hit.
#include "render/onset_latency.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string_view>
#include <utility>

#include "render/stem_events.h"

namespace tunesmith {

std::int64_t onset_near(const std::vector<float>& left, const std::vector<float>& right, std::int64_t around,
                        SampleRate rate, double floor) {
    const auto size = static_cast<std::int64_t>(std::min(left.size(), right.size()));
    const auto at = [&](std::int64_t i) {
        const auto k = static_cast<std::size_t>(i);
        return std::max(std::fabs(static_cast<double>(left[k])), std::fabs(static_cast<double>(right[k])));
    };
    const std::int64_t lead_in = rate.hz / 500;  // 2 ms
    const std::int64_t from = std::max<std::int64_t>(0, around - lead_in);
    const std::int64_t to = std::min(size, around + rate.hz / 20);  // 50 ms
    double before = 0.0, peak = 0.0;
    for (std::int64_t i = std::max<std::int64_t>(0, around - rate.hz / 40); i < around - lead_in && i < size; ++i)
        before = std::max(before, at(i));
    for (std::int64_t i = std::max<std::int64_t>(0, around); i < to; ++i) peak = std::max(peak, at(i));
    const double threshold = std::max(1.5 * before, floor * peak);
    if (peak <= 0.0) return -1;
    for (std::int64_t i = from; i < to; ++i)
        if (at(i) > threshold) return i;
    return -1;
}

bool is_hit_marker(const Marker& marker) {
    static constexpr std::array<std::string_view, 5> kKinds{"hit", "stinger", "drop", "lift", "cut"};
    return std::find(kKinds.begin(), kKinds.end(), marker.text) != kKinds.end();
}

std::vector<Ticks> hit_ticks(const Score& score) {
    std::vector<Ticks> ticks;
    for (const Marker& m : score.markers)
        if (is_hit_marker(m)) ticks.push_back(m.time);
    std::sort(ticks.begin(), ticks.end());
    ticks.erase(std::unique(ticks.begin(), ticks.end()), ticks.end());
    return ticks;
}

std::int64_t measure_onset_latency(FluidSynthInstance& synth, SampleRate rate, const Track& track, int key,
                                   int velocity) {
    synth.prepare(track, ChannelState{});
    synth.note_on(key, velocity);
    // 60 ms: the 50 ms the onset definition looks at, rounded up to whole blocks.
    const std::int64_t frames = (rate.hz * 6 / 100 + kSynthBlock - 1) / kSynthBlock * kSynthBlock;
    std::vector<float> left(static_cast<std::size_t>(frames), 0.0f), right(static_cast<std::size_t>(frames), 0.0f);
    synth.render(left.data(), right.data(), static_cast<int>(frames));
    synth.note_off(key);
    return std::max<std::int64_t>(0, onset_near(left, right, 0, rate));
}

std::vector<std::int64_t> hit_note_leads(const Score& score, std::size_t track,
                                         const std::filesystem::path& soundfont, const SynthConfig& config) {
    const Track& t = score.tracks.at(track);
    std::vector<std::int64_t> leads(t.notes.size(), 0);
    const std::vector<Ticks> hits = hit_ticks(score);
    // The notes on a hit, and their distinct (key, velocity) pairs, measured in sorted order.
    std::vector<std::size_t> on_hit;
    std::map<std::pair<int, int>, std::int64_t> latency;
    for (std::size_t i = 0; i < t.notes.size(); ++i) {
        const Note& note = t.notes[i];
        if (note.pitch < 0 || note.pitch > 127 || note.duration.value <= 0 ||
            !std::binary_search(hits.begin(), hits.end(), note.start))
            continue;
        on_hit.push_back(i);
        latency.emplace(std::make_pair(note.pitch, synth_velocity(note)), 0);
    }
    if (on_hit.empty()) return leads;
    FluidSynthInstance synth(soundfont, config);
    for (auto& [note_key, samples] : latency) samples = measure_onset_latency(synth, config.rate, t, note_key.first, note_key.second);
    for (std::size_t i : on_hit) leads[i] = latency.at({t.notes[i].pitch, synth_velocity(t.notes[i])});
    return leads;
}

}  // namespace tunesmith
