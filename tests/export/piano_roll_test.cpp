// Tests for src/export/piano_roll.cpp: notes land where the layout says, in their track's colour
// with velocity as brightness, bar lines and markers are drawn, and the PNG file is valid.
#include "export/piano_roll.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/error.h"
#include "midi_fixtures.h"

namespace tunesmith {
namespace {

Score one_note_score(int velocity) {
    Score score;
    score.tempo = TempoMap::constant(120.0, SampleRate(48000));
    score.length = score.meter.bar() * 4;
    score.length_samples = score.tempo.to_samples(score.length);
    score.tracks.push_back(Track{"piano", 0, 0, false, {Note{score.meter.bar(), score.meter.bar(), 60, velocity}}, {}, {}});
    score.tracks.push_back(Track{"bass", 33, 0, false, {Note{Ticks(0), score.meter.bar(), 40, 127}}, {}, {}});
    score.markers.push_back(Marker{score.meter.bar() * 2, "lift"});
    return score;
}

int brightness(RgbImage::Rgb c) { return c.r + c.g + c.b; }

TEST(PianoRoll, NoteIsDrawnInItsTrackColourAtItsTimeAndPitch) {
    const Score score = one_note_score(127);
    const RgbImage image = draw_piano_roll(score);
    ASSERT_EQ(image.width, 1600);
    ASSERT_EQ(image.height, 900);
    const auto layout = piano_roll_layout(score);
    const int y = layout.y_of(60);
    // Bar 2 spans 2..4 s of the 4-bar, 8 s cue: its middle is at 3 s.
    const int x_mid = layout.x_of(Samples(144000));
    EXPECT_EQ(image.at(x_mid, y), piano_roll_track_colour(0));
    EXPECT_EQ(image.at(layout.x_of(Samples(24000)), layout.y_of(40)), piano_roll_track_colour(1));
    // Before the note starts the row is background (no note there).
    EXPECT_NE(image.at(layout.x_of(Samples(24000)), y), piano_roll_track_colour(0));
    EXPECT_LT(layout.y_of(72), layout.y_of(60)) << "higher pitches are drawn higher";
}

TEST(PianoRoll, VelocityIsBrightness) {
    const Score loud = one_note_score(127);
    const Score soft = one_note_score(20);
    const auto layout = piano_roll_layout(loud);
    const int x = layout.x_of(Samples(144000));
    const int y = layout.y_of(60);
    EXPECT_GT(brightness(draw_piano_roll(loud).at(x, y)), brightness(draw_piano_roll(soft).at(x, y)) + 100);
}

TEST(PianoRoll, BarLinesAndMarkersAreDrawn) {
    const Score score = one_note_score(100);
    const RgbImage image = draw_piano_roll(score);
    const auto layout = piano_roll_layout(score);
    const int y = layout.y_of(50);  // a row with no notes
    const int bar3 = layout.x_of(Samples(4 * 48000 + 0));
    // A bar line column is brighter than the background next to it.
    const int bar4 = layout.x_of(Samples(6 * 48000));
    EXPECT_GT(brightness(image.at(bar4, y)), brightness(image.at(bar4 + 5, y)));
    // The marker at bar 3 is a bright vertical line.
    EXPECT_GT(image.at(bar3, y).r, 200);
}

TEST(PianoRoll, DrumsGetTheirOwnLane) {
    const Score score = testing_fixtures::make_test_score();
    const auto layout = piano_roll_layout(score);
    EXPECT_GT(layout.drum_bottom, layout.drum_top);
    EXPECT_LE(layout.plot_bottom, layout.drum_top);
    const RgbImage image = draw_piano_roll(score);
    int drum_pixels = 0;
    // Track 1 (drums) is orange: strong red, almost no blue, at any velocity.
    ASSERT_EQ(piano_roll_track_colour(1), (RgbImage::Rgb{230, 159, 0}));
    for (int y = layout.drum_top; y < layout.drum_bottom; ++y)
        for (int x = layout.plot_left; x < layout.plot_right; ++x)
            if (image.at(x, y).r > 150 && image.at(x, y).b < 40) ++drum_pixels;
    EXPECT_GT(drum_pixels, 100);
}

TEST(PianoRoll, WritesAPngOfTheRequestedSize) {
    const auto path = std::filesystem::temp_directory_path() / "tunesmith-piano-roll-test.png";
    write_piano_roll_png(testing_fixtures::make_test_score(), path, PianoRollOptions{800, 450});
    std::ifstream file(path, std::ios::binary);
    std::string head(24, '\0');
    file.read(head.data(), 24);
    std::filesystem::remove(path);
    EXPECT_EQ(head.substr(1, 3), "PNG");
    auto be32 = [&](std::size_t at) {
        return (static_cast<std::uint8_t>(head[at]) << 24) | (static_cast<std::uint8_t>(head[at + 1]) << 16) |
               (static_cast<std::uint8_t>(head[at + 2]) << 8) | static_cast<std::uint8_t>(head[at + 3]);
    };
    EXPECT_EQ(be32(16), 800);
    EXPECT_EQ(be32(20), 450);
    EXPECT_THROW(write_piano_roll_png(one_note_score(1), "/nonexistent-dir/x.png"), InputError);
    EXPECT_THROW(draw_piano_roll(one_note_score(1), PianoRollOptions{10, 10}), InputError);
}

}  // namespace
}  // namespace tunesmith
