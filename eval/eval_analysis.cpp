// Evaluation of the analyzers against known ground truth, beside aubio on the same material
// (ANALYSIS-B): drifting POP909 renders (onsets, beats, tempo, downbeats, key, chords) and
// synthesized sung-like melodies (pitch, note onsets). Prints mir_eval-style figures.
// Usage: eval_analysis [--songs N] [--offset K] [--seconds S] [--sung N] [--sung-seed B] [--depth D]
//                      [--work DIR] [--no-aubio] [-v] [--beat NAME=VALUE] [--key-scores FILE]
// --offset K shifts the song selection (folders K, K + stride, ...) and --sung-seed the melody seeds,
// so methods can be tuned on one set and reported on a disjoint one.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "../tests/analyze/sung_melody.h"
#include "analyze/beats.h"
#include "analyze/chords.h"
#include "analyze/chroma.h"
#include "analyze/key.h"
#include "analyze/onsets.h"
#include "analyze/phrases.h"
#include "analyze/pitch.h"
#include "audio/audio_reader.h"
#include "audio/audio_writer.h"
#include "base/error.h"
#include "drift_material.h"
#include "metrics.h"

namespace fs = std::filesystem;
using namespace tunesmith;

namespace {

struct Settings {
    int songs = 24;
    int offset = 0;          // first POP909 folder index of the evenly spaced selection
    int sung_seed = 0;       // first sung-melody seed
    double seconds = 40.0;
    int sung = 10;
    double depth = 0.07;
    fs::path work = fs::path(TUNESMITH_BINARY_DIR) / "eval_analysis_work";
    bool aubio = true;
    bool verbose = false;
    BeatOptions beat;        // --beat NAME=VALUE overrides, for sweeps on the tuning songs
    fs::path key_scores;     // appends per song: name, true tonic pc, minor, confidence, the 24 key scores
};

// Sets one BeatOptions field from "name=value" (the knobs the metrical-level work sweeps).
void set_beat_option(BeatOptions& o, const std::string& assignment) {
    const auto eq = assignment.find('=');
    const std::string name = assignment.substr(0, eq);
    if (eq == std::string::npos) throw InputError("--beat", assignment, "NAME=VALUE");
    if (name == "tempo_prior") {
        o.tempo_prior = load_tempo_prior(assignment.substr(eq + 1));
        return;
    }
    const double v = std::stod(assignment.substr(eq + 1));
    if (name == "harmonic_weight") o.harmonic_weight = v;
    else if (name == "novelty_half_window") o.novelty_half_window = v;
    else if (name == "prior_bpm") o.prior_bpm = v;
    else if (name == "prior_octaves") o.prior_octaves = v;
    else if (name == "halve_prior_weight") o.halve_prior_weight = v;
    else if (name == "halve_contrast_weight") o.halve_contrast_weight = v;
    else if (name == "halve_threshold") o.halve_threshold = v;
    else throw InputError("--beat", assignment, "harmonic_weight=X, novelty_half_window=S, prior_bpm=B, prior_octaves=W, tempo_prior=FILE, halve_prior_weight=X, halve_contrast_weight=X, halve_threshold=X");
}

Settings parse_args(int argc, char** argv) {
    Settings s;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--songs") s.songs = std::stoi(next());
        else if (a == "--offset") s.offset = std::stoi(next());
        else if (a == "--sung-seed") s.sung_seed = std::stoi(next());
        else if (a == "--seconds") s.seconds = std::stod(next());
        else if (a == "--sung") s.sung = std::stoi(next());
        else if (a == "--depth") s.depth = std::stod(next());
        else if (a == "--work") s.work = next();
        else if (a == "--no-aubio") s.aubio = false;
        else if (a == "-v") s.verbose = true;
        else if (a == "--beat") set_beat_option(s.beat, next());
        else if (a == "--key-scores") s.key_scores = next();
        else throw InputError("argument", a, "--songs N --offset K --seconds S --sung N --sung-seed B --depth D --work DIR --no-aubio -v --beat NAME=VALUE --key-scores FILE");
    }
    return s;
}

// Runs a command and returns its standard output split into whitespace-separated rows.
std::vector<std::vector<double>> run_rows(const std::string& command) {
    std::vector<std::vector<double>> rows;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>/dev/null").c_str(), "r"), pclose);
    if (!pipe) return rows;
    std::string text;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) text += buffer;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::vector<double> row;
        for (std::string f; fields >> f;) {
            try { row.push_back(std::stod(f)); } catch (const std::exception&) { break; }
        }
        if (!row.empty()) rows.push_back(row);
    }
    return rows;
}

