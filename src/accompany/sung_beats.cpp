// The sung-beat HMM: states (beat period T in frames, frames since the beat), Viterbi decoding with
// back-pointers kept only where the period may change (at the beat), so memory is one byte per
// frame and period.
#include "accompany/sung_beats.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/statistics.h"
#include "spec/cue_spec_json.h"

namespace tunesmith {
namespace {

constexpr std::size_t kMinOnsets = 8;
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// The state space: period T (frames per beat) of tempo i is periods[i]; its positions 0..T-1 are
// states first[i] .. first[i] + T - 1.
struct StateSpace {
    std::vector<int> periods;
    std::vector<std::size_t> first;
    std::size_t size = 0;
};

StateSpace state_space(const SungBeatOptions& options) {
    StateSpace space;
    const int shortest = std::max(2, static_cast<int>(std::lround(60.0 * options.frames_per_second / options.max_bpm)));
    const int longest = std::max(shortest, static_cast<int>(std::lround(60.0 * options.frames_per_second / options.min_bpm)));
    for (int period = shortest; period <= longest; ++period) {
        space.periods.push_back(period);
        space.first.push_back(space.size);
        space.size += static_cast<std::size_t>(period);
    }
    return space;
}

// Per state, the log-likelihood ratio of a note beginning in the frame: the profile's density at
// the state's place in the beat against a uniform place. The bins are spread by a circular Gaussian
// of the timing spread (a fraction of the beat, so no tempo is favoured by a sharper peak); a floor
// covers onsets off the bins. Also the expected onsets per frame, for the silence term.
struct Emissions {
    std::vector<double> onset;   // log-likelihood ratio of an onset, per state
    std::vector<double> rate;    // expected onsets in the frame at the profile's density, per state
};

Emissions emissions(const StateSpace& space, const SungOnsetProfile& profile, const SungBeatOptions& options) {
    Emissions out;
    out.onset.assign(space.size, 0.0);
    out.rate.assign(space.size, 0.0);
    const auto bins = static_cast<double>(profile.onsets_per_beat.size());
    std::vector<double> density, weight;
    for (std::size_t i = 0; i < space.periods.size(); ++i) {
        const int period = space.periods[i];
        const double length = period;
        const double sigma = std::max(0.5, options.timing_spread_beats * length);
        density.assign(static_cast<std::size_t>(period), options.off_grid_onsets_per_beat / length);
        for (std::size_t k = 0; k < profile.onsets_per_beat.size(); ++k) {
            const double centre = static_cast<double>(k) * length / bins;
            weight.assign(static_cast<std::size_t>(period), 0.0);
            double total = 0.0;
            for (int p = 0; p < period; ++p) {
                double d = std::abs(p - centre);
                d = std::min(d, length - d);
                weight[static_cast<std::size_t>(p)] = std::exp(-0.5 * d * d / (sigma * sigma));
                total += weight[static_cast<std::size_t>(p)];
            }
            for (int p = 0; p < period; ++p)
                density[static_cast<std::size_t>(p)] += profile.onsets_per_beat[k] * weight[static_cast<std::size_t>(p)] / total;
        }
        double sum = 0.0;
        for (double d : density) sum += d;
        for (int p = 0; p < period; ++p) {
            const std::size_t state = space.first[i] + static_cast<std::size_t>(p);
            out.onset[state] = std::log(length * density[static_cast<std::size_t>(p)] / sum);
            out.rate[state] = density[static_cast<std::size_t>(p)];
        }
    }
    return out;
}

// Log-probabilities of moving from period index `from` to `to` at a beat (0 width outside the reach).
struct PeriodChanges {
    std::vector<int> reach;                  // per `from`: how many indices either side it may move
    std::vector<std::vector<double>> log_p;  // per `from`: 2 * reach + 1 values, to = from - reach ...
};

PeriodChanges period_changes(const StateSpace& space, const SungBeatOptions& options) {
    PeriodChanges changes;
    const auto count = static_cast<int>(space.periods.size());
    for (int from = 0; from < count; ++from) {
        const double period = space.periods[static_cast<std::size_t>(from)];
        const int reach = std::max(1, static_cast<int>(std::ceil(options.max_tempo_change * period)));
        std::vector<double> values;
        double total = 0.0;
        for (int to = from - reach; to <= from + reach; ++to) {
            if (to < 0 || to >= count) {
                values.push_back(kNegInf);
                continue;
            }
            const double ratio = space.periods[static_cast<std::size_t>(to)] / period;
            values.push_back(-options.tempo_change_weight * std::abs(ratio - 1.0));
            total += std::exp(values.back());
        }
        for (double& v : values) v -= std::log(total);
        changes.reach.push_back(reach);
        changes.log_p.push_back(std::move(values));
    }
    return changes;
}

// What each frame says: a note begins there, the sung line goes on without one (onsets less than
// max_onset_gap_s apart), or a pause; and the line's own density (onsets per second of line).
enum class Seen : std::uint8_t { pause, line, onset };

struct FrameEvidence {
    std::vector<Seen> seen;
    double line_s = 0.0;
    std::size_t line_onsets = 0;
};

FrameEvidence frame_evidence(std::span<const double> onsets_s, double length_s, const SungBeatOptions& options) {
    const double fps = options.frames_per_second;
    FrameEvidence evidence;
    const auto frames = static_cast<std::size_t>(std::ceil(length_s * fps)) + 1;
    evidence.seen.assign(frames, Seen::pause);
    for (std::size_t i = 0; i + 1 < onsets_s.size(); ++i) {
        const double gap = onsets_s[i + 1] - onsets_s[i];
        if (gap > options.max_onset_gap_s || onsets_s[i] < 0.0) continue;
        evidence.line_s += gap, ++evidence.line_onsets;
        const auto from = static_cast<std::size_t>(std::lround(onsets_s[i] * fps));
        const auto to = std::min(frames, static_cast<std::size_t>(std::lround(onsets_s[i + 1] * fps)));
        for (std::size_t f = from; f < to; ++f) evidence.seen[f] = Seen::line;
    }
    for (double t : onsets_s)
        if (t >= 0.0 && t < length_s) evidence.seen[std::min(frames - 1, static_cast<std::size_t>(std::lround(t * fps)))] = Seen::onset;
    return evidence;
}

// Per state, the log-probability of no onset in a frame of the sung line: the profile scaled to the
// line's density at the reference tempo (or the profile's own), weighted by silence_weight.
std::vector<double> silence_log_probabilities(const Emissions& tables, const SungOnsetProfile& profile,
                                              const FrameEvidence& evidence, double reference_bpm,
                                              const SungBeatOptions& options) {
    double profile_per_beat = options.off_grid_onsets_per_beat;
    for (double v : profile.onsets_per_beat) profile_per_beat += v;
    const double scale = reference_bpm > 0.0 && evidence.line_s > 0.0
                             ? static_cast<double>(evidence.line_onsets) / (evidence.line_s * reference_bpm / 60.0) / profile_per_beat
                             : 1.0;
    std::vector<double> silence(tables.rate.size());
    for (std::size_t s = 0; s < silence.size(); ++s)
        silence[s] = options.silence_weight * std::log1p(-std::min(0.95, scale * tables.rate[s]));
    return silence;
}

struct DecodedBeats {
    std::vector<double> frames;  // where the best path is on a beat
    double log_probability = 0.0;
};

// Viterbi over the frames from a uniform start.
DecodedBeats decode_beats(const StateSpace& space, const std::vector<double>& onset, const std::vector<double>& silence,
                                 const PeriodChanges& changes, const std::vector<Seen>& seen) {
    const std::size_t tempi = space.periods.size();
    const std::size_t frames = seen.size();
    std::vector<double> previous(space.size), current(space.size);
    for (std::size_t i = 0; i < tempi; ++i)
        for (int p = 0; p < space.periods[i]; ++p)
            previous[space.first[i] + static_cast<std::size_t>(p)] = -std::log(static_cast<double>(space.periods[i]));
    std::vector<std::int8_t> came_from(frames * tempi, 0);  // at the beat: period index change

    for (std::size_t t = 0; t < frames; ++t) {
        const Seen here = seen[t];
        auto emission = [&](std::size_t state) {
            return here == Seen::onset ? onset[state] : here == Seen::line ? silence[state] : 0.0;
        };
        if (t == 0) {
            for (std::size_t s = 0; s < space.size; ++s) current[s] = previous[s] + emission(s);
        } else {
            for (std::size_t i = 0; i < tempi; ++i) {
                const std::size_t first = space.first[i];
                const auto period = static_cast<std::size_t>(space.periods[i]);
                for (std::size_t p = 1; p < period; ++p) current[first + p] = previous[first + p - 1] + emission(first + p);
            }
            for (std::size_t i = 0; i < tempi; ++i) {
                double best = kNegInf;
                int best_step = 0;
                // A beat of period index i begins where a beat of index j ended, for j within j's reach.
                for (std::size_t j = 0; j < tempi; ++j) {
                    const int step = static_cast<int>(i) - static_cast<int>(j);
                    const int reach = changes.reach[j];
                    if (step < -reach || step > reach) continue;
                    const double score = previous[space.first[j] + static_cast<std::size_t>(space.periods[j]) - 1] +
                                         changes.log_p[j][static_cast<std::size_t>(step + reach)];
                    if (score > best) best = score, best_step = -step;
                }
                current[space.first[i]] = best + emission(space.first[i]);
                came_from[t * tempi + i] = static_cast<std::int8_t>(best_step);
            }
        }
        std::swap(previous, current);
    }

    // Back-track from the best final state; a beat is every frame whose state is position 0.
    const auto state = static_cast<std::size_t>(std::max_element(previous.begin(), previous.end()) - previous.begin());
    auto tempo = static_cast<std::size_t>(std::upper_bound(space.first.begin(), space.first.end(), state) - space.first.begin()) - 1;
    int position = static_cast<int>(state - space.first[tempo]);
    std::vector<double> beats;
    for (std::size_t t = frames; t-- > 0;) {
        if (position > 0) {
            --position;
            continue;
        }
        beats.push_back(static_cast<double>(t));
        if (t == 0) break;
        tempo = static_cast<std::size_t>(static_cast<int>(tempo) + came_from[t * tempi + tempo]);
        position = space.periods[tempo] - 1;
    }
    std::reverse(beats.begin(), beats.end());
    return {std::move(beats), previous[state]};
}

double median_bpm(const std::vector<double>& beats) {
    std::vector<double> intervals;
    for (std::size_t i = 1; i < beats.size(); ++i) intervals.push_back(beats[i] - beats[i - 1]);
    return intervals.empty() ? 0.0 : 60.0 / median(std::move(intervals));
}

// The best path with the period range around `centre_bpm` (the options' own range when 0).
SungBeats track_at_level(const FrameEvidence& evidence, const SungOnsetProfile& profile, double reference_bpm,
                         double centre_bpm, const SungBeatOptions& options) {
    SungBeatOptions range = options;
    if (centre_bpm > 0.0) range.min_bpm = centre_bpm / options.level_ratio, range.max_bpm = centre_bpm * options.level_ratio;
    const StateSpace space = state_space(range);
    const Emissions tables = emissions(space, profile, options);
    const std::vector<double> silence = silence_log_probabilities(tables, profile, evidence, reference_bpm, options);
    DecodedBeats decoded = decode_beats(space, tables.onset, silence, period_changes(space, options), evidence.seen);
    for (double& b : decoded.frames) b /= options.frames_per_second;
    SungBeats out;
    out.bpm = median_bpm(decoded.frames);
    out.seconds = std::move(decoded.frames);
    out.log_probability = decoded.log_probability;
    return out;
}

}  // namespace

SungOnsetProfile sung_onset_profile_from_json(const nlohmann::json& json, const std::string& origin) {
    const std::string accepted = "an object with 'onsets_per_beat': an array of 2 to 48 expected onsets >= 0";
    if (!json.is_object() || !json.contains("onsets_per_beat") || !json.at("onsets_per_beat").is_array())
        throw InputError(origin, json.dump().substr(0, 40), accepted);
    SungOnsetProfile profile;
    profile.source = json.value("source", std::string("unknown"));
    for (const auto& value : json.at("onsets_per_beat")) {
        if (!value.is_number() || !(value.get<double>() >= 0.0) || !std::isfinite(value.get<double>()))
            throw InputError(origin + ": onsets_per_beat", value.dump(), "a number >= 0");
        profile.onsets_per_beat.push_back(value.get<double>());
    }
    const std::size_t bins = profile.onsets_per_beat.size();
    double total = 0.0;
    for (double v : profile.onsets_per_beat) total += v;
    if (bins < 2 || bins > 48 || total <= 0.0)
        throw InputError(origin + ": onsets_per_beat", json.at("onsets_per_beat").dump().substr(0, 40), accepted);
    return profile;
}

SungOnsetProfile load_sung_onset_profile(const std::filesystem::path& data_dir) {
    const auto path = data_dir / "analysis" / "melody_onset_profile.json";
    return sung_onset_profile_from_json(read_json_file(path), path.string());
}

SungBeats track_sung_beats(std::span<const double> onsets_s, double length_s, const SungOnsetProfile& profile,
                           double reference_bpm, const SungBeatOptions& options) {
    if (onsets_s.size() < kMinOnsets || profile.onsets_per_beat.empty() || !(length_s > 0.0)) return {};
    const FrameEvidence evidence = frame_evidence(onsets_s, length_s, options);
    SungBeats best = track_at_level(evidence, profile, reference_bpm, reference_bpm, options);
    if (!(reference_bpm > 0.0) || best.seconds.empty()) return best;
    const double needed = best.log_probability + options.other_level_margin;
    for (double level : {3.0 / 4.0, 4.0 / 3.0, 2.0 / 3.0, 3.0 / 2.0}) {
        SungBeats other = track_at_level(evidence, profile, reference_bpm, reference_bpm * level, options);
        if (!other.seconds.empty() && other.log_probability > std::max(needed, best.log_probability))
            other.level = level, best = std::move(other);
    }
    return best;
}

}  // namespace tunesmith
