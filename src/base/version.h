// The tunesmith version string, as CMake's project version, for metadata, cue sheets and records.
#pragma once

namespace tunesmith {

// e.g. "0.7.0"; "unknown" if built without the CMake definition.
const char* tunesmith_version();

}  // namespace tunesmith
