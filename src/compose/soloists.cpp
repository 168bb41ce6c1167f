// Solo and chamber parts: the choice of who plays the tune, and the notes of each part written for
// one player (a line with double stops, a tune over its own left hand, a bass line, a counter-line).
#include "compose/soloists.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>
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

// The chord's tones from `from` up to `high`, lowest first, at most `count`.
std::vector<int> chord_tones_from(const Chord& chord, int from, int high, int count) {
    std::vector<int> tones;
    for (int pc : chord.pitch_classes()) {
        const int p = from + ((pc - from % 12) % 12 + 12) % 12;
        if (p <= high) tones.push_back(p);
    }
    std::sort(tones.begin(), tones.end());
    if (tones.size() > static_cast<std::size_t>(std::max(count, 0))) tones.resize(static_cast<std::size_t>(std::max(count, 0)));
    return tones;
}

// Bass notes from `low` and broken chords up to `high`: the root on each chord change, then the
// chord's other tones in turn (held chords at low energy, quarters, then eighths), right above the
// bass or, with `chords_from`, from there up (above or around another player's tune). With no
// bass (`with_bass` false) the figure starts on the change.
void write_hand(const std::vector<ChordSpan>& chords, const SoloRequest& r, int low, int high, int notes,
                bool with_bass, std::vector<Note>& out) {
    const Ticks beat = r.meter.beat();
    const int bass_high = r.chords_from > low ? std::min(high, r.chords_from - 1) : high;
    for (const auto& span : chords_in(chords, r.start, r.end)) {
        const int bass = pitch_near(span.chord.bass_pc(), low + 5, low, std::min(bass_high, low + 14));
        const int from = with_bass ? std::max(bass + 1, r.chords_from) : low;
        const std::vector<int> upper = chord_tones_from(span.chord, from, high, with_bass ? notes - 1 : notes);
        if (with_bass) add(out, span.start, span.end - span.start - kGap, bass, 74, span.end);
        if (upper.empty()) continue;
        const Ticks enter = with_bass ? beat : Ticks(0);
        if (r.tier == EnergyTier::low) {
            for (int p : upper) add(out, span.start + enter, span.end - span.start - enter - kGap, p, 58, span.end);
            continue;
        }
        // The bass is held under the figure (the pedal or the open string carries it).
        const Ticks step = r.tier == EnergyTier::high ? beat / 2 : beat;
        static constexpr std::size_t kOrder[4]{0, 1, 2, 1};
        Ticks t = r.start + step * ((span.start - r.start).value / step.value + (with_bass ? 1 : 0));
        if (!with_bass && t < span.start) t += step;
        for (std::size_t i = 0; t < span.end; t += step, ++i) {
            const bool downbeat = (t - r.start) % r.meter.bar() == Ticks(0);
            add(out, t, step * 2 - kGap, upper[kOrder[i % 4] % upper.size()], downbeat ? 68 : 60, span.end);
        }
    }
}

// A guitar's strummed accompaniment: the bass on each chord change, then the chord strummed across
// the strings on every beat (a down stroke, low string first), at high energy with a lighter up
// stroke on the off-beats (the top strings, high string first).
void write_strum(const std::vector<ChordSpan>& chords, const SoloRequest& r, int notes, std::vector<Note>& out) {
    constexpr Ticks kStrumDelay{18};  // per string, about 10 ms at 100 bpm: a hand, not a machine
    const Ticks beat = r.meter.beat();
    const int bass_high = r.chords_from > r.low ? r.chords_from - 1 : r.high;
    for (const auto& span : chords_in(chords, r.start, r.end)) {
        const int bass = pitch_near(span.chord.bass_pc(), r.low + 5, r.low, std::min(bass_high, r.low + 14));
        add(out, span.start, span.end - span.start - kGap, bass, 76, span.end);
        const auto upper = chord_tones_from(span.chord, std::max(bass + 1, r.chords_from), r.high, notes - 1);
        if (upper.empty()) continue;
        const Ticks step = r.tier == EnergyTier::high ? beat / 2 : beat;
        Ticks t = r.start + step * ((span.start - r.start).value / step.value);
        if (t < span.start) t += step;
        for (; t < span.end; t += step) {
            const bool down = (t - r.start) % beat == Ticks(0);
            const bool downbeat = (t - r.start) % r.meter.bar() == Ticks(0);
            const std::size_t first = down ? 0 : upper.size() - std::min<std::size_t>(3, upper.size());
            for (std::size_t k = first; k < upper.size(); ++k) {
                const std::size_t order = down ? k - first : upper.size() - 1 - k;
                add(out, t + kStrumDelay * static_cast<std::int64_t>(order), step - kGap, upper[k],
                    down ? (downbeat ? 74 : 66) : 54, span.end);
            }
        }
    }
}

