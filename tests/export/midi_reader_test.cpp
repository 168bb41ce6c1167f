// Tests for src/export/midi_reader.cpp: write -> read round trips, foreign files (type 0, other
// PPQ, running status, velocity-0 note-offs), malformed files, and a bounded fuzz loop.
#include "export/midi_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/error.h"
#include "base/random.h"
#include "export/midi_writer.h"
#include "midi_fixtures.h"

namespace tunesmith {
namespace {

using testing_fixtures::make_test_score;

std::vector<Note> sorted_notes(std::vector<Note> notes) {
    std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
        if (a.start != b.start) return a.start < b.start;
        if (a.pitch != b.pitch) return a.pitch < b.pitch;
        return a.duration < b.duration;
    });
    return notes;
}

TEST(MidiReader, RoundTripIsExact) {
    const Score original = make_test_score();
    const Score back = read_midi(write_midi(original), SampleRate(48000));
    ASSERT_EQ(back.tracks.size(), original.tracks.size());
    for (std::size_t i = 0; i < original.tracks.size(); ++i) {
        const Track& a = original.tracks[i];
        const Track& b = back.tracks[i];
        EXPECT_EQ(b.name, a.name);
        EXPECT_EQ(b.program, a.program);
        EXPECT_EQ(b.bank, a.bank);
        EXPECT_EQ(b.drums, a.drums);
        EXPECT_EQ(b.notes, sorted_notes(a.notes)) << a.name;
        EXPECT_EQ(b.controls, a.controls) << a.name;
        EXPECT_EQ(b.bends, a.bends) << a.name;
    }
    EXPECT_EQ(back.meter, original.meter);
    EXPECT_EQ(back.key, original.key);
    EXPECT_EQ(back.markers, original.markers);
    EXPECT_EQ(back.chords, original.chords);
    EXPECT_EQ(back.length, original.length);
    EXPECT_EQ(back.length_samples, original.length_samples);
    EXPECT_EQ(back.tempo, original.tempo);  // exact anchors restored from the timing text
}

// Session 11: a track named by its voice keeps its group through a file (an edited score.mid is
// mixed as the group it plays); a track named by its group writes no group event.
TEST(MidiReader, AVoiceNamedTrackKeepsItsGroup) {
    Score original = make_test_score();
    original.tracks[0].name = "cello";
    original.tracks[0].group = "strings";
    const std::string bytes = write_midi(original);
    const Score back = read_midi(bytes, SampleRate(48000));
    EXPECT_EQ(back.tracks[0].name, "cello");
    EXPECT_EQ(back.tracks[0].group, "strings");
    EXPECT_EQ(back.tracks[1].group, "");
    EXPECT_EQ(write_midi(make_test_score()).find("tunesmith:group"), std::string::npos);
}

// Removes tunesmith's own text events so only standard SMF content remains.
std::string strip_tunesmith_text(const Score& score) {
    Score plain = score;
    plain.chords.clear();
    std::string bytes = write_midi(plain);
    // Overwrite the prefix so the reader treats the events as ordinary text.
    for (std::size_t at = bytes.find("tunesmith:"); at != std::string::npos; at = bytes.find("tunesmith:", at))
        bytes.replace(at, 10, "edited-by:");
    return bytes;
}

TEST(MidiReader, StandardEventsAloneKeepTempoWithinASamplePerBeat) {
    const Score original = make_test_score();
    const Score back = read_midi(strip_tunesmith_text(original), SampleRate(48000));
    // Without the exact anchors, each beat still lands within one sample of the original.
    for (std::int64_t beat = 0; beat <= original.length / kQuarter; ++beat) {
        const auto diff = back.tempo.to_samples(kQuarter * beat) - original.tempo.to_samples(kQuarter * beat);
        EXPECT_LE(std::abs(diff.value), 1) << "beat " << beat;
    }
    // The key signature alone says the parent minor key (D dorian -> A minor signature).
    EXPECT_EQ(back.key.to_string(), "A minor");
    EXPECT_EQ(back.meter, original.meter);
    EXPECT_EQ(back.markers, original.markers);
}

