// Tests for soloist cues (compose/soloists.h): a solo cello plays a line with double stops, not
// pads; a flute one note at a time; a piano its tune over its left hand; a duo splits tune and
// accompaniment; a quartet plays four lines in four registers; every other cue keeps the style's
// arrangement.
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
CueSpec cue(std::vector<std::string> include, std::map<std::string, std::vector<std::string>> voices) {
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

std::vector<Note> tune(const CueSpec& spec) {
    return compose_melody(make_plan(spec), spec, choose_style(library(), spec), {});
}

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
    const Score score = compose_spec(cue({"strings"}, {{"strings", {"cello"}}}));
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
    const Score score = compose_spec(cue({"woodwinds"}, {{"woodwinds", {"flute"}}}));
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
    const CueSpec spec = cue({"piano", "strings"}, {{"strings", {"cello"}}});
    const auto players = plan_soloists(spec, choose_style(library(), spec), tune(spec));
    ASSERT_EQ(players.size(), 2u);
    EXPECT_EQ(players[0].player, (Player{"piano", "", "piano", 10}));
    EXPECT_EQ(players[0].part, SoloPart::accompaniment);
    EXPECT_EQ(players[1].player, (Player{"strings", "cello", "cello", 2}));
    EXPECT_EQ(players[1].part, SoloPart::melody);
    const Score score = compose_spec(spec);
    ASSERT_EQ(score.tracks.size(), 2u);
    EXPECT_NE(find_track(score, "piano"), nullptr);
    EXPECT_NE(find_track(score, "cello"), nullptr);
}

TEST(Soloists, TwoLinePlayersShareTuneAndBass) {
    const CueSpec spec = cue({"woodwinds", "strings"}, {{"woodwinds", {"flute"}}, {"strings", {"cello"}}});
    const auto players = plan_soloists(spec, choose_style(library(), spec), tune(spec));
    ASSERT_EQ(players.size(), 2u);
    EXPECT_EQ(players[0].part, SoloPart::bass_line);  // strings (cello), in group order
    EXPECT_EQ(players[1].part, SoloPart::melody);     // woodwinds (flute)
}

TEST(Soloists, EnsemblesAndOpenCuesKeepTheStyle) {
    const Style& style = choose_style(library(), cue({}, {}));
    EXPECT_TRUE(plan_soloists(cue({}, {}), style, {}).empty());                                   // the style decides
    EXPECT_TRUE(plan_soloists(cue({"strings"}, {}), style, {}).empty());                          // a section
    EXPECT_TRUE(plan_soloists(cue({"strings"}, {{"strings", {"string_ensemble"}}}), style, {}).empty());
    EXPECT_TRUE(plan_soloists(cue({"piano", "drums"}, {}), style, {}).empty());                   // a kit
    EXPECT_TRUE(plan_soloists(cue({"piano", "strings"}, {}), style, {}).empty());                 // piano and strings
}

TEST(Soloists, PlayerChordsHoldNoMoreNotesThanThePlayerHas) {
    const Chord d_minor{2, ChordQuality::minor};
    EXPECT_EQ(player_chord(d_minor, Ticks(0), kQuarter, 60, 96, 1, 90).size(), 1u);
    const auto stop = player_chord(d_minor, Ticks(0), kQuarter, 36, 72, 2, 90);
    ASSERT_EQ(stop.size(), 2u);
    EXPECT_EQ(stop[1].pitch - stop[0].pitch, 7);  // root and fifth, as on open strings
    EXPECT_EQ(player_chord(d_minor, Ticks(0), kQuarter, 36, 96, 10, 90).size(), 4u);
}

// Session 12: several players of one group, each a track of its own.

// The median pitch of a track's notes.
int median_pitch(const Track& track) {
    std::vector<int> pitches;
    for (const auto& n : track.notes) pitches.push_back(n.pitch);
    std::nth_element(pitches.begin(), pitches.begin() + static_cast<std::ptrdiff_t>(pitches.size() / 2), pitches.end());
    return pitches[pitches.size() / 2];
}

