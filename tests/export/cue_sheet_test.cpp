// Tests for src/export/cue_sheet.cpp: every documented field is present and agrees with the plan
// (hit samples come from the tempo map, sections tile the cue), and the JSON is deterministic.
#include "export/cue_sheet.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "compose/plan.h"
#include "spec/cue_spec_json.h"

namespace tunesmith {
namespace {

CueSpec spec_with_hits() {
    CueSpec spec;
    spec.key = *Key::parse("E minor");
    spec.bpm = 96.0;
    spec.length = Seconds(40.0);
    spec.hits = {HitSpec{Seconds(12.3), "hit"}, HitSpec{Seconds(27.0), "lift"}};
    spec.seed = 7;
    return spec;
}

Score score_for(const Plan& plan) {
    Score score = empty_score(plan);
    const Ticks bar = plan.meter.bar();
    for (Ticks t(0); t < plan.length; t += bar * 2)
        score.chords.push_back({t, std::min(plan.length, t + bar * 2), *Chord::parse(t / bar % 4 == 0 ? "Em" : "C")});
    score.tracks.push_back(Track{"strings", 48, 0, false, {Note{Ticks(0), bar, 64, 80}}, {}, {}});
    return score;
}

TEST(CueSheet, FieldsArePresentAndAgreeWithThePlan) {
    const CueSpec spec = spec_with_hits();
    const Plan plan = make_plan(spec);
    const auto sheet = cue_sheet(spec, plan, score_for(plan), "cinematic", {"a warning"});
    for (const char* field : {"tunesmith_version", "spec", "style", "plan", "chords", "tracks", "warnings"})
        EXPECT_TRUE(sheet.contains(field)) << field;
    EXPECT_EQ(sheet["style"], "cinematic");
    EXPECT_EQ(sheet["warnings"].size(), 1u);
    EXPECT_EQ(cue_spec_from_json(sheet["spec"]), spec);

    const auto& p = sheet["plan"];
    EXPECT_EQ(p["length_samples"].get<std::int64_t>(), 40 * 48000);
    EXPECT_EQ(p["sample_rate"], 48000);
    EXPECT_EQ(p["bars"].get<std::int64_t>() * plan.meter.bar().value, plan.length.value);
    EXPECT_EQ(p["bar_energy"].size(), static_cast<std::size_t>(p["bars"].get<std::int64_t>()));

    ASSERT_EQ(p["hits"].size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& h = p["hits"][i];
        for (const char* field : {"kind", "requested_s", "sample", "time_s", "tick", "bar", "beat", "exact"})
            EXPECT_TRUE(h.contains(field)) << field;
        const Ticks tick(h["tick"].get<std::int64_t>());
        EXPECT_EQ(h["sample"].get<std::int64_t>(), plan.tempo.to_samples(tick).value);
        EXPECT_DOUBLE_EQ(h["time_s"].get<double>(), h["sample"].get<double>() / 48000.0);
        EXPECT_EQ(h["kind"], spec.hits[i].kind);
        if (h["exact"].get<bool>()) {
            EXPECT_EQ(h["sample"].get<std::int64_t>(), std::llround(spec.hits[i].time.value * 48000));
        }
        EXPECT_EQ(h["bar"].get<std::int64_t>(), tick / plan.meter.bar() + 1);
    }

    const auto& sections = p["sections"];
    ASSERT_EQ(sections.size(), plan.sections.size());
    std::int64_t next_bar = 1;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        EXPECT_EQ(sections[i]["start_bar"].get<std::int64_t>(), next_bar) << "sections tile the cue";
        next_bar += sections[i]["bars"].get<std::int64_t>();
        EXPECT_EQ(sections[i]["start_sample"].get<std::int64_t>(), plan.tempo.to_samples(plan.sections[i].start).value);
        for (const char* field : {"name", "role", "start_s", "energy"}) EXPECT_TRUE(sections[i].contains(field));
    }
    EXPECT_EQ(next_bar - 1, p["bars"].get<std::int64_t>());

    const auto& tempo = p["tempo_map"];
    ASSERT_GE(tempo.size(), 2u);
    EXPECT_EQ(tempo[0]["tick"], 0);
    EXPECT_EQ(tempo[0]["sample"], 0);
    for (const auto& a : tempo)
        EXPECT_EQ(plan.tempo.to_samples(Ticks(a["tick"].get<std::int64_t>())).value, a["sample"].get<std::int64_t>());

