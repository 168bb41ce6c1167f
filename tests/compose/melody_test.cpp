// Tests for compose/melody: chord tones on strong beats, range and leaps, the motif's return
// across sections, phrase endings and breaths, density against energy, determinism and the
// independence of sections.
#include "compose/melody.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "base/error.h"
#include "compose/harmony.h"
#include "harmony_fixture.h"

namespace tunesmith {
namespace {

using testing_fixture::hand_plan;
using testing_fixture::key_of;
using testing_fixture::song_plan;

HarmonyOptions harmony_options() {
    static const auto model =
        std::make_shared<const HarmonyModel>(load_harmony_model(std::filesystem::path(TUNESMITH_SOURCE_DIR) / "data"));
    HarmonyOptions options;
    options.model = model;
    return options;
}

struct Written {
    Plan plan;
    std::vector<ChordSpan> chords;
    std::vector<Note> melody;
};

Written write(const Plan& plan, std::uint64_t seed, const MelodyOptions& options = {}) {
    Rng rng(seed);
    auto chords = write_progression(plan, harmony_options(), rng.fork("harmony"));
    auto melody = write_melody(plan, chords, options, rng.fork("melody"));
    return {plan, std::move(chords), std::move(melody)};
}

const Chord& chord_at(const std::vector<ChordSpan>& spans, Ticks t) {
    for (const auto& s : spans)
        if (s.start <= t && t < s.end) return s.chord;
    throw std::logic_error("no chord");
}

std::vector<Note> notes_in(const std::vector<Note>& notes, const PlannedSection& section) {
    std::vector<Note> out;
    for (const auto& n : notes)
        if (n.start >= section.start && n.start < section.end) out.push_back(n);
    return out;
}

// Scale degree (7 per octave) of a melody pitch; a raised leading tone counts as its degree.
int degree_of(const Key& key, int pitch) {
    for (int shift : {0, -1}) {
        const int p = pitch + shift;
        if (auto d = key.degree_of(p)) return (p - key.tonic_pc()) / 12 * 7 + *d;  // pitches are > 12
    }
    return 0;
}

bool contains_pattern(const Key& key, const std::vector<Note>& notes, const std::vector<int>& pattern) {
    if (pattern.empty() || notes.size() <= pattern.size()) return false;
    for (std::size_t i = 0; i + pattern.size() < notes.size(); ++i) {
        bool match = true;
        for (std::size_t k = 0; k < pattern.size() && match; ++k)
            match = degree_of(key, notes[i + k + 1].pitch) - degree_of(key, notes[i + k].pitch) == pattern[k];
        if (match) return true;
    }
    return false;
}

const std::vector<const char*> kKeys = {"C major", "A minor", "Eb major", "F# minor", "D dorian", "G mixolydian"};

TEST(Melody, StrongBeatsAreChordTones) {
    int all_strong = 0;
    int all_chord_tones = 0;
    for (const char* key : kKeys)
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            const auto w = write(song_plan(key_of(key)), seed);
            int strong = 0;
            int chord_tones = 0;
            for (const auto& n : w.melody) {
                if (n.start % Ticks(1920) != Ticks(0)) continue;  // beats 1 and 3 of 4/4
                ++strong;
                chord_tones += chord_at(w.chords, n.start).contains(n.pitch);
            }
            ASSERT_GT(strong, 40);
            all_strong += strong;
            all_chord_tones += chord_tones;
            EXPECT_GE(chord_tones * 100, strong * 80) << key << " seed " << seed << ": " << chord_tones << "/" << strong;
        }
    RecordProperty("strong_beat_chord_tone_percent", std::to_string(100.0 * all_chord_tones / all_strong));
}

TEST(Melody, RangeLeapsAndLeapRecovery) {
    int all_leaps = 0;
    int all_recovered = 0;
    for (int max_leap : {12, 7})
        for (const char* key : kKeys)
            for (std::uint64_t seed = 1; seed <= 4; ++seed) {
                MelodyOptions options;
                options.max_leap = max_leap;
                const auto w = write(song_plan(key_of(key)), seed, options);
                int leaps = 0;
                int recovered = 0;
                for (std::size_t i = 0; i < w.melody.size(); ++i) {
                    const auto& n = w.melody[i];
                    EXPECT_GE(n.pitch, options.low);
                    EXPECT_LE(n.pitch, options.high);
                    if (i + 1 < w.melody.size()) { EXPECT_LE(n.end(), w.melody[i + 1].start) << "overlap"; }
                    if (i == 0) continue;
                    const int leap = n.pitch - w.melody[i - 1].pitch;
                    EXPECT_LE(std::abs(leap), max_leap) << key << " seed " << seed;
                    const bool joined = w.melody[i - 1].end() == n.start;
                    if (std::abs(leap) >= 5 && joined && i + 1 < w.melody.size() && n.end() == w.melody[i + 1].start) {
                        ++leaps;
                        const int next = w.melody[i + 1].pitch - n.pitch;
                        recovered += next * leap < 0 && std::abs(next) <= 4;
                    }
                }
                if (leaps >= 4) { EXPECT_GE(recovered * 10, leaps * 6) << key << ": " << recovered << "/" << leaps; }
                all_leaps += leaps;
                all_recovered += recovered;
            }
    RecordProperty("leaps_recovered_percent", std::to_string(100.0 * all_recovered / std::max(all_leaps, 1)));
}

TEST(Melody, TheMotifRecursInSeveralSections) {
    int total_sections = 0;
    int total_with_motif = 0;
    for (const char* key : kKeys)
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            const Plan plan = song_plan(key_of(key));
            const auto w = write(plan, seed);
            const Motif motif = melody_motif(plan, {}, Rng(seed).fork("melody"));
            int sections_with_motif = 0;
            for (const auto& section : plan.sections)
                sections_with_motif += contains_pattern(plan.key, notes_in(w.melody, section), motif.intervals());
            EXPECT_GE(sections_with_motif, 2) << key << " seed " << seed;
            total_sections += static_cast<int>(plan.sections.size());
            total_with_motif += sections_with_motif;
        }
    RecordProperty("sections_with_exact_motif_percent", std::to_string(100.0 * total_with_motif / total_sections));
}

