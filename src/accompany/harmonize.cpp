// The melody harmonizer: candidate chords from the key and the corpus, per-beat emission scores of
// the sung pitch classes, metric change probabilities, cadence bonuses, and the Viterbi decode.
#include "accompany/harmonize.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "music/pitch.h"

namespace tunesmith {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

bool has_chord(const std::vector<RomanChord>& list, const RomanChord& chord) {
    return std::find(list.begin(), list.end(), chord) != list.end();
}

// log p(pitch class | chord) for the twelve pitch classes.
std::array<double, 12> emission_table(const Chord& chord, const Key& key, const HarmonizeOptions& options) {
    int chord_tones = 0, scale_tones = 0, others = 0;
    for (int pc = 0; pc < 12; ++pc) {
        if (chord.contains(pc)) ++chord_tones;
        else if (key.contains(pc)) ++scale_tones;
        else ++others;
    }
    const double other_mass = std::max(0.02, 1.0 - options.chord_tone_mass - options.scale_tone_mass);
    std::array<double, 12> table{};
    for (int pc = 0; pc < 12; ++pc) {
        double p = 0.0;
        if (chord.contains(pc)) p = options.chord_tone_mass / chord_tones;
        else if (key.contains(pc)) p = options.scale_tone_mass / std::max(1, scale_tones);
        else p = other_mass / std::max(1, others);
        table[static_cast<std::size_t>(pc)] = std::log(p);
    }
    return table;
}

// Blended corpus transition row from candidate i to every candidate (self excluded, it is the
// "stay" probability of the metric position instead).
std::vector<std::vector<double>> transition_logs(const std::vector<RomanChord>& chords, const Key& key,
                                                 const HarmonizeOptions& options) {
    const std::size_t n = chords.size();
    const TransitionTable* table = options.model ? &options.model->table_for(key.mode) : nullptr;
    std::vector<std::vector<double>> out(n, std::vector<double>(n, kNegInf));
    std::vector<double> corpus(n);  // one row buffer (a per-row vector trips GCC 12's -Wfree-nonheap-object)
    for (std::size_t i = 0; i < n; ++i) {
        std::fill(corpus.begin(), corpus.end(), 0.0);
        double total = 0.0;
        const auto row = table ? table->counts.find(chords[i].numeral()) : decltype(table->counts.end()){};
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            double count = 0.5;  // add-half smoothing
            if (table && row != table->counts.end()) {
                const auto cell = row->second.find(chords[j].numeral());
                if (cell != row->second.end()) count += cell->second;
            }
            corpus[j] = count;
            total += count;
        }
        const double w = table ? options.corpus_weight : 0.0;
        for (std::size_t j = 0; j < n; ++j)
            if (j != i) out[i][j] = std::log(w * corpus[j] / total + (1.0 - w) / static_cast<double>(n - 1));
    }
    return out;
}

std::vector<double> start_logs(const std::vector<RomanChord>& chords, const Key& key, const HarmonizeOptions& options) {
    const TransitionTable* table = options.model ? &options.model->table_for(key.mode) : nullptr;
    std::vector<double> weights(chords.size(), 0.5);
    double total = 0.0;
    for (std::size_t i = 0; i < chords.size(); ++i) {
        if (table) {
            const auto found = table->start.find(chords[i].numeral());
            if (found != table->start.end()) weights[i] += found->second;
        }
        total += weights[i];
    }
    std::vector<double> out;
    for (std::size_t i = 0; i < chords.size(); ++i)
        out.push_back(std::log(weights[i] / total) + (chords[i].offset == 0 ? 1.0 : 0.0));
    return out;
}

bool is_tonic(const RomanChord& chord, const Key& key) {
    return chord.offset == 0 && (chord.triad == ChordQuality::minor) == mode_is_minor(key.mode);
}
bool is_dominant(const RomanChord& chord) { return chord.offset == 7 && chord.triad == ChordQuality::major; }

// The metric position of a beat: 0 = bar line, 1 = half bar, 2 = other beat.
int beat_level(std::int64_t beat_index, const Meter& meter) {
    const int per_bar = std::max(1, meter.beats_per_bar());
    const auto pos = static_cast<int>(beat_index % per_bar);
    if (pos == 0) return 0;
    if (per_bar % 2 == 0 && pos == per_bar / 2) return 1;
    return 2;
}

