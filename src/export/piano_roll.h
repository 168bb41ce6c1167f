// Piano-roll pictures of a Score: time (in audio samples, so tempo changes show as bar spacing)
// on x with bar lines and markers, pitch on y, one colour per track, velocity as brightness,
// drums in their own lane and a legend strip. Pure drawing plus a PNG writer (libpng).
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "music/score.h"

namespace tunesmith {

struct PianoRollOptions {
    int width = 1600;   // pixels, 400..8000
    int height = 900;   // pixels, 300..8000
};

// An 8-bit RGB picture, rows top to bottom.
struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // width * height * 3

    struct Rgb {
        std::uint8_t r = 0, g = 0, b = 0;
        friend bool operator==(const Rgb&, const Rgb&) = default;
    };
    Rgb at(int x, int y) const;
};

// Where things are drawn, so callers (and tests) can find them in the picture.
struct PianoRollLayout {
    int plot_left = 0, plot_right = 0, plot_top = 0, plot_bottom = 0;  // pitched-note area
    int drum_top = 0, drum_bottom = 0;                                  // equal when there are no drums
    int lowest_pitch = 0, highest_pitch = 0;
    Samples span;  // samples across the plot width
    int x_of(Samples sample) const;
    int y_of(int pitch) const;  // centre of the pitch's row
};

// The colour of track `index` at full velocity.
RgbImage::Rgb piano_roll_track_colour(std::size_t index);

PianoRollLayout piano_roll_layout(const Score& score, const PianoRollOptions& options = {});
RgbImage draw_piano_roll(const Score& score, const PianoRollOptions& options = {});

// Draws and writes a PNG. InputError for out-of-range sizes or an unwritable path.
void write_piano_roll_png(const Score& score, const std::filesystem::path& path, const PianoRollOptions& options = {});

// Writes any RgbImage as PNG; InputError naming the path on failure.
void write_png(const RgbImage& image, const std::filesystem::path& path);

}  // namespace tunesmith
