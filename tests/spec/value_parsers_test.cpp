#include "spec/value_parsers.h"

#include <gtest/gtest.h>

#include "spec_test_support.h"

namespace tunesmith {
namespace {

using testing::error_field;

TEST(ValueParsers, TimesInEveryForm) {
    EXPECT_DOUBLE_EQ(parse_time("28", "t").value, 28.0);
    EXPECT_DOUBLE_EQ(parse_time("28s", "t").value, 28.0);
    EXPECT_DOUBLE_EQ(parse_time("0:28", "t").value, 28.0);
    EXPECT_DOUBLE_EQ(parse_time("1:02.5", "t").value, 62.5);
    EXPECT_DOUBLE_EQ(parse_time("2m", "t").value, 120.0);
    EXPECT_DOUBLE_EQ(parse_time("1:00:05", "t").value, 3605.0);
    EXPECT_EQ(error_field([] { parse_time("-3", "--hit"); }), "--hit");
    EXPECT_EQ(error_field([] { parse_time("1:75", "--hit"); }), "--hit");
    EXPECT_EQ(error_field([] { parse_time("soon", "--length"); }), "--length");
}

TEST(ValueParsers, SectionsHitsRanges) {
    const SectionSpec chorus = parse_section("chorus@0:30:0.8", "--section");
    EXPECT_EQ(chorus.name, "chorus");
    EXPECT_DOUBLE_EQ(chorus.start.value, 30.0);
    EXPECT_DOUBLE_EQ(chorus.energy, 0.8);
    const SectionSpec intro = parse_section("intro@10:0.3", "--section");
    EXPECT_DOUBLE_EQ(intro.start.value, 10.0);
    EXPECT_DOUBLE_EQ(intro.energy, 0.3);
    const SectionSpec verse = parse_section("verse@1:30", "--section");
    EXPECT_DOUBLE_EQ(verse.start.value, 90.0);
    EXPECT_DOUBLE_EQ(verse.energy, 0.5);
    EXPECT_EQ(error_field([] { parse_section("@10", "--section"); }), "--section");

    const HitSpec lift = parse_hit("1:02.5:lift", "--hit");
    EXPECT_DOUBLE_EQ(lift.time.value, 62.5);
    EXPECT_EQ(lift.kind, "lift");
    const HitSpec plain = parse_hit("0:28", "--hit");
    EXPECT_DOUBLE_EQ(plain.time.value, 28.0);
    EXPECT_EQ(plain.kind, "hit");
    EXPECT_EQ(error_field([] { parse_hit("28:boom", "--hit"); }), "--hit");

    const TimeRange range = parse_time_range("0:10-0:25.5", "--dialogue");
    EXPECT_DOUBLE_EQ(range.start.value, 10.0);
    EXPECT_DOUBLE_EQ(range.end.value, 25.5);
    EXPECT_DOUBLE_EQ(parse_time_range("10s-20s", "d").end.value, 20.0);
}

TEST(ValueParsers, InstrumentLists) {
    const InstrumentSpec list = parse_instrument_list("piano, strings,-percussion", "--instruments");
    EXPECT_EQ(list.include, (std::vector<std::string>{"piano", "strings"}));
    EXPECT_EQ(list.exclude, (std::vector<std::string>{"drums"}));
    EXPECT_EQ(error_field([] { parse_instrument_list("piano,kazoo", "--instruments"); }), "--instruments");
    // Voices: a name includes its group and sets the voice; GROUP=VOICE picks the track.
    const InstrumentSpec voiced = parse_instrument_list("cello, synth=marimba, -church organ", "--instruments");
    EXPECT_EQ(voiced.include, (std::vector<std::string>{"strings", "synth"}));
    EXPECT_EQ(voiced.exclude, std::vector<std::string>{"piano"});
    EXPECT_EQ(voiced.voices, (std::map<std::string, std::vector<std::string>>{{"strings", {"cello"}}, {"synth", {"marimba"}}}));
    EXPECT_EQ(parse_instrument_list("strings=style", "--instruments").voices.at("strings"), std::vector<std::string>{"style"});
    EXPECT_EQ(error_field([] { parse_instrument_list("strings=tuba", "--instruments"); }), "--instruments");
}

TEST(ValueParsers, ScalarValues) {
    EXPECT_DOUBLE_EQ(parse_bpm("92bpm", "--bpm"), 92.0);
    EXPECT_EQ(parse_key("Bb dorian", "--key"), (Key{NoteName{6, -1}, Mode::dorian}));
    EXPECT_EQ(error_field([] { parse_key("H minor", "--key"); }), "--key");
    EXPECT_EQ(parse_time_signature("6/8", "--time-signature"), (Meter{6, 8}));
    EXPECT_EQ(parse_seed("18446744073709551615", "--seed"), 18446744073709551615ull);
    EXPECT_EQ(error_field([] { parse_seed("-1", "--seed"); }), "--seed");
    EXPECT_EQ(parse_sample_rate("44100", "--sample-rate"), 44100);
    EXPECT_EQ(error_field([] { parse_sample_rate("44000", "--sample-rate"); }), "--sample-rate");
}

}  // namespace
}  // namespace tunesmith
