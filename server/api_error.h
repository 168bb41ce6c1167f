// The API's one error shape, {"error": {"field","value","accepted","message"}}, and the exception
// a route throws to answer with it. InputError maps to it field for field, so the API says what
// the CLI says.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "base/error.h"

namespace tunesmith::server {

// The inner object: {"field","value","accepted","message"}.
nlohmann::json error_object(const std::string& field, const std::string& value, const std::string& accepted,
                            const std::string& message);
nlohmann::json error_object(const InputError& error);

// Thrown by route code; the route wrapper answers `status` with {"error": object}.
class HttpError : public std::runtime_error {
public:
    HttpError(int status, nlohmann::json object)
        : std::runtime_error(object.value("message", std::string("error"))), status_(status),
          object_(std::move(object)) {}
    HttpError(int status, const std::string& field, const std::string& value, const std::string& accepted,
              const std::string& message)
        : HttpError(status, error_object(field, value, accepted, message)) {}

    int status() const { return status_; }
    const nlohmann::json& object() const { return object_; }

private:
    int status_;
    nlohmann::json object_;
};

}  // namespace tunesmith::server
