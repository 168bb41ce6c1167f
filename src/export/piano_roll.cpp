// Draws a Score as a piano roll into an RGB buffer (with a tiny built-in 5x7 font for labels)
// and writes it as PNG through libpng's simplified API, which needs no setjmp handling.
#include "export/piano_roll.h"

#include <png.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "base/error.h"

namespace tunesmith {
namespace {

using Rgb = RgbImage::Rgb;

constexpr int kMarkerStrip = 46;  // two rows of marker labels above the plot
constexpr int kLegendStrip = 30;
constexpr int kLeftMargin = 56;
constexpr int kRightMargin = 12;
constexpr int kTextScale = 2;
constexpr int kGlyphAdvance = 6 * kTextScale;

constexpr Rgb kBackground{20, 22, 28};
constexpr Rgb kBlackKeyRow{26, 29, 36};
constexpr Rgb kBarLine{48, 53, 64};
constexpr Rgb kOctaveLine{70, 76, 90};
constexpr Rgb kText{200, 204, 212};
constexpr Rgb kBarNumber{120, 126, 140};
constexpr Rgb kMarker{235, 200, 90};

// Ten colours far apart in hue, bright enough on the dark background.
constexpr std::array<Rgb, 10> kPalette = {{{86, 180, 233}, {230, 159, 0}, {0, 200, 140}, {240, 100, 120},
                                           {190, 140, 255}, {240, 228, 66}, {0, 160, 220}, {255, 130, 60},
                                           {150, 220, 90}, {220, 120, 200}}};

// 5x7 glyphs, one 5-bit row per byte (bit 4 = leftmost column).
constexpr std::string_view kGlyphChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.,:/#()_+?";
constexpr std::array<std::array<std::uint8_t, 7>, 48> kGlyphs = {{
    {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}, {0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E},
    {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}, {0x1E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1E},
    {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}, {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10},
    {0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F}, {0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11},
    {0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}, {0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C},
    {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11}, {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F},
    {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}, {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11},
    {0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}, {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10},
    {0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D}, {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11},
    {0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E}, {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04},
    {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}, {0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04},
    {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A}, {0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11},
    {0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04}, {0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F},
    {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}, {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E},
    {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}, {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E},
    {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}, {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E},
    {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}, {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08},
    {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}, {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C},
    {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}, {0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00},
    {0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C}, {0x00, 0x00, 0x00, 0x00, 0x0C, 0x04, 0x08},
    {0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00}, {0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x00},
    {0x0A, 0x0A, 0x1F, 0x0A, 0x1F, 0x0A, 0x0A}, {0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02},
    {0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08}, {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1F},
    {0x00, 0x04, 0x04, 0x1F, 0x04, 0x04, 0x00}, {0x0E, 0x11, 0x01, 0x02, 0x04, 0x00, 0x04},
}};

class Canvas {
public:
    explicit Canvas(RgbImage& image) : image_(image) {}

    void fill(int x0, int y0, int x1, int y1, Rgb colour) {  // [x0, x1) x [y0, y1), clipped
        x0 = std::max(x0, 0);
        y0 = std::max(y0, 0);
        x1 = std::min(x1, image_.width);
        y1 = std::min(y1, image_.height);
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) {
                const auto at = (static_cast<std::size_t>(y) * static_cast<std::size_t>(image_.width) +
                                 static_cast<std::size_t>(x)) * 3;
                image_.pixels[at] = colour.r;
                image_.pixels[at + 1] = colour.g;
                image_.pixels[at + 2] = colour.b;
            }
    }

