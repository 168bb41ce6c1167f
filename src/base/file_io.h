// Whole-file writes that report every failure: a file that cannot be written (a full disk, a
// read-only folder) is an OutputError naming the file and the system's reason, never a short file.
// Thread-safe (no shared state).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tunesmith {

// The system's text for an errno value ("No space left on device").
std::string system_reason(int error);

// Writes `bytes` to `path` (created or truncated), checking each write and the close.
void write_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace tunesmith