TEST(Melody, PhrasesBreatheAndEndOnStableDegrees) {
    const Plan plan = song_plan(key_of("C major"));
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const auto w = write(plan, seed);
        for (const auto& section : plan.sections) {
            const auto notes = notes_in(w.melody, section);
            ASSERT_FALSE(notes.empty());
            // A rest of at least a beat before every 4-bar phrase boundary inside the section.
            for (Ticks boundary = section.start + plan.meter.bar() * 4; boundary < section.end;
                 boundary += plan.meter.bar() * 4) {
                Ticks last_end(0);
                for (const auto& n : notes)
                    if (n.start < boundary) last_end = std::max(last_end, n.end());
                EXPECT_LE(last_end + plan.meter.beat(), boundary) << "no breath before phrase at " << boundary.value;
            }
            // The landing note of the section is long and sits in the chord.
            const Note& landing = notes.back();
            EXPECT_GE(landing.duration, plan.meter.beat() * 2);
            EXPECT_TRUE(chord_at(w.chords, landing.start).contains(landing.pitch));
        }
        // The cue ends on the tonic or its third.
        const int final_degree = pitch_class(w.melody.back().pitch - plan.key.tonic_pc());
        EXPECT_TRUE(final_degree == 0 || final_degree == 4) << final_degree;
    }
}

