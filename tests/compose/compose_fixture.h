// Shared by the tests that compose whole cues: the repository's style library (loaded once) and
// looking a track up by name.
#pragma once

#include <filesystem>
#include <string_view>

#include "compose/style.h"
#include "music/score.h"

namespace tunesmith::testing_fixture {

inline const StyleLibrary& style_library() {
    static const StyleLibrary library = load_styles(std::filesystem::path(TUNESMITH_SOURCE_DIR) / "data");
    return library;
}

// The track named `name`, or nullptr.
inline const Track* find_track(const Score& score, std::string_view name) {
    for (const auto& t : score.tracks)
        if (t.name == name) return &t;
    return nullptr;
}

}  // namespace tunesmith::testing_fixture
