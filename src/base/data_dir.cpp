// Default data directory: environment override first, then the path compiled in by CMake.
#include "base/data_dir.h"

#include <cstdlib>

namespace tunesmith {

std::filesystem::path default_data_dir() {
    if (const char* env = std::getenv("TUNESMITH_DATA_DIR"); env != nullptr && *env != '\0') return env;
    return TUNESMITH_DEFAULT_DATA_DIR;
}

}  // namespace tunesmith
