// Pictures of rendered audio: a waveform strip (min/max per column, per channel) above a
// log-frequency spectrogram in dB, with optional time markers (sections, hit points). For looking
// at what a cue sounds like: clicks, gaps, muddy low end and ducking show up here.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "audio/buffer.h"
#include "export/piano_roll.h"

namespace tunesmith {

struct AudioPlotMarker {
    Samples at;
    std::string label;  // shown only as a colour class: "hit" markers are red, others grey
};

struct AudioPlotOptions {
    int width = 1600;            // pixels, 400..8000
    int height = 900;            // pixels, 300..8000
    double min_hz = 30.0;        // spectrogram's lowest frequency (log axis)
    double floor_db = -90.0;     // colour scale: floor_db (black) .. 0 dBFS (white)
    std::vector<AudioPlotMarker> markers;
};

struct AudioPlotLayout {
    int wave_top = 0, wave_bottom = 0;  // waveform strip (all channels)
    int spec_top = 0, spec_bottom = 0;  // spectrogram
    int left = 0, right = 0;            // plot columns [left, right)
    int x_of(Samples sample, Samples length) const;
    // Spectrogram row of a frequency (log axis from min_hz to Nyquist); top = highest.
    int y_of_hz(double hz, double min_hz, double nyquist) const;
};

AudioPlotLayout audio_plot_layout(const AudioPlotOptions& options);

// InputError for out-of-range sizes or an empty buffer.
RgbImage draw_audio_plot(const AudioBuffer& audio, const AudioPlotOptions& options = {});

void write_audio_plot_png(const AudioBuffer& audio, const std::filesystem::path& path,
                          const AudioPlotOptions& options = {});

}  // namespace tunesmith
