// Tempo-map fitting: a dynamic-programming search over beat choices for the hit points and the
// final bar line, then a map through those exact anchors (tempo_ramp.cpp glides between spans).
#include "compose/tempo_fit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "base/text.h"

namespace tunesmith {
namespace {

std::string bars_text(int bars) { return std::to_string(bars) + (bars == 1 ? " bar" : " bars"); }

constexpr double kInf = std::numeric_limits<double>::infinity();
// Leaving a hit off the map must cost more than any in-bound tempo choice (a span costs at most
// 1 for deviation + 3 x 4 for smoothness + 2 for placement).
constexpr double kSkipCost = 100.0;
// Leaving the tempo bound must cost more than leaving hits off the map.
constexpr double kViolationCost = 10000.0;
// Leaving the accepted bpm range (at its edges) costs less than a hit off the map.
constexpr double kOutOfRangeCost = 50.0;
constexpr double kSmoothWeight = 3.0;  // neighbouring spans should agree more than either should sit at bpm
// Candidate beats searched either side of a hit's nominal beat (plus nearby strong beats).
constexpr std::int64_t kBeatWindow = 6;
// Extra placement cost of a hit half-way between beats (off-beat fits only): taken only where no beat fits.
constexpr double kOffBeatCost = 1.0;
// Candidate bar counts either side of the nominal length.
constexpr std::int64_t kBarWindow = 4;
// Ending inside a bar (a ring-out final bar, TempoFitOptions::ring_out) costs more than any in-bound
// span, so a bar-line end wins whenever only the tempo is at stake, and less than a section start
// off its downbeat (5-10) or a hit off the map (100), which it exists to rescue.
constexpr double kRingOutCost = 1.5;

// The musical frame: how long a beat is at the requested tempo and how beats group into bars.
// The fit's grid. Its "beat" is the unit anchors fall on: the meter's beat, or half of it when hits may
// land half-way between beats (subdivision 2); beats_per_bar and beat_samples are in that unit.
struct Frame {
    double bpm = 120.0;
    double beat_samples = 0.0;  // nominal samples per unit at bpm
    std::int64_t beats_per_bar = 4;
    Ticks beat;
    std::int64_t subdivision = 1;  // units per meter beat
    double max_deviation = 0.06;
    double log_up = 0.0;    // ln(1 + max_deviation)
    double log_down = 0.0;  // -ln(1 - max_deviation)
    double range_low = 0.0;    // tempo ratios to bpm of the accepted range (TempoFitOptions::min_bpm, max_bpm)
    double range_high = kInf;

    double fastest() const { return 1.0 + max_deviation; }  // tempo ratios at the bound
    double slowest() const { return 1.0 - max_deviation; }

    // What a span outside the accepted range costs: more than any tempo in range, less than a hit
    // left off the map, and growing with the distance (a cue asked at the range's edge that cannot
    // stay inside it takes the nearest tempo, not the far side of the bound).
    double range_cost(std::int64_t beats, std::int64_t samples) const {
        const double ratio = static_cast<double>(beats) * beat_samples / static_cast<double>(samples);
        if (ratio > range_high) return kOutOfRangeCost * (1.0 + std::log(ratio / range_high) / log_up);
        if (ratio < range_low) return kOutOfRangeCost * (1.0 + std::log(range_low / ratio) / log_down);
        return 0.0;
    }

