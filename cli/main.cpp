// Entry point of the `tunesmith` command: builds the subcommand table and applies the
// exit-code policy (0 ok, 1 internal failure, 2 bad input).
#include <cstdio>
#include <exception>

#include "base/error.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
    CLI::App app{"tunesmith: a controllable music engine (prompt and parameters in, a finished cue out)"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("tunesmith ") + TUNESMITH_CLI_VERSION);
    tunesmith::cli::Registry registry;
    tunesmith::cli::register_explain(app, registry);
    tunesmith::cli::register_generate(app, registry);
    tunesmith::cli::register_plot(app, registry);
    tunesmith::cli::register_render(app, registry);
    tunesmith::cli::register_analyze(app, registry);
    tunesmith::cli::register_keygen(app, registry);
    tunesmith::cli::register_verify(app, registry);
    tunesmith::cli::register_check(app, registry);
    tunesmith::cli::register_index(app, registry);
    tunesmith::cli::register_score_video(app, registry);
    tunesmith::cli::register_accompany(app, registry);
    tunesmith::cli::register_serve(app, registry);
    tunesmith::cli::register_keys(app, registry);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    try {
        return registry.action ? registry.action() : 0;
    } catch (const tunesmith::InputError& e) {
        std::fprintf(stderr, "tunesmith: error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tunesmith: internal error: %s\n", e.what());
        return 1;
    }
}
