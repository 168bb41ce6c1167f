// analyze_audio: one mono mixdown through every analyzer, in a fixed order, with progress; and
// the JSON view of the result.
#include "analyze/analysis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "analyze/beat_evidence.h"
#include "analyze/onsets.h"
#include "audio/resample.h"
#include "base/error.h"
#include "music/pitch.h"

namespace tunesmith {
namespace {

constexpr const char* kStage = "analyze";

// Fraction of the notes' voiced frames whose pitch lies within `tolerance` semitones of the
// note's pitch. A sung line (vibrato included) holds its notes; speech glides through every
// syllable, so most of its frames stray from any note. 0 when there are no notes.
double stable_pitch_fraction(const F0Track& track, const NoteTranscription& transcription, double tolerance) {
    std::size_t voiced = 0, stable = 0;
    const double hop = track.hop_seconds();
    for (const NoteEvent& note : transcription.notes) {
        const auto first = static_cast<std::size_t>(std::max(0.0, std::ceil(note.onset_s / hop)));
        const auto last = static_cast<std::size_t>(std::max(0.0, std::floor(note.offset_s / hop)));
        for (std::size_t i = first; i <= last && i < track.size(); ++i) {
            const PitchFrame& frame = track.frames[i];
            if (!frame.voiced || frame.f0_hz <= 0.0f) continue;
            ++voiced;
            // median_pitch keeps the singer's tuning, as the frame pitch does.
            const double midi = frequency_to_pitch(static_cast<double>(frame.f0_hz));
            if (std::abs(midi - note.median_pitch) <= tolerance) ++stable;
        }
    }
    return voiced > 0 ? static_cast<double>(stable) / static_cast<double>(voiced) : 0.0;
}

// The mixdown at the pitch tracker's rate, made once: pYIN reads it and, when it is a downsampled
// copy, the chroma is computed from it too (its 11 kHz resampling then starts from 16 kHz
// instead of 44.1 kHz, a third of the filter work; both keep the band chroma uses, < 2.5 kHz).
struct Mixdowns {
    const std::vector<float>& mono;
    SampleRate rate;
    std::vector<float> pitch_signal;
    SampleRate pitch_rate;
};

void analyze_melody(const Mixdowns& mix, const AnalysisOptions& options, AudioAnalysis& out) {
    out.f0 = track_pitch(mix.pitch_signal, mix.pitch_rate, options.pitch);
    out.notes = segment_notes(out.f0, options.notes);
    out.phrases = segment_phrases(out.f0, options.phrases);
    out.stable_pitch_fraction = stable_pitch_fraction(out.f0, out.notes, options.stable_pitch_semitones);
    if (out.notes.notes.empty())
        out.warnings.push_back("no sung notes found (no voiced, pitched frames)");
    else if (out.stable_pitch_fraction < options.min_stable_pitch_fraction)
        out.warnings.push_back("the voice does not hold steady pitches (speech or unpitched sound?): notes and "
                               "melody key are unreliable");
}

Chromagram chroma_of(const Mixdowns& mix, const ChromaOptions& options) {
    if (mix.pitch_signal.empty() || mix.pitch_rate.hz >= mix.rate.hz || mix.pitch_rate.hz < options.analysis_rate)
        return compute_chroma(mix.mono, mix.rate, options);
    Chromagram chroma = compute_chroma(mix.pitch_signal, mix.pitch_rate, options);
    chroma.source_rate = mix.rate;  // frame times are unchanged; samples are the recording's
    return chroma;
}

void analyze_harmony_and_rhythm(const Mixdowns& mix, const AnalysisOptions& options, const Reporter& reporter,
                                AudioAnalysis& out) {
    const std::vector<float>& mono = mix.mono;
    const SampleRate rate = mix.rate;
    Chromagram chroma;
    if (options.harmony || options.rhythm) chroma = chroma_of(mix, options.chroma);
    reporter.report(kStage, 0.6);
    if (options.rhythm) {
        // One STFT pass for the envelope and the bands the metrical-level gates read.
        const OnsetBands bands = onset_bands(mono, rate, options.beats.onset);
        out.beats = track_beats(bands, options.beats, options.harmony ? &chroma : nullptr);
        if (out.beats.empty()) out.warnings.push_back("no steady beat found: no tempo, beats or downbeats");
    }
    reporter.report(kStage, 0.8);
    if (options.harmony) {
        out.chords = estimate_chords(chroma, out.beats.empty() ? nullptr : &out.beats, options.chords);
        out.key = estimate_key_with_chords(chroma, out.chords, options.key);
        if (!out.key.has_key()) out.warnings.push_back("no key: no pitched content in the chroma");
    }
    if (!out.notes.notes.empty()) {
        const TempoMap tempo = out.beats.empty() ? TempoMap::constant(120.0, rate) : out.beats.tempo;
        const std::vector<Note> notes = notes_on_tempo_map(out.notes.notes, tempo);
        out.melody_key = estimate_key_from_notes(notes);
    }
}

// JSON helpers: undefined numbers (infinities, NaN) become null; times are rounded to 0.1 ms.
nlohmann::json number(double value, double step = 0.0) {
    if (!std::isfinite(value)) return nullptr;
    return step > 0.0 ? std::round(value / step) * step : value;
}
nlohmann::json seconds(double value) { return number(value, 1e-4); }

nlohmann::json key_json(const KeyEstimate& estimate) {
    if (!estimate.key) return nullptr;
    return {{"name", estimate.key->to_string()},
            {"tonic", estimate.key->tonic.to_string()},
            {"mode", std::string(mode_name(estimate.key->mode))},
            {"confidence", number(estimate.confidence, 1e-3)}};
}

nlohmann::json f0_json(const F0Track& track) {
    nlohmann::json hz = nlohmann::json::array(), probability = nlohmann::json::array();
    for (const PitchFrame& frame : track.frames) {
        hz.push_back(frame.voiced ? number(static_cast<double>(frame.f0_hz), 0.01) : nlohmann::json(0));
        probability.push_back(number(static_cast<double>(frame.voiced_probability), 0.001));
    }
    return {{"hop_s", track.hop_seconds()},
            {"hop", track.hop},
            {"sample_rate", track.rate.hz},
            {"frame_time", "frame i is centred at i * hop_s seconds"},
            {"hz", std::move(hz)},
            {"voiced_probability", std::move(probability)}};
}

nlohmann::json rhythm_json(const BeatResult& beats) {
    nlohmann::json out;
    out["bpm"] = beats.empty() ? nlohmann::json(nullptr) : number(beats.bpm, 0.01);
    out["meter"] = beats.empty() ? nlohmann::json(nullptr)
                                 : nlohmann::json(std::to_string(beats.meter.numerator) + "/" +
                                                  std::to_string(beats.meter.denominator));
    nlohmann::json times = nlohmann::json::array(), downbeats = nlohmann::json::array(), anchors = nlohmann::json::array();
    for (double t : beats.seconds) times.push_back(seconds(t));
    for (std::size_t index : beats.downbeats)
        if (index < beats.seconds.size()) downbeats.push_back(seconds(beats.seconds[index]));
    if (!beats.empty())
        for (const TempoAnchor& anchor : beats.tempo.anchors())
            anchors.push_back({{"tick", anchor.tick.value},
                               {"sample", anchor.sample.value},
                               {"seconds", seconds(to_seconds(anchor.sample, beats.tempo.sample_rate()).value)}});
    out["beats"] = std::move(times);
    out["downbeats"] = std::move(downbeats);
    out["tempo_map"] = {{"sample_rate", beats.tempo.sample_rate().hz},
                        {"ticks_per_quarter", kTicksPerQuarter},
                        {"anchors", std::move(anchors)}};
    return out;
}

nlohmann::json loudness_json(const LoudnessReport& report) {
    nlohmann::json curve = nlohmann::json::array();
    for (double value : report.short_term_lufs) curve.push_back(number(value, 0.01));
    return {{"integrated_lufs", number(report.integrated_lufs, 0.01)},
            {"loudness_range_lu", number(report.loudness_range_lu, 0.01)},
            {"max_short_term_lufs", number(report.max_short_term_lufs, 0.01)},
            {"true_peak_dbtp", number(report.true_peak_dbtp, 0.01)},
            {"sample_peak_dbfs", number(report.sample_peak_dbfs, 0.01)},
            {"short_term_hop_s", report.short_term_hop_s},
            {"short_term_lufs", std::move(curve)}};
}

}  // namespace

AudioAnalysis analyze_audio(const AudioBuffer& audio, const AnalysisOptions& options, const Reporter& reporter) {
    AudioAnalysis out;
    out.rate = audio.rate;
    out.channels = audio.channel_count();
    out.duration_s = to_seconds(audio.length(), audio.rate).value;
    out.beats.tempo = TempoMap::constant(120.0, audio.rate);
    reporter.report(kStage, 0.0);
    out.loudness = loudness_report(audio, options.loudness);
    const std::vector<float> mono = audio.mono();
    if (mono.empty()) {
        out.warnings.push_back("empty audio: nothing to analyse");
        reporter.report(kStage, 1.0);
        return out;
    }
    // The loudness report's sample peak (the maximum |sample| over the channels) decides silence.
    if (out.loudness.sample_peak_dbfs < options.silence_peak_dbfs) {
        out.warnings.push_back("silent audio: no key, tempo, chords or notes");
        reporter.report(kStage, 1.0);
        return out;
    }
    reporter.report(kStage, 0.1);
    Mixdowns mix{mono, audio.rate, {}, SampleRate(options.pitch.analysis_rate)};
    if (options.melody || options.harmony) {
        if (options.pitch.analysis_rate <= 0) throw InputError("pitch.analysis_rate", std::to_string(options.pitch.analysis_rate),
                                                               "8000 to 96000 Hz");
        mix.pitch_signal = resample(mono, audio.rate, mix.pitch_rate);
    }
    if (options.melody) analyze_melody(mix, options, out);
    reporter.report(kStage, 0.4);
    analyze_harmony_and_rhythm(mix, options, reporter, out);
    reporter.report(kStage, 1.0);
    return out;
}

std::vector<Note> notes_on_tempo_map(const std::vector<NoteEvent>& notes, const TempoMap& tempo) {
    std::vector<Note> out;
    out.reserve(notes.size());
    for (const NoteEvent& event : notes) {
        Note note;
        note.start = tempo.to_ticks(Seconds(event.onset_s));
        note.duration = std::max(Ticks(1), tempo.to_ticks(Seconds(event.offset_s)) - note.start);
        note.pitch = std::clamp(event.midi_pitch, 0, 127);
        // -50 dBFS -> 30, -6 dBFS -> 120: the level of a sung line mapped onto MIDI velocity.
        note.velocity = std::clamp(static_cast<int>(std::lround(30.0 + (event.level_db + 50.0) * 90.0 / 44.0)), 1, 127);
        out.push_back(note);
    }
    return out;
}

nlohmann::json to_json(const AudioAnalysis& analysis) {
    nlohmann::json out;
    out["duration_s"] = seconds(analysis.duration_s);
    out["sample_rate"] = analysis.rate.hz;
    out["channels"] = analysis.channels;
    out["key"] = key_json(analysis.key);
    out["melody_key"] = key_json(analysis.melody_key);
    out.update(rhythm_json(analysis.beats));
    nlohmann::json notes = nlohmann::json::array();
    for (const NoteEvent& note : analysis.notes.notes)
        notes.push_back({{"onset", seconds(note.onset_s)},
                         {"offset", seconds(note.offset_s)},
                         {"pitch", note.midi_pitch},
                         {"name", midi_pitch_name(note.midi_pitch)},
                         {"median_pitch", number(note.median_pitch, 0.001)},
                         {"level_db", number(note.level_db, 0.1)},
                         {"confidence", number(note.confidence, 0.001)}});
    out["notes"] = std::move(notes);
    out["tuning_cents"] = number(analysis.notes.tuning_cents, 0.1);
    out["stable_pitch_fraction"] = number(analysis.stable_pitch_fraction, 0.001);
    out["f0"] = f0_json(analysis.f0);
    nlohmann::json chords = nlohmann::json::array();
    for (const ChordEstimate& chord : analysis.chords)
        chords.push_back({{"start", seconds(chord.start_seconds)},
                          {"end", seconds(chord.end_seconds)},
                          {"label", chord.label()},
                          {"symbol", chord.symbol(analysis.key.key)},
                          {"confidence", number(chord.confidence, 0.001)}});
    out["chords"] = std::move(chords);
    nlohmann::json phrases = nlohmann::json::array();
    for (const Phrase& phrase : analysis.phrases)
        phrases.push_back({{"start", seconds(phrase.start_s)},
                           {"end", seconds(phrase.end_s)},
                           {"pause_after", seconds(phrase.pause_after_s)}});
    out["phrases"] = std::move(phrases);
    out["loudness"] = loudness_json(analysis.loudness);
    out["warnings"] = analysis.warnings;
    return out;
}

}  // namespace tunesmith