TEST(MidiReader, EditedTempoOverridesTheExactAnchors) {
    Score original = make_test_score();
    std::string bytes = write_midi(original);
    // Double the tempo of the first segment by editing its FF 51 event in place.
    const auto at = bytes.find("\xFF\x51\x03");
    ASSERT_NE(at, std::string::npos);
    const auto us = (static_cast<std::uint8_t>(bytes[at + 3]) << 16) | (static_cast<std::uint8_t>(bytes[at + 4]) << 8) |
                    static_cast<std::uint8_t>(bytes[at + 5]);
    const int half = us / 2;
    bytes[at + 3] = static_cast<char>((half >> 16) & 0xFF);
    bytes[at + 4] = static_cast<char>((half >> 8) & 0xFF);
    bytes[at + 5] = static_cast<char>(half & 0xFF);
    const Score back = read_midi(bytes, SampleRate(48000));
    const Ticks bar = original.meter.bar();
    EXPECT_NEAR(static_cast<double>(back.tempo.to_samples(bar * 2).value), 72000.0, 1.0);
}

std::string vlq_file(std::uint16_t format, std::uint16_t division, const std::vector<std::string>& tracks) {
    std::string out = "MThd";
    out += std::string("\0\0\0\x06", 4);
    out += static_cast<char>(format >> 8);
    out += static_cast<char>(format & 0xFF);
    out += static_cast<char>(tracks.size() >> 8);
    out += static_cast<char>(tracks.size() & 0xFF);
    out += static_cast<char>(division >> 8);
    out += static_cast<char>(division & 0xFF);
    for (const auto& body : tracks) {
        out += "MTrk";
        const auto n = static_cast<std::uint32_t>(body.size());
        for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((n >> shift) & 0xFF);
        out += body;
    }
    return out;
}

TEST(MidiReader, ForeignType0FileAt96PpqWithRunningStatus) {
    // Tempo 100 bpm (600000 us), 6/8, E minor (1 sharp, minor); piano on ch 1, drums on ch 10.
    std::string t;
    t += std::string("\x00\xFF\x51\x03\x09\x27\xC0", 7);
    t += std::string("\x00\xFF\x58\x04\x06\x03\x24\x08", 8);
    t += std::string("\x00\xFF\x59\x02\x01\x01", 6);
    t += std::string("\x00\xC0\x00", 3);
    t += std::string("\x00\x90\x40\x64", 4);       // E4 on at 0
    t += std::string("\x30\x43\x50", 3);           // running status: G4 on at 48 (= 480 ticks)
    t += std::string("\x30\x40\x00", 3);           // E4 off via velocity 0 at 96
    t += std::string("\x00\x99\x24\x7F", 4);       // kick on channel 10 at 96
    t += std::string("\x18\x89\x24\x00", 4);       // kick off at 120
    t += std::string("\x18\x80\x43\x00", 4);       // G4 off at 144
    t += std::string("\x00\xFF\x2F\x00", 4);
    const Score s = read_midi(vlq_file(0, 96, {t}), SampleRate(44100));
    ASSERT_EQ(s.tracks.size(), 2u);
    EXPECT_EQ(s.tracks[0].name, "piano");
    EXPECT_FALSE(s.tracks[0].drums);
    EXPECT_EQ(s.tracks[0].notes, (std::vector<Note>{{Ticks(0), Ticks(960), 64, 100}, {Ticks(480), Ticks(960), 67, 80}}));
    EXPECT_EQ(s.tracks[1].name, "drums");
    EXPECT_TRUE(s.tracks[1].drums);
    EXPECT_EQ(s.tracks[1].notes, (std::vector<Note>{{Ticks(960), Ticks(240), 36, 127}}));
    EXPECT_EQ(s.meter, (Meter{6, 8}));
    EXPECT_EQ(s.key.to_string(), "E minor");
    EXPECT_DOUBLE_EQ(s.tempo.bpm_at(Ticks(0)), 100.0);
    EXPECT_EQ(s.tempo.to_samples(kQuarter), Samples(26460));
    EXPECT_EQ(s.length, Meter({6, 8}).bar());  // rounded up to the bar line
}

