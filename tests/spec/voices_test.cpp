#include "spec/voices.h"

#include <gtest/gtest.h>

#include <set>

#include "spec/value_parsers.h"
#include "spec_test_support.h"

namespace tunesmith {
namespace {

bool is_group(std::string_view name) {
    const auto& groups = instrument_groups();
    return std::find(groups.begin(), groups.end(), name) != groups.end();
}

TEST(Voices, TableIsConsistent) {
    std::set<std::string_view> names;
    for (const Voice& v : voice_table()) {
        SCOPED_TRACE(std::string(v.name));
        EXPECT_TRUE(names.insert(v.name).second) << "listed twice";
        EXPECT_TRUE(is_group(v.group));
        EXPECT_NE(v.group, "drums");  // the style's kit plays the drums
        if (!v.alternate_group.empty()) {
            EXPECT_TRUE(is_group(v.alternate_group));
        }
        EXPECT_GE(v.program, 0);
        EXPECT_LE(v.program, 127);
        EXPECT_GE(v.high - v.low, 17) << "a register narrower than a tenth cannot voice a chord";
        if (v.family_low >= 0) {
            EXPECT_LE(v.family_low, v.program);
            EXPECT_GE(v.family_high, v.program);
        }
        EXPECT_EQ(find_voice(v.name), &v);
    }
}

TEST(Voices, RegistersSayWhereAnInstrumentSits) {
    // A cello part is lower than a violin part, a tuba is low, a glockenspiel high.
    EXPECT_LT(find_voice("cello")->high, find_voice("violin")->high);
    EXPECT_LT(find_voice("cello")->low, find_voice("violin")->low);
    EXPECT_LE(find_voice("tuba")->high, 60);
    EXPECT_GE(find_voice("glockenspiel")->low, 72);
    EXPECT_EQ(find_voice("cello")->program, 42);
    EXPECT_EQ(find_voice("church_organ")->program, 19);
    EXPECT_EQ(find_voice("marimba")->program, 12);
}

TEST(Voices, NamesAreReadLeniently) {
    EXPECT_EQ(find_voice("Church Organ"), find_voice("church_organ"));
    EXPECT_EQ(find_voice("church-organ"), find_voice("church_organ"));
    EXPECT_EQ(find_voice("kazoo"), nullptr);
    EXPECT_TRUE(voice_fits_group(*find_voice("marimba"), "synth"));  // its alternate track
    EXPECT_FALSE(voice_fits_group(*find_voice("cello"), "brass"));
    const auto strings = voice_names_for("strings");
    EXPECT_NE(std::find(strings.begin(), strings.end(), "cello"), strings.end());
    EXPECT_TRUE(voice_names_for("drums").empty());
}

TEST(Voices, AFamilyKeepsTheStylesProgram) {
    const Voice& electric = *find_voice("electric_guitar");
    EXPECT_EQ(voice_program(electric, 29), 29);  // rock's overdrive stays
    EXPECT_EQ(voice_program(electric, 25), 27);  // pop's acoustic becomes a clean electric
    EXPECT_EQ(voice_program(*find_voice("cello"), 48), 42);
}

// Session 11: one player per part. A named solo instrument, a plain piano or guitar is one player;
// a section, an ensemble voice, a pad, a choir or drums is not.
TEST(Voices, SoloistCuesAreOnePlayerPerPartAndNothingElse) {
    InstrumentSpec cello{{"strings"}, {}, {{"strings", {"cello"}}}};
    EXPECT_EQ(cue_players(cello), (std::vector<Player>{{"strings", "cello", "cello", 2}}));
    EXPECT_TRUE(played_by_soloists(cello));
    EXPECT_EQ(sounding_groups(cello), std::vector<std::string>{"strings"});
    EXPECT_TRUE(played_by_soloists(InstrumentSpec{{"piano", "strings"}, {}, {{"strings", {"cello"}}}}));
    EXPECT_TRUE(played_by_soloists(InstrumentSpec{{"guitar"}, {}, {}}));
    EXPECT_FALSE(played_by_soloists(InstrumentSpec{{"strings"}, {}, {}}));
    EXPECT_FALSE(played_by_soloists(InstrumentSpec{{"strings"}, {}, {{"strings", {"string_ensemble"}}}}));
    EXPECT_FALSE(played_by_soloists(InstrumentSpec{{"piano", "percussion"}, {}, {}}));
    EXPECT_FALSE(played_by_soloists(InstrumentSpec{}));  // every group: the style arranges
    // Excluding everything but one player is the same as including it.
    InstrumentSpec excluded;
    for (const auto& g : instrument_groups())
        if (g != "piano") excluded.exclude.push_back(g);
    EXPECT_TRUE(played_by_soloists(excluded));
    for (const Voice& v : voice_table()) EXPECT_GE(v.polyphony, 0) << v.name;
    EXPECT_EQ(find_voice("flute")->polyphony, 1);
    EXPECT_EQ(find_voice("string_ensemble")->polyphony, 0);
}

TEST(Voices, StemsAreNamedByTheVoiceThatPlays) {
    const InstrumentSpec spec{{}, {}, {{"strings", {"cello"}}, {"piano", {"marimba"}}, {"synth", {"marimba"}}}};
    EXPECT_EQ(stem_name(spec, "strings"), "cello");
    EXPECT_EQ(stem_name(spec, "brass"), "brass");
    EXPECT_EQ(stem_name(spec, "piano"), "marimba_piano");
    EXPECT_EQ(stem_name(spec, "synth"), "marimba_synth");
}

// Session 12: several players in one group; each is a track of its own, named by its voice.
TEST(Voices, PlayersOfOneGroupAreTracksOfTheirOwn) {
    const InstrumentSpec quartet{{"strings"}, {}, {{"strings", {"violin", "violin", "viola", "cello"}}}};
    std::vector<std::string> tracks;
    for (const Player& p : cue_players(quartet)) tracks.push_back(p.track);
    EXPECT_EQ(tracks, (std::vector<std::string>{"violin_1", "violin_2", "viola", "cello"}));
    EXPECT_TRUE(played_by_soloists(quartet));
    EXPECT_EQ(stem_name(quartet, "strings"), "strings");  // no one voice plays the group's track
    EXPECT_EQ(group_voice(quartet, "strings"), nullptr);
    EXPECT_EQ(group_voice(InstrumentSpec{{}, {}, {{"strings", {"cello"}}}}, "strings"), find_voice("cello"));
    // A quintet is the most; a sixth player or a drum kit makes an ensemble the style arranges.
    InstrumentSpec brass{{"brass"}, {}, {{"brass", {"trumpet", "trumpet", "french_horn", "trombone", "tuba"}}}};
    EXPECT_TRUE(played_by_soloists(brass));
    EXPECT_EQ(cue_players(brass)[1].track, "trumpet_2");
    brass.include.push_back("piano");
    EXPECT_FALSE(played_by_soloists(brass));
    EXPECT_FALSE(played_by_soloists(InstrumentSpec{{"strings", "drums"}, {}, {{"strings", {"violin", "cello"}}}}));
}

}  // namespace
}  // namespace tunesmith
