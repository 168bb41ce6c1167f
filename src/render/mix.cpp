// mix_and_master: channel strips (EQ, gain, pan, per-stem reverb share), dialogue ducking, then
// master gain + true-peak limiter computed once on the sum and applied to every stem, iterated
// against libebur128 until the loudness target and the true-peak ceiling are met.
#include "render/mix.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "audio/loudness.h"
#include "render/limiter.h"

namespace tunesmith {

StemMix default_stem_mix(std::string_view name) {
    auto strip = [](double gain, double pan, double highpass, double send) {
        StemMix m;
        m.gain_db = gain;
        m.pan = pan;
        m.eq.push_back(EqBand{EqKind::highpass, highpass, 0.0, 0.7071});
        m.reverb_send = send;
        return m;
    };
    if (name == "piano") return strip(0.0, -0.1, 40, 0.18);
    if (name == "strings") return strip(0.0, -0.25, 50, 0.30);
    if (name == "brass") return strip(-1.0, 0.25, 60, 0.25);
    if (name == "woodwinds") return strip(-1.0, 0.35, 90, 0.25);
    if (name == "guitar") return strip(-1.0, 0.3, 80, 0.15);
    if (name == "bass") return strip(0.0, 0.0, 30, 0.02);
    if (name == "drums" || name == "percussion") return strip(0.0, 0.0, 30, 0.08);
    if (name == "synth") return strip(-1.0, -0.3, 60, 0.20);
    if (name == "choir") return strip(-1.0, 0.0, 90, 0.35);
    if (name == "pad") {
        StemMix m = strip(-3.0, 0.0, 80, 0.35);
        m.eq.push_back(EqBand{EqKind::low_shelf, 250, -2.0, 0.7071});
        return m;
    }
    return strip(0.0, 0.0, 30, 0.15);
}

MixSettings mix_settings_for(const CueSpec& spec, const Score& score) {
    MixSettings settings;
    const SampleRate rate = score.tempo.sample_rate();
    settings.target_lufs = spec.loudness_lufs;
    settings.true_peak_dbtp = spec.true_peak_dbtp;
    settings.length = score.length_samples;
    if (spec.rules.duck_under_dialogue)
        for (const TimeRange& range : spec.dialogue)
            settings.duck_ranges.push_back({to_samples(range.start, rate), to_samples(range.end, rate)});
    return settings;
}

namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

// EQ, fader and pan on the dry stem, plus its share of the reverb return (reverb is linear, so
// the shares of all stems add up to the reverb of the summed sends).
void channel_strip(AudioBuffer& audio, const StemMix& mix, const ReverbSettings& reverb_settings) {
    for (auto& channel : audio.channels)
        for (const EqBand& band : mix.eq) Biquad(band, audio.rate).process(channel.data(), channel.size());
    const float fader = static_cast<float>(std::pow(10.0, mix.gain_db / 20.0));
    const PanGains pan = pan_gains(mix.pan);
    auto& left = audio.channels[0];
    auto& right = audio.channels[1];
    for (std::size_t i = 0; i < left.size(); ++i) {
        left[i] *= fader * pan.left;
        right[i] *= fader * pan.right;
    }
    if (mix.reverb_send <= 0.0) return;
    std::vector<float> send(left.size());
    const float half_send = static_cast<float>(mix.reverb_send * 0.5);
    for (std::size_t i = 0; i < left.size(); ++i) send[i] = (left[i] + right[i]) * half_send;
    Reverb(reverb_settings, audio.rate).process_add(send.data(), left.data(), right.data(), send.size());
}

// Gain per frame that dips by duck_db inside each range, with raised-cosine ramps outside it.
std::vector<float> duck_envelope(const MixSettings& settings, std::size_t frames, SampleRate rate) {
    std::vector<float> depth(frames, 0.0f);
    const auto ramp = static_cast<double>(std::max<std::int64_t>(1, to_samples(settings.duck_ramp, rate).value));
    for (const SampleRange& r : settings.duck_ranges) {
        const double a = static_cast<double>(r.start.value);
        const double b = static_cast<double>(std::max(r.end.value, r.start.value));
        const auto lo = static_cast<std::size_t>(std::clamp(a - ramp, 0.0, static_cast<double>(frames)));
        const auto hi = static_cast<std::size_t>(std::clamp(b + ramp, 0.0, static_cast<double>(frames)));
        for (std::size_t i = lo; i < hi; ++i) {
            const double t = static_cast<double>(i);
            double d = 1.0;
            if (t < a) d = 0.5 - 0.5 * std::cos(std::numbers::pi * (t - (a - ramp)) / ramp);
            else if (t > b) d = 0.5 + 0.5 * std::cos(std::numbers::pi * (t - b) / ramp);
            depth[i] = std::max(depth[i], static_cast<float>(d));
        }
    }
    std::vector<float> gain(frames);
    for (std::size_t i = 0; i < frames; ++i) gain[i] = static_cast<float>(std::pow(10.0, settings.duck_db * static_cast<double>(depth[i]) / 20.0));
    return gain;
}

// Gain of the end fade at frame i of a `length`-frame mix (1 before the fade, 0 at the last frame).
struct EndFade {
    std::size_t length = 0;
    std::size_t fade = 0;
    float at(std::size_t i) const {
        if (fade == 0 || i + fade < length) return 1.0f;
        const double x = static_cast<double>(length - 1 - i) / static_cast<double>(fade);
        return static_cast<float>(0.5 - 0.5 * std::cos(std::numbers::pi * std::clamp(x, 0.0, 1.0)));
    }
};

// Loudness of gain * envelope * fade * sum over [0, length), streamed in blocks.
LoudnessReading measure_master(const AudioBuffer& sum, double gain, const std::vector<float>& envelope,
                               const EndFade& fade, bool true_peak) {
    LoudnessMeter meter(sum.rate, sum.channel_count(), true_peak);
    constexpr std::size_t kBlock = 8192;
    AudioBuffer block(sum.rate, sum.channel_count(), kBlock);
    for (std::size_t first = 0; first < fade.length; first += kBlock) {
        const std::size_t n = std::min(kBlock, fade.length - first);
        const auto g = static_cast<float>(gain);
        for (std::size_t c = 0; c < sum.channel_count(); ++c)
            for (std::size_t i = 0; i < n; ++i)
                block.channels[c][i] = sum.channels[c][first + i] * (g * envelope[first + i] * fade.at(first + i));
        meter.add(block, 0, n);
    }
    return meter.reading();
}

double to_db(double linear) { return linear > 0.0 ? 20.0 * std::log10(linear) : kMinusInf; }

}  // namespace

