// Chord recognition: harmonic-aware chord templates (each chord tone carries its first six
// partials' pitch classes), correlation with segment chroma plus a bass bonus, and Viterbi.
#include "analyze/chords.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "music/pitch.h"

namespace tunesmith {
namespace {

struct ChordState {
    std::optional<Chord> chord;  // nullopt = N
    std::array<double, 12> tmpl{};
    double prior = 0.0;          // added to the similarity (favours triads over sevenths)
};

std::array<double, 12> harmonic_template(const Chord& chord) {
    // Partials 1..6 of a tone fall on its pitch class (1, 2, 4), a fifth above (3, 6) and a
    // major third above (5); amplitudes decay as 0.6^(h-1).
    static constexpr std::array<std::pair<int, double>, 6> partials{
        {{0, 1.0}, {0, 0.6}, {7, 0.36}, {0, 0.216}, {4, 0.1296}, {7, 0.0778}}};
    std::array<double, 12> t{};
    for (int pc : chord.pitch_classes())
        for (const auto& [offset, amplitude] : partials)
            t[static_cast<std::size_t>((pc + offset) % 12)] += amplitude;
    return t;
}

std::vector<ChordState> vocabulary(const ChordOptions& options) {
    std::vector<ChordState> states;
    states.push_back(ChordState{});  // N
    std::vector<std::pair<ChordQuality, double>> qualities{{ChordQuality::major, 0.0}, {ChordQuality::minor, 0.0}};
    if (options.sevenths) {
        qualities.emplace_back(ChordQuality::dominant7, -0.03);
        qualities.emplace_back(ChordQuality::major7, -0.03);
        qualities.emplace_back(ChordQuality::minor7, -0.03);
    }
    for (const auto& [quality, prior] : qualities)
        for (int root = 0; root < 12; ++root) {
            const Chord chord{root, quality, -1};
            states.push_back(ChordState{chord, harmonic_template(chord), prior});
        }
    return states;
}

double pearson(const std::array<double, 12>& a, const std::array<double, 12>& b) {
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / 12.0;
    const double mb = std::accumulate(b.begin(), b.end(), 0.0) / 12.0;
    double sab = 0.0, saa = 0.0, sbb = 0.0;
    for (std::size_t i = 0; i < 12; ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0.0 && sbb > 0.0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

struct Segment {
    std::size_t first_frame = 0;
    std::size_t end_frame = 0;
    Samples start;
    Samples end;
};

std::vector<Segment> segments(const Chromagram& chroma, const BeatResult* beats, const ChordOptions& options) {
    const std::size_t frames = chroma.frames();
    const Samples end_sample = chroma.frame_sample(frames - 1) + chroma.frame_sample(1);
    std::vector<std::pair<std::size_t, Samples>> bounds{{0, Samples(0)}};
    if (beats != nullptr && !beats->beats.empty()) {
        for (Samples beat : beats->beats) {
            const std::size_t frame = chroma.frame_at(beat);
            if (frame > bounds.back().first && frame < frames) bounds.emplace_back(frame, beat);
        }
    } else {
        const auto step = static_cast<std::size_t>(std::max(1, options.frames_per_segment));
        for (std::size_t f = step; f < frames; f += step) bounds.emplace_back(f, chroma.frame_sample(f));
    }
    std::vector<Segment> out;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        const bool last = i + 1 == bounds.size();
        out.push_back({bounds[i].first, last ? frames : bounds[i + 1].first, bounds[i].second,
                       last ? end_sample : bounds[i + 1].second});
    }
    return out;
}

// Similarity of every state to every segment (segments x states).
std::vector<std::vector<double>> similarities(const Chromagram& chroma, const std::vector<Segment>& segs,
                                              const std::vector<ChordState>& states, const ChordOptions& options) {
    std::vector<std::vector<double>> sim(segs.size(), std::vector<double>(states.size(), 0.0));
    for (std::size_t s = 0; s < segs.size(); ++s) {
        const PitchClassVector full = mean_chroma(chroma.full, chroma.energy, segs[s].first_frame, segs[s].end_frame);
        const PitchClassVector bass = mean_chroma(chroma.bass, chroma.energy, segs[s].first_frame, segs[s].end_frame);
        double energy = 0.0;
        for (std::size_t f = segs[s].first_frame; f < segs[s].end_frame; ++f)
            energy = std::max(energy, static_cast<double>(chroma.energy[f]));
        std::array<double, 12> x{};
        std::array<double, 12> b{};
        for (std::size_t pc = 0; pc < 12; ++pc) {
            x[pc] = static_cast<double>(full[pc]);
            b[pc] = static_cast<double>(bass[pc]);
        }
        const double bass_peak = *std::max_element(b.begin(), b.end());
        const bool silent = energy < options.no_chord_energy;
        for (std::size_t k = 0; k < states.size(); ++k) {
            if (!states[k].chord) {
                sim[s][k] = silent ? 1.0 : 0.15;  // N wins only where nothing is sounding or nothing fits
                continue;
            }
            if (silent) {
                sim[s][k] = -1.0;
                continue;
            }
            const auto root = static_cast<std::size_t>(states[k].chord->root);
            const double bass_bonus = bass_peak > 0.0 ? b[root] / bass_peak : 0.0;
            sim[s][k] = (pearson(x, states[k].tmpl) + options.bass_weight * bass_bonus) /
                            (1.0 + options.bass_weight) + states[k].prior;
        }
    }
    return sim;
}

std::vector<std::size_t> viterbi(const std::vector<std::vector<double>>& sim, const std::vector<Segment>& segs,
                                 const Chromagram& chroma, const ChordOptions& options) {
    const std::size_t n = sim.size();
    const std::size_t k = sim.front().size();
    std::vector<std::vector<double>> score(n, std::vector<double>(k));
    std::vector<std::vector<std::size_t>> back(n, std::vector<std::size_t>(k, 0));
    score[0] = sim[0];
    for (double& v : score[0]) v *= options.sharpness;
    for (std::size_t s = 1; s < n; ++s) {
        // The stay probability is per half second, so short segments do not make changes cheap.
        const double seconds = std::max(0.05, to_seconds(segs[s].end - segs[s].start, chroma.source_rate).value);
        const double stay = std::pow(options.self_transition, seconds / 0.5);
        const double log_stay = std::log(stay);
        const double log_move = std::log((1.0 - stay) / static_cast<double>(k - 1));
        const auto best_prev = static_cast<std::size_t>(
            std::max_element(score[s - 1].begin(), score[s - 1].end()) - score[s - 1].begin());
        for (std::size_t j = 0; j < k; ++j) {
            const double from_self = score[s - 1][j] + log_stay;
            const double from_best = score[s - 1][best_prev] + log_move;
            const bool keep = from_self >= from_best || best_prev == j;
            score[s][j] = (keep ? from_self : from_best) + options.sharpness * sim[s][j];
            back[s][j] = keep ? j : best_prev;
        }
    }
    std::vector<std::size_t> path(n);
    path[n - 1] = static_cast<std::size_t>(std::max_element(score[n - 1].begin(), score[n - 1].end()) -
                                           score[n - 1].begin());
    for (std::size_t s = n - 1; s > 0; --s) path[s - 1] = back[s][path[s]];
    return path;
}

}  // namespace

std::string ChordEstimate::label() const {
    if (!chord) return "N";
    return NoteName::from_pitch_class(chord->root, false).to_string() + ":" + std::string(chord->quality_label());
}

std::string ChordEstimate::symbol(const std::optional<Key>& key) const {
    if (!chord) return "N";
    return key ? chord->name(*key) : chord->name(false);
}

std::vector<ChordEstimate> estimate_chords(const Chromagram& chroma, const BeatResult* beats,
                                           const ChordOptions& options) {
    std::vector<ChordEstimate> out;
    if (chroma.frames() < 2) return out;
    const std::vector<ChordState> states = vocabulary(options);
    const std::vector<Segment> segs = segments(chroma, beats, options);
    const auto sim = similarities(chroma, segs, states, options);
    const std::vector<std::size_t> path = viterbi(sim, segs, chroma, options);

    double similarity_sum = 0.0;
    std::size_t count = 0;
    for (std::size_t s = 0; s < segs.size(); ++s) {
        const bool same = !out.empty() && path[s] == path[s - 1];
        if (!same) {
            if (!out.empty()) out.back().confidence = std::clamp(similarity_sum / static_cast<double>(count), 0.0, 1.0);
            ChordEstimate estimate;
            estimate.start = segs[s].start;
            estimate.start_seconds = to_seconds(segs[s].start, chroma.source_rate).value;
            estimate.chord = states[path[s]].chord;
            out.push_back(estimate);
            similarity_sum = 0.0;
            count = 0;
        }
        out.back().end = segs[s].end;
        out.back().end_seconds = to_seconds(segs[s].end, chroma.source_rate).value;
        similarity_sum += sim[s][path[s]];
        ++count;
    }
    if (!out.empty()) out.back().confidence = std::clamp(similarity_sum / static_cast<double>(count), 0.0, 1.0);
    return out;
}

}  // namespace tunesmith
