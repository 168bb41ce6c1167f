// Biquad coefficients, the Freeverb-style reverb tank, pan law and parallel_for.
#include "render/dsp.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <numbers>
#include <thread>

namespace tunesmith {

Biquad::Biquad(const EqBand& band, SampleRate rate) {
    const double nyquist_safe = std::min(band.freq_hz, 0.45 * rate.hz);
    const double w0 = 2.0 * std::numbers::pi * nyquist_safe / rate.hz;
    const double cosw = std::cos(w0);
    const double alpha = std::sin(w0) / (2.0 * std::max(band.q, 0.05));
    const double A = std::pow(10.0, band.gain_db / 40.0);
    double b0 = 1, b1 = 0, b2 = 0, a0 = 1, a1 = 0, a2 = 0;
    switch (band.kind) {
        case EqKind::highpass:
            b0 = (1 + cosw) / 2; b1 = -(1 + cosw); b2 = (1 + cosw) / 2;
            a0 = 1 + alpha; a1 = -2 * cosw; a2 = 1 - alpha;
            break;
        case EqKind::lowpass:
            b0 = (1 - cosw) / 2; b1 = 1 - cosw; b2 = (1 - cosw) / 2;
            a0 = 1 + alpha; a1 = -2 * cosw; a2 = 1 - alpha;
            break;
        case EqKind::peak:
            b0 = 1 + alpha * A; b1 = -2 * cosw; b2 = 1 - alpha * A;
            a0 = 1 + alpha / A; a1 = -2 * cosw; a2 = 1 - alpha / A;
            break;
        case EqKind::low_shelf: {
            const double s = 2 * std::sqrt(A) * alpha;
            b0 = A * ((A + 1) - (A - 1) * cosw + s); b1 = 2 * A * ((A - 1) - (A + 1) * cosw);
            b2 = A * ((A + 1) - (A - 1) * cosw - s);
            a0 = (A + 1) + (A - 1) * cosw + s; a1 = -2 * ((A - 1) + (A + 1) * cosw);
            a2 = (A + 1) + (A - 1) * cosw - s;
            break;
        }
        case EqKind::high_shelf: {
            const double s = 2 * std::sqrt(A) * alpha;
            b0 = A * ((A + 1) + (A - 1) * cosw + s); b1 = -2 * A * ((A - 1) + (A + 1) * cosw);
            b2 = A * ((A + 1) + (A - 1) * cosw - s);
            a0 = (A + 1) - (A - 1) * cosw + s; a1 = 2 * ((A - 1) - (A + 1) * cosw);
            a2 = (A + 1) - (A - 1) * cosw - s;
            break;
        }
    }
    b0_ = b0 / a0; b1_ = b1 / a0; b2_ = b2 / a0; a1_ = a1 / a0; a2_ = a2 / a0;
}

void Biquad::process(float* samples, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        const double x = samples[i];
        const double y = b0_ * x + b1_ * x1_ + b2_ * x2_ - a1_ * y1_ - a2_ * y2_;
        x2_ = x1_; x1_ = x; y2_ = y1_; y1_ = y;
        samples[i] = static_cast<float>(y);
    }
}

namespace {

// Freeverb's tunings at 44.1 kHz; the right side is offset by the stereo spread.
constexpr int kCombTuning[] = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
constexpr int kAllpassTuning[] = {556, 441, 341, 225};
constexpr int kStereoSpread = 23;
constexpr float kFixedGain = 0.015f;
constexpr float kScaleWet = 3.0f;

std::size_t scaled(int length, SampleRate rate) {
    return static_cast<std::size_t>(std::max(1L, std::lround(length * rate.hz / 44100.0)));
}

}  // namespace

