// Tests for src/accompany/arrange.cpp: the accompaniment stays on the grid, leaves space while
// the singer sings, fills the pauses, marks phrase entries and never plays the melody roles.
#include "accompany/arrange.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "accompany/harmonize.h"
#include "base/data_dir.h"
#include "compose/compose.h"

namespace tunesmith {
namespace {

struct Fixture {
    Plan plan;
    CueSpec spec;
    std::vector<ChordSpan> chords;
    VocalLine vocal;
};

// 8 bars at 100 bpm; the singer sings quarter notes over bars 0-2 and 4-6 (three bars each),
// breathing through bars 3 and 7.
Fixture fixture(double energy, double bpm = 100.0) {
    Fixture f;
    const Meter meter{4, 4};
    f.plan.key = Key{NoteName{0, 0}, Mode::major};
    f.plan.meter = meter;
    f.plan.tempo = TempoMap::constant(bpm, SampleRate(48000));
    f.plan.length = meter.bar() * 9;
    f.plan.length_samples = f.plan.tempo.to_samples(f.plan.length);
    f.plan.bar_energy.assign(9, energy);
    f.plan.sections.push_back(PlannedSection{"vocal", SectionRole::verse, 0, 9, Ticks(0), f.plan.length, energy});
    f.spec.seed = 7;
    f.chords = cycle_progression({*Chord::parse("C"), *Chord::parse("Am"), *Chord::parse("F"), *Chord::parse("G")},
                                 meter, f.plan.length);
    for (int phrase = 0; phrase < 2; ++phrase) {
        const Ticks start = meter.bar() * (4 * phrase);
        f.vocal.phrases.push_back(TickRange{start, start + meter.bar() * 3});
        for (int beat = 0; beat < 12; ++beat) f.vocal.notes.push_back(Note{start + kQuarter * beat, kQuarter * 9 / 10, 64, 80});
    }
    return f;
}

const Style& folk() {
    static const StyleLibrary library = load_styles(default_data_dir());
    return *library.find("folk");
}

Score arranged(const Fixture& f) {
    return arrange_accompaniment(f.plan, f.spec, folk(), f.chords, f.vocal, Rng(f.spec.seed));
}

TEST(ArrangeAccompaniment, PlaysTheStyleWithoutMelodyRolesInsideTheRelease) {
    const Fixture f = fixture(0.9);  // the high tier: folk adds a strings counter-line there
    const Score score = arranged(f);
    const Ticks release = release_tick(f.plan);
    std::vector<std::string> names;
    for (const Track& t : score.tracks) {
        names.push_back(t.name);
        for (const Note& n : t.notes) {
            EXPECT_GE(n.start, Ticks(0));
            EXPECT_LE(n.end(), release) << t.name;
        }
    }
    EXPECT_NE(std::find(names.begin(), names.end(), "guitar"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "bass"), names.end());
    EXPECT_EQ(std::find(names.begin(), names.end(), "strings"), names.end()) << "counter-line under a singer";
    EXPECT_EQ(score.chords, f.chords);
}

// Session 14: a featured group (--instruments +strings) carries the tune in a cue, and an added one
// ("folk with strings") may play only folk's strings counter-line; under a singer those parts were
// dropped with the other melody roles, so the strings were silent. A featured group also answers the
// singer in the pauses.
TEST(ArrangeAccompaniment, AFeaturedGroupPlaysUnderTheSingerAndAnswersInPauses) {
    for (double energy : {0.2, 0.55, 0.9}) {
        Fixture f = fixture(energy);
        f.spec.instruments.add = {"strings"};
        const Score added = arranged(f);
        EXPECT_NE(std::find_if(added.tracks.begin(), added.tracks.end(), [](const Track& t) { return t.name == "strings"; }),
                  added.tracks.end()) << "added, energy " << energy;
        f.spec.instruments.add.clear();
        f.spec.instruments.feature = {"strings"};
        const Score score = arranged(f);
        const auto strings = std::find_if(score.tracks.begin(), score.tracks.end(),
                                          [](const Track& t) { return t.name == "strings"; });
        ASSERT_NE(strings, score.tracks.end()) << "energy " << energy;
        const auto fill = std::count_if(strings->notes.begin(), strings->notes.end(), [&](const Note& n) {
            return !inside(f.vocal.phrases, n.start) && n.duration == f.plan.meter.beat() / 2;
        });
        EXPECT_GE(strings->notes.size(), 8u) << "energy " << energy;
        EXPECT_GT(fill, 0) << "the featured group answers the singer, energy " << energy;
    }
}

TEST(ArrangeAccompaniment, OnsetsStayOnTheEighthGrid) {
    const Fixture f = fixture(0.55);
    const Score score = arranged(f);
    const Ticks eighth = kQuarter / 2;
    const double tolerance_ticks = 0.05 * 100.0 / 60.0 * 960.0;  // 50 ms at 100 bpm
    std::size_t total = 0, on_grid = 0;
    for (const Track& t : score.tracks)
        for (const Note& n : t.notes) {
            const auto offset = static_cast<double>((n.start % eighth).value);
            ++total;
            on_grid += std::min(offset, static_cast<double>(eighth.value) - offset) <= tolerance_ticks;
        }
    ASSERT_GT(total, 50u);
    EXPECT_GE(static_cast<double>(on_grid) / static_cast<double>(total), 0.95);
}

// A slow singer: comping spaces strum strings in ticks, which at 60 bpm spread a five-string
// stroke over 75 ms; tightened strokes keep every string within 50 ms of the eighth grid.
TEST(ArrangeAccompaniment, SlowStrumsStayWithinFiftyMillisecondsOfTheGrid) {
    const Fixture f = fixture(0.55, 60.0);
    const Score score = arranged(f);
    const auto guitar = std::find_if(score.tracks.begin(), score.tracks.end(), [](const Track& t) { return t.name == "guitar"; });
    ASSERT_NE(guitar, score.tracks.end());
    std::size_t total = 0, on_grid = 0;
    for (const Note& n : guitar->notes) {
        const double s = f.plan.tempo.to_seconds(n.start).value;
        const double eighth_s = 0.5;
        const double offset = std::fmod(s, eighth_s);
        ++total;
        on_grid += std::min(offset, eighth_s - offset) <= 0.05;
    }
    ASSERT_GT(total, 50u);
    EXPECT_GE(static_cast<double>(on_grid) / static_cast<double>(total), 0.97) << on_grid << " of " << total;
}

TEST(TightenStrums, CompressesLongStrokesTowardsTheirFirstString) {
    const TempoMap tempo = TempoMap::constant(60.0, SampleRate(48000));  // 1 tick = 1/960 s
    std::vector<Note> notes;
    for (int s = 0; s < 5; ++s) notes.push_back(Note{Ticks(960 + 18 * s), Ticks(900), 50 + s, 80});  // 75 ms stroke
    for (int s = 0; s < 5; ++s) notes.push_back(Note{Ticks(1440 + 4 * s), Ticks(400), 60 + s, 70});  // 17 ms stroke
    tighten_strums(notes, tempo, Ticks(120), Seconds(0.024));
    ASSERT_EQ(notes.size(), 10u);
    EXPECT_EQ(notes[0].start, Ticks(960));
    for (int s = 1; s < 5; ++s) {
        const auto i = static_cast<std::size_t>(s);
        EXPECT_GT(notes[i].start, notes[i - 1].start) << "string order kept";
        EXPECT_EQ(notes[i].end(), Ticks(960 + 18 * s + 900)) << "release kept";
        EXPECT_EQ(notes[i].pitch, 50 + s);
    }
    EXPECT_LE(tempo.to_seconds(notes[4].start).value - tempo.to_seconds(notes[0].start).value, 0.0245);
    EXPECT_GE(tempo.to_seconds(notes[4].start).value - tempo.to_seconds(notes[0].start).value, 0.023);
    for (int s = 0; s < 5; ++s) EXPECT_EQ(notes[static_cast<std::size_t>(5 + s)].start, Ticks(1440 + 4 * s)) << "short stroke untouched";
}

TEST(ArrangeAccompaniment, BusierInPausesThanUnderTheVoice) {
    const Fixture f = fixture(0.55);
    const Score score = arranged(f);
    const Ticks body_end = f.plan.length - f.plan.meter.bar();
    double sung = 0.0, pause = 0.0;
    for (const Track& t : score.tracks) {
        if (t.drums || t.name == "bass") continue;
        for (const Note& n : t.notes) {
            if (n.start >= body_end) continue;
            (inside(f.vocal.phrases, n.start) ? sung : pause) += 1.0;
        }
    }
    // Six sung bars against two bars of pause (bars 3 and 7; the ending bar is excluded).
    const double sung_per_bar = sung / 6.0, pause_per_bar = pause / 2.0;
    EXPECT_GT(pause_per_bar, 1.3 * sung_per_bar) << sung << " sung, " << pause << " in pauses";
}

TEST(ArrangeAccompaniment, MarksEveryPhraseEntryWithABassNote) {
    const Fixture f = fixture(0.55);
    const Score score = arranged(f);
    const auto bass = std::find_if(score.tracks.begin(), score.tracks.end(), [](const Track& t) { return t.name == "bass"; });
    ASSERT_NE(bass, score.tracks.end());
    for (const TickRange& phrase : f.vocal.phrases) {
        const bool found = std::any_of(bass->notes.begin(), bass->notes.end(), [&](const Note& n) {
            return std::llabs((n.start - phrase.start).value) <= kQuarter.value / 8;
        });
        EXPECT_TRUE(found) << "phrase at tick " << phrase.start.value;
    }
}

TEST(ArrangeAccompaniment, SameSeedSameNotesAndAnotherSeedDiffers) {
    Fixture f = fixture(0.55);
    EXPECT_EQ(arranged(f), arranged(f));
    const Score first = arranged(f);
    f.spec.seed = 8;
    EXPECT_NE(arrange_accompaniment(f.plan, f.spec, folk(), f.chords, f.vocal, Rng(f.spec.seed)), first);
}

}  // namespace
}  // namespace tunesmith