// Ticks during which both tracks sound the same pitch (a part doubling another in unison).
std::int64_t unison_ticks(const Track& a, const Track& b) {
    std::int64_t total = 0;
    for (const auto& n : a.notes)
        for (const auto& m : b.notes)
            if (n.pitch == m.pitch) total += std::max<std::int64_t>(0, (std::min(n.end(), m.end()) - std::max(n.start, m.start)).value);
    return total;
}

std::int64_t sounding_ticks(const Track& track) {
    std::int64_t total = 0;
    for (const auto& n : track.notes) total += n.duration.value;
    return total;
}

TEST(Soloists, AStringQuartetPlaysFourLinesInTheirOwnRegisters) {
    const CueSpec spec = cue({"strings"}, {{"strings", {"violin", "violin", "viola", "cello"}}});
    const auto players = plan_soloists(spec, choose_style(library(), spec), tune(spec));
    ASSERT_EQ(players.size(), 4u);
    EXPECT_EQ(players[0].part, SoloPart::melody);  // the first violin
    EXPECT_EQ(players[1].part, SoloPart::counter_line);
    EXPECT_EQ(players[2].part, SoloPart::counter_line);
    EXPECT_EQ(players[3].part, SoloPart::bass_line);  // the cello
    // Bands from the bottom up: the cello's under the viola's under the second violin's.
    EXPECT_LT(players[3].high, players[2].high);
    EXPECT_LT(players[2].high, players[1].high);
    EXPECT_LT(players[2].low, players[1].low);

    const Score score = compose_spec(spec);
    const std::vector<std::pair<const char*, std::pair<int, int>>> registers{
        {"violin_1", {55, 96}}, {"violin_2", {55, 96}}, {"viola", {48, 84}}, {"cello", {36, 72}}};
    ASSERT_EQ(score.tracks.size(), 4u);
    std::vector<int> medians;
    for (std::size_t i = 0; i < registers.size(); ++i) {
        const auto& [name, range] = registers[i];
        const Track& track = score.tracks[i];
        EXPECT_EQ(track.name, name);
        EXPECT_EQ(track.group, "strings");
        EXPECT_GE(track.notes.size(), 8u) << name;
        EXPECT_LE(most_at_once(track), 2) << name;  // a bowed string's double stop at most
        for (const auto& n : track.notes) {
            EXPECT_GE(n.pitch, range.first) << name;
            EXPECT_LE(n.pitch, range.second) << name;
        }
        medians.push_back(median_pitch(track));
    }
    EXPECT_TRUE(std::is_sorted(medians.rbegin(), medians.rend())) << medians[0] << " " << medians[1] << " " << medians[2];
    EXPECT_EQ(std::adjacent_find(medians.begin(), medians.end()), medians.end());  // four distinct registers
    // No part doubles another in unison for more than a tenth of the time it sounds.
    for (std::size_t i = 0; i < score.tracks.size(); ++i)
        for (std::size_t j = i + 1; j < score.tracks.size(); ++j)
            EXPECT_LT(unison_ticks(score.tracks[i], score.tracks[j]) * 10, sounding_ticks(score.tracks[j]))
                << score.tracks[i].name << " and " << score.tracks[j].name;
}

