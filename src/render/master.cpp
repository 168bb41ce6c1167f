// master_stems: the sum of the processed stems and its true peaks go to FrameStores; the master
// gain and limiter are iterated against master_meter's measurement (libebur128 loudness, in
// parallel parts); the final per-frame gain (master x limiter x end fade) and the loop are written
// as stores. Memory stays bounded.
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <stdexcept>
#include <vector>

#include "audio/loudness.h"
#include "base/text.h"
#include "render/dialogue_duck.h"
#include "render/dsp.h"
#include "render/limiter.h"
#include "render/master_meter.h"
#include "render/mix.h"

namespace tunesmith {
namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

double to_db(double linear) { return linear > 0.0 ? 20.0 * std::log10(linear) : kMinusInf; }

// Frames [first, first + n) of the sum of `stores` (in store order, `frames` long, at least one)
// with kTruePeakMargin frames of context each side, zeros beyond the signal's ends: what
// true_peaks_of_window reads.
// `stem_peaks` (n values) gets, per frame, the largest magnitude of any one store.
AudioBuffer summed_with_context(std::span<const FrameStore> stores, std::size_t frames, std::size_t first,
                                std::size_t n, std::vector<float>& stem_peaks) {
    const std::size_t from = first >= kTruePeakMargin ? first - kTruePeakMargin : 0;
    const std::size_t to = std::min(frames, first + n + kTruePeakMargin);
    const std::size_t offset = kTruePeakMargin - (first - from);
    AudioBuffer window(stores.front().rate(), stores.front().channel_count(), n + 2 * kTruePeakMargin), part;
    stem_peaks.assign(n, 0.0f);
    for (const FrameStore& store : stores) {
        store.read(from, to - from, part);
        for (std::size_t c = 0; c < window.channel_count(); ++c)
            for (std::size_t i = 0; i < to - from; ++i) {
                window.channels[c][offset + i] += part.channels[c][i];
                const std::size_t frame = offset + i;
                if (frame >= kTruePeakMargin && frame < kTruePeakMargin + n)
                    stem_peaks[frame - kTruePeakMargin] = std::max(stem_peaks[frame - kTruePeakMargin], std::abs(part.channels[c][i]));
            }
    }
    return window;
}

// Per-frame true peak (max over channels) of the sum of `stores`, or the sample peak of any one
// store when that is higher, as a mono store: the limiter keeps every stem inside full scale too,
// since the stem files are integer PCM and a stem clipped alone would no longer sum to the mix
// (a drum hit can peak above a mix where other stems cancel part of it). With `sum`, the sum itself
// is stored there too. Blocks are independent (each reads its own context), so
// they run in parallel and the bytes do not depend on the thread count.
FrameStore true_peaks_of(std::span<const FrameStore> stores, SampleRate rate, std::size_t frames,
                         const std::filesystem::path& spill_dir, int threads, FrameStore* sum = nullptr) {
    FrameStore peaks(rate, 1, frames, spill_dir);
    if (stores.empty()) return peaks;
    const std::size_t blocks = (frames + kStreamBlock - 1) / kStreamBlock;
    parallel_for(blocks, threads, [&](std::size_t b) {
        const std::size_t first = b * kStreamBlock;
        const std::size_t n = std::min(kStreamBlock, frames - first);
        std::vector<float> stem_peaks;
        const AudioBuffer window = summed_with_context(stores, frames, first, n, stem_peaks);
        if (sum != nullptr) {
            AudioBuffer block(window.rate, window.channel_count(), n);
            for (std::size_t c = 0; c < window.channel_count(); ++c)
                std::copy_n(window.channels[c].begin() + static_cast<std::ptrdiff_t>(kTruePeakMargin), n,
                            block.channels[c].begin());
            sum->write(first, block, n);
        }
        AudioBuffer out(window.rate, 1, n);
        true_peaks_of_window(window, kTruePeakMargin, n, out.channels[0].data());
        for (std::size_t i = 0; i < n; ++i) out.channels[0][i] = std::max(out.channels[0][i], stem_peaks[i]);
        peaks.write(first, out, n);
    });
    return peaks;
}

// The limiter's gains for consecutive blocks of frames, streamed from a peaks store.
class LimiterEnvelope {
public:
    LimiterEnvelope(const FrameStore& peaks, double input_gain, const LimiterSettings& settings)
        : peaks_(peaks), limiter_(input_gain, settings, peaks.rate()) {}

