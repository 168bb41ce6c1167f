// Evaluation of `accompany` on vocals with known truth: synthesized sung songs (drifting tempo,
// known chords) and POP909 melodies sung by the same voice model under a +-8 % tempo drift, with
// the corpus's human chords as reference. Prints onset-on-grid, chord-tone ratios (ours vs the
// reference chords), WCSR, where the accompaniment plays (phrases vs pauses), and mix
// detection / isolation SDR.
// Usage: eval_accompany [--synthetic N] [--seed-base N] [--songs N] [--bar-weight W] [--bare] [--holdout] [--holdout2] [--holdout3] [--three-four] [--no-three-four] [--list N] [--seconds S] [--style NAME] [-v] [--dump] [--no-rhythm] [--tracker-bars] [--audio-beats] [--rhythm-age N] [--upload FILE]
//                       [--passing-weight W] [--strong-weight W]
//                       [--level-ratio R] [--level-margin NATS] [--tempo-weight W] [--silence-weight W] [--repeat-weight W] [--repeat-notes N]
//                       [--chosen-tempo-weight W] [--no-patterns] [--halving-margin NATS] [--halving-min-bpm BPM] (sung-beat tracker)
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "../tests/accompany/melody_truth.h"
#include "../tests/accompany/sung_song.h"
#include "accompany/accompany.h"
#include "accompany_downbeats.h"
#include "accompany_grid_figures.h"
#include "audio/audio_reader.h"
#include "base/data_dir.h"
#include "drift_material.h"
#include "export/midi_reader.h"
#include "metrics.h"
#include "pop909_lists.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;
using testing_song::ChordTruth;
using testing_sung::SungNote;
using testing_sung::SungPhrase;

struct Args {
    int synthetic = 8;
    double bar_weight = -1.0;  // AccompanyOptions::bar_profile_weight override (0: no bar profile, session 12's bar lines)
    bool bare = false;  // synthetic songs only as bare vocals (--bare: no band mixes, 3x faster)
    int seed_base = 0;  // synthetic song i is seed seed_base + i (--seed-base: another set of songs)
    int songs = 12;
    double seconds = 45.0;
    std::string style = "folk";
    bool verbose = false;
    bool dump = false;  // print the first synthetic song's chords and off-grid onsets
    bool harmonic_rhythm = true;
    bool bars_from_harmony = true;  // AccompanyOptions::bar_lines_from_harmony (--tracker-bars: off)
    int rhythm_max_age = 0;  // HarmonizeOptions::rhythm_max_age override (0: the default)  // the corpus harmonic rhythm (--no-rhythm: fixed change probabilities)
    double passing_weight = -1.0;  // HarmonizeOptions::passing_tone_weight override (1 = session 5's model)
    double level_ratio = 0.0;      // SungBeatOptions::level_ratio override (experiments)
    double strong_weight = -1.0;   // HarmonizeOptions::strong_beat_weight override
    double level_margin = -1.0;    // SungBeatOptions::other_level_margin override
    double tempo_weight = 0.0;     // SungBeatOptions::tempo_change_weight override
    double silence_weight = -1.0;  // SungBeatOptions::silence_weight override
    bool sung_beats = true;  // beats from the sung notes (--audio-beats: the onset-strength tracker's)
    double repeat_weight = -1.0;   // SungBeatOptions::repeat_weight override
    bool holdout = false;    // also the held-out POP909 list (the next every-37th songs after the main list's)
    bool holdout2 = false;   // also the second held-out list (pop909_lists.h)
    bool holdout3 = false;   // also the third held-out list (the walk from folder 18; pop909_lists.h)
    int list = 0;            // also this further list of the walk (>= 3; pop909_lists.h)
    std::size_t repeat_notes = 0;  // SungRepeatOptions::min_notes override
    double chosen_tempo_weight = 0.0;  // SungBeatOptions::chosen_level_tempo_weight override
    double halving_margin = -1.0;      // SungBeatOptions::halving_margin override (--no-patterns: no beat patterns)
    double halving_min_bpm = -1.0;     // SungBeatOptions::halving_min_bpm override
    bool beat_patterns = true;
    bool three_four_profile = true;  // the 3/4 bar profile, so the meter is chosen (--no-three-four: off)
    bool three_four = false;         // also the POP909 3/4 songs left out of that profile (--three-four)
    std::string upload;  // a real recording (no truth): the sung line before vs after the voice melody
};

