// Tests for src/accompany/accompany.cpp on a synthesized sung song with known beats, key and
// chords: the accompaniment follows the singer's drifting grid, fits the melody, and bad input
// (too short, silent, noise, a bad chord list) is refused with an InputError.
#include "accompany/accompany.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "base/data_dir.h"
#include "base/error.h"
#include "sung_song.h"

namespace tunesmith {
namespace {

using testing_song::SungSong;

const Style& style_named(const char* name) {
    static const StyleLibrary library = load_styles(default_data_dir());
    return *library.find(name);
}

AccompanyOptions options_with_model() {
    AccompanyOptions options;
    options.harmony.model = std::make_shared<const HarmonyModel>(load_harmony_model(default_data_dir()));
    return options;
}

AudioBuffer buffer_of(const std::vector<float>& samples, int rate) {
    AudioBuffer audio(SampleRate(rate), 1, 0);
    audio.channels.front() = samples;
    return audio;
}

const SungSong& song() {
    static const SungSong s = [] {
        testing_song::SungSongOptions o;
        o.phrases = 2;
        o.bpm = 100.0;
        o.drift = 0.06;
        o.tonic_pc = 7;  // G major
        return testing_song::synthesize_song(o, Rng(11));
    }();
    return s;
}

// Seconds from the nearest true beat or half-beat.
double grid_error(const std::vector<double>& beats, double t) {
    double best = 1e9;
    for (std::size_t i = 0; i + 1 < beats.size(); ++i)
        for (double x : {beats[i], 0.5 * (beats[i] + beats[i + 1])}) best = std::min(best, std::abs(t - x));
    return best;
}

// Accompaniment onsets inside the sung span, and how many of them are within 50 ms of the true
// beat/half-beat grid.
struct GridCount {
    std::size_t total = 0;
    std::size_t on_grid = 0;
};
GridCount onsets_on_grid(const Accompaniment& a, const SungSong& song) {
    GridCount count;
    for (const Track& t : a.score.tracks)
        for (const Note& n : t.notes) {
            const double time = a.plan.tempo.to_seconds(n.start).value;
            if (time < song.beats.front() || time > song.phrases.back().end_s) continue;
            ++count.total;
            count.on_grid += grid_error(song.beats, time) <= 0.05;
        }
    return count;
}

TEST(Accompany, FollowsASungSongOnItsDriftingGrid) {
    const SungSong& s = song();
    CueSpec spec;
    spec.sample_rate = 48000;
    const Accompaniment a = accompany(buffer_of(s.audio, s.rate), spec, style_named("folk"), options_with_model());
    ASSERT_TRUE(a.plan.key.tonic_pc() == 7 || a.plan.key.tonic_pc() == 4) << a.plan.key.to_string();  // G or relative Em
    EXPECT_EQ(a.phrases.size(), 2u);
    EXPECT_FALSE(a.mix.is_mix);
    EXPECT_GE(a.plan.length_samples, to_samples(Seconds(static_cast<double>(s.audio.size()) / s.rate), SampleRate(48000)));
    // Onsets of the accompaniment within 50 ms of the true beat/half-beat grid (inside the sung span).
    const auto [total, on_grid] = onsets_on_grid(a, s);
    ASSERT_GT(total, 40u);
    EXPECT_GE(static_cast<double>(on_grid) / static_cast<double>(total), 0.9) << on_grid << "/" << total;
    EXPECT_GT(chord_tone_ratio(a.vocal_track.notes, a.chords, a.plan.meter, false), 0.5);
}

// The voice-melody path must not touch a clean vocal: mix detection keeps it a bare voice, so
// notes, phrases and chords are those of the pYIN analysis.
TEST(Accompany, CleanVocalIsUnchangedByTheVoiceMelody) {
    const SungSong& s = song();
    AccompanyOptions with = options_with_model(), without = options_with_model();
    without.voice_melody = false;
    const Accompaniment a = accompany(buffer_of(s.audio, s.rate), CueSpec{}, style_named("folk"), with);
    const Accompaniment b = accompany(buffer_of(s.audio, s.rate), CueSpec{}, style_named("folk"), without);
    EXPECT_FALSE(a.mix.is_mix);
    EXPECT_GE(a.mix.melody_agreement, 0.8);
    EXPECT_EQ(a.analysis.notes.notes, b.analysis.notes.notes);
    EXPECT_EQ(a.analysis.phrases, b.analysis.phrases);
    ASSERT_EQ(a.chords.size(), b.chords.size());
    for (std::size_t i = 0; i < a.chords.size(); ++i) EXPECT_EQ(a.chords[i].chord.name(), b.chords[i].chord.name());
}

// Share of transcribed notes whose pitch is within a semitone of the true note sounding at their middle.
double notes_on_the_voice(const std::vector<NoteEvent>& notes, const SungSong& s) {
    std::size_t hits = 0;
    for (const NoteEvent& n : notes) {
        const double t = 0.5 * (n.onset_s + n.offset_s);
        hits += std::any_of(s.notes.begin(), s.notes.end(), [&](const testing_sung::SungNote& truth) {
            return t >= truth.onset_s && t < truth.offset_s && std::abs(n.midi_pitch - truth.midi) <= 1;
        });
    }
    return notes.empty() ? 0.0 : static_cast<double>(hits) / static_cast<double>(notes.size());
}

// A voice over a band and a bass 6 dB louder: pYIN follows the bass (and the partial share then
// calls the upload clean); the voice melody makes it a mix and takes the notes from the voice.
TEST(Accompany, VoiceOverALoudBassTakesItsNotesFromTheVoice) {
    testing_song::SungSongOptions o;
    o.phrases = 2;
    o.bpm = 100.0;
    o.tonic_pc = 7;
    o.band = true;
    o.bass = true;
    const SungSong mixed = testing_song::synthesize_song(o, Rng(11));
    const Accompaniment a = accompany(buffer_of(mixed.audio, mixed.rate), CueSpec{}, style_named("folk"), options_with_model());
    const NoteTranscription pyin = segment_notes(track_pitch(mixed.audio, SampleRate(mixed.rate)));
    EXPECT_TRUE(a.mix.is_mix) << a.mix.partial_share << " " << a.mix.melody_agreement;
    EXPECT_LT(a.mix.melody_agreement, 0.5);
    const double voice = notes_on_the_voice(a.analysis.notes.notes, mixed);
    const double bass = notes_on_the_voice(pyin.notes, mixed);
    EXPECT_GE(voice, 0.5) << a.analysis.notes.notes.size() << " notes";
    EXPECT_LT(bass, 0.1) << pyin.notes.size() << " notes";
    EXPECT_LE(a.analysis.phrases.size(), 8u);  // 2 sung phrases; pYIN on the bass finds ~1 long one
    for (const std::string& w : a.warnings) EXPECT_EQ(w.find("pauses could not"), std::string::npos) << w;
}

TEST(Accompany, AMixsPhraseLongerThanABreathIsWarnedAbout) {
    const std::vector<Phrase> breathing{{0.0, 5.0, 1.0}, {6.0, 14.0, 0.0}};
    const std::vector<Phrase> one_block{{0.0, 5.0, 1.0}, {6.0, 40.0, 0.0}};
    EXPECT_FALSE(long_phrase_warning(breathing, 20.0));
    EXPECT_FALSE(long_phrase_warning({}, 20.0));
    const auto warning = long_phrase_warning(one_block, 20.0);
    ASSERT_TRUE(warning);
    EXPECT_NE(warning->find("34 s"), std::string::npos) << *warning;
}

// A slow singer (72 bpm, drifting +-8 %): the grid and every strum stay on the true beats; at this
// tempo untightened strokes put their top strings 55-75 ms after the beat.
TEST(Accompany, SlowSingerKeepsNinetyFivePercentOfOnsetsOnTheGrid) {
    testing_song::SungSongOptions o;
    o.phrases = 2;
    o.bpm = 72.0;
    o.drift = 0.08;
    o.tonic_pc = 2;
    const SungSong slow = testing_song::synthesize_song(o, Rng(12));
    CueSpec spec;
    spec.sample_rate = 48000;
    const Accompaniment a = accompany(buffer_of(slow.audio, slow.rate), spec, style_named("folk"), options_with_model());
    const auto [total, on_grid] = onsets_on_grid(a, slow);
    ASSERT_GT(total, 100u);
    EXPECT_GE(static_cast<double>(on_grid) / static_cast<double>(total), 0.95) << on_grid << "/" << total;
}

TEST(Accompany, ExplicitKeyAndForcedChordsWin) {
    const SungSong& s = song();
    AccompanyOptions options = options_with_model();
    options.key = Key{NoteName{4, 0}, Mode::major};  // G major spelled explicitly
    options.chords = parse_chord_list("G Em C D");
    const Accompaniment a = accompany(buffer_of(s.audio, s.rate), CueSpec{}, style_named("piano"), options);
    EXPECT_EQ(a.key_source, "--key");
    EXPECT_EQ(a.chord_source, "--chords");
    // The progression starts on the first bar the accompaniment plays (after a squeezed lead-in).
    const Ticks bar = a.plan.meter.bar();
    const Ticks first = bar * ((a.rest_until + bar - Ticks(1)) / bar);
    auto chord_at = [&](Ticks t) {
        for (const ChordSpan& c : a.chords)
            if (t >= c.start && t < c.end) return c.chord;
        return Chord{};
    };
    EXPECT_EQ(chord_at(first), *Chord::parse("G"));
    EXPECT_EQ(chord_at(first + bar), *Chord::parse("Em"));
    EXPECT_EQ(chord_at(first + bar * 4), *Chord::parse("G"));
    for (const Track& track : a.score.tracks)
        for (const Note& n : track.notes) EXPECT_GE(n.start, a.rest_until) << track.name;
}

// A vocal that starts at once: the tracked lead-in bar has only milliseconds before the first beat.
// The accompaniment rests there instead of playing a bar in that instant.
TEST(Accompany, RestsThroughASqueezedLeadIn) {
    const SungSong& s = song();
    const auto skip = static_cast<std::size_t>((s.beats[0] - 0.01) * s.rate);
    std::vector<float> audio(s.audio.begin() + static_cast<std::ptrdiff_t>(skip), s.audio.end());
    const Accompaniment a = accompany(buffer_of(audio, s.rate), CueSpec{}, style_named("folk"), options_with_model());
    // Every note starts where the grid's beat lasts about the singer's beat (not a lead-in bar
    // squeezed into the milliseconds before the first tracked beat).
    const double beat_s = 60.0 / a.spec.bpm;
    std::size_t notes = 0;
    for (const Track& track : a.score.tracks)
        for (const Note& n : track.notes) {
            const Ticks beat_start = a.plan.meter.beat() * (n.start / a.plan.meter.beat());
            const double local = a.plan.tempo.to_seconds(beat_start + a.plan.meter.beat()).value - a.plan.tempo.to_seconds(beat_start).value;
            EXPECT_GT(local, 0.6 * beat_s) << track.name << " note at " << a.plan.tempo.to_seconds(n.start).value << " s";
            ++notes;
        }
    EXPECT_GT(notes, 20u);
}

// Session 14: every tempo segment of the accompaniment is a tempo someone could play, for vocals that
// start at once, drift, sit over a band, with and without --bpm and --time-signature (a --bpm near the
// singer's tempo had a 3000-bpm first segment: its lead-in beat squeezed into 20 ms). The tempo the
// accompaniment reports is the one its map plays over the sung span.
TEST(Accompany, EveryTempoSegmentIsSaneForAnyVocalAndFlags) {
    const SungSong& s = song();
    const auto skip = static_cast<std::size_t>((s.beats[0] - 0.02) * s.rate);
    const std::vector<float> at_once(s.audio.begin() + static_cast<std::ptrdiff_t>(skip), s.audio.end());
    testing_song::SungSongOptions o;
    o.phrases = 2;
    o.bpm = 76.0;
    o.band = o.bass = true;
    const SungSong mix = testing_song::synthesize_song(o, Rng(5));
    struct Flags {
        std::optional<double> bpm;
        std::optional<Meter> meter;
    };
    const std::vector<Flags> flags{{}, {96.0, {}}, {50.0, {}}, {127.0, {}}, {{}, Meter{3, 4}}, {80.0, Meter{6, 8}}};
    for (const auto& [name, audio, rate] : {std::tuple{"starts at once", at_once, s.rate}, std::tuple{"band mix", mix.audio, mix.rate}}) {
        for (const Flags& f : flags) {
            AccompanyOptions options = options_with_model();
            options.bpm = f.bpm;
            options.meter = f.meter;
            const Accompaniment a = accompany(buffer_of(audio, rate), CueSpec{}, style_named("folk"), options);
            const std::string label = std::string(name) + ", --bpm " + (f.bpm ? std::to_string(*f.bpm) : "-") +
                                      ", meter " + (f.meter ? f.meter->to_string() : "-") + " (" + a.tempo_source + ")";
            const auto& anchors = a.plan.tempo.anchors();
            for (std::size_t i = 0; i < anchors.size() && anchors[i].tick < a.plan.length; ++i) {
                const double bpm = a.plan.tempo.bpm_at(anchors[i].tick);
                EXPECT_GE(bpm, 30.0) << label << ", segment " << i;
                EXPECT_LE(bpm, 300.0) << label << ", segment " << i;
            }
            EXPECT_GE(a.spec.bpm, 30.0) << label;
            EXPECT_LE(a.spec.bpm, 300.0) << label;
        }
    }
}

TEST(Accompany, RefusesShortSilentAndNoisyInput) {
    const int rate = 22050;
    EXPECT_THROW(accompany(buffer_of(std::vector<float>(2 * rate, 0.1f), rate), CueSpec{}, style_named("folk")),
                 InputError);
    EXPECT_THROW(accompany(buffer_of(std::vector<float>(6 * rate, 0.0f), rate), CueSpec{}, style_named("folk")),
                 InputError);
    Rng rng(3);
    std::vector<float> noise(8 * rate);
    for (float& x : noise) x = static_cast<float>(0.2 * rng.uniform(-1.0, 1.0));
    try {
        accompany(buffer_of(noise, rate), CueSpec{}, style_named("folk"));
        FAIL() << "white noise was accompanied";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "vocal");
    }
}

TEST(ParseChordList, ReadsSymbolsAndNamesTheBadOne) {
    const auto chords = parse_chord_list("C, G|Am  F7");
    ASSERT_EQ(chords.size(), 4u);
    EXPECT_EQ(chords[3], *Chord::parse("F7"));
    EXPECT_TRUE(parse_chord_list("").empty());
    try {
        parse_chord_list("C H7 G");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "chords");
        EXPECT_EQ(e.value(), "H7");
    }
}

}  // namespace
}  // namespace tunesmith

