// Beat tracking: global tempo by a comb over the envelope's autocorrelation, then a dynamic programme over (beat frame,
// period) in which the period may drift a frame or two per beat, rewarding onsets and harmonic
// change; the metrical level (halve or keep) by the tempo prior; meter and downbeats from the
// periodicity of harmonic change and onset accents at the beats.
#include "analyze/beats.h"

#include "analyze/beat_evidence.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tunesmith {
namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

std::vector<double> normalised(const OnsetEnvelope& envelope) {
    return scaled_to_unit_deviation(std::vector<double>(envelope.values.begin(), envelope.values.end()));
}

double log2_ratio(double a, double b) { return std::log2(a / b); }

// Autocorrelation of the mean-removed envelope at lags [0, max_lag].
std::vector<double> autocorrelation(const std::vector<double>& o, std::size_t max_lag) {
    const double mean = std::accumulate(o.begin(), o.end(), 0.0) / static_cast<double>(o.size());
    std::vector<double> r(max_lag + 1, 0.0);
    for (std::size_t lag = 0; lag <= max_lag && lag < o.size(); ++lag) {
        double sum = 0.0;
        for (std::size_t t = 0; t + lag < o.size(); ++t) sum += (o[t] - mean) * (o[t + lag] - mean);
        r[lag] = sum / static_cast<double>(o.size() - lag);
    }
    return r;
}

// Comb salience of a beat period: the autocorrelation at the period and at its multiples up to
// `multiples` (2, 3, 4 beats reach the bar, so a period that also organises bars wins over a
// subdivision that does not). Multiple k is read as the peak within +-tolerance * k * lag,
// because a drifting tempo smears long lags; negative values count as no support.
double comb_salience(const std::vector<double>& r, std::size_t lag, std::size_t multiples, double tolerance) {
    double sum = 0.0;
    for (std::size_t k = 1; k <= multiples; ++k) {
        const std::size_t centre = k * lag;
        if (centre >= r.size()) break;
        const auto spread = k == 1 ? std::size_t{0}
                                   : static_cast<std::size_t>(std::ceil(tolerance * static_cast<double>(centre)));
        const std::size_t lo = centre - std::min(centre, spread);
        const std::size_t hi = std::min(r.size() - 1, centre + spread);
        sum += std::max(0.0, *std::max_element(r.begin() + static_cast<std::ptrdiff_t>(lo),
                                               r.begin() + static_cast<std::ptrdiff_t>(hi) + 1));
    }
    return sum;
}

struct PathPoint {
    std::size_t frame;
    std::size_t period;
};

// The beat DP. score(t, p): best total for a chain of beats whose last beat is frame t and
// whose last interval is p frames.
std::vector<std::size_t> beat_path(const std::vector<double>& o, double period, const BeatOptions& options) {
    const std::size_t n = o.size();
    const auto p_lo = static_cast<std::size_t>(std::max(2.0, std::floor(period * (1.0 - options.max_drift))));
    const auto p_hi = static_cast<std::size_t>(std::ceil(period * (1.0 + options.max_drift)));
    const std::size_t np = p_hi - p_lo + 1;
    // The period may change by a fraction per beat (a drift is a relative change, so slow tempi
    // need more frames of change than fast ones), and at least by max_period_step frames.
    const auto relative_step = static_cast<int>(std::ceil(options.max_period_change * period));
    const auto step = static_cast<std::size_t>(std::max({1, options.max_period_step, relative_step}));
    std::vector<double> score(n * np, kMinusInf);
    std::vector<std::int32_t> back(n * np, -1);  // period index of the previous beat, -1 = chain start

    std::vector<double> pull(np);
    for (std::size_t i = 0; i < np; ++i) {
        const double lr = std::log(static_cast<double>(p_lo + i) / period);
        pull[i] = options.tempo_pull_weight * lr * lr + options.beat_cost;
    }
    // The cost of a period change from index j to i, by i * np + j (a logarithm per DP step was
    // most of the tracker's time). One frame of change is nearly free (it is the grid's
    // resolution); more costs.
    std::vector<double> change_cost(np * np, 0.0);
    for (std::size_t i = 0; i < np; ++i)
        for (std::size_t j = (i >= step ? i - step : 0); j <= std::min(np - 1, i + step); ++j) {
            const double diff = static_cast<double>(i > j ? i - j : j - i);
            const double lr = std::log(static_cast<double>(p_lo + j) / static_cast<double>(p_lo + i));
            change_cost[i * np + j] = (diff > 1.0 ? options.period_change_weight * lr * lr : 0.0) + 0.02 * diff;
        }
    for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t i = 0; i < np; ++i) {
            const std::size_t p = p_lo + i;
            double best = 0.0;  // starting a new chain here
            std::int32_t from = -1;
            if (t >= p) {
                const std::size_t prev = t - p;
                const std::size_t j_lo = i >= step ? i - step : 0;
                const std::size_t j_hi = std::min(np - 1, i + step);
                for (std::size_t j = j_lo; j <= j_hi; ++j) {
                    const double s = score[prev * np + j];
                    if (s == kMinusInf) continue;
                    const double cost = change_cost[i * np + j];
                    if (s - cost > best) {
                        best = s - cost;
                        from = static_cast<std::int32_t>(j);
                    }
                }
            }
            score[t * np + i] = o[t] - pull[i] + best;
            back[t * np + i] = from;
        }
    }
    // The chain ends at its best-scoring state: at the end of the signal, or at the last real
    // beat when the signal ends in silence (each beat there would only cost).
    double best = kMinusInf;
    PathPoint at{0, 0};
    for (std::size_t t = 0; t < n; ++t)
        for (std::size_t i = 0; i < np; ++i)
            if (score[t * np + i] > best) {
                best = score[t * np + i];
                at = {t, i};
            }
    std::vector<std::size_t> beats;
    if (best <= 0.0) return beats;
    for (;;) {
        beats.push_back(at.frame);
        const std::int32_t from = back[at.frame * np + at.period];
        if (from < 0) break;
        at = {at.frame - (p_lo + at.period), static_cast<std::size_t>(from)};
    }
    std::reverse(beats.begin(), beats.end());
    return beats;
}