    // Tempo of a span relative to the bound: 0 at bpm, +-1 at the bound (log scale).
    double normalized_deviation(std::int64_t beats, std::int64_t samples) const {
        const double ratio = static_cast<double>(beats) * beat_samples / static_cast<double>(samples);
        const double x = std::log(ratio);
        return x >= 0.0 ? x / log_up : x / log_down;
    }
};

double span_cost(double deviation) {
    const double magnitude = std::fabs(deviation);
    if (magnitude <= 1.0 + 1e-12) return deviation * deviation;
    return deviation * deviation + kViolationCost * magnitude;
}

bool is_downbeat(std::int64_t beat, std::int64_t beats_per_bar) { return beat % beats_per_bar == 0; }

// Penalty for placing a hit on `beat`: downbeats are free, the middle of an even bar costs half,
// any other beat the full weight ("lift" and "drop" strongly prefer downbeats; a hit that starts a
// section most of all: sections begin on bar lines, so a scene change off the downbeat moves its
// section off the cut, which is worse than bending the tempo a few percent).
double placement_cost(std::int64_t beat, std::int64_t beats_per_bar, const HitRequest& hit) {
    const std::string& kind = hit.kind;
    const double weight = hit.starts_section ? 10.0 : (kind == "lift" || kind == "drop") ? 2.0 : kind == "hit" ? 0.5 : 0.3;
    if (is_downbeat(beat, beats_per_bar)) return 0.0;
    if (beats_per_bar >= 4 && beats_per_bar % 2 == 0 && beat % (beats_per_bar / 2) == 0) return weight * 0.5;
    return weight;
}

struct Candidate {
    std::int64_t beat = 0;
    double cost = 0.0;
    // End candidates only: the beat where a ring-out final bar starts (-1: the end is a bar line).
    std::int64_t final_bar_line = -1;
};

// One place the map may be anchored: the start, a group of hits at one sample, or the end.
struct Node {
    Samples sample;
    std::vector<Candidate> candidates;
    std::vector<std::size_t> requests;  // hit indices landing here
};

enum class Miss { none, too_close, out_of_reach, search };

std::vector<Candidate> hit_candidates(const Frame& frame, Samples sample, const std::vector<std::size_t>& requests,
                                      std::span<const HitRequest> hits) {
    const double nominal = static_cast<double>(sample.value) / frame.beat_samples;
    // A hit's beat over the whole run from the start is an average of in-bound spans, so it is in bound too.
    const auto lowest = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(nominal * frame.slowest() - 1e-9)));
    const auto highest = static_cast<std::int64_t>(std::floor(nominal * frame.fastest() + 1e-9));
    const auto centre = static_cast<std::int64_t>(std::llround(nominal));
    const std::int64_t bar = frame.beats_per_bar;
    std::vector<std::int64_t> beats;
    const std::int64_t window = kBeatWindow * frame.subdivision;
    for (std::int64_t d = -window; d <= window; ++d) beats.push_back(centre + d);
    const std::int64_t bar_below = (centre / bar) * bar;
    for (std::int64_t k = -1; k <= 2; ++k) beats.push_back(bar_below + k * bar);
    if (bar >= 4 && bar % 2 == 0)
        for (std::int64_t k = -1; k <= 2; ++k) beats.push_back(bar_below + k * bar + bar / 2);
    std::sort(beats.begin(), beats.end());
    beats.erase(std::unique(beats.begin(), beats.end()), beats.end());
    std::vector<Candidate> out;
    for (std::int64_t beat : beats) {
        if (beat < lowest || beat > highest) continue;
        double cost = 0.0;
        for (std::size_t r : requests) cost += placement_cost(beat, bar, hits[r]);
        if (beat % frame.subdivision != 0) cost += kOffBeatCost * static_cast<double>(requests.size());
        out.push_back({beat, cost});
    }
    return out;
}

// Ends on a beat inside a bar: the final bar (a held chord) starts on the bar line before and lasts
// the leftover beats when they are at least half a bar and nearer a bar than a bar plus them, else
// starts a bar earlier and lasts a bar plus them. Always after at least one bar of body.
void add_ring_out_ends(const Frame& frame, std::int64_t lowest_beat, std::int64_t highest_beat, std::vector<Candidate>& out) {
    const std::int64_t bar = frame.beats_per_bar;
    for (std::int64_t beat = lowest_beat; beat <= highest_beat; ++beat) {
        const std::int64_t left = beat % bar;
        if (left == 0) continue;
        const double short_bar = static_cast<double>(left) / static_cast<double>(bar);
        const bool shortened = 2 * left >= bar && -std::log(short_bar) < std::log(1.0 + short_bar);
        const std::int64_t final_bar_line = shortened ? beat - left : beat - left - bar;
        if (final_bar_line < bar) continue;
        const double stretch = static_cast<double>(beat - final_bar_line) / static_cast<double>(bar);
        out.push_back({beat, kRingOutCost + std::fabs(std::log(stretch)), final_bar_line});
    }
}

