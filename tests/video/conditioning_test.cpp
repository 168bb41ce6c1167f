// Tests for src/video/conditioning.cpp: which cuts become hits and sections, manual cuts snapped
// to frames, dialogue and motion energy in the patch, and cuts.json's fields.
#include "video/conditioning.h"

#include <gtest/gtest.h>

#include "base/error.h"

namespace tunesmith {
namespace {

// 40 s at 25 fps with cuts at the given frames and scores (hard), motion rising over time.
VideoAnalysis analysis_with(const std::vector<std::pair<std::int64_t, double>>& cuts, bool audio = true) {
    VideoAnalysis a;
    a.info.path = "clip.mp4";
    a.info.has_audio = audio;
    a.info.frame_rate = Rational(25, 1);
    for (std::int64_t k = 0; k < 1000; ++k) a.frame_times.push_back(Rational(k, 25));
    a.length = Rational(1000, 25);
    for (const auto& [frame, score] : cuts)
        a.cuts.push_back(Cut{frame, Rational(frame, 25), score, CutClass::hard, frame, frame});
    for (int b = 0; b < 80; ++b) a.motion.level.push_back(b / 80.0);
    if (audio) a.dialogue = {TimeRange{Seconds(5.0), Seconds(9.0)}};
    return a;
}

std::vector<double> hit_times(const VideoConditioning& c) {
    std::vector<double> times;
    if (c.patch.hits)
        for (const auto& h : *c.patch.hits) times.push_back(h.time.value);
    return times;
}

TEST(Conditioning, MajorCutsBecomeHitsAndSpacedSections) {
    // 4 s (0.9), 6 s (0.3), 12 s (0.8), 12.5 s (0.6: too close to the 12 s hit), 30 s (0.5)
    const auto a = analysis_with({{100, 0.9}, {150, 0.3}, {300, 0.8}, {312, 0.6}, {750, 0.5}});
    const VideoConditioning c = condition_on_video(a);
    EXPECT_EQ(hit_times(c), (std::vector<double>{4.0, 12.0, 30.0}));
    ASSERT_TRUE(c.patch.sections);
    // Sections need 8 s: 4 s is too close to the start, so 12 s and 30 s start scenes.
    ASSERT_EQ(c.patch.sections->size(), 3u);
    EXPECT_EQ((*c.patch.sections)[1].start, Seconds(12.0));
    EXPECT_EQ((*c.patch.sections)[2].start, Seconds(30.0));
    EXPECT_LT((*c.patch.sections)[0].energy, (*c.patch.sections)[2].energy) << "motion rises over the video";
    EXPECT_EQ(c.patch.length, Seconds(40.0));
    ASSERT_TRUE(c.patch.dialogue);
    EXPECT_EQ(c.patch.dialogue->size(), 1u);
    ASSERT_TRUE(c.patch.energy);
    EXPECT_EQ(c.patch.energy->size(), 20u);
}

TEST(Conditioning, HitSelectionAllNoneAndManual) {
    const auto a = analysis_with({{100, 0.9}, {150, 0.3}});
    ConditionOptions all;
    all.hits = HitSelection::all;
    EXPECT_EQ(hit_times(condition_on_video(a, all)), (std::vector<double>{4.0, 6.0}));
    ConditionOptions none;
    none.hits = HitSelection::none;
    none.manual_cuts = {Seconds(20.01)};  // snapped to the next frame, 20.04 s
    const VideoConditioning c = condition_on_video(a, none);
    EXPECT_EQ(hit_times(c), (std::vector<double>{20.04}));
    const nlohmann::json json = cuts_json(a, c);
    ASSERT_EQ(json["cuts"].size(), 3u);
    EXPECT_EQ(json["cuts"][2]["frame"], 501);
    EXPECT_EQ(json["cuts"][2]["class"], "manual");
    EXPECT_EQ(json["cuts"][2]["time"]["num"], 501);
    EXPECT_EQ(json["cuts"][2]["time"]["den"], 25);
    EXPECT_EQ(json["cuts"][2]["hit"], true);
    EXPECT_EQ(json["cuts"][0]["hit"], false);
    EXPECT_EQ(json["video"]["frames"], 1000);
}

TEST(Conditioning, BadValuesNameTheFlag) {
    const auto a = analysis_with({});
    ConditionOptions late;
    late.manual_cuts = {Seconds(40.0)};
    try {
        condition_on_video(a, late);
        FAIL() << "a cut at the end was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "--cut");
    }
    EXPECT_THROW(parse_hit_selection("some"), InputError);
    EXPECT_EQ(parse_hit_selection("none"), HitSelection::none);
    const VideoConditioning silent = condition_on_video(analysis_with({}, false));
    EXPECT_FALSE(silent.patch.dialogue) << "no audio: the prompt's or flags' dialogue ranges stand";
    EXPECT_FALSE(silent.patch.hits);
    EXPECT_FALSE(silent.patch.sections);
}

}  // namespace
}  // namespace tunesmith
