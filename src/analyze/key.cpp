// Key profiles (Krumhansl-Kessler probe-tone ratings, Temperley's Kostka-Payne corpus profile,
// Albrecht & Shanahan's 2013 corpus profile) and the 24-key correlation.
#include "analyze/key.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace tunesmith {
namespace {

struct ProfilePair {
    std::array<double, 12> major;
    std::array<double, 12> minor;
};

const ProfilePair& profile_pair(KeyProfile profile) {
    static const ProfilePair krumhansl{
        {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88},
        {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17}};
    static const ProfilePair temperley{
        {0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400},
        {0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330}};
    static const ProfilePair albrecht_shanahan{
        {0.238, 0.006, 0.111, 0.006, 0.137, 0.094, 0.016, 0.214, 0.009, 0.080, 0.008, 0.081},
        {0.220, 0.006, 0.104, 0.123, 0.019, 0.103, 0.012, 0.214, 0.062, 0.022, 0.061, 0.052}};
    switch (profile) {
        case KeyProfile::temperley: return temperley;
        case KeyProfile::albrecht_shanahan: return albrecht_shanahan;
        case KeyProfile::krumhansl: break;
    }
    return krumhansl;
}

// Pearson correlation of x with the profile rotated so its tonic is `tonic`.
double correlation(const std::array<double, 12>& x, const std::array<double, 12>& profile, int tonic) {
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / 12.0;
    const double mp = std::accumulate(profile.begin(), profile.end(), 0.0) / 12.0;
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (int pc = 0; pc < 12; ++pc) {
        const double a = x[static_cast<std::size_t>(pc)] - mx;
        const double b = profile[static_cast<std::size_t>(((pc - tonic) % 12 + 12) % 12)] - mp;
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
    }
    return sxx > 0.0 && syy > 0.0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

// How well a chord (root pitch class, minor or not) serves a key: diatonic triads by function.
double chord_function_fit(int degree, bool chord_minor, bool key_minor) {
    // Semitones above the tonic -> weight, for major-quality and minor-quality chords.
    static constexpr std::array<double, 12> major_key_major{1.0, 0, 0, 0, 0, 0.7, 0, 0.8, 0, 0, 0, 0};
    static constexpr std::array<double, 12> major_key_minor{0, 0, 0.5, 0, 0.3, 0, 0, 0, 0, 0.6, 0, 0};
    static constexpr std::array<double, 12> minor_key_major{0, 0, 0, 0.6, 0, 0, 0, 0.7, 0.6, 0, 0.5, 0};
    static constexpr std::array<double, 12> minor_key_minor{1.0, 0, 0, 0, 0, 0.6, 0, 0.4, 0, 0, 0, 0};
    const auto d = static_cast<std::size_t>(degree);
    const double fit = key_minor ? (chord_minor ? minor_key_minor[d] : minor_key_major[d])
                                 : (chord_minor ? major_key_minor[d] : major_key_major[d]);
    return fit > 0.0 ? fit : -0.3;
}

bool is_minor_quality(ChordQuality quality) {
    return quality == ChordQuality::minor || quality == ChordQuality::minor7 || quality == ChordQuality::diminished;
}

}  // namespace

Key key_from_pitch_class(int tonic_pc, bool minor) {
    tonic_pc = ((tonic_pc % 12) + 12) % 12;
    // Flat spellings for the keys conventionally written with flats (F, Bb, Eb, Ab, Db, Gb major;
    // D, G, C, F, Bb, Eb minor); sharps otherwise.
    static constexpr std::array<bool, 12> major_flats{false, true, false, true, false, true,
                                                      true,  false, true, false, true, false};
    static constexpr std::array<bool, 12> minor_flats{true,  false, true, true, false, true,
                                                      false, true,  false, false, true, false};
    const bool flats = (minor ? minor_flats : major_flats)[static_cast<std::size_t>(tonic_pc)];
    return Key{NoteName::from_pitch_class(tonic_pc, flats), minor ? Mode::minor : Mode::major};
}

namespace {

// Calibrated on 140 drifting POP909 renders (docs/analysis.md, Session 11): the softmax
// temperature, in correlation units, and the ceiling that maximised the likelihood of the key
// being right. A runner-up close behind (the relative key, the dominant) takes its share from the
// best; a clear winner still reads only 0.9, because the clearest estimates were the relative of
// the annotated key about one time in ten (the same notes read from the other tonic).
constexpr double kKeyTemperature = 0.05;
constexpr double kKeyCeiling = 0.9;
// What a tune's held final note adds to the correlation of the two keys on its pitch class.
constexpr double kFinalRestBonus = 0.15;

// The key with the highest score; its confidence is its share of a softmax over the 24 scores,
// times the ceiling: about the chance that it is the key.
void choose_best_key(KeyEstimate& estimate) {
    const auto best = static_cast<std::size_t>(std::max_element(estimate.scores.begin(), estimate.scores.end()) -
                                               estimate.scores.begin());
    double total = 0.0;
    for (double s : estimate.scores) total += std::exp((s - estimate.scores[best]) / kKeyTemperature);
    estimate.key = key_from_pitch_class(static_cast<int>(best % 12), best >= 12);
    estimate.confidence = kKeyCeiling / total * estimate.evidence;
}

// Pitch classes at which the evidence is whole (a pentatonic tune); one alone gives none.
constexpr double kWholeEvidenceClasses = 5.0;

}  // namespace

double key_evidence(const std::array<double, 12>& histogram) {
    const double total = std::accumulate(histogram.begin(), histogram.end(), 0.0);
    if (!(total > 0.0)) return 0.0;
    double entropy = 0.0;
    for (double h : histogram)
        if (h > 0.0) entropy -= h / total * std::log(h / total);
    return std::clamp((std::exp(entropy) - 1.0) / (kWholeEvidenceClasses - 1.0), 0.0, 1.0);
}

KeyEstimate estimate_key_from_histogram(const std::array<double, 12>& histogram, KeyProfile profile) {
    KeyEstimate estimate;
    const double total = std::accumulate(histogram.begin(), histogram.end(), 0.0);
    const double peak = *std::max_element(histogram.begin(), histogram.end());
    // A flat distribution (white noise, a cluster of all twelve) carries no key either.
    if (!(total > 1e-9) || peak - total / 12.0 < 1e-6 * total) return estimate;
    estimate.evidence = key_evidence(histogram);
    const ProfilePair& pair = profile_pair(profile);
    const std::array<double, 12>& major = pair.major;
    const std::array<double, 12>& minor = pair.minor;
    for (int tonic = 0; tonic < 12; ++tonic) {
        estimate.scores[static_cast<std::size_t>(tonic)] = correlation(histogram, major, tonic);
        estimate.scores[static_cast<std::size_t>(tonic + 12)] = correlation(histogram, minor, tonic);
    }
    choose_best_key(estimate);
    return estimate;
}

KeyEstimate estimate_key(const Chromagram& chroma, const KeyOptions& options) {
    const PitchClassVector full = mean_chroma(chroma.full, chroma.energy, 0, chroma.frames());
    const PitchClassVector bass = mean_chroma(chroma.bass, chroma.energy, 0, chroma.frames());
    std::array<double, 12> histogram{};
    for (std::size_t pc = 0; pc < 12; ++pc)
        histogram[pc] = static_cast<double>(full[pc]) + options.bass_weight * static_cast<double>(bass[pc]);
    return estimate_key_from_histogram(histogram, options.profile);
}

KeyEstimate estimate_key_with_chords(const Chromagram& chroma, std::span<const ChordEstimate> chords,
                                     const KeyOptions& options) {
    KeyEstimate estimate = estimate_key(chroma, options);
    if (!estimate.key || options.chord_weight <= 0.0) return estimate;
    double total = 0.0;
    std::array<double, 24> fit{};
    for (const ChordEstimate& span : chords) {
        if (!span.chord) continue;
        const double duration = std::max(0.0, span.end_seconds - span.start_seconds);
        total += duration;
        const bool minor = is_minor_quality(span.chord->quality);
        for (int tonic = 0; tonic < 12; ++tonic) {
            const int degree = ((span.chord->root - tonic) % 12 + 12) % 12;
            fit[static_cast<std::size_t>(tonic)] += duration * chord_function_fit(degree, minor, false);
            fit[static_cast<std::size_t>(tonic + 12)] += duration * chord_function_fit(degree, minor, true);
        }
    }
    if (total <= 0.0) return estimate;
    for (std::size_t k = 0; k < 24; ++k) estimate.scores[k] += options.chord_weight * fit[k] / total;
    choose_best_key(estimate);
    return estimate;
}

std::optional<int> final_rest_pitch_class(std::span<const Note> notes) {
    std::vector<std::int64_t> lengths;
    for (const Note& note : notes)
        if (note.duration.value > 0) lengths.push_back(note.duration.value);
    if (lengths.size() < 4) return std::nullopt;
    std::nth_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2), lengths.end());
    const std::int64_t median = lengths[lengths.size() / 2];
    // The last note that is not a blip (a breath or a transcription crumb after the end).
    const Note* last = nullptr;
    for (const Note& note : notes)
        if (note.duration.value * 4 >= median && (last == nullptr || note.start >= last->start)) last = &note;
    if (last == nullptr || last->duration.value < 2 * median) return std::nullopt;
    const Note* first = nullptr;
    for (const Note& note : notes)
        if (note.duration.value * 4 >= median && (first == nullptr || note.start < first->start)) first = &note;
    // An excerpt may stop on any held note (a half cadence on the dominant); a tune that also
    // began on that note has come home.
    if (pitch_class(first->pitch) != pitch_class(last->pitch)) return std::nullopt;
    return pitch_class(last->pitch);
}

KeyEstimate estimate_key_from_notes(std::span<const Note> notes, KeyProfile profile) {
    std::array<double, 12> histogram{};
    for (const Note& note : notes) {
        if (note.duration.value <= 0) continue;
        histogram[static_cast<std::size_t>(pitch_class(note.pitch))] +=
            std::sqrt(static_cast<double>(note.duration.value));
    }
    KeyEstimate estimate = estimate_key_from_histogram(histogram, profile);
    const std::optional<int> rest = final_rest_pitch_class(notes);
    if (!estimate.key || !rest) return estimate;
    // A tune that ends on a held note has most often come home: that note lends its key's tonic
    // weight. The pitch histogram alone cannot tell C major from D minor in a tune without a B.
    estimate.scores[static_cast<std::size_t>(*rest)] += kFinalRestBonus;
    estimate.scores[static_cast<std::size_t>(*rest + 12)] += kFinalRestBonus;
    choose_best_key(estimate);
    return estimate;
}

}  // namespace tunesmith