    // Gains of the next `count` frames.
    const float* next(std::size_t count) {
        ready_.erase(ready_.begin(), ready_.begin() + static_cast<std::ptrdiff_t>(used_));
        used_ = count;
        while (ready_.size() < count) {
            if (fed_ >= peaks_.frames()) {
                limiter_.finish(ready_);
                break;
            }
            const std::size_t n = std::min(kStreamBlock, peaks_.frames() - fed_);
            peaks_.read(fed_, n, block_);
            limiter_.push(block_.channels[0].data(), n, ready_);
            fed_ += n;
        }
        if (ready_.size() < count) throw std::logic_error("LimiterEnvelope: read past the signal");
        return ready_.data();
    }

private:
    const FrameStore& peaks_;
    StreamingLimiter limiter_;
    AudioBuffer block_;
    std::vector<float> ready_;
    std::size_t used_ = 0;
    std::size_t fed_ = 0;
};

// The limiter's gain for every frame of `peaks` at this input gain, as a mono store.
FrameStore limiter_envelope(const FrameStore& peaks, double gain, const LimiterSettings& settings,
                            const std::filesystem::path& spill_dir) {
    FrameStore envelope(peaks.rate(), 1, peaks.frames(), spill_dir);
    LimiterEnvelope stream(peaks, gain, settings);
    AudioBuffer block(peaks.rate(), 1, kStreamBlock);
    for (std::size_t first = 0; first < peaks.frames(); first += kStreamBlock) {
        const std::size_t n = std::min(kStreamBlock, peaks.frames() - first);
        std::copy_n(stream.next(n), n, block.channels[0].begin());
        envelope.write(first, block, n);
    }
    return envelope;
}

// Adds the frames from `length` on into the start of the loop, wrapping as often as needed.
void fold_tail_into(FrameStore& loop, const AudioBuffer& tail) {
    const std::size_t length = loop.frames();
    AudioBuffer part;
    for (std::size_t done = 0; done < tail.frames();) {
        const std::size_t at = done % length;
        const std::size_t n = std::min(tail.frames() - done, length - at);
        loop.read(at, n, part);
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < n; ++i) part.channels[c][i] += tail.channels[c][done + i];
        loop.write(at, part, n);
        done += n;
    }
}

// The fold adds the tail onto the start, so the loop is limited once more on its own.
void limit_in_place(FrameStore& signal, const LimiterSettings& settings, const std::filesystem::path& spill_dir,
                    int threads) {
    const FrameStore peaks =
        true_peaks_of(std::span<const FrameStore>(&signal, 1), signal.rate(), signal.frames(), spill_dir, threads);
    LimiterEnvelope envelope(peaks, 1.0, settings);
    AudioBuffer block;
    for (std::size_t first = 0; first < signal.frames(); first += kStreamBlock) {
        const std::size_t n = std::min(kStreamBlock, signal.frames() - first);
        signal.read(first, n, block);
        const float* gain = envelope.next(n);
        for (auto& channel : block.channels)
            for (std::size_t i = 0; i < n; ++i) channel[i] *= gain[i];
        signal.write(first, block, n);
    }
}

}  // namespace