Reverb::Reverb(const ReverbSettings& settings, SampleRate rate) {
    for (int t : kCombTuning) {
        combs_left_.push_back(Comb{std::vector<float>(scaled(t, rate), 0.0f)});
        combs_right_.push_back(Comb{std::vector<float>(scaled(t + kStereoSpread, rate), 0.0f)});
    }
    for (int t : kAllpassTuning) {
        allpass_left_.push_back(Allpass{std::vector<float>(scaled(t, rate), 0.0f)});
        allpass_right_.push_back(Allpass{std::vector<float>(scaled(t + kStereoSpread, rate), 0.0f)});
    }
    predelay_.assign(static_cast<std::size_t>(std::max<std::int64_t>(1, to_samples(settings.predelay, rate).value)), 0.0f);
    feedback_ = static_cast<float>(0.7 + 0.28 * std::clamp(settings.room_size, 0.0, 1.0));
    damp1_ = static_cast<float>(0.4 * std::clamp(settings.damping, 0.0, 1.0));
    damp2_ = 1.0f - damp1_;
    const double wet = static_cast<double>(kScaleWet) * settings.return_gain;
    wet1_ = static_cast<float>(wet * (settings.width / 2 + 0.5));
    wet2_ = static_cast<float>(wet * ((1 - settings.width) / 2));
}

float Reverb::comb(Comb& c, float input) const {
    const float output = c.buffer[c.index];
    c.store = output * damp2_ + c.store * damp1_;
    c.buffer[c.index] = input + c.store * feedback_;
    if (++c.index == c.buffer.size()) c.index = 0;
    return output;
}

float Reverb::allpass(Allpass& a, float input) {
    const float buffered = a.buffer[a.index];
    a.buffer[a.index] = input + buffered * 0.5f;
    if (++a.index == a.buffer.size()) a.index = 0;
    return buffered - input;
}

float Reverb::state_peak() const {
    float peak = 0.0f;
    auto scan = [&peak](const std::vector<float>& line) {
        for (float v : line) peak = std::max(peak, std::abs(v));
    };
    scan(predelay_);
    for (const auto* combs : {&combs_left_, &combs_right_})
        for (const Comb& c : *combs) {
            scan(c.buffer);
            peak = std::max(peak, std::abs(c.store));
        }
    for (const auto* allpasses : {&allpass_left_, &allpass_right_})
        for (const Allpass& a : *allpasses) scan(a.buffer);
    return peak;
}

void Reverb::clear_state() {
    std::fill(predelay_.begin(), predelay_.end(), 0.0f);
    for (auto* combs : {&combs_left_, &combs_right_})
        for (Comb& c : *combs) {
            std::fill(c.buffer.begin(), c.buffer.end(), 0.0f);
            c.store = 0.0f;
        }
    for (auto* allpasses : {&allpass_left_, &allpass_right_})
        for (Allpass& a : *allpasses) std::fill(a.buffer.begin(), a.buffer.end(), 0.0f);
}

void Reverb::process_add(const float* in, float* out_left, float* out_right, std::size_t count) {
    constexpr float kDecayed = 1e-8f;  // -160 dBFS
    if (std::all_of(in, in + count, [](float v) { return v == 0.0f; })) {
        if (idle_) return;
        if (state_peak() < kDecayed) {
            clear_state();
            idle_ = true;
            return;
        }
    } else {
        idle_ = false;
    }
    for (std::size_t i = 0; i < count; ++i) {
        const float delayed = predelay_[predelay_index_];
        predelay_[predelay_index_] = in[i] * kFixedGain;
        if (++predelay_index_ == predelay_.size()) predelay_index_ = 0;
        float left = 0.0f;
        float right = 0.0f;
        for (auto& c : combs_left_) left += comb(c, delayed);
        for (auto& c : combs_right_) right += comb(c, delayed);
        for (auto& a : allpass_left_) left = allpass(a, left);
        for (auto& a : allpass_right_) right = allpass(a, right);
        out_left[i] += left * wet1_ + right * wet2_;
        out_right[i] += right * wet1_ + left * wet2_;
    }
}

PanGains pan_gains(double pan) {
    const double p = std::clamp(pan, -1.0, 1.0);
    const double angle = (p + 1.0) * std::numbers::pi / 4.0;
    return PanGains{static_cast<float>(std::cos(angle) * std::numbers::sqrt2),
                    static_cast<float>(std::sin(angle) * std::numbers::sqrt2)};
}

void parallel_for(std::size_t count, int threads, const std::function<void(std::size_t)>& body) {
    if (count == 0) return;
    const std::size_t hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = std::min(count, threads > 0 ? static_cast<std::size_t>(threads) : hardware);
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::exception_ptr failure;
    auto run = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                body(i);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure) failure = std::current_exception();
                next = count;
            }
        }
    };
    {
        std::vector<std::jthread> pool;
        for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(run);
        run();
    }
    if (failure) std::rethrow_exception(failure);
}

}  // namespace tunesmith
