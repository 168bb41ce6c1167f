// draw_audio_plot: waveform (sample min/max per pixel column) and a Hann STFT mapped onto a log
// frequency axis with a perceptual colour ramp, so level, spectrum and discontinuities can be seen.
#include "export/audio_plot.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "audio/stft.h"
#include "base/error.h"

namespace tunesmith {
namespace {

constexpr int kMargin = 8;
constexpr int kGap = 6;

using Rgb = RgbImage::Rgb;

void put(RgbImage& image, int x, int y, Rgb c) {
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
    const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 3;
    image.pixels[i] = c.r;
    image.pixels[i + 1] = c.g;
    image.pixels[i + 2] = c.b;
}

std::uint8_t to_byte(double v) { return static_cast<std::uint8_t>(std::clamp(v, 0.0, 1.0) * 255.0 + 0.5); }

// A dark-to-bright ramp (black, purple, orange, pale yellow): monotone in lightness.
Rgb ramp(double t) {
    static constexpr std::array<std::array<double, 3>, 5> stops{{{0.0, 0.0, 0.02},
                                                                  {0.30, 0.05, 0.45},
                                                                  {0.80, 0.20, 0.35},
                                                                  {0.98, 0.60, 0.10},
                                                                  {1.0, 1.0, 0.80}}};
    t = std::clamp(t, 0.0, 1.0) * static_cast<double>(stops.size() - 1);
    const auto i = std::min(static_cast<std::size_t>(t), stops.size() - 2);
    const double f = t - static_cast<double>(i);
    return {to_byte(stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
            to_byte(stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
            to_byte(stops[i][2] + f * (stops[i + 1][2] - stops[i][2]))};
}

void check_size(const char* field, int value, int minimum) {
    if (value < minimum || value > 8000)
        throw InputError(field, std::to_string(value), "a size in pixels from " + std::to_string(minimum) + " to 8000");
}

void draw_waveform(RgbImage& image, const AudioBuffer& audio, const AudioPlotLayout& L) {
    const std::size_t channels = std::max<std::size_t>(audio.channel_count(), 1);
    const int lane = (L.wave_bottom - L.wave_top) / static_cast<int>(channels);
    const Samples length = audio.length();
    for (std::size_t c = 0; c < audio.channel_count(); ++c) {
        const int top = L.wave_top + lane * static_cast<int>(c);
        const int mid = top + lane / 2;
        for (int x = L.left; x < L.right; ++x) {
            const auto a = static_cast<std::size_t>(static_cast<double>(x - L.left) / (L.right - L.left) * static_cast<double>(length.value));
            const auto b = std::max(a + 1, static_cast<std::size_t>(static_cast<double>(x + 1 - L.left) / (L.right - L.left) *
                                                                 static_cast<double>(length.value)));
            float lo = 0.0f, hi = 0.0f;
            for (std::size_t i = a; i < std::min(b, audio.frames()); ++i) {
                lo = std::min(lo, audio.channels[c][i]);
                hi = std::max(hi, audio.channels[c][i]);
            }
            const int y0 = mid - static_cast<int>(std::lround(hi * static_cast<float>(lane / 2 - 1)));
            const int y1 = mid - static_cast<int>(std::lround(lo * static_cast<float>(lane / 2 - 1)));
            const bool clipped = hi >= 1.0f || lo <= -1.0f;
            for (int y = y0; y <= y1; ++y) put(image, x, y, clipped ? Rgb{255, 60, 60} : Rgb{120, 200, 255});
            put(image, x, mid, Rgb{70, 70, 90});
        }
    }
}

void draw_spectrogram(RgbImage& image, const AudioBuffer& audio, const AudioPlotLayout& L, const AudioPlotOptions& o) {
    constexpr int kWindow = 4096;
    const std::vector<float> mono = audio.mono();
    const int columns = L.right - L.left;
    const int hop = std::max(1, static_cast<int>(mono.size() / static_cast<std::size_t>(columns)));
    const Spectrogram spec = magnitude_spectrogram(mono, audio.rate, kWindow, hop);
    const double nyquist = audio.rate.hz / 2.0;
    // Full-scale sine through a Hann window has peak magnitude window/4.
    const double reference = kWindow / 4.0;
    for (int y = L.spec_top; y < L.spec_bottom; ++y) {
        const double t = static_cast<double>(L.spec_bottom - 1 - y) / (L.spec_bottom - L.spec_top - 1);
        const double hz = o.min_hz * std::pow(nyquist / o.min_hz, t);
        const double bin_f = hz / spec.bin_frequency(1);
        const auto bin = std::min(static_cast<std::size_t>(bin_f), static_cast<std::size_t>(spec.bins - 2));
        const double frac = bin_f - static_cast<double>(bin);
        for (int x = L.left; x < L.right; ++x) {
            const auto frame = std::min(static_cast<std::size_t>(x - L.left) * spec.frames() / static_cast<std::size_t>(columns),
                                        spec.frames() - 1);
            const double m = (1.0 - frac) * static_cast<double>(spec.at(frame, bin)) + frac * static_cast<double>(spec.at(frame, bin + 1));
            const double db = 20.0 * std::log10(std::max(m / reference, 1e-12));
            put(image, x, y, ramp((db - o.floor_db) / -o.floor_db));
        }
    }
    // Octave lines (C) as faint ticks on the left margin.
    for (double hz = 32.70; hz < nyquist; hz *= 2.0)
        if (hz >= o.min_hz)
            for (int x = 0; x < L.left - 1; ++x) put(image, x, L.y_of_hz(hz, o.min_hz, nyquist), Rgb{160, 160, 160});
}

void draw_markers(RgbImage& image, const AudioBuffer& audio, const AudioPlotLayout& L, const AudioPlotOptions& o) {
    for (const auto& m : o.markers) {
        const int x = L.x_of(m.at, audio.length());
        const Rgb colour = m.label == "hit" ? Rgb{255, 40, 40} : Rgb{200, 200, 200};
        for (int y = L.wave_top; y < L.spec_bottom; y += (m.label == "hit" ? 1 : 3)) put(image, x, y, colour);
    }
}

}  // namespace

int AudioPlotLayout::x_of(Samples sample, Samples length) const {
    if (length.value <= 0) return left;
    return left + static_cast<int>(static_cast<double>(sample.value) / static_cast<double>(length.value) * (right - left));
}

int AudioPlotLayout::y_of_hz(double hz, double min_hz, double nyquist) const {
    const double t = std::log(hz / min_hz) / std::log(nyquist / min_hz);
    return spec_bottom - 1 - static_cast<int>(std::lround(t * (spec_bottom - spec_top - 1)));
}

AudioPlotLayout audio_plot_layout(const AudioPlotOptions& options) {
    AudioPlotLayout L;
    L.left = kMargin * 3;
    L.right = options.width - kMargin;
    L.wave_top = kMargin;
    L.wave_bottom = kMargin + (options.height - 2 * kMargin) / 4;
    L.spec_top = L.wave_bottom + kGap;
    L.spec_bottom = options.height - kMargin;
    return L;
}

RgbImage draw_audio_plot(const AudioBuffer& audio, const AudioPlotOptions& options) {
    check_size("width", options.width, 400);
    check_size("height", options.height, 300);
    if (audio.empty()) throw InputError("audio", "0 samples", "a recording with at least one sample");
    if (options.min_hz <= 0.0 || options.min_hz >= audio.rate.hz / 2.0)
        throw InputError("min_hz", std::to_string(options.min_hz), "a frequency between 0 and the Nyquist frequency");
    RgbImage image;
    image.width = options.width;
    image.height = options.height;
    image.pixels.assign(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3, 18);
    const AudioPlotLayout layout = audio_plot_layout(options);
    draw_waveform(image, audio, layout);
    draw_spectrogram(image, audio, layout, options);
    draw_markers(image, audio, layout, options);
    return image;
}

void write_audio_plot_png(const AudioBuffer& audio, const std::filesystem::path& path, const AudioPlotOptions& options) {
    write_png(draw_audio_plot(audio, options), path);
}

}  // namespace tunesmith
