// `tunesmith verify FILE... [--pubkey KEY]`: checks each file's provenance (signature, content
// hash, signer) and prints one verdict per file; exit 0 only when every file is valid.
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "export/provenance.h"

namespace tunesmith::cli {

void register_verify(CLI::App& app, Registry& registry) {
    struct Options {
        std::vector<std::string> files;
        std::vector<std::string> pubkeys;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand(
        "verify", "Check a file's signed provenance: valid, tampered (content or record), unsigned, or unknown key");
    command->add_option("files", options->files, "WAV, FLAC, MIDI, cue.json or provenance.json files")->required();
    command->add_option("--pubkey", options->pubkeys,
                        "Trusted public key (64 hex digits or a .pub file); default: this installation's keys");
    command->add_flag("--json", options->json, "Print one JSON object per file");
    command->callback([options, &registry] {
        registry.action = [options] {
            std::vector<std::string> trusted;
            for (const auto& k : options->pubkeys) trusted.push_back(read_public_key(k));
            if (trusted.empty()) trusted = trusted_public_keys();
            bool all_valid = true;
            for (const auto& file : options->files) {
                const Verification v = verify_provenance(file, trusted);
                all_valid = all_valid && v.verdict == Verdict::valid;
                if (options->json) {
                    const nlohmann::json out = {{"file", file}, {"verdict", std::string(verdict_name(v.verdict))},
                                                {"detail", v.detail}, {"signer", v.signer},
                                                {"record", v.record_from}};
                    std::printf("%s\n", out.dump().c_str());
                } else {
                    std::printf("%s: %s - %s\n", file.c_str(), std::string(verdict_name(v.verdict)).c_str(),
                                v.detail.c_str());
                    if (!v.signer.empty()) std::printf("  signer: %s\n", v.signer.c_str());
                }
            }
            return all_valid ? 0 : 3;
        };
    });
}

}  // namespace tunesmith::cli
