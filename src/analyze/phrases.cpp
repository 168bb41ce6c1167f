// Phrase segmentation: voiced frames joined across pauses shorter than the minimum, short bursts
// dropped, and each phrase extended over the loud unvoiced consonants at its edges.
#include "analyze/phrases.h"

#include <algorithm>
#include <cmath>

namespace tunesmith {
namespace {

struct FrameSpan {
    std::size_t begin;  // [begin, end) in frames
    std::size_t end;
};

double median_voiced_level(const F0Track& track, FrameSpan span) {
    std::vector<double> levels;
    for (std::size_t f = span.begin; f < span.end; ++f)
        if (track.frames[f].voiced) levels.push_back(static_cast<double>(track.frames[f].level_db));
    if (levels.empty()) return -120.0;
    const auto middle = levels.begin() + static_cast<std::ptrdiff_t>(levels.size() / 2);
    std::nth_element(levels.begin(), middle, levels.end());
    return *middle;
}

// Grows a span over adjacent unvoiced frames loud enough to be consonants of the phrase.
FrameSpan extend_over_consonants(const F0Track& track, FrameSpan span, std::size_t lower_limit,
                                 std::size_t upper_limit, const PhraseOptions& o) {
    const double floor = median_voiced_level(track, span) - o.consonant_db;
    const auto reach = static_cast<std::size_t>(std::lround(o.consonant_reach_s / track.hop_seconds()));
    std::size_t steps = 0;
    while (span.begin > lower_limit && steps < reach &&
           static_cast<double>(track.frames[span.begin - 1].level_db) >= floor) {
        --span.begin;
        ++steps;
    }
    steps = 0;
    while (span.end < upper_limit && steps < reach && static_cast<double>(track.frames[span.end].level_db) >= floor) {
        ++span.end;
        ++steps;
    }
    return span;
}

}  // namespace

std::vector<Phrase> segment_phrases(const F0Track& track, const PhraseOptions& options) {
    const double hop = track.hop_seconds();
    const auto min_pause = static_cast<std::size_t>(std::lround(options.min_pause_s / hop));
    const auto min_phrase = static_cast<std::size_t>(std::lround(options.min_phrase_s / hop));

    std::vector<FrameSpan> spans;
    for (std::size_t f = 0; f < track.size(); ++f) {
        if (!track.frames[f].voiced) continue;
        if (!spans.empty() && f - spans.back().end < min_pause) spans.back().end = f + 1;
        else spans.push_back({f, f + 1});
    }
    std::erase_if(spans, [&](const FrameSpan& s) { return s.end - s.begin < min_phrase; });
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const std::size_t lower = i > 0 ? spans[i - 1].end : 0;
        const std::size_t upper = i + 1 < spans.size() ? spans[i + 1].begin : track.size();
        spans[i] = extend_over_consonants(track, spans[i], lower, upper, options);
    }

    std::vector<Phrase> phrases;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        Phrase phrase;
        phrase.start_s = track.frame_time(spans[i].begin);
        phrase.end_s = track.frame_time(spans[i].end - 1) + hop;
        const double next = i + 1 < spans.size() ? track.frame_time(spans[i + 1].begin)
                                                 : track.frame_time(track.size() - 1) + hop;
        phrase.pause_after_s = std::max(0.0, next - phrase.end_s);
        phrases.push_back(phrase);
    }
    return phrases;
}

}  // namespace tunesmith