// What one vocal with known truth looks like to the metrics.
struct Truth {
    std::vector<SungNote> notes;
    std::vector<double> beats;
    std::vector<double> strong_beats;  // beat 1 and the half bar
    std::vector<double> downbeats;     // beat 1
    std::vector<metrics::ChordSpanSec> chords;  // reference (human or synthetic truth)
    std::vector<SungPhrase> phrases;
    int beats_per_bar = 4;
};

struct Figures {
    std::size_t onsets = 0, on_grid = 0;
    std::size_t notes = 0, ours_tones = 0, ref_tones = 0;
    std::size_t strong = 0, ours_strong = 0, ref_strong = 0;
    metrics::ChordScore wcsr;
    std::size_t in_phrase = 0, in_pause = 0;
    double phrase_s = 0.0, pause_s = 0.0;
    int vocals = 0, failures = 0;
    int meter_right = 0;  // vocals accompanied in their true meter (beats to the bar)
    downbeat_eval::DownbeatFigures downbeats;

    void add(const Figures& o) {
        downbeats.add(o.downbeats);
        meter_right += o.meter_right;
        onsets += o.onsets, on_grid += o.on_grid, notes += o.notes, ours_tones += o.ours_tones;
        ref_tones += o.ref_tones, strong += o.strong, ours_strong += o.ours_strong, ref_strong += o.ref_strong;
        wcsr.correct += o.wcsr.correct, wcsr.scored += o.wcsr.scored;
        in_phrase += o.in_phrase, in_pause += o.in_pause, phrase_s += o.phrase_s, pause_s += o.pause_s;
        vocals += o.vocals, failures += o.failures;
    }
};

double ratio(std::size_t a, std::size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }

const std::optional<Chord>* chord_at(const std::vector<metrics::ChordSpanSec>& spans, double t) {
    for (const auto& s : spans)
        if (t >= s.start && t < s.end) return &s.chord;
    return nullptr;
}

using grid_eval::beat_agreement;
using grid_eval::grid_error;
using grid_eval::grid_offset_ms;
using grid_eval::grid_phase_histogram;
using grid_eval::near_any;
using grid_eval::off_grid_stretches;
using grid_eval::onset_phase_histogram;

Figures measure(const Accompaniment& a, const Truth& truth) {
    Figures f;
    f.vocals = 1;
    const TempoMap& tempo = a.plan.tempo;
    std::vector<metrics::ChordSpanSec> ours;
    for (const ChordSpan& s : a.chords) ours.push_back({tempo.to_seconds(s.start).value, tempo.to_seconds(s.end).value, s.chord});
    const double first = truth.phrases.front().start_s, last = truth.phrases.back().end_s;
    for (const Track& track : a.score.tracks)
        for (const Note& n : track.notes) {
            const double t = tempo.to_seconds(n.start).value;
            if (t < first - 0.1 || t > last + 0.1) continue;
            ++f.onsets;
            f.on_grid += grid_error(truth.beats, t) <= 0.05;
            const bool sung = std::any_of(truth.phrases.begin(), truth.phrases.end(),
                                          [&](const SungPhrase& p) { return t >= p.start_s && t < p.end_s; });
            ++(sung ? f.in_phrase : f.in_pause);
        }
    for (const SungPhrase& p : truth.phrases) f.phrase_s += p.end_s - p.start_s;
    f.pause_s = std::max(0.0, last - first - f.phrase_s);
    for (const SungNote& n : truth.notes) {
        // The chord heard with a note is the one sounding just after its onset: a change up to 50 ms
        // after the onset (the on-grid tolerance; our chords change on the tracked beats) counts.
        const double heard = n.onset_s + std::min(0.05, 0.5 * (n.offset_s - n.onset_s));
        const auto* reference = chord_at(truth.chords, heard);
        const auto* estimate = chord_at(ours, heard);
        if (reference == nullptr || !reference->has_value() || estimate == nullptr || !estimate->has_value()) continue;
        const int pc = ((n.midi % 12) + 12) % 12;
        const bool strong = near_any(truth.strong_beats, n.onset_s, 0.07);
        ++f.notes;
        f.ours_tones += (*estimate)->contains(pc);
        f.ref_tones += (*reference)->contains(pc);
        if (strong) ++f.strong, f.ours_strong += (*estimate)->contains(pc), f.ref_strong += (*reference)->contains(pc);
    }
    std::vector<metrics::ChordSpanSec> scored;
    for (const auto& s : truth.chords)
        if (s.chord && s.end > first && s.start < last) scored.push_back({std::max(s.start, first), std::min(s.end, last), s.chord});
    f.wcsr = metrics::chord_majmin(scored, ours);
    f.downbeats = downbeat_eval::measure_downbeats(a, truth.beats, truth.downbeats, first, last);
    f.meter_right = a.plan.meter.beats_per_bar() == truth.beats_per_bar;
    return f;
}

