// Tests for spec/validate: checks that need more than one field (the range checks of single
// fields are in cue_spec_json_test.cpp).
#include "spec/validate.h"

#include <gtest/gtest.h>

#include "spec/value_parsers.h"
#include "spec_test_support.h"

namespace tunesmith {
namespace {

using testing::error_field;
using testing::error_message;

TEST(Validate, ExcludingEveryGroupIsAnErrorNamingTheList) {
    CueSpec spec;
    spec.instruments.exclude = instrument_groups();
    EXPECT_EQ(error_field([&] { validate(spec); }), "instruments.exclude");
    const std::string message = error_message([&] { validate(spec); });
    EXPECT_NE(message.find("piano,strings"), std::string::npos) << message;
    EXPECT_NE(message.find("nothing is left"), std::string::npos) << message;
    EXPECT_NE(message.find("instruments.include"), std::string::npos) << message;
}

TEST(Validate, ExcludingAllButOneGroupIsAccepted) {
    CueSpec spec;
    spec.instruments.exclude = instrument_groups();
    spec.instruments.exclude.pop_back();
    EXPECT_EQ(error_field([&] { validate(spec); }), "(no error)");
}

}  // namespace
}  // namespace tunesmith
