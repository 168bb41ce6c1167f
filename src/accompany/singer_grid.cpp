// singer_grid: tracked beats when there are enough of them, else a tempo from the flags or a
// default, with the beat phase locked to the first sung note.
#include "accompany/singer_grid.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "base/text.h"

namespace tunesmith {
namespace {

constexpr std::size_t kMinTrackedBeats = 8;
constexpr double kDefaultBpm = 90.0;
// A lead-in may run at most this much faster than the tracked beat (see with_sane_lead_in).
constexpr double kMaxLeadInSpeedup = 2.0;
constexpr double kMaxLeadInBpm = 300.0;  // ... and never faster than this
// A --bpm the singer's beat misses by more than this is said (the grid follows the singer).
constexpr double kBpmNoticeRatio = 1.03;

// The metrical factor (beats per tracked beat) that turns the tracked tempo into `wanted`,
// when one of the usual ratios is within 8 %; 0 otherwise.
double metrical_factor(double tracked, double wanted) {
    constexpr std::array<double, 7> factors{1.0, 2.0, 0.5, 1.5, 2.0 / 3.0, 3.0, 1.0 / 3.0};
    for (double f : factors)
        if (std::abs(std::log(wanted / (tracked * f))) < std::log(1.08)) return f;
    return 0.0;
}

double first_onset_s(const AudioAnalysis& analysis) {
    return analysis.notes.notes.empty() ? 0.0 : analysis.notes.notes.front().onset_s;
}

// Tracked beats are quarter-note anchors; a meter whose beat is another value (6/8's dotted
// quarter, 2/2's half) reads each tracked beat as one of its beats.
TempoMap in_meter_beats(const TempoMap& quarters, const Meter& meter) {
    if (meter.beat() == kQuarter || quarters.anchors().size() < 2) return quarters;
    std::vector<TempoAnchor> anchors;
    for (const TempoAnchor& a : quarters.anchors())
        anchors.push_back({Ticks(a.tick.value * meter.beat().value / kTicksPerQuarter), a.sample});
    return TempoMap::from_anchors(std::move(anchors), quarters.sample_rate());
}

// The grid's tempo map through `beats` (beat i on grid beat i + lead_in), in the meter's beats.
TempoMap grid_tempo(const std::vector<Samples>& beats, int lead_in, SampleRate rate, double bpm, const Meter& meter) {
    return in_meter_beats(tempo_map_from_beats(beats, lead_in, rate, bpm), meter);
}

// The median tempo (quarter-note bpm) between consecutive beats; `fallback` with fewer than two.
double median_bpm(const std::vector<Samples>& beats, SampleRate rate, double fallback) {
    std::vector<double> periods;
    for (std::size_t i = 1; i < beats.size(); ++i)
        if (beats[i] > beats[i - 1]) periods.push_back(static_cast<double>((beats[i] - beats[i - 1]).value));
    if (periods.empty()) return fallback;
    std::nth_element(periods.begin(), periods.begin() + static_cast<std::ptrdiff_t>(periods.size() / 2), periods.end());
    return 60.0 * static_cast<double>(rate.hz) / periods[periods.size() / 2];
}

// Beats before the first one at its period, at least one when it is not at sample 0 (tick 0 must be
// sample 0). Requires two beats.
int natural_lead_in(const std::vector<Samples>& beats) {
    const double period = static_cast<double>((beats[1] - beats[0]).value);
    const int minimum = beats.front().value > 0 ? 1 : 0;
    return std::max(minimum, static_cast<int>(std::lround(static_cast<double>(beats[0].value) / period)));
}

}  // namespace

std::vector<Samples> regrid_beats(const std::vector<Samples>& beats, double factor) {
    std::vector<Samples> out;
    if (beats.size() < 2 || factor <= 0.0) return beats;
    const double last = static_cast<double>(beats.size() - 1);
    for (int j = 0;; ++j) {
        const double x = j / factor;
        if (x > last + 1e-9) break;
        const auto i = std::min(static_cast<std::size_t>(x), beats.size() - 2);
        const double frac = x - static_cast<double>(i);
        const double t = static_cast<double>(beats[i].value) * (1.0 - frac) + static_cast<double>(beats[i + 1].value) * frac;
        out.push_back(Samples(std::llround(t)));
    }
    return out;
}

TempoMap phase_locked_tempo(double bpm, Seconds first_onset, SampleRate rate) {
    const double period_s = 60.0 / bpm;
    const auto beats_before = static_cast<std::int64_t>(std::floor(first_onset.value / period_s + 0.5));
    if (beats_before < 1 || first_onset.value <= 0.0) return TempoMap::constant(bpm, rate);
    // Two anchors past the onset keep the steady tempo (the map continues its last segment).
    const Samples onset = to_samples(first_onset, rate);
    const std::int64_t far_beats = 100000;
    const Samples far = onset + to_samples(Seconds(period_s * static_cast<double>(far_beats)), rate);
    return TempoMap::from_anchors({{Ticks(0), Samples(0)},
                                   {kQuarter * beats_before, onset},
                                   {kQuarter * (beats_before + far_beats), far}},
                                  rate);
}

SingerGrid shifted_bar_lines(const SingerGrid& grid, int shift) {
    const int bar = std::max(1, grid.meter.beats_per_bar());
    shift = ((shift % bar) + bar) % bar;
    if (grid.beats.size() < 2 || shift == 0) return grid;
    // Beat i is on grid beat (i + lead_in); moving the bar lines `shift` beats later takes `shift`
    // beats off the lead-in, or adds the rest of a bar when the lead-in would get too short.
    const int minimum = grid.beats.front().value > 0 ? 1 : 0;
    int lead_in = grid.lead_in_beats - shift;
    if (lead_in < minimum) lead_in += bar;
    SingerGrid out = grid;
    out.lead_in_beats = lead_in;
    out.tempo = grid_tempo(grid.beats, lead_in, grid.tempo.sample_rate(), grid.bpm, grid.meter);
    return out;
}

std::optional<SingerGrid> sung_note_grid(const AudioAnalysis& analysis, double length_s, const SungOnsetProfile& profile,
                                         std::optional<Meter> meter, const SungBeatOptions& options) {
    std::vector<double> onsets, pitches;
    for (const NoteEvent& n : analysis.notes.notes) onsets.push_back(n.onset_s), pitches.push_back(n.median_pitch);
    const SungBeats sung = track_sung_beats(onsets, pitches, length_s, profile, analysis.beats.bpm, options);
    if (sung.seconds.size() < kMinTrackedBeats) return std::nullopt;
    SingerGrid grid;
    grid.meter = meter ? *meter : (analysis.beats.beats.empty() ? Meter{4, 4} : analysis.beats.meter);
    // A beat at sample 0 would leave no room for a lead-in when the bar lines move (shifted_bar_lines).
    for (double t : sung.seconds)
        if (t > 0.0) grid.beats.push_back(to_samples(Seconds(t), analysis.rate));
    if (grid.beats.size() < kMinTrackedBeats) return std::nullopt;
    grid.lead_in_beats = natural_lead_in(grid.beats);
    grid.bpm = sung.bpm;
    grid.tempo = grid_tempo(grid.beats, grid.lead_in_beats, analysis.rate, grid.bpm, grid.meter);
    grid.source = sung.level == 1.0 ? std::string("sung notes")
                                    : "sung notes; the onset tracker's " + bpm_text(analysis.beats.bpm) +
                                          " was at another level";
    return grid;
}

SingerGrid with_meter(const SingerGrid& grid, const Meter& meter) {
    if (meter.numerator == grid.meter.numerator && meter.denominator == grid.meter.denominator) return grid;
    SingerGrid out = grid;
    out.meter = meter;
    if (grid.beats.size() >= 2)
        out.tempo = grid_tempo(grid.beats, grid.lead_in_beats, grid.tempo.sample_rate(), grid.bpm, meter);
    return out;
}

SingerGrid halved_grid(const SingerGrid& grid, int first) {
    if (grid.beats.size() < 4 || first < 0 || first > 1) return grid;
    SingerGrid out = grid;
    out.beats.clear();
    for (std::size_t i = static_cast<std::size_t>(first); i < grid.beats.size(); i += 2) out.beats.push_back(grid.beats[i]);
    out.lead_in_beats = natural_lead_in(out.beats);
    out.bpm = grid.bpm / 2.0;
    out.tempo = grid_tempo(out.beats, out.lead_in_beats, grid.tempo.sample_rate(), out.bpm, grid.meter);
    out.source = grid.source + ", halved";
    return out;
}

SingerGrid with_sane_lead_in(const SingerGrid& grid) {
    const std::vector<Samples>& beats = grid.beats;
    if (beats.size() < 2 || beats.front().value <= 0) return grid;
    const int bar = std::max(1, grid.meter.beats_per_bar());
    std::vector<Samples> anchored = beats;
    const double shortest = 60.0 / kMaxLeadInBpm * static_cast<double>(grid.tempo.sample_rate().hz);
    const auto squeezed = [&](std::size_t k, int lead) {
        const double period = static_cast<double>((anchored[k + 1] - anchored[k]).value);
        const double lead_beat = static_cast<double>(anchored[k].value) / (lead + static_cast<int>(k));
        return lead_beat < std::max(period / kMaxLeadInSpeedup, shortest);
    };
    int lead_in = std::max(grid.lead_in_beats, 1);
    if (!squeezed(0, lead_in)) return grid;
    // Of the lead-ins whole bars shorter (none: the first beat moved to sample 0), the one whose beats
    // last most nearly the first tracked beat's.
    const double period = static_cast<double>((anchored[1] - anchored[0]).value);
    const auto misfit = [&](int lead) {
        const double lead_beat = lead == 0 ? static_cast<double>(anchored[1].value)
                                           : static_cast<double>(anchored[0].value) / lead;
        return std::abs(std::log(lead_beat / period));
    };
    int best = lead_in;
    for (int lead = lead_in - bar; lead >= 0; lead -= bar)
        if (misfit(lead) < misfit(best)) best = lead;
    lead_in = best;
    if (lead_in == 0) anchored.front() = Samples(0);
    std::size_t skip = 0;
    while (lead_in > 0 && skip + 2 < anchored.size() && squeezed(skip, lead_in)) ++skip;
    anchored.erase(anchored.begin(), anchored.begin() + static_cast<std::ptrdiff_t>(skip));
    SingerGrid out = grid;
    out.lead_in_beats = lead_in;
    out.tempo = grid_tempo(anchored, lead_in + static_cast<int>(skip), grid.tempo.sample_rate(), grid.bpm, grid.meter);
    return out;
}

SingerGrid singer_grid(const AudioAnalysis& analysis, std::optional<double> bpm, std::optional<Meter> meter,
                       std::vector<std::string>& warnings) {
    SingerGrid grid;
    const BeatResult& beats = analysis.beats;
    const bool tracked = beats.beats.size() >= kMinTrackedBeats && beats.bpm > 0.0;
    grid.meter = meter ? *meter : (tracked ? beats.meter : Meter{4, 4});
    if (tracked && !bpm) {
        grid.tempo = in_meter_beats(beats.tempo, grid.meter);
        grid.bpm = beats.bpm;
        grid.source = "tracked";
        grid.beats = beats.beats;
        grid.lead_in_beats = beats.lead_in_beats;
        return grid;
    }
    if (tracked && bpm) {
        const double factor = metrical_factor(beats.bpm, *bpm);
        // --bpm chooses which of the singer's pulses is the beat; the grid keeps following the singer
        // (a steady --bpm would drift away from the voice), and the tempo reported everywhere is the
        // one the grid plays: its median, said when it differs from the request.
        if (factor > 0.0) {
            const auto regridded = regrid_beats(beats.beats, factor);
            const int lead_in = static_cast<int>(std::lround(beats.lead_in_beats * factor));
            grid.bpm = median_bpm(regridded, analysis.rate, *bpm);
            grid.tempo = grid_tempo(regridded, lead_in, analysis.rate, grid.bpm, grid.meter);
            grid.source = "tracked at the level of --bpm " + decimal_text(*bpm, 1);
            grid.beats = regridded;
            grid.lead_in_beats = lead_in;
            if (std::abs(std::log(grid.bpm / *bpm)) > std::log(kBpmNoticeRatio))
                warnings.push_back("--bpm " + decimal_text(*bpm, 1) + ": the singer's beat at that level runs at " +
                                   bpm_text(grid.bpm) +
                                   " (median over the take); the accompaniment follows the singer, not a steady " +
                                   bpm_text(*bpm));
            return grid;
        }
        warnings.push_back("the singer's tracked tempo (" + bpm_text(beats.bpm) + ") does not fit the given " +
                           bpm_text(*bpm) + ": playing a steady " + bpm_text(*bpm) +
                           " that will not follow tempo changes");
    }
    if (!tracked && !bpm)
        warnings.push_back("no steady beat could be tracked in the vocal: playing a steady " + bpm_text(kDefaultBpm) +
                           " from the first note (give --bpm to set it)");
    grid.bpm = bpm ? *bpm : kDefaultBpm;
    grid.tempo = phase_locked_tempo(grid.bpm, Seconds(first_onset_s(analysis)), analysis.rate);
    grid.source = bpm ? "--bpm" : "default";
    return grid;
}

}  // namespace tunesmith
