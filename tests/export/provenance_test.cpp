// Tests for export/provenance, provenance_embed and signing: a signed record over WAV, FLAC,
// MIDI and JSON outputs verifies on every file type, and tampering of content or record is caught.
#include "export/provenance.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "audio/audio_reader.h"
#include "audio/audio_writer.h"
#include "base/error.h"
#include "export/midi_reader.h"
#include "export/midi_writer.h"
#include "export/provenance_embed.h"
#include "midi_fixtures.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

SigningKey fixed_key(std::uint8_t fill) {
    std::array<std::uint8_t, 32> seed{};
    seed.fill(fill);
    return signing_key_from_seed(seed);
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void spit(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

AudioBuffer sine(std::size_t frames) {
    AudioBuffer audio(SampleRate(48000), 2, frames);
    for (std::size_t i = 0; i < frames; ++i) {
        const float v = 0.5f * static_cast<float>(std::sin(0.05 * static_cast<double>(i)));
        audio.channels[0][i] = v;
        audio.channels[1][i] = -v;
    }
    return audio;
}

// A cue-like folder: mix.wav, mix.flac, stems/bass.wav, score.mid, cue.json, all signed.
class ProvenanceTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::path(::testing::TempDir()) /
               ("provenance_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "stems");
        AudioMetadata meta;
        meta.title = "test cue";
        write_audio_file(dir_ / "mix.wav", sine(4800), AudioFileFormat::wav_pcm24, meta);
        write_audio_file(dir_ / "mix.flac", sine(4800), AudioFileFormat::flac_pcm24, meta);
        write_audio_file(dir_ / "stems/bass.wav", sine(2400), AudioFileFormat::wav_pcm24, meta);
        write_midi_file(testing_fixtures::make_test_score(), dir_ / "score.mid");
        spit(dir_ / "cue.json", "{\"spec\": {\"bpm\": 100}}\n");
        request_.folder = dir_;
        request_.outputs = {dir_ / "mix.wav", dir_ / "mix.flac", dir_ / "stems/bass.wav", dir_ / "score.mid",
                            dir_ / "cue.json"};
        request_.spec = {{"bpm", 100}, {"key", "D minor"}};
        request_.seed = 1234567890123456789ull;
        request_.style = "ambient";
        request_.created_unix = 1764000000;
        request_.rights = {{"melody_check", {{"result", "clear"}, {"score", 0.31}}}};
    }
    void TearDown() override { fs::remove_all(dir_); }

    Verdict verdict(const fs::path& file) { return verify_provenance(file, {key_.public_hex()}).verdict; }

    fs::path dir_;
    ProvenanceRequest request_;
    SigningKey key_ = fixed_key(7);
};

TEST_F(ProvenanceTest, EveryOutputTypeVerifies) {
    const std::string midi_before = slurp(dir_ / "score.mid");
    const std::string pcm_before = content_hash(dir_ / "mix.wav").sha256;
    write_provenance(request_, key_);
    for (const char* name : {"mix.wav", "mix.flac", "stems/bass.wav", "score.mid", "cue.json", "provenance.json"}) {
        const Verification v = verify_provenance(dir_ / name, {key_.public_hex()});
        EXPECT_EQ(v.verdict, Verdict::valid) << name << ": " << v.detail;
        EXPECT_EQ(v.signer, key_.public_hex()) << name;
    }
    // Embedding changes the files but not their bound content.
    EXPECT_NE(slurp(dir_ / "score.mid"), midi_before);
    EXPECT_EQ(content_hash(dir_ / "mix.wav").sha256, pcm_before);
    EXPECT_EQ(midi_without_record(slurp(dir_ / "score.mid")), midi_before);
    EXPECT_EQ(read_embedded_record(dir_ / "mix.flac"), read_embedded_record(dir_ / "mix.wav"));
}

TEST_F(ProvenanceTest, EmbeddedFilesStillDecodeToTheSameContent) {
    const AudioBuffer wav_before = read_audio_file(dir_ / "mix.wav");
    const AudioBuffer flac_before = read_audio_file(dir_ / "mix.flac");
    const Score midi_before = read_midi_file(dir_ / "score.mid", SampleRate(48000));
    write_provenance(request_, key_);
    EXPECT_EQ(read_audio_file(dir_ / "mix.wav"), wav_before);
    EXPECT_EQ(read_audio_file(dir_ / "mix.flac"), flac_before);
    EXPECT_EQ(read_midi_file(dir_ / "score.mid", SampleRate(48000)), midi_before);
    // WAV carries the licence as a standard INFO copyright field.
    SF_INFO info{};
    SNDFILE* f = sf_open((dir_ / "mix.wav").c_str(), SFM_READ, &info);
    ASSERT_NE(f, nullptr);
    const char* copyright = sf_get_string(f, SF_STR_COPYRIGHT);
    const std::string copyright_text = copyright != nullptr ? copyright : "";
    const char* title = sf_get_string(f, SF_STR_TITLE);
    const std::string title_text = title != nullptr ? title : "";
    sf_close(f);
    EXPECT_EQ(copyright_text, request_.licence);
    EXPECT_EQ(title_text, "test cue");
}

TEST_F(ProvenanceTest, OneFlippedSampleIsTamperedContent) {
    write_provenance(request_, key_);
    // Flip the lowest bit of one 24-bit sample inside the WAV data chunk.
    std::string wav = slurp(dir_ / "mix.wav");
    const auto data = wav.find("data");
    ASSERT_NE(data, std::string::npos);
    wav[data + 8 + 3 * 1000] = static_cast<char>(wav[data + 8 + 3 * 1000] ^ 1);
    spit(dir_ / "mix.wav", wav);
    const Verification v = verify_provenance(dir_ / "mix.wav", {key_.public_hex()});
    EXPECT_EQ(v.verdict, Verdict::tampered_content) << v.detail;
    EXPECT_EQ(verdict(dir_ / "provenance.json"), Verdict::tampered_content);
    EXPECT_EQ(verdict(dir_ / "mix.flac"), Verdict::valid);  // other files are untouched
}

TEST_F(ProvenanceTest, ReencodedFlacWithOneChangedSampleIsTamperedContent) {
    write_provenance(request_, key_);
    const std::string record = *read_embedded_record(dir_ / "mix.flac");
    AudioBuffer audio = read_audio_file(dir_ / "mix.flac");
    audio.channels[1][777] += 0.001f;
    write_audio_file(dir_ / "mix.flac", audio, AudioFileFormat::flac_pcm24, {});
    embed_record(dir_ / "mix.flac", record, request_.licence);  // the original record copied over
    EXPECT_EQ(verdict(dir_ / "mix.flac"), Verdict::tampered_content);
}

TEST_F(ProvenanceTest, EditedJsonIsTamperedRecordOrContent) {
    write_provenance(request_, key_);
    // Edit the claim inside provenance.json: the signature no longer covers it.
    json record = json::parse(slurp(dir_ / "provenance.json"));
    record["claim"]["assertions"][0]["data"]["seed"] = 42;
    spit(dir_ / "provenance.json", record.dump(2));
    EXPECT_EQ(verdict(dir_ / "provenance.json"), Verdict::tampered_record);
    EXPECT_EQ(verdict(dir_ / "cue.json"), Verdict::tampered_record);
    EXPECT_EQ(verdict(dir_ / "mix.wav"), Verdict::valid);  // carries its own embedded record

    // Edit the cue sheet: its bound bytes no longer match.
    write_provenance(request_, key_);
    spit(dir_ / "cue.json", "{\"spec\": {\"bpm\": 101}}\n");
    EXPECT_EQ(verdict(dir_ / "cue.json"), Verdict::tampered_content);
}

TEST_F(ProvenanceTest, EditedEmbeddedRecordIsTamperedRecord) {
    write_provenance(request_, key_);
    std::string record = *read_embedded_record(dir_ / "score.mid");
    const auto at = record.find("ambient");
    ASSERT_NE(at, std::string::npos);
    record.replace(at, 7, "ambiant");
    const std::string midi = midi_with_record(slurp(dir_ / "score.mid"), record);
    spit(dir_ / "score.mid", midi);
    EXPECT_EQ(verdict(dir_ / "score.mid"), Verdict::tampered_record);
}

TEST_F(ProvenanceTest, UnsignedAndUnknownKey) {
    EXPECT_EQ(verdict(dir_ / "mix.wav"), Verdict::unsigned_file);
    EXPECT_EQ(verdict(dir_ / "cue.json"), Verdict::unsigned_file);
    write_provenance(request_, fixed_key(9));
    const Verification v = verify_provenance(dir_ / "mix.flac", {key_.public_hex()});
    EXPECT_EQ(v.verdict, Verdict::unknown_key) << v.detail;
    EXPECT_EQ(v.signer, fixed_key(9).public_hex());
    EXPECT_THROW(verify_provenance(dir_ / "nope.wav", {}), InputError);
}

TEST_F(ProvenanceTest, ClaimHoldsTheRequestedFacts) {
    write_provenance(request_, key_);
    const json record = json::parse(slurp(dir_ / "provenance.json"));
    EXPECT_EQ(record["format"], std::string(kProvenanceFormat));
    EXPECT_EQ(record["claim"]["created"], "2025-11-24T16:00:00Z");
    EXPECT_EQ(record["signature"]["alg"], "Ed25519");
    const json& assertions = record["claim"]["assertions"];
    std::vector<std::string> labels;
    for (const auto& a : assertions) labels.push_back(a["label"]);
    EXPECT_EQ(labels, (std::vector<std::string>{"tunesmith.parameters", "tunesmith.ingredients", "tunesmith.rights",
                                                "tunesmith.licence", "tunesmith.hash.content"}));
    EXPECT_EQ(assertions[0]["data"]["seed"].get<std::uint64_t>(), 1234567890123456789ull);
    const json& files = assertions[4]["data"]["files"];
    ASSERT_EQ(files.size(), 5u);
    EXPECT_EQ(files[2]["name"], "stems/bass.wav");
    EXPECT_EQ(files[0]["binding"], "pcm");
    EXPECT_EQ(files[3]["binding"], "smf");
    EXPECT_EQ(files[4]["binding"], "bytes");
    EXPECT_NE(files[0]["sha256"], files[2]["sha256"]);  // different audio, different hashes
    // Same request and key: the same record, byte for byte (Ed25519 is deterministic).
    const std::string first = slurp(dir_ / "provenance.json");
    write_provenance(request_, key_);
    EXPECT_EQ(slurp(dir_ / "provenance.json"), first);
}

TEST(Signing, KeyFilesRoundTripAndSignaturesBindTheMessage) {
    const fs::path dir = fs::path(::testing::TempDir()) / "signing_keys";
    fs::remove_all(dir);
    const SigningKey key = generate_signing_key();
    const fs::path secret = write_key_pair(key, dir);
    EXPECT_EQ(read_signing_key(secret).public_key, key.public_key);
    EXPECT_EQ(read_public_key((dir / "tunesmith.pub").string()), key.public_hex());
    EXPECT_EQ(read_public_key(key.public_hex()), key.public_hex());
    EXPECT_EQ(fs::status(secret).permissions() & fs::perms::others_read, fs::perms::none);
    const std::string sig = sign_message(key, "hello");
    EXPECT_TRUE(verify_message(key.public_hex(), "hello", sig));
    EXPECT_FALSE(verify_message(key.public_hex(), "hellO", sig));
    EXPECT_FALSE(verify_message(fixed_key(1).public_hex(), "hello", sig));
    EXPECT_FALSE(verify_message("zz", "hello", sig));
    spit(dir / "bad.key", "not hex");
    EXPECT_THROW(read_signing_key(dir / "bad.key"), InputError);
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    fs::remove_all(dir);
}

TEST(Signing, PerInstallationKeyIsCreatedOnceAndTrusted) {
    const fs::path home = fs::path(::testing::TempDir()) / "signing_home";
    fs::remove_all(home);
    ::setenv("XDG_CONFIG_HOME", home.c_str(), 1);
    ::unsetenv("TUNESMITH_SIGNING_KEY");
    std::vector<std::string> messages;
    Reporter reporter;
    reporter.log = [&](LogLevel, std::string_view m) { messages.emplace_back(m); };
    const SigningKey first = load_signing_key({}, reporter);
    const SigningKey second = load_signing_key({}, reporter);
    EXPECT_EQ(first.public_key, second.public_key);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_NE(messages[0].find(first.public_hex()), std::string::npos);
    EXPECT_TRUE(fs::exists(home / "tunesmith" / "tunesmith.key"));
    EXPECT_EQ(trusted_public_keys(), std::vector<std::string>{first.public_hex()});
    ::unsetenv("XDG_CONFIG_HOME");
    fs::remove_all(home);
}

TEST(MidiEmbedding, RecordSurvivesRunningStatusAndRemovesCleanly) {
    // A hand-made type 0 file: running status note events after a tempo event.
    std::string smf("MThd\0\0\0\6\0\0\0\1\x03\xC0", 14);
    const std::string track("\x00\xFF\x51\x03\x07\xA1\x20\x00\x90\x3C\x40\x60\x3C\x00\x00\xFF\x2F\x00", 18);
    smf += std::string("MTrk\0\0\0\x12", 8) + track;
    const std::string with = midi_with_record(smf, "{\"a\":1}");
    std::optional<std::string> found;
    EXPECT_EQ(midi_without_record(with, &found), smf);
    EXPECT_EQ(found, std::optional<std::string>("{\"a\":1}"));
    EXPECT_EQ(midi_with_record(with, "{\"b\":2}").size(), with.size());  // replaced, not added
    EXPECT_THROW(midi_without_record(std::string("MThd\0\0\0\6", 8)), InputError);
}

}  // namespace
}  // namespace tunesmith
