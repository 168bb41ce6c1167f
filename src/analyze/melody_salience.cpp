// Predominant melody: spectral peaks -> harmonic-summation salience (10-cent bins) -> salience
// peaks -> contours -> voice-like contour selection -> an F0Track of the sung line.
#include "analyze/melody_salience.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "audio/resample.h"
#include "audio/stft.h"
#include "base/error.h"
#include "base/statistics.h"
#include "music/pitch.h"

namespace tunesmith {
namespace {

constexpr int kBinsPerSemitone = 10;       // 10-cent salience resolution
constexpr int kSpread = kBinsPerSemitone;  // a partial feeds candidates within one semitone
constexpr std::size_t kMaxSpectralPeaks = 40;
constexpr double kSmoothingSeconds = 0.25;  // moving average the pitch deviation is measured against

struct SpectralPeak {
    double hz = 0.0;
    double amplitude = 0.0;  // the sinusoid's amplitude estimate (linear)
};

struct SpectralFrame {
    std::vector<SpectralPeak> peaks;
    double rms_db = -120.0;
};

struct SaliencePeak {
    double midi = 0.0;
    double salience = 0.0;
};

void check(bool ok, const std::string& field, double value, const char* accepted) {
    if (!ok) throw InputError("melody." + field, std::to_string(value), accepted);
}

void validate(const PredominantMelodyOptions& o) {
    check(o.analysis_rate >= 8000 && o.analysis_rate <= 48000, "analysis_rate", o.analysis_rate, "8000..48000");
    check(o.hop >= 1 && o.hop <= o.window, "hop", o.hop, "1..window");
    check(o.window >= 256 && o.window % 2 == 0, "window", o.window, "an even number >= 256");
    check(o.min_midi >= 24.0 && o.max_midi > o.min_midi + 12.0 && o.max_midi <= 108.0, "max_midi", o.max_midi,
          "min_midi >= 24, max_midi at least an octave above it and <= 108");
    check(o.harmonics >= 1 && o.harmonics <= 40, "harmonics", o.harmonics, "1..40");
    check(o.harmonic_weight > 0.0 && o.harmonic_weight <= 1.0, "harmonic_weight", o.harmonic_weight, "(0, 1]");
    check(o.peaks_per_frame >= 1, "peaks_per_frame", o.peaks_per_frame, ">= 1");
    check(o.max_gap_frames >= 0, "max_gap_frames", o.max_gap_frames, ">= 0");
    check(o.register_sigma > 0.0, "register_sigma", o.register_sigma, "> 0");
}

// Local maxima of one magnitude spectrum, refined by parabolic interpolation of the dB values.
std::vector<SpectralPeak> frame_peaks(std::span<const std::complex<float>> spectrum, double bin_hz, int window,
                                      const PredominantMelodyOptions& o) {
    std::vector<double> db(spectrum.size());
    for (std::size_t b = 0; b < spectrum.size(); ++b)
        db[b] = 20.0 * std::log10(std::max(1e-12, static_cast<double>(std::abs(spectrum[b]))));
    const auto lo = static_cast<std::size_t>(std::max(1.0, std::floor(pitch_to_frequency(o.min_midi - 1.0) / bin_hz)));
    const std::size_t hi = std::min(spectrum.size() - 2, static_cast<std::size_t>(5000.0 / bin_hz));
    double strongest = -240.0;
    for (std::size_t b = lo; b <= hi; ++b) strongest = std::max(strongest, db[b]);
    std::vector<SpectralPeak> peaks;
    for (std::size_t b = lo; b <= hi; ++b) {
        if (db[b] < strongest - o.peak_range_db || db[b] <= db[b - 1] || db[b] < db[b + 1]) continue;
        const double curvature = db[b - 1] - 2.0 * db[b] + db[b + 1];
        const double offset = curvature < 0.0 ? 0.5 * (db[b - 1] - db[b + 1]) / curvature : 0.0;
        const double peak_db = db[b] - 0.25 * (db[b - 1] - db[b + 1]) * offset;
        // A Hann-windowed sinusoid of amplitude A peaks at A * window / 4.
        peaks.push_back({(static_cast<double>(b) + offset) * bin_hz, 4.0 * std::pow(10.0, peak_db / 20.0) / window});
    }
    if (peaks.size() > kMaxSpectralPeaks) {
        std::partial_sort(peaks.begin(), peaks.begin() + static_cast<std::ptrdiff_t>(kMaxSpectralPeaks), peaks.end(),
                          [](const SpectralPeak& a, const SpectralPeak& b) { return a.amplitude > b.amplitude; });
        peaks.resize(kMaxSpectralPeaks);
    }
    return peaks;
}

std::vector<SpectralFrame> spectral_frames(std::span<const float> x, const PredominantMelodyOptions& o) {
    const std::size_t frames = x.empty() ? 0 : 1 + (x.size() - 1) / static_cast<std::size_t>(o.hop);
    std::vector<SpectralFrame> out(frames);
    RealFft fft(o.window);
    const std::vector<float> w = hann_window(o.window);
    std::vector<float> buffer(static_cast<std::size_t>(o.window));
    const double bin_hz = static_cast<double>(o.analysis_rate) / o.window;
    for (std::size_t f = 0; f < frames; ++f) {
        const auto centre = static_cast<std::int64_t>(f) * o.hop;
        double energy = 0.0;
        for (int i = 0; i < o.window; ++i) {
            const std::int64_t n = centre - o.window / 2 + i;
            const bool in = n >= 0 && n < static_cast<std::int64_t>(x.size());
            const float v = in ? x[static_cast<std::size_t>(n)] : 0.0f;
            energy += static_cast<double>(v) * static_cast<double>(v);
            buffer[static_cast<std::size_t>(i)] = v * w[static_cast<std::size_t>(i)];
        }
        out[f].rms_db = 10.0 * std::log10(std::max(1e-12, energy / o.window));
        if (out[f].rms_db < o.silence_db) continue;
        out[f].peaks = frame_peaks(fft.transform(buffer), bin_hz, o.window, o);
    }
    return out;
}

// cos^2 weights of a partial's contribution at 0..1 semitone from the candidate (tabulated).
std::vector<double> spread_table() {
    std::vector<double> table(1001);
    for (std::size_t i = 0; i < table.size(); ++i) {
        const double c = std::cos(0.5 * std::numbers::pi * static_cast<double>(i) / 1000.0);
        table[i] = c * c;
    }
    return table;
}

// Harmonic summation: every peak votes for the f0 candidates it could be partial h of.
std::vector<double> salience_function(const SpectralFrame& frame, const PredominantMelodyOptions& o,
                                      const std::vector<double>& spread, std::size_t bins) {
    std::vector<double> s(bins, 0.0);
    for (const SpectralPeak& p : frame.peaks) {
        double weight = p.amplitude;
        for (int h = 1; h <= o.harmonics; ++h, weight *= o.harmonic_weight) {
            const double position = (frequency_to_pitch(p.hz / h) - o.min_midi) * kBinsPerSemitone;
            if (position < -kSpread) break;  // higher h only go lower
            if (position > static_cast<double>(bins) + kSpread) continue;
            const auto first = static_cast<std::int64_t>(std::ceil(position - kSpread));
            const auto last = static_cast<std::int64_t>(std::floor(position + kSpread));
            for (std::int64_t b = std::max<std::int64_t>(0, first); b <= last && b < static_cast<std::int64_t>(bins); ++b) {
                const double d = std::abs(static_cast<double>(b) - position) / kSpread;
                s[static_cast<std::size_t>(b)] += weight * spread[static_cast<std::size_t>(std::lround(d * 1000.0))];
            }
        }
    }
    return s;
}

std::vector<SaliencePeak> salience_peaks(const std::vector<double>& s, const PredominantMelodyOptions& o) {
    std::vector<SaliencePeak> peaks;
    const double best = s.empty() ? 0.0 : *std::max_element(s.begin(), s.end());
    if (best <= 0.0) return peaks;
    for (std::size_t b = 1; b + 1 < s.size(); ++b) {
        if (s[b] < best * o.frame_peak_ratio || s[b] <= s[b - 1] || s[b] < s[b + 1]) continue;
        const double curvature = s[b - 1] - 2.0 * s[b] + s[b + 1];
        const double offset = curvature < 0.0 ? 0.5 * (s[b - 1] - s[b + 1]) / curvature : 0.0;
        peaks.push_back({o.min_midi + (static_cast<double>(b) + offset) / kBinsPerSemitone, s[b]});
    }
    std::sort(peaks.begin(), peaks.end(), [](const SaliencePeak& a, const SaliencePeak& b) {
        return a.salience != b.salience ? a.salience > b.salience : a.midi < b.midi;
    });
    if (peaks.size() > static_cast<std::size_t>(o.peaks_per_frame)) peaks.resize(static_cast<std::size_t>(o.peaks_per_frame));
    return peaks;
}

struct OpenContour {
    PitchContour contour;
    std::size_t last = 0;  // last frame with a peak
};

// Appends a peak at frame f, interpolating the pitch over any gap since the last peak.
void extend(OpenContour& c, std::size_t f, const SaliencePeak& p) {
    const std::size_t gap = f - c.last - 1;
    const double from = static_cast<double>(c.contour.midi.back());
    for (std::size_t g = 1; g <= gap; ++g) {
        c.contour.midi.push_back(static_cast<float>(from + (p.midi - from) * static_cast<double>(g) / static_cast<double>(gap + 1)));
        c.contour.salience.push_back(0.0f);
    }
    c.contour.midi.push_back(static_cast<float>(p.midi));
    c.contour.salience.push_back(static_cast<float>(p.salience));
    c.last = f;
}

// Links each frame's salience peaks to the open contour nearest in pitch (strongest peak first).
std::vector<PitchContour> track_contours(const std::vector<std::vector<SaliencePeak>>& peaks, const PredominantMelodyOptions& o,
                                         double frame_rate) {
    std::vector<PitchContour> done;
    std::vector<OpenContour> open;
    const auto min_frames = static_cast<std::size_t>(std::lround(o.min_contour_s * frame_rate));
    const auto max_gap = static_cast<std::size_t>(o.max_gap_frames);
    auto close_before = [&](std::size_t f) {
        std::vector<OpenContour> still;
        for (OpenContour& c : open) {
            if (c.last + max_gap + 1 >= f) still.push_back(std::move(c));
            else if (c.contour.midi.size() >= min_frames) done.push_back(std::move(c.contour));
        }
        open = std::move(still);
    };
    for (std::size_t f = 0; f < peaks.size(); ++f) {
        close_before(f);
        std::vector<bool> taken(open.size(), false);
        for (const SaliencePeak& p : peaks[f]) {
            std::size_t best = open.size();
            double best_cents = o.continuity_cents;
            for (std::size_t i = 0; i < open.size(); ++i) {
                if (taken[i]) continue;
                const double cents = 100.0 * std::abs(static_cast<double>(open[i].contour.midi.back()) - p.midi);
                if (cents <= best_cents) best = i, best_cents = cents;
            }
            if (best < open.size()) {
                extend(open[best], f, p);
                taken[best] = true;
            } else {
                OpenContour c;
                c.contour.begin = f;
                c.contour.midi.push_back(static_cast<float>(p.midi));
                c.contour.salience.push_back(static_cast<float>(p.salience));
                c.last = f;
                open.push_back(std::move(c));
                taken.push_back(true);
            }
        }
    }
    close_before(peaks.size() + max_gap + 2);
    std::sort(done.begin(), done.end(), [](const PitchContour& a, const PitchContour& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.midi.front() < b.midi.front();
    });
    return done;
}

// Centred moving average over `half` frames each side (truncated at the ends).
std::vector<double> moving_average(const std::vector<double>& x, std::size_t half) {
    std::vector<double> out(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        const std::size_t a = i >= half ? i - half : 0, b = std::min(x.size(), i + half + 1);
        double sum = 0.0;
        for (std::size_t k = a; k < b; ++k) sum += x[k];
        out[i] = sum / static_cast<double>(b - a);
    }
    return out;
}

// Pitch, salience, pitch deviation (vibrato / jitter) and salience decay of one contour.
void measure(PitchContour& c, double frame_rate) {
    std::vector<double> pitch(c.midi.begin(), c.midi.end()), level_db;
    double pitch_sum = 0.0, salience_sum = 0.0;
    std::size_t measured = 0;
    for (std::size_t i = 0; i < c.midi.size(); ++i) {
        if (c.salience[i] <= 0.0f) continue;
        pitch_sum += pitch[i];
        salience_sum += static_cast<double>(c.salience[i]);
        level_db.push_back(20.0 * std::log10(static_cast<double>(c.salience[i])));
        ++measured;
    }
    c.mean_midi = measured ? pitch_sum / static_cast<double>(measured) : 0.0;
    c.mean_salience = measured ? salience_sum / static_cast<double>(measured) : 0.0;
    const auto half = static_cast<std::size_t>(std::lround(kSmoothingSeconds * frame_rate / 2.0));
    const std::vector<double> trend = moving_average(pitch, half);
    double deviation = 0.0;
    for (std::size_t i = 0; i < pitch.size(); ++i) deviation += (pitch[i] - trend[i]) * (pitch[i] - trend[i]);
    c.deviation_cents = 100.0 * std::sqrt(deviation / static_cast<double>(std::max<std::size_t>(1, pitch.size())));
    const std::vector<double> smooth = moving_average(level_db, 2);
    std::vector<double> slopes;
    for (std::size_t i = 1; i < smooth.size(); ++i) slopes.push_back((smooth[i] - smooth[i - 1]) * frame_rate);
    c.decay_db_per_s = median(std::move(slopes));
}

// Voice: a wavering pitch that does not decay like a plucked or struck string, and not far
// weaker than the typical voice-like contour (residual partials, reverb tails).
void decide_voicing(std::vector<PitchContour>& contours, const PredominantMelodyOptions& o) {
    std::vector<double> voice_salience;
    for (PitchContour& c : contours) {
        c.voice_like = c.deviation_cents >= o.min_deviation_cents && c.decay_db_per_s >= o.max_decay_db_per_s;
        if (c.voice_like) voice_salience.push_back(c.mean_salience);
    }
    const double typical = median(std::move(voice_salience));
    for (PitchContour& c : contours)
        if (c.voice_like && c.mean_salience < o.min_relative_salience * typical) c.voice_like = false;
}

struct Analysis {
    std::vector<SpectralFrame> frames;
    std::vector<PitchContour> contours;
};

Analysis analyse(std::span<const float> mono, SampleRate rate, const PredominantMelodyOptions& o) {
    validate(o);
    Analysis out;
    if (mono.empty()) return out;
    const SampleRate analysis_rate(o.analysis_rate);
    std::vector<float> resampled;
    if (rate.hz != analysis_rate.hz) resampled = resample(mono, rate, analysis_rate);
    const std::span<const float> x = rate.hz != analysis_rate.hz ? std::span<const float>(resampled) : mono;
    out.frames = spectral_frames(x, o);
    const auto bins = static_cast<std::size_t>(std::lround((o.max_midi - o.min_midi) * kBinsPerSemitone)) + 1;
    const std::vector<double> spread = spread_table();
    std::vector<std::vector<SaliencePeak>> peaks(out.frames.size());
    for (std::size_t f = 0; f < out.frames.size(); ++f)
        if (!out.frames[f].peaks.empty()) peaks[f] = salience_peaks(salience_function(out.frames[f], o, spread, bins), o);
    const double frame_rate = static_cast<double>(o.analysis_rate) / o.hop;
    out.contours = track_contours(peaks, o, frame_rate);
    for (PitchContour& c : out.contours) measure(c, frame_rate);
    decide_voicing(out.contours, o);
    return out;
}

// RMS level (dBFS) of the spectral peaks at the partials of f0: the voice's own level.
double harmonic_level_db(const SpectralFrame& frame, double f0_hz) {
    double power = 0.0;
    for (const SpectralPeak& p : frame.peaks) {
        const double h = std::round(p.hz / f0_hz);
        if (h < 1.0 || h > 40.0) continue;
        if (std::abs(1200.0 * std::log2(p.hz / (h * f0_hz))) <= 50.0) power += 0.5 * p.amplitude * p.amplitude;
    }
    // A frame bridged by interpolation has no partial peaks: its mix level stands in.
    return power > 0.0 ? std::max(-120.0, 10.0 * std::log10(power)) : frame.rms_db;
}

// Amplitude of the strongest spectral peak within 50 cents of hz (0 if none).
double partial_amplitude(const SpectralFrame& frame, double hz) {
    double best = 0.0;
    for (const SpectralPeak& p : frame.peaks)
        if (std::abs(1200.0 * std::log2(p.hz / hz)) <= 50.0) best = std::max(best, p.amplitude);
    return best;
}

// For a contour and a ratio r (2: an octave, 3: a twelfth, 4: two octaves), the share of its
// partial amplitude in partials 1..4 that are not multiples of r: a true f0 has them; a ghost r
// times below a higher voice has only the multiples (they are the voice's own partials).
double own_partial_share(const PitchContour& c, const std::vector<SpectralFrame>& frames, int ratio) {
    double own = 0.0, shared = 0.0;
    int own_count = 0;
    for (int h = 1; h <= 4; ++h) own_count += h % ratio != 0;
    for (std::size_t k = 0; k < c.midi.size() && c.begin + k < frames.size(); ++k) {
        if (c.salience[k] <= 0.0f) continue;
        const SpectralFrame& frame = frames[c.begin + k];
        const double hz = pitch_to_frequency(static_cast<double>(c.midi[k]));
        for (int h = 1; h <= 4; ++h)
            if (h % ratio != 0) own += partial_amplitude(frame, h * hz) / own_count;
        shared += 0.5 * (partial_amplitude(frame, ratio * hz) + partial_amplitude(frame, 2 * ratio * hz));
    }
    return own + shared > 0.0 ? own / (own + shared) : 0.0;
}

// Median pitch difference (b - a, semitones) over the frames both contours cover, and that
// overlap's share of the shorter contour.
std::pair<double, double> overlap_interval(const PitchContour& a, const PitchContour& b) {
    const std::size_t first = std::max(a.begin, b.begin), last = std::min(a.end(), b.end());
    if (last <= first) return {0.0, 0.0};
    std::vector<double> differences;
    for (std::size_t f = first; f < last; ++f)
        differences.push_back(static_cast<double>(b.midi[f - b.begin]) - static_cast<double>(a.midi[f - a.begin]));
    const double shorter = static_cast<double>(std::min(a.midi.size(), b.midi.size()));
    return {median(std::move(differences)), static_cast<double>(last - first) / shorter};
}

// Harmonic ghosts: of two overlapping voice-like contours an octave, a twelfth or two octaves
// apart that move together, the lower is the voice when its own partials sound, else the upper.
std::vector<bool> harmonic_ghosts(const std::vector<PitchContour>& contours, const std::vector<SpectralFrame>& frames,
                                  double min_own_share) {
    std::vector<bool> ghost(contours.size(), false);
    for (std::size_t i = 0; i < contours.size(); ++i) {
        if (!contours[i].voice_like) continue;
        for (std::size_t j = i + 1; j < contours.size() && contours[j].begin < contours[i].end(); ++j) {
            if (!contours[j].voice_like) continue;
            auto [interval, overlap] = overlap_interval(contours[i], contours[j]);
            if (overlap < 0.5) continue;
            const bool i_low = interval > 0.0;
            interval = std::abs(interval);
            int ratio = 0;
            for (const auto& [semitones, r] : {std::pair{12.0, 2}, std::pair{19.02, 3}, std::pair{24.0, 4}})
                if (std::abs(interval - semitones) <= 0.35) ratio = r;
            if (ratio == 0) continue;
            const std::size_t low = i_low ? i : j, high = i_low ? j : i;
            ghost[own_partial_share(contours[low], frames, ratio) >= min_own_share ? high : low] = true;
        }
    }
    return ghost;
}

// Frames of a contour inside runs of at least `min_run_s` that sound like a string rather than
// a voice: the local salience (median slope over +-0.1 s) decays, or the local pitch holds
// steadier than `steady_cents` (RMS around its 0.25 s average over +-0.15 s). This is where a
// voice contour ran on into a plucked note of the same pitch that rings after the singer stopped.
std::vector<bool> instrument_runs(const PitchContour& c, double max_decay, double steady_cents, double min_run_s,
                                  double frame_rate) {
    const std::size_t n = c.midi.size();
    const auto reach = static_cast<std::size_t>(std::lround(0.1 * frame_rate));
    const auto min_run = static_cast<std::size_t>(std::lround(min_run_s * frame_rate));
    std::vector<double> level(n);
    double last = -120.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (c.salience[i] > 0.0f) last = 20.0 * std::log10(static_cast<double>(c.salience[i]));
        level[i] = last;
    }
    const std::vector<double> smooth = moving_average(level, 2);
    const std::vector<double> pitch(c.midi.begin(), c.midi.end());
    const std::vector<double> trend = moving_average(pitch, static_cast<std::size_t>(std::lround(kSmoothingSeconds * frame_rate / 2.0)));
    std::vector<double> squared(n);
    for (std::size_t i = 0; i < n; ++i) squared[i] = (pitch[i] - trend[i]) * (pitch[i] - trend[i]);
    const std::vector<double> deviation = moving_average(squared, static_cast<std::size_t>(std::lround(0.15 * frame_rate)));
    std::vector<bool> decaying(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t a = i >= reach ? i - reach : 0, b = std::min(n - 1, i + reach);
        std::vector<double> slopes;
        for (std::size_t k = a + 1; k <= b; ++k) slopes.push_back((smooth[k] - smooth[k - 1]) * frame_rate);
        decaying[i] = (!slopes.empty() && median(std::move(slopes)) < max_decay) || 100.0 * std::sqrt(deviation[i]) < steady_cents;
    }
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && decaying[j] == decaying[i]) ++j;
        if (decaying[i] && j - i < min_run) std::fill(decaying.begin() + static_cast<std::ptrdiff_t>(i), decaying.begin() + static_cast<std::ptrdiff_t>(j), false);
        i = j;
    }
    return decaying;
}

