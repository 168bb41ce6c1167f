// Hit layers rendered by synths of their own, each started on its exact sample and fed its events
// on its own 64-sample grid, summed into the frames asked for.
#include "render/layer_player.h"

#include <algorithm>

namespace tunesmith {

struct LayerPlayer::Playing {
    const HitLayer* layer = nullptr;
    std::size_t synth_index = 0;
    FluidSynthInstance* synth = nullptr;
    std::int64_t pos = 0;   // next frame to render (absolute)
    std::size_t event = 0;  // next event to send
    bool done = false;
};

LayerPlayer::LayerPlayer(SynthPool& pool, const Track& track, const std::vector<HitLayer>& layers)
    : pool_(&pool), track_(&track), layers_(&layers) {}

LayerPlayer::~LayerPlayer() = default;

bool LayerPlayer::sounding_from(std::int64_t frame, std::int64_t before) const {
    if (std::any_of(playing_.begin(), playing_.end(), [](const auto& p) { return !p->done; })) return true;
    for (std::size_t i = next_; i < layers_->size() && (*layers_)[i].start < before; ++i)
        if ((*layers_)[i].sounds_until > frame) return true;
    return false;
}

void LayerPlayer::add(float* left, float* right, std::int64_t first, std::int64_t count) {
    // In steps on a fixed grid of absolute frames: which layer gets which pool synth then does not
    // depend on how the caller cuts its frames (a streamed pass and a whole stem agree).
    constexpr std::int64_t kStep = 16 * kSynthBlock;
    const std::int64_t end = first + count;
    for (std::int64_t from = first; from < end;) {
        const std::int64_t to = std::min(end, (from / kStep + 1) * kStep);
        step(left + (from - first), right + (from - first), from, to);
        from = to;
    }
}

void LayerPlayer::step(float* left, float* right, std::int64_t first, std::int64_t end) {
    for (; next_ < layers_->size() && (*layers_)[next_].start < end; ++next_) {
        const HitLayer& layer = (*layers_)[next_];
        if (layer.sounds_until <= first || layer.events.empty()) continue;  // over before these frames
        auto playing = std::make_unique<Playing>();
        playing->layer = &layer;
        playing->synth_index = static_cast<std::size_t>(std::find(busy_.begin(), busy_.end(), false) - busy_.begin());
        if (playing->synth_index == busy_.size()) busy_.push_back(false);
        busy_[playing->synth_index] = true;
        playing->synth = &pool_->at(playing->synth_index);
        playing->synth->prepare(*track_, layer.state);
        playing->pos = layer.start;
        playing_.push_back(std::move(playing));
    }
    for (auto& playing : playing_)
        if (!playing->done) render(*playing, left, right, first, end);
    for (const auto& playing : playing_)
        if (playing->done) busy_[playing->synth_index] = false;
    std::erase_if(playing_, [](const auto& p) { return p->done; });
}

void LayerPlayer::render(Playing& p, float* left, float* right, std::int64_t first, std::int64_t end) {
    const HitLayer& layer = *p.layer;
    const std::int64_t stop = std::min(end, layer.sounds_until);
    constexpr std::int64_t kPiece = 16 * kSynthBlock;
    while (p.pos < stop) {
        for (; p.event < layer.events.size() && layer.start + layer.events[p.event].sample <= p.pos; ++p.event) {
            const SynthEvent& e = layer.events[p.event];
            switch (e.kind) {
                case SynthEventKind::note_off: p.synth->note_off(e.a); break;
                case SynthEventKind::control: p.synth->control(e.a, e.b); break;
                case SynthEventKind::bend: p.synth->bend(e.a); break;
                case SynthEventKind::note_on: p.synth->note_on(e.a, e.b); break;
            }
        }
        // Render up to the next event (a block boundary of the layer's own grid), so it takes effect on time.
        std::int64_t until = std::min(stop, p.pos + kPiece);
        if (p.event < layer.events.size()) until = std::min(until, layer.start + layer.events[p.event].sample);
        const auto n = static_cast<std::size_t>(until - p.pos);
        scratch_left_.assign(n, 0.0f);
        scratch_right_.assign(n, 0.0f);
        p.synth->render(scratch_left_.data(), scratch_right_.data(), static_cast<int>(n));
        for (std::int64_t t = std::max(p.pos, first); t < until; ++t) {
            const auto i = static_cast<std::size_t>(t - p.pos);
            const auto gain = static_cast<float>(breath_gain(layer.fade_out, t));
            left[t - first] += scratch_left_[i] * gain;
            right[t - first] += scratch_right_[i] * gain;
        }
        p.pos = until;
        if (p.event >= layer.events.size() && p.synth->active_voices() == 0) p.done = true;
        if (p.done) break;
    }
    if (p.pos >= layer.sounds_until) p.done = true;
}

}  // namespace tunesmith
