// accompany(): analyse -> (isolate) -> grid and key -> plan -> harmonize -> arrange, in that order.
#include "accompany/accompany.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "accompany/singer_grid.h"
#include "base/error.h"
#include "base/random.h"

namespace tunesmith {
namespace {

constexpr const char* kStage = "accompany";
constexpr int kVocalProgram = 53;  // General MIDI "Voice Oohs": how the transcribed line sounds if played

Key choose_key(const AudioAnalysis& analysis, bool mix, std::string& source, std::vector<std::string>& warnings) {
    // A mix carries its harmony in the instruments (chroma); a bare voice only in its notes.
    const KeyEstimate& first = mix ? analysis.key : analysis.melody_key;
    const KeyEstimate& second = mix ? analysis.melody_key : analysis.key;
    if (first.key) {
        source = mix ? "audio chroma" : "sung melody";
        return *first.key;
    }
    if (second.key) {
        source = mix ? "sung melody" : "audio chroma";
        return *second.key;
    }
    warnings.push_back("no key could be inferred from the vocal: using C major (give --key to set it)");
    source = "default";
    return Key{NoteName{0, 0}, Mode::major};
}

std::vector<TickRange> phrases_in_ticks(const std::vector<Phrase>& phrases, const TempoMap& tempo) {
    std::vector<TickRange> out;
    for (const Phrase& p : phrases) {
        const Ticks start = tempo.to_ticks(Seconds(p.start_s));
        const Ticks end = tempo.to_ticks(Seconds(p.end_s));
        if (end > start) out.push_back(TickRange{start, end});
    }
    return out;
}

// Per bar: the vocal's duration-weighted level, mapped onto 0.3..0.8 relative to its loudest bar;
// bars without singing keep the previous value. Energy words in the prompt pull the whole curve.
std::vector<double> bar_energy_from_vocal(const std::vector<Note>& notes, const std::vector<NoteEvent>& events,
                                          Ticks bar, std::size_t bars, const CueSpec& spec) {
    std::vector<double> weight(bars, 0.0), level(bars, 0.0);
    for (std::size_t i = 0; i < notes.size() && i < events.size(); ++i) {
        const auto b = static_cast<std::size_t>(std::max<std::int64_t>(0, notes[i].start / bar));
        if (b >= bars) continue;
        const double w = static_cast<double>(notes[i].duration.value);
        weight[b] += w;
        level[b] += w * events[i].level_db;
    }
    double loudest = -120.0;
    for (std::size_t b = 0; b < bars; ++b)
        if (weight[b] > 0.0) loudest = std::max(loudest, level[b] / weight[b]);
    std::vector<double> energy(bars, 0.45);
    double previous = 0.45;
    for (std::size_t b = 0; b < bars; ++b) {
        if (weight[b] > 0.0) previous = 0.3 + 0.5 * std::clamp((level[b] / weight[b] - (loudest - 18.0)) / 18.0, 0.0, 1.0);
        energy[b] = previous;
    }
    if (!spec.energy.empty()) {
        double requested = 0.0;
        for (const EnergyPoint& p : spec.energy) requested += p.level;
        requested /= static_cast<double>(spec.energy.size());
        for (double& e : energy) e = std::clamp(0.5 * e + 0.5 * requested, 0.0, 1.0);
    }
    return energy;
}

// One section over whole bars: the vocal's last note, then one more bar for the final chord.
Plan accompany_plan(const CueSpec& spec, const Key& key, const Meter& meter, const TempoMap& tempo,
                    const std::vector<Note>& notes, const std::vector<NoteEvent>& events, Samples vocal_length,
                    const std::string& style) {
    Plan plan;
    plan.key = key;
    plan.meter = meter;
    plan.tempo = tempo;
    Ticks last = tempo.to_ticks(vocal_length);
    for (const Note& n : notes) last = std::max(last, n.end());
    const Ticks bar = meter.bar();
    const std::int64_t bars = std::max<std::int64_t>(2, (last + bar - Ticks(1)) / bar + 1);
    plan.length = bar * bars;
    plan.length_samples = std::max(tempo.to_samples(plan.length), vocal_length);
    plan.bar_energy = bar_energy_from_vocal(notes, events, bar, static_cast<std::size_t>(bars), spec);
    double mean = 0.0;
    for (double e : plan.bar_energy) mean += e;
    mean /= static_cast<double>(plan.bar_energy.size());
    plan.sections.push_back(PlannedSection{"vocal", SectionRole::verse, 0, static_cast<int>(bars), Ticks(0), plan.length, mean});
    plan.style = style;
    plan.ending = Ending::cadence;
    return plan;
}

Track vocal_track(const std::vector<Note>& notes) {
    Track track;
    track.name = "vocal (transcribed)";
    track.program = kVocalProgram;
    track.notes = notes;
    return track;
}

}  // namespace

std::optional<std::string> long_phrase_warning(const std::vector<Phrase>& phrases, double max_phrase_s) {
    const auto longest = std::max_element(phrases.begin(), phrases.end(), [](const Phrase& a, const Phrase& b) {
        return a.end_s - a.start_s < b.end_s - b.start_s;
    });
    if (longest == phrases.end() || longest->end_s - longest->start_s <= max_phrase_s) return std::nullopt;
    char detail[64];
    std::snprintf(detail, sizeof detail, "one sung phrase lasts %.0f s", longest->end_s - longest->start_s);
    return std::string("the singer's pauses could not be told apart from the band in this mix (") + detail +
           "); the accompaniment will not leave room for the phrases there";
}

namespace {

// The sung line of a mix from the predominant-melody f0: notes, phrases and melody key from it,
// and the voice isolated along it. False (nothing changed) when it holds no sung notes.
bool use_voice_melody(const std::vector<float>& mono, SampleRate rate, F0Track melody, const AccompanyOptions& options,
                      const AnalysisOptions& analysis_options, Accompaniment& out) {
    NoteTranscription notes = segment_notes(melody, analysis_options.notes);
    if (notes.notes.empty()) return false;
    PhraseOptions phrase_options = analysis_options.phrases;
    phrase_options.min_pause_s = std::max(phrase_options.min_pause_s, options.mix_min_pause_s);
    out.analysis.phrases = segment_phrases(melody, phrase_options);
    if (auto warning = long_phrase_warning(out.analysis.phrases, options.mix_max_phrase_s))
        out.warnings.push_back(std::move(*warning));
    const TempoMap tempo = out.analysis.beats.empty() ? TempoMap::constant(120.0, rate) : out.analysis.beats.tempo;
    out.analysis.melody_key = estimate_key_from_notes(notes_on_tempo_map(notes.notes, tempo));
    out.analysis.notes = std::move(notes);
    AudioBuffer isolated(rate, 1, 0);
    isolated.channels.front() = isolate_voice(mono, rate, melody);
    out.analysis.f0 = std::move(melody);
    out.vocal = std::move(isolated);
    return true;
}

// Analysis of the upload, and of the isolated voice when the upload turns out to be a mix
// (the melody from the isolated voice; key and beats from the whole mix, where the band plays them).
void analyse(const AudioBuffer& audio, const AccompanyOptions& options, const Reporter& reporter, Accompaniment& out) {
    AnalysisOptions analysis_options = options.analysis;
    if (options.meter) analysis_options.beats.beats_per_bar = options.meter->beats_per_bar();
    out.analysis = analyze_audio(audio, analysis_options, reporter);
    out.vocal = audio;
    if (out.analysis.notes.notes.empty()) return;
    const std::vector<float> mono = audio.mono();
    out.mix = detect_mix(mono, audio.rate, out.analysis.f0);
    F0Track melody;
    if (options.voice_melody) {
        melody = track_predominant_melody(mono, audio.rate, options.melody);
        add_melody_agreement(out.mix, out.analysis.f0, melody);
    }
    if (!out.mix.is_mix) return;
    char detail[200];
    std::snprintf(detail, sizeof detail,
                  "(%.0f%% of the voiced energy in the voice's partials, pauses at %.0f dB, pitch track on the sung "
                  "melody %.0f%% of the time)",
                  100.0 * out.mix.partial_share, out.mix.pause_level_db, 100.0 * out.mix.melody_agreement);
    if (!options.isolate) {
        out.warnings.push_back(std::string("the upload sounds like a mix, not a bare vocal ") + detail +
                               "; isolation is off, so the instruments stay in the mix");
        return;
    }
    out.warnings.push_back(std::string("the upload sounds like a mix, not a bare vocal ") + detail +
                           "; the voice was isolated (f0-guided harmonic masking + HPSS), expect some bleed");
    if (options.voice_melody && use_voice_melody(mono, audio.rate, std::move(melody), options, analysis_options, out)) return;
    const std::vector<float> voice = isolate_voice(mono, audio.rate, out.analysis.f0);
    AudioBuffer isolated(audio.rate, 1, 0);
    isolated.channels.front() = voice;
    AnalysisOptions melody_only = analysis_options;
    melody_only.harmony = false;
    melody_only.rhythm = false;
    const AudioAnalysis voice_analysis = analyze_audio(isolated, melody_only);
    if (!voice_analysis.notes.notes.empty()) {
        out.analysis.f0 = voice_analysis.f0;
        out.analysis.notes = voice_analysis.notes;
        out.analysis.phrases = voice_analysis.phrases;
        out.analysis.melody_key = voice_analysis.melody_key;
    }
    out.vocal = std::move(isolated);
}

// The sung melody and its phrases on a candidate grid, and the grid's length in whole bars to the
// vocal's end.
struct MelodyOnGrid {
    std::vector<Note> notes;
    std::vector<TickRange> phrases;
    Ticks length{0};
};

MelodyOnGrid melody_on_grid(const SingerGrid& grid, const AudioAnalysis& analysis, SampleRate rate, Samples vocal_length) {
    const TempoMap tempo = grid.tempo.at_rate(rate);
    const Ticks bar = grid.meter.bar();
    const Ticks end = tempo.to_ticks(vocal_length);
    return {notes_on_tempo_map(analysis.notes.notes, tempo), phrases_in_ticks(analysis.phrases, tempo),
            bar * ((end + bar - Ticks(1)) / bar)};
}

// The melody's best harmonization over the whole grid (it chooses the tempo level, and without a bar
// profile the phase).
double whole_harmony_fit(const MelodyOnGrid& m, const Meter& meter, const Key& key, const AccompanyOptions& options) {
    return harmony_fit(m.notes, key, meter, m.length, m.phrases, options.harmony);
}

// With a bar profile, how well a bar phase fits: the harmonization from the first to the last sung beat
// (the silence padded after the last note differs between phases by up to three beats and says nothing
// about where the bars are) plus `bar_profile_weight` x where the notes sit in the bars, read at the
// grid's tempo and at twice it (a grid at half the melody's tempo holds two of the melody's bars; which
// reading is right is the tempo level's question, so both count).
double sung_phase_fit(const MelodyOnGrid& m, const Meter& meter, const Key& key, const AccompanyOptions& options) {
    const Ticks beat = meter.beat();
    Ticks sung_end(0);
    for (const Note& n : m.notes) sung_end = std::max(sung_end, n.end());
    const Ticks sung = std::min(m.length, beat * ((sung_end + beat - Ticks(1)) / beat));
    const bool three = meter.beats_per_bar() == 3 && options.three_four_bar_profile;
    const MelodyBarProfile& profile = three ? *options.three_four_bar_profile : *options.bar_profile;
    return harmony_fit(m.notes, key, meter, sung, m.phrases, options.harmony) +
           options.bar_profile_weight *
               (bar_profile_fit(m.notes, meter, profile, 1) + bar_profile_fit(m.notes, meter, profile, 2));
}

// The meters whose bar phases compete: the grid's, and with both bar profiles and no user meter, 3/4
// beside 4/4 and 4/4 beside 3/4 (the profiles' fits are per beat on the same notes, so they compare; the
// grid's meter comes first and wins ties).
std::vector<Meter> candidate_meters(const Meter& meter, const AccompanyOptions& options) {
    std::vector<Meter> meters{meter};
    const bool quarters = meter.denominator == 4 && (meter.numerator == 3 || meter.numerator == 4);
    if (options.bar_profile && options.three_four_bar_profile && !options.meter && quarters)
        meters.push_back(Meter{meter.numerator == 4 ? 3 : 4, 4});
    return meters;
}

// The grid with its bar lines where the sung melody says they are. With `halve`, both half-tempo grids
// (every other beat, from the first or the second) compete with the tracked one. The grid is the one
// whose best bar phase the harmony fits best (harmony_fit is per beat, so levels compare); the phase
// within it is the one best fitted by sung_phase_fit (phrase starts, phrase ends and long notes beside
// the harmony), which knows where bars begin but not how fast the beat is, so it never moves the beats.
// Without a profile the whole harmony fit alone chooses. The tracker's own phase wins ties.
SingerGrid bar_lines_from_harmony(const SingerGrid& grid, const AudioAnalysis& analysis, const Key& key,
                                  SampleRate rate, Samples vocal_length, const AccompanyOptions& options, bool halve,
                                  Accompaniment& out) {
    out.bar_shift = 0;
    if (grid.beats.size() < 2) return grid;
    std::vector<SingerGrid> levels{grid};
    if (halve) levels.push_back(halved_grid(grid, 0)), levels.push_back(halved_grid(grid, 1));
    const int phases = grid.meter.beats_per_bar();
    std::vector<std::vector<double>> harmony(levels.size());
    std::size_t level = 0;
    double best_harmony = -std::numeric_limits<double>::infinity();
    for (std::size_t l = 0; l < levels.size(); ++l)
        for (int s = 0; s < phases; ++s) {
            const SingerGrid candidate = shifted_bar_lines(levels[l], s);
            harmony[l].push_back(
                whole_harmony_fit(melody_on_grid(candidate, analysis, rate, vocal_length), grid.meter, key, options));
            if (harmony[l].back() > best_harmony) best_harmony = harmony[l].back(), level = l;
        }
    double best = -std::numeric_limits<double>::infinity();
    SingerGrid chosen = levels[level];
    for (const Meter& meter : candidate_meters(grid.meter, options)) {
        const SingerGrid counted = with_meter(levels[level], meter);
        for (int s = 0; s < meter.beats_per_bar(); ++s) {
            const SingerGrid candidate = shifted_bar_lines(counted, s);
            const double score =
                options.bar_profile
                    ? sung_phase_fit(melody_on_grid(candidate, analysis, rate, vocal_length), meter, key, options)
                    : harmony[level][static_cast<std::size_t>(s)];
            if (score > best) best = score, out.bar_shift = s, chosen = candidate;
        }
    }
    out.halved = level > 0;
    return chosen;
}

// The grid's lead-in (tick 0 to the first tracked beat) fills whatever time precedes that beat, so
// that the bar lines fall on the singer's downbeats. When that squeezes or stretches its beats by
// more than a quarter (a vocal that starts at once gets its lead-in bar in a few milliseconds), the
// accompaniment rests there: until the first tracked beat the tempo map passes through
// (with_sane_lead_in may put the first beat on sample 0, or leave the first beats out); else 0.
Ticks rest_before(const SingerGrid& grid) {
    if (grid.beats.size() < 2 || grid.beats[0].value <= 0) return Ticks(0);
    const auto& anchors = grid.tempo.anchors();
    const Ticks first_kept = anchors.size() > 1 ? anchors[1].tick : Ticks(0);
    if (grid.lead_in_beats <= 0) return first_kept;  // the first beat was moved to sample 0
    const double lead_in_beat = static_cast<double>(grid.beats[0].value) / grid.lead_in_beats;
    const double period = static_cast<double>((grid.beats[1] - grid.beats[0]).value);
    if (period <= 0.0 || std::abs(lead_in_beat / period - 1.0) <= 0.25) return Ticks(0);
    return std::max(grid.meter.beat() * grid.lead_in_beats, first_kept);
}

void drop_notes_before(Ticks tick, Score& score) {
    for (Track& track : score.tracks)
        std::erase_if(track.notes, [&](const Note& n) { return n.start < tick; });
}

}  // namespace

std::vector<Chord> parse_chord_list(const std::string& text) {
    std::vector<Chord> chords;
    std::string symbol;
    auto flush = [&] {
        if (symbol.empty()) return;
        const auto chord = Chord::parse(symbol);
        if (!chord) throw InputError("chords", symbol, "chord symbols such as C, Am, F#m7, Bb/D separated by spaces");
        chords.push_back(*chord);
        symbol.clear();
    };
    for (char ch : text) {
        if (ch == ' ' || ch == ',' || ch == '|' || ch == '\t') flush();
        else symbol += ch;
    }
    flush();
    return chords;
}

Accompaniment accompany(const AudioBuffer& vocal, const CueSpec& spec, const Style& style,
                        const AccompanyOptions& options, const Reporter& reporter) {
    check_vocal_length(to_seconds(vocal.length(), vocal.rate).value);
    Accompaniment out;
    analyse(vocal, options, reporter, out);
    out.check = check_vocal(out.analysis, out.warnings);
    reporter.report(kStage, 0.1);

    SingerGrid grid = singer_grid(out.analysis, options.bpm, options.meter, out.warnings);
    if (options.sung_onsets && !options.bpm && !out.mix.is_mix) {
        const double length_s = to_seconds(vocal.length(), vocal.rate).value;
        if (auto sung = sung_note_grid(out.analysis, length_s, *options.sung_onsets, options.meter, options.sung_beats))
            grid = std::move(*sung);
    }
    Key key = options.key ? *options.key : choose_key(out.analysis, out.mix.is_mix, out.key_source, out.warnings);
    if (options.key) out.key_source = "--key";
    const SampleRate rate(spec.sample_rate);
    const Samples vocal_length = to_samples(to_seconds(vocal.length(), vocal.rate), rate);
    if (options.bar_lines_from_harmony) {
        const bool halve = !options.bpm && !out.mix.is_mix && grid.bpm > options.max_sung_bpm;
        grid = bar_lines_from_harmony(grid, out.analysis, key, rate, vocal_length, options, halve, out);
    }
    grid = with_sane_lead_in(grid);
    out.tempo_source = grid.source;
    const Ticks rest_until = rest_before(grid);
    out.rest_until = rest_until;
    const TempoMap tempo = grid.tempo.at_rate(rate);

    const std::vector<Note> notes = notes_on_tempo_map(out.analysis.notes.notes, tempo);
    Plan plan = accompany_plan(spec, key, grid.meter, tempo, notes, out.analysis.notes.notes, vocal_length, style.name);
    out.phrases = phrases_in_ticks(out.analysis.phrases, tempo);

    out.spec = spec;
    out.spec.key = key;
    out.spec.bpm = std::clamp(grid.bpm, 20.0, 400.0);
    out.spec.time_signature = grid.meter;
    out.spec.length = to_seconds(plan.length_samples, rate);

    if (options.chords.empty()) {
        out.chords = harmonize(notes, key, grid.meter, plan.length, out.phrases, options.harmony);
        out.chord_source = "harmonized";
    } else {
        const Ticks bar = grid.meter.bar();
        out.chords = cycle_progression(options.chords, grid.meter, plan.length, ((rest_until + bar - Ticks(1)) / bar));
        out.chord_source = "--chords";
    }
    reporter.report(kStage, 0.5);
    const VocalLine line{notes, out.phrases};
    out.score = arrange_accompaniment(plan, out.spec, style, out.chords, line, Rng(spec.seed).fork("accompany"),
                                      options.arrangement);
    drop_notes_before(rest_until, out.score);
    out.vocal_track = vocal_track(notes);
    out.plan = std::move(plan);
    reporter.report(kStage, 1.0);
    return out;
}

}  // namespace tunesmith
