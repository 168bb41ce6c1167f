// Voice activity detection: per 10 ms frame at 8 kHz, level over an adaptive noise floor, voicing
// and syllabic level swings; frames become ranges with gap bridging, a minimum length and padding.
#include "video/dialogue.h"

#include <algorithm>
#include <cmath>

#include "audio/resample.h"

namespace tunesmith {
namespace {

constexpr int kRate = 8000;
constexpr std::size_t kHop = 80;      // 10 ms
constexpr std::size_t kWindow = 256;  // 32 ms
constexpr std::size_t kMinLag = kRate / 400;
constexpr std::size_t kMaxLag = kRate / 70;
constexpr std::ptrdiff_t kSwingFrames = 30;  // +-0.3 s

struct FrameFeatures {
    double level_db = -120.0;
    double voicing = 0.0;
};

// Peak of the normalised autocorrelation over the pitch lags (0 for a silent frame).
double voicing_of(const float* x, std::size_t n) {
    double best = 0.0;
    for (std::size_t lag = kMinLag; lag <= kMaxLag && lag + 32 < n; ++lag) {
        double cross = 0.0, a = 0.0, b = 0.0;
        for (std::size_t i = 0; i + lag < n; ++i) {
            const double now = x[i];
            const double later = x[i + lag];
            cross += now * later;
            a += now * now;
            b += later * later;
        }
        if (a > 1e-12 && b > 1e-12) best = std::max(best, cross / std::sqrt(a * b));
    }
    return best;
}

std::vector<FrameFeatures> frame_features(const std::vector<float>& x) {
    std::vector<FrameFeatures> frames;
    if (x.size() < kWindow) return frames;
    std::vector<float> frame(kWindow);
    for (std::size_t start = 0; start + kWindow <= x.size(); start += kHop) {
        double mean = 0.0;
        for (std::size_t i = 0; i < kWindow; ++i) mean += static_cast<double>(x[start + i]);
        mean /= kWindow;
        double energy = 0.0;
        for (std::size_t i = 0; i < kWindow; ++i) {
            const double centred = static_cast<double>(x[start + i]) - mean;
            frame[i] = static_cast<float>(centred);
            energy += centred * centred;
        }
        FrameFeatures f;
        f.level_db = 10.0 * std::log10(energy / kWindow + 1e-12);
        if (f.level_db > -70.0) f.voicing = voicing_of(frame.data(), kWindow);
        frames.push_back(f);
    }
    return frames;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return -120.0;
    const auto k = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

std::vector<bool> speech_frames(const std::vector<FrameFeatures>& frames, const VoiceActivityOptions& o) {
    std::vector<double> levels;
    for (const auto& f : frames) levels.push_back(f.level_db);
    const double floor = percentile(levels, 0.1);
    std::vector<bool> speech(frames.size(), false);
    const auto n = static_cast<std::ptrdiff_t>(frames.size());
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        const FrameFeatures& f = frames[static_cast<std::size_t>(i)];
        if (f.level_db < floor + o.floor_margin_db || f.level_db < o.min_level_dbfs || f.voicing < o.voicing) continue;
        double low = f.level_db, high = f.level_db;
        for (std::ptrdiff_t k = std::max<std::ptrdiff_t>(0, i - kSwingFrames); k < std::min(n, i + kSwingFrames + 1); ++k) {
            low = std::min(low, frames[static_cast<std::size_t>(k)].level_db);
            high = std::max(high, frames[static_cast<std::size_t>(k)].level_db);
        }
        speech[static_cast<std::size_t>(i)] = high - low >= o.swing_db;
    }
    return speech;
}

double frame_start(std::size_t i) { return static_cast<double>(i * kHop) / kRate; }
double frame_end(std::size_t i) { return static_cast<double>(i * kHop + kWindow) / kRate; }

}  // namespace

std::vector<TimeRange> detect_dialogue(const AudioBuffer& audio, const VoiceActivityOptions& options) {
    if (audio.empty() || audio.rate.hz <= 0) return {};
    const std::vector<float> mono = audio.mono();
    const std::vector<float> x = resample(mono, audio.rate, SampleRate(kRate));
    const std::vector<bool> speech = speech_frames(frame_features(x), options);
    const double length = static_cast<double>(audio.frames()) / audio.rate.hz;

    std::vector<TimeRange> ranges;
    for (std::size_t i = 0; i < speech.size(); ++i) {
        if (!speech[i]) continue;
        if (!ranges.empty() && frame_start(i) - ranges.back().end.value < options.bridge.value) {
            ranges.back().end = Seconds(frame_end(i));
        } else {
            ranges.push_back(TimeRange{Seconds(frame_start(i)), Seconds(frame_end(i))});
        }
    }
    std::vector<TimeRange> kept;
    for (const TimeRange& r : ranges) {
        if (r.end.value - r.start.value < options.min_range.value) continue;
        TimeRange padded{Seconds(std::max(0.0, r.start.value - options.pad.value)),
                         Seconds(std::min(length, r.end.value + options.pad.value))};
        if (!kept.empty() && padded.start <= kept.back().end) kept.back().end = padded.end;
        else kept.push_back(padded);
    }
    return kept;
}

double dialogue_coverage(const std::vector<TimeRange>& ranges, Seconds length) {
    if (length.value <= 0.0) return 0.0;
    double covered = 0.0;
    for (const TimeRange& r : ranges) covered += std::max(0.0, std::min(r.end.value, length.value) - r.start.value);
    return covered / length.value;
}

}  // namespace tunesmith