void print_figures(const char* title, const Figures& f) {
    std::printf("\n%s: %d vocals (%d refused or failed)\n", title, f.vocals, f.failures);
    std::printf("  onsets on the true grid (+-50 ms, beats and half-beats): %.3f  (%zu onsets)\n", ratio(f.on_grid, f.onsets), f.onsets);
    std::printf("  chord-tone ratio, all notes:    ours %.3f   reference %.3f   (%zu notes)\n", ratio(f.ours_tones, f.notes),
                ratio(f.ref_tones, f.notes), f.notes);
    std::printf("  chord-tone ratio, strong beats: ours %.3f   reference %.3f   (%zu notes)\n", ratio(f.ours_strong, f.strong),
                ratio(f.ref_strong, f.strong), f.strong);
    std::printf("  WCSR (maj/min) vs reference:    %.3f\n", f.wcsr.wcsr());
    std::printf("  downbeats: %s\n", downbeat_eval::downbeat_text(f.downbeats).c_str());
    std::printf("  read in the true meter: %d of %d\n", f.meter_right, f.vocals);
    std::printf("  accompaniment onsets: %.1f%% inside sung phrases (%.0f%% of the time), %.1f%% in pauses;"
                " %.2f vs %.2f onsets/s\n",
                100.0 * ratio(f.in_phrase, f.in_phrase + f.in_pause), 100.0 * f.phrase_s / std::max(1e-9, f.phrase_s + f.pause_s),
                100.0 * ratio(f.in_pause, f.in_phrase + f.in_pause), static_cast<double>(f.in_phrase) / std::max(1e-9, f.phrase_s),
                static_cast<double>(f.in_pause) / std::max(1e-9, f.pause_s));
}

// Per song (-v): where the bar lines went and what that did to the strong-beat chord tones.
void print_song_downbeats(const Accompaniment& a, const Figures& f, const Truth& truth) {
    std::printf("       %s, bar shift %d%s, strong-beat ctr %.3f/%.3f; %s; %s\n", a.plan.meter.to_string().c_str(),
                a.bar_shift, a.halved ? " (halved)" : "", ratio(f.ours_strong, f.strong), ratio(f.ref_strong, f.strong),
                downbeat_eval::downbeat_text(f.downbeats).c_str(),
                downbeat_eval::beats_in_bar_text(a, truth.beats, truth.downbeats, truth.phrases.front().start_s,
                                                 truth.phrases.back().end_s).c_str());
}

AudioBuffer mono_buffer(const std::vector<float>& samples, int rate) {
    AudioBuffer audio(SampleRate(rate), 1, 0);
    audio.channels.front() = samples;
    return audio;
}

Truth song_truth(const testing_song::SungSong& song) {
    Truth t;
    t.notes = song.notes;
    t.beats = song.beats;
    for (std::size_t i = 0; i < song.beats.size(); i += 2) t.strong_beats.push_back(song.beats[i]);
    for (std::size_t i = 0; i < song.beats.size(); i += 4) t.downbeats.push_back(song.beats[i]);
    for (const ChordTruth& c : song.chords) t.chords.push_back({c.start_s, c.end_s, c.chord});
    t.phrases = song.phrases;
    return t;
}

void dump(const Accompaniment& a, const testing_song::SungSong& song) {
    for (const ChordTruth& c : song.chords) std::printf("truth %7.2f %-4s", c.start_s, c.chord.name().c_str());
    std::printf("\n");
    for (const ChordSpan& c : a.chords)
        std::printf("ours  %7.2f %-4s", a.plan.tempo.to_seconds(c.start).value, c.chord.name().c_str());
    std::printf("\n");
    for (const Track& t : a.score.tracks)
        for (const Note& n : t.notes) {
            const double s = a.plan.tempo.to_seconds(n.start).value;
            const double e = grid_error(song.beats, s);
            if (e > 0.05 && s < song.phrases.back().end_s) std::printf("off %s %.3f tick %lld err %.3f\n", t.name.c_str(), s, static_cast<long long>(n.start.value), e);
        }
}

struct IsolationFigures {
    int mixes = 0, detected = 0, bare = 0, false_alarms = 0;
    double sdr_before = 0.0, sdr_after = 0.0;
};

// The sung line accompany takes from a voice + band + loud bass mix, with pYIN (before) and the
// predominant-melody f0 (after): frame scores of the f0 the notes came from, and phrase boundaries.
struct VoiceLineFigures {
    int mixes = 0, detected = 0;
    testing_song::MelodyScores f0[2];
    testing_song::BoundaryScores phrases[2];
    std::size_t phrase_count[2] = {0, 0};
};