TEST(Soloists, AClarinetQuintetGivesTheTuneToTheClarinet) {
    // The first violin had the tune and the clarinet an inner line; the strings accompany it.
    const CueSpec spec = cue({"woodwinds", "strings"},
                             {{"strings", {"violin", "violin", "viola", "cello"}}, {"woodwinds", {"clarinet"}}});
    const auto players = plan_soloists(spec, choose_style(library(), spec), tune(spec));
    ASSERT_EQ(players.size(), 5u);
    for (const Soloist& s : players)
        EXPECT_EQ(s.part == SoloPart::melody, s.player.voice == "clarinet") << s.player.track;
    const Score score = compose_spec(spec);
    const Track* clarinet = find_track(score, "clarinet");
    ASSERT_NE(clarinet, nullptr);
    EXPECT_EQ(most_at_once(*clarinet), 1);
    for (const char* inner : {"violin_2", "viola", "cello"})
        EXPECT_GT(median_pitch(*clarinet), median_pitch(*find_track(score, inner))) << inner;
    // A wind among winds, or with one string, keeps the usual choice: the flute of a wind quintet.
    const CueSpec winds = cue({"woodwinds", "brass"},
                              {{"woodwinds", {"flute", "oboe", "clarinet", "bassoon"}}, {"brass", {"french_horn"}}});
    for (const Soloist& s : plan_soloists(winds, choose_style(library(), winds), tune(winds)))
        EXPECT_EQ(s.part == SoloPart::melody, s.player.voice == "flute") << s.player.track;
}

TEST(Soloists, FourHornsEachPlayTheirPart) {
    // The tune sat in the middle of the horns' register and the second horn played 2 notes in 15 s.
    // The trial's "four horns and timpani fanfare, 15s".
    CueSpec spec;
    spec.bpm = 100.0;
    spec.length = Seconds(15.0);
    spec.style = {"cinematic"};
    spec.instruments.include = {"brass", "bass"};
    spec.instruments.voices = {{"brass", {"french_horn", "french_horn", "french_horn", "french_horn"}},
                               {"bass", {"timpani"}}};
    spec.seed = 3903547556829442086u;
    const Score score = compose_spec(spec);
    ASSERT_EQ(score.tracks.size(), 5u);
    const std::size_t tune_notes = find_track(score, "french_horn_1")->notes.size();
    for (const Track& t : score.tracks) {
        if (t.name == "timpani") continue;
        EXPECT_EQ(most_at_once(t), 1) << t.name;
        EXPECT_GE(t.notes.size() * 3, tune_notes) << t.name << " rests most of the cue";
    }
}

TEST(Soloists, APianoKeepsItsAccompanimentOffTheCellosTune) {
    const CueSpec spec = cue({"piano", "strings"}, {{"strings", {"cello"}}});
    const Score score = compose_spec(spec);
    const Track* cello = find_track(score, "cello");
    const Track* piano = find_track(score, "piano");
    ASSERT_NE(cello, nullptr);
    ASSERT_NE(piano, nullptr);
    std::vector<int> tune;
    for (const auto& n : cello->notes) tune.push_back(n.pitch);
    std::sort(tune.begin(), tune.end());
    const int tune_low = tune[tune.size() / 10];
    const int tune_high = tune[tune.size() - 1 - tune.size() / 10];
    // The piano's bass is below the tune and its chords above it: hardly a note inside the tune's band.
    const auto inside = std::count_if(piano->notes.begin(), piano->notes.end(), [&](const Note& n) {
        return n.pitch > tune_low && n.pitch < tune_high;
    });
    EXPECT_LT(inside * 10, static_cast<std::ptrdiff_t>(piano->notes.size())) << tune_low << ".." << tune_high;
    EXPECT_TRUE(std::any_of(piano->notes.begin(), piano->notes.end(), [&](const Note& n) { return n.pitch < tune_low; }));
    EXPECT_TRUE(std::any_of(piano->notes.begin(), piano->notes.end(), [&](const Note& n) { return n.pitch > tune_high; }));
}

TEST(Soloists, APianoTrioSplitsTuneHarmonyAndBass) {
    const CueSpec spec = cue({"piano", "strings"}, {{"strings", {"violin", "cello"}}});
    const auto players = plan_soloists(spec, choose_style(library(), spec), tune(spec));
    ASSERT_EQ(players.size(), 3u);
    EXPECT_EQ(players[0].part, SoloPart::harmony);    // the piano, between them
    EXPECT_EQ(players[1].part, SoloPart::melody);     // the violin
    EXPECT_EQ(players[2].part, SoloPart::bass_line);  // the cello
    const Score score = compose_spec(spec);
    ASSERT_EQ(score.tracks.size(), 3u);
    EXPECT_GT(median_pitch(*find_track(score, "violin")), median_pitch(*find_track(score, "piano")));
    EXPECT_GT(median_pitch(*find_track(score, "piano")), median_pitch(*find_track(score, "cello")));
}

