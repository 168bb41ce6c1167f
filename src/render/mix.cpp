// Mixing: channel strips (EQ, gain, pan, per-stem reverb share, dialogue ducking) applied block by
// block into FrameStores, from stems in memory or straight from the synthesizer; the final stems
// and the mix as blocks of the mastered result (master.cpp computes the master gain).
#include "render/mix.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <numbers>
#include <stdexcept>

#include "audio/loudness.h"
#include "render/hit_layers.h"
#include "render/limiter.h"
#include "render/onset_latency.h"

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
    // A track named by its voice ("cello") is mixed as its group ("strings").
    for (const Track& track : score.tracks)
        if (!track.group.empty() && track.group != track.name) settings.stems.emplace(track.name, default_stem_mix(track.group));
    for (const Ticks hit : hit_ticks(score)) settings.hits.push_back(score.tempo.to_samples(hit));
    if (spec.rules.duck_under_dialogue)
        for (const TimeRange& range : spec.dialogue)
            settings.duck_ranges.push_back({to_samples(range.start, rate), to_samples(range.end, rate)});
    return settings;
}

StemMix stem_mix_of(const MixSettings& settings, std::string_view stem_name) {
    const auto found = settings.stems.find(stem_name);
    return found != settings.stems.end() ? found->second : default_stem_mix(stem_name);
}

StemStrip::StemStrip(const StemMix& mix, const MixSettings& settings, SampleRate rate)
    : mix_(mix), settings_(&settings), rate_(rate), eq_(2), reverb_(settings.reverb, rate) {
    for (auto& channel : eq_)
        for (const EqBand& band : mix_.eq) channel.emplace_back(band, rate);
}

double duck_ramp_frames(const MixSettings& settings, SampleRate rate) {
    return static_cast<double>(std::max<std::int64_t>(1, to_samples(settings.duck_ramp, rate).value));
}

double duck_range_depth(const SampleRange& range, double ramp_frames, double t) {
    const double a = static_cast<double>(range.start.value);
    const double b = static_cast<double>(std::max(range.end.value, range.start.value));
    if (t < a - ramp_frames || t >= b + ramp_frames) return 0.0;
    if (t < a) return 0.5 - 0.5 * std::cos(std::numbers::pi * (t - (a - ramp_frames)) / ramp_frames);
    if (t > b) return 0.5 + 0.5 * std::cos(std::numbers::pi * (t - b) / ramp_frames);
    return 1.0;
}

double reverb_return_gain(const MixSettings& settings, SampleRate rate, std::int64_t t) {
    const std::int64_t fade = to_samples(kBreathFade, rate).value;
    const std::int64_t back = std::max<std::int64_t>(1, to_samples(settings.reverb.predelay, rate).value / 2);
    double gain = 1.0;
    for (const Samples& hit : settings.hits) {
        const std::int64_t h = hit.value;
        if (t < h - fade || t >= h + back) continue;
        const double x = t < h ? static_cast<double>(t - (h - fade)) / static_cast<double>(fade)
                               : 1.0 - static_cast<double>(t - h) / static_cast<double>(back);
        gain = std::min(gain, 0.5 + 0.5 * std::cos(std::numbers::pi * x));
    }
    return gain;
}

namespace {

// Does any hit's reverb dip touch frames [first, first + count)?
bool reverb_dips_within(const MixSettings& settings, SampleRate rate, std::size_t first, std::size_t count) {
    const std::int64_t fade = to_samples(kBreathFade, rate).value;
    const std::int64_t back = std::max<std::int64_t>(1, to_samples(settings.reverb.predelay, rate).value / 2);
    const auto a = static_cast<std::int64_t>(first), b = static_cast<std::int64_t>(first + count);
    return std::any_of(settings.hits.begin(), settings.hits.end(),
                       [&](const Samples& h) { return h.value - fade < b && h.value + back > a; });
}

// Ducking depth (0..1) at frame t: the deepest of the ranges'.
double duck_depth(const MixSettings& settings, double ramp, double t) {
    double depth = 0.0;
    for (const SampleRange& r : settings.duck_ranges) depth = std::max(depth, duck_range_depth(r, ramp, t));
    return depth;
}

// Does any ducking range (with its ramps) touch frames [first, first + count)?
bool ducks_within(const MixSettings& settings, double ramp, std::size_t first, std::size_t count) {
    for (const SampleRange& r : settings.duck_ranges)
        if (static_cast<double>(r.start.value) - ramp < static_cast<double>(first + count) &&
            static_cast<double>(std::max(r.end.value, r.start.value)) + ramp > static_cast<double>(first))
            return true;
    return false;
}

}  // namespace

