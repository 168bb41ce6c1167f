// Tests for compose/hit_room.cpp and how compose() sets up a hit: a breath in the half beat
// before it (drums dropped, pitched notes stopped and struck again on the hit), an accent loud
// enough to read, and a stab where no drum accent is played.
#include "compose/hit_room.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "compose/compose.h"
#include "compose/instruments.h"
#include "compose_fixture.h"

namespace tunesmith {
namespace {

using testing_fixture::find_track;

const StyleLibrary& library() { return testing_fixture::style_library(); }

TEST(HitRoom, DrumsLeaveTheHalfBeatBeforeAHit) {
    const Ticks hit(9600);
    std::vector<Note> drums{{hit - kQuarter, Ticks(120), 36, 90},   // a beat before: kept
                            {hit - kQuarter / 2, Ticks(120), 36, 90},  // the "and" before: dropped
                            {hit - Ticks(10), Ticks(120), 42, 60},     // just before: dropped
                            {hit, Ticks(120), 49, 112}};               // the hit itself: kept
    const std::vector<Ticks> hits{hit};
    clear_drums_before_hits(drums, hits, kQuarter / 2);
    ASSERT_EQ(drums.size(), 2u);
    EXPECT_EQ(drums[0].start, hit - kQuarter);
    EXPECT_EQ(drums[1].start, hit);
}

TEST(HitRoom, ANoteHeldThroughAHitBreathesAndIsStruckAgainOnIt) {
    const Ticks hit(9600), gap = kQuarter / 2;
    std::vector<Note> notes{{hit - kQuarter * 2, kQuarter * 4, 60, 80},  // held through the hit
                            {hit - kQuarter * 2, kQuarter * 2 - Ticks(100), 64, 80},  // ends inside the breath
                            {hit - Ticks(200), kQuarter, 67, 80},  // starts inside the breath, rings past the hit
                            {hit, kQuarter, 72, 100}};  // the stab on the hit
    const std::vector<Ticks> hits{hit};
    breathe_before_hits(notes, hits, gap);
    for (const Note& n : notes) EXPECT_FALSE(n.start < hit && n.end() > hit - gap) << n.pitch;
    const auto has = [&](Ticks start, Ticks end, int pitch) {
        return std::any_of(notes.begin(), notes.end(),
                           [&](const Note& n) { return n.start == start && n.end() == end && n.pitch == pitch; });
    };
    EXPECT_TRUE(has(hit - kQuarter * 2, hit - gap, 60));
    EXPECT_TRUE(has(hit, hit + kQuarter * 2, 60));  // struck again on the hit
    EXPECT_TRUE(has(hit - kQuarter * 2, hit - gap, 64));
    EXPECT_TRUE(has(hit, hit - Ticks(200) + kQuarter, 67));
    EXPECT_TRUE(has(hit, hit + kQuarter, 72));
    EXPECT_EQ(notes.size(), 5u);
}

CueSpec cut_spec() {
    CueSpec spec;
    spec.key = *Key::parse("D minor");
    spec.bpm = 120.0;
    spec.length = Seconds(32.0);
    spec.style = {"pop"};
    spec.sections = {{"verse", Seconds(0.0), 0.7}};
    spec.hits = {{Seconds(12.5), "cut"}};  // beat 25: the second beat of bar 7
    spec.seed = 11;
    return spec;
}

// The eval's late hit (docs/video.md, session 10): a quiet "cut" accent (velocity 78) under a kick
// struck 118 ms before it. Now the groove leaves the half beat before the cut and the accent is loud.
TEST(HitRoom, ACutIsAccentedAfterABreathInEveryPart) {
    const CueSpec spec = cut_spec();
    const Plan plan = make_plan(spec);
    ASSERT_EQ(plan.hits.size(), 1u);
    const Ticks at = plan.hits[0].tick, breath = at - plan.meter.beat() / 2;
    const Score score = compose(plan, spec, choose_style(library(), spec));
    const Track* drums = find_track(score, "drums");
    ASSERT_NE(drums, nullptr);
    int crash = 0;
    for (const Note& n : drums->notes) {
        EXPECT_FALSE(n.start >= breath && n.start < at) << "drum " << n.pitch << " at " << n.start.value;
        if (n.start == at && n.pitch == 49) crash = n.velocity;
    }
    EXPECT_GE(crash, 110);
    for (const Track& t : score.tracks) {
        if (t.drums) continue;
        for (const Note& n : t.notes) EXPECT_FALSE(n.start < at && n.end() > breath) << t.name << " " << n.pitch;
    }
}

// A cut in a cue without drums used to sound as nothing but the pattern's next note; now it is a stab.
TEST(HitRoom, ACutWithoutDrumsIsAStab) {
    CueSpec spec = cut_spec();
    spec.instruments.include = {"synth"};
    const Plan plan = make_plan(spec);
    const Score score = compose(plan, spec, choose_style(library(), spec));
    ASSERT_EQ(find_track(score, "drums"), nullptr);
    const Track* synth = find_track(score, "synth");
    ASSERT_NE(synth, nullptr);
    const auto loud_on_hit = std::count_if(synth->notes.begin(), synth->notes.end(), [&](const Note& n) {
        return n.start == plan.hits[0].tick && n.velocity >= 90;
    });
    EXPECT_GE(loud_on_hit, 3);
}

// A tension cue of synths alone plays a sweep pad, whose stab swelled over 170 ms and never read as
// a hit (docs/video.md, session 12): its stabs now strike on the polysynth, a track of their own.
TEST(HitRoom, ASlowPadStabsOnAStrikingSynth) {
    CueSpec spec = cut_spec();
    spec.style = {"tension"};
    spec.instruments.include = {"synth"};
    const Plan plan = make_plan(spec);
    const Score score = compose(plan, spec, choose_style(library(), spec));
    const Track* pad = find_track(score, "synth");
    ASSERT_NE(pad, nullptr);
    ASSERT_TRUE(slow_attack(pad->program)) << "the style's synth is no longer a slow pad: pick another";
    const Track* stab = find_track(score, "synth_stab");
    ASSERT_NE(stab, nullptr);
    EXPECT_EQ(stab->program, 90);
    EXPECT_EQ(stab->group, "synth");  // mixed as the synth
    const auto on_hit = std::count_if(stab->notes.begin(), stab->notes.end(), [&](const Note& n) {
        return n.start == plan.hits[0].tick && n.velocity >= 90;
    });
    EXPECT_GE(on_hit, 3);
    EXPECT_EQ(std::count_if(pad->notes.begin(), pad->notes.end(),
                            [&](const Note& n) { return n.start == plan.hits[0].tick && n.velocity >= 100; }),
              0) << "the stab left the pad";
}

}  // namespace
}  // namespace tunesmith
