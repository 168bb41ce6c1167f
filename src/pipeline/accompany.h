// The accompany pipeline: a vocal file plus a request (prompt and flags) to a finished folder:
// accompaniment.wav/.flac, mix.wav/.flac (vocal + accompaniment, mastered), stems/ (the vocal
// stem included, so the stems sum to the mix), score.mid (with the transcribed vocal), cue.json and
// provenance.json (signed; the vocal and the data files accompany read, embedded in the audio and MIDI).
// Written through a StagingDir: a failure leaves nothing partial. Never prints; reentrant.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "accompany/accompany.h"
#include "base/progress.h"
#include "pipeline/generate.h"
#include "spec/resolve.h"

namespace tunesmith {

struct AccompanyJob {
    std::filesystem::path vocal;  // the uploaded audio file
    SpecRequest request;          // prompt (style, instruments) and flags; key/bpm/meter given here win
    std::string chords;           // "C G Am F": forced progression, one chord per bar; empty: harmonize
    bool isolate = true;          // isolate the voice when the upload is a mix
    GenerateOptions output;       // out_dir, data_dir, soundfont, formats, audio, threads (variations/loop unused)
};

struct AccompanyResult {
    std::filesystem::path out_dir;
    std::vector<std::filesystem::path> files;  // final paths, in writing order
    Accompaniment accompaniment;
    std::string style;
    std::optional<double> integrated_lufs;  // of the mix
    std::optional<double> true_peak_dbtp;
    std::vector<std::string> warnings;      // resolution, analysis and arrangement warnings
};

// InputError for an unreadable or unusable vocal file (see accompany()), a malformed request or
// chord list, a missing SoundFont, or an output folder that cannot be written.
AccompanyResult accompany_file(const AccompanyJob& job, const Reporter& reporter = {});

// The cue sheet of an accompaniment: cue_sheet()'s fields plus "accompany": key and tempo sources,
// chords with start/end seconds, phrases, vocal checks and mix detection.
nlohmann::json accompany_cue_sheet(const Accompaniment& accompaniment, const std::string& style,
                                   const std::vector<std::string>& warnings);

}  // namespace tunesmith
