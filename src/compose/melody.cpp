// Melody writing: phrase plans per section, motif placement by anchor search, stepwise filler,
// cadence landings, then the rules pass (chord tones on strong beats, leaps, range).
#include "compose/melody.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <optional>
#include <stdexcept>

#include "base/error.h"
#include "compose/harmony.h"
#include "music/pitch.h"

namespace tunesmith {
namespace {

// A melody note while it is being written: a scale degree (absolute: 7 per octave).
struct Draft {
    Ticks start;
    Ticks duration;
    int degree = 0;
    bool landing = false;  // a phrase-end note (long, on a stable degree)
    int phrase = 0;        // notes of one phrase are contiguous; rules do not cross phrases
};

struct SectionContext {
    const Plan& plan;
    const std::vector<ChordSpan>& chords;
    const MelodyOptions& options;
    int degree_lo = 0;  // lowest degree whose pitch is >= options.low
    int degree_hi = 0;  // highest degree whose pitch is <= options.high
};

const Chord& chord_at(const std::vector<ChordSpan>& chords, Ticks t) {
    auto it = std::upper_bound(chords.begin(), chords.end(), t,
                               [](Ticks tick, const ChordSpan& span) { return tick < span.start; });
    if (it != chords.begin()) --it;
    return it->chord;
}

bool starts_chord(const std::vector<ChordSpan>& chords, Ticks t) {
    auto it = std::lower_bound(chords.begin(), chords.end(), t,
                               [](const ChordSpan& span, Ticks tick) { return span.start < tick; });
    return it != chords.end() && it->start == t;
}

// The pitch of a degree over a chord: the scale's note, raised a semitone where the chord holds
// the chromatic leading tone (the harmonic-minor dominant).
int pitch_of(const Key& key, int degree, const Chord& chord) {
    const int p = key.degree_pitch(degree, 0);
    if (!chord.contains(p) && chord.contains(p + 1) && !key.contains(p + 1)) return p + 1;
    return p;
}

bool is_chord_tone(const SectionContext& c, int degree, Ticks t) {
    const Chord& chord = chord_at(c.chords, t);
    return chord.contains(pitch_of(c.plan.key, degree, chord));
}

bool strong_at(const SectionContext& c, Ticks t) {
    return is_strong_position(t % c.plan.meter.bar(), c.plan.meter) || starts_chord(c.chords, t);
}

double energy_at(const Plan& plan, Ticks t, double fallback) {
    const auto bar = static_cast<std::size_t>(t / plan.meter.bar());
    return bar < plan.bar_energy.size() ? plan.bar_energy[bar] : fallback;
}

int sign(int v) { return (v > 0) - (v < 0); }

// Sections are written independently, so the notes on either side of a section boundary are
// both kept within half the largest leap of the range's centre: the leap between them stays legal.
bool near_centre(const SectionContext& c, int degree) {
    const int centre = (c.options.low + c.options.high) / 2;
    return 2 * std::abs(c.plan.key.degree_pitch(degree, 0) - centre) <= c.options.max_leap;
}

// The anchor degree for a motif statement at `at`: strong notes on chord tones, every note in
// range, close to `target`, and no leap beyond max_leap from the previous note.
int choose_anchor(const SectionContext& c, const Motif& motif, Ticks at, std::optional<int> previous, int target) {
    double best_cost = std::numeric_limits<double>::infinity();
    int best = target;
    for (int anchor = c.degree_lo - 4; anchor <= c.degree_hi + 4; ++anchor) {
        double cost = 0.35 * std::abs(anchor - target);
        for (const auto& n : motif.notes) {
            const int degree = anchor + n.step;
            if (degree < c.degree_lo || degree > c.degree_hi) cost += 100.0;
            if (strong_at(c, at + n.offset) && !is_chord_tone(c, degree, at + n.offset)) cost += 10.0;
        }
        if (previous) {
            const int leap = std::abs(c.plan.key.degree_pitch(anchor, 0) - c.plan.key.degree_pitch(*previous, 0));
            if (leap > c.options.max_leap) cost += 100.0;
            if (leap >= 5) cost += 2.0;  // a leap into a statement is hard to recover from
            cost += 0.25 * std::abs(anchor - *previous);
        } else if (!near_centre(c, anchor)) {
            cost += 100.0;  // a section's first note: within half a leap of the centre (see near_centre)
        }
        if (cost < best_cost) best_cost = cost, best = anchor;
    }
    return best;
}

// Places a motif; returns the anchor used. A sequence asks for `forced` (previous anchor +
// step), taken unless it breaks the range or leap limits.
int place_motif(const SectionContext& c, const Motif& motif, Ticks at, Ticks limit, std::optional<int> forced,
                int target, int phrase, std::vector<Draft>& out) {
    const std::optional<int> previous = out.empty() ? std::nullopt : std::optional<int>(out.back().degree);
    int anchor = choose_anchor(c, motif, at, previous, forced.value_or(target));
    if (forced) {
        bool fits = true;
        for (const auto& n : motif.notes) fits = fits && *forced + n.step >= c.degree_lo && *forced + n.step <= c.degree_hi;
        if (fits) anchor = *forced;
    }
    for (const auto& n : motif.notes) {
        if (at + n.offset >= limit) break;
        const Ticks duration = std::min(n.duration, limit - (at + n.offset));
        out.push_back({at + n.offset, duration, anchor + n.step, false, phrase});
    }
    return anchor;
}

// Onsets and durations for free melody in [from, to): notes per beat follow the bar's energy.
std::vector<std::pair<Ticks, Ticks>> filler_rhythm(const SectionContext& c, Ticks from, Ticks to, double fallback_energy,
                                                   Rng& rng) {
    const Meter& meter = c.plan.meter;
    std::vector<std::pair<Ticks, Ticks>> out;
    Ticks t = from;
    while (t < to) {
        const double energy = energy_at(c.plan, t, fallback_energy);
        const double per_beat = std::clamp((0.4 + 1.4 * energy) * c.options.density, 0.25, 2.5);
        const Ticks beat = std::min(meter.beat(), to - t);
        const Ticks two_beats = meter.beat() * 2;
        if (per_beat < 0.75 && t + two_beats <= to && rng.chance(0.75 - per_beat)) {
            out.emplace_back(t, two_beats);
            t += two_beats;
            continue;
        }
        const double split = per_beat < 1.5 ? (per_beat - 0.75) * 0.8 : 0.8;
        if (beat == meter.beat() && rng.chance(split)) {
            if (meter.is_compound()) {
                const Ticks third = beat / 3;
                out.emplace_back(t, third * 2);
                out.emplace_back(t + third * 2, beat - third * 2);
            } else {
                out.emplace_back(t, beat / 2);
                out.emplace_back(t + beat / 2, beat - beat / 2);
            }
        } else {
            out.emplace_back(t, beat);
        }
        t += beat;
    }
    return out;
}

// Free melody: chord tones on strong beats, steps (passing and neighbour tones) between, moving
// in `direction` and turning at the range's edges.
void fill(const SectionContext& c, Ticks from, Ticks to, int direction, double energy, int phrase, Rng& rng,
          std::vector<Draft>& out) {
    int current = out.empty() ? (c.degree_lo + c.degree_hi) / 2 : out.back().degree;
    for (const auto& [start, duration] : filler_rhythm(c, from, to, energy, rng)) {
        if (current + direction > c.degree_hi || current + direction < c.degree_lo) direction = -direction;
        int next = current + direction;
        if (strong_at(c, start)) {
            // The chord tone nearest to one step onward (ties go with the direction of motion).
            int best = next;
            for (int d = 0; d <= 3; ++d) {
                if (is_chord_tone(c, next + direction * d, start)) { best = next + direction * d; break; }
                if (is_chord_tone(c, next - direction * d, start)) { best = next - direction * d; break; }
            }
            next = std::clamp(best, c.degree_lo, c.degree_hi);
        } else if (rng.chance(0.2)) {
            next = current - direction;  // a neighbour tone: turn and come back
            direction = -direction;
        }
        out.push_back({start, duration, next, false, phrase});
        current = next;
    }
}

// The phrase-end note: a stable degree that the chord holds, reached by step where possible.
void land(const SectionContext& c, Ticks at, Ticks end, bool conclusive, bool section_end, int phrase,
          std::vector<Draft>& out) {
    const int previous = out.empty() ? (c.degree_lo + c.degree_hi) / 2 : out.back().degree;
    const std::array<int, 3> conclusive_degrees{0, 2, 4};  // tonic, third, fifth
    const std::array<int, 3> open_degrees{4, 1, 2};        // fifth, second, third
    const auto& preferred = conclusive ? conclusive_degrees : open_degrees;
    double best_cost = std::numeric_limits<double>::infinity();
    int best = previous;
    for (int degree = c.degree_lo; degree <= c.degree_hi; ++degree) {
        if (!is_chord_tone(c, degree, at)) continue;
        if (section_end && !near_centre(c, degree)) continue;
        const int scale_degree = ((degree % 7) + 7) % 7;
        const auto rank = static_cast<double>(std::find(preferred.begin(), preferred.end(), scale_degree) - preferred.begin());
        const double cost = 3.0 * rank + std::abs(degree - previous);
        if (cost < best_cost) best_cost = cost, best = degree;
    }
    // Approach by step: a weak note just before the landing moves next to it.
    if (!out.empty() && out.back().phrase == phrase && std::abs(out.back().degree - best) > 2 &&
        !strong_at(c, out.back().start))
        out.back().degree = best + sign(out.back().degree - best);
    out.push_back({at, end - at, best, true, phrase});
}

struct PhrasePlan {
    Ticks start;
    int bars = 4;
    bool consequent = false;
};

std::vector<PhrasePlan> phrases_of(const PlannedSection& section, int phrase_bars, Ticks bar) {
    std::vector<PhrasePlan> out;
    int first = 0;
    while (first < section.bar_count) {
        int bars = std::min(phrase_bars, section.bar_count - first);
        if (section.bar_count - first - bars == 1) bars += 1;  // no one-bar phrase left dangling
        out.push_back({section.start + bar * first, bars, out.size() % 2 == 1});
        first += bars;
    }
    if (!out.empty()) out.back().consequent = true;  // a section closes with a conclusive phrase
    return out;
}

void write_phrase(const SectionContext& c, const PhrasePlan& phrase, int index, const Motif& statement, double energy,
                  Ticks breath, bool section_last, bool last_in_cue, Rng& rng, std::vector<Draft>& out) {
    const Meter& meter = c.plan.meter;
    const Ticks phrase_end = phrase.start + meter.bar() * phrase.bars;
    // The landing: the last bar's downbeat (the second half of a one-bar phrase).
    const Ticks landing = phrase.bars > 1 ? phrase_end - meter.bar() : phrase.start + meter.bar() / 2;
    const int centre = (c.degree_lo + c.degree_hi) / 2;
    const int target = phrase.consequent ? centre - 1 : centre;
    int anchor = place_motif(c, statement, phrase.start, landing, std::nullopt, target, index, out);
    Ticks cursor = phrase.start + statement.length;
    // Development: a sequence a step away, then fragments or free melody, rising in the
    // antecedent and falling towards the consequent's close.
    const int step = (phrase.consequent ? -1 : 1) * (rng.chance(0.25) ? 2 : 1);
    int k = 1;
    while (cursor + statement.length <= landing) {
        if (k == 1 || rng.chance(0.35)) {
            const Motif& shape = k == 1 ? statement : truncate(statement, (statement.notes.size() + 1) / 2);
            anchor = place_motif(c, shape, cursor, landing, anchor + step, target, index, out);
        } else {
            fill(c, cursor, cursor + statement.length, phrase.consequent ? -1 : 1, energy, index, rng, out);
        }
        cursor += statement.length;
        ++k;
    }
    if (cursor < landing) fill(c, cursor, landing, phrase.consequent ? -1 : 1, energy, index, rng, out);
    const Ticks end = last_in_cue ? phrase_end : std::max(landing + meter.beat(), phrase_end - breath);
    land(c, landing, std::min(end, phrase_end), phrase.consequent, section_last, index, out);
}

// The rules pass: strong beats on chord tones, leaps recovered by step, range and max leap.
void apply_rules(const SectionContext& c, std::vector<Draft>& notes) {
    const Key& key = c.plan.key;
    for (auto& n : notes) {
        if (!strong_at(c, n.start) || is_chord_tone(c, n.degree, n.start)) continue;
        for (int d : {1, -1, 2, -2}) {
            const int degree = n.degree + d;
            if (degree >= c.degree_lo && degree <= c.degree_hi && is_chord_tone(c, degree, n.start)) {
                n.degree = degree;
                break;
            }
        }
    }
    // A leap of a fourth or more is followed by a step back (a third onto a strong beat's chord tone).
    for (std::size_t i = 1; i + 1 < notes.size(); ++i) {
        if (notes[i].phrase != notes[i + 1].phrase || notes[i].phrase != notes[i - 1].phrase) continue;
        if (i + 2 == notes.size()) continue;  // the section's closing note keeps its stable degree
        const int leap = key.degree_pitch(notes[i].degree, 0) - key.degree_pitch(notes[i - 1].degree, 0);
        if (std::abs(leap) < 5) continue;
        const int back = notes[i].degree - notes[i + 1].degree;
        if (sign(back) == sign(leap) && std::abs(back) <= 2) continue;  // already recovered
        const bool strong = strong_at(c, notes[i + 1].start);
        for (int size : {1, 2}) {
            const int degree = notes[i].degree - sign(leap) * size;
            if (degree < c.degree_lo || degree > c.degree_hi) continue;
            if (strong && !is_chord_tone(c, degree, notes[i + 1].start)) continue;
            notes[i + 1].degree = degree;
            break;
        }
    }
    // No leap beyond max_leap: the nearest degree within reach (a chord tone on strong beats).
    auto pitch = [&](std::size_t j, int degree) { return pitch_of(key, degree, chord_at(c.chords, notes[j].start)); };
    for (std::size_t i = 1; i < notes.size(); ++i) {
        const int previous = pitch(i - 1, notes[i - 1].degree);
        if (std::abs(pitch(i, notes[i].degree) - previous) <= c.options.max_leap) continue;
        const bool strong = strong_at(c, notes[i].start);
        for (int distance = 1; distance <= 14; ++distance) {
            const int toward = previous > pitch(i, notes[i].degree) ? 1 : -1;
            const int degree = notes[i].degree + toward * distance;
            if (std::abs(pitch(i, degree) - previous) > c.options.max_leap) continue;
            if (strong && !is_chord_tone(c, degree, notes[i].start)) continue;
            notes[i].degree = std::clamp(degree, c.degree_lo, c.degree_hi);
            break;
        }
    }
}

std::vector<Note> to_notes(const SectionContext& c, const std::vector<Draft>& drafts, double section_energy) {
    std::vector<Note> out;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const Draft& d = drafts[i];
        const Chord& chord = chord_at(c.chords, d.start);
        int pitch = std::clamp(pitch_of(c.plan.key, d.degree, chord), c.options.low, c.options.high);
        Ticks duration = d.duration;
        if (i + 1 < drafts.size()) duration = std::min(duration, drafts[i + 1].start - d.start);
        if (duration <= Ticks(0)) continue;
        const double energy = energy_at(c.plan, d.start, section_energy);
        int velocity = static_cast<int>(60.0 + 40.0 * energy);
        if (strong_at(c, d.start)) velocity += 8;
        if (d.landing) velocity += 4;
        out.push_back({d.start, duration, pitch, std::clamp(velocity, 1, 127)});
    }
    return out;
}

int degree_at_or_above(const Key& key, int pitch) {
    int degree = (pitch / 12 - 1) * 7;
    while (key.degree_pitch(degree, 0) < pitch) ++degree;
    while (key.degree_pitch(degree - 1, 0) >= pitch) --degree;
    return degree;
}

std::size_t first_of_name(const std::vector<PlannedSection>& sections, std::size_t i) {
    for (std::size_t j = 0; j < i; ++j)
        if (sections[j].name == sections[i].name) return j;
    return i;
}

}  // namespace

