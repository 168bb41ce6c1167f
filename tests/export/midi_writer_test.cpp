// Tests for src/export/midi_writer.cpp: file structure, conductor track contents, channel and
// event ordering, and the key-signature mapping of modes.
#include "export/midi_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/error.h"
#include "export/midi_reader.h"
#include "midi_fixtures.h"

namespace tunesmith {
namespace {

using testing_fixtures::make_test_score;

std::uint32_t be32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<std::uint8_t>(s[at + i]);
    return v;
}

// Splits the file into MTrk bodies (assumes a well-formed file, which is what is under test).
std::vector<std::string> track_bodies(const std::string& file) {
    std::vector<std::string> out;
    std::size_t at = 14;
    while (at + 8 <= file.size()) {
        const std::uint32_t length = be32(file, at + 4);
        EXPECT_EQ(file.substr(at, 4), "MTrk");
        out.push_back(file.substr(at + 8, length));
        at += 8 + length;
    }
    EXPECT_EQ(at, file.size()) << "chunk lengths must add up to the file size";
    return out;
}

TEST(MidiWriter, HeaderIsType1At960Ppq) {
    const std::string file = write_midi(make_test_score());
    ASSERT_GE(file.size(), 14u);
    EXPECT_EQ(file.substr(0, 4), "MThd");
    EXPECT_EQ(be32(file, 4), 6u);
    EXPECT_EQ(file[8], 0);
    EXPECT_EQ(file[9], 1);  // format 1
    EXPECT_EQ(static_cast<std::uint8_t>(file[11]), 4u);  // conductor + 3 tracks
    EXPECT_EQ((static_cast<std::uint8_t>(file[12]) << 8) | static_cast<std::uint8_t>(file[13]), 960);
    EXPECT_EQ(track_bodies(file).size(), 4u);
}

TEST(MidiWriter, ConductorHasTempoMeterKeyAndMarkers) {
    const Score score = make_test_score();
    const auto bodies = track_bodies(write_midi(score));
    const std::string& conductor = bodies.at(0);
    // Time signature 3/4: FF 58 04 03 02 18 08.
    EXPECT_NE(conductor.find(std::string("\xFF\x58\x04\x03\x02\x18\x08", 7)), std::string::npos);
    // D dorian has the C major signature with the minor flag: FF 59 02 00 01.
    EXPECT_NE(conductor.find(std::string("\xFF\x59\x02\x00\x01", 5)), std::string::npos);
    EXPECT_NE(conductor.find("\xFF\x51\x03"), std::string::npos);
    EXPECT_NE(conductor.find("intro"), std::string::npos);
    EXPECT_NE(conductor.find("hit"), std::string::npos);
    EXPECT_NE(conductor.find("tunesmith:key D dorian"), std::string::npos);
}

TEST(MidiWriter, TrackPerScoreTrackWithNamesAndChannels) {
    const Score score = make_test_score();
    const auto bodies = track_bodies(write_midi(score));
    ASSERT_EQ(bodies.size(), score.tracks.size() + 1);
    for (std::size_t i = 0; i < score.tracks.size(); ++i) {
        const std::string name_event = std::string("\xFF\x03", 2) + static_cast<char>(score.tracks[i].name.size()) +
                                       score.tracks[i].name;
        EXPECT_EQ(bodies[i + 1].find(name_event), 1u) << "track name first, at delta 0";
    }
    // strings -> channel 1 (0xC0), drums -> channel 10 (0xC9), bass -> channel 2 (0xC1).
    EXPECT_NE(bodies[1].find(std::string("\xC0\x30", 2)), std::string::npos);
    EXPECT_NE(bodies[2].find(std::string("\xC9\x30", 2)), std::string::npos);
    EXPECT_NE(bodies[3].find(std::string("\xC1\x21", 2)), std::string::npos);
}

TEST(MidiWriter, NoteOffPrecedesNoteOnAtTheSameTick) {
    Score score = make_test_score();
    score.tracks.resize(1);
    score.tracks[0].controls.clear();
    score.tracks[0].bends.clear();
    score.tracks[0].notes = {Note{Ticks(0), Ticks(960), 60, 100}, Note{Ticks(960), Ticks(960), 60, 90}};
    const auto bodies = track_bodies(write_midi(score));
    const std::string& body = bodies.at(1);
    const auto first_off = body.find(std::string("\x80\x3C\x00", 3));
    const auto second_on = body.find(std::string("\x90\x3C\x5A", 3));
    ASSERT_NE(first_off, std::string::npos);
    ASSERT_NE(second_on, std::string::npos);
    EXPECT_LT(first_off, second_on);
}

TEST(MidiWriter, VariableLengthDeltasEncodeLongGaps) {
    Score score = make_test_score();
    score.tracks.resize(1);
    score.tracks[0].controls.clear();
    score.tracks[0].bends.clear();
    // 200,000 ticks = 0x30D40 -> VLQ 8C 9A 40.
    score.tracks[0].notes = {Note{Ticks(200000), Ticks(10), 64, 100}};
    score.length = Ticks(200010);
    const auto bodies = track_bodies(write_midi(score));
    EXPECT_NE(bodies.at(1).find(std::string("\x8C\x9A\x40\x90\x40\x64", 6)), std::string::npos);
}

TEST(MidiWriter, ModesMapToParentSignatures) {
    auto sig = [](const char* text) { return midi_key_signature(*Key::parse(text)); };
    EXPECT_EQ(sig("C major"), (MidiKeySignature{0, false}));
    EXPECT_EQ(sig("A minor"), (MidiKeySignature{0, true}));
    EXPECT_EQ(sig("D minor"), (MidiKeySignature{-1, true}));
    EXPECT_EQ(sig("F# major"), (MidiKeySignature{6, false}));
    EXPECT_EQ(sig("Eb major"), (MidiKeySignature{-3, false}));
    EXPECT_EQ(sig("E dorian"), (MidiKeySignature{2, true}));
    EXPECT_EQ(sig("G mixolydian"), (MidiKeySignature{0, false}));
    EXPECT_EQ(sig("F lydian"), (MidiKeySignature{0, false}));
    EXPECT_EQ(sig("E phrygian"), (MidiKeySignature{0, true}));
    EXPECT_EQ(sig("B locrian"), (MidiKeySignature{0, true}));
    EXPECT_EQ(sig("G# major"), (MidiKeySignature{-4, false}));  // written as Ab major
    EXPECT_EQ(key_from_midi_signature({-4, false}).to_string(), "Ab major");
    EXPECT_EQ(key_from_midi_signature({3, true}).to_string(), "F# minor");
    EXPECT_EQ(key_from_midi_signature({-6, true}).to_string(), "Eb minor");
    for (int sf = -7; sf <= 7; ++sf)
        for (bool minor : {false, true})
            EXPECT_EQ(midi_key_signature(key_from_midi_signature({sf, minor})), (MidiKeySignature{sf, minor}));
}

TEST(MidiWriter, SameScoreSameBytes) {
    EXPECT_EQ(write_midi(make_test_score()), write_midi(make_test_score()));
}

// A file that fits the stream's buffer still reports a full disk (/dev/full).
TEST(MidiWriter, AFullDiskIsAnOutputError) {
    if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
    EXPECT_THROW(write_midi_file(make_test_score(), "/dev/full"), OutputError);
}

}  // namespace
}  // namespace tunesmith