AudioBuffer fold_loop(const AudioBuffer& extended, std::size_t length) {
    AudioBuffer loop(extended.rate, extended.channel_count(), length);
    for (std::size_t c = 0; c < extended.channel_count(); ++c) {
        const auto& in = extended.channels[c];
        auto& out = loop.channels[c];
        for (std::size_t i = 0; i < length && i < in.size(); ++i) out[i] = in[i];
        // Everything past the loop point wraps around (more than once if the tail is longer than the loop).
        for (std::size_t i = length; i < in.size() && length > 0; ++i) out[i % length] += in[i];
    }
    return loop;
}

MixResult mix_and_master(std::vector<Stem> stems, const MixSettings& settings, const Reporter& reporter) {
    MixResult result;
    const SampleRate rate = stems.empty() ? SampleRate{} : stems.front().audio.rate;
    std::size_t frames = static_cast<std::size_t>(std::max<std::int64_t>(0, settings.length.value));
    for (const Stem& stem : stems) {
        if (stem.audio.rate != rate || stem.audio.channel_count() != 2)
            throw std::logic_error("mix_and_master: stems must be stereo at one sample rate");
        if (settings.length.value <= 0) frames = std::max(frames, stem.audio.frames());
    }
    const std::size_t length = frames;
    std::size_t extended = length;
    for (const Stem& stem : stems) extended = std::max(extended, stem.audio.frames());
    for (Stem& stem : stems)
        for (auto& channel : stem.audio.channels) channel.resize(extended, 0.0f);

    // 1. Channel strips, one stem per task.
    parallel_for(stems.size(), settings.threads, [&](std::size_t i) {
        const auto found = settings.stems.find(stems[i].name);
        channel_strip(stems[i].audio, found != settings.stems.end() ? found->second : default_stem_mix(stems[i].name),
                      settings.reverb);
    });
    reporter.report("mix", 0.5);

    // 2. Ducking under dialogue: one envelope, applied to every ducking stem.
    if (!settings.duck_ranges.empty()) {
        const std::vector<float> duck = duck_envelope(settings, extended, rate);
        for (Stem& stem : stems) {
            const auto found = settings.stems.find(stem.name);
            const bool ducks = found != settings.stems.end() ? found->second.duck : default_stem_mix(stem.name).duck;
            if (!ducks) continue;
            for (auto& channel : stem.audio.channels)
                for (std::size_t i = 0; i < extended; ++i) channel[i] *= duck[i];
        }
    }
    AudioBuffer sum(rate, 2, extended);
    for (const Stem& stem : stems)
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < extended; ++i) sum.channels[c][i] += stem.audio.channels[c][i];
    reporter.report("mix", 1.0);

    // 3. Master gain and limiter, iterated against an independent loudness measurement.
    const std::vector<float> peaks = true_peak_envelope(sum);
    const EndFade fade{length, std::min<std::size_t>(length, static_cast<std::size_t>(std::max<std::int64_t>(
                                                                 0, to_samples(settings.end_fade, rate).value)))};
    std::vector<float> envelope(extended, 1.0f);
    const double unprocessed = measure_master(sum, 1.0, envelope, fade, false).integrated_lufs;
    double gain_db = std::isfinite(unprocessed) ? settings.target_lufs - unprocessed : 0.0;
    double ceiling = settings.true_peak_dbtp - 0.3;
    LoudnessReading reading{kMinusInf, kMinusInf, kMinusInf};
    constexpr int kMaxIterations = 12;
    for (int iteration = 1; iteration <= kMaxIterations; ++iteration) {
        result.iterations = iteration;
        const double gain = std::pow(10.0, gain_db / 20.0);
        LimiterSettings limiter{ceiling, settings.limiter_lookahead, settings.limiter_release};
        envelope = limiter_gain(peaks, gain, limiter, rate);
        reading = measure_master(sum, gain, envelope, fade, false);
        reporter.report("master", static_cast<double>(iteration) / kMaxIterations);
        if (!std::isfinite(reading.integrated_lufs)) break;  // silence: nothing to normalise
        if (std::abs(reading.integrated_lufs - settings.target_lufs) > 0.1 && iteration < kMaxIterations) {
            gain_db += settings.target_lufs - reading.integrated_lufs;
            continue;
        }
        reading = measure_master(sum, gain, envelope, fade, true);
        if (reading.true_peak_dbtp > settings.true_peak_dbtp - 0.05 && iteration < kMaxIterations) {
            ceiling -= reading.true_peak_dbtp - (settings.true_peak_dbtp - 0.1);
            continue;
        }
        break;
    }
    const auto gain = static_cast<float>(std::pow(10.0, gain_db / 20.0));
    result.master_gain_db = gain_db;
    result.max_gain_reduction_db = -to_db(*std::min_element(envelope.begin(), envelope.end()));

    // 4. The loop (from the unfaded, extended master) before the stems are cut to length.
    if (settings.make_loop && length > 0) {
        AudioBuffer mastered(rate, 2, extended);
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < extended; ++i) mastered.channels[c][i] = sum.channels[c][i] * gain * envelope[i];
        result.loop = fold_loop(mastered, length);
        // The fold adds the tail onto the start, so limit the loop once more on its own.
        const std::vector<float> loop_gain = limiter_gain(
            true_peak_envelope(result.loop), 1.0,
            LimiterSettings{ceiling, settings.limiter_lookahead, settings.limiter_release}, rate);
        for (auto& channel : result.loop.channels)
            for (std::size_t i = 0; i < length; ++i) channel[i] *= loop_gain[i];
    }
    sum = AudioBuffer();

    // 5. Apply the one master envelope to every stem; the mix is their sum.
    result.mix = AudioBuffer(rate, 2, length);
    for (Stem& stem : stems) {
        for (std::size_t c = 0; c < 2; ++c) {
            auto& channel = stem.audio.channels[c];
            channel.resize(length);
            for (std::size_t i = 0; i < length; ++i) {
                channel[i] *= (gain * envelope[i] * fade.at(i));
                result.mix.channels[c][i] += channel[i];
            }
        }
    }
    const LoudnessReading final_reading = measure_loudness(result.mix);
    result.integrated_lufs = final_reading.integrated_lufs;
    result.true_peak_dbtp = final_reading.true_peak_dbtp;
    result.stems = std::move(stems);
    return result;
}

}  // namespace tunesmith
