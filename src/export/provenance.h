// The signed provenance record of a generation (C2PA-like: a claim of assertions with a hard
// binding of every output's content hash, signed with Ed25519), written as provenance.json and
// embedded in each WAV/FLAC/MIDI output, and its verification. Format: docs/rights.md.
// Thread-safe; reads and writes only the files it is given.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "export/signing.h"

namespace tunesmith {

inline constexpr std::string_view kProvenanceFormat = "tunesmith-provenance/1";

// The statement written into every record and every file's copyright field.
std::string default_licence();

// Seconds since 1970 for the record's "created": $SOURCE_DATE_EPOCH when set (reproducible
// builds' convention; tests fix it), else the current time.
std::int64_t provenance_time();

struct ProvenanceRequest {
    std::filesystem::path folder;                 // outputs are named relative to it
    std::vector<std::filesystem::path> outputs;   // every output file to bind (cue.json too)
    nlohmann::json spec;                          // the resolved CueSpec as JSON
    std::uint64_t seed = 0;
    std::string style;
    std::filesystem::path soundfont;              // empty when nothing was rendered
    std::vector<std::filesystem::path> data_files;  // data files the generation read
    std::vector<std::filesystem::path> inputs;    // user inputs (vocal, video, MIDI)
    nlohmann::json rights;                        // the melody check (null when not run)
    std::int64_t created_unix = 0;
    std::string licence = default_licence();
    // PcmDigests of audio outputs known from writing them (audio/pcm_digest.h): not decoded again.
    std::map<std::filesystem::path, std::string> pcm_digests;
};

// The unsigned claim: generator, created time and assertions (parameters, ingredients with
// their SHA-256, rights, licence, content hashes of the outputs).
nlohmann::json make_claim(const ProvenanceRequest& request);

// {"format", "claim", "signature": {"alg": "Ed25519", "public_key", "value"}}; the signature covers
// claim.dump() (compact, keys sorted: the canonical form).
nlohmann::json sign_claim(const nlohmann::json& claim, const SigningKey& key);

// make_claim + sign_claim, embeds the record in every output that can carry one and writes
// <folder>/provenance.json. Returns its path.
std::filesystem::path write_provenance(const ProvenanceRequest& request, const SigningKey& key);

enum class Verdict { valid, tampered_content, tampered_record, unsigned_file, unknown_key };
std::string_view verdict_name(Verdict verdict);  // "valid", "tampered (content)", ...

struct Verification {
    Verdict verdict = Verdict::unsigned_file;
    std::string detail;      // one sentence: what was checked or what differs
    std::string signer;      // the record's public key (hex), when there is a record
    std::string record_from; // "embedded" or the provenance.json path
};

// Checks one file: a WAV/FLAC/MIDI file against its embedded record (else a provenance.json
// beside it or one folder up), any other file against that provenance.json, and provenance.json
// itself against every file it lists. `trusted_keys` are hex public keys; a valid signature by
// another key is Verdict::unknown_key. InputError only for a file that does not exist.
Verification verify_provenance(const std::filesystem::path& file, const std::vector<std::string>& trusted_keys);

}  // namespace tunesmith
