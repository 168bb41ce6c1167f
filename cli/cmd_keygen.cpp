// `tunesmith keygen [--out DIR]`: writes a new Ed25519 signing key pair (tunesmith.key, mode 0600,
// and tunesmith.pub) and prints the public key. Default DIR: the per-installation key folder.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "base/error.h"
#include "cli/commands.h"
#include "export/signing.h"

namespace tunesmith::cli {

void register_keygen(CLI::App& app, Registry& registry) {
    struct Options {
        std::string out;
        bool force = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand("keygen", "Write a new Ed25519 key pair for signing provenance records");
    command->add_option("--out", options->out, "Folder for tunesmith.key and tunesmith.pub (default: " +
                                                   default_key_dir().string() + ")");
    command->add_flag("--force", options->force, "Replace a key pair already in the folder");
    command->callback([options, &registry] {
        registry.action = [options] {
            const std::filesystem::path dir = options->out.empty() ? default_key_dir() : std::filesystem::path(options->out);
            if (std::filesystem::exists(dir / "tunesmith.key") && !options->force)
                throw InputError("out", (dir / "tunesmith.key").string(),
                                 "a folder without a key (or --force to replace it; files signed with it will then "
                                 "verify as 'signed by an unknown key')");
            const SigningKey key = generate_signing_key();
            const std::filesystem::path secret = write_key_pair(key, dir);
            std::printf("secret key: %s (keep it private; use it with TUNESMITH_SIGNING_KEY=%s)\n",
                        secret.c_str(), secret.c_str());
            std::printf("public key: %s\n", key.public_hex().c_str());
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
