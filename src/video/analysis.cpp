// One decode pass collecting change signals, then cut detection, motion and (from the audio
// track, read separately) dialogue ranges.
#include "video/analysis.h"

#include <algorithm>

#include "audio/audio_reader.h"
#include "base/error.h"

namespace tunesmith {
namespace {

bool intervals_vary(const std::vector<FrameSignals>& signals) {
    if (signals.size() < 3) return false;
    std::int64_t shortest = INT64_MAX, longest = 0;
    for (std::size_t j = 1; j < signals.size(); ++j) {
        const std::int64_t step = signals[j].pts - signals[j - 1].pts;
        shortest = std::min(shortest, step);
        longest = std::max(longest, step);
    }
    // Millisecond time bases round 1001/30000 s to 33 or 34 ms; that is not a variable rate.
    return static_cast<double>(longest) > 1.05 * static_cast<double>(shortest);
}

std::vector<TimeRange> read_dialogue(const VideoAnalysis& analysis, const VideoAnalysisOptions& options,
                                     std::vector<std::string>& warnings) {
    AudioBuffer audio;
    try {
        audio = read_audio_file(analysis.info.path, AudioReadOptions{options.decode.limits.max_duration});
    } catch (const InputError& e) {
        throw InputError("video audio", analysis.info.path.string(),
                         std::string("an audio track that decodes, or none (") + e.what() + ")");
    }
    if (audio.empty()) {
        warnings.push_back("the audio track holds no samples: no dialogue detection");
        return {};
    }
    std::vector<TimeRange> ranges = detect_dialogue(audio, options.voice);
    const double end = analysis.length.to_double();
    std::vector<TimeRange> inside;
    for (TimeRange r : ranges) {
        if (r.start.value >= end) continue;
        r.end = Seconds(std::min(r.end.value, end));
        inside.push_back(r);
    }
    return inside;
}

}  // namespace

std::size_t frame_at(const VideoAnalysis& analysis, Rational time) {
    const auto& times = analysis.frame_times;
    const auto it = std::lower_bound(times.begin(), times.end(), time);
    if (it == times.end()) return times.empty() ? 0 : times.size() - 1;
    return static_cast<std::size_t>(it - times.begin());
}

VideoAnalysis analyze_video(const std::filesystem::path& path, const VideoAnalysisOptions& options,
                            const Reporter& reporter) {
    VideoAnalysis analysis;
    analysis.info = probe_video(path, options.decode.limits);
    SignalCollector collector(gradual_half_window(analysis.info.frame_rate));
    const DecodeSummary summary =
        decode_video(path, options.decode, [&](const AnalysisFrame& frame) { collector.add(frame); }, reporter);
    const std::vector<FrameSignals> signals = collector.take();
    analysis.length = summary.end_time;
    analysis.skimmed_frames = summary.skimmed_frames;
    analysis.frame_times.reserve(signals.size());
    for (const auto& s : signals) analysis.frame_times.push_back(s.time);
    analysis.variable_frame_rate = intervals_vary(signals);
    if (summary.corrupt_packets > 0)
        analysis.warnings.push_back(std::to_string(summary.corrupt_packets) +
                                    " damaged video packets were skipped; cuts near them may be missed");

    analysis.cuts = detect_cuts(signals, collector.thumbnails(), collector.half_window(), options.cuts);
    analysis.motion = measure_motion(signals, analysis.cuts);
    analysis.intensity = intensity_segments(analysis.motion);
    reporter.report("cuts", 1.0);

    if (!analysis.info.has_audio) {
        analysis.warnings.push_back("the video has no audio track: no dialogue detection, and scored.mp4 carries "
                                    "the music only");
    } else if (options.dialogue) {
        analysis.dialogue = read_dialogue(analysis, options, analysis.warnings);
        reporter.report("dialogue", 1.0);
    }
    return analysis;
}

}  // namespace tunesmith