std::vector<double> first_column(const std::vector<std::vector<double>>& rows) {
    std::vector<double> out;
    for (const auto& r : rows) out.push_back(r[0]);
    return out;
}

struct Mean {
    double sum = 0.0;
    int n = 0;
    void add(double v) { sum += v; ++n; }
    double value() const { return n > 0 ? sum / n : 0.0; }
};

std::string fmt(double v);

struct Figures {
    Mean onset_f, beat_f, acc1, acc2, downbeat_f, meter4, key, rpa50, rpa10, note_onset_f, phrase_f;
    Mean key_temperley, key_albrecht;  // the other key profiles, for comparison
    std::array<Mean, 4> key_chords;  // chroma correlation plus chord functions, weight 0.2 / 0.4 / 0.8 / 1.6
    metrics::ChordScore chords;
    std::vector<std::pair<double, double>> key_reliability;  // per song: (confidence, MIREX key score)
    double analysis_seconds = 0.0;
};

// Confidence bins against how often the key was right: a calibrated confidence c is right about
// c of the time, and a wrong key rarely reads high.
void print_key_reliability(const std::vector<std::pair<double, double>>& songs) {
    std::printf("\nKey confidence reliability (%zu songs)\n%-12s %6s %14s %14s\n", songs.size(), "confidence", "songs",
                "exact correct", "MIREX weighted");
    constexpr std::array<double, 6> kEdges{0.0, 0.2, 0.4, 0.6, 0.8, 1.0001};
    for (std::size_t b = 0; b + 1 < kEdges.size(); ++b) {
        int n = 0;
        double exact = 0.0, mirex = 0.0;
        for (const auto& [confidence, score] : songs)
            if (confidence >= kEdges[b] && confidence < kEdges[b + 1]) ++n, exact += score == 1.0 ? 1.0 : 0.0, mirex += score;
        std::printf("%.1f-%.1f      %6d %14s %14s\n", kEdges[b], std::min(1.0, kEdges[b + 1]), n,
                    n > 0 ? fmt(exact / n).c_str() : "-", n > 0 ? fmt(mirex / n).c_str() : "-");
    }
    int wrong = 0, wrong_high = 0;
    for (const auto& [confidence, score] : songs)
        if (score < 1.0) ++wrong, wrong_high += confidence >= 0.8 ? 1 : 0;
    std::printf("wrong keys: %d, of them with confidence >= 0.8: %d\n", wrong, wrong_high);
}

void print_row(const std::string& name, const std::string& ours, const std::string& theirs) {
    std::printf("%-44s %12s %12s\n", name.c_str(), ours.c_str(), theirs.c_str());
}
std::string fmt(const Mean& m) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3f", m.value());
    return m.n > 0 ? std::string(b) : std::string("n/a");
}
std::string fmt(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}

