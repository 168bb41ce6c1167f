// Measuring how long a hit's accent takes from its note-ons to its onset (attack plus the samples'
// own lead-in), and turning that into the start of the synth that plays it.
#include "render/onset_latency.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string_view>

#include "render/attack_onset.h"
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

std::int64_t measure_accent_latency(FluidSynthInstance& synth, SampleRate rate, const Track& track,
                                    const ChannelState& state, const std::vector<Note>& notes) {
    synth.prepare(track, state);
    for (const Note& note : notes) synth.note_on(note.pitch, synth_velocity(note));
    // 100 ms: the 30 ms the onset may be found in, the 50 ms after it it is measured against, and
    // some, rounded up to whole blocks.
    const std::int64_t frames = (rate.hz / 10 + kSynthBlock - 1) / kSynthBlock * kSynthBlock;
    std::vector<float> left(static_cast<std::size_t>(frames), 0.0f), right(static_cast<std::size_t>(frames), 0.0f);
    synth.render(left.data(), right.data(), static_cast<int>(frames));
    // The onset as the eval sees it on the hit's sample: attack_onset's windows are placed around
    // the latency itself, so look again from the last answer until it holds (a slow attack's peak
    // window then ends 50 ms after the hit, not 50 ms after the note-ons).
    std::int64_t latency = std::max<std::int64_t>(0, attack_onset(left, right, 0, rate));
    for (int round = 0; round < 4; ++round) {
        const std::int64_t again = attack_onset(left, right, latency, rate);
        if (again < 0 || again == latency) break;
        latency = again;
    }
    return latency;
}

TrackSchedule hit_schedule(const Score& score, std::size_t track, SynthPool& pool, std::int64_t release) {
    const Track& t = score.tracks.at(track);
    // Each distinct accent (channel state, keys and velocities) is measured once.
    std::map<std::vector<int>, std::int64_t> measured;
    const AccentLatency latency = [&](const ChannelState& state, const std::vector<Note>& notes) {
        std::vector<int> key(state.controllers.begin(), state.controllers.end());
        key.push_back(state.bend);
        for (const Note& n : notes) key.insert(key.end(), {n.pitch, synth_velocity(n)});
        auto [it, inserted] = measured.emplace(std::move(key), 0);
        if (inserted) it->second = measure_accent_latency(pool.at(0), score.tempo.sample_rate(), t, state, notes);
        return it->second;
    };
    return schedule_track(t, score.tempo, hit_ticks(score), latency, release);
}

}  // namespace tunesmith
