// The sung-beat HMM: states (beat period T in frames, frames since the beat), Viterbi decoding with
// back-pointers kept only where the period may change (at the beat), so memory is one byte per
// frame and period.
#include "accompany/sung_beats.h"

#include <algorithm>
#include <array>
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

// One metrical level's model: the states, what an onset and a silent frame of the line say in each,
// the period changes, and each state's place in the beat (one of kPlaces equal bins, 0 = the beat).
constexpr std::size_t kPlaces = 24;

struct LevelModel {
    StateSpace space;
    std::vector<double> onset, silence;
    PeriodChanges changes;
    std::vector<std::uint8_t> place;
};

LevelModel level_model(const FrameEvidence& evidence, const SungOnsetProfile& profile, double reference_bpm,
                       double centre_bpm, const SungBeatOptions& options) {
    SungBeatOptions range = options;
    if (centre_bpm > 0.0) range.min_bpm = centre_bpm / options.level_ratio, range.max_bpm = centre_bpm * options.level_ratio;
    LevelModel model;
    model.space = state_space(range);
    Emissions tables = emissions(model.space, profile, options);
    model.silence = silence_log_probabilities(tables, profile, evidence, reference_bpm, options);
    model.onset = std::move(tables.onset);
    model.changes = period_changes(model.space, options);
    model.place.resize(model.space.size);
    for (std::size_t i = 0; i < model.space.periods.size(); ++i) {
        const int period = model.space.periods[i];
        for (int p = 0; p < period; ++p)
            model.place[model.space.first[i] + static_cast<std::size_t>(p)] = static_cast<std::uint8_t>(
                std::lround(static_cast<double>(kPlaces) * p / period) % static_cast<long>(kPlaces));
    }
    return model;
}

using Places = std::array<double, kPlaces>;

// Extra log-evidence about the place in the beat of the onsets in some frames: values[index[frame]].
struct PlacePriors {
    std::vector<int> index;
    std::vector<Places> values;
};

struct DecodedBeats {
    std::vector<double> frames;  // where the best path is on a beat
    double log_probability = 0.0;
};