void StemStrip::process(AudioBuffer& block, std::size_t first, std::size_t count) {
    for (std::size_t c = 0; c < 2; ++c)
        for (Biquad& band : eq_[c]) band.process(block.channels[c].data(), count);
    const float fader = static_cast<float>(std::pow(10.0, mix_.gain_db / 20.0));
    const PanGains pan = pan_gains(mix_.pan);
    auto& left = block.channels[0];
    auto& right = block.channels[1];
    for (std::size_t i = 0; i < count; ++i) {
        left[i] *= fader * pan.left;
        right[i] *= fader * pan.right;
    }
    if (mix_.reverb_send > 0.0) {
        send_.resize(count);
        const float half_send = static_cast<float>(mix_.reverb_send * 0.5);
        for (std::size_t i = 0; i < count; ++i) send_[i] = (left[i] + right[i]) * half_send;
        if (!reverb_dips_within(*settings_, rate_, first, count)) {
            reverb_.process_add(send_.data(), left.data(), right.data(), count);
        } else {
            wet_left_.assign(count, 0.0f);
            wet_right_.assign(count, 0.0f);
            reverb_.process_add(send_.data(), wet_left_.data(), wet_right_.data(), count);
            for (std::size_t i = 0; i < count; ++i) {
                const auto gain = static_cast<float>(reverb_return_gain(*settings_, rate_, static_cast<std::int64_t>(first + i)));
                left[i] += wet_left_[i] * gain;
                right[i] += wet_right_[i] * gain;
            }
        }
    }
    const double ramp = duck_ramp_frames(*settings_, rate_);
    if (!mix_.duck || !ducks_within(*settings_, ramp, first, count)) return;
    for (std::size_t i = 0; i < count; ++i) {
        const double depth = duck_depth(*settings_, ramp, static_cast<double>(first + i));
        if (depth <= 0.0) continue;
        const auto gain = static_cast<float>(std::pow(10.0, settings_->duck_db * static_cast<double>(static_cast<float>(depth)) / 20.0));
        left[i] *= gain;
        right[i] *= gain;
    }
}

namespace {

// Multiplies a processed stem block by the master gain of its frames (the final stem).
void apply_master_gain(AudioBuffer& block, const AudioBuffer& gain, std::size_t count) {
    for (auto& channel : block.channels)
        for (std::size_t i = 0; i < count; ++i) channel[i] *= gain.channels[0][i];
}

}  // namespace

void MixResult::read_stem(std::size_t index, std::size_t first, std::size_t count, AudioBuffer& out) const {
    processed.at(index).read(first, count, out);
    AudioBuffer gain;
    master_gain.read(first, count, gain);
    apply_master_gain(out, gain, count);
}

void MixResult::read_mix(std::size_t first, std::size_t count, AudioBuffer& out, std::string_view excluded) const {
    out = AudioBuffer(rate, 2, count);
    AudioBuffer gain, stem;
    master_gain.read(first, count, gain);  // once for all stems
    for (std::size_t s = 0; s < processed.size(); ++s) {
        if (!excluded.empty() && stem_names[s] == excluded) continue;
        processed[s].read(first, count, stem);
        apply_master_gain(stem, gain, count);
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < count; ++i) out.channels[c][i] += stem.channels[c][i];
    }
}

std::vector<Stem> MixResult::stems() const {
    std::vector<Stem> out;
    for (std::size_t s = 0; s < processed.size(); ++s) {
        out.push_back(Stem{stem_names[s], AudioBuffer(rate, 2, 0)});
        read_stem(s, 0, length, out.back().audio);
    }
    return out;
}

AudioBuffer MixResult::mix() const {
    AudioBuffer out(rate, 2, length);
    if (length > 0) read_mix(0, length, out);
    return out;
}

