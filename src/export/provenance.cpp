// Building, signing, writing and verifying provenance records. The claim is canonical JSON
// (nlohmann's sorted keys, compact dump); the signature covers exactly those bytes.
#include "export/provenance.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>

#include "base/error.h"
#include "base/file_io.h"
#include "export/provenance_embed.h"
#include "base/version.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kRecordName = "provenance.json";

std::string iso_utc(std::int64_t unix_seconds) {
    const auto t = static_cast<std::time_t>(unix_seconds);
    std::tm parts{};
    gmtime_r(&t, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::string relative_name(const fs::path& file, const fs::path& folder) {
    const fs::path rel = file.lexically_relative(folder);
    return (rel.empty() || *rel.begin() == "..") ? file.filename().generic_string() : rel.generic_string();
}

json named_hash(const fs::path& file) {
    return {{"name", file.filename().string()}, {"sha256", sha256_file_hex(file)}};
}

json hashed_list(const std::vector<fs::path>& files) {
    json out = json::array();
    for (const auto& f : files) out.push_back(named_hash(f));
    return out;
}

json content_assertion(const ProvenanceRequest& request) {
    json files = json::array();
    for (const auto& f : request.outputs) {
        const auto known = request.pcm_digests.find(f);
        const ContentHash hash = known != request.pcm_digests.end() ? ContentHash{"pcm", known->second} : content_hash(f);
        files.push_back({{"name", relative_name(f, request.folder)}, {"binding", hash.binding}, {"sha256", hash.sha256}});
    }
    return {{"alg", "sha256"}, {"files", files}};
}

json assertion(const char* label, json data) { return {{"label", label}, {"data", std::move(data)}}; }

const json* find_assertion(const json& claim, std::string_view label) {
    if (!claim.contains("assertions") || !claim["assertions"].is_array()) return nullptr;
    for (const auto& a : claim["assertions"])
        if (a.is_object() && a.value("label", "") == label && a.contains("data")) return &a["data"];
    return nullptr;
}

struct LoadedRecord {
    json record;
    std::string from;
};

std::optional<json> parse_record(const std::string& text) {
    json record = json::parse(text, nullptr, false);
    if (record.is_discarded() || !record.is_object()) return std::nullopt;
    return record;
}

std::optional<fs::path> sibling_record(const fs::path& file) {
    fs::path dir = fs::absolute(file).parent_path();
    for (int up = 0; up < 2 && !dir.empty(); ++up, dir = dir.parent_path())
        if (fs::exists(dir / kRecordName)) return dir / kRecordName;
    return std::nullopt;
}

// Ok when the signature over the claim holds; fills the signer.
bool signature_holds(const json& record, Verification& out) {
    if (record.value("format", "") != kProvenanceFormat || !record.contains("claim") || !record.contains("signature"))
        return false;
    const json& signature = record["signature"];
    if (!signature.is_object() || !signature.contains("public_key") || !signature.contains("value")) return false;
    if (!signature["public_key"].is_string() || !signature["value"].is_string()) return false;
    out.signer = signature["public_key"].get<std::string>();
    return verify_message(out.signer, record["claim"].dump(), signature["value"].get<std::string>());
}

const json* bound_entry(const json& files, const std::string& name, const std::string& filename) {
    for (const auto& f : files)
        if (f.value("name", "") == name) return &f;
    for (const auto& f : files) {
        const std::string n = f.value("name", "");
        if (n == filename || (n.size() > filename.size() && n.ends_with("/" + filename))) return &f;
    }
    return nullptr;
}

// The content check of one file against the record's bound hashes; empty when it matches.
std::string content_mismatch(const fs::path& file, const std::string& name, const json& files) {
    if (!fs::exists(file)) return name + " is missing";
    const ContentHash hash = content_hash(file);
    const json* entry = bound_entry(files, name, file.filename().string());
    if (entry != nullptr && entry->value("sha256", "") == hash.sha256) return {};
    for (const auto& f : files)
        if (f.value("sha256", "") == hash.sha256) return {};  // renamed, content intact
    if (entry == nullptr) return name + " is not among the record's files and matches none of their hashes";
    return name + ": content hash " + hash.sha256.substr(0, 16) + "... differs from the signed " +
           entry->value("sha256", "").substr(0, 16) + "...";
}

Verification verify_record(const json& record, const std::vector<std::pair<fs::path, std::string>>& files,
                           const std::vector<std::string>& trusted) {
    Verification out;
    if (!signature_holds(record, out)) {
        out.verdict = Verdict::tampered_record;
        out.detail = "the record's signature does not match its claim (the record was changed or is malformed)";
        return out;
    }
    const json* bound = find_assertion(record["claim"], "tunesmith.hash.content");
    if (bound == nullptr || !bound->contains("files") || !(*bound)["files"].is_array()) {
        out.verdict = Verdict::tampered_record;
        out.detail = "the record has no content-hash assertion";
        return out;
    }
    for (const auto& [path, name] : files) {
        const std::string mismatch = content_mismatch(path, name, (*bound)["files"]);
        if (!mismatch.empty()) {
            out.verdict = Verdict::tampered_content;
            out.detail = mismatch;
            return out;
        }
    }
    if (std::find(trusted.begin(), trusted.end(), out.signer) == trusted.end()) {
        out.verdict = Verdict::unknown_key;
        out.detail = "the signature and content hold, but the key " + out.signer + " is not a trusted key";
        return out;
    }
    out.verdict = Verdict::valid;
    out.detail = "signature and content hash hold (" + std::to_string(files.size()) + " file(s) checked)";
    return out;
}

// Every file a provenance.json lists, resolved against its folder.
std::vector<std::pair<fs::path, std::string>> listed_files(const json& record, const fs::path& folder) {
    std::vector<std::pair<fs::path, std::string>> files;
    if (!record.contains("claim") || !record["claim"].is_object()) return files;
    const json* bound = find_assertion(record["claim"], "tunesmith.hash.content");
    if (bound == nullptr || !bound->contains("files") || !(*bound)["files"].is_array()) return files;
    for (const auto& f : (*bound)["files"]) {
        const std::string name = f.value("name", "");
        if (name.empty() || name.find("..") != std::string::npos) continue;
        files.emplace_back(folder / name, name);
    }
    return files;
}

}  // namespace

std::string default_licence() {
    return "Generated by tunesmith from the user's request and the listed ingredients; no third-party "
           "recording or composition is reproduced. The person who generated this file may use, modify "
           "and distribute it, commercially or not, without royalty or attribution.";
}

std::int64_t provenance_time() {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        char* end = nullptr;
        const long long value = std::strtoll(epoch, &end, 10);
        if (end != nullptr && *end == '\0' && value >= 0) return value;
    }
    return static_cast<std::int64_t>(std::time(nullptr));
}