double cosine_distance(const std::array<double, 24>& a, const std::array<double, 24>& b) {
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (std::size_t i = 0; i < 24; ++i) {
        ab += a[i] * b[i];
        aa += a[i] * a[i];
        bb += b[i] * b[i];
    }
    return aa > 0.0 && bb > 0.0 ? 1.0 - ab / std::sqrt(aa * bb) : 0.0;
}

std::vector<double> zscore(std::vector<double> x) {
    if (x.empty()) return x;
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    double var = 0.0;
    for (double v : x) var += (v - mean) * (v - mean);
    const double sd = std::sqrt(var / static_cast<double>(x.size()));
    for (double& v : x) v = sd > 1e-9 ? (v - mean) / sd : 0.0;
    return x;
}

// Per-beat accent: onset strength at the beat plus, with chroma, the harmonic change there.
std::vector<double> beat_accents(const std::vector<std::size_t>& beat_frames, const std::vector<double>& o,
                                 const OnsetEnvelope& envelope, const Chromagram* chroma) {
    std::vector<double> onset(beat_frames.size(), 0.0);
    for (std::size_t b = 0; b < beat_frames.size(); ++b) {
        const std::size_t lo = beat_frames[b] >= 2 ? beat_frames[b] - 2 : 0;
        const std::size_t hi = std::min(o.size() - 1, beat_frames[b] + 2);
        onset[b] = *std::max_element(o.begin() + static_cast<std::ptrdiff_t>(lo), o.begin() + static_cast<std::ptrdiff_t>(hi) + 1);
    }
    std::vector<double> accent = zscore(onset);
    if (chroma == nullptr || chroma->frames() == 0 || beat_frames.size() < 3) return accent;
    std::vector<std::size_t> cf(beat_frames.size());
    for (std::size_t b = 0; b < beat_frames.size(); ++b) cf[b] = chroma->frame_at(envelope.frame_sample(beat_frames[b]));
    cf.push_back(chroma->frames());
    std::vector<std::array<double, 24>> per_beat(beat_frames.size());
    for (std::size_t b = 0; b < beat_frames.size(); ++b) {
        const PitchClassVector full = mean_chroma(chroma->full, chroma->energy, cf[b], std::max(cf[b] + 1, cf[b + 1]));
        const PitchClassVector bass = mean_chroma(chroma->bass, chroma->energy, cf[b], std::max(cf[b] + 1, cf[b + 1]));
        for (std::size_t pc = 0; pc < 12; ++pc) {
            per_beat[b][pc] = static_cast<double>(full[pc]);
            per_beat[b][pc + 12] = static_cast<double>(bass[pc]);
        }
    }
    std::vector<double> change(beat_frames.size(), 0.0);
    for (std::size_t b = 1; b < beat_frames.size(); ++b) change[b] = cosine_distance(per_beat[b - 1], per_beat[b]);
    change[0] = change.size() > 1 ? change[1] : 0.0;
    const std::vector<double> harmonic = zscore(change);
    for (std::size_t b = 0; b < accent.size(); ++b) accent[b] = 0.4 * accent[b] + harmonic[b];
    return accent;
}

