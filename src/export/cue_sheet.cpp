// Builds cue.json from the resolved spec, the plan and the score. Every time is given in ticks,
// samples and seconds, all derived from the one TempoMap so they agree exactly.
#include "export/cue_sheet.h"

#include <algorithm>

#include "base/error.h"
#include "base/file_io.h"
#include "compose/form.h"
#include "spec/cue_spec_json.h"
#include "spec/voices.h"
#include "base/version.h"

namespace tunesmith {
namespace {

using nlohmann::json;

double seconds_at(const TempoMap& tempo, Ticks tick) { return tempo.to_seconds(tick).value; }

json sections_json(const Plan& plan) {
    json out = json::array();
    for (const auto& s : plan.sections) {
        out.push_back({{"name", s.name},
                       {"role", std::string(section_role_name(s.role))},
                       {"start_bar", s.first_bar + 1},
                       {"bars", s.bar_count},
                       {"start_tick", s.start.value},
                       {"start_s", seconds_at(plan.tempo, s.start)},
                       {"start_sample", plan.tempo.to_samples(s.start).value},
                       {"end_s", seconds_at(plan.tempo, s.end)},
                       {"energy", s.energy}});
    }
    return out;
}

json tempo_json(const TempoMap& tempo) {
    json out = json::array();
    for (const auto& a : tempo.anchors())
        out.push_back({{"tick", a.tick.value}, {"sample", a.sample.value}, {"bpm", tempo.bpm_at(a.tick)}});
    return out;
}

json hits_json(const Plan& plan) {
    json out = json::array();
    const Ticks bar = plan.meter.bar();
    const Ticks beat = plan.meter.beat();
    for (const auto& h : plan.hits) {
        const Samples landed = plan.tempo.to_samples(h.tick);
        const Ticks in_bar = h.tick % bar;
        out.push_back({{"kind", h.kind},
                       {"requested_s", h.requested.value},
                       {"requested_sample", h.sample.value},
                       {"sample", landed.value},
                       {"time_s", to_seconds(landed, plan.tempo.sample_rate()).value},
                       {"tick", h.tick.value},
                       {"bar", h.tick / bar + 1},
                       {"beat", 1.0 + static_cast<double>(in_bar.value) / static_cast<double>(beat.value)},
                       {"error_samples", (landed - h.sample).value},
                       {"exact", h.exact},
                       {"downbeat", h.downbeat}});
    }
    return out;
}

json dialogue_json(const Plan& plan) {
    json out = json::array();
    for (const auto& r : plan.dialogue)
        out.push_back({{"start_tick", r.start.value},
                       {"end_tick", r.end.value},
                       {"start_s", seconds_at(plan.tempo, r.start)},
                       {"end_s", seconds_at(plan.tempo, r.end)}});
    return out;
}

json plan_json(const Plan& plan) {
    return {{"key", plan.key.to_string()},
            {"time_signature", plan.meter.to_string()},
            {"bars", plan.length / plan.meter.bar()},
            {"ring_out", plan.ring_out},
            {"length_ticks", plan.length.value},
            {"length_samples", plan.length_samples.value},
            {"length_s", to_seconds(plan.length_samples, plan.tempo.sample_rate()).value},
            {"sample_rate", plan.tempo.sample_rate().hz},
            {"sections", sections_json(plan)},
            {"tempo_map", tempo_json(plan.tempo)},
            {"hits", hits_json(plan)},
            {"dialogue", dialogue_json(plan)},
            {"bar_energy", plan.bar_energy}};
}

json chords_json(const Score& score) {
    json out = json::array();
    for (const auto& c : score.chords)
        out.push_back({{"start_s", seconds_at(score.tempo, c.start)},
                       {"end_s", seconds_at(score.tempo, c.end)},
                       {"start_tick", c.start.value},
                       {"end_tick", c.end.value},
                       {"symbol", c.chord.name(score.key)}});
    return out;
}

// One entry per track and stem: `name` is the stem's file name (stems/NAME.wav), `group` the
// instrument group it plays, `voice` the voice the spec named for it (null: the style's sound).
json tracks_json(const CueSpec& spec, const Score& score) {
    const auto players = cue_players(spec.instruments);
    json out = json::array();
    for (const auto& t : score.tracks) {
        const std::string group = t.group.empty() ? t.name : t.group;
        // A voice track is named by its player ("cello", "violin_2"); a group track has no voice.
        const auto player = std::find_if(players.begin(), players.end(), [&](const Player& p) {
            return p.track == t.name && p.group == group && !p.voice.empty();
        });
        out.push_back({{"name", t.name},
                       {"group", group},
                       {"voice", player != players.end() ? json(player->voice) : json(nullptr)},
                       {"program", t.program},
                       {"bank", t.bank},
                       {"drums", t.drums},
                       {"notes", t.notes.size()}});
    }
    return out;
}

}  // namespace

json cue_sheet(const CueSpec& spec, const Plan& plan, const Score& score, const std::string& style,
               const std::vector<std::string>& warnings) {
    return {{"tunesmith_version", tunesmith_version()},
            {"spec", to_json(spec)},
            {"style", style},
            {"plan", plan_json(plan)},
            {"chords", chords_json(score)},
            {"tracks", tracks_json(spec, score)},
            {"warnings", warnings}};
}

void write_json_file(const json& value, const std::filesystem::path& path) {
    write_file(path, value.dump(2, ' ', false, json::error_handler_t::replace) + '\n');
}

}  // namespace tunesmith
