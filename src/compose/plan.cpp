// make_plan: spec -> Plan. Checks what the planner relies on, fits the tempo map to the length
// and hits, lays out the form on the fitted bars, shapes the energy, and maps dialogue to ticks.
#include "compose/plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/error.h"
#include "base/text.h"
#include "compose/energy.h"
#include "compose/form.h"
#include "compose/tempo_choice.h"
#include "compose/tempo_fit.h"
#include "spec/validate.h"

namespace tunesmith {
namespace {

constexpr double kPlannerMaxBpm = 1000.0;
constexpr int kMinSampleRate = 8000;
constexpr int kMaxSampleRate = 768000;
constexpr double kMaxLengthSeconds = 6.0 * 3600.0;

std::string number(double value) { return decimal_text(value, 6); }

std::string indexed(const char* field, std::size_t i, const char* member) {
    return std::string(field) + "[" + std::to_string(i) + "]." + member;
}

// The planner's own preconditions; the spec module validates the rest of the spec.
void check_spec(const CueSpec& spec) {
    if (!std::isfinite(spec.bpm) || spec.bpm <= 0.0 || spec.bpm > kPlannerMaxBpm)
        throw InputError("bpm", number(spec.bpm), "a tempo above 0 and at most 1000 quarter notes per minute");
    if (spec.sample_rate < kMinSampleRate || spec.sample_rate > kMaxSampleRate)
        throw InputError("sample_rate", std::to_string(spec.sample_rate), "8000 to 768000 Hz");
    const Meter m = spec.time_signature;
    if (m.numerator < 1 || m.numerator > 32 || (m.denominator != 2 && m.denominator != 4 && m.denominator != 8 && m.denominator != 16))
        throw InputError("time_signature", m.to_string(), "n/d with n in 1..32 and d in 2, 4, 8, 16");
    const double length = spec.length.value;
    if (!std::isfinite(length) || length <= 0.0 || length > kMaxLengthSeconds ||
        to_samples(spec.length, SampleRate(spec.sample_rate)).value < 1)
        throw InputError("length", number(length), "a length above 0 and at most 6 hours, in seconds");
    const std::string within = "a time from 0 to the length (" + number(length) + " s)";
    for (std::size_t i = 0; i < spec.hits.size(); ++i) {
        const double t = spec.hits[i].time.value;
        if (!std::isfinite(t) || t < 0.0 || t > length) throw InputError(indexed("hits", i, "time"), number(t), within);
    }
    for (std::size_t i = 0; i < spec.sections.size(); ++i) {
        const auto& s = spec.sections[i];
        if (!std::isfinite(s.start.value) || s.start.value < 0.0 || s.start.value >= length)
            throw InputError(indexed("sections", i, "start"), number(s.start.value),
                             "a time from 0 to before the length (" + number(length) + " s)");
        if (!std::isfinite(s.energy) || s.energy < 0.0 || s.energy > 1.0)
            throw InputError(indexed("sections", i, "energy"), number(s.energy), "a level from 0 to 1");
    }
    for (std::size_t i = 0; i < spec.energy.size(); ++i) {
        const auto& p = spec.energy[i];
        if (!std::isfinite(p.time.value)) throw InputError(indexed("energy", i, "time"), number(p.time.value), "a time in seconds");
        if (!std::isfinite(p.level) || p.level < 0.0 || p.level > 1.0)
            throw InputError(indexed("energy", i, "level"), number(p.level), "a level from 0 to 1");
    }
    for (std::size_t i = 0; i < spec.dialogue.size(); ++i) {
        const auto& d = spec.dialogue[i];
        if (!std::isfinite(d.start.value) || !std::isfinite(d.end.value) || d.end.value < d.start.value)
            throw InputError(indexed("dialogue", i, "end"), number(d.end.value), "a time not before start (" + number(d.start.value) + " s)");
    }
}

// The bar where a hit's effect on the form and energy starts: its own bar on a downbeat, else the next.
int effect_bar(Ticks tick, Ticks bar_length) {
    return static_cast<int>((tick.value + bar_length.value - 1) / bar_length.value);
}

std::vector<PlannedHit> planned_hits(const CueSpec& spec, SampleRate rate, const TempoFit& fit) {
    std::vector<PlannedHit> hits;
    for (std::size_t i = 0; i < spec.hits.size(); ++i) {
        const FittedHit& f = fit.hits[i];
        hits.push_back({spec.hits[i].kind, spec.hits[i].time, to_samples(spec.hits[i].time, rate), f.tick, f.exact, f.downbeat});
    }
    std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.sample < b.sample; });
    return hits;
}