void evaluate_song(const drift::Material& m, const Settings& s, Figures& ours, Figures& aubio) {
    const AudioBuffer audio = read_audio_file(m.wav);
    const std::vector<float> mono = audio.mono();
    const auto t0 = std::chrono::steady_clock::now();
    const OnsetResult onsets = detect_onsets(mono, audio.rate);
    const Chromagram chroma = compute_chroma(mono, audio.rate);
    const BeatOptions& beat_options = s.beat;
    const BeatResult beats = track_beats(onset_envelope(mono, audio.rate, beat_options.onset), beat_options, &chroma);
    const auto chords = estimate_chords(chroma, &beats);
    const KeyEstimate key = estimate_key_with_chords(chroma, chords);
    ours.analysis_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const double ref_bpm = metrics::median_bpm(m.beats);
    const auto onset_f = metrics::event_f_measure(m.onsets, onsets.seconds, 0.05);
    const auto beat_f = metrics::beat_f_measure(m.beats, beats.seconds);
    const auto tempo = metrics::tempo_accuracy(ref_bpm, beats.bpm);
    std::vector<double> downbeats;
    for (std::size_t d : beats.downbeats) downbeats.push_back(beats.seconds[d]);
    std::vector<metrics::ChordSpanSec> est_chords;
    for (const auto& c : chords) est_chords.push_back({c.start_seconds, c.end_seconds, c.chord});
    const auto chord_score = metrics::chord_majmin(m.chords, est_chords);
    ours.onset_f.add(onset_f.f);
    ours.beat_f.add(beat_f.f);
    ours.acc1.add(tempo.acc1 ? 1.0 : 0.0);
    ours.acc2.add(tempo.acc2 ? 1.0 : 0.0);
    const double downbeat_f = metrics::beat_f_measure(m.downbeats, downbeats).f;
    ours.downbeat_f.add(downbeat_f);
    ours.meter4.add(beats.meter.numerator == 4 ? 1.0 : 0.0);
    if (m.key) {
        ours.key.add(metrics::key_score(*m.key, key.key));
        ours.key_reliability.emplace_back(key.confidence, metrics::key_score(*m.key, key.key));
        if (!s.key_scores.empty()) {
            std::FILE* out = std::fopen(s.key_scores.c_str(), "a");
            if (out != nullptr) {
                std::fprintf(out, "%s %d %d %.6f", m.name.c_str(), m.key->tonic_pc(), mode_is_minor(m.key->mode) ? 1 : 0,
                             key.confidence);
                for (double v : key.scores) std::fprintf(out, " %.6f", v);
                std::fprintf(out, "\n");
                std::fclose(out);
            }
        }
        ours.key_temperley.add(metrics::key_score(*m.key, estimate_key(chroma, {KeyProfile::temperley}).key));
        ours.key_albrecht.add(metrics::key_score(*m.key, estimate_key(chroma, {KeyProfile::albrecht_shanahan}).key));
        for (std::size_t d = 0; d < ours.key_chords.size(); ++d) {
            KeyOptions with_chords;
            with_chords.chord_weight = 0.2 * static_cast<double>(1 << d);
            ours.key_chords[d].add(metrics::key_score(*m.key, estimate_key_with_chords(chroma, chords, with_chords).key));
        }
    }
    ours.chords.correct += chord_score.correct;
    ours.chords.scored += chord_score.scored;
    if (s.verbose)
        std::printf("  %s ref %.1f bpm est %.1f | beatF %.3f onsetF %.3f (P %.2f R %.2f, %+.0f ms) downbeatF %.3f meter %d"
                    " | key %s est %s | WCSR %.3f | level %.1f bpm prior %+.2f contrast %.2f%s\n",
                    m.name.c_str(), ref_bpm, beats.bpm, beat_f.f, onset_f.f, onset_f.precision, onset_f.recall,
                    1000.0 * metrics::mean_match_offset(m.onsets, onsets.seconds, 0.05), downbeat_f,
                    beats.meter.numerator, m.key ? m.key->to_string().c_str() : "?",
                    key.key ? key.key->to_string().c_str() : "none", chord_score.wcsr(), beats.level.tracked_bpm,
                    beats.level.prior_log_ratio, beats.level.accent_contrast, beats.level.halved ? " halved" : "");
    if (!s.aubio) return;
    const std::string wav = "'" + m.wav.string() + "'";
    const auto a_onsets = first_column(run_rows("aubio onset -i " + wav));
    const auto a_beats = first_column(run_rows("aubio beat -i " + wav));
    const auto a_tempo = run_rows("aubio tempo -i " + wav);
    const double a_bpm = a_tempo.empty() ? 0.0 : a_tempo.back()[0];
    const auto a_acc = metrics::tempo_accuracy(ref_bpm, a_bpm);
    aubio.onset_f.add(metrics::event_f_measure(m.onsets, a_onsets, 0.05).f);
    aubio.beat_f.add(metrics::beat_f_measure(m.beats, a_beats).f);
    aubio.acc1.add(a_acc.acc1 ? 1.0 : 0.0);
    aubio.acc2.add(a_acc.acc2 ? 1.0 : 0.0);
    if (s.verbose) {
        const auto a_onset_f = metrics::event_f_measure(m.onsets, a_onsets, 0.05);
        std::printf("  %s aubio: bpm %.1f beatF %.3f onsetF %.3f (P %.2f R %.2f, %+.0f ms)\n", m.name.c_str(), a_bpm,
                    metrics::beat_f_measure(m.beats, a_beats).f, a_onset_f.f, a_onset_f.precision, a_onset_f.recall,
                    1000.0 * metrics::mean_match_offset(m.onsets, a_onsets, 0.05));
    }
}

constexpr double kPhraseWindow = 0.15;  // seconds, as the phrase unit test