void measure_voice_line(const testing_song::SungSong& song, const Style& style, const AccompanyOptions& options,
                        VoiceLineFigures& out, bool verbose) {
    ++out.mixes;
    for (int after = 0; after < 2; ++after) {
        AccompanyOptions o = options;
        o.voice_melody = after == 1;
        try {
            const Accompaniment a = accompany(mono_buffer(song.audio, song.rate), CueSpec{}, style, o);
            out.detected += after == 1 && a.mix.is_mix;
            const auto f0 = testing_song::score_melody(a.analysis.f0, song.notes);
            const auto phrases = testing_song::score_phrase_boundaries(a.analysis.phrases, song.phrases);
            out.f0[after].add(f0);
            out.phrases[after].add(phrases);
            out.phrase_count[after] += a.analysis.phrases.size();
            if (verbose)
                std::printf("    voice+band+bass, %s: pitch %.3f, voicing recall %.3f, false alarm %.3f, %zu phrases (truth %zu), boundary F1 %.3f\n",
                            after ? "voice melody" : "pYIN        ", f0.raw_pitch_accuracy(), f0.voicing_recall(),
                            f0.voicing_false_alarm(), a.analysis.phrases.size(), song.phrases.size(), phrases.f1());
        } catch (const std::exception& e) {
            std::printf("    voice+band+bass failed: %s\n", e.what());
        }
    }
}

void print_voice_line(const VoiceLineFigures& v) {
    std::printf("  voice + band (0 dB) + bass (+6 dB): %d/%d detected as a mix (with the voice-melody check)\n", v.detected, v.mixes);
    for (int after = 0; after < 2; ++after)
        std::printf("    %s raw pitch accuracy (50 c) %.3f, voicing recall %.3f, false alarm %.3f; phrase boundary F1 (+-0.25 s) %.3f, %zu phrases (truth %d)\n",
                    after ? "after  (voice melody):" : "before (pYIN)        :", v.f0[after].raw_pitch_accuracy(),
                    v.f0[after].voicing_recall(), v.f0[after].voicing_false_alarm(), v.phrases[after].f1(),
                    v.phrase_count[after], static_cast<int>(v.phrases[after].truth / 2));
}

void run_synthetic(const Args& args, const Style& style, const AccompanyOptions& options, Figures& total,
                   IsolationFigures& isolation, VoiceLineFigures& voice_line) {
    for (int i = 0; i < args.synthetic; ++i) {
        Rng rng = Rng(1000).fork(static_cast<std::uint64_t>(args.seed_base + i));
        testing_song::SungSongOptions o;
        o.bpm = rng.uniform(72.0, 132.0);
        o.drift = 0.08;
        o.tonic_pc = rng.range(0, 11);
        const auto song = testing_song::synthesize_song(o, rng.fork("song"));
        Figures f;
        try {
            const Accompaniment a = accompany(mono_buffer(song.audio, song.rate), CueSpec{}, style, options);
            f = measure(a, song_truth(song));
            if (args.dump && i == 0) dump(a, song);
            ++isolation.bare;
            isolation.false_alarms += a.mix.is_mix;
            if (args.verbose)
                std::printf("  synthetic %d: %.0f bpm (%s %.1f), key %s (truth %s), beats %.3f (%+.0f ms), grid %.3f, ctr %.3f/%.3f, wcsr %.3f\n",
                            i, o.bpm, a.tempo_source.c_str(), a.spec.bpm, a.plan.key.to_string().c_str(),
                            song.key.to_string().c_str(), beat_agreement(a, song.beats), grid_offset_ms(a, song.beats),
                            ratio(f.on_grid, f.onsets),
                            ratio(f.ours_tones, f.notes), ratio(f.ref_tones, f.notes), f.wcsr.wcsr());
            if (args.verbose) print_song_downbeats(a, f, song_truth(song));
        } catch (const std::exception& e) {
            f.failures = 1;
            std::printf("  synthetic %d failed: %s\n", i, e.what());
        }
        total.add(f);
        if (args.bare) continue;
        // The same song over a plucked band: detection and isolation quality.
        o.band = true;
        const auto mixed = testing_song::synthesize_song(o, rng.fork("song"));
        const F0Track f0 = track_pitch(mixed.audio, SampleRate(mixed.rate));
        const MixDetection d = detect_mix(mixed.audio, SampleRate(mixed.rate), f0);
        ++isolation.mixes;
        isolation.detected += d.is_mix;
        isolation.sdr_before += signal_to_distortion_db(mixed.voice, mixed.audio);
        isolation.sdr_after += signal_to_distortion_db(mixed.voice, isolate_voice(mixed.audio, SampleRate(mixed.rate), f0));
        // And over the band plus a loud bass: which line accompany hears as the voice.
        o.bass = true;
        measure_voice_line(testing_song::synthesize_song(o, rng.fork("song")), style, options, voice_line, args.verbose);
    }
}