std::vector<FormTurn> form_turns(const std::vector<PlannedHit>& hits, Ticks bar_length, int bars) {
    std::vector<FormTurn> turns;
    for (const auto& h : hits) {
        if (h.kind != "lift" && h.kind != "drop") continue;
        const int bar = effect_bar(h.tick, bar_length);
        if (bar > 0 && bar < bars) turns.push_back({bar, h.kind});
    }
    return turns;
}

std::vector<double> bar_energy(const CueSpec& spec, const Plan& plan, int bars, bool given_sections) {
    EnergyRequest request;
    request.bars = bars;
    const Ticks bar_length = plan.meter.bar();
    for (int b = 0; b < bars; ++b)
        request.bar_centre_seconds.push_back(plan.tempo.to_seconds(bar_length * b + bar_length / 2).value);
    request.points = spec.energy;
    for (const auto& h : plan.hits) request.hits.push_back({effect_bar(h.tick, bar_length), h.kind});
    for (const auto& s : plan.sections) {
        SectionLevel level{s.first_bar, s.bar_count, std::nullopt};
        // The planner's own intro keeps its quiet level unless energy points say what happens there.
        if (given_sections && !(s.filler_intro && !spec.energy.empty())) level.energy = s.energy;
        request.sections.push_back(level);
    }
    request.ending = spec.ending;
    return plan_bar_energy(request);
}

std::vector<TickRange> dialogue_ticks(const CueSpec& spec, const TempoMap& tempo, Ticks length) {
    const SampleRate rate = tempo.sample_rate();
    std::vector<TickRange> out;
    for (const auto& d : spec.dialogue) {
        const Ticks start = std::clamp(tempo.to_ticks(to_samples(d.start, rate)), Ticks(0), length);
        const Ticks end = std::clamp(tempo.to_ticks(to_samples(d.end, rate)), Ticks(0), length);
        if (end > start) out.push_back({start, end});
    }
    return out;
}

}  // namespace

Plan make_plan(const CueSpec& spec) {
    check_spec(spec);
    const SampleRate rate(spec.sample_rate);
    Plan plan;
    plan.key = spec.key;
    plan.meter = spec.time_signature;
    plan.ending = spec.ending;
    plan.length_samples = to_samples(spec.length, rate);

    std::vector<HitRequest> requests;
    // A hit within half a beat of a section start (a cut that starts a scene) asks for a downbeat.
    const double half_beat_s = 30.0 / spec.bpm * (static_cast<double>(plan.meter.beat().value) / kQuarter.value);
    for (const auto& h : spec.hits) {
        const bool starts_section = std::any_of(spec.sections.begin(), spec.sections.end(), [&](const SectionSpec& s) {
            return std::abs(s.start.value - h.time.value) <= half_beat_s;
        });
        requests.push_back({to_samples(h.time, rate), h.kind, starts_section});
    }
    // The played tempo stays in the accepted bpm range (a tempo asked at its edge bends inwards only).
    TempoFitOptions fit_options;
    fit_options.min_bpm = std::min(kMinBpm, spec.bpm);
    fit_options.max_bpm = std::max(kMaxBpm, spec.bpm);
    fit_options.ring_out = may_ring_out(spec);
    const TempoFit fit = fit_tempo(spec.bpm, plan.meter, rate, plan.length_samples, requests, fit_options);
    plan.tempo = fit.tempo;
    plan.length = fit.length;
    plan.ring_out = fit.ring_out;
    plan.warnings = fit.warnings;
    plan.hits = planned_hits(spec, rate, fit);

    const Ticks bar_length = plan.meter.bar();
    const std::vector<FormTurn> turns = form_turns(plan.hits, bar_length, fit.bars);
    const bool given_sections = !spec.sections.empty();
    plan.sections = given_sections ? snap_sections(spec.sections, plan.tempo, plan.meter, fit.bars, turns, plan.warnings)
                                   : choose_form(fit.bars, bar_length, turns);
    plan.bar_energy = bar_energy(spec, plan, fit.bars, given_sections);
    for (auto& s : plan.sections)
        if (!given_sections || (s.filler_intro && !spec.energy.empty()))
            s.energy = mean_energy(plan.bar_energy, s.first_bar, s.bar_count);
    assign_roles(plan.sections, turns, given_sections);
    if (!given_sections) name_by_role(plan.sections);
    plan.dialogue = dialogue_ticks(spec, plan.tempo, plan.length);
    return plan;
}

Score empty_score(const Plan& plan) {
    Score score;
    score.tempo = plan.tempo;
    score.meter = plan.meter;
    score.key = plan.key;
    score.length = plan.length;
    score.length_samples = plan.length_samples;
    return score;
}

}  // namespace tunesmith
