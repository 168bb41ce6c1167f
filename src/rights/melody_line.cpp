// Skyline reduction of notes to one voice, and its interval / duration-ratio features.
#include "rights/melody_line.h"

#include <algorithm>
#include <cmath>

namespace tunesmith {
namespace {

constexpr std::int64_t kTicksPerUnit = kTicksPerQuarter / 12;  // twelfths of a quarter
constexpr std::int64_t kMaxIoi = 12 * 16;                        // a rest longer than 4 bars counts as 4 bars

std::uint16_t clamp_ioi(std::int64_t units) {
    return static_cast<std::uint16_t>(std::clamp<std::int64_t>(units, 1, kMaxIoi));
}

// round(2 * log2(next / ioi)) clamped to -4..4, by comparison with the class boundaries
// 2^((k + 0.5) / 2) (irrational, so no ratio of integers falls on one): no log2 per step, which
// loading an index of a few hundred thousand steps would pay.
std::int8_t ratio_class(std::uint16_t ioi, std::uint16_t next) {
    static constexpr double kBounds[] = {0.29730177875068026, 0.42044820762685725, 0.5946035575013605,
                                         0.8408964152537145,  1.189207115002721,   1.681792830507429,
                                         2.378414230005442,   3.363585661014858};
    const double ratio = static_cast<double>(next) / static_cast<double>(ioi);
    int cls = -4;
    for (double bound : kBounds) cls += ratio >= bound;
    return static_cast<std::int8_t>(cls);
}

}  // namespace

MelodyLine melody_line(std::vector<Note> notes) {
    std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
        return a.start != b.start ? a.start < b.start : a.pitch > b.pitch;
    });
    MelodyLine line;
    std::vector<Ticks> starts;
    std::vector<Ticks> ends;
    for (const Note& n : notes) {
        if (!starts.empty() && n.start == starts.back()) continue;  // a lower note of the same onset
        line.pitches.push_back(static_cast<std::uint8_t>(std::clamp(n.pitch, 0, 127)));
        starts.push_back(n.start);
        ends.push_back(n.end());
    }
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const Ticks next = i + 1 < starts.size() ? starts[i + 1] : ends[i];
        line.iois.push_back(clamp_ioi(((next - starts[i]).value + kTicksPerUnit / 2) / kTicksPerUnit));
    }
    return line;
}

MelodyLine melody_line(const std::vector<TimedPitch>& notes) {
    std::vector<Note> converted;
    converted.reserve(notes.size());
    const double ticks_per_second = 2.0 * static_cast<double>(kTicksPerQuarter);
    for (const auto& n : notes) {
        const auto start = static_cast<std::int64_t>(std::llround(n.onset_s * ticks_per_second));
        const auto length = static_cast<std::int64_t>(std::llround(n.duration_s * ticks_per_second));
        converted.push_back(Note{Ticks(start), Ticks(std::max<std::int64_t>(length, 1)), n.pitch, 80});
    }
    return melody_line(std::move(converted));
}

MelodyFeatures melody_features(const MelodyLine& line) {
    MelodyFeatures f;
    const std::size_t steps = line.size() < 2 ? 0 : line.size() - 1;
    f.intervals.resize(steps);
    f.ratios.resize(steps);
    for (std::size_t i = 0; i < steps; ++i) {
        const int interval = static_cast<int>(line.pitches[i + 1]) - static_cast<int>(line.pitches[i]);
        f.intervals[i] = static_cast<std::int8_t>(std::clamp(interval, -24, 24));
        f.ratios[i] = ratio_class(line.iois[i], line.iois[i + 1]);
    }
    return f;
}

}  // namespace tunesmith