// A POP909 melody excerpt, time-warped by a drifting tempo and sung by the voice model.
// A song of `beats_per_bar` 3 has its bar lines on beat_midi.txt's strong beats (it writes 3/4 as 6/4).
std::optional<std::pair<testing_song::SungSong, Truth>> pop909_vocal(const fs::path& folder, double seconds, Rng rng,
                                                                     int beats_per_bar = 4) {
    const std::string name = folder.filename().string();
    const Score score = read_midi_file(folder / (name + ".mid"), SampleRate(22050));
    const auto melody = std::find_if(score.tracks.begin(), score.tracks.end(), [](const Track& t) { return t.name == "MELODY"; });
    if (melody == score.tracks.end() || melody->notes.size() < 20) return std::nullopt;
    const double start = std::max(0.0, score.tempo.to_seconds(melody->notes.front().start).value - 1.0);
    const double end = start + seconds;
    constexpr double lead = 0.5;
    const drift::TimeWarp warp(0.06, rng.uniform(14.0, 28.0), rng.fork("walk"), seconds + lead);
    auto performed = [&](double t) { return warp(t - start + lead); };
    testing_song::SungSong song;
    Truth truth;
    for (std::size_t i = 0; i < melody->notes.size(); ++i) {
        const Note& n = melody->notes[i];
        double on = score.tempo.to_seconds(n.start).value, off = score.tempo.to_seconds(n.end()).value;
        if (i + 1 < melody->notes.size()) off = std::min(off, score.tempo.to_seconds(melody->notes[i + 1].start).value - 0.02);
        if (on < start || off > end || off - on < 0.05) continue;
        truth.notes.push_back({performed(on), performed(off), n.pitch});
    }
    if (truth.notes.size() < 20) return std::nullopt;
    for (const auto& row : drift::read_table(folder / "beat_midi.txt")) {
        const double t = std::stod(row[0]);
        if (t < start || t > end) continue;
        truth.beats.push_back(performed(t));
        if (row.size() >= 2 && (std::stod(row[1]) > 0.5 || (row.size() >= 3 && std::stod(row[2]) > 0.5)))
            truth.strong_beats.push_back(performed(t));
        if (row.size() >= 3 && std::stod(row[2]) > 0.5) truth.downbeats.push_back(performed(t));
        else if (beats_per_bar == 3 && row.size() >= 2 && std::stod(row[1]) > 0.5) truth.downbeats.push_back(performed(t));
    }
    truth.beats_per_bar = beats_per_bar;
    for (const auto& row : drift::read_table(folder / "chord_midi.txt")) {
        if (row.size() < 3) continue;
        const double a = std::max(start, std::stod(row[0])), b = std::min(end, std::stod(row[1]));
        std::optional<Chord> chord;
        if (b <= a || !drift::majmin_label(row[2], chord)) continue;
        truth.chords.push_back({performed(a), performed(b), chord});
    }
    // Phrases: melody notes separated by less than 0.5 s.
    for (const SungNote& n : truth.notes) {
        if (truth.phrases.empty() || n.onset_s - truth.phrases.back().end_s >= 0.5) truth.phrases.push_back({n.onset_s, n.offset_s});
        else truth.phrases.back().end_s = n.offset_s;
    }
    song.rate = 22050;
    song.notes = truth.notes;
    song.audio.assign(static_cast<std::size_t>((performed(end) + 1.0) * song.rate), 0.0f);
    testing_song::detail::sing(song.notes, song.rate, rng.fork("voice"), song.audio);
    Rng noise = rng.fork("noise");
    for (float& x : song.audio) x += static_cast<float>(0.0005 * noise.uniform(-1.0, 1.0));
    return std::make_pair(std::move(song), std::move(truth));
}

