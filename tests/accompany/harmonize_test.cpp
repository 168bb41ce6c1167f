// Tests for src/accompany/harmonize.cpp: chords fitted to a melody, metric change points,
// cadences, the forced progression and the chord-tone ratio.
#include "accompany/harmonize.h"

#include <gtest/gtest.h>

#include <memory>

#include "base/data_dir.h"

namespace tunesmith {
namespace {

const Key kCMajor{NoteName{0, 0}, Mode::major};
const Meter kFourFour{4, 4};

HarmonizeOptions with_model() {
    HarmonizeOptions options;
    options.model = std::make_shared<const HarmonyModel>(load_harmony_model(default_data_dir()));
    return options;
}

// One bar per chord: the chord's tones as quarter notes (root, third, fifth, third).
std::vector<Note> arpeggiated(const std::vector<Chord>& chords) {
    std::vector<Note> notes;
    for (std::size_t bar = 0; bar < chords.size(); ++bar) {
        const auto pcs = chords[bar].pitch_classes();
        const int order[4] = {0, 1, 2, 1};
        for (int beat = 0; beat < 4; ++beat) {
            const Ticks start = kFourFour.bar() * static_cast<std::int64_t>(bar) + kQuarter * beat;
            notes.push_back(Note{start, kQuarter, 60 + pcs[static_cast<std::size_t>(order[beat])], 80});
        }
    }
    return notes;
}

const Chord& chord_at_tick(const std::vector<ChordSpan>& spans, Ticks t) {
    for (const auto& s : spans)
        if (t >= s.start && t < s.end) return s.chord;
    throw std::logic_error("no chord");
}

TEST(Harmonize, FollowsAnArpeggiatedProgression) {
    const std::vector<Chord> truth{*Chord::parse("C"), *Chord::parse("Am"), *Chord::parse("F"), *Chord::parse("G"),
                                   *Chord::parse("C"), *Chord::parse("F"), *Chord::parse("G"), *Chord::parse("C")};
    const auto melody = arpeggiated(truth);
    const Ticks length = kFourFour.bar() * 8;
    const auto spans = harmonize(melody, kCMajor, kFourFour, length, {{Ticks(0), length}}, with_model());
    int right = 0;
    for (std::size_t bar = 0; bar < truth.size(); ++bar)
        right += chord_at_tick(spans, kFourFour.bar() * static_cast<std::int64_t>(bar) + kQuarter * 2) == truth[bar];
    EXPECT_GE(right, 7) << "bars whose chord matches the arpeggio";
    EXPECT_GT(chord_tone_ratio(melody, spans, kFourFour, false), 0.9);
}

TEST(Harmonize, CoversTheLengthAndChangesOnlyOnBeats) {
    const auto melody = arpeggiated({*Chord::parse("C"), *Chord::parse("G"), *Chord::parse("Am"), *Chord::parse("F")});
    const Ticks length = kFourFour.bar() * 4 + kQuarter * 2;  // a half bar over
    const auto spans = harmonize(melody, kCMajor, kFourFour, length, {}, with_model());
    ASSERT_FALSE(spans.empty());
    EXPECT_EQ(spans.front().start, Ticks(0));
    EXPECT_EQ(spans.back().end, length);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        EXPECT_EQ(spans[i].start % kQuarter, Ticks(0));
        if (i > 0) {
            EXPECT_EQ(spans[i].start, spans[i - 1].end);
        }
    }
}

TEST(Harmonize, EndsOnTheTonicAndPrefersBarLines) {
    // A wandering scale melody in eighths: nothing forces changes, so the model's metric
    // preferences show.
    std::vector<Note> melody;
    const int scale[8] = {0, 2, 4, 5, 7, 9, 11, 12};
    for (int i = 0; i < 64; ++i) melody.push_back(Note{kQuarter / 2 * i, kQuarter / 2, 60 + scale[(i * 3) % 8], 80});
    const Ticks length = kFourFour.bar() * 8;
    const auto spans = harmonize(melody, kCMajor, kFourFour, length, {{Ticks(0), length - kQuarter * 4}}, with_model());
    EXPECT_EQ(spans.back().chord.root, 0);
    EXPECT_EQ(spans.back().chord.quality, ChordQuality::major);
    int on_bar_or_half = 0;
    for (std::size_t i = 1; i < spans.size(); ++i) on_bar_or_half += spans[i].start % (kQuarter * 2) == Ticks(0);
    EXPECT_GE(on_bar_or_half, static_cast<int>(spans.size() - 1) * 9 / 10);
}

TEST(Harmonize, MinorKeyMelodyWithLeadingToneGetsMajorDominant) {
    const Key a_minor{NoteName{5, 0}, Mode::minor};
    // A minor: bar 1 outlines Am, bar 2 holds G# and E and B (E major), bar 3 Am again.
    std::vector<Note> melody{{Ticks(0), kQuarter * 4, 69, 80},
                             {kFourFour.bar(), kQuarter * 2, 68, 80},
                             {kFourFour.bar() + kQuarter * 2, kQuarter * 2, 71, 80},
                             {kFourFour.bar() * 2, kQuarter * 4, 69, 80}};
    const auto spans = harmonize(melody, a_minor, kFourFour, kFourFour.bar() * 3, {}, with_model());
    const Chord& second = chord_at_tick(spans, kFourFour.bar() + kQuarter);
    EXPECT_EQ(second.root, 4);
    EXPECT_EQ(second.quality, ChordQuality::major);
}

TEST(Harmonize, CandidatesComeFromKeyAndCorpus) {
    const auto major = candidate_chords(kCMajor, with_model());
    auto has = [&](const std::vector<RomanChord>& list, const char* numeral) {
        return std::find(list.begin(), list.end(), *RomanChord::parse(numeral)) != list.end();
    };
    for (const char* n : {"I", "ii", "iii", "IV", "V", "vi"}) EXPECT_TRUE(has(major, n)) << n;
    EXPECT_FALSE(has(major, "viio"));
    const auto minor = candidate_chords(Key{NoteName{5, 0}, Mode::minor}, with_model());
    for (const char* n : {"i", "iv", "V", "bVI", "bVII"}) EXPECT_TRUE(has(minor, n)) << n;
    const auto without_model = candidate_chords(Key{NoteName{5, 0}, Mode::minor}, HarmonizeOptions{});
    EXPECT_TRUE(has(without_model, "V"));
}

TEST(CycleProgression, RepeatsOneChordPerBar) {
    const std::vector<Chord> chords{*Chord::parse("C"), *Chord::parse("G"), *Chord::parse("Am"), *Chord::parse("F")};
    const auto spans = cycle_progression(chords, Meter{3, 4}, Meter{3, 4}.bar() * 6);
    ASSERT_EQ(spans.size(), 6u);
    EXPECT_EQ(spans[4].chord, chords[0]);
    EXPECT_EQ(spans[5].start, (Meter{3, 4}.bar() * 5));
    EXPECT_TRUE(cycle_progression({}, kFourFour, kFourFour.bar()).empty());
}

TEST(ChordToneRatio, CountsNotesOnStrongBeatsSeparately) {
    const std::vector<ChordSpan> spans{{Ticks(0), kFourFour.bar(), *Chord::parse("C")}};
    const std::vector<Note> melody{{Ticks(0), kQuarter, 60, 80},           // C on beat 1: chord tone
                                   {kQuarter, kQuarter, 62, 80},           // D on beat 2: not
                                   {kQuarter * 2, kQuarter, 65, 80},       // F on beat 3 (half bar): not
                                   {kQuarter * 3, kQuarter, 67, 80}};      // G on beat 4: chord tone
    EXPECT_DOUBLE_EQ(chord_tone_ratio(melody, spans, kFourFour, false), 0.5);
    EXPECT_DOUBLE_EQ(chord_tone_ratio(melody, spans, kFourFour, true), 0.5);
    EXPECT_DOUBLE_EQ(chord_tone_ratio({melody[0], melody[3]}, spans, kFourFour, true), 1.0);
}

}  // namespace
}  // namespace tunesmith