// Notes off the strong metric positions that are approached and left by step (a passing or
// neighbour tone between two nearby notes): non-harmonic tones rather than chord evidence.
std::vector<bool> stepwise_weak_notes(const std::vector<Note>& melody, Ticks beat, const Meter& meter,
                                      const HarmonizeOptions& options) {
    std::vector<bool> out(melody.size(), false);
    const auto gap = Ticks(static_cast<std::int64_t>(options.passing_gap_beats * static_cast<double>(beat.value)));
    for (std::size_t i = 1; i + 1 < melody.size(); ++i) {
        const Note &before = melody[i - 1], &note = melody[i], &after = melody[i + 1];
        const std::int64_t nearest = (note.start + beat / 8) / beat;
        const bool strong = (note.start + beat / 8) % beat < beat / 4 && beat_level(nearest, meter) < 2;
        const bool joined = note.start - before.end() <= gap && after.start - note.end() <= gap;
        const int in = note.pitch - before.pitch, out_step = after.pitch - note.pitch;
        const bool by_step = in != 0 && out_step != 0 && std::abs(in) <= 2 && std::abs(out_step) <= 2;
        out[i] = !strong && joined && by_step;
    }
    return out;
}

// Per beat, the weighted pitch-class histogram of the notes sounding in it.
std::vector<std::array<double, 12>> beat_histograms(const std::vector<Note>& melody, Ticks beat, std::size_t beats,
                                                    const Meter& meter, const HarmonizeOptions& options) {
    std::vector<std::array<double, 12>> out(beats, std::array<double, 12>{});
    const std::vector<bool> passing = stepwise_weak_notes(melody, beat, meter, options);
    for (std::size_t n = 0; n < melody.size(); ++n) {
        const Note& note = melody[n];
        if (note.duration <= Ticks(0)) continue;
        const auto first = static_cast<std::size_t>(std::max<std::int64_t>(0, note.start / beat));
        const std::int64_t started_near = (note.start + beat / 8) / beat;  // the beat the onset belongs to
        const bool on_beat = (note.start + beat / 8) % beat < beat / 4;
        for (std::size_t k = first; k < beats; ++k) {
            const Ticks begin = beat * static_cast<std::int64_t>(k);
            if (begin >= note.end()) break;
            const Ticks overlap = std::min(note.end(), begin + beat) - std::max(note.start, begin);
            if (overlap <= Ticks(0)) continue;
            double weight = static_cast<double>(overlap.value) / static_cast<double>(beat.value);
            if (static_cast<std::int64_t>(k) == started_near) {
                if (on_beat && beat_level(started_near, meter) < 2) weight *= options.strong_beat_weight;
            } else {
                weight *= options.held_weight;
            }
            if (passing[n]) weight *= options.passing_tone_weight;
            out[k][static_cast<std::size_t>(pitch_class(note.pitch))] += weight;
        }
    }
    return out;
}

// Cadence bonuses per beat and chord: the beat where each phrase's last note starts.
void add_cadences(std::vector<std::vector<double>>& bonus, const std::vector<Note>& melody,
                  const std::vector<TickRange>& phrases, const std::vector<RomanChord>& chords, const Key& key,
                  Ticks beat, const HarmonizeOptions& options) {
    const std::size_t beats = bonus.size();
    for (std::size_t p = 0; p < phrases.size(); ++p) {
        const Note* last = nullptr;
        for (const Note& note : melody)
            if (note.start >= phrases[p].start && note.start < phrases[p].end) last = &note;
        if (last == nullptr) continue;
        const auto k = static_cast<std::size_t>(std::max<std::int64_t>(0, (last->start + beat / 4) / beat));
        if (k >= beats) continue;
        const bool final_phrase = p + 1 == phrases.size();
        for (std::size_t c = 0; c < chords.size(); ++c) {
            if (is_tonic(chords[c], key))
                bonus[k][c] += final_phrase ? options.final_cadence_bonus : options.phrase_cadence_bonus;
            else if (!final_phrase && is_dominant(chords[c]))
                bonus[k][c] += options.half_cadence_bonus;
        }
    }
    for (std::size_t c = 0; c < chords.size(); ++c)
        if (beats > 0 && is_tonic(chords[c], key)) bonus[beats - 1][c] += options.final_cadence_bonus;
}

// Change probability of beat k when the current chord has sounded `age` beats before it.
double change_probability(std::size_t k, int age, const Meter& meter, const HarmonizeOptions& options) {
    const int level = beat_level(static_cast<std::int64_t>(k), meter);
    if (options.rhythm) return options.rhythm->change_probability(static_cast<MetricLevel>(level), age);
    return level == 0 ? options.change_at_bar : level == 1 ? options.change_at_half_bar : options.change_at_beat;
}

// Viterbi over (chord, age) states: age = beats the chord has sounded before this beat, 0 on the beat
// it starts, capped at max_age (which stands for "that or more"). Without a rhythm table max_age is 0,
// and the decode is a plain per-beat HMM over chords.
struct Decoded {
    std::vector<std::size_t> path;  // chord index per beat (beats before `first` copy the first one)
    double log_likelihood = 0.0;    // of the best path, from beat `first` on
};