// One POP909 song sung and accompanied; -v prints its figures.
void run_pop909_song(const Args& args, const Style& style, const AccompanyOptions& options, const fs::path& folder,
                     const std::pair<testing_song::SungSong, Truth>& material, Figures& total) {
    Figures f;
    try {
        const Accompaniment a = accompany(mono_buffer(material.first.audio, material.first.rate), CueSpec{}, style, options);
        f = measure(a, material.second);
        if (args.verbose) {
            const auto reference = drift::song_key(folder / "key_audio.txt");
            std::printf("  %s: %skey %s (ref %s), %.1f bpm (%s; audio tracker %.1f; truth %.1f), beats %.3f, grid %.3f, ctr %.3f/%.3f, wcsr %.3f\n",
                        folder.filename().c_str(), a.mix.is_mix ? "CALLED A MIX, " : "", a.plan.key.to_string().c_str(),
                        reference ? reference->to_string().c_str() : "?", a.spec.bpm, a.tempo_source.c_str(),
                        a.analysis.beats.bpm, metrics::median_bpm(material.second.beats),
                        beat_agreement(a, material.second.beats),
                        ratio(f.on_grid, f.onsets), ratio(f.ours_tones, f.notes), ratio(f.ref_tones, f.notes),
                        f.wcsr.wcsr());
            print_song_downbeats(a, f, material.second);
            std::printf("       grid beats by phase in the true beat (eighths 0..7): %s\n",
                        grid_phase_histogram(a, material.second.beats).c_str());
            std::printf("       grid beats off the true beats: %s\n", off_grid_stretches(a, material.second.beats).c_str());
            std::vector<double> sung, heard;
            for (const auto& n : material.first.notes) sung.push_back(n.onset_s);
            for (const auto& n : a.analysis.notes.notes) heard.push_back(n.onset_s);
            std::printf("       onsets by phase in the true beat (twelfths): sung %s; transcribed %s\n",
                        onset_phase_histogram(sung, material.second.beats).c_str(),
                        onset_phase_histogram(heard, material.second.beats).c_str());
        }
    } catch (const std::exception& e) {
        f.failures = 1;
        std::printf("  %s failed: %s\n", folder.filename().c_str(), e.what());
    }
    total.add(f);
}

std::vector<fs::path> pop909_folders(const fs::path& corpus) {
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(corpus))
        if (entry.is_directory()) folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    return folders;
}

// The POP909 songs of one list (pop909_lists.h): the main list is the walk's first args.songs
// usable songs, each held-out list the next 12 after the lists before it.
void run_pop909(const Args& args, const Style& style, const AccompanyOptions& options, const pop909_lists::List& list,
                Figures& total) {
    const fs::path corpus = fs::path(TUNESMITH_SHARED_DATA_DIR) / "pop909" / "POP909";
    if (!fs::is_directory(corpus)) {
        std::printf("\nPOP909: %s not found, skipped\n", corpus.c_str());
        return;
    }
    const std::vector<fs::path> folders = pop909_folders(corpus);
    int usable = 0, used = 0;
    const int skip = pop909_lists::songs_before(list.index);
    const bool main_list = list.start == 0 && list.index == pop909_lists::kMain;
    const int wanted = main_list ? args.songs : pop909_lists::kListSongs;
    for (const std::size_t i : pop909_lists::walk(folders.size(), list.start)) {
        if (used >= wanted) break;
        const auto material = pop909_vocal(folders[i], args.seconds, Rng(2000).fork(static_cast<std::uint64_t>(i)));
        if (!material || usable++ < skip) continue;
        ++used;
        run_pop909_song(args, style, options, folders[i], *material, total);
    }
}

// POP909's 3/4 songs that the 3/4 bar profile was derived without (pop909_lists::kThreeFour).
void run_pop909_three_four(const Args& args, const Style& style, const AccompanyOptions& options, Figures& total) {
    const fs::path corpus = fs::path(TUNESMITH_SHARED_DATA_DIR) / "pop909" / "POP909";
    if (!fs::is_directory(corpus)) return;
    const std::vector<fs::path> folders = pop909_folders(corpus);
    for (const char* name : pop909_lists::kThreeFour) {
        const auto i = static_cast<std::size_t>(std::find(folders.begin(), folders.end(), corpus / name) - folders.begin());
        if (i == folders.size()) continue;
        if (const auto material = pop909_vocal(folders[i], args.seconds, Rng(2000).fork(static_cast<std::uint64_t>(i)), 3))
            run_pop909_song(args, style, options, folders[i], *material, total);
    }
}

