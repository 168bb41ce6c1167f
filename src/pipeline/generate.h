// The top-level pipeline: spec -> plan -> compose -> render -> master -> export, as one call.
// Writes into a staging folder next to the output folder and renames it into place at the end,
// so a failure leaves nothing partial. Never prints: progress and log through the Reporter.
// Reentrant (no shared state); rendering and mixing use their own worker threads.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/progress.h"
#include "compose/plan.h"
#include "export/provenance.h"
#include "music/score.h"
#include "spec/cue_spec.h"
#include "spec/resolve.h"

namespace tunesmith {

struct GenerateOptions {
    std::filesystem::path out_dir;     // required; created, or replaced if it holds an earlier cue
    std::filesystem::path data_dir;    // styles and lexicon; empty: default_data_dir()
    std::filesystem::path soundfont;   // empty: the default General MIDI SoundFont
    std::filesystem::path soundfont_cache;  // a compressed font decoded once and kept here; empty: per render
    std::vector<std::string> formats;  // empty: the spec's formats ("wav", "flac", "mid")
    bool audio = true;                 // false: only score.mid and cue.json (no synthesis)
    bool loop = false;                 // also write loop.wav (release tail folded onto the start)
    int variations = 1;                // 1..16; with N > 1 version k goes to DIR/vk with seed + k - 1
    int threads = 0;                   // 0: all hardware threads
    int window_bars = 0;               // 0: one pass per stem (streamed); N: N-bar windows on all cores, in memory
    std::filesystem::path signing_key;  // provenance key file; empty: $TUNESMITH_SIGNING_KEY, else the installation's
    std::vector<std::filesystem::path> inputs;  // user files the cue was made from (vocal, video): hashed into provenance
};

// One cue as written: what was planned and composed, and where it went.
struct CueResult {
    CueSpec spec;  // as generated (a variation's seed differs from the request's)
    Plan plan;
    Score score;
    std::string style;
    std::vector<std::filesystem::path> files;  // final paths, in writing order
    std::map<std::filesystem::path, std::string> pcm_digests;  // of the audio files, as written
    std::optional<double> integrated_lufs;     // of the mix, when audio was rendered
    std::optional<double> true_peak_dbtp;
    std::vector<std::string> warnings;  // what rendering could not do as asked (a loudness target missed)
    std::vector<std::filesystem::path> data_files;  // data files the cue was made from (pipeline/data_files.h)
};

struct GenerateResult {
    std::filesystem::path out_dir;
    std::vector<std::filesystem::path> files;  // every file written, final paths
    Plan plan;    // of the main cue
    Score score;  // of the main cue
    std::vector<CueResult> cues;  // the main cue first, then variations 2..n
    std::vector<std::string> warnings;
};

// Renders (when options.audio), masters and writes one composed cue into `folder`: audio files,
// score.mid and cue.json (with these warnings and cue.warnings, which rendering fills and the
// reporter is told of). Fills cue.files and the loudness figures. No
// staging: the caller owns the folder (generate, score-video and accompany wrap it in a StagingDir).
// `rights` (the melody check's JSON, rights/check.h) goes into cue.json and the provenance record;
// last, provenance.json (naming cue.data_files) is written and the signed record embedded in
// every WAV/FLAC/MIDI file.
void write_cue(CueResult& cue, const GenerateOptions& options, const std::filesystem::path& folder,
               const std::vector<std::string>& warnings, const Reporter& reporter = {},
               const nlohmann::json& rights = nullptr);

// Signs and writes <request.folder>/provenance.json and embeds the record in every output that can
// carry one; the SoundFont (when options.audio), options.inputs, the existing data files and the
// time are filled in here. Returns its path.
std::filesystem::path write_signed_provenance(ProvenanceRequest request, const GenerateOptions& options,
                                              const Reporter& reporter = {});

// The files a cue folder holds for these formats and options (names relative to the folder).
std::vector<std::string> expected_cue_files(const Score& score, const std::vector<std::string>& formats, bool audio,
                                            bool loop);

// Generates from a resolved spec. InputError for a spec that cannot be honoured, a missing
// SoundFont or style data, or an output folder that cannot be written (nothing is left behind).
GenerateResult generate(const CueSpec& spec, const GenerateOptions& options, const Reporter& reporter = {});

// Resolves the request (defaults < prompt < JSON < flags) first; its warnings join the result's.
GenerateResult generate(const SpecRequest& request, const GenerateOptions& options, const Reporter& reporter = {});

// An edited MIDI file back to finished audio (the editor's round trip): the score is read from
// `midi` at the spec's sample rate, rendered, mixed and mastered with the spec's loudness target and
// dialogue rules, and written to options.out_dir like a generated cue (audio, score.mid as read).
// The spec's length, when it is given (not zero), sets the audio length; else the MIDI's own end.
GenerateResult render_midi(const std::filesystem::path& midi, const CueSpec& spec, bool use_spec_length,
                           const GenerateOptions& options, const Reporter& reporter = {});

}  // namespace tunesmith