TEST(Melody, DensityFollowsEnergy) {
    const Plan plan = hand_plan(key_of("C major"), Meter{4, 4},
                                {{"quiet", SectionRole::verse, 8, 0.15}, {"loud", SectionRole::climax, 8, 0.95}});
    int quiet = 0;
    int loud = 0;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        const auto w = write(plan, seed);
        quiet += static_cast<int>(notes_in(w.melody, plan.sections[0]).size());
        loud += static_cast<int>(notes_in(w.melody, plan.sections[1]).size());
    }
    EXPECT_GT(loud, quiet * 5 / 4) << "quiet " << quiet << " loud " << loud;
}

TEST(Melody, DeterministicPerSeed) {
    const Plan plan = song_plan(key_of("D minor"));
    EXPECT_EQ(write(plan, 21).melody, write(plan, 21).melody);
    EXPECT_NE(write(plan, 21).melody, write(plan, 22).melody);
}

TEST(Melody, ChangingOneSectionLeavesTheOthersUnchanged) {
    const Plan plan = song_plan(key_of("C major"));
    Plan edited = plan;
    // The bridge-like middle: denser bars in the first chorus only (its section energy unchanged).
    const auto& target = plan.sections[2];
    for (int b = target.first_bar; b < target.first_bar + target.bar_count; ++b)
        edited.bar_energy[static_cast<std::size_t>(b)] = 0.3;
    const auto a = write(plan, 5);
    const auto b = write(edited, 5);
    for (std::size_t i = 0; i < plan.sections.size(); ++i) {
        if (i == 2 || i == 4) continue;  // the edited chorus (and its restatement, which shares its stream)
        EXPECT_EQ(notes_in(a.melody, plan.sections[i]), notes_in(b.melody, plan.sections[i])) << plan.sections[i].name;
    }
    EXPECT_NE(notes_in(a.melody, target), notes_in(b.melody, target));
}

TEST(Melody, SilentBelowAndOptionsFromJson) {
    MelodyOptions options = MelodyOptions::from_json({{"silent_below", 0.4}, {"motif", {{"beats", 2}}}});
    EXPECT_EQ(options.motif.beats, 2);
    const Plan plan = song_plan(key_of("C major"));
    const auto w = write(plan, 3, options);
    EXPECT_TRUE(notes_in(w.melody, plan.sections[0]).empty()) << "the quiet intro rests";
    EXPECT_FALSE(notes_in(w.melody, plan.sections[1]).empty());
    try {
        MelodyOptions::from_json({{"phrase_bars", 3}});
        FAIL() << "3-bar phrases accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "melody.phrase_bars");
    }
    try {
        MelodyOptions::from_json({{"motif", {{"beats", "two"}}}});
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "melody.motif.beats");
    }
    EXPECT_THROW(MelodyOptions::from_json({{"low", 70}, {"high", 75}}), InputError);
}

}  // namespace
}  // namespace tunesmith

namespace tunesmith {
namespace {

// Under dialogue the tune rests: nothing starts inside a range, a note held into one stops where it
// starts, and one that would be a blip is dropped (the trial heard a woodwind melody enter there).
TEST(Melody, RestsUnderDialogue) {
    const std::vector<TickRange> dialogue{{Ticks(3840), Ticks(7680)}};
    std::vector<Note> melody{{Ticks(0), Ticks(960), 72, 80},      // before: kept
                             {Ticks(3000), Ticks(1920), 74, 80},  // held into the range: stops at 3840
                             {Ticks(3800), Ticks(480), 76, 80},   // 40 ticks left: dropped
                             {Ticks(4800), Ticks(960), 77, 80},   // inside: dropped
                             {Ticks(7680), Ticks(960), 79, 80}};  // after: kept
    rest_under_dialogue(melody, dialogue, kQuarter / 4);
    ASSERT_EQ(melody.size(), 3u);
    EXPECT_EQ(melody[0].pitch, 72);
    EXPECT_EQ(melody[1].pitch, 74);
    EXPECT_EQ(melody[1].end(), Ticks(3840));
    EXPECT_EQ(melody[2].pitch, 79);
}

}  // namespace
}  // namespace tunesmith