// A real upload without truth: mix detection, the transcribed notes' register (MIDI histogram by
// octave) and the phrases, with pYIN (before) and with the voice melody (after).
void run_upload(const std::string& path, const Style& style, const AccompanyOptions& options) {
    const AudioBuffer audio = read_audio_file(path);
    for (int after = 0; after < 2; ++after) {
        AccompanyOptions o = options;
        o.voice_melody = after == 1;
        const Accompaniment a = accompany(audio, CueSpec{}, style, o);
        std::printf("\n%s, %s: mix %s (partial share %.2f, pauses %.0f dB, melody agreement %.2f), key %s, %zu notes\n",
                    path.c_str(), after ? "after (voice melody)" : "before (pYIN)", a.mix.is_mix ? "yes" : "no",
                    a.mix.partial_share, a.mix.pause_level_db, a.mix.melody_agreement, a.plan.key.to_string().c_str(),
                    a.analysis.notes.notes.size());
        std::vector<int> histogram(128, 0);
        for (const NoteEvent& n : a.analysis.notes.notes) ++histogram[static_cast<std::size_t>(std::clamp(n.midi_pitch, 0, 127))];
        std::printf("  notes by MIDI pitch:");
        for (int m = 0; m < 128; ++m)
            if (histogram[static_cast<std::size_t>(m)] > 0) std::printf(" %d:%d", m, histogram[static_cast<std::size_t>(m)]);
        std::vector<double> lengths;
        double sung = 0.0;
        for (const Phrase& p : a.analysis.phrases) lengths.push_back(p.end_s - p.start_s), sung += p.end_s - p.start_s;
        std::sort(lengths.begin(), lengths.end());
        std::printf("\n  %zu phrases, %.1f s sung; lengths min/median/max %.2f/%.2f/%.2f s\n", lengths.size(), sung,
                    lengths.empty() ? 0.0 : lengths.front(), lengths.empty() ? 0.0 : lengths[lengths.size() / 2],
                    lengths.empty() ? 0.0 : lengths.back());
        std::printf("  phrases:");
        for (const Phrase& p : a.analysis.phrases) std::printf(" %.1f-%.1f", p.start_s, p.end_s);
        std::printf("\n");
    }
}

Args parse_args(int argc, char** argv) {
    Args args;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--synthetic" && has_value) args.synthetic = std::atoi(argv[++i]);
        else if (a == "--songs" && has_value) args.songs = std::atoi(argv[++i]);
        else if (a == "--seed-base" && has_value) args.seed_base = std::atoi(argv[++i]);
        else if (a == "--bar-weight" && has_value) args.bar_weight = std::atof(argv[++i]);
        else if (a == "--bare") args.bare = true;
        else if (a == "--seconds" && has_value) args.seconds = std::atof(argv[++i]);
        else if (a == "--style" && has_value) args.style = argv[++i];
        else if (a == "-v") args.verbose = true;
        else if (a == "--dump") args.dump = true;
        else if (a == "--no-rhythm") args.harmonic_rhythm = false;
        else if (a == "--tracker-bars") args.bars_from_harmony = false;
        else if (a == "--audio-beats") args.sung_beats = false;
        else if (a == "--holdout") args.holdout = true;
        else if (a == "--holdout2") args.holdout2 = true;
        else if (a == "--holdout3") args.holdout3 = true;
        else if (a == "--no-patterns") args.beat_patterns = false;
        else if (a == "--no-three-four") args.three_four_profile = false;
        else if (a == "--three-four") args.three_four = true;
        else if (a == "--halving-margin" && has_value) args.halving_margin = std::atof(argv[++i]);
        else if (a == "--halving-min-bpm" && has_value) args.halving_min_bpm = std::atof(argv[++i]);
        else if (a == "--list" && has_value) args.list = std::atoi(argv[++i]);
        else if (a == "--chosen-tempo-weight" && has_value) args.chosen_tempo_weight = std::atof(argv[++i]);
        else if (a == "--repeat-notes" && has_value) args.repeat_notes = static_cast<std::size_t>(std::atoi(argv[++i]));
        else if (a == "--repeat-weight" && has_value) args.repeat_weight = std::atof(argv[++i]);
        else if (a == "--rhythm-age" && has_value) args.rhythm_max_age = std::atoi(argv[++i]);
        else if (a == "--upload" && has_value) args.upload = argv[++i];
        else if (a == "--passing-weight" && has_value) args.passing_weight = std::atof(argv[++i]);
        else if (a == "--level-ratio" && has_value) args.level_ratio = std::atof(argv[++i]);
        else if (a == "--strong-weight" && has_value) args.strong_weight = std::atof(argv[++i]);
        else if (a == "--level-margin" && has_value) args.level_margin = std::atof(argv[++i]);
        else if (a == "--tempo-weight" && has_value) args.tempo_weight = std::atof(argv[++i]);
        else if (a == "--silence-weight" && has_value) args.silence_weight = std::atof(argv[++i]);
        else std::fprintf(stderr, "ignored argument: %s\n", a.c_str());
    }
    return args;
}

}  // namespace
}  // namespace tunesmith

