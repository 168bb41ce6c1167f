// Solo and chamber parts: the choice of who plays the tune, and the notes of each part written for
// one player (a line with double stops, a tune over its own left hand, a bass line, a counter-line).
#include "compose/soloists.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "compose/bass.h"
#include "compose/comping.h"
#include "spec/voices.h"

namespace tunesmith {
namespace {

constexpr Ticks kGap{20};  // released a little before the next note, as a player lifts the bow or hand

// A line player sounds one or two notes (a bowed string's double stop); keyboards, guitars and
// harps have a hand for the tune and one for the harmony.
constexpr int kHandsFrom = 4;

bool line_player(int polyphony) { return polyphony < kHandsFrom; }

void add(std::vector<Note>& out, Ticks start, Ticks length, int pitch, int velocity, Ticks limit) {
    const Ticks end = std::min(start + length, limit);
    if (start >= limit || end <= start) return;
    out.push_back(Note{start, end - start, std::clamp(pitch, 0, 127), std::clamp(velocity, 1, 127)});
}

// The whole-octave shift that puts most of the tune inside [low, high], nearest its middle.
int octave_shift(const std::vector<Note>& melody, int low, int high) {
    if (melody.empty()) return 0;
    double mean = 0.0;
    for (const auto& n : melody) mean += n.pitch;
    mean /= static_cast<double>(melody.size());
    const double centre = (low + high) / 2.0;
    int best = 0;
    auto cost = [&](int shift) {
        const auto outside = std::count_if(melody.begin(), melody.end(), [&](const Note& n) {
            return n.pitch + shift < low || n.pitch + shift > high;
        });
        return std::make_tuple(outside, std::abs(mean + shift - centre));
    };
    for (int shift = -48; shift <= 48; shift += 12)
        if (cost(shift) < cost(best)) best = shift;
    return best;
}

// Where a keyboard, guitar or harp alone splits its hands: the tune from middle C up when the
// instrument has two octaves and a half, else no split (the harmony sits under the tune).
int hand_split(int low, int high) { return high - low >= 30 ? std::clamp(60, low + 12, high - 19) : low; }

double double_stop_chance(EnergyTier tier, bool alone) {
    static constexpr double kAlone[3]{0.35, 0.5, 0.65};
    static constexpr double kAccompanied[3]{0.1, 0.2, 0.3};
    return (alone ? kAlone : kAccompanied)[static_cast<std::size_t>(tier)];
}

// A chord tone a third to a sixth under `pitch` (the widest that fits), or -1.
int tone_below(const Chord& chord, int pitch, int low) {
    for (int interval = 9; interval >= 3; --interval) {
        const int p = pitch - interval;
        if (p >= low && chord.contains(((p % 12) + 12) % 12)) return p;
    }
    return -1;
}

// The tune in [low, high]: long notes on a chord change or a downbeat now and then take a chord
// tone under them (a double stop; added thirds and sixths for a keyboard).
void write_tune(const std::vector<ChordSpan>& chords, const std::vector<Note>& melody, const SoloRequest& r,
                int low, int high, bool alone, Rng& rng, std::vector<Note>& out) {
    const int shift = octave_shift(melody, low, high);
    const double chance = r.polyphony > 1 ? double_stop_chance(r.tier, alone) : 0.0;
    for (const auto& m : melody) {
        if (m.start < r.start || m.start >= r.end) continue;
        Note n = m;
        n.pitch += shift;
        while (n.pitch < low) n.pitch += 12;
        while (n.pitch > high) n.pitch -= 12;
        n.duration = std::min(n.duration, r.end - n.start);
        out.push_back(n);
        const ChordSpan* span = chord_at(chords, n.start);
        const bool accented = span != nullptr && (span->start == n.start || (n.start - r.start) % r.meter.bar() == Ticks(0));
        if (!accented || n.duration < r.meter.beat() || !span->chord.contains(n.pitch % 12) || !rng.chance(chance))
            continue;
        if (const int below = tone_below(span->chord, n.pitch, low); below >= 0)
            out.push_back(Note{n.start, n.duration, below, std::max(1, n.velocity - 12)});
    }
}

// A line player's harmony where the tune rests for two beats or more: the chord arpeggiated
// upwards from its root in the lower part of the register (the way a solo cello or flute implies it).
void fill_rests(const std::vector<ChordSpan>& chords, const SoloRequest& r, int low, int high,
                std::vector<Note>& out) {
    std::vector<Note> tune = out;
    std::sort(tune.begin(), tune.end(), [](const Note& a, const Note& b) { return a.start < b.start; });
    const Ticks beat = r.meter.beat();
    const Ticks step = r.tier == EnergyTier::high ? beat / 2 : beat;
    const int floor = low + (high - low) / 5;
    Ticks from = r.start;
    auto fill = [&](Ticks gap_start, Ticks gap_end) {
        if (gap_end - gap_start < beat * 2) return;
        Ticks t = r.start + beat * (((gap_start - r.start).value + beat.value - 1) / beat.value);
        int index = 0;
        const ChordSpan* current = nullptr;
        for (; t + step <= gap_end; t += step) {
            const ChordSpan* span = chord_at(chords, t);
            if (span == nullptr) continue;
            if (span != current) current = span, index = 0;
            const auto intervals = span->chord.intervals();
            const int root = pitch_near(span->chord.root, floor, low, high);
            const int octave = index / static_cast<int>(intervals.size());
            int pitch = root + intervals[static_cast<std::size_t>(index) % intervals.size()] + 12 * octave;
            if (pitch > high) pitch = root, index = 0;
            // Two notes ring together only where the instrument has two (a cello's open strings).
            const Ticks length = step * (r.polyphony > 1 ? 2 : 1) - kGap;
            add(out, t, length, pitch, t == span->start ? 70 : 60, gap_end);
            ++index;
        }
    };
    for (const auto& n : tune) {
        if (n.start > from) fill(from, n.start);
        from = std::max(from, n.end());
    }
    fill(from, r.end);
}

// Bass notes and broken chords in [low, high]: the root on each chord change, then the chord's
// other tones above it in turn (held chords at low energy, quarters, then eighths).
void write_hand(const std::vector<ChordSpan>& chords, const SoloRequest& r, int low, int high, int notes,
                std::vector<Note>& out) {
    const Ticks beat = r.meter.beat();
    for (const auto& span : chords_in(chords, r.start, r.end)) {
        const int bass = pitch_near(span.chord.bass_pc(), low + 5, low, std::min(high, low + 14));
        std::vector<int> upper;
        for (int pc : span.chord.pitch_classes()) {
            int p = bass + ((pc - bass % 12) % 12 + 12) % 12;
            if (p == bass) p += 12;
            if (p <= high) upper.push_back(p);
        }
        std::sort(upper.begin(), upper.end());
        if (upper.size() > static_cast<std::size_t>(notes - 1)) upper.resize(static_cast<std::size_t>(notes - 1));
        add(out, span.start, span.end - span.start - kGap, bass, 74, span.end);
        if (upper.empty()) continue;
        if (r.tier == EnergyTier::low) {
            for (int p : upper) add(out, span.start + beat, span.end - span.start - beat - kGap, p, 58, span.end);
            continue;
        }
        // The bass is held under the figure (the pedal or the open string carries it).
        const Ticks step = r.tier == EnergyTier::high ? beat / 2 : beat;
        static constexpr std::size_t kOrder[4]{0, 1, 2, 1};
        Ticks t = r.start + step * ((span.start - r.start).value / step.value + 1);
        for (std::size_t i = 0; t < span.end; t += step, ++i) {
            const bool downbeat = (t - r.start) % r.meter.bar() == Ticks(0);
            add(out, t, step * 2 - kGap, upper[kOrder[i % 4] % upper.size()], downbeat ? 68 : 60, span.end);
        }
    }
}

}  // namespace

std::vector<Soloist> plan_soloists(const CueSpec& spec, const Style& style) {
    if (!played_by_soloists(spec.instruments)) return {};
    std::vector<Soloist> players;
    std::vector<InstrumentInfo> registers;
    for (const auto& g : sounding_groups(spec.instruments)) {
        players.push_back(Soloist{g, player_polyphony(spec.instruments, g)});
        registers.push_back(cue_instrument(style, spec.instruments, g));
    }
    if (players.size() == 1) {
        players[0].part = line_player(players[0].polyphony) ? SoloPart::unaccompanied_melody
                                                            : SoloPart::melody_over_accompaniment;
        return players;
    }
    std::size_t lead = 0;
    auto rank = [&](std::size_t i) { return std::make_tuple(line_player(players[i].polyphony), registers[i].high); };
    for (std::size_t i = 1; i < players.size(); ++i)
        if (rank(i) > rank(lead)) lead = i;
    players[lead].part = SoloPart::melody;
    const bool accompanied = std::any_of(players.begin(), players.end(), [&](const Soloist& s) {
        return &s != &players[lead] && !line_player(s.polyphony);
    });
    std::size_t bass = players.size();
    for (std::size_t i = 0; i < players.size(); ++i) {
        if (i == lead) continue;
        if (!line_player(players[i].polyphony)) players[i].part = SoloPart::accompaniment;
        else if (bass == players.size() || registers[i].low < registers[bass].low) bass = i;
    }
    for (std::size_t i = 0; i < players.size(); ++i)
        if (i != lead && line_player(players[i].polyphony))
            players[i].part = !accompanied && i == bass ? SoloPart::bass_line : SoloPart::counter_line;
    return players;
}

std::vector<Note> soloist_notes(const std::vector<ChordSpan>& chords, const std::vector<Note>& melody,
                                const SoloRequest& r, Rng rng) {
    std::vector<Note> out;
    switch (r.part) {
        case SoloPart::unaccompanied_melody:
            write_tune(chords, melody, r, r.low, r.high, true, rng, out);
            fill_rests(chords, r, r.low, r.high, out);
            break;
        case SoloPart::melody_over_accompaniment: {
            const int split = hand_split(r.low, r.high);
            // The tune in the two octaves over the hand, not at the top of the keyboard.
            write_tune(chords, melody, r, split, std::min(r.high, split + 24), true, rng, out);
            write_hand(chords, r, r.low, split > r.low ? split - 1 : r.high, std::min(r.polyphony, 4), out);
            break;
        }
        case SoloPart::melody: write_tune(chords, melody, r, r.low, r.high, false, rng, out); break;
        case SoloPart::accompaniment:
            write_hand(chords, r, r.low, std::min(r.high, r.low + 36), std::min(r.polyphony, 4), out);
            break;
        case SoloPart::bass_line: {
            static constexpr const char* kPattern[3]{"sustain", "roots", "root_fifth"};
            const BassRequest request{r.start, r.end, r.meter, r.key, kPattern[static_cast<std::size_t>(r.tier)],
                                      r.low, std::min(r.high, r.low + 19)};
            out = write_bass(chords, request, rng);
            break;
        }
        case SoloPart::counter_line: {
            const PartRequest request{r.start, r.end, r.meter, r.key, PartRole::counter, "",
                                      r.tier == EnergyTier::low ? Rate::whole : Rate::half, r.low, r.high, 1};
            out = write_part(chords, request, rng);
            break;
        }
    }
    std::sort(out.begin(), out.end(), [](const Note& a, const Note& b) {
        return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
    });
    return out;
}

std::vector<Note> player_chord(const Chord& chord, Ticks start, Ticks end, int low, int high, int polyphony,
                               int velocity) {
    if (polyphony >= 3) return held_chord(chord, start, end, low, high, std::min(polyphony, 4), velocity);
    std::vector<Note> out;
    const int root = pitch_near(chord.root, low + (high - low) / 4, low, high);
    add(out, start, end - start, root, velocity, end);
    if (polyphony == 2) {
        const int above = chord.contains((chord.root + 7) % 12) ? 7 : chord.intervals().at(1);
        if (root + above <= high) add(out, start, end - start, root + above, velocity - 6, end);
    }
    return out;
}

void limit_polyphony(std::vector<Note>& notes, int polyphony) {
    std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
        return a.start != b.start ? a.start < b.start : a.pitch > b.pitch;
    });
    std::vector<Note> kept;
    std::vector<std::size_t> sounding;  // indices into kept
    for (const Note& n : notes) {
        std::erase_if(sounding, [&](std::size_t k) { return kept[k].end() <= n.start; });
        // Release the earliest held notes that began before this one.
        std::sort(sounding.begin(), sounding.end(), [&](std::size_t a, std::size_t b) { return kept[a].start < kept[b].start; });
        while (static_cast<int>(sounding.size()) >= polyphony && kept[sounding.front()].start < n.start) {
            kept[sounding.front()].duration = n.start - kept[sounding.front()].start;
            sounding.erase(sounding.begin());
        }
        if (static_cast<int>(sounding.size()) < polyphony) {
            sounding.push_back(kept.size());
            kept.push_back(n);
        } else {
            Note& with = kept[sounding.back()];
            with.velocity = std::max(with.velocity, n.velocity);
        }
    }
    notes = std::move(kept);
}

Arrangement arrange_soloists(Arrangement arrangement, const std::vector<Soloist>& soloists) {
    for (auto& tier : arrangement.layers) {
        tier.clear();
        for (const auto& s : soloists) {
            Layer layer;
            layer.group = s.group;
            layer.role = s.part == SoloPart::accompaniment ? PartRole::comp
                         : s.part == SoloPart::bass_line   ? PartRole::bass
                         : s.part == SoloPart::counter_line ? PartRole::counter
                                                            : PartRole::lead;
            tier.push_back(layer);
        }
    }
    for (const auto& s : soloists)
        if (s.part != SoloPart::accompaniment && s.part != SoloPart::bass_line && s.part != SoloPart::counter_line)
            arrangement.lead = arrangement.soft_lead = s.group;
    return arrangement;
}

}  // namespace tunesmith