Decoded viterbi(const std::vector<std::vector<double>>& score, const std::vector<double>& start,
                const std::vector<std::vector<double>>& move, const Meter& meter, const HarmonizeOptions& options,
                std::size_t first = 0) {
    const std::size_t beats = score.size(), n = start.size();
    first = std::min(first, beats - 1);
    const int max_age = options.rhythm ? std::clamp(options.rhythm_max_age, 1, options.rhythm->max_age()) : 0;
    const auto ages = static_cast<std::size_t>(max_age + 1);
    const std::size_t states = n * ages;
    std::vector<std::vector<std::uint32_t>> back(beats, std::vector<std::uint32_t>(states, 0));
    std::vector<double> value(states, kNegInf), next(states);
    for (std::size_t c = 0; c < n; ++c) value[c * ages] = start[c] + score[first][c];
    std::vector<double> go_value(n), stay_log(ages), go_log(ages);
    std::vector<std::size_t> go_from(n);
    for (std::size_t k = first + 1; k < beats; ++k) {
        std::fill(next.begin(), next.end(), kNegInf);
        std::fill(go_value.begin(), go_value.end(), kNegInf);
        for (std::size_t a = 0; a < ages; ++a) {  // the chord's age on this beat is a + 1, read at most at max_age
            const double change = change_probability(k, std::min(static_cast<int>(a) + 1, std::max(max_age, 1)), meter, options);
            stay_log[a] = std::log(1.0 - change);
            go_log[a] = std::log(change);
        }
        for (std::size_t c = 0; c < n; ++c) {
            for (std::size_t a = 0; a < ages; ++a) {
                const std::size_t s = c * ages + a;
                if (value[s] == kNegInf) continue;
                const std::size_t stay = c * ages + std::min<std::size_t>(a + 1, ages - 1);
                const double stay_value = value[s] + stay_log[a];
                if (stay_value > next[stay]) next[stay] = stay_value, back[k][stay] = static_cast<std::uint32_t>(s);
                const double go = value[s] + go_log[a];
                if (go > go_value[c]) go_value[c] = go, go_from[c] = s;
            }
        }
        for (std::size_t c = 0; c < n; ++c) {
            const std::size_t target = c * ages;
            for (std::size_t p = 0; p < n; ++p) {
                if (p == c || go_value[p] == kNegInf) continue;
                const double v = go_value[p] + move[p][c];
                if (v > next[target]) next[target] = v, back[k][target] = static_cast<std::uint32_t>(go_from[p]);
            }
        }
        for (std::size_t s = 0; s < states; ++s)
            if (next[s] != kNegInf) next[s] += score[k][s / ages];
        value.swap(next);
    }
    Decoded out;
    out.path.assign(beats, 0);
    std::size_t state = static_cast<std::size_t>(std::max_element(value.begin(), value.end()) - value.begin());
    out.log_likelihood = value[state];
    for (std::size_t k = beats - 1;; --k) {
        out.path[k] = state / ages;
        if (k == first) break;
        state = back[k][state];
    }
    for (std::size_t k = 0; k < first; ++k) out.path[k] = out.path[first];
    return out;
}

}  // namespace

std::vector<RomanChord> candidate_chords(const Key& key, const HarmonizeOptions& options) {
    std::vector<RomanChord> out;
    for (const RomanChord& triad : diatonic_triads(key))
        if (triad.triad == ChordQuality::major || triad.triad == ChordQuality::minor) out.push_back(triad);
    if (options.model) {
        const TransitionTable& table = options.model->table_for(key.mode);
        double total = 0.0;
        std::map<std::string, double> outgoing;
        for (const auto& [from, row] : table.counts)
            for (const auto& [to, count] : row) outgoing[from] += count, total += count;
        for (const auto& [numeral, count] : outgoing) {
            const auto chord = RomanChord::parse(numeral);
            if (!chord || total <= 0.0 || count / total < options.min_chord_share) continue;
            if (chord->triad != ChordQuality::major && chord->triad != ChordQuality::minor) continue;
            if (!has_chord(out, *chord)) out.push_back(*chord);
        }
    } else if (mode_is_minor(key.mode)) {
        const RomanChord dominant{7, ChordQuality::major};
        if (!has_chord(out, dominant)) out.push_back(dominant);
    }
    return out;
}

