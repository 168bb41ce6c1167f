// Tests for compose/instruments.cpp's attack classes: which General MIDI programs speak too slowly
// to strike a stab, and what plays their stabs.
#include "compose/instruments.h"

#include <gtest/gtest.h>

namespace tunesmith {
namespace {

TEST(SlowAttack, SectionsChoirsAndPadsSwellKeysBrassAndLeadsStrike) {
    for (int slow : {48, 49, 52, 73, 89, 95}) EXPECT_TRUE(slow_attack(slow)) << slow;
    for (int fast : {0, 25, 33, 55, 56, 61, 62, 81, 90}) EXPECT_FALSE(slow_attack(fast)) << fast;
    // The default programs of the stab groups: brass, synth and piano strike; strings, pad and choir do not.
    for (const char* group : {"brass", "synth", "piano", "guitar"}) EXPECT_FALSE(slow_attack(instrument_info(group).program)) << group;
    for (const char* group : {"strings", "pad", "choir"}) EXPECT_TRUE(slow_attack(instrument_info(group).program)) << group;
}

TEST(SlowAttack, AStrikingProgramOfTheSameFamilyPlaysTheStab) {
    EXPECT_EQ(striking_program(48), 55);  // string ensemble: the orchestra hit
    EXPECT_EQ(striking_program(52), 55);  // choir aahs
    EXPECT_EQ(striking_program(95), 90);  // sweep pad: the polysynth
    EXPECT_EQ(striking_program(50), 90);  // synth strings
    EXPECT_EQ(striking_program(63), 62);  // synth brass 2: synth brass 1
    for (int p = 0; p < 128; ++p) EXPECT_FALSE(slow_attack(striking_program(p))) << p;
    EXPECT_EQ(striking_program(61), 61);  // brass strikes already
}

}  // namespace
}  // namespace tunesmith