std::vector<Candidate> end_candidates(const Frame& frame, Samples length, bool ring_out) {
    const double nominal_bars = static_cast<double>(length.value) / frame.beat_samples /
                                static_cast<double>(frame.beats_per_bar);
    const auto centre = std::max<std::int64_t>(1, std::llround(nominal_bars));
    const auto lowest = std::max<std::int64_t>(
        {1, centre - kBarWindow, static_cast<std::int64_t>(std::ceil(nominal_bars * frame.slowest() - 1e-9))});
    const auto highest = std::min<std::int64_t>(
        centre + kBarWindow, static_cast<std::int64_t>(std::floor(nominal_bars * frame.fastest() + 1e-9)));
    std::vector<Candidate> out;
    for (std::int64_t bars = lowest; bars <= highest; ++bars) out.push_back({bars * frame.beats_per_bar, 0.0});
    if (ring_out && !out.empty()) {  // the same window, on every beat
        const double nominal_beats = nominal_bars * static_cast<double>(frame.beats_per_bar);
        const auto first = static_cast<std::int64_t>(std::ceil(nominal_beats * frame.slowest() - 1e-9));
        const auto last = static_cast<std::int64_t>(std::floor(nominal_beats * frame.fastest() + 1e-9));
        add_ring_out_ends(frame, std::max((centre - kBarWindow) * frame.beats_per_bar, first),
                          std::min((centre + kBarWindow) * frame.beats_per_bar, last), out);
    }
    if (out.empty()) {  // no whole number of bars fits in bound: the search takes the least violation
        const auto below = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(nominal_bars)));
        const auto above = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(nominal_bars)));
        out.push_back({below * frame.beats_per_bar, 0.0});
        if (above != below) out.push_back({above * frame.beats_per_bar, 0.0});
    }
    return out;
}

// Best path state for the span from (node j, candidate cj) to (node k, candidate ck).
struct Cell {
    double cost = kInf;
    double deviation = 0.0;  // this span's normalized tempo deviation (for the next span's smoothness)
    int prev_node = -1;
    int prev_candidate = -1;
};

// A finished path arriving at a (node, candidate): its cost, its last span's deviation, and where that span began.
struct Arrival {
    double cost = kInf;
    double deviation = 0.0;
    int node = -1;
    int candidate = -1;
};

// Second-order dynamic programme: the cost of a span depends on the previous span (smoothness),
// so a state is a span between two chosen anchors; up to `max_skip` hits in a row may be skipped.
class AnchorSearch {
public:
    AnchorSearch(const Frame& frame, const std::vector<Node>& nodes, int max_skip)
        : frame_(frame), nodes_(nodes), max_skip_(std::max(0, max_skip)), cells_(nodes.size()), arrivals_(nodes.size()) {}

    // The chosen (node, candidate) pairs from the start to the end; empty if no path exists.
    std::vector<std::pair<int, int>> run() {
        const int count = static_cast<int>(nodes_.size());
        for (int k = 1; k < count; ++k) {
            fill_node(k);
            collect_arrivals(k);
        }
        return best_path(count - 1);
    }

private:
    int first_predecessor(int k) const { return std::max(0, k - 1 - max_skip_); }
    std::size_t width(int node) const { return nodes_[static_cast<std::size_t>(node)].candidates.size(); }