// aubio's silence/loud segmentation (`aubio quiet`, -50 dB gate) read as phrases: it prints
// "NOISY: t" where sound starts and "QUIET: t" where it stops.
std::vector<metrics::Span> aubio_quiet_spans(const fs::path& wav) {
    std::vector<metrics::Span> spans;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("aubio quiet -s -50 -i '" + wav.string() + "' 2>/dev/null").c_str(), "r"),
                                               pclose);
    if (!pipe) return spans;
    char line[256];
    double start = -1.0;
    while (std::fgets(line, sizeof line, pipe.get()) != nullptr) {
        double t = 0.0;
        if (std::sscanf(line, "NOISY: %lf", &t) == 1) start = t;
        else if (std::sscanf(line, "QUIET: %lf", &t) == 1 && start >= 0.0) { spans.push_back({start, t}); start = -1.0; }
    }
    return spans;
}

void evaluate_sung(int index, const Settings& s, Figures& ours, Figures& aubio) {
    testing_sung::SungMelodyOptions options;
    options.detune_cents = Rng(static_cast<std::uint64_t>(index)).uniform(-30.0, 30.0);
    const auto melody = testing_sung::synthesize_sung_melody(options, Rng(1000 + static_cast<std::uint64_t>(index)));
    const SampleRate rate(melody.rate);
    const auto t0 = std::chrono::steady_clock::now();
    const F0Track track = track_pitch(melody.audio, rate);
    const OnsetResult onsets = detect_onsets(melody.audio, rate);
    const std::vector<Phrase> phrases = segment_phrases(track);
    ours.analysis_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    auto estimate_at = [](const std::vector<double>& times, const std::vector<double>& hz, double t) {
        if (times.empty()) return 0.0;
        const auto it = std::lower_bound(times.begin(), times.end(), t);
        std::size_t i = static_cast<std::size_t>(it - times.begin());
        if (i == times.size() || (i > 0 && t - times[i - 1] < times[i] - t)) --i;
        return std::abs(times[i] - t) <= 0.011 ? hz[i] : 0.0;
    };
    std::vector<double> times, hz;
    for (std::size_t i = 0; i < track.size(); ++i) {
        times.push_back(track.frame_time(i));
        hz.push_back(track.frames[i].voiced ? static_cast<double>(track.frames[i].f0_hz) : 0.0);
    }
    std::vector<double> estimate;
    for (std::size_t i = 0; i < melody.truth_f0_hz.size(); ++i)
        estimate.push_back(estimate_at(times, hz, static_cast<double>(i) * melody.truth_hop_s));
    ours.rpa50.add(metrics::raw_pitch_accuracy(melody.truth_f0_hz, estimate, 50.0));
    ours.rpa10.add(metrics::raw_pitch_accuracy(melody.truth_f0_hz, estimate, 10.0));
    std::vector<double> note_onsets;
    for (const auto& n : melody.notes) note_onsets.push_back(n.onset_s);
    ours.note_onset_f.add(metrics::event_f_measure(note_onsets, onsets.seconds, 0.05).f);
    std::vector<metrics::Span> true_phrases, found_phrases;
    for (const auto& p : melody.phrases) true_phrases.push_back({p.start_s, p.end_s});
    for (const auto& p : phrases) found_phrases.push_back({p.start_s, p.end_s});
    const double phrase_f = metrics::boundary_f_measure(true_phrases, found_phrases, kPhraseWindow).f;
    ours.phrase_f.add(phrase_f);
    if (s.verbose) std::printf("  sung %d: %zu phrases found of %zu, boundary F %.3f\n", index, phrases.size(),
                               melody.phrases.size(), phrase_f);
    if (!s.aubio) return;

    const fs::path wav = s.work / ("sung_" + std::to_string(index) + ".wav");
    AudioBuffer buffer(rate, 1, melody.audio.size());
    buffer.channels[0] = melody.audio;
    write_audio_file(wav, buffer, AudioFileFormat::wav_pcm16, AudioMetadata{});
    const auto rows = run_rows("aubio pitch -i '" + wav.string() + "' -m yinfft -H 220");
    times.clear();
    hz.clear();
    for (const auto& r : rows)
        if (r.size() >= 2) { times.push_back(r[0]); hz.push_back(r[1]); }
    estimate.clear();
    for (std::size_t i = 0; i < melody.truth_f0_hz.size(); ++i)
        estimate.push_back(estimate_at(times, hz, static_cast<double>(i) * melody.truth_hop_s));
    aubio.rpa50.add(metrics::raw_pitch_accuracy(melody.truth_f0_hz, estimate, 50.0));
    aubio.rpa10.add(metrics::raw_pitch_accuracy(melody.truth_f0_hz, estimate, 10.0));
    aubio.note_onset_f.add(metrics::event_f_measure(note_onsets, first_column(run_rows("aubio onset -i '" + wav.string() + "'")), 0.05).f);
    aubio.phrase_f.add(metrics::boundary_f_measure(true_phrases, aubio_quiet_spans(wav), kPhraseWindow).f);
}

}  // namespace