namespace tunesmith {
namespace {

// Chord changes per bar over the cue.
double changes_per_bar(const Accompaniment& a) {
    const double bars = static_cast<double>(a.plan.length.value) / static_cast<double>(a.plan.meter.bar().value);
    return static_cast<double>(a.chords.size() - 1) / bars;
}

// The corpus harmonic rhythm and bar lines chosen by the harmony fit, through the whole pipeline: a
// sung song with a chord per bar (and a bar of rest after each phrase) gets about a chord per bar,
// every change on a bar or half-bar line, where fixed change probabilities held chords for bars.
TEST(Accompany, HarmonicRhythmKeepsTheChordsMovingOnTheBarLines) {
    const SungSong& s = song();
    CueSpec spec;
    spec.sample_rate = 48000;
    AccompanyOptions before = options_with_model();
    before.bar_lines_from_harmony = false;
    AccompanyOptions after = options_with_model();
    after.harmony.rhythm = std::make_shared<const HarmonicRhythm>(load_harmonic_rhythm(default_data_dir()));
    const Accompaniment fixed = accompany(buffer_of(s.audio, s.rate), spec, style_named("folk"), before);
    const Accompaniment moving = accompany(buffer_of(s.audio, s.rate), spec, style_named("folk"), after);
    std::printf("chord changes per bar: fixed %.2f, corpus rhythm %.2f\n", changes_per_bar(fixed), changes_per_bar(moving));
    EXPECT_GE(changes_per_bar(moving), 0.6);
    EXPECT_GT(changes_per_bar(moving), changes_per_bar(fixed));
    const Ticks half_bar = moving.plan.meter.bar() / 2;
    for (const ChordSpan& c : moving.chords) EXPECT_EQ(c.start.value % half_bar.value, 0) << c.start.value;
}

// A tune on one chord (C E G), so every bar phase harmonizes alike: each phrase starts on a downbeat,
// sings two bars of quarter notes and holds its last note three beats from the downbeat of its third
// bar; a bar and a beat of rest follow. Only where the phrases begin and the long notes land says where
// the bar lines are. Returns the audio and the true downbeats.
std::pair<std::vector<float>, std::vector<double>> one_chord_tune(double bpm, Rng rng) {
    const std::vector<double> beats = testing_song::detail::drifting_beats(64, bpm, 0.04, rng.fork("tempo"));
    std::vector<testing_sung::SungNote> notes;
    const int pitches[] = {60, 64, 67, 64, 72, 67, 64, 67};
    for (std::size_t phrase = 0; phrase < 4; ++phrase) {
        const std::size_t first = 16 * phrase;
        for (std::size_t i = 0; i < 8; ++i) notes.push_back({beats[first + i], beats[first + i + 1] - 0.03, pitches[i]});
        notes.push_back({beats[first + 8], beats[first + 11] - 0.03, 60});
    }
    std::vector<float> audio(static_cast<std::size_t>((beats.back() + 1.0) * 22050), 0.0f);
    testing_song::detail::sing(notes, 22050, rng.fork("voice"), audio);
    std::vector<double> downbeats;
    for (std::size_t b = 0; b < beats.size(); b += 4) downbeats.push_back(beats[b]);
    return {audio, downbeats};
}

// Share of the accompaniment's bar lines inside [from, to] s within 70 ms of a true downbeat.
double bar_lines_on_downbeats(const Accompaniment& a, const std::vector<double>& downbeats, double from, double to) {
    std::size_t lines = 0, on = 0;
    for (Ticks t(0); t <= a.plan.length; t += a.plan.meter.bar()) {
        const double s = a.plan.tempo.to_seconds(t).value;
        if (s < from || s > to) continue;
        ++lines;
        on += std::any_of(downbeats.begin(), downbeats.end(), [&](double d) { return std::abs(d - s) <= 0.07; });
    }
    return lines ? static_cast<double>(on) / static_cast<double>(lines) : 0.0;
}

TEST(Accompany, PhraseStartsAndHeldNotesPlaceTheBarLinesWhereTheHarmonyCannot) {
    AccompanyOptions options = options_with_model();
    options.harmony.rhythm = std::make_shared<const HarmonicRhythm>(load_harmonic_rhythm(default_data_dir()));
    options.sung_onsets = std::make_shared<const SungOnsetProfile>(load_sung_onset_profile(default_data_dir()));
    options.bar_profile = std::make_shared<const MelodyBarProfile>(load_melody_bar_profile(default_data_dir()));
    options.meter = Meter{4, 4};  // the bar's phase is the question here, not its length
    for (std::uint64_t seed = 0; seed < 3; ++seed) {
        const double bpm = 76.0 + 8.0 * static_cast<double>(seed);
        const auto [audio, downbeats] = one_chord_tune(bpm, Rng(40 + seed));
        const Accompaniment a = accompany(buffer_of(audio, 22050), CueSpec{}, style_named("folk"), options);
        EXPECT_GE(bar_lines_on_downbeats(a, downbeats, downbeats.front(), downbeats.back()), 0.8)
            << bpm << " bpm, bar shift " << a.bar_shift;
    }
}

// A waltz on one chord (so the harmony cannot tell its bars): phrases of four 3/4 bars (a held note
// and a step, three quarters, a held note and a step, a note held through the bar) and a bar of rest.
std::pair<std::vector<float>, std::vector<double>> one_chord_waltz(double bpm, Rng rng) {
    const std::vector<double> beats = testing_song::detail::drifting_beats(64, bpm, 0.04, rng.fork("tempo"));
    const int lengths[] = {2, 1, 1, 1, 1, 2, 1, 3};
    const int pitches[] = {60, 64, 67, 64, 60, 67, 64, 60};
    std::vector<testing_sung::SungNote> notes;
    for (std::size_t phrase = 0; phrase < 4; ++phrase) {
        std::size_t beat = 15 * phrase;
        for (std::size_t i = 0; i < 8; ++i) {
            const auto next = beat + static_cast<std::size_t>(lengths[i]);
            notes.push_back({beats[beat], beats[next] - 0.03, pitches[i]});
            beat = next;
        }
    }
    std::vector<float> audio(static_cast<std::size_t>((beats.back() + 1.0) * 22050), 0.0f);
    testing_song::detail::sing(notes, 22050, rng.fork("voice"), audio);
    std::vector<double> downbeats;
    for (std::size_t b = 0; b < beats.size(); b += 3) downbeats.push_back(beats[b]);
    return {audio, downbeats};
}

// Session 14: the beat tracker's accent meter reads bare 4/4 voices as 3/4 (and could read a waltz as
// 4/4); with the 3/4 bar profile the meter is chosen with the bar phase. Here the tracker is made to
// read each tune in the other meter; a user's --time-signature still wins.
TEST(Accompany, TheBarProfilesChooseThreeOrFourBeatsWhereTheTrackerReadTheOther) {
    AccompanyOptions options = options_with_model();
    options.harmony.rhythm = std::make_shared<const HarmonicRhythm>(load_harmonic_rhythm(default_data_dir()));
    options.sung_onsets = std::make_shared<const SungOnsetProfile>(load_sung_onset_profile(default_data_dir()));
    options.bar_profile = std::make_shared<const MelodyBarProfile>(load_melody_bar_profile(default_data_dir()));
    options.three_four_bar_profile =
        std::make_shared<const MelodyBarProfile>(load_three_four_bar_profile(default_data_dir()));
    for (std::uint64_t seed = 0; seed < 2; ++seed) {
        const double bpm = 80.0 + 12.0 * static_cast<double>(seed);
        for (const int beats_per_bar : {3, 4}) {
            const auto [audio, downbeats] = beats_per_bar == 4 ? one_chord_tune(bpm, Rng(50 + seed))
                                                               : one_chord_waltz(bpm, Rng(60 + seed));
            AccompanyOptions misread = options;
            misread.analysis.beats.beats_per_bar = 7 - beats_per_bar;
            const Accompaniment a = accompany(buffer_of(audio, 22050), CueSpec{}, style_named("folk"), misread);
            EXPECT_EQ(a.plan.meter.beats_per_bar(), beats_per_bar) << bpm << " bpm";
            EXPECT_GE(bar_lines_on_downbeats(a, downbeats, downbeats.front(), downbeats.back()), 0.8)
                << bpm << " bpm, " << beats_per_bar << " beats, read " << a.plan.meter.to_string() << ", bar shift "
                << a.bar_shift;
            AccompanyOptions user = misread;
            user.meter = Meter{7 - beats_per_bar, 4};
            const Accompaniment told = accompany(buffer_of(audio, 22050), CueSpec{}, style_named("folk"), user);
            EXPECT_EQ(told.plan.meter.beats_per_bar(), 7 - beats_per_bar) << "--time-signature wins";
        }
    }
}

}  // namespace
}  // namespace tunesmith