    std::vector<Cell>& table(int k, int j) { return cells_[static_cast<std::size_t>(k)][static_cast<std::size_t>(k - 1 - j)]; }
    const Cell& cell(int k, int j, int cj, int ck) const {
        return cells_[static_cast<std::size_t>(k)][static_cast<std::size_t>(k - 1 - j)]
                     [static_cast<std::size_t>(cj) * width(k) + static_cast<std::size_t>(ck)];
    }

    double skip_cost(int j, int k) const {
        double cost = 0.0;
        for (int n = j + 1; n < k; ++n) cost += kSkipCost * static_cast<double>(nodes_[static_cast<std::size_t>(n)].requests.size());
        return cost;
    }

    void fill_node(int k) {
        cells_[static_cast<std::size_t>(k)].resize(static_cast<std::size_t>(k - first_predecessor(k)));
        for (int j = k - 1; j >= first_predecessor(k); --j) {
            auto& cells = table(k, j);
            cells.assign(width(j) * width(k), Cell{});
            const double skipped = skip_cost(j, k);
            const Node& from = nodes_[static_cast<std::size_t>(j)];
            const Node& to = nodes_[static_cast<std::size_t>(k)];
            for (std::size_t cj = 0; cj < width(j); ++cj) {
                for (std::size_t ck = 0; ck < width(k); ++ck) {
                    const std::int64_t beats = to.candidates[ck].beat - from.candidates[cj].beat;
                    if (beats <= 0) continue;
                    // A ring-out final bar holds one chord: no hit may fall inside it.
                    if (from.candidates[cj].beat > to.candidates[ck].final_bar_line && to.candidates[ck].final_bar_line >= 0)
                        continue;
                    Cell& out = cells[cj * width(k) + ck];
                    out.deviation = frame_.normalized_deviation(beats, (to.sample - from.sample).value);
                    const double base = span_cost(out.deviation) + frame_.range_cost(beats, (to.sample - from.sample).value) +
                                        to.candidates[ck].cost + skipped;
                    if (j == 0) {
                        out.cost = base;
                        continue;
                    }
                    link_predecessor(out, base, j, static_cast<int>(cj));
                }
            }
        }
    }

    // Every finite way of arriving at (k, ck), cheapest first, so that linking can stop early:
    // the smoothness term is never negative, so once a path's cost alone exceeds the best, none after it wins.
    void collect_arrivals(int k) {
        auto& lists = arrivals_[static_cast<std::size_t>(k)];
        lists.assign(width(k), {});
        for (int j = k - 1; j >= first_predecessor(k); --j)
            for (std::size_t cj = 0; cj < width(j); ++cj)
                for (std::size_t ck = 0; ck < width(k); ++ck) {
                    const Cell& c = cell(k, j, static_cast<int>(cj), static_cast<int>(ck));
                    if (c.cost < kInf) lists[ck].push_back({c.cost, c.deviation, j, static_cast<int>(cj)});
                }
        for (auto& list : lists)
            std::sort(list.begin(), list.end(), [](const Arrival& a, const Arrival& b) {
                return a.cost < b.cost || (a.cost == b.cost && (a.node > b.node || (a.node == b.node && a.candidate < b.candidate)));
            });
    }

    void link_predecessor(Cell& out, double base, int j, int cj) const {
        for (const Arrival& before : arrivals_[static_cast<std::size_t>(j)][static_cast<std::size_t>(cj)]) {
            if (before.cost + base >= out.cost) break;
            const double change = out.deviation - before.deviation;
            const double total = before.cost + base + kSmoothWeight * change * change;
            if (total < out.cost) {
                out.cost = total;
                out.prev_node = before.node;
                out.prev_candidate = before.candidate;
            }
        }
    }