namespace tunesmith {
namespace {

HarmonizeOptions with_rhythm() {
    HarmonizeOptions options = with_model();
    options.rhythm = std::make_shared<const HarmonicRhythm>(load_harmonic_rhythm(default_data_dir()));
    return options;
}

int changes_in(const std::vector<ChordSpan>& spans, Ticks from, Ticks to) {
    int n = 0;
    for (const auto& s : spans) n += s.start > from && s.start < to;
    return n;
}

// Two sung bars, four bars of rest, two sung bars: with the corpus harmonic rhythm the harmony keeps
// moving through the rest; with fixed change probabilities nothing asks for a change there.
TEST(Harmonize, CorpusHarmonicRhythmKeepsHarmonyMovingThroughAPause) {
    auto melody = arpeggiated({*Chord::parse("C"), *Chord::parse("F")});
    for (Note n : arpeggiated({*Chord::parse("G"), *Chord::parse("C")})) {
        n.start += kFourFour.bar() * 6;
        melody.push_back(n);
    }
    const Ticks length = kFourFour.bar() * 8;
    const std::vector<TickRange> phrases{{Ticks(0), kFourFour.bar() * 2}, {kFourFour.bar() * 6, length}};
    const Ticks rest_start = kFourFour.bar() * 2, rest_end = kFourFour.bar() * 6;
    const auto fixed = harmonize(melody, kCMajor, kFourFour, length, phrases, with_model());
    const auto moving = harmonize(melody, kCMajor, kFourFour, length, phrases, with_rhythm());
    const int fixed_changes = changes_in(fixed, rest_start - Ticks(1), rest_end);
    const int moving_changes = changes_in(moving, rest_start - Ticks(1), rest_end);
    EXPECT_LE(fixed_changes, 1) << "the fixed model holds its chord through most of the rest";
    EXPECT_GE(moving_changes, 3) << "about a chord per bar in the rest";
    // The sung bars keep their chords.
    EXPECT_GT(chord_tone_ratio(melody, moving, kFourFour, false), 0.9);
    for (const auto& s : moving) EXPECT_EQ(s.start.value % kQuarter.value, 0);
}

// A melody outlining one chord per bar fits its own bar lines better than bar lines one, two or
// three beats off (harmony_fit compares bar phases of one melody).
TEST(HarmonyFit, PrefersBarLinesWhereTheImpliedChordsChange) {
    const std::vector<Chord> truth{*Chord::parse("C"), *Chord::parse("Am"), *Chord::parse("F"), *Chord::parse("G"),
                                   *Chord::parse("C"), *Chord::parse("F"), *Chord::parse("G"), *Chord::parse("C")};
    const auto melody = arpeggiated(truth);
    for (const HarmonizeOptions& options : {with_model(), with_rhythm()}) {
        auto fit_shifted = [&](int beats) {
            std::vector<Note> shifted = melody;
            for (Note& n : shifted) n.start += kQuarter * beats;  // the bar lines move `beats` earlier
            const Ticks length = kFourFour.bar() * 9;
            return harmony_fit(shifted, kCMajor, kFourFour, length, {{Ticks(0), length}}, options);
        };
        const double aligned = fit_shifted(4);
        for (int beats : {1, 2, 3}) EXPECT_GT(aligned, fit_shifted(beats)) << beats << " beats off";
    }
    EXPECT_EQ(harmony_fit({}, kCMajor, kFourFour, kFourFour.bar(), {}, with_model()), 0.0);
}

}  // namespace
}  // namespace tunesmith