struct MeterGuess {
    int beats_per_bar = 4;
    std::size_t phase = 0;
    double confidence = 0.0;
};

// Contrast of the accents on one phase of a bar against the others.
double phase_contrast(const std::vector<double>& accent, int bar, std::size_t phase) {
    double on = 0.0, off = 0.0;
    std::size_t n_on = 0, n_off = 0;
    for (std::size_t b = 0; b < accent.size(); ++b) {
        if (b % static_cast<std::size_t>(bar) == phase) { on += accent[b]; ++n_on; }
        else { off += accent[b]; ++n_off; }
    }
    if (n_on == 0 || n_off == 0) return 0.0;
    return on / static_cast<double>(n_on) - off / static_cast<double>(n_off);
}

MeterGuess guess_meter(const std::vector<double>& accent, int forced) {
    MeterGuess guess;
    double best_other = 0.0;
    double best = kMinusInf;
    for (int bar : {4, 3}) {
        if (forced != 0 && bar != forced) continue;
        double bar_best = kMinusInf;
        std::size_t bar_phase = 0;
        for (std::size_t phase = 0; phase < static_cast<std::size_t>(bar); ++phase) {
            const double c = phase_contrast(accent, bar, phase);
            if (c > bar_best) { bar_best = c; bar_phase = phase; }
        }
        // 3/4 must win clearly: 4/4 is far more common, and a 2-beat pattern also fits 4.
        const double biased = bar == 3 ? bar_best - 0.1 : bar_best;
        if (biased > best) {
            best_other = best;
            best = biased;
            guess.beats_per_bar = bar;
            guess.phase = bar_phase;
        } else {
            best_other = std::max(best_other, biased);
        }
    }
    if (forced == 0 && best_other > kMinusInf && best > 0.0)
        guess.confidence = std::clamp((best - std::max(0.0, best_other)) / best, 0.0, 1.0);
    else if (forced != 0)
        guess.confidence = 1.0;
    return guess;
}

int lead_in_for(const std::vector<Samples>& beats, std::size_t first_downbeat, int beats_per_bar) {
    if (beats.size() < 2) return beats.empty() || beats[0].value == 0 ? 0 : 1;
    const double period = static_cast<double>((beats[1] - beats[0]).value);
    const double natural = static_cast<double>(beats[0].value) / period;
    const int minimum = beats[0].value > 0 ? 1 : 0;
    const int bar = std::max(1, beats_per_bar);
    const int base = (bar - static_cast<int>(first_downbeat % static_cast<std::size_t>(bar))) % bar;
    int best = -1;
    for (int k = base; k <= base + bar * (static_cast<int>(natural) / bar + 2); k += bar) {
        if (k < minimum) continue;
        if (best < 0 || std::abs(k - natural) < std::abs(best - natural)) best = k;
    }
    return best;
}

// The comb's tempo preference: a log-normal (a learned table there lost on the tuning songs).
double prior_weight(double bpm, const BeatOptions& options) {
    const double z = log2_ratio(bpm, options.prior_bpm) / options.prior_octaves;
    return std::exp(-0.5 * z * z);
}

// The level choice's log prior: the learned table when there is one, else the log-normal.
double log_prior(double bpm, const BeatOptions& options) {
    if (!options.tempo_prior.empty()) return options.tempo_prior.log_density(bpm);
    const double z = log2_ratio(bpm, options.prior_bpm) / options.prior_octaves;
    return -0.5 * z * z;
}

double median_bpm(const std::vector<std::size_t>& frames, double fps) {
    std::vector<double> intervals;
    for (std::size_t b = 1; b < frames.size(); ++b) intervals.push_back(static_cast<double>(frames[b] - frames[b - 1]));
    std::nth_element(intervals.begin(), intervals.begin() + static_cast<std::ptrdiff_t>(intervals.size() / 2), intervals.end());
    return 60.0 * fps / intervals[intervals.size() / 2];
}

