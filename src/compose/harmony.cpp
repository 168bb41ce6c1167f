// Progression writing: harmonic rhythm per section, cadence planning, and constrained sampling
// of a blended corpus / functional-grammar Markov chain over the key's chords.
#include "compose/harmony.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cctype>
#include <stdexcept>

#include "base/error.h"
#include "music/pitch.h"

namespace tunesmith {
namespace {

constexpr std::array<std::string_view, 12> kNumerals = {"I",  "bII", "II",  "bIII", "III", "IV",
                                                       "#IV", "V",   "bVI", "VI",   "bVII", "VII"};

// Harmonic function of a chord by the scale degree of its root.
enum class Function { tonic, predominant, dominant };

struct Slot {
    Ticks start;
    Ticks end;
    bool hit = false;          // a plan hit falls on its start: make a strong change here
    bool phrase_start = false;  // starts a 4-bar phrase inside the section
    bool phrase_end = false;    // ends a 4-bar phrase before the section's end
};

struct SectionChords {
    std::vector<Slot> slots;
    std::vector<RomanChord> chords;
    CadenceKind cadence = CadenceKind::authentic;
};

// The cadence formulas of one mode, as semitone offsets above the tonic.
struct CadenceFormula {
    int authentic_penult;
    int half_final;
    int plagal_penult;
    int deceptive_final;  // -1: the mode has no convincing deceptive cadence (a half one instead)
    int characteristic;   // the chord a modal vamp alternates with the tonic (-1: none)
};

CadenceFormula formula_for(Mode mode) {
    switch (mode) {
        case Mode::major: return {7, 7, 5, 9, -1};
        case Mode::minor: case Mode::harmonic_minor: return {7, 7, 5, 8, -1};
        case Mode::dorian: return {10, 5, 5, -1, 5};
        case Mode::mixolydian: return {10, 7, 5, -1, 10};
        case Mode::phrygian: return {1, 10, 5, -1, 1};
        case Mode::lydian: return {2, 7, 2, 9, 2};
        case Mode::locrian: return {1, 5, 5, -1, 1};
    }
    return {7, 7, 5, 9, -1};
}

bool is_modal(Mode mode) {
    return mode != Mode::major && mode != Mode::minor && mode != Mode::harmonic_minor;
}

ChordQuality triad_from_intervals(int third, int fifth) {
    if (third == 4) return fifth == 8 ? ChordQuality::augmented : ChordQuality::major;
    return fifth == 6 ? ChordQuality::diminished : ChordQuality::minor;
}

std::optional<int> scale_degree_of_offset(const Key& key, int offset) {
    const auto& iv = mode_intervals(key.mode);
    for (std::size_t i = 0; i < iv.size(); ++i)
        if (iv[i] == offset) return static_cast<int>(i);
    return std::nullopt;
}

// The chord used at a cadence on `offset`: the diatonic triad, except that minor keys take the
// harmonic-minor major dominant.
RomanChord cadence_chord(const Key& key, int offset) {
    if ((key.mode == Mode::minor || key.mode == Mode::harmonic_minor) && offset == 7)
        return {7, ChordQuality::major};
    const auto degree = scale_degree_of_offset(key, offset);
    if (!degree) return {offset, ChordQuality::major};
    return diatonic_triads(key)[static_cast<std::size_t>(*degree)];
}

// The chords the chain may choose from: the diatonic triads, plus V in natural minor.
std::vector<RomanChord> candidate_chords(const Key& key) {
    auto out = diatonic_triads(key);
    if (key.mode == Mode::minor) out.push_back({7, ChordQuality::major});
    return out;
}

Function function_of(const Key& key, const RomanChord& chord) {
    const int degree = scale_degree_of_offset(key, chord.offset).value_or(4);
    if (degree == 0 || degree == 2 || degree == 5) return Function::tonic;
    if (degree == 1 || degree == 3) return Function::predominant;
    return Function::dominant;
}

// Weight of a chord within its function (I over vi over iii, IV over ii, V over vii).
double member_weight(const Key& key, const RomanChord& chord) {
    const int degree = scale_degree_of_offset(key, chord.offset).value_or(4);
    constexpr std::array<double, 7> weights{0.55, 0.4, 0.15, 0.6, 0.8, 0.3, 0.2};
    double w = weights[static_cast<std::size_t>(degree)];
    if (chord.triad == ChordQuality::augmented || chord.triad == ChordQuality::diminished) w *= 0.3;
    if (key.mode == Mode::minor && degree == 4) w *= 0.5;  // v and V share the dominant's weight
    return w;
}

// P(to | from) of the functional grammar (tonic -> predominant -> dominant -> tonic).
double grammar_probability(const Key& key, const RomanChord& from, const RomanChord& to) {
    constexpr double table[3][3] = {{0.2, 0.5, 0.3}, {0.25, 0.1, 0.65}, {0.8, 0.15, 0.05}};
    const auto f = static_cast<std::size_t>(function_of(key, from));
    const auto t = static_cast<std::size_t>(function_of(key, to));
    return table[f][t] * member_weight(key, to);
}

// P(to | from) of a modal vamp: tonic and the mode's characteristic chord alternate.
double vamp_probability(const Key& key, const RomanChord& from, const RomanChord& to) {
    const int characteristic = formula_for(key.mode).characteristic;
    const bool from_tonic = from.offset == 0;
    const bool from_char = from.offset == characteristic;
    if (to.offset == 0) return from_char ? 0.7 : 0.45;
    if (to.offset == characteristic) return from_tonic ? 0.6 : 0.35;
    return from_tonic ? 0.08 : from_char ? 0.06 : 0.04;
}

// The blended, normalised transition matrix over the candidate chords (no self-transitions).
class ChordChain {
public:
    ChordChain(const Key& key, const HarmonyOptions& options)
        : key_(key), chords_(candidate_chords(key)) {
        const std::size_t n = chords_.size();
        matrix_.assign(n, std::vector<double>(n, 0.0));
        const bool vamp = options.modal_vamp && is_modal(key.mode);
        double corpus_weight = options.model ? options.corpus_weight : 0.0;
        if (vamp) corpus_weight *= 0.5;  // the pop corpus knows major and minor, not modes
        const TransitionTable* table = options.model ? &options.model->table_for(key.mode) : nullptr;
        for (std::size_t i = 0; i < n; ++i) {
            const auto corpus = corpus_row(table, i);
            std::vector<double> rule(n, 0.0);
            for (std::size_t j = 0; j < n; ++j)
                if (j != i) rule[j] = vamp ? vamp_probability(key, chords_[i], chords_[j])
                                           : grammar_probability(key, chords_[i], chords_[j]);
            normalise(rule);
            for (std::size_t j = 0; j < n; ++j)
                matrix_[i][j] = (corpus_weight * corpus[j] + (1.0 - corpus_weight) * rule[j]) *
                                preference(options, chords_[j]);
            normalise(matrix_[i]);
        }
        start_.assign(n, 0.0);
        const auto corpus_start = start_row(table);
        for (std::size_t j = 0; j < n; ++j) {
            const double rule = chords_[j].offset == 0 ? 0.7 : function_of(key, chords_[j]) == Function::predominant ? 0.1 : 0.05;
            start_[j] = (corpus_weight * corpus_start[j] + (1.0 - corpus_weight) * rule) * preference(options, chords_[j]);
        }
        normalise(start_);
    }

