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

TEST(Validate, OnlyTheFormatsThatAreWrittenAreAccepted) {
    // mp3, ogg and musicxml were accepted here, then refused by generate after the spec resolved.
    CueSpec spec;
    for (const char* format : {"mp3", "ogg", "musicxml"}) {
        spec.formats = {"wav", format};
        EXPECT_EQ(error_field([&] { validate(spec); }), "formats[1]") << format;
    }
    spec.formats = {"wav", "flac", "mid"};
    EXPECT_EQ(error_field([&] { validate(spec); }), "(no error)");
}

TEST(Validate, ACueIsAtLeastOneBarAtTheFastestTempo) {
    CueSpec spec;
    spec.length = Seconds(0.5);  // one 4/4 bar at 400 bpm is 0.6 s
    EXPECT_EQ(error_field([&] { validate(spec); }), "length_s");
    EXPECT_NE(error_message([&] { validate(spec); }).find("at least 0.6 s: one bar of 4/4 at 400 bpm"), std::string::npos)
        << error_message([&] { validate(spec); });
    spec.time_signature = *Meter::parse("3/4");  // 0.45 s
    EXPECT_EQ(error_field([&] { validate(spec); }), "(no error)");
    spec.length = Seconds(0.6);
    spec.time_signature = *Meter::parse("4/4");
    EXPECT_EQ(error_field([&] { validate(spec); }), "(no error)");
}

}  // namespace
}  // namespace tunesmith
