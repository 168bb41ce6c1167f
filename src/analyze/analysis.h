// The whole analysis of one recording in one value: key, tempo, beats, downbeats and tempo map,
// chords (ANALYSIS-B's analyzers), f0, notes, phrases and loudness, plus its JSON form.
// Pure function of the audio; thread-safe; reports progress through the Reporter only.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze/beats.h"
#include "analyze/chords.h"
#include "analyze/chroma.h"
#include "analyze/key.h"
#include "analyze/loudness_report.h"
#include "analyze/notes.h"
#include "analyze/phrases.h"
#include "analyze/pitch.h"
#include "audio/buffer.h"
#include "base/progress.h"

namespace tunesmith {

struct AnalysisOptions {
    bool melody = true;  // f0, notes and phrases (the monophonic voice analysis)
    bool harmony = true; // chroma, key and chords
    bool rhythm = true;  // onsets, tempo, beats and downbeats
    PitchOptions pitch;
    NoteOptions notes;
    PhraseOptions phrases;
    LoudnessReportOptions loudness;
    ChromaOptions chroma;
    KeyOptions key;
    ChordOptions chords;
    BeatOptions beats;
    // Audio whose sample peak is below this is reported as silent (no key, tempo, notes).
    double silence_peak_dbfs = -70.0;
    // A voiced frame is "stable" within this many semitones of its note's pitch (vibrato fits);
    // below min_stable_pitch_fraction of stable frames the melody is flagged as speech-like.
    double stable_pitch_semitones = 0.5;
    double min_stable_pitch_fraction = 0.75;
};

struct AudioAnalysis {
    SampleRate rate;
    std::size_t channels = 0;
    double duration_s = 0.0;
    KeyEstimate key;          // from the audio's chroma and the recognised chords (estimate_key_with_chords)
    KeyEstimate melody_key;   // from the transcribed notes (useful for an a cappella vocal)
    BeatResult beats;         // bpm, beat times, downbeats, meter and tempo map
    std::vector<ChordEstimate> chords;
    F0Track f0;
    NoteTranscription notes;
    std::vector<Phrase> phrases;
    double stable_pitch_fraction = 0.0;  // share of the notes' voiced frames near the note pitch
    LoudnessReport loudness;
    std::vector<std::string> warnings;  // why a section is empty (silence, too short, ...)
};

AudioAnalysis analyze_audio(const AudioBuffer& audio, const AnalysisOptions& options = {},
                            const Reporter& reporter = {});

// Notes as score notes on a tempo map (seconds -> ticks); velocity follows the note level.
std::vector<Note> notes_on_tempo_map(const std::vector<NoteEvent>& notes, const TempoMap& tempo);

// The full result: key, bpm, meter, beats, downbeats, tempo_map, notes, f0 (with its hop),
// chords, phrases, loudness, warnings. Undefined values (no key, -inf loudness) are null.
nlohmann::json to_json(const AudioAnalysis& analysis);

}  // namespace tunesmith