    ASSERT_FALSE(sheet["chords"].empty());
    EXPECT_EQ(sheet["chords"][0]["symbol"], "Em");
    EXPECT_EQ(sheet["chords"][0]["start_s"], 0.0);
}

// Session 11: a track is listed with its stem name, its group and the voice the spec named.
TEST(CueSheet, TracksSayTheirStemGroupAndVoice) {
    CueSpec spec = spec_with_hits();
    spec.instruments.voices = {{"strings", {"cello"}}};
    const Plan plan = make_plan(spec);
    Score score = score_for(plan);
    score.tracks[0].name = "cello";
    score.tracks[0].group = "strings";
    score.tracks.push_back(Track{"piano", 0, 0, false, {Note{Ticks(0), kQuarter, 60, 80}}, {}, {}});
    const auto tracks = cue_sheet(spec, plan, score, "cinematic", {})["tracks"];
    ASSERT_EQ(tracks.size(), 2u);
    EXPECT_EQ(tracks[0]["name"], "cello");
    EXPECT_EQ(tracks[0]["group"], "strings");
    EXPECT_EQ(tracks[0]["voice"], "cello");
    EXPECT_EQ(tracks[1]["name"], "piano");
    EXPECT_EQ(tracks[1]["group"], "piano");
    EXPECT_TRUE(tracks[1]["voice"].is_null());
}

// Session 12: players of one group are tracks of their own; each names its voice. A group with
// several voices in a cue the style arranges is one track of the style's sound: no voice.
TEST(CueSheet, EachPlayerOfAGroupSaysItsVoice) {
    CueSpec spec = spec_with_hits();
    spec.instruments.include = {"strings"};
    spec.instruments.voices = {{"strings", {"violin", "violin", "cello"}}};
    const Plan plan = make_plan(spec);
    Score score = score_for(plan);
    score.tracks.clear();
    for (const char* name : {"violin_1", "violin_2", "cello"}) {
        Track track{name, 40, 0, false, {Note{Ticks(0), kQuarter, 60, 80}}, {}, {}};
        track.group = "strings";
        score.tracks.push_back(track);
    }
    const auto tracks = cue_sheet(spec, plan, score, "cinematic", {})["tracks"];
    ASSERT_EQ(tracks.size(), 3u);
    EXPECT_EQ(tracks[0]["voice"], "violin");
    EXPECT_EQ(tracks[1]["voice"], "violin");
    EXPECT_EQ(tracks[1]["name"], "violin_2");
    EXPECT_EQ(tracks[2]["voice"], "cello");
    spec.instruments.include = {"strings", "drums"};  // not a chamber cue: the strings are one track
    score.tracks = {Track{"strings", 48, 0, false, {Note{Ticks(0), kQuarter, 60, 80}}, {}, {}}};
    EXPECT_TRUE(cue_sheet(spec, plan, score, "cinematic", {})["tracks"][0]["voice"].is_null());
}

TEST(CueSheet, WrittenFileIsDeterministicAndHasNoTimestamps) {
    const CueSpec spec = spec_with_hits();
    const Plan plan = make_plan(spec);
    const auto dir = std::filesystem::temp_directory_path() / "tunesmith-cue-sheet-test";
    std::filesystem::create_directories(dir);
    auto read = [](const std::filesystem::path& path) {
        std::ifstream file(path);
        std::stringstream text;
        text << file.rdbuf();
        return text.str();
    };
    write_json_file(cue_sheet(spec, plan, score_for(plan), "cinematic", {}), dir / "a.json");
    write_json_file(cue_sheet(spec, make_plan(spec), score_for(plan), "cinematic", {}), dir / "b.json");
    const std::string a = read(dir / "a.json");
    EXPECT_EQ(a, read(dir / "b.json"));
    EXPECT_EQ(a.find("created"), std::string::npos);
    EXPECT_EQ(a.find("date"), std::string::npos);
    std::filesystem::remove_all(dir);
    EXPECT_THROW(write_json_file({}, dir / "missing-folder" / "x.json"), InputError);
}

// cue.json is small enough to sit in a stream's buffer: a full disk (/dev/full) must still show.
TEST(CueSheet, AFullDiskIsAnOutputError) {
    if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
    EXPECT_THROW(write_json_file({{"a", 1}}, "/dev/full"), OutputError);
}

}  // namespace
}  // namespace tunesmith
