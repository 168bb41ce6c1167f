// Biquad coefficients, the Freeverb-style reverb tank, pan law and parallel_for.
#include "render/dsp.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <stdexcept>
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
    constexpr std::size_t kChunk = 1024;
    delayed_.assign(kChunk, 0.0f);
    left_.assign(kChunk, 0.0f);
    right_.assign(kChunk, 0.0f);
}

void Reverb::run_predelay(const float* in, float* delayed, std::size_t count) {
    for (std::size_t i = 0; i < count;) {
        const std::size_t run = std::min(count - i, predelay_.size() - predelay_index_);
        float* line = predelay_.data() + predelay_index_;
        for (std::size_t k = 0; k < run; ++k) {
            delayed[i + k] = line[k];
            line[k] = in[i + k] * kFixedGain;
        }
        predelay_index_ += run;
        if (predelay_index_ == predelay_.size()) predelay_index_ = 0;
        i += run;
    }
}

void Reverb::run_combs(std::vector<Comb>& combs, const float* input, float* sum, std::size_t count) const {
    // All lines of one side in one loop: their feedback recurrences are independent, so the CPU
    // overlaps them (one line at a time is bound by the latency of its own recurrence). The sum
    // still adds the lines in order, so the result is the same to the bit.
    constexpr std::size_t kLines = std::size(kCombTuning);
    if (combs.size() != kLines) throw std::logic_error("Reverb: unexpected comb count");
    std::array<float*, kLines> line{};
    std::array<float, kLines> store{};
    for (std::size_t k = 0; k < kLines; ++k) store[k] = combs[k].store;
    const float damp1 = damp1_, damp2 = damp2_, feedback = feedback_;  // locals: no reload per line
    for (std::size_t i = 0; i < count;) {
        std::size_t run = count - i;
        for (std::size_t k = 0; k < kLines; ++k) {
            run = std::min(run, combs[k].buffer.size() - combs[k].index);
            line[k] = combs[k].buffer.data() + combs[k].index;
        }
        for (std::size_t j = 0; j < run; ++j) {
            const float x = input[i + j];
            float acc = sum[i + j];
#pragma GCC unroll 8
            for (std::size_t k = 0; k < kLines; ++k) {
                const float output = line[k][j];
                store[k] = output * damp2 + store[k] * damp1;
                line[k][j] = x + store[k] * feedback;
                acc += output;
            }
            sum[i + j] = acc;
        }
        for (Comb& c : combs) {
            c.index += run;
            if (c.index == c.buffer.size()) c.index = 0;
        }
        i += run;
    }
    for (std::size_t k = 0; k < kLines; ++k) combs[k].store = store[k];
}

void Reverb::run_allpass(Allpass& a, float* signal, std::size_t count) {
    for (std::size_t i = 0; i < count;) {
        const std::size_t run = std::min(count - i, a.buffer.size() - a.index);
        float* line = a.buffer.data() + a.index;
        for (std::size_t k = 0; k < run; ++k) {
            const float buffered = line[k];
            line[k] = signal[i + k] + buffered * 0.5f;
            signal[i + k] = buffered - signal[i + k];
        }
        a.index += run;
        if (a.index == a.buffer.size()) a.index = 0;
        i += run;
    }
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
    for (std::size_t done = 0; done < count;) {
        const std::size_t n = std::min(count - done, delayed_.size());
        run_predelay(in + done, delayed_.data(), n);
        std::fill_n(left_.begin(), n, 0.0f);
        std::fill_n(right_.begin(), n, 0.0f);
        run_combs(combs_left_, delayed_.data(), left_.data(), n);
        run_combs(combs_right_, delayed_.data(), right_.data(), n);
        for (auto& a : allpass_left_) run_allpass(a, left_.data(), n);
        for (auto& a : allpass_right_) run_allpass(a, right_.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
            out_left[done + i] += left_[i] * wet1_ + right_[i] * wet2_;
            out_right[done + i] += right_[i] * wet1_ + left_[i] * wet2_;
        }
        done += n;
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
