#include "spec/cue_spec_json.h"

#include <gtest/gtest.h>

#include "spec/spec_patch.h"
#include "spec/validate.h"
#include "spec_test_support.h"

namespace tunesmith {
namespace {

using nlohmann::json;
using testing::error_field;
using testing::error_message;

CueSpec full_spec() {
    CueSpec spec;
    spec.prompt = "dark cinematic";
    spec.style = {"cinematic", "ambient"};
    spec.mood = {"dark"};
    spec.key = Key{NoteName{3, 1}, Mode::dorian};
    spec.bpm = 92.5;
    spec.time_signature = Meter{6, 8};
    spec.length = Seconds(45.25);
    spec.sections = {{"intro", Seconds(0.0), 0.2}, {"build", Seconds(22.5), 0.8}};
    spec.hits = {{Seconds(28.0), "lift"}, {Seconds(40.1), "stinger"}};
    spec.instruments = {{"strings", "piano"}, {"drums"}, {{"strings", {"violin", "viola", "cello"}}, {"piano", {"church_organ"}}}};
    spec.dialogue = {{Seconds(5.0), Seconds(12.75)}};
    spec.rules = {false, true};
    spec.energy = {{Seconds(0.0), 0.2}, {Seconds(22.5), 0.2}, {Seconds(22.5), 0.75}, {Seconds(45.25), 0.75}};
    spec.ending = Ending::fade_out;
    spec.seed = 0xCBF29CE484222325ull;
    spec.loudness_lufs = -16.0;
    spec.true_peak_dbtp = -1.5;
    spec.sample_rate = 44100;
    spec.formats = {"wav", "mid"};
    return spec;
}

TEST(CueSpecJson, RoundTripIsExact) {
    const CueSpec spec = full_spec();
    EXPECT_EQ(cue_spec_from_json(to_json(spec)), spec);
    EXPECT_EQ(cue_spec_from_json(json::parse(to_json(spec).dump())), spec);
    EXPECT_EQ(cue_spec_from_json(to_json(CueSpec{})), CueSpec{});
}

// Session 12: a group's voices are a list; one voice is still written (and read) as a string, so
// cue.json files of one-voice groups keep their bytes.
TEST(CueSpecJson, VoicesAreAListOrOneName) {
    const json j = to_json(full_spec());
    EXPECT_EQ(j["instruments"]["voices"]["strings"], (json{"violin", "viola", "cello"}));
    EXPECT_EQ(j["instruments"]["voices"]["piano"], "church_organ");
    const CueSpec old_form = cue_spec_from_json(json::parse(R"({"instruments": {"voices": {"strings": "cello"}}})"));
    EXPECT_EQ(old_form.instruments.voices, (std::map<std::string, std::vector<std::string>>{{"strings", {"cello"}}}));
    const CueSpec quartet = cue_spec_from_json(
        json::parse(R"({"instruments": {"voices": {"strings": ["violin", "Violin", "viola", "cello"]}}})"));
    EXPECT_EQ(quartet.instruments.voices.at("strings"), (std::vector<std::string>{"violin", "violin", "viola", "cello"}));
    EXPECT_EQ(to_json(quartet)["instruments"]["voices"]["strings"], (json{"violin", "violin", "viola", "cello"}));
    // Bad lists name the item, the value and what is accepted.
    const auto voices = [](const char* text) { return json{{"instruments", {{"voices", json::parse(text)}}}}; };
    EXPECT_EQ(error_field([&] { cue_spec_from_json(voices(R"({"strings": ["violin", "kazoo"]})")); }),
              "instruments.voices.strings[1]");
    const std::string ensemble = error_message([&] { cue_spec_from_json(voices(R"({"strings": ["violin", "string_ensemble"]})")); });
    EXPECT_NE(ensemble.find("instruments.voices.strings[1]"), std::string::npos) << ensemble;
    EXPECT_NE(ensemble.find("a single player"), std::string::npos) << ensemble;
    const std::string six = error_message(
        [&] { cue_spec_from_json(voices(R"({"brass": ["trumpet", "trumpet", "trumpet", "trombone", "trombone", "tuba"]})")); });
    EXPECT_NE(six.find("instruments.voices.brass"), std::string::npos) << six;
    EXPECT_NE(six.find("1 to 5 players"), std::string::npos) << six;
    EXPECT_EQ(error_field([&] { cue_spec_from_json(voices(R"({"strings": []})")); }), "instruments.voices.strings");
    EXPECT_EQ(error_field([&] { cue_spec_from_json(voices(R"({"strings": 3})")); }), "instruments.voices.strings");
}

TEST(CueSpecJson, PublicFieldNames) {
    const json j = to_json(full_spec());
    for (const char* field : {"prompt", "style", "mood", "key", "bpm", "time_signature", "length_s", "sections", "hits",
                              "instruments", "dialogue", "rules", "seed", "loudness_lufs", "true_peak_dbtp",
                              "sample_rate", "energy", "ending", "formats"})
        EXPECT_TRUE(j.contains(field)) << field;
    EXPECT_EQ(j["key"], "F# dorian");
    EXPECT_EQ(j["time_signature"], "6/8");
    EXPECT_EQ(j["sections"][1]["start_s"], 22.5);
    EXPECT_EQ(j["hits"][0]["kind"], "lift");
    EXPECT_EQ(j["rules"]["percussion_under_dialogue"], false);
    EXPECT_EQ(j["ending"], "fade_out");
}

TEST(CueSpecJson, PartialJsonKeepsDefaults) {
    const CueSpec spec = cue_spec_from_json(json{{"bpm", 120}, {"instruments", {{"include", {"percussion"}}}}});
    EXPECT_DOUBLE_EQ(spec.bpm, 120.0);
    EXPECT_EQ(spec.instruments.include, std::vector<std::string>{"drums"});
    EXPECT_EQ(spec.sample_rate, 48000);
    EXPECT_DOUBLE_EQ(spec.length.value, 60.0);
}

TEST(CueSpecJson, UnknownFieldsAreNamedWithASuggestion) {
    EXPECT_EQ(error_field([] { cue_spec_from_json(json{{"tempo", 90}}); }), "tempo");
    EXPECT_NE(error_message([] { cue_spec_from_json(json{{"tempo", 90}}); }).find("did you mean 'bpm'"), std::string::npos);
    EXPECT_NE(error_message([] { cue_spec_from_json(json{{"lenght_s", 90}}); }).find("did you mean 'length_s'"),
              std::string::npos);
    const json bad_section{{"sections", {{{"name", "a"}, {"start_s", 0}, {"energi", 0.5}}}}};
    EXPECT_EQ(error_field([&] { cue_spec_from_json(bad_section); }), "sections[0].energi");
    EXPECT_NE(error_message([&] { cue_spec_from_json(bad_section); }).find("'energy'"), std::string::npos);
    EXPECT_EQ(error_field([] { cue_spec_from_json(json{{"rules", {{"duck", false}}}}); }), "rules.duck");
}

TEST(CueSpecJson, WrongTypesAndValuesAreNamed) {
    EXPECT_EQ(error_field([] { cue_spec_from_json(json{{"bpm", "fast"}}); }), "bpm");
    EXPECT_EQ(error_field([] { cue_spec_from_json(json{{"style", "cinematic"}}); }), "style");
    EXPECT_EQ(error_field([] { cue_spec_from_json(json{{"hits", {{{"time_s", "x"}}}}}); }), "hits[0].time_s");
    EXPECT_EQ(error_field([] { cue_spec_from_json(json{{"key", "H minor"}}); }), "key");
    EXPECT_EQ(error_field([] { cue_spec_from_json(json{{"sample_rate", 44000}}); }), "sample_rate");
    EXPECT_EQ(error_field([] { cue_spec_from_json(json{{"seed", -4}}); }), "seed");
    EXPECT_EQ(error_field([] { cue_spec_from_json(json{{"ending", "explosion"}}); }), "ending");
    EXPECT_EQ(error_field([] { cue_spec_from_json(json{{"instruments", {{"include", {"kazoo"}}}}}); }),
              "instruments.include[0]");
    EXPECT_EQ(error_field([] { cue_spec_from_json(json::array()); }), "spec");
}

TEST(CueSpecJson, ANumberBeyondADoubleIsAnInputError) {
    EXPECT_THROW(parse_json_text(R"({"length_s": 1e400})", "spec.json"), InputError);
}

TEST(CueSpecJson, MalformedTextGivesLineAndColumn) {
    const std::string message = error_message([] { parse_json_text("{\n  \"bpm\": 92,\n  oops\n}", "cue.json"); });
    EXPECT_NE(message.find("cue.json"), std::string::npos) << message;
    EXPECT_NE(message.find("line 3"), std::string::npos) << message;
    EXPECT_EQ(error_field([] { read_json_file("/nonexistent/spec.json"); }), "/nonexistent/spec.json");
}

TEST(CueSpecJson, VoicesAreCheckedWithClearErrors) {
    const auto voices = [](const char* text) { return json{{"instruments", {{"voices", json::parse(text)}}}}; };
    const std::string unknown = error_message([&] { spec_patch_from_json(voices(R"({"strings": "kazoo"})")); });
    EXPECT_NE(unknown.find("instruments.voices.strings"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("kazoo"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("cello"), std::string::npos) << unknown;  // what is accepted
    const std::string wrong = error_message([&] { cue_spec_from_json(voices(R"({"strings": "tuba"})")); });
    EXPECT_NE(wrong.find("tuba plays on brass"), std::string::npos) << wrong;
    EXPECT_EQ(error_field([] { spec_patch_from_json(json::parse(R"({"instruments": {"voice": {}}})")); }), "instruments.voice");
    // Names are read leniently and written canonically.
    const SpecPatch patch = spec_patch_from_json(voices(R"({"Piano": "Church Organ"})"));
    EXPECT_EQ(*patch.instruments_voices, (std::map<std::string, std::vector<std::string>>{{"piano", {"church_organ"}}}));
}

TEST(Validate, EachRangeNamesItsField) {
    auto field_for = [](auto mutate) {
        CueSpec spec;
        mutate(spec);
        return error_field([&] { validate(spec); });
    };
    EXPECT_EQ(field_for([](CueSpec&) {}), "(no error)");
    EXPECT_EQ(field_for([](CueSpec& s) { s.bpm = 19.0; }), "bpm");
    EXPECT_EQ(field_for([](CueSpec& s) { s.bpm = 401.0; }), "bpm");
    EXPECT_EQ(field_for([](CueSpec& s) { s.length = Seconds(0.0); }), "length_s");
    EXPECT_EQ(field_for([](CueSpec& s) { s.length = Seconds(1200.5); }), "length_s");
    EXPECT_EQ(field_for([](CueSpec& s) { s.hits = {{Seconds(60.0), "hit"}}; }), "hits[0].time_s");
    EXPECT_EQ(field_for([](CueSpec& s) { s.hits = {{Seconds(-1.0), "hit"}}; }), "hits[0].time_s");
    EXPECT_EQ(field_for([](CueSpec& s) { s.hits = {{Seconds(1.0), "boom"}}; }), "hits[0].kind");
    EXPECT_EQ(field_for([](CueSpec& s) { s.sections = {{"a", Seconds(0.0), 0.5}, {"b", Seconds(70.0), 0.5}}; }),
              "sections[1].start_s");
    EXPECT_EQ(field_for([](CueSpec& s) { s.sections = {{"a", Seconds(0.0), 1.5}}; }), "sections[0].energy");
    EXPECT_EQ(field_for([](CueSpec& s) { s.energy = {{Seconds(1.0), -0.1}}; }), "energy[0].level");
    EXPECT_EQ(field_for([](CueSpec& s) { s.dialogue = {{Seconds(10.0), Seconds(10.0)}}; }), "dialogue[0].end_s");
    EXPECT_EQ(field_for([](CueSpec& s) { s.instruments.include = {"kazoo"}; }), "instruments.include[0]");
    EXPECT_EQ(field_for([](CueSpec& s) { s.instruments = {{"drums"}, {"drums"}, {}}; }), "instruments.exclude[0]");
    EXPECT_EQ(field_for([](CueSpec& s) { s.instruments.voices = {{"strings", {"tuba"}}}; }), "instruments.voices.strings");
    EXPECT_EQ(field_for([](CueSpec& s) { s.instruments.voices = {{"drums", {"cello"}}}; }), "instruments.voices.drums");
    EXPECT_EQ(field_for([](CueSpec& s) { s.instruments.voices = {{"synth", {"marimba"}}}; }), "(no error)");
    EXPECT_EQ(field_for([](CueSpec& s) { s.sample_rate = 12345; }), "sample_rate");
    EXPECT_EQ(field_for([](CueSpec& s) { s.loudness_lufs = -41.0; }), "loudness_lufs");
    EXPECT_EQ(field_for([](CueSpec& s) { s.loudness_lufs = -4.0; }), "loudness_lufs");
    EXPECT_EQ(field_for([](CueSpec& s) { s.true_peak_dbtp = 0.5; }), "true_peak_dbtp");
    EXPECT_EQ(field_for([](CueSpec& s) { s.true_peak_dbtp = -9.5; }), "true_peak_dbtp");
    EXPECT_EQ(field_for([](CueSpec& s) { s.formats = {"wav", "aiff"}; }), "formats[1]");
}

}  // namespace
}  // namespace tunesmith