    std::vector<std::pair<int, int>> best_path(int end) const {
        double best = kInf;
        int best_j = -1, best_cj = -1, best_ck = -1;
        for (int j = end - 1; j >= first_predecessor(end); --j)
            for (std::size_t cj = 0; cj < width(j); ++cj)
                for (std::size_t ck = 0; ck < width(end); ++ck) {
                    const Cell& c = cell(end, j, static_cast<int>(cj), static_cast<int>(ck));
                    if (c.cost < best) {
                        best = c.cost;
                        best_j = j;
                        best_cj = static_cast<int>(cj);
                        best_ck = static_cast<int>(ck);
                    }
                }
        if (best == kInf) return {};
        std::vector<std::pair<int, int>> path{{end, best_ck}};
        int k = end, ck = best_ck, j = best_j, cj = best_cj;
        while (true) {
            path.emplace_back(j, cj);
            if (j == 0) break;
            const Cell& c = cell(k, j, cj, ck);
            k = j;
            ck = cj;
            j = c.prev_node;
            cj = c.prev_candidate;
        }
        std::reverse(path.begin(), path.end());
        return path;
    }

    const Frame& frame_;
    const std::vector<Node>& nodes_;
    int max_skip_;
    std::vector<std::vector<std::vector<Cell>>> cells_;  // [k][k-1-j][cj * width(k) + ck]
    std::vector<std::vector<std::vector<Arrival>>> arrivals_;  // [k][ck], cheapest first
};

// The nearest beat to `sample` on the fitted map (before the final bar line unless it is the end).
Ticks nearest_beat(const TempoMap& tempo, const Frame& frame, Samples sample, Samples length, Ticks end) {
    if (sample >= length) return end;
    const std::int64_t beat_ticks = frame.beat.value;
    const std::int64_t below = std::max<std::int64_t>(0, tempo.to_ticks(sample).value / beat_ticks);
    const Ticks lower(below * beat_ticks);
    const Ticks upper((below + 1) * beat_ticks);
    const auto distance = [&](Ticks t) { return std::llabs((tempo.to_samples(t) - sample).value); };
    Ticks best = distance(upper) < distance(lower) ? upper : lower;
    if (best >= end) best = end - frame.beat;
    return std::max(best, Ticks(0));
}

std::string describe_beat(Ticks tick, const Frame& frame) {
    const std::int64_t unit = tick.value / frame.beat.value;
    const std::int64_t in_bar = unit % frame.beats_per_bar;
    return "bar " + std::to_string(unit / frame.beats_per_bar + 1) + " beat " +
           std::to_string(in_bar / frame.subdivision + 1) + (in_bar % frame.subdivision != 0 ? " and" : "");
}

std::string miss_reason(Miss miss) {
    switch (miss) {
        case Miss::too_close: return "it is closer than one beat to the previous anchor";
        case Miss::out_of_reach: return "no beat is in reach from the start";
        case Miss::search: return "it conflicts with the neighbouring hits and the cue length";
        case Miss::none: break;
    }
    return "";
}

// Groups hits by sample, drops those that cannot be anchors, and lays out the search nodes.
std::vector<Node> build_nodes(const Frame& frame, Samples length, std::span<const HitRequest> hits, bool ring_out,
                              std::vector<Miss>& misses) {
    std::vector<std::size_t> order(hits.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return hits[a].sample < hits[b].sample; });

    std::vector<Node> nodes{{Samples(0), {{0, 0.0}}, {}}};
    const double min_gap = frame.beat_samples / frame.fastest();
    for (std::size_t at = 0; at < order.size();) {
        std::size_t next = at;
        std::vector<std::size_t> group;
        while (next < order.size() && hits[order[next]].sample == hits[order[at]].sample) group.push_back(order[next++]);
        const Samples sample = hits[order[at]].sample;
        at = next;
        if (sample.value <= 0) {
            nodes.front().requests.insert(nodes.front().requests.end(), group.begin(), group.end());
            continue;
        }
        if (sample >= length) continue;  // lands on the final bar line, an anchor already
        const double gap_before = static_cast<double>((sample - nodes.back().sample).value);
        const double gap_after = static_cast<double>((length - sample).value);
        Miss miss = Miss::none;
        std::vector<Candidate> candidates;
        if (gap_before < min_gap || gap_after < min_gap) {
            miss = Miss::too_close;
        } else {
            candidates = hit_candidates(frame, sample, group, hits);
            if (candidates.empty()) miss = Miss::out_of_reach;
        }
        if (miss != Miss::none) {
            for (std::size_t r : group) misses[r] = miss;
            continue;
        }
        nodes.push_back({sample, std::move(candidates), std::move(group)});
    }
    nodes.push_back({length, end_candidates(frame, length, ring_out), {}});
    return nodes;
}

