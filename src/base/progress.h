// How the library reports: it never prints. Callers pass a progress callback and a logger;
// the CLI draws a bar, the server records job progress, tests pass nothing.
// Callbacks may be called from worker threads, one call at a time.
#pragma once

#include <functional>
#include <string_view>

#include "base/error.h"

namespace tunesmith {

// stage: a short name ("compose", "render", "master"); fraction: 0..1 within that stage.
using ProgressFn = std::function<void(std::string_view stage, double fraction)>;

enum class LogLevel { debug, info, warning };
using LogFn = std::function<void(LogLevel, std::string_view message)>;

struct Reporter {
    ProgressFn progress;
    LogFn log;
    // Polled between stages (never from worker threads): true asks the run to stop.
    std::function<bool()> cancel_requested;

    void report(std::string_view stage, double fraction) const {
        if (progress) progress(stage, fraction);
    }
    void info(std::string_view message) const {
        if (log) log(LogLevel::info, message);
    }
    void warn(std::string_view message) const {
        if (log) log(LogLevel::warning, message);
    }
    // Throws Cancelled when the caller asked to stop; called at stage boundaries of a pipeline.
    void check_cancelled() const {
        if (cancel_requested && cancel_requested()) throw Cancelled();
    }
};

}  // namespace tunesmith