    std::size_t size() const { return chords_.size(); }
    const RomanChord& chord(std::size_t i) const { return chords_[i]; }
    double p(std::size_t from, std::size_t to) const { return matrix_[from][to]; }
    double start(std::size_t i) const { return start_[i]; }
    const Key& key() const { return key_; }
    // Index of a chord, adding it (with grammar-only transitions) if it is not a candidate.
    std::size_t index_of(const RomanChord& chord) const {
        for (std::size_t i = 0; i < chords_.size(); ++i)
            if (chords_[i] == chord) return i;
        // Cadence chords are always candidates (diatonic, or V in minor).
        throw std::logic_error("harmony: cadence chord " + chord.numeral() + " is not a candidate");
    }

    static void normalise(std::vector<double>& row) {
        double total = 0.0;
        for (double v : row) total += v;
        if (total <= 0.0) return;
        for (double& v : row) v /= total;
    }

private:
    std::vector<double> corpus_row(const TransitionTable* table, std::size_t from) const {
        const std::size_t n = chords_.size();
        std::vector<double> row(n, 0.0);
        const std::map<std::string, double>* counts = nullptr;
        if (table) {
            auto it = table->counts.find(chords_[from].numeral());
            if (it != table->counts.end()) counts = &it->second;
        }
        for (std::size_t j = 0; j < n; ++j) {
            if (j == from) continue;
            double count = 0.5;  // add-half smoothing: unseen moves stay possible but rare
            if (counts)
                if (auto c = counts->find(chords_[j].numeral()); c != counts->end()) count += c->second;
            row[j] = count;
        }
        normalise(row);
        return row;
    }
    std::vector<double> start_row(const TransitionTable* table) const {
        std::vector<double> row(chords_.size(), 0.5);
        if (table)
            for (std::size_t j = 0; j < chords_.size(); ++j)
                if (auto c = table->start.find(chords_[j].numeral()); c != table->start.end()) row[j] += c->second;
        normalise(row);
        return row;
    }
    // The style's multiplier; without one, diminished and augmented triads are rare (as in the
    // corpus, where they pass by rather than stand as structural chords).
    static double preference(const HarmonyOptions& options, const RomanChord& chord) {
        auto it = options.chord_weights.find(chord.numeral());
        if (it != options.chord_weights.end()) return it->second;
        const bool unstable = chord.triad == ChordQuality::diminished || chord.triad == ChordQuality::augmented;
        return unstable ? 0.3 : 1.0;
    }