AudioBuffer MixResult::loop() const { return loop_signal.empty() ? AudioBuffer() : loop_signal.read_all(); }

MixResult mix_and_master(std::vector<Stem> stems, const MixSettings& settings, const Reporter& reporter) {
    const SampleRate rate = stems.empty() ? SampleRate{} : stems.front().audio.rate;
    std::size_t length = static_cast<std::size_t>(std::max<std::int64_t>(0, settings.length.value));
    for (const Stem& stem : stems) {
        if (stem.audio.rate != rate || stem.audio.channel_count() != 2)
            throw std::logic_error("mix_and_master: stems must be stereo at one sample rate");
        if (settings.length.value <= 0) length = std::max(length, stem.audio.frames());
    }
    std::size_t extended = length;
    for (const Stem& stem : stems) extended = std::max(extended, stem.audio.frames());

    std::vector<std::string> names;
    std::vector<FrameStore> processed;
    for (const Stem& stem : stems) {
        names.push_back(stem.name);
        processed.emplace_back(rate, 2, extended, settings.spill_dir);
    }
    // Channel strips, one stem per task; each stem's memory is released once it is through.
    parallel_for(stems.size(), settings.threads, [&](std::size_t s) {
        StemStrip strip(stem_mix_of(settings, stems[s].name), settings, rate);
        AudioBuffer block(rate, 2, kStreamBlock);
        for (std::size_t first = 0; first < extended; first += kStreamBlock) {
            const std::size_t n = std::min(kStreamBlock, extended - first);
            for (std::size_t c = 0; c < 2; ++c) {
                const auto& in = stems[s].audio.channels[c];
                for (std::size_t i = 0; i < n; ++i) block.channels[c][i] = first + i < in.size() ? in[first + i] : 0.0f;
            }
            strip.process(block, first, n);
            processed[s].write(first, block, n);
        }
        stems[s].audio = AudioBuffer();
    });
    reporter.report("mix", 1.0);
    MixSettings fixed = settings;
    fixed.length = Samples(static_cast<std::int64_t>(length));
    return master_stems(std::move(names), std::move(processed), fixed, reporter);
}

MixResult render_and_master(const Score& score, const RenderOptions& render, const MixSettings& settings,
                            const Reporter& reporter) {
    if (render.window_bars > 0) return mix_and_master(render_stems(score, render, reporter), settings, reporter);
    const PlayableSoundFont playable = playable_soundfont_for(score, render, reporter);
    const std::filesystem::path& soundfont = playable.path();
    const SampleRate rate = score.tempo.sample_rate();
    const auto total = static_cast<std::size_t>(rendered_frames(score, render));
    const std::size_t length = settings.length.value > 0 ? static_cast<std::size_t>(settings.length.value) : total;
    const std::size_t extended = std::max(length, total);

    std::vector<std::string> names;
    std::vector<FrameStore> processed;
    for (const Track& track : score.tracks) {
        names.push_back(track.name);
        processed.emplace_back(rate, 2, extended, settings.spill_dir);
    }
    std::mutex report_mutex;
    std::size_t done = 0;
    parallel_for(score.tracks.size(), render.threads > 0 ? render.threads : settings.threads, [&](std::size_t t) {
        StemStrip strip(stem_mix_of(settings, names[t]), settings, rate);
        std::size_t block_first = 0;
        render_track_in_blocks(score, t, render, soundfont, kStreamBlock, [&](AudioBuffer& block, std::size_t first, std::size_t count) {
            strip.process(block, first, count);
            processed[t].write(first, block, count);
            block_first = first + count;
        });
        AudioBuffer silence(rate, 2, kStreamBlock);
        while (block_first < extended) {  // a length past the render (never with the default tail)
            const std::size_t n = std::min(kStreamBlock, extended - block_first);
            AudioBuffer block = silence;
            strip.process(block, block_first, n);
            processed[t].write(block_first, block, n);
            block_first += n;
        }
        std::lock_guard lock(report_mutex);
        reporter.report("render", static_cast<double>(++done) / static_cast<double>(score.tracks.size()));
    });
    MixSettings fixed = settings;
    fixed.length = Samples(static_cast<std::int64_t>(length));
    return master_stems(std::move(names), std::move(processed), fixed, reporter);
}

}  // namespace tunesmith
