#include "cli/commands.h"
namespace tunesmith::cli {
void register_generate(CLI::App&, Registry&) {}
}
