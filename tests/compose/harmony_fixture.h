// Hand-built Plans for the harmony, voicing and melody tests (no dependency on make_plan).
// Sections tile the cue in whole bars; bar_energy holds each section's energy.
#pragma once

#include <string>
#include <vector>

#include "compose/plan.h"
#include "music/key.h"
#include "music/meter.h"
#include "music/tempo_map.h"

namespace tunesmith::testing_fixture {

struct SectionSketch {
    std::string name;
    SectionRole role = SectionRole::verse;
    int bars = 8;
    double energy = 0.5;
};

inline Plan hand_plan(Key key, Meter meter, const std::vector<SectionSketch>& sketch, double bpm = 100.0) {
    Plan plan;
    plan.key = key;
    plan.meter = meter;
    plan.tempo = TempoMap::constant(bpm, SampleRate{48000});
    int bar = 0;
    for (const auto& s : sketch) {
        PlannedSection section;
        section.name = s.name;
        section.role = s.role;
        section.first_bar = bar;
        section.bar_count = s.bars;
        section.start = meter.bar() * bar;
        section.end = meter.bar() * (bar + s.bars);
        section.energy = s.energy;
        plan.sections.push_back(section);
        for (int i = 0; i < s.bars; ++i) plan.bar_energy.push_back(s.energy);
        bar += s.bars;
    }
    plan.length = meter.bar() * bar;
    plan.length_samples = plan.tempo.to_samples(plan.length);
    return plan;
}

// intro 4, verse 8, chorus 8, verse 8, chorus 8, outro 4: a common song form.
inline Plan song_plan(Key key, Meter meter = Meter{4, 4}) {
    return hand_plan(key, meter,
                     {{"intro", SectionRole::intro, 4, 0.3},
                      {"verse", SectionRole::verse, 8, 0.5},
                      {"chorus", SectionRole::climax, 8, 0.8},
                      {"verse", SectionRole::verse, 8, 0.5},
                      {"chorus", SectionRole::climax, 8, 0.85},
                      {"outro", SectionRole::outro, 4, 0.3}});
}

inline Key key_of(const char* text) { return *Key::parse(text); }

}  // namespace tunesmith::testing_fixture
