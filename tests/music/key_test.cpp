#include "music/key.h"

#include <gtest/gtest.h>

#include "music/chord.h"
#include "music/meter.h"

namespace tunesmith {
namespace {

TEST(Key, ParsesEverySpelling) {
    EXPECT_EQ(Key::parse("D minor"), (Key{NoteName{1, 0}, Mode::minor}));
    EXPECT_EQ(Key::parse("Dm"), (Key{NoteName{1, 0}, Mode::minor}));
    EXPECT_EQ(Key::parse("F# major"), (Key{NoteName{3, 1}, Mode::major}));
    EXPECT_EQ(Key::parse("F sharp major"), (Key{NoteName{3, 1}, Mode::major}));
    EXPECT_EQ(Key::parse("Bb dorian"), (Key{NoteName{6, -1}, Mode::dorian}));
    EXPECT_EQ(Key::parse("E flat"), (Key{NoteName{2, -1}, Mode::major}));
    EXPECT_EQ(Key::parse("c# min"), (Key{NoteName{0, 1}, Mode::minor}));
    EXPECT_FALSE(Key::parse("H minor"));
    EXPECT_FALSE(Key::parse("D blah"));
}

TEST(Key, ScaleDegrees) {
    const Key a_minor{NoteName{5, 0}, Mode::minor};
    EXPECT_EQ(a_minor.degree_pc(0), 9);
    EXPECT_EQ(a_minor.degree_pc(2), 0);
    EXPECT_EQ(a_minor.degree_pc(7), 9);
    EXPECT_EQ(a_minor.degree_pc(-1), 7);
    EXPECT_EQ(a_minor.degree_pitch(0, 48), 57);
    EXPECT_EQ(a_minor.degree_pitch(-1, 48), 55);
    EXPECT_TRUE(a_minor.contains(0));
    EXPECT_FALSE(a_minor.contains(1));
    EXPECT_TRUE((Key{NoteName{1, 0}, Mode::minor}).prefers_flats());
    EXPECT_FALSE((Key{NoteName{4, 0}, Mode::major}).prefers_flats());
}

TEST(Chord, NamesAndParses) {
    EXPECT_EQ((Chord{2, ChordQuality::minor}).name(), "Dm");
    EXPECT_EQ((Chord{7, ChordQuality::dominant7}).name(), "G7");
    EXPECT_EQ((Chord{10, ChordQuality::major}).name(true), "Bb");
    EXPECT_EQ((Chord{0, ChordQuality::major, 4}).name(), "C/E");
    EXPECT_EQ(Chord::parse("F#m7b5"), (Chord{6, ChordQuality::half_diminished7}));
    EXPECT_EQ(Chord::parse("A:min"), (Chord{9, ChordQuality::minor}));
    EXPECT_EQ(Chord::parse("C/E"), (Chord{0, ChordQuality::major, 4}));
    EXPECT_FALSE(Chord::parse("N"));
    EXPECT_TRUE((Chord{7, ChordQuality::dominant7}).contains(5));
}

TEST(Meter, BarsAndBeats) {
    EXPECT_EQ(Meter::parse("6/8")->beat(), Ticks(1440));
    EXPECT_EQ(Meter::parse("6/8")->bar(), Ticks(2880));
    EXPECT_EQ(Meter::parse("6/8")->beats_per_bar(), 2);
    EXPECT_EQ(Meter::parse("3/4")->bar(), Ticks(2880));
    EXPECT_EQ(Meter::parse("7/8")->beats_per_bar(), 7);
    EXPECT_FALSE(Meter::parse("4/5"));
    EXPECT_FALSE(Meter::parse("x/4"));
}

}  // namespace
}  // namespace tunesmith
