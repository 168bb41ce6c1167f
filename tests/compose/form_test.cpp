// Tests for compose/form: sections cover the cue on bar lines in musical phrase lengths, turns
// start sections, spec sections snap to bars with warnings, and roles follow names and energy.
#include "compose/form.h"

#include <gtest/gtest.h>

namespace tunesmith {
namespace {

const Ticks kBar = Meter{4, 4}.bar();

void expect_covers(const std::vector<PlannedSection>& sections, int bars, Ticks bar_length) {
    ASSERT_FALSE(sections.empty());
    EXPECT_EQ(sections.front().first_bar, 0);
    int next = 0;
    for (const auto& s : sections) {
        EXPECT_EQ(s.first_bar, next);
        EXPECT_GE(s.bar_count, 1);
        EXPECT_EQ(s.start, bar_length * s.first_bar);
        EXPECT_EQ(s.end, bar_length * (s.first_bar + s.bar_count));
        next = s.first_bar + s.bar_count;
    }
    EXPECT_EQ(next, bars);
}

TEST(Form, CoversEveryLengthWithSectionsOfAtLeastTwoBars) {
    for (int bars = 1; bars <= 400; ++bars) {
        SCOPED_TRACE("bars " + std::to_string(bars));
        const auto sections = choose_form(bars, kBar, {});
        expect_covers(sections, bars, kBar);
        if (bars >= 4) {
            EXPECT_GE(sections.size(), 2u);
            for (const auto& s : sections) EXPECT_GE(s.bar_count, 2);
        }
        for (const auto& s : sections) EXPECT_LE(s.bar_count, 32);
    }
}

TEST(Form, UsesPhraseLengthsMusiciansExpect) {
    // 40 bars: a 4-bar intro, body phrases of 8 or 16, a 4-bar outro.
    const auto sections = choose_form(40, kBar, {});
    EXPECT_EQ(sections.front().bar_count, 4);
    EXPECT_EQ(sections.back().bar_count, 4);
    for (std::size_t i = 1; i + 1 < sections.size(); ++i)
        EXPECT_TRUE(sections[i].bar_count == 8 || sections[i].bar_count == 16) << sections[i].bar_count;
    // Long cues: mostly 8/16-bar phrases.
    int phrased = 0;
    const auto long_form = choose_form(301, kBar, {});
    for (const auto& s : long_form) phrased += (s.bar_count % 4 == 0) ? 1 : 0;
    EXPECT_GE(phrased, static_cast<int>(long_form.size()) - 2);
}

TEST(Form, ShortCueIsIntroBodyEnding) {
    const auto sections = choose_form(6, kBar, {});
    ASSERT_EQ(sections.size(), 3u);
    for (const auto& s : sections) EXPECT_EQ(s.bar_count, 2);
}

TEST(Form, TurnsStartSections) {
    const std::vector<FormTurn> turns{{13, "lift"}, {27, "drop"}};
    const auto sections = choose_form(40, kBar, turns);
    expect_covers(sections, 40, kBar);
    int found = 0;
    for (const auto& s : sections) found += (s.first_bar == 13 || s.first_bar == 27) ? 1 : 0;
    EXPECT_EQ(found, 2);
}

TEST(Form, SpecSectionsSnapToBarLines) {
    // 120 bpm 4/4: a bar is 2 s.
    const TempoMap tempo = TempoMap::constant(120.0, SampleRate(48000));
    const std::vector<SectionSpec> spec{{"verse", Seconds(8.1), 0.4}, {"intro", Seconds(0.0), 0.2},
                                        {"chorus", Seconds(16.9), 0.8}, {"outro", Seconds(24.0), 0.3}};
    std::vector<std::string> warnings;
    const auto sections = snap_sections(spec, tempo, Meter{4, 4}, 16, {}, warnings);
    ASSERT_EQ(sections.size(), 4u);
    expect_covers(sections, 16, kBar);
    EXPECT_EQ(sections[0].name, "intro");
    EXPECT_EQ(sections[1].first_bar, 4);  // 8.1 s -> 8 s, moved 0.1 s: less than half a beat
    EXPECT_EQ(sections[2].first_bar, 8);  // 16.9 s -> 16 s, moved 0.9 s: reported
    EXPECT_EQ(sections[2].name, "chorus");
    EXPECT_DOUBLE_EQ(sections[2].energy, 0.8);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("chorus"), std::string::npos);
}

TEST(Form, ALateFirstSectionGetsAnIntroAndLiftTakesANearbyBoundary) {
    const TempoMap tempo = TempoMap::constant(120.0, SampleRate(48000));
    const std::vector<SectionSpec> spec{{"verse", Seconds(10.0), 0.6}, {"b", Seconds(20.0), 0.8}};
    const std::vector<FormTurn> turns{{11, "lift"}};
    std::vector<std::string> warnings;
    const auto sections = snap_sections(spec, tempo, Meter{4, 4}, 20, turns, warnings);
    ASSERT_EQ(sections.size(), 3u);
    EXPECT_EQ(sections[0].first_bar, 0);
    EXPECT_EQ(sections[0].name, "intro");
    EXPECT_LT(sections[0].energy, 0.6);
    EXPECT_EQ(sections[1].first_bar, 5);   // the verse keeps its 10 s
    EXPECT_EQ(sections[2].first_bar, 11);  // bar 10 (20 s) moves to the lift at bar 11
    EXPECT_EQ(warnings.size(), 1u);        // 'b' moved 2 s later
}

TEST(Form, AFirstSectionWithinHalfABarOfTheStartStartsAtZero) {
    const TempoMap tempo = TempoMap::constant(120.0, SampleRate(48000));
    const std::vector<SectionSpec> spec{{"a", Seconds(0.8), 0.4}, {"b", Seconds(8.0), 0.8}};
    std::vector<std::string> warnings;
    const auto sections = snap_sections(spec, tempo, Meter{4, 4}, 8, {}, warnings);
    ASSERT_EQ(sections.size(), 2u);
    EXPECT_EQ(sections[0].name, "a");
    EXPECT_EQ(sections[0].first_bar, 0);
}

TEST(Form, SectionsSnappingTogetherStayOneBarApart) {
    const TempoMap tempo = TempoMap::constant(120.0, SampleRate(48000));
    const std::vector<SectionSpec> spec{{"a", Seconds(0.0), 0.4}, {"b", Seconds(4.0), 0.5}, {"c", Seconds(4.2), 0.6}};
    std::vector<std::string> warnings;
    const auto sections = snap_sections(spec, tempo, Meter{4, 4}, 8, {}, warnings);
    ASSERT_EQ(sections.size(), 3u);
    expect_covers(sections, 8, kBar);
    EXPECT_EQ(sections[2].first_bar, 3);
}

std::vector<PlannedSection> with_energies(const std::vector<double>& energies) {
    std::vector<PlannedSection> sections;
    int bar = 0;
    for (double e : energies) {
        PlannedSection s;
        s.first_bar = bar;
        s.bar_count = 8;
        s.energy = e;
        bar += 8;
        sections.push_back(s);
    }
    return sections;
}

TEST(Form, RolesFollowEnergy) {
    auto sections = with_energies({0.3, 0.5, 0.7, 0.9, 0.4, 0.5});
    assign_roles(sections, {}, false);
    EXPECT_EQ(sections[0].role, SectionRole::intro);
    EXPECT_EQ(sections[1].role, SectionRole::build);
    EXPECT_EQ(sections[3].role, SectionRole::climax);
    EXPECT_EQ(sections[4].role, SectionRole::breakdown);
    EXPECT_EQ(sections[5].role, SectionRole::outro);
    name_by_role(sections);
    EXPECT_EQ(sections[1].name, "build");
    EXPECT_EQ(sections[2].name, "build 2");
}

// Session 14: a flat, quiet cue (a 5-minute meditation at 0.25 throughout) has no climax to name.
TEST(Form, AFlatCueHasNoClimax) {
    auto flat = with_energies({0.25, 0.25, 0.25, 0.25, 0.25, 0.25});
    assign_roles(flat, {}, false);
    for (const auto& s : flat) EXPECT_NE(s.role, SectionRole::climax) << s.first_bar;
    EXPECT_EQ(flat[1].role, SectionRole::verse);
    name_by_role(flat);
    EXPECT_EQ(flat[2].name, "verse 2");
    // A small but real rise still peaks.
    auto gentle = with_energies({0.2, 0.2, 0.3, 0.2, 0.2});
    assign_roles(gentle, {}, false);
    EXPECT_EQ(gentle[2].role, SectionRole::climax);
}

TEST(Form, DropStartsABreakdown) {
    auto sections = with_energies({0.3, 0.6, 0.6, 0.5});
    const std::vector<FormTurn> turns{{16, "drop"}};
    assign_roles(sections, turns, false);
    EXPECT_EQ(sections[2].role, SectionRole::breakdown);
}

TEST(Form, NamesGiveRolesAndTheLastSectionIsTheEnding) {
    auto sections = with_energies({0.5, 0.5, 0.5, 0.5});
    sections[0].name = "Opening";
    sections[1].name = "pre-chorus";
    sections[2].name = "Chorus 1";
    sections[3].name = "chorus 2";
    assign_roles(sections, {}, true);
    EXPECT_EQ(sections[0].role, SectionRole::intro);
    EXPECT_EQ(sections[1].role, SectionRole::build);
    EXPECT_EQ(sections[2].role, SectionRole::climax);
    EXPECT_EQ(sections[3].role, SectionRole::outro);
}

TEST(Form, ASectionNamedDropIsThePeak) {
    // The EDM drop is the high point after a build; instruments dropping out is a "breakdown".
    auto sections = with_energies({0.3, 0.6, 1.0, 0.4, 0.5});
    sections[1].name = "build";
    sections[2].name = "drop";
    sections[3].name = "breakdown";
    assign_roles(sections, {}, true);
    EXPECT_EQ(sections[1].role, SectionRole::build);
    EXPECT_EQ(sections[2].role, SectionRole::climax);
    EXPECT_EQ(sections[3].role, SectionRole::breakdown);
}

TEST(Form, RoleNamesRoundTrip) {
    for (SectionRole r : {SectionRole::intro, SectionRole::verse, SectionRole::build, SectionRole::climax,
                          SectionRole::breakdown, SectionRole::bridge, SectionRole::outro})
        EXPECT_EQ(parse_section_role(section_role_name(r)), r);
    EXPECT_FALSE(parse_section_role("chorus").has_value());
}

}  // namespace
}  // namespace tunesmith
