// Tests for compose/bass: every pattern follows the chord roots in register and never crosses
// the range end; walking lines move every beat and approach the next root.
#include "compose/bass.h"

#include <gtest/gtest.h>

#include "music/pitch.h"

namespace tunesmith {
namespace {

std::vector<ChordSpan> progression() {
    const Ticks bar = Meter{4, 4}.bar();
    return {{Ticks(0), bar, *Chord::parse("C")}, {bar, bar * 2, *Chord::parse("Am")},
            {bar * 2, bar * 3, *Chord::parse("F")}, {bar * 3, bar * 4, *Chord::parse("G")}};
}

TEST(Bass, PatternsFollowRootsInRegister) {
    const auto chords = progression();
    const Key key = *Key::parse("C major");
    for (const char* pattern : {"roots", "root_fifth", "octaves", "pulse", "walking", "syncopated", "sustain"}) {
        BassRequest request{Ticks(0), Meter{4, 4}.bar() * 4, Meter{4, 4}, key, pattern, 28, 55};
        const auto notes = write_bass(chords, request, Rng(5));
        ASSERT_FALSE(notes.empty()) << pattern;
        for (const auto& n : notes) {
            EXPECT_GE(n.pitch, 28) << pattern;
            EXPECT_LE(n.pitch, 55) << pattern;
            EXPECT_LE(n.end(), request.end) << pattern;
            const ChordSpan* span = chord_at(chords, n.start);
            ASSERT_NE(span, nullptr);
            // On each chord's first beat the bass plays its root.
            if (n.start == span->start) {
                EXPECT_EQ(pitch_class(n.pitch), span->chord.root) << pattern;
            }
        }
    }
}

TEST(Bass, WalkingMovesEveryBeatAndApproachesTheNextRoot) {
    const auto chords = progression();
    BassRequest request{Ticks(0), Meter{4, 4}.bar() * 4, Meter{4, 4}, *Key::parse("C major"), "walking", 28, 55};
    const auto notes = write_bass(chords, request, Rng(9));
    ASSERT_EQ(notes.size(), 16u);
    for (std::size_t i = 3; i + 1 < notes.size(); i += 4) {
        const int next_root = notes[i + 1].pitch;
        EXPECT_EQ(std::abs(notes[i].pitch - next_root), 1) << "beat 4 of bar " << i / 4;
    }
}

TEST(Bass, SustainHoldsAcrossBarsOfOneChord) {
    const Ticks bar = Meter{4, 4}.bar();
    const std::vector<ChordSpan> chords{{Ticks(0), bar * 2, *Chord::parse("Dm")}, {bar * 2, bar * 4, *Chord::parse("Bb")}};
    BassRequest request{Ticks(0), bar * 4, Meter{4, 4}, *Key::parse("D minor"), "sustain", 28, 55};
    const auto notes = write_bass(chords, request, Rng(1));
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0].duration, bar * 2);
    EXPECT_EQ(pitch_class(notes[1].pitch), 10);
}

}  // namespace
}  // namespace tunesmith
