// Note segmentation: voiced regions, a vibrato-smoothed pitch decoded by Viterbi into piecewise-
// constant semitones, boundaries moved to where the raw pitch crosses between the two notes,
// level dips as extra onsets (repeated notes), short pieces merged, median pitch of the stable part.
#include "analyze/notes.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "base/statistics.h"
#include "music/pitch.h"

namespace tunesmith {
namespace {

constexpr double kGlideSemitonesPerFrame = 0.1;  // at 10 ms frames: 10 semitones per second
constexpr double kLeftNoteSemitones = 0.12;

struct Segment {
    std::size_t begin = 0;  // frame indices [begin, end)
    std::size_t end = 0;
    int label = 0;          // semitone (tuning-corrected MIDI)
};

// Fractional MIDI pitch per frame with the tuning offset removed; NaN where unvoiced.
std::vector<double> frame_pitches(const F0Track& track, double tuning_cents) {
    std::vector<double> pitch(track.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t f = 0; f < track.size(); ++f)
        if (track.frames[f].voiced && track.frames[f].f0_hz > 0.0f)
            pitch[f] = frequency_to_pitch(static_cast<double>(track.frames[f].f0_hz)) - tuning_cents / 100.0;
    return pitch;
}

// Voiced regions [begin, end): runs of voiced frames joined across gaps of at most max_gap frames.
std::vector<std::pair<std::size_t, std::size_t>> voiced_regions(const std::vector<double>& pitch, std::size_t max_gap) {
    std::vector<std::pair<std::size_t, std::size_t>> regions;
    std::size_t f = 0;
    while (f < pitch.size()) {
        if (std::isnan(pitch[f])) {
            ++f;
            continue;
        }
        const std::size_t begin = f;
        std::size_t last_voiced = f;
        while (f < pitch.size() && (!std::isnan(pitch[f]) || f - last_voiced <= max_gap)) {
            if (!std::isnan(pitch[f])) last_voiced = f;
            ++f;
        }
        regions.emplace_back(begin, last_voiced + 1);
        f = last_voiced + 1;
    }
    return regions;
}

// Mean of the voiced pitches within +-half frames (inside [begin, end)); NaN where unvoiced.
std::vector<double> smoothed(const std::vector<double>& pitch, std::size_t begin, std::size_t end, std::size_t half) {
    std::vector<double> sum(end - begin + 1, 0.0), count(end - begin + 1, 0.0);
    for (std::size_t f = begin; f < end; ++f) {
        const bool voiced = !std::isnan(pitch[f]);
        sum[f - begin + 1] = sum[f - begin] + (voiced ? pitch[f] : 0.0);
        count[f - begin + 1] = count[f - begin] + (voiced ? 1.0 : 0.0);
    }
    std::vector<double> out(end - begin, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t f = begin; f < end; ++f) {
        if (std::isnan(pitch[f])) continue;
        const std::size_t lo = f - begin >= half ? f - begin - half : 0;
        const std::size_t hi = std::min(end - begin, f - begin + half + 1);
        out[f - begin] = (sum[hi] - sum[lo]) / (count[hi] - count[lo]);
    }
    return out;
}

// Piecewise-constant semitone labels for a region by Viterbi over candidate semitones.
std::vector<int> decode_semitones(const std::vector<double>& smooth, const NoteOptions& o) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double s : smooth)
        if (!std::isnan(s)) lo = std::min(lo, s), hi = std::max(hi, s);
    const int first = static_cast<int>(std::floor(lo)) - 1;
    const auto states = static_cast<std::size_t>(static_cast<int>(std::ceil(hi)) + 1 - first + 1);
    const std::size_t n = smooth.size();
    std::vector<double> score(states, 0.0), next(states);
    std::vector<std::uint16_t> back(n * states);
    const double inv_two_var = 1.0 / (2.0 * o.pitch_sigma_semitones * o.pitch_sigma_semitones);
    auto emission = [&](std::size_t t, std::size_t k) {
        if (std::isnan(smooth[t])) return 0.0;  // unvoiced gap frames say nothing
        const double d = smooth[t] - (first + static_cast<int>(k));
        return -d * d * inv_two_var;
    };
    for (std::size_t k = 0; k < states; ++k) score[k] = emission(0, k);
    for (std::size_t t = 1; t < n; ++t) {
        const auto best = static_cast<std::size_t>(std::max_element(score.begin(), score.end()) - score.begin());
        for (std::size_t k = 0; k < states; ++k) {
            const bool stay = score[k] >= score[best] - o.change_cost;
            next[k] = (stay ? score[k] : score[best] - o.change_cost) + emission(t, k);
            back[t * states + k] = static_cast<std::uint16_t>(stay ? k : best);
        }
        score.swap(next);
    }
    std::vector<int> labels(n);
    auto state = static_cast<std::size_t>(std::max_element(score.begin(), score.end()) - score.begin());
    for (std::size_t t = n; t-- > 0;) {
        labels[t] = first + static_cast<int>(state);
        state = back[t * states + state];
    }
    return labels;
}