// A voice-like contour without its own partials is a subharmonic of the voice (the voice's
// partials read as partials 2, 4, ... or 3, 6, ... of a lower f0): move it up to the voice.
void lift_subharmonics(PitchContour& c, const std::vector<SpectralFrame>& frames, const PredominantMelodyOptions& o) {
    for (int step = 0; step < 2; ++step) {
        double shift = 0.0;
        if (own_partial_share(c, frames, 2) < o.min_own_share) shift = 12.0;
        else if (own_partial_share(c, frames, 3) < o.min_own_share) shift = 19.02;
        if (shift == 0.0 || c.mean_midi + shift > o.max_midi) return;
        for (float& m : c.midi) m = static_cast<float>(static_cast<double>(m) + shift);
        c.mean_midi += shift;
    }
}

}  // namespace

std::vector<PitchContour> salience_contours(std::span<const float> mono, SampleRate rate, const PredominantMelodyOptions& options) {
    return analyse(mono, rate, options).contours;
}

F0Track track_predominant_melody(std::span<const float> mono, SampleRate rate, const PredominantMelodyOptions& options) {
    Analysis a = analyse(mono, rate, options);
    for (PitchContour& c : a.contours)
        if (c.voice_like) lift_subharmonics(c, a.frames, options);
    F0Track track;
    track.rate = SampleRate(options.analysis_rate);
    track.hop = options.hop;
    track.frames.resize(a.frames.size());
    for (std::size_t f = 0; f < a.frames.size(); ++f)
        track.frames[f].level_db = static_cast<float>(std::max(-120.0, a.frames[f].rms_db));
    // The strongest voice-like contours first (total salience under the register prior); a
    // contour mostly covered by stronger ones (an octave ghost, a competing line) is dropped.
    std::vector<std::pair<double, std::size_t>> ranked;
    std::vector<double> voice_salience;
    const std::vector<bool> ghost = harmonic_ghosts(a.contours, a.frames, options.min_own_share);
    for (std::size_t i = 0; i < a.contours.size(); ++i) {
        const PitchContour& c = a.contours[i];
        if (!c.voice_like || ghost[i]) continue;
        const double z = (c.mean_midi - options.register_midi) / options.register_sigma;
        ranked.push_back({-c.mean_salience * static_cast<double>(c.midi.size()) * std::exp(-0.5 * z * z), i});
        voice_salience.push_back(c.mean_salience);
    }
    std::sort(ranked.begin(), ranked.end());
    const double typical = median(std::move(voice_salience));
    std::vector<bool> taken(a.frames.size(), false);
    const double frame_rate = static_cast<double>(options.analysis_rate) / options.hop;
    for (const auto& [score, i] : ranked) {
        const PitchContour& c = a.contours[i];
        std::size_t free = 0;
        for (std::size_t f = c.begin; f < c.end() && f < taken.size(); ++f) free += !taken[f];
        if (2 * free < c.midi.size()) continue;
        const std::vector<bool> decaying = instrument_runs(c, options.max_decay_db_per_s, options.steady_cents,
                                                          options.min_instrument_run_s, frame_rate);
        for (std::size_t k = 0; k < c.midi.size() && c.begin + k < taken.size(); ++k) {
            const std::size_t f = c.begin + k;
            if (taken[f] || decaying[k]) continue;
            taken[f] = true;
            PitchFrame& frame = track.frames[f];
            const double hz = pitch_to_frequency(static_cast<double>(c.midi[k]));
            frame.f0_hz = static_cast<float>(hz);
            frame.voiced = true;
            frame.voiced_probability = static_cast<float>(std::clamp(c.mean_salience / std::max(1e-12, typical), 0.0, 1.0));
            frame.level_db = static_cast<float>(harmonic_level_db(a.frames[f], hz));
        }
    }
    return track;
}

}  // namespace tunesmith