// An inner part of an ensemble: a line that mostly holds its own chord tone (`tone`: the third, the
// fifth, or the root), for the upper part the chord's seventh too, so that together with the bass
// and the tune the chord is whole (a minor chord's third is heard); the nearest such tone, a note
// seldom held for more than two steps. Whole notes at low energy, halves, quarters at high.
void write_inner(const std::vector<ChordSpan>& chords, const SoloRequest& r, int tone, Rng& rng, std::vector<Note>& out) {
    static constexpr Rate kRate[3]{Rate::whole, Rate::half, Rate::quarter};
    const Ticks step = rate_ticks(kRate[static_cast<std::size_t>(r.tier)]);
    int previous = (r.low + r.high) / 2;
    int held = 0;
    for (const auto& span : chords_in(chords, r.start, r.end)) {
        const auto intervals = span.chord.intervals();
        for (Ticks t = span.start; t < span.end; t += step) {
            int best = -1;
            int best_cost = 1 << 20;
            for (std::size_t k = 0; k < intervals.size(); ++k) {
                const int pc = (span.chord.root + intervals[k]) % 12;
                const int p = pitch_near(pc, previous, r.low, r.high);
                const bool own = static_cast<int>(k) == tone || (tone == 1 && k == 3);
                const int cost = (own ? 0 : 6) + std::min(std::abs(p - previous), 9) + (p == previous && held >= 2 ? 8 : 0) +
                                 rng.range(0, 2);
                if (cost < best_cost) best = p, best_cost = cost;
            }
            held = best == previous ? held + 1 : 1;
            add(out, t, step - kGap, best, 72, span.end);
            previous = best;
        }
    }
}

// Where the tune sits when moved into [low, high] the way write_tune moves it: its 10th and 90th
// percentile pitches (a rare high or low note does not widen the band).
std::pair<int, int> tune_band(const std::vector<Note>& melody, int low, int high) {
    if (melody.empty()) return {low + (high - low) / 3, high};
    const int shift = octave_shift(melody, low, high);
    std::vector<int> pitches;
    for (const auto& n : melody) {
        int p = n.pitch + shift;
        while (p < low) p += 12;
        while (p > high) p -= 12;
        pitches.push_back(p);
    }
    std::sort(pitches.begin(), pitches.end());
    return {pitches[pitches.size() / 10], pitches[pitches.size() - 1 - pitches.size() / 10]};
}

// A line player this low can carry the bass under a keyboard: a cello, bassoon, trombone, horn,
// tuba, baritone sax (a viola or clarinet leaves the bass to the keyboard).
constexpr int kBassReach = 45;
// The narrowest band a part is given: room for a line to move between chord tones.
constexpr int kNarrowestBand = 10;

// [low, high] of at least `width` semitones around the middle of [low, high], kept inside
// [floor, ceiling] where that is wide enough.
std::pair<int, int> widened(int low, int high, int width, int floor, int ceiling) {
    if (high - low < width) {
        const int middle = (low + high) / 2;
        low = middle - width / 2;
        high = low + width;
    }
    if (ceiling - floor >= width) {
        if (low < floor) high += floor - low, low = floor;
        if (high > ceiling) low -= high - ceiling, high = ceiling;
    }
    return {std::max(low, floor), std::min(high, ceiling)};
}

