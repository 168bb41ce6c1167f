// Where tunesmith's data files (styles, lexicon, policy lists) live. Callers pass the path
// explicitly to loaders; this gives the default: $TUNESMITH_DATA_DIR, else the source tree's data/.
#pragma once

#include <filesystem>

namespace tunesmith {

std::filesystem::path default_data_dir();

}  // namespace tunesmith
