#include "music/key.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

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

// Every major and minor key, from either spelling of its tonic, is written with at most 7
// accidentals, and a key that already is keeps its spelling (F# and Gb major both stay).
TEST(Key, EveryKeyHasAConventionalSpelling) {
    for (int pc = 0; pc < 12; ++pc)
        for (const Mode mode : {Mode::major, Mode::minor})
            for (const bool flats : {false, true}) {
                const Key asked{NoteName::from_pitch_class(pc, flats), mode};
                const Key written = asked.conventional();
                EXPECT_LE(std::abs(written.signature()), 7) << asked.to_string();
                EXPECT_EQ(written.tonic_pc(), pc);
                EXPECT_EQ(written.mode, mode);
                if (std::abs(asked.signature()) <= 7) {
                    EXPECT_EQ(written, asked) << asked.to_string();
                }
            }
    EXPECT_EQ(Key::parse("Db minor")->conventional().to_string(), "C# minor");
    EXPECT_EQ(Key::parse("Gb minor")->conventional().to_string(), "F# minor");
    EXPECT_EQ(Key::parse("G# major")->conventional().to_string(), "Ab major");
    EXPECT_EQ(Key::parse("D# major")->conventional().to_string(), "Eb major");
    EXPECT_EQ(Key::parse("A# major")->conventional().to_string(), "Bb major");
    EXPECT_EQ(Key::parse("Db minor")->signature(), -8);
    EXPECT_EQ(Key::parse("C# minor")->signature(), 4);
    EXPECT_EQ(Key::parse("G dorian")->signature(), -1);
}

// Chords are spelled in their key: the seven diatonic roots take seven letters and only the key's
// own accidentals (no sharps in flat keys); chromatic roots are altered degrees (bVI in C is Ab).
TEST(Chord, NamesAreSpelledInTheKey) {
    for (int pc = 0; pc < 12; ++pc)
        for (const Mode mode : {Mode::major, Mode::minor})
            for (const bool flats : {false, true}) {
                const Key key = Key{NoteName::from_pitch_class(pc, flats), mode}.conventional();
                std::string letters;
                for (int degree = 0; degree < 7; ++degree) {
                    const std::string name = Chord{key.degree_pc(degree), ChordQuality::major}.name(key);
                    letters += name.front();
                    const char foreign = key.signature() < 0 ? '#' : 'b';  // the other kind of accidental
                    if (key.signature() != 0) {
                        EXPECT_EQ(name.find(foreign), std::string::npos) << key.to_string() << ": " << name;
                    }
                }
                std::sort(letters.begin(), letters.end());
                EXPECT_EQ(letters, "ABCDEFG") << key.to_string();
            }
    const Key c_sharp_minor = *Key::parse("C# minor");
    auto in = [](const Key& key, int root, ChordQuality quality) { return Chord{root, quality}.name(key); };
    EXPECT_EQ(in(c_sharp_minor, 6, ChordQuality::minor), "F#m");
    EXPECT_EQ(in(c_sharp_minor, 8, ChordQuality::major), "G#");
    EXPECT_EQ(in(c_sharp_minor, 11, ChordQuality::major), "B");
    const Key db_major = *Key::parse("Db major");
    EXPECT_EQ(in(db_major, 6, ChordQuality::major), "Gb");
    EXPECT_EQ(in(db_major, 3, ChordQuality::minor), "Ebm");
    const Key c_major = *Key::parse("C major");
    EXPECT_EQ(in(c_major, 8, ChordQuality::major), "Ab");
    EXPECT_EQ(in(c_major, 10, ChordQuality::major), "Bb");
    EXPECT_EQ(in(*Key::parse("A minor"), 8, ChordQuality::diminished), "G#dim");  // the raised 7th
    EXPECT_EQ(in(*Key::parse("D minor"), 1, ChordQuality::diminished), "C#dim");
    EXPECT_EQ((Chord{0, ChordQuality::major, 4}.name(*Key::parse("F minor"))), "C/E");
    EXPECT_EQ((Chord{1, ChordQuality::major, 5}.name(*Key::parse("Ab major"))), "Db/F");
    EXPECT_EQ(Chord::parse("Bbb"), (Chord{9, ChordQuality::major}));  // a double flat reads back
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