// The registers of an ensemble's parts around the tune's band [tune_low, tune_high].
void place_parts(std::vector<Soloist>& players, const std::vector<InstrumentInfo>& instruments, int tune_low,
                 int tune_high) {
    int floor = 0;  // the top of the bass, whoever plays it
    for (std::size_t i = 0; i < players.size(); ++i) {
        Soloist& s = players[i];
        const InstrumentInfo& info = instruments[i];
        s.low = info.low;
        s.high = info.high;
        if (s.part == SoloPart::bass_line) {
            s.high = std::min(info.high, std::clamp(tune_low - 2, info.low + 12, info.low + 19));
            floor = std::max(floor, s.high);
        } else if (s.part == SoloPart::accompaniment) {
            // The bass under the tune; the chords above a low tune ("piano and cello"), else between.
            const int bass_top = std::clamp(tune_low - 3, info.low + 7, info.low + 14);
            floor = std::max(floor, bass_top);
            if (tune_high + 14 <= info.high && tune_low < 60) {
                s.chords_from = tune_high + 1;
                s.high = std::min(info.high, s.chords_from + 17);
            } else {
                s.chords_from = std::max(bass_top + 1, tune_low - 14);
                s.high = std::max(s.chords_from + kNarrowestBand, tune_low - 1);
            }
        }
    }
    // Harmony and counter-lines share the space between the bass and the tune, the higher
    // instrument (then the earlier player) in the higher band.
    std::vector<std::size_t> middle;
    for (std::size_t i = 0; i < players.size(); ++i)
        if (players[i].part == SoloPart::harmony || players[i].part == SoloPart::counter_line) middle.push_back(i);
    std::stable_sort(middle.begin(), middle.end(), [&](std::size_t a, std::size_t b) {
        return instruments[a].low + instruments[a].high > instruments[b].low + instruments[b].high;
    });
    const int bottom = floor > 0 ? floor + 1 : tune_low - 12 * static_cast<int>(middle.size());
    const int top = std::max(tune_low - 1, bottom + 12);
    const double slot = static_cast<double>(top - bottom) / static_cast<double>(std::max<std::size_t>(middle.size(), 1));
    int inner = 0;
    for (std::size_t k = 0; k < middle.size(); ++k) {
        Soloist& s = players[middle[k]];
        const InstrumentInfo& info = instruments[middle[k]];
        const int high = top - static_cast<int>(slot * static_cast<double>(k));
        const int low = top - static_cast<int>(slot * static_cast<double>(k + 1));
        std::tie(s.low, s.high) = widened(low, high, kNarrowestBand, info.low, info.high);
        // Inner parts take the third and fifth (top down); a fourth inner part doubles the root.
        if (s.part == SoloPart::counter_line) s.tone = inner % 3 == 2 ? 0 : inner % 3 + 1, ++inner;
    }
}

// The one wind or brass player among two or more strings, whom the strings accompany (the
// clarinet of a clarinet quintet, the flute of a flute quartet), as chamber music writes it;
// players.size() when there is none.
std::size_t featured_wind(const std::vector<Soloist>& players) {
    std::size_t wind = players.size();
    std::size_t strings = 0;
    for (std::size_t i = 0; i < players.size(); ++i) {
        const std::string& group = players[i].player.group;
        if (group == "woodwinds" || group == "brass") {
            if (wind < players.size()) return players.size();
            wind = i;
        } else if (group == "strings") {
            ++strings;
        }
    }
    return strings >= 2 ? wind : players.size();
}

}  // namespace

std::vector<Soloist> plan_soloists(const CueSpec& spec, const Style& style, const std::vector<Note>& melody) {
    if (!played_by_soloists(spec.instruments)) return {};
    std::vector<Soloist> players;
    std::vector<InstrumentInfo> instruments;
    for (const Player& p : cue_players(spec.instruments)) {
        instruments.push_back(player_instrument(style, p));
        players.push_back(Soloist{p, SoloPart::unaccompanied_melody, instruments.back().low, instruments.back().high});
    }
    auto line = [&](std::size_t i) { return line_player(players[i].player.polyphony); };
    if (players.size() == 1) {
        players[0].part = line(0) ? SoloPart::unaccompanied_melody : SoloPart::melody_over_accompaniment;
        return players;
    }
    std::size_t lead = featured_wind(players);
    if (lead == players.size() || !line(lead)) {
        lead = 0;
        auto rank = [&](std::size_t i) { return std::make_tuple(line(i), instruments[i].high); };
        for (std::size_t i = 1; i < players.size(); ++i)
            if (rank(i) > rank(lead)) lead = i;
    }
    players[lead].part = SoloPart::melody;
    std::size_t bass = players.size();
    bool keyboard = false;
    for (std::size_t i = 0; i < players.size(); ++i) {
        if (i == lead) continue;
        if (!line(i)) keyboard = true;
        else if (bass == players.size() || instruments[i].low < instruments[bass].low) bass = i;
    }
    const bool line_bass = bass < players.size() && (!keyboard || instruments[bass].low <= kBassReach);
    bool accompanying = false;
    for (std::size_t i = 0; i < players.size(); ++i) {
        if (i == lead) continue;
        if (!line(i)) {
            players[i].part = line_bass || accompanying ? SoloPart::harmony : SoloPart::accompaniment;
            accompanying = true;
        } else {
            players[i].part = line_bass && i == bass ? SoloPart::bass_line : SoloPart::counter_line;
        }
    }
    // Several more of the tune's own instrument ("four horns") need room under it in the same
    // register: the tune keeps to the instrument's top two octaves.
    const auto same = std::count_if(players.begin(), players.end(), [&](const Soloist& s) {
        return s.player.voice == players[lead].player.voice && !s.player.voice.empty();
    });
    if (same >= 3) instruments[lead].low = std::max(instruments[lead].low, instruments[lead].high - 24);
    const auto [tune_low, tune_high] = tune_band(melody, instruments[lead].low, instruments[lead].high);
    place_parts(players, instruments, tune_low, tune_high);
    return players;
}