// Moves a boundary between two notes to where the raw pitch crosses their midpoint.
std::size_t refine_boundary(const std::vector<double>& pitch, std::size_t boundary, std::size_t lo, std::size_t hi,
                            int from, int to) {
    const double middle = 0.5 * (from + to);
    const bool rising = to > from;
    std::size_t best = boundary;
    std::size_t best_distance = std::numeric_limits<std::size_t>::max();
    for (std::size_t f = lo + 1; f < hi; ++f) {
        if (std::isnan(pitch[f]) || std::isnan(pitch[f - 1])) continue;
        const bool crosses = rising ? (pitch[f - 1] < middle && pitch[f] >= middle)
                                    : (pitch[f - 1] > middle && pitch[f] <= middle);
        const std::size_t distance = f > boundary ? f - boundary : boundary - f;
        if (crosses && distance < best_distance) best = f, best_distance = distance;
    }
    if (best_distance == std::numeric_limits<std::size_t>::max()) return boundary;
    // A glide belongs to the note it moves into: walk back to where the pitch left the old note
    // (still moving fast towards the new one and clearly away from the old centre).
    const double sign = rising ? 1.0 : -1.0;
    while (best > lo + 2 && !std::isnan(pitch[best - 1]) && !std::isnan(pitch[best - 2]) &&
           (pitch[best - 1] - pitch[best - 2]) * sign >= kGlideSemitonesPerFrame &&
           (pitch[best - 1] - from) * sign >= kLeftNoteSemitones)
        --best;
    return best;
}

// Frames inside [begin, end) where the level dips by `dip` dB below both sides (local minima).
std::vector<std::size_t> level_dips(const F0Track& track, std::size_t begin, std::size_t end, double dip,
                                    std::size_t reach) {
    std::vector<std::size_t> dips;
    for (std::size_t f = begin + 1; f + 1 < end; ++f) {
        const double level = static_cast<double>(track.frames[f].level_db);
        double left = -std::numeric_limits<double>::infinity(), right = left;
        for (std::size_t k = f > begin + reach ? f - reach : begin; k < f; ++k)
            left = std::max(left, static_cast<double>(track.frames[k].level_db));
        for (std::size_t k = f + 1; k < std::min(end, f + reach + 1); ++k)
            right = std::max(right, static_cast<double>(track.frames[k].level_db));
        const bool local_min = level <= static_cast<double>(track.frames[f - 1].level_db) &&
                               level < static_cast<double>(track.frames[f + 1].level_db);
        if (local_min && level < std::min(left, right) - dip) dips.push_back(f);
    }
    return dips;
}

std::vector<Segment> region_segments(const F0Track& track, const std::vector<double>& pitch, std::size_t begin,
                                     std::size_t end, const NoteOptions& o) {
    const auto half = static_cast<std::size_t>(std::lround(o.vibrato_smoothing_s / track.hop_seconds() / 2.0));
    const std::vector<double> smooth = smoothed(pitch, begin, end, half);
    const std::vector<int> labels = decode_semitones(smooth, o);
    std::vector<Segment> segments;
    for (std::size_t f = begin; f < end; ++f) {
        const int label = labels[f - begin];
        if (segments.empty() || segments.back().label != label) segments.push_back({f, f + 1, label});
        else segments.back().end = f + 1;
    }
    for (std::size_t i = 1; i < segments.size(); ++i) {
        const std::size_t lo = std::max(segments[i - 1].begin, segments[i].begin > half ? segments[i].begin - half : 0);
        const std::size_t hi = std::min(segments[i].end, segments[i].begin + half + 1);
        const std::size_t b = refine_boundary(pitch, segments[i].begin, lo, hi, segments[i - 1].label, segments[i].label);
        if (b > segments[i - 1].begin && b < segments[i].end) segments[i - 1].end = segments[i].begin = b;
    }
    // Unvoiced gaps (consonants) and level dips start new notes (repeated pitches on new syllables).
    const auto split_gap = static_cast<std::size_t>(std::max(1L, std::lround(o.split_gap_s / track.hop_seconds())));
    for (std::size_t f = begin; f < end;) {
        if (!std::isnan(pitch[f])) {
            ++f;
            continue;
        }
        const std::size_t gap_begin = f;
        while (f < end && std::isnan(pitch[f])) ++f;
        if (f - gap_begin < split_gap) continue;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (gap_begin <= segments[i].begin || f >= segments[i].end) continue;
            Segment tail = segments[i];
            tail.begin = f;
            segments[i].end = gap_begin;
            segments.insert(segments.begin() + static_cast<std::ptrdiff_t>(i) + 1, tail);
            break;
        }
    }
    // Level dips: the new syllable's attack after a quick release.
    const auto reach = static_cast<std::size_t>(std::lround(0.1 / track.hop_seconds()));
    for (std::size_t dip : level_dips(track, begin, end, o.level_dip_db, reach)) {
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (dip <= segments[i].begin + 1 || dip + 2 >= segments[i].end) continue;
            Segment tail = segments[i];
            tail.begin = dip + 1;
            segments[i].end = dip;
            segments.insert(segments.begin() + static_cast<std::ptrdiff_t>(i) + 1, tail);
            break;
        }
    }
    return segments;
}