// Viterbi over the frames from a uniform start.
DecodedBeats decode_beats(const LevelModel& model, const std::vector<Seen>& seen, const PlacePriors& priors) {
    const StateSpace& space = model.space;
    const std::size_t tempi = space.periods.size();
    const std::size_t frames = seen.size();
    std::vector<double> previous(space.size), current(space.size);
    for (std::size_t i = 0; i < tempi; ++i)
        for (int p = 0; p < space.periods[i]; ++p)
            previous[space.first[i] + static_cast<std::size_t>(p)] = -std::log(static_cast<double>(space.periods[i]));
    std::vector<std::int8_t> came_from(frames * tempi, 0);  // at the beat: period index change

    // Where the frame's emission is 0 in every state (pauses; the line without the silence term),
    // the positions just move on.
    const bool line_scores = std::any_of(model.silence.begin(), model.silence.end(), [](double v) { return v != 0.0; });
    const int widest = *std::max_element(model.changes.reach.begin(), model.changes.reach.end());
    for (std::size_t t = 0; t < frames; ++t) {
        const Seen here = seen[t];
        const Places* prior = t < priors.index.size() && priors.index[t] >= 0
                                  ? &priors.values[static_cast<std::size_t>(priors.index[t])] : nullptr;
        const double* scores = here == Seen::onset ? model.onset.data()
                               : here == Seen::line && line_scores ? model.silence.data() : nullptr;
        auto emission = [&](std::size_t state) {
            return (scores ? scores[state] : 0.0) + (prior ? (*prior)[model.place[state]] : 0.0);
        };
        if (t == 0) {
            for (std::size_t s = 0; s < space.size; ++s) current[s] = previous[s] + emission(s);
        } else {
            for (std::size_t i = 0; i < tempi; ++i) {
                const std::size_t first = space.first[i];
                const std::size_t last = first + static_cast<std::size_t>(space.periods[i]) - 1;
                if (prior)
                    for (std::size_t s = first + 1; s <= last; ++s) current[s] = previous[s - 1] + emission(s);
                else if (scores)
                    for (std::size_t s = first + 1; s <= last; ++s) current[s] = previous[s - 1] + scores[s];
                else
                    std::copy(previous.begin() + static_cast<std::ptrdiff_t>(first),
                              previous.begin() + static_cast<std::ptrdiff_t>(last), current.begin() + static_cast<std::ptrdiff_t>(first + 1));
            }
            for (std::size_t i = 0; i < tempi; ++i) {
                double best = kNegInf;
                int best_step = 0;
                // A beat of period index i begins where a beat of index j ended, for j within j's reach.
                const std::size_t from = i > static_cast<std::size_t>(widest) ? i - static_cast<std::size_t>(widest) : 0;
                const std::size_t to = std::min(tempi - 1, i + static_cast<std::size_t>(widest));
                for (std::size_t j = from; j <= to; ++j) {
                    const int step = static_cast<int>(i) - static_cast<int>(j);
                    const int reach = model.changes.reach[j];
                    if (step < -reach || step > reach) continue;
                    const double score = previous[space.first[j] + static_cast<std::size_t>(space.periods[j]) - 1] +
                                         model.changes.log_p[j][static_cast<std::size_t>(step + reach)];
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

// The posterior of the place in the beat at each of `wanted` frames (ascending, distinct) over all
// paths: a scaled forward-backward pass that keeps the forward values of those frames only.
std::vector<Places> place_posteriors(const LevelModel& model, const std::vector<Seen>& seen,
                                     const std::vector<std::size_t>& wanted) {
    const StateSpace& space = model.space;
    const std::size_t tempi = space.periods.size();
    const std::size_t frames = seen.size();
    std::vector<double> onset(space.size), silence(space.size);
    for (std::size_t s = 0; s < space.size; ++s) onset[s] = std::exp(model.onset[s]), silence[s] = std::exp(model.silence[s]);
    auto emission = [&](std::size_t t, std::size_t s) {
        return seen[t] == Seen::onset ? onset[s] : seen[t] == Seen::line ? silence[s] : 1.0;
    };
    std::vector<std::vector<double>> change(tempi);  // linear probabilities of model.changes
    for (std::size_t j = 0; j < tempi; ++j)
        for (double v : model.changes.log_p[j]) change[j].push_back(std::exp(v));
    auto last = [&](std::size_t i) { return space.first[i] + static_cast<std::size_t>(space.periods[i]) - 1; };
    // Scaled to sum 1 where the mass changes (onset frames: elsewhere the emissions are 1 unless the
    // silence term is on) and every 16 frames; what falls below 1e-200 of the sum is dropped, as it
    // cannot matter and would otherwise sink into denormal numbers, which are slow.
    auto normalise = [&](std::size_t t, std::vector<double>& v) {
        if (seen[t] != Seen::onset && t % 16 != 0) return;
        double sum = 0.0;
        for (double x : v) sum += x;
        if (!(sum > 0.0)) return;
        const double scale = 1.0 / sum;
        for (double& x : v) x = x > 1e-200 * sum ? x * scale : 0.0;
    };

    std::vector<std::vector<float>> forward(wanted.size());
    std::vector<double> alpha(space.size), next(space.size);
    std::size_t w = 0;
    for (std::size_t t = 0; t < frames; ++t) {
        if (t == 0) {
            for (std::size_t i = 0; i < tempi; ++i)
                for (int p = 0; p < space.periods[i]; ++p) {
                    const std::size_t s = space.first[i] + static_cast<std::size_t>(p);
                    next[s] = emission(0, s) / space.periods[i];
                }
        } else {
            for (std::size_t i = 0; i < tempi; ++i)
                for (std::size_t s = space.first[i] + 1; s <= last(i); ++s) next[s] = alpha[s - 1] * emission(t, s);
            for (std::size_t i = 0; i < tempi; ++i) {
                double sum = 0.0;
                for (std::size_t j = 0; j < tempi; ++j) {
                    const int step = static_cast<int>(i) - static_cast<int>(j);
                    const int reach = model.changes.reach[j];
                    if (step >= -reach && step <= reach) sum += alpha[last(j)] * change[j][static_cast<std::size_t>(step + reach)];
                }
                next[space.first[i]] = sum * emission(t, space.first[i]);
            }
        }
        normalise(t, next);
        std::swap(alpha, next);
        if (w < wanted.size() && wanted[w] == t) forward[w++].assign(alpha.begin(), alpha.end());
    }

    std::vector<Places> out(wanted.size(), Places{});
    std::vector<double> beta(space.size, 1.0);
    w = wanted.size();
    for (std::size_t t = frames; t-- > 0;) {
        if (w > 0 && wanted[w - 1] == t) {
            --w;
            Places& places = out[w];
            double sum = 0.0;
            for (std::size_t s = 0; s < space.size; ++s) {
                const double g = static_cast<double>(forward[w][s]) * beta[s];
                places[model.place[s]] += g, sum += g;
            }
            if (sum > 0.0)
                for (double& p : places) p /= sum;
            forward[w].clear();
            forward[w].shrink_to_fit();
        }
        if (t == 0) break;
        // beta at t - 1 from beta at t.
        for (std::size_t i = 0; i < tempi; ++i) {
            for (std::size_t s = space.first[i]; s < last(i); ++s) next[s] = emission(t, s + 1) * beta[s + 1];
            const int reach = model.changes.reach[i];
            double sum = 0.0;
            for (int step = -reach; step <= reach; ++step) {
                const int k = static_cast<int>(i) + step;
                if (k < 0 || k >= static_cast<int>(tempi)) continue;
                const std::size_t to = space.first[static_cast<std::size_t>(k)];
                sum += change[i][static_cast<std::size_t>(step + reach)] * emission(t, to) * beta[to];
            }
            next[last(i)] = sum;
        }
        normalise(t, next);
        std::swap(beta, next);
    }
    return out;
}

double median_bpm(const std::vector<double>& beats) {
    std::vector<double> intervals;
    for (std::size_t i = 1; i < beats.size(); ++i) intervals.push_back(beats[i] - beats[i - 1]);
    return intervals.empty() ? 0.0 : 60.0 / median(std::move(intervals));
}

SungBeats beats_of(DecodedBeats decoded, const SungBeatOptions& options) {
    for (double& b : decoded.frames) b /= options.frames_per_second;
    SungBeats out;
    out.bpm = median_bpm(decoded.frames);
    out.seconds = std::move(decoded.frames);
    out.log_probability = decoded.log_probability;
    return out;
}

// The best path with the period range around `centre_bpm` (the options' own range when 0).
SungBeats track_at_level(const FrameEvidence& evidence, const SungOnsetProfile& profile, double reference_bpm,
                         double centre_bpm, const SungBeatOptions& options) {
    const LevelModel model = level_model(evidence, profile, reference_bpm, centre_bpm, options);
    return beats_of(decode_beats(model, evidence.seen, PlacePriors{}), options);
}

std::size_t onset_frame(double t, std::size_t frames, const SungBeatOptions& options) {
    return std::min(frames - 1, static_cast<std::size_t>(std::lround(std::max(0.0, t) * options.frames_per_second)));
}

// The repeated figures' evidence: each onset of a figure gets, as a prior on its place in the beat,
// what all occurrences of the figure say together: the places the whole line (forward-backward)
// gives the onset and its counterparts, pooled as a normalised product. So an occurrence that the
// line around it places clearly settles one whose own notes are ambiguous, and two equally
// ambiguous ones stay as they were. The pooled places are spread to the neighbouring bins (timing)
// and floored, and enter as a log-ratio against a uniform place, times `repeat_weight`.
PlacePriors repeat_priors(const LevelModel& model, const FrameEvidence& evidence, std::span<const double> onsets_s,
                          const std::vector<RepeatedOnset>& repeats, const SungBeatOptions& options) {
    const std::size_t frames = evidence.seen.size();
    std::vector<std::size_t> wanted;
    for (const RepeatedOnset& r : repeats)
        wanted.push_back(onset_frame(onsets_s[r.first], frames, options)),
            wanted.push_back(onset_frame(onsets_s[r.second], frames, options));
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    const std::vector<Places> posterior = place_posteriors(model, evidence.seen, wanted);
    auto posterior_at = [&](std::size_t onset) -> const Places& {
        const std::size_t f = onset_frame(onsets_s[onset], frames, options);
        return posterior[static_cast<std::size_t>(std::lower_bound(wanted.begin(), wanted.end(), f) - wanted.begin())];
    };

    std::vector<Places> pooled(onsets_s.size(), Places{});
    std::vector<bool> grouped(onsets_s.size(), false);
    constexpr double floor = 0.02;
    auto add = [&](std::size_t to, std::size_t from) {
        for (std::size_t b = 0; b < kPlaces; ++b) pooled[to][b] += std::log(posterior_at(from)[b] + floor);
    };
    for (const RepeatedOnset& r : repeats) {
        for (std::size_t o : {r.first, r.second})
            if (!grouped[o]) add(o, o), grouped[o] = true;
        add(r.first, r.second), add(r.second, r.first);
    }
    PlacePriors priors;
    priors.index.assign(frames, -1);
    for (std::size_t o = 0; o < onsets_s.size(); ++o) {
        if (!grouped[o]) continue;
        const double top = *std::max_element(pooled[o].begin(), pooled[o].end());
        Places p{};
        double sum = 0.0;
        for (std::size_t b = 0; b < kPlaces; ++b) sum += p[b] = std::exp(pooled[o][b] - top);
        Places prior{};
        for (std::size_t b = 0; b < kPlaces; ++b) {
            const double spread = (0.5 * p[b] + 0.25 * (p[(b + 1) % kPlaces] + p[(b + kPlaces - 1) % kPlaces])) / sum;
            prior[b] = options.repeat_weight * std::log(kPlaces * ((1.0 - floor) * spread + floor / kPlaces));
        }
        priors.index[onset_frame(onsets_s[o], frames, options)] = static_cast<int>(priors.values.size());
        priors.values.push_back(prior);
    }
    return priors;
}

// Every other beat from `phase`, carried on at the end beats' period until it covers the span of `beats`.
std::vector<double> half_of(const std::vector<double>& beats, std::size_t phase) {
    std::vector<double> half;
    for (std::size_t i = phase; i < beats.size(); i += 2) half.push_back(beats[i]);
    if (half.size() < 2) return {};
    while (half.front() > beats.front()) half.insert(half.begin(), 2.0 * half[0] - half[1]);
    while (half.back() < beats.back()) half.push_back(2.0 * half.back() - half[half.size() - 2]);
    return half;
}

// The half of the beats (every other one) that holds the sung onsets in likelier beat patterns than
// the beats themselves by more than halving_margin, if one does; else none. The place profile reads a
// slow line of sixteenths best at twice its tempo (its e's and a's become "and"s), but the patterns
// charge every beat.
std::vector<double> better_half(const std::vector<double>& beats, std::span<const double> onsets_s, const SungBeatOptions& options) {
    if (beats.size() < 5) return {};
    const auto from = std::lower_bound(onsets_s.begin(), onsets_s.end(), beats.front());
    const auto to = std::lower_bound(onsets_s.begin(), onsets_s.end(), beats.back());
    const std::span<const double> inside(from, to);
    double best = beat_pattern_log_likelihood(beats, inside, *options.beat_patterns) + options.halving_margin;
    std::vector<double> chosen;
    for (const std::size_t phase : {std::size_t{0}, std::size_t{1}}) {
        std::vector<double> half = half_of(beats, phase);
        if (half.empty()) continue;
        const double fit = beat_pattern_log_likelihood(half, inside, *options.beat_patterns);
        if (fit > best) best = fit, chosen = std::move(half);
    }
    return chosen;
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
    const std::vector<double> flat(onsets_s.size(), 0.0);
    return track_sung_beats(onsets_s, flat, length_s, profile, reference_bpm, options);
}

SungBeats track_sung_beats(std::span<const double> onsets_s, std::span<const double> pitches, double length_s,
                           const SungOnsetProfile& profile, double reference_bpm, const SungBeatOptions& options) {
    if (onsets_s.size() < kMinOnsets || profile.onsets_per_beat.empty() || !(length_s > 0.0)) return {};
    const FrameEvidence evidence = frame_evidence(onsets_s, length_s, options);
    SungBeats best = track_at_level(evidence, profile, reference_bpm, reference_bpm, options);
    double centre = reference_bpm;
    if (reference_bpm > 0.0 && !best.seconds.empty()) {
        const double needed = best.log_probability + options.other_level_margin;
        for (double level : {3.0 / 4.0, 4.0 / 3.0, 2.0 / 3.0, 3.0 / 2.0}) {
            SungBeats other = track_at_level(evidence, profile, reference_bpm, reference_bpm * level, options);
            if (!other.seconds.empty() && other.log_probability > std::max(needed, best.log_probability))
                other.level = level, best = std::move(other), centre = reference_bpm * level;
        }
    }
    if (best.seconds.empty()) return best;
    // The chosen level decoded again with a steadier tempo and the repeated figures' evidence.
    SungBeatOptions chosen = options;
    chosen.tempo_change_weight = options.chosen_level_tempo_weight;
    const LevelModel model = level_model(evidence, profile, reference_bpm, centre, chosen);
    const std::vector<RepeatedOnset> repeats = options.repeat_weight > 0.0
                                                   ? find_repeated_onsets(onsets_s, pitches, options.repeats)
                                                   : std::vector<RepeatedOnset>{};
    const PlacePriors priors = repeats.empty() ? PlacePriors{} : repeat_priors(model, evidence, onsets_s, repeats, options);
    SungBeats out = beats_of(decode_beats(model, evidence.seen, priors), options);
    out.level = best.level;
    out.repeated_onsets = repeats.size();
    if (options.beat_patterns && out.bpm > options.halving_min_bpm) {
        if (std::vector<double> half = better_half(out.seconds, onsets_s, options); !half.empty()) {
            std::erase_if(half, [&](double t) { return t < 0.0 || t > length_s; });
            out.bpm = median_bpm(half);
            out.seconds = std::move(half);
            out.level /= 2.0;
        }
    }
    return out;
}

}  // namespace tunesmith
