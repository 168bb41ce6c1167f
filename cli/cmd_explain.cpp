#include "cli/commands.h"
namespace tunesmith::cli {
void register_explain(CLI::App&, Registry&) {}
}
