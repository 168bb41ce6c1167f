// Tests for export/audio_plot: a known tone is bright at its own row and dark far from it, a
// clipped waveform is drawn red, hit markers are drawn, and bad sizes are refused.
#include "export/audio_plot.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "base/error.h"

namespace tunesmith {
namespace {

AudioBuffer sine(double hz, double amplitude, double seconds) {
    const SampleRate rate(48000);
    AudioBuffer audio(rate, 2, static_cast<std::size_t>(seconds * rate.hz));
    for (std::size_t i = 0; i < audio.frames(); ++i) {
        const auto v = static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(i) / rate.hz));
        audio.channels[0][i] = v;
        audio.channels[1][i] = v;
    }
    return audio;
}

int brightness(RgbImage::Rgb c) { return c.r + c.g + c.b; }

TEST(AudioPlot, ToneIsBrightOnItsOwnRowOnly) {
    const AudioPlotOptions options;
    const RgbImage image = draw_audio_plot(sine(1000.0, 0.5, 2.0), options);
    const AudioPlotLayout L = audio_plot_layout(options);
    const int x = (L.left + L.right) / 2;
    const int at_tone = L.y_of_hz(1000.0, options.min_hz, 24000.0);
    const int far_below = L.y_of_hz(100.0, options.min_hz, 24000.0);
    EXPECT_GT(brightness(image.at(x, at_tone)), 500);
    EXPECT_LT(brightness(image.at(x, far_below)), 150);
}

TEST(AudioPlot, ClippedSamplesAreRedAndMarkersAreDrawn) {
    AudioPlotOptions options;
    options.markers = {{Samples(48000), "hit"}};
    const AudioBuffer loud = sine(200.0, 1.2, 2.0);
    const RgbImage image = draw_audio_plot(loud, options);
    const AudioPlotLayout L = audio_plot_layout(options);
    const int lane_top = L.wave_top;
    bool red = false;
    for (int y = lane_top; y < L.wave_bottom; ++y) red = red || image.at(L.left + 10, y) == RgbImage::Rgb{255, 60, 60};
    EXPECT_TRUE(red);
    const int mx = L.x_of(Samples(48000), loud.length());
    EXPECT_EQ(image.at(mx, (L.spec_top + L.spec_bottom) / 2), (RgbImage::Rgb{255, 40, 40}));
}

TEST(AudioPlot, RefusesBadSizesAndEmptyAudio) {
    AudioPlotOptions options;
    options.width = 100;
    EXPECT_THROW(draw_audio_plot(sine(440.0, 0.5, 0.5), options), InputError);
    EXPECT_THROW(draw_audio_plot(AudioBuffer(SampleRate(48000), 2, 0)), InputError);
}

}  // namespace
}  // namespace tunesmith
