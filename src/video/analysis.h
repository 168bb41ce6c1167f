// analyze_video: one pass over a video file giving what scoring needs: exact frame times, shot
// cuts (hard and fade), motion intensity and its segments, and dialogue ranges from the video's
// own audio track. Reentrant; decodes with options.decode.threads threads; never prints.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/progress.h"
#include "spec/cue_spec.h"
#include "video/cuts.h"
#include "video/decoder.h"
#include "video/dialogue.h"
#include "video/motion.h"

namespace tunesmith {

struct VideoAnalysisOptions {
    DecodeOptions decode;
    CutOptions cuts;
    VoiceActivityOptions voice;
    bool dialogue = true;  // false: the audio track is not read
};

struct VideoAnalysis {
    VideoInfo info;
    std::vector<Rational> frame_times;  // every frame, exact, from the first frame
    Rational length;                    // the last frame's end: the cue's length
    bool variable_frame_rate = false;   // frame intervals differ
    std::vector<Cut> cuts;
    MotionAnalysis motion;
    std::vector<IntensitySegment> intensity;
    std::vector<TimeRange> dialogue;  // empty when there is no audio or nobody speaks
    std::vector<std::string> warnings;
    std::int64_t skimmed_frames = 0;  // frames not decoded (options.decode.skim), previous picture repeated
};

// InputError (naming "video file", "video", "video length" or "video audio") for a file that
// cannot be analysed; nothing is written. Progress: "decode", then "dialogue".
VideoAnalysis analyze_video(const std::filesystem::path& path, const VideoAnalysisOptions& options = {},
                            const Reporter& reporter = {});

// The index of the first frame at or after `time` (the last frame if `time` is past the end).
std::size_t frame_at(const VideoAnalysis& analysis, Rational time);

}  // namespace tunesmith