MixResult master_stems(std::vector<std::string> names, std::vector<FrameStore> processed, const MixSettings& settings,
                       const Reporter& reporter) {
    MixResult result;
    result.rate = processed.empty() ? SampleRate{} : processed.front().rate();
    const std::size_t extended = processed.empty() ? 0 : processed.front().frames();
    for (const FrameStore& store : processed)
        if (store.frames() != extended || store.channel_count() != 2 || store.rate() != result.rate)
            throw std::logic_error("master_stems: stems must be stereo at one rate and length");
    const std::size_t length = std::min(extended, static_cast<std::size_t>(std::max<std::int64_t>(0, settings.length.value)));
    const SampleRate rate = result.rate;
    result.length = length;

    // Each dialogue range's duck trimmed so the music falls by the same amount in every style.
    if (!settings.duck_ranges.empty())
        apply_dialogue_duck_corrections(processed, names, settings, dialogue_duck_corrections(processed, settings, length));
    FrameStore sum(rate, 2, extended, settings.spill_dir);
    const FrameStore peaks = true_peaks_of(processed, rate, extended, settings.spill_dir, settings.threads, &sum);
    const EndFade fade{length, std::min<std::size_t>(length, static_cast<std::size_t>(std::max<std::int64_t>(
                                                                 0, to_samples(settings.end_fade, rate).value)))};

    // Master gain and limiter, iterated against a loudness and true-peak meter independent of the
    // limiter's own peak detector. The last reading is of exactly the master that is kept.
    const double unprocessed = measure_master(MasterSignal{&sum, nullptr, 1.0, fade}, settings.threads).integrated_lufs;
    double gain_db = std::isfinite(unprocessed) ? settings.target_lufs - unprocessed : 0.0;
    double ceiling = settings.true_peak_dbtp - 0.3;
    LoudnessReading reading;
    FrameStore envelope;
    constexpr int kMaxIterations = 12;
    for (int iteration = 1; iteration <= kMaxIterations; ++iteration) {
        result.iterations = iteration;
        const double gain = std::pow(10.0, gain_db / 20.0);
        envelope = limiter_envelope(peaks, gain, LimiterSettings{ceiling, settings.limiter_lookahead, settings.limiter_release},
                                    settings.spill_dir);
        reading = measure_master(MasterSignal{&sum, &envelope, gain, fade}, settings.threads);
        reporter.report("master", static_cast<double>(iteration) / kMaxIterations);
        if (!std::isfinite(reading.integrated_lufs) || iteration == kMaxIterations) break;  // silence: nothing to normalise
        if (std::abs(reading.integrated_lufs - settings.target_lufs) > 0.1) {
            gain_db += settings.target_lufs - reading.integrated_lufs;
            continue;
        }
        if (reading.true_peak_dbtp > settings.true_peak_dbtp - 0.05) {
            ceiling -= reading.true_peak_dbtp - (settings.true_peak_dbtp - 0.1);
            continue;
        }
        break;
    }
    result.master_gain_db = gain_db;

    // The final per-frame gain of every stem, and the loop from the unfaded, extended master.
    const auto gain = static_cast<float>(std::pow(10.0, gain_db / 20.0));
    const LimiterSettings limiter{ceiling, settings.limiter_lookahead, settings.limiter_release};
    result.master_gain = FrameStore(rate, 1, length, settings.spill_dir);
    const bool loop = settings.make_loop && length > 0;
    if (loop) result.loop_signal = FrameStore(rate, 2, length, settings.spill_dir);
    AudioBuffer tail(rate, 2, extended - length);
    AudioBuffer block, env_block, gains(rate, 1, kStreamBlock);
    float deepest = 1.0f;
    for (std::size_t first = 0; first < extended; first += kStreamBlock) {
        const std::size_t n = std::min(kStreamBlock, extended - first);
        envelope.read(first, n, env_block);
        const float* env = env_block.channels[0].data();
        deepest = std::min(deepest, *std::min_element(env, env + n));
        for (std::size_t i = 0; i < n && first + i < length; ++i) gains.channels[0][i] = gain * env[i] * fade.at(first + i);
        if (first < length) result.master_gain.write(first, gains, std::min(n, length - first));
        if (!loop) continue;
        sum.read(first, n, block);
        for (auto& channel : block.channels)
            for (std::size_t i = 0; i < n; ++i) channel[i] = channel[i] * gain * env[i];
        if (first < length) result.loop_signal.write(first, block, std::min(n, length - first));
        for (std::size_t i = first < length ? length - first : 0; i < n; ++i)
            for (std::size_t c = 0; c < 2; ++c) tail.channels[c][first + i - length] = block.channels[c][i];
    }
    result.max_gain_reduction_db = -to_db(deepest);
    if (loop) {
        fold_tail_into(result.loop_signal, tail);
        limit_in_place(result.loop_signal, limiter, settings.spill_dir, settings.threads);
    }

    result.stem_names = std::move(names);
    result.processed = std::move(processed);
    result.integrated_lufs = reading.integrated_lufs;
    result.true_peak_dbtp = reading.true_peak_dbtp;
    return result;
}

std::optional<std::string> loudness_shortfall(const MixResult& result, const MixSettings& settings,
                                              double tolerance_lu) {
    const std::string asked = decimal_text(settings.target_lufs, 1) + " LUFS";
    if (!std::isfinite(result.integrated_lufs))
        return "loudness_lufs: the mix is silent (or too short to measure), so it could not be brought to " + asked;
    const double miss = result.integrated_lufs - settings.target_lufs;
    if (std::abs(miss) <= tolerance_lu) return std::nullopt;
    std::string text = "loudness_lufs: the mix measures " + decimal_text(result.integrated_lufs, 1) +
                       " LUFS, not the " + asked + " asked";
    if (miss < 0.0)  // too quiet: the limiter's ceiling is what stops more gain
        return text + ": the limiter keeps true peaks under " + decimal_text(settings.true_peak_dbtp, 1) +
               " dBTP (true_peak_dbtp) and already cuts peaks by up to " +
               decimal_text(result.max_gain_reduction_db, 1) +
               " dB; louder would distort. Ask for a lower loudness_lufs or a higher true_peak_dbtp";
    return text + ": the master gain did not settle on the target (a mix of very uneven loudness)";
}

}  // namespace tunesmith