    // Upper-case text with its top-left corner at (x, y); returns the x after the last glyph.
    int text(int x, int y, std::string_view s, Rgb colour) {
        for (char c : s) {
            const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            auto index = kGlyphChars.find(upper);
            if (index == std::string_view::npos) index = kGlyphChars.size() - 1;
            const auto& glyph = kGlyphs[index];
            for (int row = 0; row < 7; ++row)
                for (int col = 0; col < 5; ++col)
                    if ((glyph[static_cast<std::size_t>(row)] >> (4 - col)) & 1)
                        fill(x + col * kTextScale, y + row * kTextScale, x + (col + 1) * kTextScale,
                             y + (row + 1) * kTextScale, colour);
            x += kGlyphAdvance;
        }
        return x;
    }

private:
    RgbImage& image_;
};

int text_width(std::string_view s) { return static_cast<int>(s.size()) * kGlyphAdvance; }

Rgb scaled(Rgb colour, double brightness) {
    auto mix = [&](std::uint8_t c, std::uint8_t bg) {
        return static_cast<std::uint8_t>(std::clamp(bg + (c - bg) * brightness, 0.0, 255.0));
    };
    return Rgb{mix(colour.r, kBackground.r), mix(colour.g, kBackground.g), mix(colour.b, kBackground.b)};
}

// Velocity 1 -> 35% of the colour, velocity 127 -> 100%.
double velocity_brightness(int velocity) { return 0.35 + 0.65 * std::clamp(velocity, 1, 127) / 127.0; }

std::set<int> drum_keys(const Score& score) {
    std::set<int> keys;
    for (const auto& t : score.tracks)
        if (t.drums)
            for (const auto& n : t.notes) keys.insert(n.pitch);
    return keys;
}

Samples cue_span(const Score& score) {
    Samples span = score.length_samples;
    for (const auto& t : score.tracks)
        for (const auto& n : t.notes) span = std::max(span, score.tempo.to_samples(n.end()));
    return std::max(span, Samples(1));
}

void draw_grid(Canvas& canvas, const Score& score, const PianoRollLayout& layout) {
    for (int pitch = layout.lowest_pitch; pitch <= layout.highest_pitch; ++pitch) {
        const int pc = pitch_class(pitch);
        const int y = layout.y_of(pitch);
        const int half = std::max(1, (layout.y_of(pitch - 1) - layout.y_of(pitch)) / 2);
        if (pc == 1 || pc == 3 || pc == 6 || pc == 8 || pc == 10)
            canvas.fill(layout.plot_left, y - half, layout.plot_right, y + half, kBlackKeyRow);
        if (pc == 0) {
            canvas.fill(layout.plot_left, y + half, layout.plot_right, y + half + 1, kOctaveLine);
            canvas.text(4, y - 7, midi_pitch_name(pitch), kText);
        }
    }
    const Ticks bar = score.meter.bar();
    int label_right = 0;
    for (std::int64_t index = 0; bar * index <= score.length; ++index) {
        const int x = layout.x_of(score.tempo.to_samples(bar * index));
        canvas.fill(x, layout.plot_top, x + 1, layout.drum_bottom, kBarLine);
        const std::string number = std::to_string(index + 1);
        if (x > label_right && bar * index < score.length) {
            canvas.text(x + 2, layout.plot_top - 16, number, kBarNumber);
            label_right = x + text_width(number) + 8;
        }
    }
}

void draw_markers(Canvas& canvas, const Score& score, const PianoRollLayout& layout) {
    std::array<int, 2> row_right{0, 0};
    for (const auto& marker : score.markers) {
        const int x = layout.x_of(score.tempo.to_samples(marker.time));
        canvas.fill(x, 4, x + 2, layout.drum_bottom, kMarker);
        const std::size_t row = row_right[0] <= x ? 0 : (row_right[1] <= x ? 1 : 0);
        canvas.text(x + 4, 4 + static_cast<int>(row) * 16, marker.text, kMarker);
        row_right[row] = x + 4 + text_width(marker.text) + 8;
    }
}

void draw_notes(Canvas& canvas, const Score& score, const PianoRollLayout& layout) {
    const std::set<int> keys = drum_keys(score);
    const int lane_rows = std::max(1, static_cast<int>(keys.size()));
    const int lane_height = layout.drum_bottom - layout.drum_top;
    for (std::size_t i = 0; i < score.tracks.size(); ++i) {
        const Track& track = score.tracks[i];
        const Rgb colour = piano_roll_track_colour(i);
        for (const auto& n : track.notes) {
            const int x0 = layout.x_of(score.tempo.to_samples(n.start));
            const int x1 = std::max(x0 + 2, layout.x_of(score.tempo.to_samples(n.end())));
            const Rgb c = scaled(colour, velocity_brightness(n.velocity));
            if (track.drums) {
                const auto row = static_cast<int>(std::distance(keys.begin(), keys.find(n.pitch)));
                const int y0 = layout.drum_top + lane_height * row / lane_rows;
                const int y1 = layout.drum_top + lane_height * (row + 1) / lane_rows;
                canvas.fill(x0, y0 + 1, std::max(x1, x0 + 3), std::max(y1 - 1, y0 + 2), c);
            } else {
                const int y = layout.y_of(n.pitch);
                const int half = std::max(1, (layout.y_of(n.pitch - 1) - y) / 2);
                canvas.fill(x0, y - half + (half > 2 ? 1 : 0), x1 - 1, y + half, c);
            }
        }
    }
    if (!keys.empty()) {
        canvas.fill(layout.plot_left, layout.drum_top - 2, layout.plot_right, layout.drum_top, kOctaveLine);
        canvas.text(4, layout.drum_top + 4, "DRUM", kText);
    }
}

void draw_legend(Canvas& canvas, const Score& score, const PianoRollLayout& layout, int height) {
    int x = layout.plot_left;
    const int y = height - kLegendStrip + 8;
    for (std::size_t i = 0; i < score.tracks.size(); ++i) {
        canvas.fill(x, y, x + 14, y + 14, piano_roll_track_colour(i));
        x = canvas.text(x + 20, y, score.tracks[i].name, kText) + 16;
    }
    const std::string info = score.key.to_string() + "  " + score.meter.to_string();
    canvas.text(std::max(x, layout.plot_right - text_width(info)), y, info, kText);
}

}  // namespace

