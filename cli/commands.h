// Subcommands of the `tunesmith` command. Each file cmd_*.cpp registers one subcommand; its
// callback stores the action to run, and main() runs it under one error policy:
// InputError -> one line on stderr, exit 2; anything else -> exit 1.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "base/progress.h"

namespace tunesmith::cli {

using Action = std::function<int()>;

struct Registry {
    Action action;  // set by the chosen subcommand's callback
};

void register_explain(CLI::App& app, Registry& registry);
void register_generate(CLI::App& app, Registry& registry);
void register_plot(CLI::App& app, Registry& registry);
void register_render(CLI::App& app, Registry& registry);

// Progress on stderr when it is a terminal (quiet otherwise); warnings always.
Reporter terminal_reporter(bool quiet);
void register_analyze(CLI::App& app, Registry& registry);
void register_keygen(CLI::App& app, Registry& registry);
void register_verify(CLI::App& app, Registry& registry);
void register_check(CLI::App& app, Registry& registry);
void register_index(CLI::App& app, Registry& registry);
void register_score_video(CLI::App& app, Registry& registry);
void register_accompany(CLI::App& app, Registry& registry);
void register_serve(CLI::App& app, Registry& registry);
void register_keys(CLI::App& app, Registry& registry);

}  // namespace tunesmith::cli
