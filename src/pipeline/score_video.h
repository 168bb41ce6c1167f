// score_video: music for an existing video. Analyse the picture and sound (cuts, motion,
// dialogue), condition the request's CueSpec on them, then plan -> compose -> render like
// generate, and write the cue plus cuts.json and the video with the new soundtrack muxed in.
// Everything goes to a staging folder renamed into place at the end (nothing partial on error).
// Reentrant; never prints (progress and log through the Reporter).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/generate.h"
#include "video/analysis.h"
#include "video/conditioning.h"

namespace tunesmith {

struct ScoreVideoOptions {
    GenerateOptions generate;              // out_dir (required), data_dir, soundfont, formats, threads
    HitSelection hits = HitSelection::major;
    std::vector<Seconds> cuts;             // added by hand (--cut); always hits
    bool mux = true;                       // write scored.mp4 (or .mkv); needs audio and a wav or flac mix
    VideoAnalysisOptions analysis;
};

struct ScoreVideoResult {
    std::filesystem::path out_dir;
    std::vector<std::filesystem::path> files;  // every file written, final paths
    CueResult cue;
    VideoAnalysis analysis;
    VideoConditioning conditioning;
    std::optional<std::filesystem::path> scored_video;
    std::vector<std::string> warnings;
};

// Precedence: defaults < prompt words < the video (length, sections, hits, dialogue, motion energy)
// < the spec JSON < flags. Motion sets the energy curve only when neither the prompt nor the JSON
// shapes energy. InputError (naming the field) for bad video input, options or spec.
ScoreVideoResult score_video(const std::filesystem::path& video, const SpecRequest& request,
                             const ScoreVideoOptions& options, const Reporter& reporter = {});

}  // namespace tunesmith