void expect_input_error(const std::string& bytes, const std::string& what) {
    try {
        read_midi(bytes, SampleRate(48000), "edited.mid");
        ADD_FAILURE() << "accepted " << what;
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "edited.mid") << what;
    }
}

TEST(MidiReader, MalformedFilesAreInputErrors) {
    const std::string good = write_midi(make_test_score());
    expect_input_error("", "empty data");
    expect_input_error("RIFF....WAVEfmt ", "a WAV header");
    expect_input_error(good.substr(0, good.size() / 2), "a truncated file");
    expect_input_error(good.substr(0, 20), "a file cut inside the first chunk header");
    std::string absurd = good;
    absurd[18] = '\x7F';  // first track's length -> ~2 GB
    expect_input_error(absurd, "an absurd chunk length");
    expect_input_error(vlq_file(2, 960, {}), "SMF format 2");
    expect_input_error(vlq_file(1, 0xE728, {}), "SMPTE division");
    expect_input_error(vlq_file(1, 960, {std::string("\x00\x40\x40", 3)}), "data without status");
    expect_input_error(vlq_file(1, 960, {std::string("\xFF\xFF\xFF\xFF\x7F\x90\x40", 7)}), "a 5-byte VLQ");
    expect_input_error(vlq_file(1, 960, {std::string("\x00\xFF\x51\x03\x00\x00\x01", 7)}), "a 1 us tempo");
}

TEST(MidiReader, MissingFileNamesThePath) {
    const auto path = std::filesystem::temp_directory_path() / "tunesmith-no-such-file.mid";
    try {
        read_midi_file(path, SampleRate(48000));
        ADD_FAILURE() << "read a missing file";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), path.string());
    }
}

TEST(MidiReader, FileRoundTrip) {
    const auto path = std::filesystem::temp_directory_path() / "tunesmith-midi-reader-test.mid";
    write_midi_file(make_test_score(), path);
    const Score back = read_midi_file(path, SampleRate(48000));
    std::filesystem::remove(path);
    EXPECT_EQ(back.tracks.size(), 3u);
    EXPECT_EQ(back.tempo, make_test_score().tempo);
}

// libFuzzer-style robustness: mutated and random byte strings either parse or throw InputError.
TEST(MidiReader, FuzzedBytesNeverCrash) {
    const std::string seed_file = write_midi(make_test_score());
    Rng rng(20261125);
    int parsed = 0;
    int rejected = 0;
    for (int iteration = 0; iteration < 4000; ++iteration) {
        std::string bytes = seed_file;
        const int mutations = rng.range(1, 12);
        for (int m = 0; m < mutations; ++m) {
            const auto at = static_cast<std::size_t>(rng.range(0, static_cast<int>(bytes.size()) - 1));
            switch (rng.range(0, 4)) {
                case 0: bytes[at] = static_cast<char>(rng.range(0, 255)); break;
                case 1: bytes.erase(at, static_cast<std::size_t>(rng.range(1, 16))); break;
                case 2: bytes.insert(at, static_cast<std::size_t>(rng.range(1, 8)), static_cast<char>(rng.range(0, 255))); break;
                case 3: bytes.resize(at); break;
                default: bytes[at] = static_cast<char>(bytes[at] ^ (1 << rng.range(0, 7))); break;
            }
            if (bytes.empty()) bytes = "M";
        }
        if (iteration % 8 == 0) {  // pure noise behind a valid header
            bytes = seed_file.substr(0, 22);
            for (int i = rng.range(0, 200); i > 0; --i) bytes += static_cast<char>(rng.range(0, 255));
        }
        try {
            const Score s = read_midi(bytes, SampleRate(48000), "fuzz");
            EXPECT_GE(s.length_samples.value, 0);
            ++parsed;
        } catch (const InputError&) {
            ++rejected;
        }
    }
    EXPECT_GT(parsed, 0);
    EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace tunesmith