MelodyOptions MelodyOptions::from_json(const nlohmann::json& json) {
    using namespace options_json;
    const std::string p = "melody";
    reject_unknown(json, p, {"low", "high", "max_leap", "phrase_bars", "density", "silent_below", "rest_beats", "motif"});
    MelodyOptions o;
    o.low = integer(json, p, "low", o.low, 36, 96);
    o.high = integer(json, p, "high", o.high, 48, 108);
    if (o.high - o.low < 12) throw InputError(p + ".high", std::to_string(o.high), "at least an octave above melody.low");
    o.max_leap = integer(json, p, "max_leap", o.max_leap, 5, 19);
    o.phrase_bars = integer(json, p, "phrase_bars", o.phrase_bars, 2, 4);
    if (o.phrase_bars == 3) throw InputError(p + ".phrase_bars", "3", "2 or 4");
    o.density = number(json, p, "density", o.density, 0.25, 2.0);
    o.silent_below = number(json, p, "silent_below", o.silent_below, 0.0, 1.0);
    o.rest_beats = number(json, p, "rest_beats", o.rest_beats, 0.5, 4.0);
    if (json.contains("motif")) o.motif = MotifOptions::from_json(json.at("motif"), p + ".motif");
    return o;
}

Motif melody_motif(const Plan& plan, const MelodyOptions& options, const Rng& rng) {
    return make_motif(plan.meter, options.motif, rng.fork("motif"));
}