// Median raw pitch of a segment's voiced frames (its label when it has none).
double segment_pitch(const std::vector<double>& pitch, const Segment& segment) {
    std::vector<double> values;
    for (std::size_t f = segment.begin; f < segment.end; ++f)
        if (!std::isnan(pitch[f])) values.push_back(pitch[f]);
    return values.empty() ? segment.label : median(values);
}

// Merges segments shorter than min_frames into the touching neighbour closest to their pitch.
void merge_short(std::vector<Segment>& segments, const std::vector<double>& pitch, std::size_t min_frames) {
    bool changed = true;
    while (changed) {
        changed = false;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (segments[i].end - segments[i].begin >= min_frames) continue;
            const bool has_left = i > 0 && segments[i - 1].end + 1 >= segments[i].begin;
            const bool has_right = i + 1 < segments.size() && segments[i + 1].begin <= segments[i].end + 1;
            if (!has_left && !has_right) continue;
            const double own = segment_pitch(pitch, segments[i]);
            const bool to_left = has_left && (!has_right || std::abs(segments[i - 1].label - own) <=
                                                               std::abs(segments[i + 1].label - own));
            if (to_left) segments[i - 1].end = segments[i].end;
            else segments[i + 1].begin = segments[i].begin;
            segments.erase(segments.begin() + static_cast<std::ptrdiff_t>(i));
            changed = true;
            break;
        }
    }
    // Touching pieces that ended up on the same semitone are one note (dip splits leave a gap).
    for (std::size_t i = 1; i < segments.size();) {
        if (segments[i].label == segments[i - 1].label && segments[i].begin == segments[i - 1].end) {
            segments[i - 1].end = segments[i].end;
            segments.erase(segments.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ++i;
        }
    }
}

NoteEvent make_note(const F0Track& track, const std::vector<double>& pitch, const Segment& segment,
                    double tuning_cents, const NoteOptions& o) {
    std::vector<std::size_t> voiced;
    for (std::size_t f = segment.begin; f < segment.end; ++f)
        if (!std::isnan(pitch[f])) voiced.push_back(f);
    // The stable part: trim the ends, where glides and attacks live.
    const auto trim = voiced.size() >= 5 ? static_cast<std::size_t>(o.stable_trim * static_cast<double>(voiced.size())) : 0;
    std::vector<double> stable;
    double level = 0.0, confidence = 0.0;
    for (std::size_t i = 0; i < voiced.size(); ++i) {
        if (i >= trim && i + trim < voiced.size()) stable.push_back(pitch[voiced[i]]);
        level += static_cast<double>(track.frames[voiced[i]].level_db);
        confidence += static_cast<double>(track.frames[voiced[i]].voiced_probability);
    }
    NoteEvent note;
    // The note sounds from its first to its last voiced frame (gap frames it absorbed are silent).
    note.onset_s = track.frame_time(voiced.empty() ? segment.begin : voiced.front());
    note.offset_s = track.frame_time(voiced.empty() ? segment.end - 1 : voiced.back()) + track.hop_seconds();
    const double centre = stable.empty() ? segment.label : median(stable);
    note.midi_pitch = static_cast<int>(std::lround(centre));
    note.median_pitch = centre + tuning_cents / 100.0;
    note.level_db = voiced.empty() ? -120.0 : level / static_cast<double>(voiced.size());
    note.confidence = voiced.empty() ? 0.0 : confidence / static_cast<double>(voiced.size());
    return note;
}

}  // namespace

double estimate_tuning_cents(const F0Track& track) {
    double x = 0.0, y = 0.0;
    for (const PitchFrame& frame : track.frames) {
        if (!frame.voiced || frame.f0_hz <= 0.0f) continue;
        const double angle = 2.0 * std::numbers::pi * frequency_to_pitch(static_cast<double>(frame.f0_hz));
        x += std::cos(angle);
        y += std::sin(angle);
    }
    if (x == 0.0 && y == 0.0) return 0.0;
    return 100.0 * std::atan2(y, x) / (2.0 * std::numbers::pi);
}

NoteTranscription segment_notes(const F0Track& track, const NoteOptions& options) {
    NoteTranscription result;
    if (track.frames.empty()) return result;
    result.tuning_cents = estimate_tuning_cents(track);
    const std::vector<double> pitch = frame_pitches(track, result.tuning_cents);
    const auto max_gap = static_cast<std::size_t>(std::lround(options.max_gap_s / track.hop_seconds()));
    const auto min_frames = static_cast<std::size_t>(std::max(1L, std::lround(options.min_note_s / track.hop_seconds())));
    for (const auto& [begin, end] : voiced_regions(pitch, max_gap)) {
        std::vector<Segment> segments = region_segments(track, pitch, begin, end, options);
        merge_short(segments, pitch, min_frames);
        for (const Segment& segment : segments)
            if (segment.end - segment.begin >= min_frames)
                result.notes.push_back(make_note(track, pitch, segment, result.tuning_cents, options));
    }
    return result;
}

}  // namespace tunesmith
