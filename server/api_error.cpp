// Builds the API's error objects; InputError's message is kept verbatim (the CLI's wording).
#include "server/api_error.h"

namespace tunesmith::server {

nlohmann::json error_object(const std::string& field, const std::string& value, const std::string& accepted,
                            const std::string& message) {
    return {{"field", field}, {"value", value}, {"accepted", accepted}, {"message", message}};
}

nlohmann::json error_object(const InputError& error) {
    return error_object(error.field(), error.value(), error.accepted(), error.what());
}

}  // namespace tunesmith::server