std::vector<MotifVariation> section_variations(const Plan& plan, const MelodyOptions& options, const Rng& rng) {
    std::vector<MotifVariation> out;
    bool stated = false;
    for (const auto& section : plan.sections) {
        const bool silent = section.energy < options.silent_below;
        if (!stated && !silent) {
            out.push_back(MotifVariation::original);  // the first melodic section states the motif
            stated = true;
            continue;
        }
        // One choice per section name, so a recurring section develops the motif the same way.
        Rng choice = rng.fork("variation:" + section.name);
        using V = MotifVariation;
        const std::array<V, 7> kinds{V::original, V::inversion, V::augmentation, V::diminution, V::rhythm,
                                     V::ornament, V::truncation};
        std::array<double, 7> weights{0.2, 0.25, 0.0, 0.0, 0.3, 0.25, 0.0};
        if (section.energy < 0.35) weights = {0.25, 0.25, 0.35, 0.0, 0.0, 0.0, 0.15};
        if (section.energy > 0.7) weights = {0.25, 0.1, 0.0, 0.3, 0.2, 0.25, 0.0};
        out.push_back(kinds[choice.weighted(weights)]);
    }
    return out;
}

std::vector<Note> write_melody(const Plan& plan, const std::vector<ChordSpan>& chords, const MelodyOptions& options,
                               Rng rng) {
    if (chords.empty() || plan.sections.empty()) return {};
    SectionContext c{plan, chords, options};
    c.degree_lo = degree_at_or_above(plan.key, options.low);
    c.degree_hi = degree_at_or_above(plan.key, options.high + 1) - 1;
    const Motif motif = melody_motif(plan, options, rng);
    const auto variations = section_variations(plan, options, rng);
    const Ticks breath = Ticks(static_cast<std::int64_t>(options.rest_beats * static_cast<double>(plan.meter.beat().value)));
    std::vector<Note> out;
    for (std::size_t i = 0; i < plan.sections.size(); ++i) {
        const auto& section = plan.sections[i];
        if (section.energy < options.silent_below) continue;
        // A recurring section reuses its first statement's stream, so its melody returns.
        const std::size_t first = first_of_name(plan.sections, i);
        Rng section_rng = rng.fork("melody:" + section.name + ":" + std::to_string(first));
        Rng variation_rng = section_rng.fork("variation");
        const Motif varied = apply_variation(motif, variations[i], plan.meter, variation_rng);
        std::vector<Draft> drafts;
        const auto phrases = phrases_of(section, options.phrase_bars, plan.meter.bar());
        for (std::size_t p = 0; p < phrases.size(); ++p) {
            // Consequents restate the motif's intervals; antecedents carry the section's variation.
            const bool restate = phrases[p].consequent && !keeps_intervals(variations[i]);
            const Motif& statement = restate ? motif : varied;
            const bool last_in_cue = i + 1 == plan.sections.size() && p + 1 == phrases.size();
            write_phrase(c, phrases[p], static_cast<int>(p), statement, section.energy, breath, p + 1 == phrases.size(),
                         last_in_cue, section_rng, drafts);
        }
        apply_rules(c, drafts);
        const auto notes = to_notes(c, drafts, section.energy);
        out.insert(out.end(), notes.begin(), notes.end());
    }
    return out;
}

void rest_under_dialogue(std::vector<Note>& melody, const std::vector<TickRange>& dialogue, Ticks shortest) {
    for (const TickRange& r : dialogue)
        for (Note& n : melody)
            if (n.start < r.start && n.end() > r.start) n.duration = r.start - n.start;
    std::erase_if(melody, [&](const Note& n) {
        return n.duration < shortest || in_ranges(dialogue, n.start);
    });
}

}  // namespace tunesmith