// The map up to the final bar line, then one final bar from there to the end sample (a ring-out).
TempoMap with_ring_out_bar(const TempoMap& tempo, Ticks final_bar_line, Ticks end, Samples length) {
    const Samples at = tempo.to_samples(final_bar_line);
    std::vector<TempoAnchor> anchors;
    for (const TempoAnchor& a : tempo.anchors())
        if (a.tick < final_bar_line && a.sample < at) anchors.push_back(a);
    anchors.push_back({final_bar_line, at});
    anchors.push_back({end, length});
    return TempoMap::from_anchors(std::move(anchors), tempo.sample_rate());
}

// When the search finds no path (it always should), anchor only the end.
std::vector<std::pair<int, int>> end_only_path(const Frame& frame, const std::vector<Node>& nodes) {
    const Node& end = nodes.back();
    int best = 0;
    double best_cost = kInf;
    for (std::size_t c = 0; c < end.candidates.size(); ++c) {
        const double cost = span_cost(frame.normalized_deviation(end.candidates[c].beat, end.sample.value)) +
                            frame.range_cost(end.candidates[c].beat, end.sample.value) + end.candidates[c].cost;
        if (cost < best_cost) {
            best_cost = cost;
            best = static_cast<int>(c);
        }
    }
    return {{0, 0}, {static_cast<int>(nodes.size()) - 1, best}};
}

