// `tunesmith keys create|list|revoke [--data DIR]`: API keys of a server's data folder. A new key
// is printed once; only its SHA-256 is stored.
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>

#include "base/error.h"
#include "cli/commands.h"
#include "server/key_store.h"
#include "server/server.h"

namespace tunesmith::cli {
namespace {

std::string utc_time(std::int64_t unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%SZ", &tm);
    return text;
}

}  // namespace

void register_keys(CLI::App& app, Registry& registry) {
    struct Options {
        std::filesystem::path data_dir;
        std::string name = "default";
        std::int64_t id = 0;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand("keys", "Create, list or revoke API keys of `tunesmith serve`");
    command->require_subcommand(1);
    command->add_option("--data", options->data_dir, "Server data folder (default: " +
                                                         server::default_server_data_dir().string() + ")");
    auto data_dir = [options] {
        return options->data_dir.empty() ? server::default_server_data_dir() : options->data_dir;
    };

    CLI::App* create = command->add_subcommand("create", "Create a key and print it (once)");
    create->fallthrough();  // --data may come after the action too
    create->add_option("--name", options->name, "A label for the key")->capture_default_str();
    create->callback([options, data_dir, &registry] {
        registry.action = [options, data_dir] {
            server::KeyStore keys(data_dir());
            const server::NewApiKey key = keys.create(options->name);
            std::printf("%s\n", key.secret.c_str());
            std::fprintf(stderr, "key %lld (%s) created; it is shown only now: store it safely\n",
                         static_cast<long long>(key.info.id), key.info.name.c_str());
            return 0;
        };
    });

    CLI::App* list = command->add_subcommand("list", "List keys (id, name, hash prefix, created, state)");
    list->fallthrough();
    list->callback([data_dir, &registry] {
        registry.action = [data_dir] {
            server::KeyStore keys(data_dir());
            for (const auto& key : keys.list())
                std::printf("%lld\t%s\tsha256:%s\t%s\t%s\n", static_cast<long long>(key.id), key.name.c_str(),
                            key.hash_prefix.c_str(), utc_time(key.created_unix).c_str(),
                            key.revoked ? "revoked" : "live");
            return 0;
        };
    });

    CLI::App* revoke = command->add_subcommand("revoke", "Revoke a key by id: its requests get 401 from now on");
    revoke->fallthrough();
    revoke->add_option("id", options->id, "The key's id (from `tunesmith keys list`)")->required();
    revoke->callback([options, data_dir, &registry] {
        registry.action = [options, data_dir] {
            server::KeyStore keys(data_dir());
            if (!keys.revoke(options->id))
                throw InputError("id", std::to_string(options->id), "the id of a key (see `tunesmith keys list`)");
            std::printf("key %lld revoked\n", static_cast<long long>(options->id));
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
