// Tests for soloist cues (compose/soloists.h): a solo cello plays a line with double stops, not
// pads; a flute one note at a time; a piano its tune over its left hand; a duo splits tune and
// accompaniment; every other cue keeps the style's arrangement.
#include "compose/soloists.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "compose/compose.h"
#include "compose/plan.h"
#include "compose_fixture.h"

namespace tunesmith {
namespace {

using testing_fixture::find_track;

const StyleLibrary& library() { return testing_fixture::style_library(); }

// A cue of the cinematic style (pads, ostinatos, drums) with a hit, so that a soloist cue shows
// whether any of the style's layers or hit stabs leaked in.
CueSpec cue(std::vector<std::string> include, std::map<std::string, std::string> voices) {
    CueSpec spec;
    spec.key = *Key::parse("D minor");
    spec.bpm = 96.0;
    spec.length = Seconds(40.0);
    spec.style = {"cinematic"};
    spec.sections = {{"intro", Seconds(0.0), 0.2}, {"verse", Seconds(10.0), 0.5}, {"climax", Seconds(25.0), 0.9}};
    spec.hits = {{Seconds(20.0), "hit"}};
    spec.instruments.include = std::move(include);
    spec.instruments.voices = std::move(voices);
    spec.seed = 11;
    return spec;
}

Score compose_spec(const CueSpec& spec) { return compose(make_plan(spec), spec, choose_style(library(), spec)); }

// The most notes of a track sounding together (a legato overlap under 1/32 note is a player's
// connection, not a chord).
int most_at_once(const Track& track) {
    constexpr Ticks kLegato{kTicksPerQuarter / 8};
    int most = 0;
    for (const auto& n : track.notes) {
        const auto sounding = std::count_if(track.notes.begin(), track.notes.end(), [&](const Note& m) {
            return m.start <= n.start && m.end() > n.start + kLegato;
        });
        most = std::max(most, static_cast<int>(sounding));
    }
    return most;
}

TEST(Soloists, SoloCelloPlaysALineWithDoubleStopsAndNothingElse) {
    const Score score = compose_spec(cue({"strings"}, {{"strings", "cello"}}));
    ASSERT_EQ(score.tracks.size(), 1u);
    const Track* cello = find_track(score, "cello");
    ASSERT_NE(cello, nullptr);
    EXPECT_EQ(cello->program, 42);
    EXPECT_GE(cello->notes.size(), 30u);  // the tune, at every energy
    EXPECT_EQ(most_at_once(*cello), 2);   // double stops, never a pad chord
    for (const auto& n : cello->notes) {
        EXPECT_GE(n.pitch, 36);
        EXPECT_LE(n.pitch, 72);
    }
}

TEST(Soloists, AWindPlaysOneNoteAtATime) {
    const Score score = compose_spec(cue({"woodwinds"}, {{"woodwinds", "flute"}}));
    ASSERT_EQ(score.tracks.size(), 1u);
    EXPECT_EQ(score.tracks[0].name, "flute");
    EXPECT_EQ(most_at_once(score.tracks[0]), 1);
}

TEST(Soloists, ASoloPianoPlaysItsTuneOverItsLeftHand) {
    const Score score = compose_spec(cue({"piano"}, {}));
    ASSERT_EQ(score.tracks.size(), 1u);
    const Track& piano = score.tracks[0];
    EXPECT_EQ(piano.name, "piano");
    const auto high = std::count_if(piano.notes.begin(), piano.notes.end(), [](const Note& n) { return n.pitch >= 60; });
    const auto low = std::count_if(piano.notes.begin(), piano.notes.end(), [](const Note& n) { return n.pitch < 55; });
    EXPECT_GE(high, 20);  // the right hand's tune
    EXPECT_GE(low, 10);   // the left hand's bass notes
    EXPECT_LE(most_at_once(piano), 6);  // a hit or the last chord with both hands
}

TEST(Soloists, ADuoGivesTheTuneToTheLinePlayerAndTheKeyboardAccompanies) {
    const CueSpec spec = cue({"piano", "strings"}, {{"strings", "cello"}});
    const auto players = plan_soloists(spec, choose_style(library(), spec));
    ASSERT_EQ(players.size(), 2u);
    EXPECT_EQ(players[0], (Soloist{"piano", 10, SoloPart::accompaniment}));
    EXPECT_EQ(players[1], (Soloist{"strings", 2, SoloPart::melody}));
    const Score score = compose_spec(spec);
    ASSERT_EQ(score.tracks.size(), 2u);
    EXPECT_NE(find_track(score, "piano"), nullptr);
    EXPECT_NE(find_track(score, "cello"), nullptr);
}

TEST(Soloists, TwoLinePlayersShareTuneAndBass) {
    const CueSpec spec = cue({"woodwinds", "strings"}, {{"woodwinds", "flute"}, {"strings", "cello"}});
    const auto players = plan_soloists(spec, choose_style(library(), spec));
    ASSERT_EQ(players.size(), 2u);
    EXPECT_EQ(players[0].part, SoloPart::bass_line);  // strings (cello), in group order
    EXPECT_EQ(players[1].part, SoloPart::melody);     // woodwinds (flute)
}

TEST(Soloists, EnsemblesAndOpenCuesKeepTheStyle) {
    const Style& style = choose_style(library(), cue({}, {}));
    EXPECT_TRUE(plan_soloists(cue({}, {}), style).empty());                                   // the style decides
    EXPECT_TRUE(plan_soloists(cue({"strings"}, {}), style).empty());                          // a section
    EXPECT_TRUE(plan_soloists(cue({"strings"}, {{"strings", "string_ensemble"}}), style).empty());
    EXPECT_TRUE(plan_soloists(cue({"piano", "drums"}, {}), style).empty());                   // a kit
    EXPECT_TRUE(plan_soloists(cue({"piano", "strings"}, {}), style).empty());                 // piano and strings
}

TEST(Soloists, PlayerChordsHoldNoMoreNotesThanThePlayerHas) {
    const Chord d_minor{2, ChordQuality::minor};
    EXPECT_EQ(player_chord(d_minor, Ticks(0), kQuarter, 60, 96, 1, 90).size(), 1u);
    const auto stop = player_chord(d_minor, Ticks(0), kQuarter, 36, 72, 2, 90);
    ASSERT_EQ(stop.size(), 2u);
    EXPECT_EQ(stop[1].pitch - stop[0].pitch, 7);  // root and fifth, as on open strings
    EXPECT_EQ(player_chord(d_minor, Ticks(0), kQuarter, 36, 96, 10, 90).size(), 4u);
}

}  // namespace
}  // namespace tunesmith