int main(int argc, char** argv) {
    const Settings s = parse_args(argc, argv);
    const fs::path data = fs::path(TUNESMITH_SHARED_DATA_DIR) / "pop909" / "POP909";
    const fs::path soundfont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    if (!fs::is_directory(data)) {
        std::printf("eval_analysis: skipped: %s is absent (the POP909 corpus lives in ../shared/data)\n", data.c_str());
        return 0;
    }
    if (!fs::exists(soundfont)) {
        std::printf("eval_analysis: skipped: %s is absent (Debian package fluid-soundfont-gm)\n", soundfont.c_str());
        return 0;
    }
    fs::create_directories(s.work);
    Figures ours, aubio;
    const auto start = std::chrono::steady_clock::now();

    // Songs spread evenly over the corpus (001, 038, 075, ...), deterministic.
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(data))
        if (entry.is_directory()) folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    const std::size_t stride = std::max<std::size_t>(1, folders.size() / static_cast<std::size_t>(std::max(1, s.songs)));
    int done = 0;
    for (std::size_t i = static_cast<std::size_t>(std::max(0, s.offset)); i < folders.size() && done < s.songs; i += stride) {
        const auto material = drift::make_material(folders[i], s.work, soundfont, s.seconds, s.depth,
                                                   Rng(42).fork(folders[i].filename().string()));
        if (!material) continue;
        evaluate_song(*material, s, ours, aubio);
        ++done;
    }
    for (int i = s.sung_seed; i < s.sung_seed + s.sung; ++i) evaluate_sung(i, s, ours, aubio);
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::printf("\nAnalysis evaluation: %d POP909 excerpts of %.0f s (offset %d, FluidR3_GM, tempo drift +-%.0f%%), "
                "%d sung-like melodies (seeds %d..)\n",
                done, s.seconds, s.offset, s.depth * 100.0, s.sung, s.sung_seed);
    print_row("metric", "tunesmith", s.aubio ? "aubio" : "(aubio off)");
    const auto a = [&](const Mean& m) { return s.aubio ? fmt(m) : std::string("-"); };
    print_row("sung: raw pitch accuracy @50 cents", fmt(ours.rpa50), a(aubio.rpa50));
    print_row("sung: raw pitch accuracy @10 cents", fmt(ours.rpa10), a(aubio.rpa10));
    print_row("sung: note onset F (50 ms)", fmt(ours.note_onset_f), a(aubio.note_onset_f));
    print_row("sung: phrase boundary F1 (150 ms; aubio quiet)", fmt(ours.phrase_f), a(aubio.phrase_f));
    print_row("POP909: onset F (50 ms)", fmt(ours.onset_f), a(aubio.onset_f));
    print_row("POP909: beat F (+-70 ms, drifting)", fmt(ours.beat_f), a(aubio.beat_f));
    print_row("POP909: tempo Acc1", fmt(ours.acc1), a(aubio.acc1));
    print_row("POP909: tempo Acc2", fmt(ours.acc2), a(aubio.acc2));
    print_row("POP909: downbeat F (+-70 ms)", fmt(ours.downbeat_f), "n/a");
    print_row("POP909: meter 4/4 found (all are 4/4)", fmt(ours.meter4), "n/a");
    print_row("POP909: key, MIREX weighted", fmt(ours.key), "n/a");
    print_row("  (key, chroma only, Temperley)", fmt(ours.key_temperley), "");
    print_row("  (key, chroma only, Albrecht-Shanahan)", fmt(ours.key_albrecht), "");
    for (std::size_t d = 0; d < ours.key_chords.size(); ++d)
        print_row("  (key with chord functions, weight " + fmt(0.2 * static_cast<double>(1 << d)).substr(0, 3) + ")",
                  fmt(ours.key_chords[d]), "");
    print_row("POP909: chords WCSR maj/min", fmt(ours.chords.wcsr()), "n/a");
    print_key_reliability(ours.key_reliability);
    std::printf("tunesmith analysis time %.1f s; whole run %.1f s\n", ours.analysis_seconds, total);
    return 0;
}
