// Shared fixtures for the spec tests: the project's lexicon, loaded once.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "base/error.h"
#include "spec/lexicon.h"

namespace tunesmith::testing {

inline const Lexicon& project_lexicon() {
    static const Lexicon lexicon = load_lexicon(std::string(TUNESMITH_SOURCE_DIR) + "/data");
    return lexicon;
}

// Runs `f` and returns the InputError's field, or "(no error)".
template <class F>
std::string error_field(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.field();
    }
    return "(no error)";
}

template <class F>
std::string error_message(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace tunesmith::testing
