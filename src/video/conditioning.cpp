// From a video analysis to a SpecPatch: sections at the largest scene changes (spaced), hits at
// chosen cuts (spaced, manual ones first), dialogue ranges, and motion as an energy curve.
#include "video/conditioning.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "base/text.h"

namespace tunesmith {
namespace {

// Microsecond precision is far below a frame; the frame's own exact time is used afterwards.
Rational rational_from_seconds(Seconds t) { return Rational(std::llround(t.value * 1e6), 1000000).reduced(); }

std::vector<ChosenCut> gather_cuts(const VideoAnalysis& analysis, const ConditionOptions& options) {
    std::vector<ChosenCut> cuts;
    for (const Cut& cut : analysis.cuts)
        if (cut.frame > 0) cuts.push_back(ChosenCut{cut, false, false, false});
    const double length = analysis.length.to_double();
    for (const Seconds t : options.manual_cuts) {
        if (!(t.value > 0.0) || t.value >= length || analysis.frame_times.empty())
            throw InputError("--cut", decimal_text(t.value, 3),
                             "a time inside the video (above 0 and below " + seconds_text(length) + ")");
        const std::size_t frame = frame_at(analysis, rational_from_seconds(t));
        const auto f = static_cast<std::int64_t>(frame);
        auto same = std::find_if(cuts.begin(), cuts.end(), [&](const ChosenCut& c) { return c.cut.frame == f; });
        if (same != cuts.end()) {
            same->manual = true;
            continue;
        }
        cuts.push_back(ChosenCut{Cut{f, analysis.frame_times[frame], 1.0, CutClass::hard, f, f}, true, false, false});
    }
    std::sort(cuts.begin(), cuts.end(), [](const ChosenCut& a, const ChosenCut& b) { return a.cut.frame < b.cut.frame; });
    return cuts;
}

// Indices of `cuts` in the order they are considered: manual first, then by score (ties: earlier).
std::vector<std::size_t> by_priority(const std::vector<ChosenCut>& cuts) {
    std::vector<std::size_t> order(cuts.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (cuts[a].manual != cuts[b].manual) return cuts[a].manual;
        return cuts[a].cut.score > cuts[b].cut.score;
    });
    return order;
}

void choose_sections(std::vector<ChosenCut>& cuts, double length, const ConditionOptions& options) {
    std::vector<double> starts{0.0};
    for (std::size_t i : by_priority(cuts)) {
        ChosenCut& c = cuts[i];
        if (c.manual || c.cut.score < options.major_score) continue;
        const double t = c.cut.time.to_double();
        const bool spaced = std::all_of(starts.begin(), starts.end(), [&](double s) {
            return std::fabs(s - t) >= options.min_section.value;
        });
        if (!spaced || length - t < 0.5 * options.min_section.value) continue;
        c.section = true;
        starts.push_back(t);
    }
}

void choose_hits(std::vector<ChosenCut>& cuts, double length, const ConditionOptions& options) {
    std::vector<double> hits;
    for (std::size_t i : by_priority(cuts)) {
        ChosenCut& c = cuts[i];
        const bool wanted = c.manual || options.hits == HitSelection::all ||
                            (options.hits == HitSelection::major && (c.section || c.cut.score >= options.major_score));
        const double t = c.cut.time.to_double();
        if (!wanted || t <= 0.0 || t >= length) continue;
        const bool spaced = std::all_of(hits.begin(), hits.end(), [&](double h) {
            return std::fabs(h - t) >= options.min_hit_gap.value;
        });
        if (!spaced) continue;
        c.hit = true;
        hits.push_back(t);
    }
}

// Mean motion level over [from, to) seconds, as an energy between 0.3 and 0.85.
double motion_energy(const MotionAnalysis& motion, double from, double to) {
    const auto bins = static_cast<std::int64_t>(motion.level.size());
    const auto first = std::clamp<std::int64_t>(static_cast<std::int64_t>(from * kMotionBinsPerSecond), 0, bins);
    const auto last = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::ceil(to * kMotionBinsPerSecond)), first, bins);
    if (last <= first) return 0.5;
    double total = 0.0;
    for (std::int64_t b = first; b < last; ++b) total += motion.level[static_cast<std::size_t>(b)];
    return 0.3 + 0.55 * total / static_cast<double>(last - first);
}

