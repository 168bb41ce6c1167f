// The one error type at the library boundary: bad user input (a spec field, a file, a flag).
// It names the field, the value and what is accepted; the CLI prints it as one line, exit code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace tunesmith {

class InputError : public std::runtime_error {
public:
    InputError(std::string field, std::string value, std::string accepted)
        : std::runtime_error(format(field, value, accepted)),
          field_(std::move(field)), value_(std::move(value)), accepted_(std::move(accepted)) {}

    const std::string& field() const { return field_; }
    const std::string& value() const { return value_; }
    const std::string& accepted() const { return accepted_; }

private:
    static std::string format(const std::string& field, const std::string& value,
                              const std::string& accepted) {
        std::string message = field + ": ";
        message += value.empty() ? std::string("missing") : "'" + value + "'";
        if (!accepted.empty()) message += " is not accepted; expected " + accepted;
        return message;
    }

    std::string field_;
    std::string value_;
    std::string accepted_;
};

// A file or folder that could not be written (a full disk, a read-only folder): the user's
// environment, not a bug, so it is an InputError on "output" (CLI exit code 2, HTTP 4xx) whose
// message names the file and the system's reason ("No space left on device").
class OutputError : public InputError {
public:
    OutputError(const std::string& file, const std::string& reason)
        : InputError("output", file, "a location that can be written, with free space (" + reason + ")"),
          message_("output: cannot write '" + file + "': " + reason) {}

    const char* what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};

// A run stopped because its caller asked (Reporter::check_cancelled): not a failure and not bad
// input. The server marks the job cancelled; nothing partial is left (staging folders clean up).
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace tunesmith
