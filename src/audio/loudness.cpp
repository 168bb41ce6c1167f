// LoudnessMeter: an owning wrapper around one ebur128_state, plus one-shot helpers.
// libebur128 reports silence as -HUGE_VAL; that is passed through as -infinity, never NaN.
#include "audio/loudness.h"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace tunesmith {
namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

double linear_to_db(double linear) { return linear > 0.0 ? 20.0 * std::log10(linear) : kMinusInf; }

struct StateDeleter {
    void operator()(ebur128_state* st) const { ebur128_destroy(&st); }
};

}  // namespace

struct LoudnessMeter::State {
    std::unique_ptr<ebur128_state, StateDeleter> handle;
    std::size_t channels = 0;
    bool true_peak = false;
    std::vector<float> interleaved;  // scratch for planar input
};

LoudnessMeter::LoudnessMeter(SampleRate rate, std::size_t channels, bool true_peak)
    : state_(std::make_unique<State>()) {
    if (channels == 0 || rate.hz <= 0) throw std::logic_error("LoudnessMeter: needs channels >= 1 and rate > 0");
    int mode = EBUR128_MODE_I | EBUR128_MODE_SAMPLE_PEAK;
    if (true_peak) mode |= EBUR128_MODE_TRUE_PEAK;
    ebur128_state* raw = ebur128_init(static_cast<unsigned>(channels), static_cast<unsigned long>(rate.hz), mode);
    if (raw == nullptr) throw std::runtime_error("LoudnessMeter: ebur128_init failed");
    state_->handle.reset(raw);
    state_->channels = channels;
    state_->true_peak = true_peak;
}

LoudnessMeter::~LoudnessMeter() = default;
LoudnessMeter::LoudnessMeter(LoudnessMeter&&) noexcept = default;
LoudnessMeter& LoudnessMeter::operator=(LoudnessMeter&&) noexcept = default;

void LoudnessMeter::add(const AudioBuffer& audio, std::size_t first, std::size_t count) {
    if (audio.channel_count() != state_->channels) throw std::logic_error("LoudnessMeter: channel count mismatch");
    if (first >= audio.frames()) return;
    count = std::min(count, audio.frames() - first);
    constexpr std::size_t kBlock = 8192;  // bounded scratch, whatever the buffer length
    const std::size_t ch = state_->channels;
    state_->interleaved.resize(kBlock * ch);
    for (std::size_t done = 0; done < count; done += kBlock) {
        const std::size_t n = std::min(kBlock, count - done);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t c = 0; c < ch; ++c) state_->interleaved[i * ch + c] = audio.channels[c][first + done + i];
        ebur128_add_frames_float(state_->handle.get(), state_->interleaved.data(), n);
    }
}

void LoudnessMeter::add_interleaved(std::span<const float> frames) {
    const std::size_t n = frames.size() / state_->channels;
    if (n > 0) ebur128_add_frames_float(state_->handle.get(), frames.data(), n);
}

double LoudnessMeter::integrated_lufs() const {
    double out = kMinusInf;
    if (ebur128_loudness_global(state_->handle.get(), &out) != EBUR128_SUCCESS) return kMinusInf;
    return std::isfinite(out) ? out : kMinusInf;
}

double LoudnessMeter::integrated_lufs_of(std::span<const LoudnessMeter> meters) {
    std::vector<ebur128_state*> states;
    for (const LoudnessMeter& meter : meters) states.push_back(meter.state_->handle.get());
    double out = kMinusInf;
    if (states.empty() || ebur128_loudness_global_multiple(states.data(), states.size(), &out) != EBUR128_SUCCESS)
        return kMinusInf;
    return std::isfinite(out) ? out : kMinusInf;
}

double LoudnessMeter::true_peak_dbtp() const {
    if (!state_->true_peak) return sample_peak_dbfs();
    double peak = 0.0;
    for (unsigned c = 0; c < state_->channels; ++c) {
        double p = 0.0;
        if (ebur128_true_peak(state_->handle.get(), c, &p) == EBUR128_SUCCESS) peak = std::max(peak, p);
    }
    return linear_to_db(peak);
}

double LoudnessMeter::sample_peak_dbfs() const {
    double peak = 0.0;
    for (unsigned c = 0; c < state_->channels; ++c) {
        double p = 0.0;
        if (ebur128_sample_peak(state_->handle.get(), c, &p) == EBUR128_SUCCESS) peak = std::max(peak, p);
    }
    return linear_to_db(peak);
}

LoudnessReading LoudnessMeter::reading() const {
    return LoudnessReading{integrated_lufs(), true_peak_dbtp(), sample_peak_dbfs()};
}

LoudnessReading measure_loudness(const AudioBuffer& audio, bool true_peak) {
    if (audio.channel_count() == 0 || audio.empty()) return LoudnessReading{kMinusInf, kMinusInf, kMinusInf};
    LoudnessMeter meter(audio.rate, audio.channel_count(), true_peak);
    meter.add(audio);
    return meter.reading();
}

double integrated_loudness(const AudioBuffer& audio) {
    if (audio.channel_count() == 0 || audio.empty()) return kMinusInf;
    LoudnessMeter meter(audio.rate, audio.channel_count(), false);
    meter.add(audio);
    return meter.integrated_lufs();
}

}  // namespace tunesmith