// Weighs keeping the tracked beats against keeping every other one: the tempo prior of both
// levels plus how much one phase of beat pairs is accented over the other. Halves `frames` in place.
MetricalLevel choose_level(std::vector<std::size_t>& frames, const std::vector<double>& accent, double fps,
                           const BeatOptions& options) {
    MetricalLevel level;
    level.tracked_bpm = median_bpm(frames, fps);
    level.prior_log_ratio = log_prior(level.tracked_bpm / 2.0, options) - log_prior(level.tracked_bpm, options);
    const double even = phase_contrast(accent, 2, 0);
    level.accent_contrast = std::abs(even);
    const double score = options.halve_prior_weight * level.prior_log_ratio + options.halve_contrast_weight * level.accent_contrast;
    if (frames.size() < 8 || level.tracked_bpm / 2.0 < options.min_bpm || !(score > options.halve_threshold)) return level;
    const std::size_t phase = even >= 0.0 ? 0 : 1;
    std::vector<std::size_t> kept;
    for (std::size_t b = phase; b < frames.size(); b += 2) kept.push_back(frames[b]);
    frames = std::move(kept);
    level.halved = true;
    return level;
}

}  // namespace

double estimate_tempo(const OnsetEnvelope& envelope, const BeatOptions& options) {
    const std::vector<double> o = normalised(envelope);
    const double fps = envelope.frames_per_second();
    if (o.size() < 4) return 0.0;
    const auto lag_lo = static_cast<std::size_t>(std::max(1.0, std::floor(fps * 60.0 / options.max_bpm)));
    const auto lag_hi = static_cast<std::size_t>(std::ceil(fps * 60.0 / options.min_bpm));
    if (lag_hi + 2 >= o.size()) return 0.0;
    const auto multiples = static_cast<std::size_t>(std::max(1, options.comb_multiples));
    const double reach = static_cast<double>(multiples * lag_hi) * (1.0 + options.comb_tolerance) + 2.0;
    const std::vector<double> r = autocorrelation(o, std::min(o.size() - 1, static_cast<std::size_t>(reach)));
    if (r[0] <= 1e-9) return 0.0;
    double best = kMinusInf;
    std::size_t best_lag = 0;
    std::vector<double> s(lag_hi + 2, 0.0);
    for (std::size_t lag = lag_lo; lag <= lag_hi; ++lag) {
        const double bpm = 60.0 * fps / static_cast<double>(lag);
        s[lag] = comb_salience(r, lag, multiples, options.comb_tolerance) * prior_weight(bpm, options);
        if (s[lag] > best) {
            best = s[lag];
            best_lag = lag;
        }
    }
    if (best <= 0.0) return 0.0;
    double lag = static_cast<double>(best_lag);
    if (best_lag > lag_lo && best_lag < lag_hi) {
        const double a = s[best_lag - 1], b = s[best_lag], c = s[best_lag + 1];
        const double denominator = a - 2.0 * b + c;
        if (std::abs(denominator) > 1e-12) lag += std::clamp(0.5 * (a - c) / denominator, -0.5, 0.5);
    }
    return 60.0 * fps / lag;
}

TempoMap tempo_map_from_beats(std::span<const Samples> beats, int lead_in_beats, SampleRate rate, double fallback_bpm) {
    if (beats.size() < 2) return TempoMap::constant(fallback_bpm, rate);
    if (lead_in_beats <= 0 && beats[0].value > 0) lead_in_beats = 1;
    std::vector<TempoAnchor> anchors;
    if (beats[0].value > 0) anchors.push_back({Ticks(0), Samples(0)});
    for (std::size_t i = 0; i < beats.size(); ++i)
        anchors.push_back({Ticks((static_cast<std::int64_t>(i) + lead_in_beats) * kTicksPerQuarter), beats[i]});
    return TempoMap::from_anchors(std::move(anchors), rate);
}