RgbImage::Rgb RgbImage::at(int x, int y) const {
    if (x < 0 || y < 0 || x >= width || y >= height) throw std::out_of_range("RgbImage::at outside the image");
    const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
    return Rgb{pixels[i], pixels[i + 1], pixels[i + 2]};
}

int PianoRollLayout::x_of(Samples sample) const {
    const double fraction = static_cast<double>(sample.value) / static_cast<double>(span.value);
    return plot_left + static_cast<int>(fraction * (plot_right - plot_left));
}

int PianoRollLayout::y_of(int pitch) const {
    const int rows = highest_pitch - lowest_pitch + 1;
    const double row_height = static_cast<double>(plot_bottom - plot_top) / rows;
    return plot_top + static_cast<int>((highest_pitch - pitch + 0.5) * row_height);
}

RgbImage::Rgb piano_roll_track_colour(std::size_t index) { return kPalette[index % kPalette.size()]; }

PianoRollLayout piano_roll_layout(const Score& score, const PianoRollOptions& options) {
    PianoRollLayout layout;
    layout.plot_left = kLeftMargin;
    layout.plot_right = options.width - kRightMargin;
    layout.plot_top = kMarkerStrip;
    layout.span = cue_span(score);
    int lo = 128;
    int hi = -1;
    for (const auto& t : score.tracks)
        if (!t.drums)
            for (const auto& n : t.notes) {
                lo = std::min(lo, n.pitch);
                hi = std::max(hi, n.pitch);
            }
    if (hi < 0) {
        lo = 48;
        hi = 84;
    }
    // At least two octaves, with a little room above and below.
    lo -= 2;
    hi += 2;
    if (hi - lo < 24) {
        const int grow = 24 - (hi - lo);
        lo -= grow / 2;
        hi += grow - grow / 2;
    }
    layout.lowest_pitch = lo;
    layout.highest_pitch = hi;
    const int bottom = options.height - kLegendStrip - 4;
    const auto keys = drum_keys(score);
    const int lane = keys.empty() ? 0 : std::clamp(static_cast<int>(keys.size()) * 10, 40, (bottom - kMarkerStrip) / 4);
    layout.plot_bottom = bottom - (lane > 0 ? lane + 6 : 0);
    layout.drum_top = keys.empty() ? bottom : bottom - lane;
    layout.drum_bottom = bottom;
    return layout;
}

RgbImage draw_piano_roll(const Score& score, const PianoRollOptions& options) {
    if (options.width < 400 || options.width > 8000)
        throw InputError("piano roll width", std::to_string(options.width), "400..8000 pixels");
    if (options.height < 300 || options.height > 8000)
        throw InputError("piano roll height", std::to_string(options.height), "300..8000 pixels");
    RgbImage image{options.width, options.height,
                   std::vector<std::uint8_t>(static_cast<std::size_t>(options.width) *
                                             static_cast<std::size_t>(options.height) * 3)};
    Canvas canvas(image);
    canvas.fill(0, 0, image.width, image.height, kBackground);
    const PianoRollLayout layout = piano_roll_layout(score, options);
    draw_grid(canvas, score, layout);
    draw_notes(canvas, score, layout);
    draw_markers(canvas, score, layout);
    draw_legend(canvas, score, layout, image.height);
    return image;
}

void write_png(const RgbImage& image, const std::filesystem::path& path) {
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_RGB;
    // The simplified API allocates nothing that outlives this call (it frees on success and failure).
    const int ok = png_image_write_to_file(&png, path.c_str(), 0, image.pixels.data(), image.width * 3, nullptr);
    if (ok == 0) throw InputError("PNG output", path.string(), std::string("a writable file path (libpng: ") +
                                                                   png.message + ")");
}

void write_piano_roll_png(const Score& score, const std::filesystem::path& path, const PianoRollOptions& options) {
    write_png(draw_piano_roll(score, options), path);
}

}  // namespace tunesmith
