// accompany(): an uploaded vocal to an accompaniment Score that follows the singer. Analysis
// (notes, key, phrases, the singer's beat grid), isolation when the upload is a mix, HMM
// harmonization of the sung melody, and an arrangement that breathes with the phrases.
// Pure function of the audio, the resolved spec, the style and the options (seeded by spec.seed);
// thread-safe; reports progress through the Reporter only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accompany/arrange.h"
#include "accompany/bar_phase.h"
#include "accompany/harmonize.h"
#include "accompany/separation.h"
#include "accompany/sung_beats.h"
#include "accompany/vocal_check.h"
#include "analyze/analysis.h"
#include "analyze/melody_salience.h"
#include "audio/buffer.h"
#include "base/progress.h"
#include "compose/plan.h"
#include "compose/style.h"
#include "music/score.h"
#include "spec/cue_spec.h"

namespace tunesmith {

struct AccompanyOptions {
    // Explicit user values; unset ones are inferred from the vocal.
    std::optional<Key> key;
    std::optional<double> bpm;
    std::optional<Meter> meter;
    std::vector<Chord> chords;  // a forced progression, one chord per bar, cycled; empty: harmonize
    bool isolate = true;        // isolate the voice when the upload is a mix
    // In a mix, take the sung line from the predominant-melody (voice) f0 instead of pYIN, which
    // follows the loudest line (often the bass); notes, phrases and the isolation mask follow it.
    // It also decides mix detection when the monophonic f0 disagrees with it (a loud bass line).
    bool voice_melody = true;
    PredominantMelodyOptions melody;
    double mix_min_pause_s = 0.5;  // a mix's phrases end at pauses this long (voicing gaps are less sure)
    double mix_max_phrase_s = 20.0;  // a longer phrase in a mix is warned about (band taken for the voice)
    HarmonizeOptions harmony;   // attach the corpus model (load_harmony_model) for corpus transitions
    // Bar lines where the sung melody implies chord changes: of the tracked grid's bar phases, the one
    // whose harmonization fits best (harmony_fit). Off: the beat tracker's downbeats.
    bool bar_lines_from_harmony = true;
    // A bare vocal tracked faster than this is also tried at half the tempo (both halves of the beats,
    // every bar phase; the harmony fit chooses). A cappella melodies are often tracked at twice their
    // tempo, and accompaniment figures on a double-time grid fall between the singer's beats.
    double max_sung_bpm = 100.0;
    // Where pop melodies place their notes in the bar (load_melody_bar_profile). When set, the bar phase
    // is chosen by the harmony fit over the sung span plus `bar_profile_weight` x bar_profile_fit (phrase
    // starts and ends, long notes), within the grid the harmony fit chose (tracked or halved, and which
    // beats), so that the profile moves bar lines only, never the beats. Null: the harmony alone.
    std::shared_ptr<const MelodyBarProfile> bar_profile;
    double bar_profile_weight = 1.0;
    // The 3/4 table (load_three_four_bar_profile). With both tables and no `meter`, the meter is chosen
    // too: 3/4 and 4/4, each at its best bar phase by the same fit on the same notes (the tracker's
    // accent meter reads bare 4/4 voices as 3/4, and the harmony fit alone cannot tell them apart).
    std::shared_ptr<const MelodyBarProfile> three_four_bar_profile;
    // Where pop melodies begin notes inside the beat (load_sung_onset_profile). When set, a bare vocal
    // without --bpm plays on the beats tracked from its sung notes (track_sung_beats) rather than
    // from the audio's onset strength, which follows syncopated onsets off the beat.
    std::shared_ptr<const SungOnsetProfile> sung_onsets;
    SungBeatOptions sung_beats;
    AccompanyArrangeOptions arrangement;
    AnalysisOptions analysis;
};

struct Accompaniment {
    CueSpec spec;           // the request with the inferred key, tempo, meter and length filled in
    Plan plan;              // one section; tempo map = the singer's grid; bar energy = vocal loudness
    Score score;            // accompaniment tracks only (what is rendered)
    Track vocal_track;      // "vocal (transcribed)": the sung notes on the grid (for score.mid)
    AudioBuffer vocal;      // the voice as mixed: the upload, or the isolated voice of a mix
    AudioAnalysis analysis; // of the voice the notes came from
    VocalCheck check;
    MixDetection mix;
    std::vector<ChordSpan> chords;
    std::vector<TickRange> phrases;
    std::string key_source;    // "--key", "sung melody", "audio chroma"
    std::string tempo_source;  // see SingerGrid::source
    int bar_shift = 0;         // beats the bar lines moved from the tracker's downbeats (bar_lines_from_harmony;
                               // counted in the chosen meter, which the bar profiles may change)
    bool halved = false;       // the tracked tempo was halved (max_sung_bpm)
    Ticks rest_until{0};       // the accompaniment rests before this tick (a squeezed lead-in; see rest_before)
    std::string chord_source;  // "harmonized", "--chords"
    std::vector<std::string> warnings;
};

// Throws InputError("vocal", ...) for audio that is too short or long, silent, or holds no singing.
Accompaniment accompany(const AudioBuffer& vocal, const CueSpec& spec, const Style& style,
                        const AccompanyOptions& options = {}, const Reporter& reporter = {});

// Parses "C G Am F" (spaces, commas or bars between symbols). InputError("chords", ...) names the
// first symbol that is not a chord; an empty text gives no chords.
std::vector<Chord> parse_chord_list(const std::string& text);

// In a mix, a sung phrase longer than `max_phrase_s` means the band's sustained line passed for the
// voice (a singer breathes every few seconds): the warning that says so, or nullopt.
std::optional<std::string> long_phrase_warning(const std::vector<Phrase>& phrases, double max_phrase_s);

}  // namespace tunesmith