BeatResult track_beats(const OnsetEnvelope& envelope, const BeatOptions& options, const Chromagram* chroma) {
    BeatResult result;
    result.rate = envelope.rate;
    result.tempo = TempoMap::constant(120.0, envelope.rate);
    const double bpm = estimate_tempo(envelope, options);
    if (bpm <= 0.0) return result;
    const std::vector<double> o = normalised(envelope);
    const double period = envelope.frames_per_second() * 60.0 / bpm;
    std::vector<double> evidence = o;
    if (chroma != nullptr && options.harmonic_weight > 0.0) {
        const std::vector<double> novelty = harmonic_novelty(*chroma, envelope, options.novelty_half_window);
        for (std::size_t t = 0; t < evidence.size(); ++t) evidence[t] += options.harmonic_weight * novelty[t];
    }
    std::vector<std::size_t> frames = beat_path(evidence, period, options);
    if (frames.size() < 2) return result;
    // Only a duple grouping can be halved (a waltz's every other beat is no beat at all).
    const std::vector<double> tracked_accents = beat_accents(frames, o, envelope, chroma);
    const bool triple = options.beats_per_bar == 3 ||
                        (options.beats_per_bar == 0 && options.infer_downbeats && guess_meter(tracked_accents, 0).beats_per_bar == 3);
    MetricalLevel level;
    if (triple) level.tracked_bpm = median_bpm(frames, envelope.frames_per_second());
    else level = choose_level(frames, tracked_accents, envelope.frames_per_second(), options);

    for (std::size_t f : frames) {
        result.beats.push_back(envelope.frame_sample(f));
        result.seconds.push_back(to_seconds(result.beats.back(), envelope.rate).value);
    }
    for (std::size_t b = 0; b < frames.size(); ++b) {
        const std::size_t i = b == 0 ? 1 : b;
        result.local_bpm.push_back(60.0 * envelope.frames_per_second() / static_cast<double>(frames[i] - frames[i - 1]));
    }
    std::vector<double> sorted = result.local_bpm;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
    result.bpm = sorted[sorted.size() / 2];

    MeterGuess meter;
    if (options.beats_per_bar == 3 || options.beats_per_bar == 4) meter.beats_per_bar = options.beats_per_bar;
    if (options.infer_downbeats) meter = guess_meter(beat_accents(frames, o, envelope, chroma), options.beats_per_bar);
    result.meter = Meter{meter.beats_per_bar, 4};
    result.meter_confidence = meter.confidence;
    for (std::size_t b = meter.phase; b < frames.size(); b += static_cast<std::size_t>(meter.beats_per_bar))
        result.downbeats.push_back(b);
    result.lead_in_beats = lead_in_for(result.beats, meter.phase, meter.beats_per_bar);
    result.tempo = tempo_map_from_beats(result.beats, result.lead_in_beats, envelope.rate, result.bpm);
    result.level = level;
    return result;
}

namespace {

// Whether the level gates could change `result`: it was halved (bright attacks undo that) or it
// is slow enough to be doubled.
bool level_gates_apply(const BeatResult& result, const BeatOptions& options) {
    if (result.empty()) return false;
    return result.level.halved || 2.0 * result.level.tracked_bpm <= options.max_doubled_bpm;
}

BeatResult with_level_gates(BeatResult result, const OnsetEnvelope& whole, const OnsetEnvelope& high,
                            const OnsetEnvelope& low, const BeatOptions& options, const Chromagram* chroma) {
    if (!level_gates_apply(result, options)) return result;
    const double brightness = onset_brightness(whole, high);
    result.level.brightness = brightness;
    if (brightness <= options.max_brightness_to_halve) return result;
    if (result.level.halved) {
        BeatOptions keep_level = options;
        keep_level.halve_threshold = std::numeric_limits<double>::infinity();
        BeatResult kept = track_beats(whole, keep_level, chroma);
        kept.level.brightness = brightness;
        return kept;
    }
    result.level.midbeat_ratio = midbeat_ratio(low, result.beats);
    if (result.level.midbeat_ratio < options.min_midbeat_ratio_to_double) return result;
    // Re-tracked with the comb held to the next level up (between 1.5 and 2.5 times the tempo).
    BeatOptions faster = options;
    faster.min_bpm = 1.5 * result.level.tracked_bpm;
    faster.max_bpm = std::min(std::max(options.max_bpm, faster.min_bpm), 2.5 * result.level.tracked_bpm);
    faster.halve_threshold = std::numeric_limits<double>::infinity();
    BeatResult doubled = track_beats(whole, faster, chroma);
    if (doubled.empty()) return result;
    doubled.level.brightness = brightness;
    doubled.level.midbeat_ratio = result.level.midbeat_ratio;
    doubled.level.doubled = true;
    return doubled;
}

}  // namespace

BeatResult track_beats(const OnsetBands& bands, const BeatOptions& options, const Chromagram* chroma) {
    return with_level_gates(track_beats(bands.whole, options, chroma), bands.whole, bands.high, bands.low, options, chroma);
}

BeatResult track_beats(std::span<const float> mono, SampleRate rate, const BeatOptions& options) {
    const OnsetBands bands = onset_bands(mono, rate, options.onset);
    if (!options.infer_downbeats) return track_beats(bands, options, nullptr);
    const Chromagram chroma = compute_chroma(mono, rate);
    return track_beats(bands, options, &chroma);
}

}  // namespace tunesmith
