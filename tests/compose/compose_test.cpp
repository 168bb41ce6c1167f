// Tests for compose(): include/exclude, the dialogue rule, energy layering, ranges, key,
// ending release and determinism (per-section random streams).
#include "compose/compose.h"

#include <gtest/gtest.h>

#include <set>

#include "compose/arrangement.h"
#include "compose/instruments.h"
#include "compose_fixture.h"

namespace tunesmith {
namespace {

using testing_fixture::find_track;

const StyleLibrary& library() { return testing_fixture::style_library(); }

CueSpec base_spec() {
    CueSpec spec;
    spec.key = *Key::parse("D minor");
    spec.bpm = 120.0;
    spec.length = Seconds(48.0);
    spec.style = {"pop"};
    spec.sections = {{"intro", Seconds(0.0), 0.2}, {"verse", Seconds(16.0), 0.5}, {"chorus", Seconds(32.0), 0.9}};
    spec.seed = 7;
    return spec;
}

Score compose_spec(const CueSpec& spec) {
    const Plan plan = make_plan(spec);
    return compose(plan, spec, choose_style(library(), spec));
}

std::vector<Note> notes_in(const Track& track, Ticks start, Ticks end) {
    std::vector<Note> out;
    for (const auto& n : track.notes)
        if (n.start >= start && n.start < end) out.push_back(n);
    return out;
}

TEST(Compose, ScoreFieldsAndRanges) {
    const CueSpec spec = base_spec();
    const Plan plan = make_plan(spec);
    const Score score = compose(plan, spec, choose_style(library(), spec));
    EXPECT_EQ(score.length, plan.length);
    EXPECT_EQ(score.length_samples, plan.length_samples);
    EXPECT_EQ(score.tempo, plan.tempo);
    EXPECT_FALSE(score.chords.empty());
    ASSERT_GE(score.tracks.size(), 4u);
    const Ticks release = release_tick(plan);
    EXPECT_LT(release, plan.length);
    std::size_t pitched = 0, in_key = 0;
    std::set<std::string> names;
    for (const auto& track : score.tracks) {
        EXPECT_TRUE(canonical_group(track.name).has_value()) << track.name;
        EXPECT_TRUE(names.insert(track.name).second) << "two tracks named " << track.name;
        EXPECT_EQ(track.drums, track.name == "drums");
        ASSERT_FALSE(track.notes.empty());
        for (std::size_t i = 0; i < track.notes.size(); ++i) {
            const Note& n = track.notes[i];
            if (i > 0) {
                EXPECT_LE(track.notes[i - 1].start, n.start) << track.name;
            }
            EXPECT_GE(n.start, Ticks(0));
            EXPECT_GT(n.duration, Ticks(0));
            EXPECT_LE(n.end(), release) << track.name << " note at " << n.start.value;
            EXPECT_GE(n.pitch, 0);
            EXPECT_LE(n.pitch, 127);
            EXPECT_GE(n.velocity, 1);
            EXPECT_LE(n.velocity, 127);
            if (!track.drums) {
                ++pitched;
                if (plan.key.contains(pitch_class(n.pitch))) ++in_key;
            }
        }
        for (const auto& c : track.controls) {
            EXPECT_GE(c.value, 0);
            EXPECT_LE(c.value, 127);
            EXPECT_LE(c.time, plan.length);
        }
    }
    ASSERT_GT(pitched, 100u);
    EXPECT_GT(static_cast<double>(in_key) / static_cast<double>(pitched), 0.85);
    // One marker per section and per hit.
    EXPECT_EQ(score.markers.size(), plan.sections.size() + plan.hits.size());
}

TEST(Compose, ExcludedInstrumentsNeverSound) {
    CueSpec spec = base_spec();
    spec.instruments.exclude = {"percussion", "piano", "synth"};
    const Score score = compose_spec(spec);
    EXPECT_EQ(find_track(score, "drums"), nullptr);
    EXPECT_EQ(find_track(score, "piano"), nullptr);
    EXPECT_EQ(find_track(score, "synth"), nullptr);
    EXPECT_FALSE(score.tracks.empty());
}

TEST(Compose, IncludeRestrictsAndGuarantees) {
    CueSpec spec = base_spec();
    spec.instruments.include = {"strings", "choir", "bass"};  // pop has no choir
    const Score score = compose_spec(spec);
    std::set<std::string> names;
    for (const auto& t : score.tracks) names.insert(t.name);
    EXPECT_EQ(names, (std::set<std::string>{"strings", "choir", "bass"}));
}

TEST(Compose, NoDrumsInDialogueWhenRuleIsOff) {
    CueSpec spec = base_spec();
    spec.sections = {{"a", Seconds(0.0), 0.9}};
    spec.dialogue = {{Seconds(10.0), Seconds(20.0)}, {Seconds(30.0), Seconds(36.0)}};
    spec.rules.percussion_under_dialogue = true;
    const Plan plan = make_plan(spec);
    ASSERT_EQ(plan.dialogue.size(), 2u);
    auto drums_inside = [&](const Score& score) {
        const Track* drums = find_track(score, "drums");
        std::size_t count = 0;
        if (drums == nullptr) return count;
        for (const auto& n : drums->notes)
            for (const auto& r : plan.dialogue)
                if (n.start < r.end && n.end() > r.start) ++count;
        return count;
    };
    const Score on = compose(plan, spec, choose_style(library(), spec));
    EXPECT_GT(drums_inside(on), 0u);  // with the rule on, drums do play under dialogue
    spec.rules.percussion_under_dialogue = false;
    const Score off = compose(plan, spec, choose_style(library(), spec));
    EXPECT_EQ(drums_inside(off), 0u);
    ASSERT_NE(find_track(off, "drums"), nullptr);  // drums still play outside the dialogue
    // Other parts are thinned under speech: fewer notes per tick inside than outside.
    const Track* piano = find_track(off, "piano");
    ASSERT_NE(piano, nullptr);
    const Track* piano_on = find_track(on, "piano");
    EXPECT_LE(notes_in(*piano, plan.dialogue[0].start, plan.dialogue[0].end).size(),
              notes_in(*piano_on, plan.dialogue[0].start, plan.dialogue[0].end).size());
}

TEST(Compose, LowEnergyIsSparserThanHighEnergy) {
    const CueSpec spec = base_spec();
    const Plan plan = make_plan(spec);
    const Score score = compose(plan, spec, choose_style(library(), spec));
    const auto& intro = plan.sections.front();
    const auto& chorus = plan.sections.back();
    auto measure = [&](const PlannedSection& s) {
        std::size_t tracks = 0, notes = 0;
        for (const auto& t : score.tracks) {
            const auto n = notes_in(t, s.start, s.end).size();
            tracks += n > 0 ? 1 : 0;
            notes += n;
        }
        return std::pair{tracks, static_cast<double>(notes) / s.bar_count};
    };
    const auto [intro_tracks, intro_density] = measure(intro);
    const auto [chorus_tracks, chorus_density] = measure(chorus);
    EXPECT_LT(intro_tracks, chorus_tracks);
    EXPECT_LT(intro_density * 1.5, chorus_density);
}

TEST(Compose, SameSeedSameScore) {
    const CueSpec spec = base_spec();
    EXPECT_EQ(compose_spec(spec), compose_spec(spec));
    CueSpec other = spec;
    other.seed = 8;
    EXPECT_NE(compose_spec(spec), compose_spec(other));
}

TEST(Compose, ChangingOneSectionLeavesOthersIdentical) {
    const CueSpec spec = base_spec();
    const Plan plan = make_plan(spec);
    Plan changed = plan;
    // Raise the middle section's energy: only its bars change.
    auto& verse = changed.sections[1];
    verse.energy = 0.95;
    for (int b = verse.first_bar; b < verse.first_bar + verse.bar_count; ++b)
        changed.bar_energy[static_cast<std::size_t>(b)] = 0.95;
    const Style& style = choose_style(library(), spec);
    const Score a = compose(plan, spec, style);
    const Score b = compose(changed, spec, style);
    const auto& first = plan.sections[0];
    for (const auto& ta : a.tracks) {
        const Track* tb = find_track(b, ta.name);
        const auto na = notes_in(ta, first.start, first.end - plan.meter.beat());
        if (na.empty()) continue;
        ASSERT_NE(tb, nullptr) << ta.name;
        EXPECT_EQ(na, notes_in(*tb, first.start, first.end - plan.meter.beat())) << ta.name;
    }
    // And the changed section did change.
    const Track* da = find_track(a, "drums");
    const Track* db = find_track(b, "drums");
    ASSERT_NE(db, nullptr);
    EXPECT_NE(da == nullptr ? 0 : notes_in(*da, verse.start, verse.end).size(), notes_in(*db, verse.start, verse.end).size());
}

TEST(Compose, EveryStyleComposesInItsOwnWay) {
    for (const auto& style : library().styles) {
        CueSpec spec = base_spec();
        spec.style = {style.name};
        spec.time_signature = style.name == "folk" ? Meter{3, 4} : Meter{4, 4};
        spec.ending = style.name == "orchestral" ? Ending::big_finish : Ending::fade_out;
        const Plan plan = make_plan(spec);
        const Score score = compose(plan, spec, style);
        ASSERT_FALSE(score.tracks.empty()) << style.name;
        for (const auto& t : score.tracks)
            for (const auto& n : t.notes) ASSERT_LE(n.end(), plan.length) << style.name << " " << t.name;
    }
}

TEST(Compose, FadeOutLowersExpressionToZero) {
    CueSpec spec = base_spec();
    spec.ending = Ending::fade_out;
    const Plan plan = make_plan(spec);
    const Score score = compose(plan, spec, choose_style(library(), spec));
    for (const auto& t : score.tracks) {
        int last = -1;
        for (const auto& c : t.controls)
            if (c.controller == 11) last = c.value;
        EXPECT_EQ(last, 0) << t.name;
    }
}

TEST(Compose, HitsGetAccentsOnTheBeat) {
    CueSpec spec = base_spec();
    spec.hits = {{Seconds(24.0), "hit"}};
    const Plan plan = make_plan(spec);
    ASSERT_EQ(plan.hits.size(), 1u);
    const Score score = compose(plan, spec, choose_style(library(), spec));
    const Ticks at = plan.hits[0].tick;
    const Track* drums = find_track(score, "drums");
    ASSERT_NE(drums, nullptr);
    bool crash = false, kick = false;
    for (const auto& n : drums->notes)
        if (n.start == at) crash = crash || n.pitch == 49, kick = kick || n.pitch == 36;
    EXPECT_TRUE(crash);
    EXPECT_TRUE(kick);
    bool stab = false;
    for (const char* g : {"brass", "strings", "synth", "piano"})
        if (const Track* t = find_track(score, g))
            for (const auto& n : t->notes) stab = stab || (n.start == at && n.velocity >= 90);
    EXPECT_TRUE(stab);
}

// A named voice plays its own program, inside its own register, in every part it takes
// (layers, melody, hits, ending).
TEST(Compose, NamedVoicesKeepTheirProgramAndRegister) {
    struct Case {
        std::string group, voice;
        int program, low, high;
    };
    for (const Case& c : {Case{"strings", "cello", 42, 36, 72}, Case{"strings", "violin", 40, 55, 96},
                          Case{"brass", "tuba", 58, 28, 58}, Case{"synth", "glockenspiel", 9, 72, 105},
                          Case{"piano", "church_organ", 19, 36, 96}}) {
        CueSpec spec = base_spec();
        spec.style = {"cinematic"};
        spec.instruments.include = {c.group};
        spec.instruments.voices = {{c.group, {c.voice}}};
        spec.hits = {{Seconds(24.0), "hit"}};
        const Score score = compose_spec(spec);
        const Track* track = find_track(score, c.voice);  // the stem is named by the voice
        ASSERT_NE(track, nullptr) << c.voice;
        EXPECT_EQ(track->group, c.group) << c.voice;
        EXPECT_EQ(track->program, c.program) << c.voice;
        ASSERT_FALSE(track->notes.empty()) << c.voice;
        for (const auto& n : track->notes) {
            EXPECT_GE(n.pitch, c.low) << c.voice;
            EXPECT_LE(n.pitch, c.high) << c.voice;
        }
    }
}

// Session 13: "pop song with a saxophone solo" (feature woodwinds as a saxophone) is the pop band
// with the saxophone playing the tune.
TEST(Compose, AFeaturedSaxophonePlaysTheTuneOverTheStylesBand) {
    CueSpec spec = base_spec();
    spec.instruments.feature = {"woodwinds"};
    spec.instruments.voices = {{"woodwinds", {"saxophone"}}};
    const Score score = compose_spec(spec);
    for (const char* band : {"piano", "guitar", "bass", "drums"}) EXPECT_NE(find_track(score, band), nullptr) << band;
    const Track* sax = find_track(score, "saxophone");
    ASSERT_NE(sax, nullptr);
    EXPECT_EQ(sax->program, 66);
    // Every melody note is played by the saxophone (moved by octaves, nudged in time by humanizing).
    const Style& style = choose_style(library(), spec);
    const auto melody = compose_melody(make_plan(spec), spec, style);
    ASSERT_GT(melody.size(), 20u);
    std::size_t played = 0;
    for (const auto& m : melody)
        played += std::any_of(sax->notes.begin(), sax->notes.end(), [&](const Note& n) {
            return (n.pitch - m.pitch) % 12 == 0 && std::abs((n.start - m.start).value) <= kQuarter.value / 4;
        });
    EXPECT_GE(played, melody.size() * 95 / 100) << played << " of " << melody.size();
}

TEST(Compose, AVoiceOnItsAlternateTrackAndControllers) {
    CueSpec spec = base_spec();
    spec.instruments.include = {"piano", "synth"};
    spec.instruments.voices = {{"synth", {"marimba"}}};
    const Score score = compose_spec(spec);
    const Track* synth = find_track(score, "marimba");
    ASSERT_NE(synth, nullptr);
    EXPECT_EQ(synth->group, "synth");
    EXPECT_EQ(synth->program, 12);
    EXPECT_EQ(find_track(score, "piano")->program, 0);
    EXPECT_EQ(find_track(score, "piano")->group, "");  // no voice named: the group is the name
    // An organ holds its notes (expression, no sustain pedal); a piano gets the pedal.
    spec.instruments.voices = {{"piano", {"church_organ"}}};
    const Score organ_score = compose_spec(spec);  // kept: find_track points into it
    const Track* organ = find_track(organ_score, "church_organ");
    ASSERT_NE(organ, nullptr);
    EXPECT_TRUE(std::none_of(organ->controls.begin(), organ->controls.end(), [](const ControlPoint& p) { return p.controller == 64; }));
    EXPECT_TRUE(std::any_of(organ->controls.begin(), organ->controls.end(), [](const ControlPoint& p) { return p.controller == 11; }));
}

}  // namespace
}  // namespace tunesmith