std::vector<Note> soloist_notes(const std::vector<ChordSpan>& chords, const std::vector<Note>& melody,
                                const SoloRequest& r, Rng rng) {
    std::vector<Note> out;
    const int hand = std::min(r.polyphony, 4);
    switch (r.part) {
        case SoloPart::unaccompanied_melody:
            write_tune(chords, melody, r, r.low, r.high, true, rng, out);
            fill_rests(chords, r, r.low, r.high, out);
            break;
        case SoloPart::melody_over_accompaniment: {
            const int split = hand_split(r.low, r.high);
            // The tune in the two octaves over the hand, not at the top of the keyboard.
            write_tune(chords, melody, r, split, std::min(r.high, split + 24), true, rng, out);
            write_hand(chords, r, r.low, split > r.low ? split - 1 : r.high, hand, true, out);
            break;
        }
        case SoloPart::melody: write_tune(chords, melody, r, r.low, r.high, false, rng, out); break;
        case SoloPart::accompaniment:
            if (r.strum) write_strum(chords, r, std::min(r.polyphony, 6), out);
            else write_hand(chords, r, r.low, r.chords_from > 0 ? r.high : std::min(r.high, r.low + 36), hand, true, out);
            break;
        case SoloPart::harmony: write_hand(chords, r, r.low, r.high, std::min(hand, 3), false, out); break;
        case SoloPart::bass_line: {
            static constexpr const char* kPattern[3]{"sustain", "roots", "root_fifth"};
            const BassRequest request{r.start, r.end, r.meter, r.key, kPattern[static_cast<std::size_t>(r.tier)],
                                      r.low, std::min(r.high, r.low + 19)};
            out = write_bass(chords, request, rng);
            break;
        }
        case SoloPart::counter_line: write_inner(chords, r, r.tone, rng, out); break;
    }
    std::sort(out.begin(), out.end(), [](const Note& a, const Note& b) {
        return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
    });
    return out;
}

namespace {

// Two notes sound together: they overlap by more than a 32nd note (a legato join is not).
bool sound_together(const Note& a, const Note& b) {
    return std::min(a.end(), b.end()) - std::max(a.start, b.start) > Ticks(kTicksPerQuarter / 8);
}

// The lowest pitch of `above` sounding with `n`, or 128.
int ceiling_over(const Note& n, const std::vector<Note>& above) {
    int ceiling = 128;
    for (const auto& a : above)
        if (sound_together(a, n)) ceiling = std::min(ceiling, a.pitch);
    return ceiling;
}

void keep_below(std::vector<Note>& notes, const std::vector<Note>& above, const std::vector<ChordSpan>& chords, int low) {
    std::erase_if(notes, [&](Note& n) {
        const int ceiling = ceiling_over(n, above);
        if (n.pitch < ceiling) return false;
        const ChordSpan* span = chord_at(chords, n.start);
        for (int p = ceiling - 1; p >= low; --p)
            if (span == nullptr ? (ceiling - p) % 12 == 0 : span->chord.contains(p % 12)) {
                n.pitch = p;
                return false;
            }
        return true;
    });
}

}  // namespace