int main(int argc, char** argv) {
    using namespace tunesmith;
    const Args args = parse_args(argc, argv);
    const StyleLibrary styles = load_styles(default_data_dir());
    const Style* style = styles.find(args.style);
    if (style == nullptr) {
        std::fprintf(stderr, "unknown style %s\n", args.style.c_str());
        return 2;
    }
    AccompanyOptions options;
    options.harmony.model = std::make_shared<const HarmonyModel>(load_harmony_model(default_data_dir()));
    if (args.harmonic_rhythm)
        options.harmony.rhythm = std::make_shared<const HarmonicRhythm>(load_harmonic_rhythm(default_data_dir()));
    if (args.rhythm_max_age > 0) options.harmony.rhythm_max_age = args.rhythm_max_age;
    if (args.sung_beats) options.sung_onsets = std::make_shared<const SungOnsetProfile>(load_sung_onset_profile(default_data_dir()));
    options.bar_lines_from_harmony = args.bars_from_harmony;
    if (args.bar_weight != 0.0)
        options.bar_profile = std::make_shared<const MelodyBarProfile>(load_melody_bar_profile(default_data_dir()));
    if (args.bar_weight > 0.0) options.bar_profile_weight = args.bar_weight;
    if (args.bar_weight != 0.0 && args.three_four_profile)
        options.three_four_bar_profile = std::make_shared<const MelodyBarProfile>(load_three_four_bar_profile(default_data_dir()));
    if (args.passing_weight >= 0.0) options.harmony.passing_tone_weight = args.passing_weight;
    if (args.level_ratio > 0.0) options.sung_beats.level_ratio = args.level_ratio;
    if (args.strong_weight >= 0.0) options.harmony.strong_beat_weight = args.strong_weight;
    if (args.level_margin >= 0.0) options.sung_beats.other_level_margin = args.level_margin;
    if (args.tempo_weight > 0.0) options.sung_beats.tempo_change_weight = args.tempo_weight;
    if (args.silence_weight >= 0.0) options.sung_beats.silence_weight = args.silence_weight;
    if (args.repeat_weight >= 0.0) options.sung_beats.repeat_weight = args.repeat_weight;
    if (args.repeat_notes > 0) options.sung_beats.repeats.min_notes = args.repeat_notes;
    if (args.chosen_tempo_weight > 0.0) options.sung_beats.chosen_level_tempo_weight = args.chosen_tempo_weight;
    if (args.beat_patterns) options.sung_beats.beat_patterns = std::make_shared<const BeatPatterns>(load_beat_patterns(default_data_dir()));
    if (args.halving_margin >= 0.0) options.sung_beats.halving_margin = args.halving_margin;
    if (args.halving_min_bpm >= 0.0) options.sung_beats.halving_min_bpm = args.halving_min_bpm;
    if (!args.upload.empty()) {
        run_upload(args.upload, *style, options);
        return 0;
    }
    Figures synthetic;
    IsolationFigures isolation;
    VoiceLineFigures voice_line;
    run_synthetic(args, *style, options, synthetic, isolation, voice_line);
    print_figures("Synthetic sung songs (drift +-8%, truth chords as reference)", synthetic);
    if (isolation.mixes > 0) {
        std::printf("  mix detection: %d/%d voice+band uploads detected, %d/%d bare vocals called a mix\n",
                    isolation.detected, isolation.mixes, isolation.false_alarms, isolation.bare);
        std::printf("  isolation SDR (voice+band at 0 dB): %.1f dB before, %.1f dB after\n",
                    isolation.sdr_before / isolation.mixes, isolation.sdr_after / isolation.mixes);
        print_voice_line(voice_line);
    }
    std::vector<pop909_lists::List> lists{{0, pop909_lists::kMain}};
    if (args.holdout) lists.push_back({0, pop909_lists::kHoldout});
    if (args.holdout2) lists.push_back({0, pop909_lists::kHoldout2});
    if (args.holdout3) lists.push_back(pop909_lists::kHoldout3);
    if (args.list > pop909_lists::kHoldout2) lists.push_back({0, args.list});
    for (const pop909_lists::List& list : lists) {
        Figures figures;
        run_pop909(args, *style, options, list, figures);
        if (figures.vocals > 0) print_figures(pop909_lists::title(list).c_str(), figures);
    }
    if (args.three_four) {
        Figures figures;
        run_pop909_three_four(args, *style, options, figures);
        print_figures("POP909 songs in 3/4 (left out of the 3/4 bar profile)", figures);
    }
    return 0;
}
