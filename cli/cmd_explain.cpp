// `tunesmith explain PROMPT [flags]`: prints the resolved CueSpec and how each prompt word was
// read, as JSON on stdout. Nothing is rendered.
#include <cstdio>
#include <memory>

#include "base/data_dir.h"
#include "cli/commands.h"
#include "cli/spec_flags.h"
#include "spec/lexicon.h"
#include "spec/resolve.h"

namespace tunesmith::cli {

void register_explain(CLI::App& app, Registry& registry) {
    struct Options {
        std::string prompt;
        SpecFlags flags;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand("explain", "Show how a prompt and flags resolve into a CueSpec (JSON)");
    command->add_option("prompt", options->prompt, "The request in words, e.g. \"dark ambient, D minor, 45 seconds\"");
    add_spec_flags(*command, options->flags);
    command->callback([options, &registry] {
        registry.action = [options] {
            const Lexicon lexicon = load_lexicon(default_data_dir());
            const Resolution resolution = resolve_spec(make_spec_request(options->prompt, options->flags), lexicon);
            const std::string text = to_json(resolution).dump(2) + "\n";
            std::fwrite(text.data(), 1, text.size(), stdout);
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
