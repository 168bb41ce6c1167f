// Arrangement: include/exclude filtering, per-bar energy tiers with lifts and drops, layer sets
// per tier, and the choice of melody carriers.
#include "compose/arrangement.h"

#include <algorithm>

#include "base/error.h"
#include "compose/instruments.h"

namespace tunesmith {
namespace {

std::string group_list() {
    std::string out;
    for (const auto& g : track_group_order()) out += (out.empty() ? "" : ", ") + g;
    return out + " (or percussion)";
}

std::vector<std::string> canonical_list(const std::vector<std::string>& names, const std::string& field) {
    std::vector<std::string> out;
    for (const auto& name : names) {
        const auto group = canonical_group(name);
        if (!group) throw InputError(field, name, group_list());
        out.push_back(*group);
    }
    return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

bool tier_has(const std::vector<Layer>& layers, const std::string& group) {
    return std::any_of(layers.begin(), layers.end(), [&](const Layer& l) { return l.group == group; });
}

EnergyTier raise(EnergyTier tier) {
    return tier == EnergyTier::low ? EnergyTier::mid : EnergyTier::high;
}

// The first group of `preferred` that is allowed and melodic; "" if none.
std::string first_melodic(const std::vector<std::string>& preferred, const std::vector<std::string>& allowed) {
    for (const auto& g : preferred)
        if (g != "drums" && contains(allowed, g)) return g;
    return {};
}

}  // namespace

std::vector<std::string> allowed_groups(const InstrumentSpec& instruments) {
    const auto include = canonical_list(instruments.include, "instruments.include");
    const auto exclude = canonical_list(instruments.exclude, "instruments.exclude");
    const auto feature = canonical_list(instruments.feature, "instruments.feature");
    const auto add = canonical_list(instruments.add, "instruments.add");
    std::vector<std::string> out;
    for (const auto& g : track_group_order())
        if ((include.empty() || contains(include, g) || contains(feature, g) || contains(add, g)) && !contains(exclude, g))
            out.push_back(g);
    return out;
}

std::vector<EnergyTier> plan_bar_tiers(const Plan& plan) {
    const auto bars = static_cast<std::size_t>(std::max<std::int64_t>(0, plan.length / plan.meter.bar()));
    std::vector<EnergyTier> tiers(bars, EnergyTier::mid);
    for (const auto& s : plan.sections)
        for (int b = s.first_bar; b < s.first_bar + s.bar_count && static_cast<std::size_t>(b) < bars; ++b) {
            const auto i = static_cast<std::size_t>(b);
            const double e = i < plan.bar_energy.size() ? plan.bar_energy[i] : s.energy;
            tiers[i] = tier_of_energy(e);
            if (s.role == SectionRole::breakdown && tiers[i] == EnergyTier::high) tiers[i] = EnergyTier::mid;
        }
    for (const auto& hit : plan.hits) {
        if (hit.kind != "lift" && hit.kind != "drop") continue;
        const auto bar = static_cast<std::size_t>(std::max<std::int64_t>(0, hit.tick / plan.meter.bar()));
        if (bar >= bars) continue;
        const auto section = std::find_if(plan.sections.begin(), plan.sections.end(), [&](const PlannedSection& s) {
            return hit.tick >= s.start && hit.tick < s.end;
        });
        const std::size_t end = section == plan.sections.end()
                                    ? bars
                                    : std::min(bars, static_cast<std::size_t>(section->first_bar + section->bar_count));
        // A lift is heard against what came before it: one tier above the bar before the lift.
        const EnergyTier before = bar > 0 ? tiers[bar - 1] : tiers[bar];
        for (std::size_t b = bar; b < end; ++b)
            tiers[b] = hit.kind == "lift" ? std::max(tiers[b], raise(before)) : EnergyTier::low;
    }
    return tiers;
}

Layer default_layer(const std::string& group) {
    Layer layer;
    layer.group = group;
    if (group == "drums") layer.role = PartRole::drums;
    else if (group == "bass") layer.role = PartRole::bass, layer.pattern = "roots", layer.rate = Rate::quarter;
    else if (group == "piano") layer.role = PartRole::comp, layer.pattern = "broken", layer.rate = Rate::eighth;
    else if (group == "guitar") layer.role = PartRole::comp, layer.pattern = "strum", layer.rate = Rate::eighth;
    else if (group == "synth") layer.role = PartRole::arpeggio, layer.pattern = "up", layer.rate = Rate::eighth;
    else if (group == "woodwinds") layer.role = PartRole::counter, layer.rate = Rate::half;
    else layer.role = PartRole::pad, layer.rate = Rate::whole;  // strings, brass, pad, choir
    if (group == "brass") layer.velocity = 0.8;
    return layer;
}

Arrangement arrange(const Plan& plan, const CueSpec& spec, const Style& style) {
    Arrangement arr;
    arr.groups = allowed_groups(spec.instruments);
    arr.bar_tiers = plan_bar_tiers(plan);
    for (std::size_t t = 0; t < 3; ++t)
        for (const auto& layer : style.layers[t])
            if (contains(arr.groups, layer.group)) arr.layers[t].push_back(layer);

    std::array<bool, 3> reached{};
    for (EnergyTier t : arr.bar_tiers) reached[static_cast<std::size_t>(t)] = true;
    std::size_t lowest = 0;
    while (lowest < 2 && !reached[lowest]) ++lowest;

    // A tier with nothing left to play borrows the nearest tier that has something.
    const auto filtered = arr.layers;
    for (std::size_t t = 0; t < 3; ++t) {
        if (!arr.layers[t].empty()) continue;
        for (std::size_t d = 1; d < 3 && arr.layers[t].empty(); ++d) {
            if (t + d < 3 && !filtered[t + d].empty()) arr.layers[t] = filtered[t + d];
            else if (t >= d && !filtered[t - d].empty()) arr.layers[t] = filtered[t - d];
        }
    }

    const auto include = canonical_list(spec.instruments.include, "instruments.include");
    const auto feature = canonical_list(spec.instruments.feature, "instruments.feature");
    // The first featured group that can carry a tune is the melody carrier: its part is the tune.
    std::string featured_lead;
    for (const auto& g : feature)
        if (featured_lead.empty() && g != "bass" && g != "drums" && contains(arr.groups, g)) featured_lead = g;
    const bool soft_tune = !style.soft_lead.empty();  // the style's melody plays at the low tier too

    // Included, featured and added groups must be heard: add them where the cue actually goes. An
    // added group accompanies; the tune stays with the style's lead (chosen below).
    std::vector<std::string> wanted = include;
    for (const auto& list : {feature, canonical_list(spec.instruments.add, "instruments.add")})
        for (const auto& g : list)
            if (!contains(wanted, g)) wanted.push_back(g);
    for (const auto& g : wanted) {
        if (!contains(arr.groups, g)) continue;  // also excluded: exclusion wins
        bool heard = false;
        for (std::size_t t = 0; t < 3; ++t) heard = heard || (reached[t] && tier_has(arr.layers[t], g));
        // A featured lead is heard in the tune; a second line of its own would share its one track.
        if (g == featured_lead) heard = heard || reached[1] || reached[2] || (reached[0] && soft_tune);
        if (heard) continue;
        for (std::size_t t = lowest; t < 3; ++t)
            if (!tier_has(arr.layers[t], g)) arr.layers[t].push_back(default_layer(g));
    }
    // Nothing in the style survived and nothing was included: keep the cue audible.
    if (arr.layers[0].empty() && arr.layers[1].empty() && arr.layers[2].empty() && !arr.groups.empty()) {
        const std::string g = first_melodic({"piano", "strings", "pad", "guitar", "synth", "woodwinds", "brass",
                                             "choir", "bass", "drums"}, arr.groups);
        for (auto& tier : arr.layers) tier.push_back(default_layer(g.empty() ? arr.groups.front() : g));
    }

    if (!featured_lead.empty()) {
        arr.lead = featured_lead;
        arr.soft_lead = soft_tune ? featured_lead : "";
        return arr;
    }
    // The melody goes to the style's lead if allowed, else to an included or sounding group.
    std::vector<std::string> candidates = style.lead;
    candidates.insert(candidates.end(), include.begin(), include.end());
    for (const auto& tier : arr.layers)
        for (const auto& layer : tier)
            if (layer.group != "bass") candidates.push_back(layer.group);
    arr.lead = first_melodic(candidates, arr.groups);
    arr.soft_lead = first_melodic(style.soft_lead, arr.groups);
    if (arr.soft_lead.empty() && !include.empty() && style.soft_lead.empty() == false) arr.soft_lead = arr.lead;
    return arr;
}

}  // namespace tunesmith
