// Shared fixtures for the spec tests: the project's lexicon, loaded once, and prompts resolved with it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "base/error.h"
#include "spec/lexicon.h"
#include "spec/prompt_parser.h"
#include "spec/resolve.h"

namespace tunesmith::testing {

inline const Lexicon& project_lexicon() {
    static const Lexicon lexicon = load_lexicon(std::string(TUNESMITH_SOURCE_DIR) + "/data");
    return lexicon;
}

// A prompt alone resolved against the project's lexicon, its spec, and its reading.
inline Resolution resolved(const std::string& prompt) { return resolve_spec({prompt, std::nullopt, {}}, project_lexicon()); }
inline CueSpec spec_of(const std::string& prompt) { return resolved(prompt).spec; }
inline PromptReading read(const std::string& prompt) { return read_prompt(prompt, project_lexicon()); }

// True when one of the resolution's warnings contains `text`.
inline bool warns(const Resolution& r, const std::string& text) {
    return std::any_of(r.warnings.begin(), r.warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
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
