// Tests for src/compose/tempo_choice.cpp: a free tempo moves so scene changes fall on bar lines.
#include "compose/tempo_choice.h"

#include "compose/plan.h"

#include <cmath>

#include <gtest/gtest.h>

namespace tunesmith {
namespace {

CueSpec spec_with_sections(double bpm, std::vector<double> starts) {
    CueSpec spec;
    spec.bpm = bpm;
    spec.length = Seconds(60.0);  // 25 bars at 100 bpm, 24 at 96
    spec.sections.push_back(SectionSpec{"intro", Seconds(0.0), 0.3});
    for (double t : starts) spec.sections.push_back(SectionSpec{"scene", Seconds(t), 0.6});
    return spec;
}

double bars_at(double seconds, double bpm, const Meter& meter) {
    return seconds * bpm / 60.0 / (static_cast<double>(meter.bar().value) / kTicksPerQuarter);
}

// At 100 bpm a cut at 13.0 s is 5.42 bars in: neither bar 5 (-7.7 %) nor bar 6 (+10.8 %) is within
// the tempo fit's 6 % bound. The chosen tempo puts it on a bar line, a few percent from 100.
TEST(TempoChoice, MovesAFreeTempoSoTheSceneChangeIsOnABarLine) {
    const CueSpec spec = spec_with_sections(100.0, {13.0});
    const double bpm = tempo_for_scene_changes(spec);
    const double bars = bars_at(13.0, bpm, spec.time_signature);
    EXPECT_NEAR(bars, std::round(bars), 0.05) << bpm;  // the tempo fit bends the rest
    EXPECT_LE(std::abs(bpm / 100.0 - 1.0), 0.12);
    EXPECT_NE(bpm, 100.0);
}

// Through the planner: at 100 bpm the scene that starts on the 13.0 s cut cannot begin on it (no
// downbeat within the bound), at the chosen tempo it does, to the sample.
TEST(TempoChoice, TheSceneThenStartsOnItsCut) {
    CueSpec spec = spec_with_sections(100.0, {13.0});
    spec.hits.push_back(HitSpec{Seconds(13.0), "cut"});
    const Samples cut = to_samples(Seconds(13.0), SampleRate(spec.sample_rate));
    const Plan before = make_plan(spec);
    ASSERT_EQ(before.sections.size(), 2u);
    EXPECT_NE(before.tempo.to_samples(before.sections[1].start), cut);
    spec.bpm = tempo_for_scene_changes(spec);
    const Plan after = make_plan(spec);
    ASSERT_EQ(after.sections.size(), 2u);
    EXPECT_EQ(after.tempo.to_samples(after.sections[1].start), cut) << spec.bpm;
}

TEST(TempoChoice, KeepsATempoThatAlreadyFits) {
    // 96 bpm: 10 s is exactly 4 bars, 20 s exactly 8.
    EXPECT_DOUBLE_EQ(tempo_for_scene_changes(spec_with_sections(96.0, {10.0, 20.0})), 96.0);
    EXPECT_DOUBLE_EQ(tempo_for_scene_changes(spec_with_sections(100.0, {9.6, 24.0})), 100.0);
    EXPECT_DOUBLE_EQ(tempo_for_scene_changes(spec_with_sections(100.0, {})), 100.0);
}

TEST(TempoChoice, FindsACompromiseForSeveralScenes) {
    const CueSpec spec = spec_with_sections(110.0, {9.7, 21.9, 35.3});
    const double bpm = tempo_for_scene_changes(spec);
    double worst_before = 0.0, worst_after = 0.0;
    for (double t : {9.7, 21.9, 35.3}) {
        const double before = bars_at(t, 110.0, spec.time_signature), after = bars_at(t, bpm, spec.time_signature);
        worst_before = std::max(worst_before, std::abs(before - std::round(before)));
        worst_after = std::max(worst_after, std::abs(after - std::round(after)));
    }
    EXPECT_LT(worst_after, worst_before) << bpm;
}

// The cue ends on a bar line too: a 25.0 s cue at a tempo that puts the 13.0 s cut on bar 6
// (92.3 bpm) would end 9.6 bars in; the choice keeps both near bar lines (about 95 bpm: 5.2 and
// 9.9 bars, both within the tempo map's bend) rather than the cut alone.
TEST(TempoChoice, TheEndIsABarLineToo) {
    CueSpec spec = spec_with_sections(100.0, {13.0});
    spec.length = Seconds(25.0);
    const double bpm = tempo_for_scene_changes(spec);
    const double at_end = bars_at(25.0, bpm, spec.time_signature);
    EXPECT_NEAR(at_end, std::round(at_end), 0.1) << bpm;  // the tempo map bends the rest
    spec.hits.push_back(HitSpec{Seconds(13.0), "cut"});
    spec.bpm = bpm;
    const Plan plan = make_plan(spec);
    EXPECT_EQ(plan.tempo.to_samples(plan.sections[1].start), to_samples(Seconds(13.0), SampleRate(spec.sample_rate))) << bpm;
}

// score-video's cuts_noaudio.mp4: a 19 s cue, a cut at 8.0 s and a scene change at 13.0 s. The 6 s
// after the scene hold 2 or 3 bars near the style's tempo, so no tempo puts both the scene and a
// bar-line end where the fit can reach them; the end falls inside a bar and the final chord rings
// out, and the scene starts on its cut's sample (it started on the next bar line, 13.68 s).
TEST(TempoChoice, ASceneNearTheEndStartsOnItsCutAndTheFinalChordRingsOut) {
    CueSpec spec = spec_with_sections(100.0, {13.0});
    spec.length = Seconds(19.0);
    spec.hits = {HitSpec{Seconds(8.0), "cut"}, HitSpec{Seconds(13.0), "hit"}};
    spec.bpm = tempo_for_scene_changes(spec);
    const Plan plan = make_plan(spec);
    const SampleRate rate(spec.sample_rate);
    ASSERT_EQ(plan.sections.size(), 2u);
    EXPECT_EQ(plan.tempo.to_samples(plan.sections[1].start), to_samples(Seconds(13.0), rate)) << spec.bpm;
    EXPECT_EQ(plan.length_samples, to_samples(Seconds(19.0), rate));
    EXPECT_EQ(plan.tempo.to_samples(plan.length), plan.length_samples);
    EXPECT_TRUE(plan.ring_out);
    for (const PlannedHit& h : plan.hits) EXPECT_TRUE(h.exact);
    // A fade keeps its patterns to the end: no ring-out, whole bars.
    spec.ending = Ending::fade_out;
    EXPECT_FALSE(make_plan(spec).ring_out);
}

TEST(TempoChoice, CountsBarsOfTheMeter) {
    CueSpec spec = spec_with_sections(90.0, {11.0});
    spec.time_signature = Meter{3, 4};
    const double bpm = tempo_for_scene_changes(spec);
    const double bars = bars_at(11.0, bpm, spec.time_signature);
    EXPECT_NEAR(bars, std::round(bars), 0.05) << bpm;  // the tempo fit bends the rest
}

}  // namespace
}  // namespace tunesmith