TEST(Soloists, AGuitarStrumsWhereTheStyleDoesAndFingerpicksWhenSoft) {
    const CueSpec spec = cue({"guitar", "strings"}, {{"strings", {"violin"}}});
    const Soloist guitar = plan_soloists(spec, choose_style(library(), spec), tune(spec))[1];  // strings first
    ASSERT_EQ(guitar.player.group, "guitar");
    ASSERT_EQ(guitar.part, SoloPart::accompaniment);
    const Style& folk = *library().find("folk");
    const Style& cinematic = *library().find("cinematic");
    EXPECT_TRUE(strums(guitar, folk, EnergyTier::mid));
    EXPECT_FALSE(strums(guitar, folk, EnergyTier::low));
    EXPECT_FALSE(strums(guitar, cinematic, EnergyTier::mid));
    EXPECT_TRUE(strums(guitar, cinematic, EnergyTier::high));
    Soloist harp = guitar;
    harp.player.voice = "harp";
    EXPECT_FALSE(strums(harp, folk, EnergyTier::high));
    // A strum sounds three or more strings within a few milliseconds; a fingerpicked figure one at a time.
    const std::vector<ChordSpan> chords{{Ticks(0), kQuarter * 8, Chord{0, ChordQuality::major}}};
    SoloRequest request{Ticks(0), kQuarter * 8, Meter{}, *Key::parse("C major"), EnergyTier::mid, guitar.low, guitar.high,
                        6, SoloPart::accompaniment, guitar.chords_from, true};
    auto strummed_beats = [&](const std::vector<Note>& notes) {
        int beats = 0;
        for (Ticks t(0); t < kQuarter * 8; t += kQuarter)
            beats += std::count_if(notes.begin(), notes.end(), [&](const Note& n) {
                         return n.start >= t && n.start < t + Ticks(60);
                     }) >= 3 ? 1 : 0;
        return beats;
    };
    EXPECT_GE(strummed_beats(soloist_notes(chords, {}, request, Rng(1))), 7);
    request.strum = false;
    EXPECT_EQ(strummed_beats(soloist_notes(chords, {}, request, Rng(1))), 0);
}

TEST(Soloists, AQuintetIsTheMostAndEveryPlayerSoundsOnAHit) {
    const CueSpec spec = cue({"brass"}, {{"brass", {"trumpet", "trumpet", "french_horn", "trombone", "tuba"}}});
    const Score score = compose_spec(spec);
    ASSERT_EQ(score.tracks.size(), 5u);
    const Ticks hit = make_plan(spec).hits.at(0).tick;
    for (const Track& t : score.tracks) {
        EXPECT_EQ(most_at_once(t), 1) << t.name;  // a brass player has one note
        if (t.name == "trumpet_1") continue;      // the tune goes on over the others' chord
        EXPECT_TRUE(std::any_of(t.notes.begin(), t.notes.end(), [&](const Note& n) { return n.start == hit; })) << t.name;
    }
    // A sixth player makes an ensemble the style arranges.
    EXPECT_TRUE(plan_soloists(cue({"brass", "piano"}, {{"brass", {"trumpet", "trumpet", "french_horn", "trombone", "tuba"}}}),
                              choose_style(library(), spec), {})
                    .empty());
}

TEST(Soloists, ChamberCuesAreDeterministic) {
    const CueSpec spec = cue({"piano", "strings"}, {{"strings", {"violin", "violin", "viola", "cello"}}});
    EXPECT_EQ(compose_spec(spec), compose_spec(spec));
}

}  // namespace
}  // namespace tunesmith