    Key key_;
    std::vector<RomanChord> chords_;
    std::vector<std::vector<double>> matrix_;
    std::vector<double> start_;
};

double bar_energy_at(const Plan& plan, int bar, double fallback) {
    if (bar >= 0 && static_cast<std::size_t>(bar) < plan.bar_energy.size())
        return plan.bar_energy[static_cast<std::size_t>(bar)];
    return fallback;
}

// Where a bar splits in two: the middle beat, or the longer half first in odd meters (3+2, 4+3).
Ticks half_bar(const Meter& meter) {
    const int beats = meter.beats_per_bar();
    if (beats <= 1) return meter.bar() / 2;
    return meter.beat() * ((beats + 1) / 2);
}

std::vector<Slot> section_slots(const Plan& plan, const PlannedSection& section, const HarmonyOptions& options) {
    const Ticks bar = plan.meter.bar();
    std::vector<Slot> slots;
    int k = 0;
    while (k < section.bar_count) {
        const double energy = bar_energy_at(plan, section.first_bar + k, section.energy);
        double bars = options.bars_per_chord;
        if (energy >= options.fast_energy) bars /= 2.0;
        else if (options.slow_energy > 0.0 && energy <= options.slow_energy) bars *= 2.0;
        bars = std::clamp(bars, 0.5, 4.0);
        const Ticks bar_start = section.start + bar * k;
        if (bars < 1.0) {
            slots.push_back({bar_start, bar_start + half_bar(plan.meter)});
            slots.push_back({bar_start + half_bar(plan.meter), bar_start + bar});
            k += 1;
            continue;
        }
        const int group = static_cast<int>(bars);
        const int span = std::min(group - k % group, section.bar_count - k);
        slots.push_back({bar_start, bar_start + bar * span});
        k += span;
    }
    // A hit on a beat inside a chord splits it, so the hit gets a chord change of its own.
    for (const auto& hit : plan.hits) {
        if (hit.tick < section.start || hit.tick >= section.end) continue;
        if ((hit.tick - section.start) % plan.meter.beat() != Ticks(0)) continue;
        for (std::size_t i = 0; i < slots.size(); ++i) {
            if (hit.tick == slots[i].start) slots[i].hit = true;
            if (hit.tick <= slots[i].start || hit.tick >= slots[i].end) continue;
            Slot tail{hit.tick, slots[i].end, true};
            slots[i].end = hit.tick;
            slots.insert(slots.begin() + static_cast<std::ptrdiff_t>(i) + 1, tail);
            break;
        }
    }
    const Ticks phrase = bar * 4;
    for (auto& slot : slots) {
        slot.phrase_start = (slot.start - section.start) % phrase == Ticks(0);
        slot.phrase_end = (slot.end - section.start) % phrase == Ticks(0) && slot.end != section.end;
    }
    return slots;
}

bool lifts_into(const PlannedSection& current, const PlannedSection& next) {
    return next.energy > current.energy + 0.15 ||
           (next.role == SectionRole::climax && current.role != SectionRole::climax);
}

// The final chord of a cadence.
RomanChord cadence_final(const Key& key, CadenceKind kind) {
    const auto formula = formula_for(key.mode);
    switch (kind) {
        case CadenceKind::authentic: case CadenceKind::plagal: return cadence_chord(key, 0);
        case CadenceKind::half: return cadence_chord(key, formula.half_final);
        case CadenceKind::deceptive: return cadence_chord(key, formula.deceptive_final);
    }
    return cadence_chord(key, 0);
}

std::optional<RomanChord> cadence_penult(const Key& key, CadenceKind kind) {
    const auto formula = formula_for(key.mode);
    switch (kind) {
        case CadenceKind::authentic: case CadenceKind::deceptive: return cadence_chord(key, formula.authentic_penult);
        case CadenceKind::plagal: return cadence_chord(key, formula.plagal_penult);
        case CadenceKind::half: return std::nullopt;  // the chain chooses, predominants favoured
    }
    return std::nullopt;
}

// Slot-specific preferences: strong chords on hits, tonic at phrase starts, dominant at
// phrase ends, predominant before a half cadence.
double slot_weight(const ChordChain& chain, std::size_t s, const Slot& slot, bool before_half_cadence) {
    const RomanChord& chord = chain.chord(s);
    const Function f = function_of(chain.key(), chord);
    const int characteristic = formula_for(chain.key().mode).characteristic;
    double w = 1.0;
    if (slot.hit) {
        const bool primary = chord.offset == 0 || chord.offset == 5 || chord.offset == 7 ||
                             chord.offset == characteristic;
        w *= primary ? 2.5 : 0.6;
    }
    if (slot.phrase_start && f == Function::tonic) w *= 1.5;
    if (slot.phrase_end && f == Function::dominant) w *= 2.0;
    if (before_half_cadence && f == Function::predominant) w *= 2.5;
    return w;
}

// Samples chords for slots [0, free) given the fixed chords that follow (`fixed`, may be empty)
// and the chord before the section (`previous`, may be absent), by backward filtering and
// forward sampling, so the free chords lead naturally into the cadence.
std::vector<std::size_t> sample_chain(const ChordChain& chain, const std::vector<Slot>& slots, std::size_t free,
                                      std::optional<std::size_t> next_fixed, std::optional<std::size_t> previous,
                                      bool half_cadence, Rng& rng) {
    const std::size_t n = chain.size();
    std::vector<std::vector<double>> beta(free + 1, std::vector<double>(n, 1.0));
    for (std::size_t s = 0; s < n && free > 0; ++s) beta[free - 1][s] = next_fixed ? chain.p(s, *next_fixed) : 1.0;
    for (std::size_t t = free; t-- > 1;) {
        for (std::size_t s = 0; s < n; ++s) {
            double sum = 0.0;
            for (std::size_t u = 0; u < n; ++u)
                sum += chain.p(s, u) * slot_weight(chain, u, slots[t], half_cadence && t + 1 == free) * beta[t][u];
            beta[t - 1][s] = sum;
        }
        ChordChain::normalise(beta[t - 1]);
    }
    std::vector<std::size_t> out;
    std::vector<double> weights(n);
    for (std::size_t t = 0; t < free; ++t) {
        for (std::size_t s = 0; s < n; ++s) {
            double prior = 0.0;
            if (t > 0) prior = chain.p(out.back(), s);
            else if (previous) prior = s == *previous ? 0.0 : 0.5 * chain.start(s) + 0.5 * chain.p(*previous, s);
            else prior = chain.start(s);
            weights[s] = prior * slot_weight(chain, s, slots[t], half_cadence && t + 1 == free) * beta[t][s];
        }
        out.push_back(rng.weighted(weights));
    }
    return out;
}

// A chord of the same function standing in for `chord` (I <-> vi, IV <-> ii, ...).
std::size_t substitute(const ChordChain& chain, std::size_t chord, Rng& rng) {
    std::vector<double> weights(chain.size(), 0.0);
    const Function f = function_of(chain.key(), chain.chord(chord));
    for (std::size_t s = 0; s < chain.size(); ++s)
        if (s != chord && function_of(chain.key(), chain.chord(s)) == f &&
            (chain.chord(s).triad == ChordQuality::major || chain.chord(s).triad == ChordQuality::minor))
            weights[s] = member_weight(chain.key(), chain.chord(s));
    double total = 0.0;
    for (double w : weights) total += w;
    return total > 0.0 ? rng.weighted(weights) : chord;
}

std::vector<std::size_t> fresh_section(const ChordChain& chain, const std::vector<Slot>& slots, CadenceKind cadence,
                                       std::optional<std::size_t> previous, Rng& rng) {
    const Key& key = chain.key();
    std::vector<std::size_t> fixed;  // the cadence's chords, in order
    if (auto penult = cadence_penult(key, cadence); penult && slots.size() >= 2) fixed.push_back(chain.index_of(*penult));
    fixed.push_back(chain.index_of(cadence_final(key, cadence)));
    const std::size_t free = slots.size() - fixed.size();
    const bool half = cadence == CadenceKind::half;
    std::optional<std::size_t> next_fixed;
    if (!fixed.empty()) next_fixed = fixed.front();
    auto out = sample_chain(chain, slots, free, next_fixed, previous, half, rng);
    out.insert(out.end(), fixed.begin(), fixed.end());
    return out;
}

// A recurring section: its first statement's chords mapped onto this section's slots by time,
// lightly varied, with this section's own cadence.
std::vector<std::size_t> recurring_section(const ChordChain& chain, const SectionChords& source,
                                           const std::vector<Slot>& slots, Ticks source_start, Ticks start,
                                           CadenceKind cadence, double variation, Rng& rng) {
    const Ticks source_length = source.slots.back().end - source_start;
    std::vector<std::size_t> out;
    for (const auto& slot : slots) {
        const Ticks offset = (slot.start - start) % source_length;
        std::size_t pick = 0;
        for (std::size_t i = 0; i < source.slots.size(); ++i)
            if (source.slots[i].start - source_start <= offset) pick = i;
        out.push_back(chain.index_of(source.chords[pick]));
    }
    const Key& key = chain.key();
    std::vector<std::size_t> fixed;
    if (auto penult = cadence_penult(key, cadence); penult && slots.size() >= 2) fixed.push_back(chain.index_of(*penult));
    fixed.push_back(chain.index_of(cadence_final(key, cadence)));
    const std::size_t free = slots.size() - fixed.size();
    std::copy(fixed.begin(), fixed.end(), out.begin() + static_cast<std::ptrdiff_t>(free));
    // Light variation: inner chords (not the first, which states the section) may be replaced by
    // a chord of the same function.
    for (std::size_t t = 1; t < free; ++t)
        if (rng.chance(variation)) out[t] = substitute(chain, out[t], rng);
    // No chord may repeat its neighbour: re-choose from the chain between the two neighbours.
    for (std::size_t t = 1; t < free; ++t) {
        const bool clash_next = out[t] == out[t + 1];
        if (out[t] != out[t - 1] && !clash_next) continue;
        std::vector<double> weights(chain.size());
        for (std::size_t s = 0; s < chain.size(); ++s)
            weights[s] = chain.p(out[t - 1], s) * chain.p(s, out[t + 1]);
        out[t] = rng.weighted(weights);
    }
    if (free >= 1 && out[0] == out[1]) {
        std::vector<double> weights(chain.size());
        for (std::size_t s = 0; s < chain.size(); ++s) weights[s] = chain.start(s) * chain.p(s, out[1]);
        out[0] = rng.weighted(weights);
    }
    return out;
}

}  // namespace

// ---- RomanChord ------------------------------------------------------------------------------

std::string RomanChord::numeral() const {
    std::string out(kNumerals[static_cast<std::size_t>(pitch_class(offset))]);
    if (triad == ChordQuality::minor || triad == ChordQuality::diminished)
        for (char& c : out)
            if (c == 'I' || c == 'V') c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (triad == ChordQuality::diminished) out += "o";
    if (triad == ChordQuality::augmented) out += "+";
    return out;
}

std::optional<RomanChord> RomanChord::parse(std::string_view text) {
    for (int offset = 0; offset < 12; ++offset)
        for (auto quality : {ChordQuality::major, ChordQuality::minor, ChordQuality::diminished,
                             ChordQuality::augmented}) {
            const RomanChord candidate{offset, quality};
            if (candidate.numeral() == text) return candidate;
        }
    return std::nullopt;
}

Chord RomanChord::to_chord(const Key& key) const { return Chord{pitch_class(key.tonic_pc() + offset), triad, -1}; }

std::vector<RomanChord> diatonic_triads(const Key& key) {
    const auto& iv = mode_intervals(key.mode);
    std::vector<RomanChord> out;
    for (std::size_t d = 0; d < 7; ++d) {
        const int third = pitch_class(iv[(d + 2) % 7] - iv[d]);
        const int fifth = pitch_class(iv[(d + 4) % 7] - iv[d]);
        out.push_back({iv[d], triad_from_intervals(third, fifth)});
    }
    return out;
}

Chord with_seventh(const RomanChord& chord, const Key& key) {
    Chord out = chord.to_chord(key);
    const bool minor_key = key.mode == Mode::minor || key.mode == Mode::harmonic_minor;
    if (minor_key && chord.offset == 7 && chord.triad == ChordQuality::major) {
        out.quality = ChordQuality::dominant7;
        return out;
    }
    const auto degree = scale_degree_of_offset(key, chord.offset);
    if (!degree || diatonic_triads(key)[static_cast<std::size_t>(*degree)] != chord) return out;
    const auto& iv = mode_intervals(key.mode);
    const auto d = static_cast<std::size_t>(*degree);
    const int seventh = pitch_class(iv[(d + 6) % 7] - iv[d]);
    switch (chord.triad) {
        case ChordQuality::major: out.quality = seventh == 11 ? ChordQuality::major7 : ChordQuality::dominant7; break;
        case ChordQuality::minor: if (seventh == 10) out.quality = ChordQuality::minor7; break;
        case ChordQuality::diminished:
            out.quality = seventh == 10 ? ChordQuality::half_diminished7 : ChordQuality::diminished7;
            break;
        default: break;
    }
    return out;
}

// ---- Cadences and progressions ---------------------------------------------------------------

std::string_view cadence_name(CadenceKind kind) {
    switch (kind) {
        case CadenceKind::authentic: return "authentic";
        case CadenceKind::half: return "half";
        case CadenceKind::plagal: return "plagal";
        case CadenceKind::deceptive: return "deceptive";
    }
    return "authentic";
}

namespace {

std::vector<PlannedSection> sections_of(const Plan& plan) {
    if (!plan.sections.empty()) return plan.sections;
    const auto bars = static_cast<int>(plan.length / plan.meter.bar());
    return {PlannedSection{"all", SectionRole::verse, 0, bars, Ticks(0), plan.length, 0.5}};
}

CadenceKind choose_cadence(const Plan& plan, const std::vector<PlannedSection>& sections, std::size_t i,
                           const HarmonyOptions& options, Rng rng) {
    const auto& section = sections[i];
    if (i + 1 == sections.size()) {
        if (plan.ending == Ending::big_finish || plan.ending == Ending::hit) return CadenceKind::authentic;
        return rng.chance(0.8) ? CadenceKind::authentic : CadenceKind::plagal;
    }
    if (section.role == SectionRole::build || lifts_into(section, sections[i + 1])) return CadenceKind::half;
    if (section.role == SectionRole::intro) return rng.chance(0.65) ? CadenceKind::half : CadenceKind::authentic;
    if (rng.chance(options.deceptive_probability))
        return formula_for(plan.key.mode).deceptive_final >= 0 ? CadenceKind::deceptive : CadenceKind::half;
    const std::array<double, 3> weights{0.6, 0.25, 0.15};  // authentic, half, plagal
    switch (rng.weighted(weights)) {
        case 0: return CadenceKind::authentic;
        case 1: return CadenceKind::half;
        default: return CadenceKind::plagal;
    }
}

void check_sections_tile(const Plan& plan, const std::vector<PlannedSection>& sections) {
    Ticks cursor(0);
    for (const auto& s : sections) {
        if (s.start != cursor || s.end <= s.start || s.end - s.start != plan.meter.bar() * s.bar_count)
            throw std::logic_error("write_progression: plan sections must tile [0, length) in whole bars");
        cursor = s.end;
    }
    if (cursor != plan.length) throw std::logic_error("write_progression: sections do not end at plan.length");
}

}  // namespace

std::vector<CadenceKind> plan_cadences(const Plan& plan, const HarmonyOptions& options, const Rng& rng) {
    const auto sections = sections_of(plan);
    std::vector<CadenceKind> out;
    const Rng base = rng.fork("cadence");
    for (std::size_t i = 0; i < sections.size(); ++i)
        out.push_back(choose_cadence(plan, sections, i, options, base.fork(sections[i].name + ":" + std::to_string(i))));
    return out;
}

std::vector<ChordSpan> write_progression(const Plan& plan, const HarmonyOptions& options, Rng rng) {
    const auto sections = sections_of(plan);
    check_sections_tile(plan, sections);
    const Key& key = plan.key;
    const ChordChain chain(key, options);
    const auto cadences = plan_cadences(plan, options, rng);
    std::vector<SectionChords> written;
    std::vector<ChordSpan> out;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const auto& section = sections[i];
        Rng section_rng = rng.fork("harmony:" + section.name + ":" + std::to_string(i));
        const auto slots = section_slots(plan, section, options);
        std::optional<std::size_t> previous;
        if (i > 0) previous = chain.index_of(cadence_final(key, cadences[i - 1]));
        std::optional<std::size_t> source;
        for (std::size_t j = 0; j < i && !source; ++j)
            if (sections[j].name == section.name) source = j;
        const auto indices = source ? recurring_section(chain, written[*source], slots, sections[*source].start,
                                                        section.start, cadences[i], options.variation, section_rng)
                                    : fresh_section(chain, slots, cadences[i], previous, section_rng);
        SectionChords chords{slots, {}, cadences[i]};
        for (auto index : indices) chords.chords.push_back(chain.chord(index));
        // Sevenths: V7 at authentic/deceptive cadences, diatonic sevenths elsewhere by chance.
        const bool cadential_dominant = cadences[i] == CadenceKind::authentic || cadences[i] == CadenceKind::deceptive;
        const std::size_t cadence_size = cadence_penult(key, cadences[i]) && slots.size() >= 2 ? 2 : 1;
        for (std::size_t t = 0; t < slots.size(); ++t) {
            const RomanChord& roman = chords.chords[t];
            Chord chord = roman.to_chord(key);
            const bool penult = t + 2 == slots.size() && cadence_size == 2;
            if (penult && cadential_dominant && options.dominant_seventh_cadence && roman.offset == 7 &&
                roman.triad == ChordQuality::major)
                chord = with_seventh(roman, key);
            else if (t + cadence_size < slots.size() && section_rng.chance(options.seventh_probability))
                chord = with_seventh(roman, key);
            if (!out.empty() && out.back().chord == chord && out.back().end == slots[t].start && t > 0)
                out.back().end = slots[t].end;  // a repeated chord inside a section is one span
            else
                out.push_back({slots[t].start, slots[t].end, chord});
        }
        written.push_back(std::move(chords));
    }
    return out;
}

}  // namespace tunesmith
