// Form: the cue's sections on bar lines. Either the spec's sections snapped to the fitted bars,
// or a form chosen by length (intro / body sections of 4-16 bars / outro), plus per-section roles.
#pragma once

// Pure functions of their arguments.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compose/plan.h"
#include "music/tempo_map.h"
#include "spec/cue_spec.h"

namespace tunesmith {

// Bars at which the energy story turns: sections should start here (from lift/drop hits).
struct FormTurn {
    int bar = 0;
    std::string kind;  // "lift" or "drop"
};

// A form for `bars` bars of `bar_length` ticks with sections starting at every turn's bar:
// an intro and an outro sized to the cue, body sections of 8 or 16 bars where possible (4 or 12
// next), at least 2 bars each unless a turn forces less. Names and roles are left for
// assign_roles(); energies for the caller.
std::vector<PlannedSection> choose_form(int bars, Ticks bar_length, std::span<const FormTurn> turns);

// The spec's sections (any order) snapped to the nearest bar line of the fitted map, the first
// moved to bar 0; a boundary within a bar of a turn moves onto it. Names and energies are kept;
// moves of more than half a beat, and sections that had to be shifted or dropped, are reported.
std::vector<PlannedSection> snap_sections(std::span<const SectionSpec> spec_sections, const TempoMap& tempo,
                                          Meter meter, int bars, std::span<const FormTurn> turns,
                                          std::vector<std::string>& warnings);

// Roles from names ("intro", "chorus", "bridge"... when `use_names`) and else from energy: a low
// start is the intro, the highest middle section the climax (when it rises at least 0.05 above the
// quietest section before the ending: a flat cue has none), a section starting at a drop or
// falling clearly below its predecessor a breakdown, one rising toward a higher one a build, the
// last of two or more the outro (the ending region). Section energies must be set.
void assign_roles(std::vector<PlannedSection>& sections, std::span<const FormTurn> turns, bool use_names);

// Names sections after their roles ("intro", "verse", "verse 2", "climax", "outro").
void name_by_role(std::vector<PlannedSection>& sections);

// "intro", "verse", "build", "climax", "breakdown", "bridge", "outro" (the cue sheet's words).
std::string_view section_role_name(SectionRole role);
std::optional<SectionRole> parse_section_role(std::string_view word);

}  // namespace tunesmith
