// Conditioning a CueSpec on a video: length = the video's length, sections at major scene
// changes, hit points at chosen cuts (all, major or none, plus cuts added by hand), dialogue
// ranges from voice activity, and an energy curve from motion intensity. The result is a
// SpecPatch, so the caller decides its precedence (explicit flags still win). Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spec/spec_patch.h"
#include "video/analysis.h"

namespace tunesmith {

enum class HitSelection { all, major, none };

// "all", "major" or "none"; InputError("--hits", text, ...) otherwise.
HitSelection parse_hit_selection(const std::string& text);

struct ConditionOptions {
    HitSelection hits = HitSelection::major;
    std::vector<Seconds> manual_cuts;  // added by hand (snapped to the frame at or after); always hits
    double major_score = 0.45;         // a cut at least this different is a major scene change
    Seconds min_section{8.0};          // sections are at least this long
    Seconds min_hit_gap{1.0};          // hits closer than this to an earlier hit are dropped
    bool motion_energy = true;         // false: leave the energy curve to the prompt or the planner
};

// A cut as the cue uses it (manual cuts have kind hard and score 1).
struct ChosenCut {
    Cut cut;
    bool manual = false;
    bool hit = false;
    bool section = false;  // a section starts here
    friend bool operator==(const ChosenCut&, const ChosenCut&) = default;
};

struct VideoConditioning {
    SpecPatch patch;  // length, sections, hits, dialogue (with audio), energy (with motion_energy)
    std::vector<ChosenCut> cuts;  // every detected and manual cut, in time order
};

// InputError("--cut", value, ...) for a manual cut outside the video.
VideoConditioning condition_on_video(const VideoAnalysis& analysis, const ConditionOptions& options = {});

// cuts.json: the video's stream facts, then every cut with frame number, exact time, seconds,
// score, class (hard, fade, wipe or manual) and whether it became a hit or a section start.
nlohmann::json cuts_json(const VideoAnalysis& analysis, const VideoConditioning& conditioning);

}  // namespace tunesmith