void fill_patch(VideoConditioning& out, const VideoAnalysis& analysis, const ConditionOptions& options) {
    const double length = analysis.length.to_double();
    SpecPatch& patch = out.patch;
    patch.length = Seconds(length);
    std::vector<double> starts{0.0};
    for (const ChosenCut& c : out.cuts)
        if (c.section) starts.push_back(c.cut.time.to_double());
    if (starts.size() > 1) {
        std::vector<SectionSpec> sections;
        for (std::size_t i = 0; i < starts.size(); ++i) {
            const double end = i + 1 < starts.size() ? starts[i + 1] : length;
            sections.push_back(SectionSpec{"scene " + std::to_string(i + 1), Seconds(starts[i]),
                                           motion_energy(analysis.motion, starts[i], end)});
        }
        patch.sections = sections;
    }
    std::vector<HitSpec> hits;
    for (const ChosenCut& c : out.cuts)
        if (c.hit) hits.push_back(HitSpec{c.cut.time.seconds(), c.section || c.manual ? "hit" : "cut"});
    if (!hits.empty()) patch.hits = hits;
    if (analysis.info.has_audio) patch.dialogue = analysis.dialogue;
    if (options.motion_energy && !analysis.motion.level.empty()) {
        std::vector<EnergyPoint> energy;
        constexpr double kStep = 2.0;  // seconds between energy points
        for (std::int64_t k = 0; static_cast<double>(k) * kStep < length; ++k) {
            const double t = static_cast<double>(k) * kStep;
            energy.push_back(EnergyPoint{Seconds(t), motion_energy(analysis.motion, t, std::min(length, t + kStep))});
        }
        patch.energy = energy;
    }
}

// "manual" for a cut added by hand where none was detected, else "hard", "fade" or "wipe".
const char* class_of(const VideoAnalysis& analysis, const ChosenCut& c) {
    const bool detected = std::any_of(analysis.cuts.begin(), analysis.cuts.end(),
                                      [&](const Cut& d) { return d.frame == c.cut.frame; });
    return detected ? to_string(c.cut.kind) : "manual";
}

nlohmann::json rational_json(Rational r) {
    return {{"num", r.num}, {"den", r.den}, {"seconds", r.to_double()}};
}

}  // namespace

HitSelection parse_hit_selection(const std::string& text) {
    if (text == "all") return HitSelection::all;
    if (text == "major") return HitSelection::major;
    if (text == "none") return HitSelection::none;
    throw InputError("--hits", text, "all, major or none");
}

VideoConditioning condition_on_video(const VideoAnalysis& analysis, const ConditionOptions& options) {
    VideoConditioning out;
    out.cuts = gather_cuts(analysis, options);
    const double length = analysis.length.to_double();
    choose_sections(out.cuts, length, options);
    choose_hits(out.cuts, length, options);
    fill_patch(out, analysis, options);
    return out;
}

nlohmann::json cuts_json(const VideoAnalysis& analysis, const VideoConditioning& conditioning) {
    const VideoInfo& info = analysis.info;
    nlohmann::json video = {{"file", info.path.filename().string()},
                            {"container", info.container},
                            {"codec", info.video_codec},
                            {"width", info.width},
                            {"height", info.height},
                            {"frame_rate", info.frame_rate.to_string()},
                            {"variable_frame_rate", analysis.variable_frame_rate},
                            {"frames", analysis.frame_times.size()},
                            {"length", rational_json(analysis.length)},
                            {"has_audio", info.has_audio}};
    nlohmann::json cuts = nlohmann::json::array();
    for (const ChosenCut& c : conditioning.cuts) {
        cuts.push_back({{"frame", c.cut.frame},
                        {"time", rational_json(c.cut.time)},
                        {"seconds", c.cut.time.to_double()},
                        {"score", std::round(c.cut.score * 1000.0) / 1000.0},
                        {"class", class_of(analysis, c)},
                        {"first_frame", c.cut.first_frame},
                        {"last_frame", c.cut.last_frame},
                        {"hit", c.hit},
                        {"section", c.section},
                        {"manual", c.manual}});
    }
    nlohmann::json dialogue = nlohmann::json::array();
    for (const TimeRange& r : analysis.dialogue) dialogue.push_back({{"start_s", r.start.value}, {"end_s", r.end.value}});
    nlohmann::json intensity = nlohmann::json::array();
    for (const IntensitySegment& s : analysis.intensity)
        intensity.push_back({{"start_s", s.start.to_double()},
                             {"end_s", std::min(s.end.to_double(), analysis.length.to_double())},
                             {"level", std::round(s.level * 1000.0) / 1000.0},
                             {"tier", s.tier}});
    return {{"video", video}, {"cuts", cuts}, {"dialogue", dialogue}, {"intensity", intensity},
            {"warnings", analysis.warnings}};
}

}  // namespace tunesmith