void keep_parts_below(const std::vector<Soloist>& soloists, const std::vector<ChordSpan>& chords,
                      std::vector<std::vector<Note>>& parts) {
    const auto lead = std::find_if(soloists.begin(), soloists.end(), [](const Soloist& s) { return s.part == SoloPart::melody; });
    if (lead == soloists.end()) return;
    const std::vector<Note>& tune = parts[static_cast<std::size_t>(lead - soloists.begin())];
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < soloists.size(); ++i)
        if (soloists[i].part == SoloPart::counter_line || soloists[i].part == SoloPart::harmony ||
            soloists[i].part == SoloPart::bass_line)
            order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return soloists[a].high > soloists[b].high; });
    std::vector<Note> above = tune;
    for (std::size_t i : order) {
        keep_below(parts[i], soloists[i].part == SoloPart::harmony ? tune : above, chords, soloists[i].low);
        if (soloists[i].part == SoloPart::counter_line) above.insert(above.end(), parts[i].begin(), parts[i].end());
    }
    // A keyboard's chords leave out a tone a line player is sounding: no unison doubling.
    for (std::size_t i = 0; i < soloists.size(); ++i)
        if (soloists[i].part == SoloPart::harmony || soloists[i].part == SoloPart::accompaniment)
            std::erase_if(parts[i], [&](const Note& n) {
                return std::any_of(above.begin(), above.end(), [&](const Note& a) { return a.pitch == n.pitch && sound_together(a, n); });
            });
}

bool strums(const Soloist& soloist, const Style& style, EnergyTier tier) {
    if (soloist.part != SoloPart::accompaniment || soloist.player.group != "guitar" || tier == EnergyTier::low)
        return false;
    for (std::string_view plucked : {"harp", "dulcimer", "koto", "sitar", "shamisen"})
        if (soloist.player.voice == plucked) return false;
    const auto& layers = style.layers[static_cast<std::size_t>(tier)];
    return tier == EnergyTier::high || std::any_of(layers.begin(), layers.end(), [](const Layer& l) {
               return l.group == "guitar" && l.pattern == "strum";
           });
}

std::vector<Note> tutti_notes(const Soloist& s, bool alone, const Chord& chord, Ticks start, Ticks end,
                              int velocity, int near) {
    const int polyphony = s.player.polyphony;
    if (alone) return player_chord(chord, start, end, s.low, std::max(s.high, s.low + 7), std::min(polyphony, 4), velocity);
    std::vector<Note> out;
    if (!line_player(polyphony)) {
        // A keyboard, guitar or harp in an ensemble keeps to its part's place: its bass under the
        // tune (when it has the bass) and its chord where its chords were.
        const bool bass = s.part == SoloPart::accompaniment;
        const int from = bass && s.chords_from > 0 ? s.chords_from : bass ? s.low + 12 : s.low;
        if (bass) add(out, start, end - start, pitch_near(chord.bass_pc(), s.low + 5, s.low, from - 1), velocity, end);
        for (int p : chord_tones_from(chord, from, std::max(s.high, from + 7), 3)) add(out, start, end - start, p, velocity - 8, end);
        return out;
    }
    const auto pcs = chord.pitch_classes();
    int pitch = pitch_near(pcs[static_cast<std::size_t>(s.tone) % pcs.size()],
                           s.part == SoloPart::bass_line ? s.low + 5 : (s.low + s.high) / 2, s.low, s.high);
    if (near >= 0)
        for (int pc : pcs)
            if (const int p = pitch_near(pc, near, s.low, s.high); std::abs(p - near) < std::abs(pitch - near)) pitch = p;
    add(out, start, end - start, pitch, velocity, end);
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
            layer.group = s.player.group;
            layer.role = s.part == SoloPart::accompaniment || s.part == SoloPart::harmony ? PartRole::comp
                         : s.part == SoloPart::bass_line                                  ? PartRole::bass
                         : s.part == SoloPart::counter_line                               ? PartRole::counter
                                                                                          : PartRole::lead;
            tier.push_back(layer);
        }
    }
    for (const auto& s : soloists)
        if (s.part == SoloPart::melody || s.part == SoloPart::unaccompanied_melody ||
            s.part == SoloPart::melody_over_accompaniment)
            arrangement.lead = arrangement.soft_lead = s.player.group;
    return arrangement;
}

}  // namespace tunesmith
