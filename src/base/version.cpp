// One place that turns the build's TUNESMITH_VERSION definition into a value.
#include "base/version.h"

#ifndef TUNESMITH_VERSION
#define TUNESMITH_VERSION "unknown"
#endif

namespace tunesmith {

const char* tunesmith_version() { return TUNESMITH_VERSION; }

}  // namespace tunesmith