namespace {

// The decoded chords of a melody. Emissions are log-likelihood ratios against the candidates' mean
// p(pitch class): the same constant per note for every path (the best path does not change), but it
// makes scores of one melody on different bar grids comparable (a note weighted more on a strong
// beat then counts for or against the fit, not always against it).
Decoded decode(const std::vector<Note>& melody, const Key& key, const Meter& meter, std::size_t beats,
               const std::vector<TickRange>& phrases, const std::vector<RomanChord>& chords,
               const HarmonizeOptions& options, std::size_t first) {
    std::vector<std::array<double, 12>> emissions;
    for (const RomanChord& chord : chords) emissions.push_back(emission_table(chord.to_chord(key), key, options));
    std::array<double, 12> background{};
    for (std::size_t pc = 0; pc < 12; ++pc) {
        for (const auto& e : emissions) background[pc] += std::exp(e[pc]);
        background[pc] = std::log(background[pc] / static_cast<double>(emissions.size()));
    }
    const Ticks beat = meter.beat();
    const auto histograms = beat_histograms(melody, beat, beats, meter, options);
    std::vector<std::vector<double>> score(beats, std::vector<double>(chords.size(), 0.0));
    for (std::size_t k = 0; k < beats; ++k)
        for (std::size_t c = 0; c < chords.size(); ++c)
            for (std::size_t pc = 0; pc < 12; ++pc)
                score[k][c] += options.emission_weight * histograms[k][pc] * (emissions[c][pc] - background[pc]);
    add_cadences(score, melody, phrases, chords, key, beat, options);
    return viterbi(score, start_logs(chords, key, options), transition_logs(chords, key, options), meter, options,
                   first);
}

std::size_t beat_count(Ticks length, Ticks beat) { return static_cast<std::size_t>((length + beat - Ticks(1)) / beat); }

}  // namespace

double harmony_fit(const std::vector<Note>& melody, const Key& key, const Meter& meter, Ticks length,
                   const std::vector<TickRange>& phrases, const HarmonizeOptions& options) {
    if (length <= Ticks(0) || melody.empty()) return 0.0;
    const Ticks beat = meter.beat();
    const std::size_t beats = beat_count(length, beat);
    const auto first = std::min(beats - 1, static_cast<std::size_t>(std::max<std::int64_t>(0, melody.front().start / beat)));
    const double total = decode(melody, key, meter, beats, phrases, candidate_chords(key, options), options, first).log_likelihood;
    return total / static_cast<double>(beats - first);
}

std::vector<ChordSpan> harmonize(const std::vector<Note>& melody, const Key& key, const Meter& meter, Ticks length,
                                 const std::vector<TickRange>& phrases, const HarmonizeOptions& options) {
    if (length <= Ticks(0)) return {};
    const Ticks beat = meter.beat();
    const std::size_t beats = beat_count(length, beat);
    const std::vector<RomanChord> chords = candidate_chords(key, options);
    const std::vector<std::size_t> path = decode(melody, key, meter, beats, phrases, chords, options, 0).path;
    std::vector<ChordSpan> spans;
    for (std::size_t k = 0; k < beats; ++k) {
        const Ticks begin = beat * static_cast<std::int64_t>(k);
        const Ticks end = std::min(length, begin + beat);
        const Chord chord = chords[path[k]].to_chord(key);
        if (!spans.empty() && spans.back().chord == chord) spans.back().end = end;
        else spans.push_back(ChordSpan{begin, end, chord});
    }
    return spans;
}

std::vector<ChordSpan> cycle_progression(const std::vector<Chord>& chords, const Meter& meter, Ticks length,
                                         std::int64_t first_bar) {
    std::vector<ChordSpan> spans;
    if (chords.empty()) return spans;
    const Ticks bar = meter.bar();
    const auto count = static_cast<std::int64_t>(chords.size());
    for (std::int64_t i = 0; bar * i < length; ++i) {
        const Ticks begin = bar * i;
        const Chord& chord = chords[static_cast<std::size_t>((((i - first_bar) % count) + count) % count)];
        const Ticks end = std::min(length, begin + bar);
        if (!spans.empty() && spans.back().chord == chord) spans.back().end = end;
        else spans.push_back(ChordSpan{begin, end, chord});
    }
    return spans;
}

double chord_tone_ratio(const std::vector<Note>& melody, const std::vector<ChordSpan>& chords, const Meter& meter,
                        bool strong_only) {
    const Ticks beat = meter.beat();
    std::size_t counted = 0, tones = 0;
    for (const Note& note : melody) {
        if (strong_only) {
            const std::int64_t nearest = (note.start + beat / 8) / beat;
            const bool on_beat = (note.start + beat / 8) % beat < beat / 4;
            if (!on_beat || beat_level(nearest, meter) == 2) continue;
        }
        const auto span = std::find_if(chords.begin(), chords.end(),
                                       [&](const ChordSpan& s) { return note.start >= s.start && note.start < s.end; });
        if (span == chords.end()) continue;
        ++counted;
        if (span->chord.contains(pitch_class(note.pitch))) ++tones;
    }
    return counted ? static_cast<double>(tones) / static_cast<double>(counted) : 0.0;
}

}  // namespace tunesmith