json make_claim(const ProvenanceRequest& request) {
    json ingredients = {{"data_files", hashed_list(request.data_files)}, {"inputs", hashed_list(request.inputs)}};
    ingredients["soundfont"] = request.soundfont.empty() ? json(nullptr) : named_hash(request.soundfont);
    json assertions = json::array();
    assertions.push_back(assertion("tunesmith.parameters",
                                   {{"spec", request.spec}, {"seed", request.seed}, {"style", request.style}}));
    assertions.push_back(assertion("tunesmith.ingredients", std::move(ingredients)));
    assertions.push_back(assertion("tunesmith.rights", request.rights));
    assertions.push_back(assertion("tunesmith.licence", {{"statement", request.licence}}));
    assertions.push_back(assertion("tunesmith.hash.content", content_assertion(request)));
    return {{"claim_generator", {{"name", "tunesmith"}, {"version", tunesmith_version()}}},
            {"created", iso_utc(request.created_unix)},
            {"assertions", std::move(assertions)}};
}

json sign_claim(const json& claim, const SigningKey& key) {
    const std::string value = sign_message(key, claim.dump());
    return {{"format", kProvenanceFormat},
            {"claim", claim},
            {"signature", {{"alg", "Ed25519"}, {"public_key", key.public_hex()}, {"value", value}}}};
}

fs::path write_provenance(const ProvenanceRequest& request, const SigningKey& key) {
    const json claim = make_claim(request);
    const json record = sign_claim(claim, key);
    const std::string text = record.dump();
    for (const auto& f : request.outputs)
        if (can_embed(f)) embed_record(f, text, request.licence);
    const fs::path path = request.folder / kRecordName;
    write_file(path, record.dump(2) + '\n');
    return path;
}

std::string_view verdict_name(Verdict verdict) {
    switch (verdict) {
        case Verdict::valid: return "valid";
        case Verdict::tampered_content: return "tampered (content)";
        case Verdict::tampered_record: return "tampered (record)";
        case Verdict::unsigned_file: return "unsigned";
        case Verdict::unknown_key: return "signed by an unknown key";
    }
    return "unknown";
}

Verification verify_provenance(const fs::path& file, const std::vector<std::string>& trusted_keys) {
    if (!fs::exists(file)) throw InputError("file", file.string(), "an existing file");
    const bool is_record = file.filename() == kRecordName;
    std::optional<std::string> text;
    std::string from = "embedded";
    fs::path record_path;
    if (is_record) {
        record_path = file;
    } else if (can_embed(file)) {
        text = read_embedded_record(file);
    }
    if (!text && record_path.empty()) {
        if (auto sibling = sibling_record(file)) record_path = *sibling;
    }
    if (!record_path.empty()) {
        std::ifstream in(record_path, std::ios::binary);
        text = std::string(std::istreambuf_iterator<char>(in), {});
        from = record_path.string();
    }
    Verification out;
    if (!text) {
        out.detail = "no provenance record inside the file and no provenance.json beside it";
        return out;
    }
    const std::optional<json> record = parse_record(*text);
    if (!record) {
        out.verdict = Verdict::tampered_record;
        out.detail = "the provenance record is not valid JSON";
        out.record_from = from;
        return out;
    }
    const fs::path folder = fs::absolute(record_path.empty() ? file : record_path).parent_path();
    std::vector<std::pair<fs::path, std::string>> files;
    if (is_record) files = listed_files(*record, folder);
    else files.emplace_back(file, relative_name(fs::absolute(file), folder));
    out = verify_record(*record, files, trusted_keys);
    out.record_from = from;
    return out;
}

}  // namespace tunesmith