// The fit within options.max_deviation (fit_tempo without its wider tries), on beats or, with
// subdivision 2, on half beats.
TempoFit fit_within_bound(double bpm, Meter meter, SampleRate rate, Samples length, std::span<const HitRequest> hits,
                          const TempoFitOptions& options, std::int64_t subdivision = 1) {
    Frame frame;
    frame.bpm = bpm;
    frame.subdivision = subdivision;
    frame.beat = Ticks(meter.beat().value / subdivision);
    frame.beats_per_bar = meter.beats_per_bar() * subdivision;
    frame.beat_samples = static_cast<double>(frame.beat.value) / kTicksPerQuarter * 60.0 * rate.hz / bpm;
    frame.max_deviation = options.max_deviation;
    frame.log_up = std::log(1.0 + options.max_deviation);
    frame.log_down = -std::log(1.0 - options.max_deviation);
    if (options.min_bpm > 0.0) frame.range_low = options.min_bpm / bpm;
    if (options.max_bpm > 0.0) frame.range_high = options.max_bpm / bpm;

    std::vector<Miss> misses(hits.size(), Miss::none);
    const std::vector<Node> nodes = build_nodes(frame, length, hits, options.ring_out, misses);
    std::vector<std::pair<int, int>> path = AnchorSearch(frame, nodes, options.max_skipped_run).run();
    if (path.empty()) path = end_only_path(frame, nodes);

    std::vector<BeatAnchor> anchors;
    std::vector<bool> anchored(hits.size(), false);
    for (const auto& [node, candidate] : path) {
        const Node& n = nodes[static_cast<std::size_t>(node)];
        anchors.push_back({n.candidates[static_cast<std::size_t>(candidate)].beat, n.sample});
        for (std::size_t r : n.requests) anchored[r] = true;
    }
    for (std::size_t r = 0; r < hits.size(); ++r)
        if (!anchored[r] && misses[r] == Miss::none && hits[r].sample > Samples(0) && hits[r].sample < length)
            misses[r] = Miss::search;

    const int ramp = options.ramp_beats > 0 ? options.ramp_beats
                                            : static_cast<int>(std::max<std::int64_t>(8, 2 * frame.beats_per_bar));
    TempoFit fit;
    // Glides between anchors stay inside the accepted range too, when the asked tempo is.
    const double glide_fastest = frame.range_high >= 1.0 ? std::min(frame.fastest(), frame.range_high) : frame.fastest();
    const double glide_slowest = frame.range_low <= 1.0 ? std::max(frame.slowest(), frame.range_low) : frame.slowest();
    fit.tempo = build_ramped_map(anchors, frame.beat, bpm, rate, glide_fastest, glide_slowest, ramp);
    const std::int64_t end_beat = anchors.back().beat;
    const std::int64_t final_bar_line = nodes.back().candidates[static_cast<std::size_t>(path.back().second)].final_bar_line;
    fit.ring_out = final_bar_line >= 0;
    const std::int64_t bar_end_beat = fit.ring_out ? final_bar_line + frame.beats_per_bar : end_beat;
    if (fit.ring_out) fit.tempo = with_ring_out_bar(fit.tempo, Ticks(final_bar_line * frame.beat.value),
                                                    Ticks(bar_end_beat * frame.beat.value), length);
    fit.bars = static_cast<int>(bar_end_beat / frame.beats_per_bar);
    fit.length = Ticks(bar_end_beat * frame.beat.value);

    const double nominal_bars = static_cast<double>(length.value) / frame.beat_samples / static_cast<double>(frame.beats_per_bar);
    const double ratio = static_cast<double>(end_beat) * frame.beat_samples / static_cast<double>(length.value);
    if (nominal_bars < 1.0) {
        fit.warnings.push_back("the cue is shorter than one bar at " + bpm_text(bpm) + ": it is one bar at " +
                               bpm_text(bpm * ratio));
    } else if (std::fabs(frame.normalized_deviation(end_beat, length.value)) > 1.0 + 1e-9) {
        fit.warnings.push_back("no whole number of bars fills " + seconds_text(to_seconds(length, rate).value) +
                               " within +-" + decimal_text(options.max_deviation * 100.0, 0) + "% of " + bpm_text(bpm) +
                               ": " + bars_text(fit.bars) + " at " + bpm_text(bpm * ratio));
    } else if (ratio < frame.range_low || ratio > frame.range_high) {
        fit.warnings.push_back("no whole number of bars near " + bpm_text(bpm) + " fills " +
                               seconds_text(to_seconds(length, rate).value) + " inside the accepted tempo range: " +
                               bars_text(fit.bars) + " at " + bpm_text(bpm * ratio));
    }

    fit.hits.resize(hits.size());
    for (std::size_t r = 0; r < hits.size(); ++r) {
        FittedHit& out = fit.hits[r];
        out.tick = nearest_beat(fit.tempo, frame, hits[r].sample, length, fit.length);
        for (const auto& a : anchors)
            if (anchored[r] && a.sample == hits[r].sample) out.tick = Ticks(a.beat * frame.beat.value);
        if (hits[r].sample.value <= 0) out.tick = Ticks(0);
        out.exact = fit.tempo.to_samples(out.tick) == hits[r].sample;
        out.downbeat = is_downbeat(out.tick.value / frame.beat.value, frame.beats_per_bar);
        if (out.exact) continue;
        const Samples landed = fit.tempo.to_samples(out.tick);
        const double off_ms = 1000.0 * static_cast<double>((landed - hits[r].sample).value) / rate.hz;
        fit.warnings.push_back("hits[" + std::to_string(r) + "] ('" + hits[r].kind + "' at " +
                               seconds_text(to_seconds(hits[r].sample, rate).value) +
                               ") cannot land exactly on a beat with the tempo within +-" +
                               decimal_text(options.max_deviation * 100.0, 0) + "% of " + bpm_text(bpm) + " (" +
                               miss_reason(misses[r]) + "): it is on the nearest beat, " +
                               describe_beat(out.tick, frame) + ", " + decimal_text(std::fabs(off_ms), 1) + " ms " +
                               (off_ms < 0.0 ? "early" : "late"));
    }
    return fit;
}

