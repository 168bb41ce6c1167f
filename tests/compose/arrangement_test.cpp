// Tests for compose/arrangement: include/exclude filtering, tiers from energy with lifts and
// drops, guaranteed included groups and the melody carrier.
#include "compose/arrangement.h"

#include <gtest/gtest.h>

#include "base/error.h"

namespace tunesmith {
namespace {

Plan four_bar_sections(std::vector<double> energies) {
    Plan plan;
    plan.meter = Meter{4, 4};
    const Ticks bar = plan.meter.bar();
    int first = 0;
    for (std::size_t i = 0; i < energies.size(); ++i) {
        plan.sections.push_back(PlannedSection{"s" + std::to_string(i), SectionRole::verse, first, 4, bar * first,
                                               bar * (first + 4), energies[i]});
        for (int b = 0; b < 4; ++b) plan.bar_energy.push_back(energies[i]);
        first += 4;
    }
    plan.length = bar * first;
    return plan;
}

Style two_tier_style() {
    Style style;
    style.name = "t";
    style.layers[0] = {Layer{"piano", PartRole::pad, "", Rate::whole, 0, 1.0}};
    style.layers[1] = {Layer{"piano", PartRole::comp, "block", Rate::quarter, 0, 1.0}, Layer{"bass", PartRole::bass, "roots", Rate::quarter, 0, 1.0}};
    style.layers[2] = {Layer{"piano", PartRole::comp, "block", Rate::quarter, 0, 1.0}, Layer{"bass", PartRole::bass, "roots", Rate::quarter, 0, 1.0},
                       Layer{"drums", PartRole::drums, "", Rate::eighth, 0, 1.0}};
    style.lead = {"synth", "piano"};
    return style;
}

TEST(Arrangement, IncludeAndExclude) {
    InstrumentSpec spec;
    spec.exclude = {"percussion"};
    auto groups = allowed_groups(spec);
    EXPECT_EQ(std::find(groups.begin(), groups.end(), "drums"), groups.end());
    spec.include = {"piano", "drums"};
    groups = allowed_groups(spec);
    EXPECT_EQ(groups, std::vector<std::string>{"piano"});
    spec.include = {"theremin"};
    EXPECT_THROW((void)allowed_groups(spec), InputError);
}

TEST(Arrangement, TiersFollowEnergyLiftsAndDrops) {
    Plan plan = four_bar_sections({0.2, 0.5, 0.9});
    auto tiers = plan_bar_tiers(plan);
    ASSERT_EQ(tiers.size(), 12u);
    EXPECT_EQ(tiers[0], EnergyTier::low);
    EXPECT_EQ(tiers[4], EnergyTier::mid);
    EXPECT_EQ(tiers[8], EnergyTier::high);
    PlannedHit lift;
    lift.kind = "lift";
    lift.tick = plan.meter.bar() * 2;
    PlannedHit drop;
    drop.kind = "drop";
    drop.tick = plan.meter.bar() * 10;
    plan.hits = {lift, drop};
    tiers = plan_bar_tiers(plan);
    EXPECT_EQ(tiers[1], EnergyTier::low);
    EXPECT_EQ(tiers[2], EnergyTier::mid);  // the lift adds a tier from its bar
    EXPECT_EQ(tiers[3], EnergyTier::mid);
    EXPECT_EQ(tiers[9], EnergyTier::high);
    EXPECT_EQ(tiers[10], EnergyTier::low);  // the drop breaks down to the section's end
}

TEST(Arrangement, IncludedGroupsAreGuaranteedAndLeadIsAllowed) {
    const Plan plan = four_bar_sections({0.2, 0.2});  // only the low tier is reached
    CueSpec spec;
    spec.instruments.include = {"piano", "strings"};
    const Arrangement arr = arrange(plan, spec, two_tier_style());
    auto has = [&](std::size_t tier, const std::string& g) {
        return std::any_of(arr.layers[tier].begin(), arr.layers[tier].end(), [&](const Layer& l) { return l.group == g; });
    };
    EXPECT_TRUE(has(0, "strings"));  // added where the cue goes
    EXPECT_FALSE(has(2, "drums"));   // not included
    EXPECT_EQ(arr.lead, "piano");    // synth is not allowed
}

// Session 13: "pop song with a saxophone solo" is the style's band plus the featured group, which
// carries the tune; include would have left the saxophone alone.
TEST(Arrangement, AFeaturedGroupJoinsTheStylesLayersAndCarriesTheTune) {
    const Plan plan = four_bar_sections({0.2, 0.5, 0.9});
    Style style = two_tier_style();
    style.soft_lead = {"piano"};
    CueSpec spec;
    spec.instruments.feature = {"woodwinds"};
    const Arrangement arr = arrange(plan, spec, style);
    for (std::size_t t = 0; t < 3; ++t) EXPECT_EQ(arr.layers[t], style.layers[t]) << t;  // the band, untouched
    EXPECT_EQ(arr.lead, "woodwinds");       // was the style's synth
    EXPECT_EQ(arr.soft_lead, "woodwinds");  // the style's melody plays soft too: the featured group carries it
    EXPECT_NE(std::find(arr.groups.begin(), arr.groups.end(), "woodwinds"), arr.groups.end());

    style.soft_lead.clear();  // the melody rests at the low tier: so does the featured group
    EXPECT_EQ(arrange(plan, spec, style).soft_lead, "");

    // With an include, the featured group is allowed on top of it.
    spec.instruments.include = {"piano"};
    EXPECT_EQ(allowed_groups(spec.instruments), (std::vector<std::string>{"piano", "woodwinds"}));
    EXPECT_EQ(arrange(plan, spec, style).lead, "woodwinds");

    // A featured bass cannot carry the tune: it plays its default role and the style's lead stays.
    spec.instruments = {};
    spec.instruments.feature = {"bass"};
    const Arrangement bass = arrange(four_bar_sections({0.2}), spec, style);
    EXPECT_EQ(bass.lead, "synth");
    ASSERT_FALSE(bass.layers[0].empty());
    EXPECT_EQ(bass.layers[0].back().group, "bass");
    spec.instruments.feature = {"theremin"};
    EXPECT_THROW((void)allowed_groups(spec.instruments), InputError);
}

// Session 14: "cinematic with strings" adds strings to the band as accompaniment; the style's lead
// keeps the tune unless the added group is the only melodic one left.
TEST(Arrangement, AnAddedGroupJoinsTheBandAndLeavesTheTuneToTheStylesLead) {
    const Plan plan = four_bar_sections({0.2, 0.5, 0.9});
    Style style = two_tier_style();
    style.soft_lead = {"piano"};
    CueSpec spec;
    spec.instruments.add = {"strings"};
    const Arrangement arr = arrange(plan, spec, style);
    EXPECT_EQ(arr.lead, "synth");  // a featured group would have taken it
    EXPECT_EQ(arr.soft_lead, "piano");
    for (std::size_t t = 0; t < 3; ++t) {
        ASSERT_FALSE(arr.layers[t].empty()) << t;
        EXPECT_EQ(arr.layers[t].back().group, "strings") << t;  // heard, with its default role
        EXPECT_EQ(arr.layers[t].back().role, PartRole::pad) << t;
    }
    spec.instruments.include = {"piano"};  // added on top of an include too
    EXPECT_EQ(allowed_groups(spec.instruments), (std::vector<std::string>{"piano", "strings"}));

    // Nothing else melodic sounds: the added strings carry the tune.
    spec.instruments = {};
    spec.instruments.add = {"strings"};
    spec.instruments.exclude = {"piano", "synth", "woodwinds", "brass", "guitar", "pad", "choir"};
    EXPECT_EQ(arrange(plan, spec, style).lead, "strings");
    spec.instruments.add = {"theremin"};
    EXPECT_THROW((void)allowed_groups(spec.instruments), InputError);
}

TEST(Arrangement, EmptyTierBorrowsFromTheNearestTier) {
    const Plan plan = four_bar_sections({0.2});
    CueSpec spec;
    spec.instruments.exclude = {"piano"};
    const Arrangement arr = arrange(plan, spec, two_tier_style());
    ASSERT_FALSE(arr.layers[0].empty());
    EXPECT_EQ(arr.layers[0].front().group, "bass");
}

}  // namespace
}  // namespace tunesmith