std::size_t inexact_hits(const TempoFit& fit) {
    return static_cast<std::size_t>(std::count_if(fit.hits.begin(), fit.hits.end(), [](const FittedHit& h) { return !h.exact; }));
}

// Hits that start a section (scene changes) and do not land exactly on a downbeat.
std::size_t scenes_off_downbeat(const TempoFit& fit, std::span<const HitRequest> hits) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < hits.size(); ++i)
        if (hits[i].starts_section && !(fit.hits[i].exact && fit.hits[i].downbeat)) ++count;
    return count;
}

// `a` lands more hits exactly than `b`, or as many and more scene changes on their downbeats.
bool lands_more(const TempoFit& a, const TempoFit& b, std::span<const HitRequest> hits) {
    const std::size_t missed_a = inexact_hits(a), missed_b = inexact_hits(b);
    return missed_a < missed_b || (missed_a == missed_b && scenes_off_downbeat(a, hits) < scenes_off_downbeat(b, hits));
}

}  // namespace

TempoFit fit_tempo(double bpm, Meter meter, SampleRate rate, Samples length, std::span<const HitRequest> hits,
                   const TempoFitOptions& options) {
    if (!(bpm > 0.0) || rate.hz <= 0 || length.value <= 0)
        throw std::logic_error("fit_tempo: bpm, sample rate and length must be positive");
    if (!(options.max_deviation > 0.0 && options.max_deviation < 0.5) || !(options.fallback_deviation < 0.5))
        throw std::logic_error("fit_tempo: max_deviation must be in (0, 0.5), fallback_deviation below 0.5");
    // A bar-line end first; a ring-out end only where that leaves a hit or a scene change off its beat.
    TempoFitOptions chosen = options;
    chosen.ring_out = false;
    TempoFit fit = fit_within_bound(bpm, meter, rate, length, hits, chosen);
    if (options.ring_out && (inexact_hits(fit) > 0 || scenes_off_downbeat(fit, hits) > 0)) {
        TempoFit rung = fit_within_bound(bpm, meter, rate, length, hits, options);
        if (rung.ring_out && lands_more(rung, fit, hits)) fit = std::move(rung), chosen.ring_out = true;
    }
    const std::size_t missed = inexact_hits(fit);
    if (missed == 0 || options.fallback_deviation <= options.max_deviation) return fit;
    TempoFitOptions wider = chosen;
    wider.max_deviation = options.fallback_deviation;
    TempoFit bent = fit_within_bound(bpm, meter, rate, length, hits, wider);
    bool half_beats = false;
    if (inexact_hits(bent) > 0 && options.off_beat_hits && meter.beat().value % 2 == 0) {
        TempoFit off_beat = fit_within_bound(bpm, meter, rate, length, hits, wider, 2);
        if (inexact_hits(off_beat) < inexact_hits(bent)) bent = std::move(off_beat), half_beats = true;
    }
    if (inexact_hits(bent) >= missed) return fit;
    bent.warnings.insert(bent.warnings.begin(),
                         "to land " + std::to_string(missed - inexact_hits(bent)) + " more hit(s) exactly, the tempo may bend up to +-" +
                             decimal_text(options.fallback_deviation * 100.0, 0) + "% of " + bpm_text(bpm) + " (not +-" +
                             decimal_text(options.max_deviation * 100.0, 0) + "%)" +
                             (half_beats ? " and hits may fall half-way between beats" : ""));
    return bent;
}

}  // namespace tunesmith
