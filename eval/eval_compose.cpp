// Composition evaluation: generates a set of varied cues (MIDI only), reads each written score.mid
// back through read_midi and measures key (Krumhansl-Kessler profile correlation), tempo, length
// and hit alignment against the resolved spec. Prints a table and a summary line.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "export/midi_reader.h"
#include "pipeline/generate.h"

namespace {

using namespace tunesmith;
namespace fs = std::filesystem;

struct Case {
    const char* prompt;
    const char* key;
    double bpm;
    const char* meter;
    double length_s;
    std::vector<std::pair<double, const char*>> hits;
};

const std::vector<Case>& cases() {
    static const std::vector<Case> list = {
        {"cinematic ambient, sparse first half", "D minor", 92, "4/4", 45, {{28.0, "lift"}}},
        {"upbeat pop, bright and happy", "G major", 120, "4/4", 30, {{15.5, "hit"}}},
        {"dark tense strings", "C# minor", 70, "4/4", 60, {{20.0, "hit"}, {41.3, "drop"}}},
        {"jazzy piano trio", "Bb major", 140, "3/4", 40, {}},
        {"folk guitar, warm", "E dorian", 96, "6/8", 35, {{17.0, "hit"}}},
        {"epic orchestral trailer", "F minor", 128, "4/4", 90, {{30.0, "hit"}, {60.0, "lift"}, {75.25, "hit"}}},
        {"lofi hip hop, relaxed", "Eb major", 84, "4/4", 50, {}},
        {"ambient pad, floating", "A lydian", 60, "4/4", 75, {{40.0, "lift"}}},
        {"electronic synthwave, driving", "F# minor", 118, "4/4", 32, {{8.0, "hit"}, {24.0, "stinger"}}},
        {"quirky odd meter groove", "B minor", 110, "5/4", 25, {{12.0, "cut"}}},
        {"romantic waltz", "Ab major", 160, "3/4", 20, {{10.0, "hit"}}},
        {"horror drone, unsettling", "G phrygian", 50, "4/4", 120, {{66.6, "hit"}}},
    };
    return list;
}

// Krumhansl-Kessler probe-tone profiles (C major, C minor).
constexpr std::array<double, 12> kMajorProfile = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
constexpr std::array<double, 12> kMinorProfile = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

double correlation(const std::array<double, 12>& a, const std::array<double, 12>& b, int shift) {
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / 12.0;
    const double mb = std::accumulate(b.begin(), b.end(), 0.0) / 12.0;
    double num = 0.0, da = 0.0, db = 0.0;
    for (std::size_t i = 0; i < 12; ++i) {
        const double x = a[(i + static_cast<std::size_t>(shift)) % 12] - ma;
        const double y = b[i] - mb;
        num += x * y;
        da += x * x;
        db += y * y;
    }
    return da > 0.0 && db > 0.0 ? num / std::sqrt(da * db) : 0.0;
}

struct MeasuredKey {
    int tonic_pc = 0;
    bool minor = false;
    double r = 0.0;
};

// Duration-weighted pitch-class histogram of the pitched tracks, best of the 24 keys.
MeasuredKey measure_key(const Score& score) {
    std::array<double, 12> histogram{};
    for (const auto& t : score.tracks)
        if (!t.drums)
            for (const auto& n : t.notes) histogram[static_cast<std::size_t>(pitch_class(n.pitch))] += static_cast<double>(n.duration.value);
    MeasuredKey best{0, false, -2.0};
    for (int tonic = 0; tonic < 12; ++tonic) {
        for (bool minor : {false, true}) {
            const double r = correlation(histogram, minor ? kMinorProfile : kMajorProfile, tonic);
            if (r > best.r) best = {tonic, minor, r};
        }
    }
    return best;
}

struct Row {
    std::string measured_key;
    bool key_ok = false;
    double bpm_min = 0.0, bpm_max = 0.0;
    std::int64_t length_error = 0;
    std::int64_t max_hit_error = 0;
    int hits_found = 0;
    int hits_with_onset = 0;
};

Row measure(const CueSpec& spec, const Score& back) {
    Row row;
    const MeasuredKey key = measure_key(back);
    row.measured_key = NoteName::from_pitch_class(key.tonic_pc, spec.key.prefers_flats()).to_string() +
                       (key.minor ? " minor" : " major");
    // A mode counts as its tonic's major or minor (dorian/phrygian/locrian are minor-third modes).
    row.key_ok = key.tonic_pc == spec.key.tonic_pc() && key.minor == mode_is_minor(spec.key.mode);
    const SampleRate rate(spec.sample_rate);
    row.bpm_min = row.bpm_max = back.tempo.bpm_at(Ticks(0));
    for (const auto& a : back.tempo.anchors())
        if (a.tick < back.length) {
            row.bpm_min = std::min(row.bpm_min, back.tempo.bpm_at(a.tick));
            row.bpm_max = std::max(row.bpm_max, back.tempo.bpm_at(a.tick));
        }
    row.length_error = back.length_samples.value - to_samples(spec.length, rate).value;
    std::vector<bool> used(back.markers.size(), false);
    for (const auto& hit : spec.hits) {
        const Samples wanted = to_samples(hit.time, rate);
        std::optional<std::size_t> best;
        for (std::size_t i = 0; i < back.markers.size(); ++i) {
            if (used[i] || back.markers[i].text != hit.kind) continue;
            const auto d = std::llabs((back.tempo.to_samples(back.markers[i].time) - wanted).value);
            if (!best || d < std::llabs((back.tempo.to_samples(back.markers[*best].time) - wanted).value)) best = i;
        }
        if (!best) {
            row.max_hit_error = std::max<std::int64_t>(row.max_hit_error, wanted.value);  // missing counts as huge
            continue;
        }
        used[*best] = true;
        ++row.hits_found;
        const Ticks tick = back.markers[*best].time;
        row.max_hit_error = std::max<std::int64_t>(row.max_hit_error, std::llabs((back.tempo.to_samples(tick) - wanted).value));
        bool onset = false;
        for (const auto& t : back.tracks)
            for (const auto& n : t.notes) onset = onset || n.start == tick;
        row.hits_with_onset += onset ? 1 : 0;
    }
    return row;
}

SpecRequest request_for(const Case& c, std::uint64_t seed) {
    SpecRequest request;
    request.prompt = c.prompt;
    request.flags.key = Key::parse(c.key);
    request.flags.bpm = c.bpm;
    request.flags.time_signature = Meter::parse(c.meter);
    request.flags.length = Seconds(c.length_s);
    request.flags.seed = seed;
    std::vector<HitSpec> hits;
    for (const auto& [time, kind] : c.hits) hits.push_back(HitSpec{Seconds(time), kind});
    request.flags.hits = hits;
    return request;
}

}  // namespace

int main() {
    const fs::path out = fs::temp_directory_path() / "tunesmith-eval-compose";
    fs::remove_all(out);
    std::printf("%-36s %-11s %-11s %-4s %-5s %-13s %-5s %-9s %-8s %s\n", "prompt", "spec key", "measured", "ok",
                "meter", "bpm (min-max)", "bars", "len err", "hits", "max hit err");
    int key_ok = 0;
    int total_hits = 0, found_hits = 0, onset_hits = 0;
    std::int64_t worst_hit = 0, worst_length = 0;
    for (std::size_t i = 0; i < cases().size(); ++i) {
        const Case& c = cases()[i];
        GenerateOptions options;
        options.out_dir = out / ("cue-" + std::to_string(i + 1));
        options.audio = false;
        const GenerateResult result = generate(request_for(c, 1000 + i), options);
        const CueSpec& spec = result.cues.front().spec;
        const Score back = read_midi_file(options.out_dir / "score.mid", SampleRate(spec.sample_rate));
        const Row row = measure(spec, back);
        key_ok += row.key_ok ? 1 : 0;
        total_hits += static_cast<int>(spec.hits.size());
        found_hits += row.hits_found;
        onset_hits += row.hits_with_onset;
        worst_hit = std::max(worst_hit, row.max_hit_error);
        worst_length = std::max<std::int64_t>(worst_length, std::llabs(row.length_error));
        char bpm[32];
        std::snprintf(bpm, sizeof bpm, "%.1f-%.1f", row.bpm_min, row.bpm_max);
        char hits[16];
        std::snprintf(hits, sizeof hits, "%d/%d/%zu", row.hits_found, row.hits_with_onset, spec.hits.size());
        std::printf("%-36.36s %-11s %-11s %-4s %-5s %-13s %-5lld %-9lld %-8s %lld\n", c.prompt,
                    spec.key.to_string().c_str(), row.measured_key.c_str(), row.key_ok ? "yes" : "NO",
                    spec.time_signature.to_string().c_str(), bpm, static_cast<long long>(back.length / back.meter.bar()),
                    static_cast<long long>(row.length_error), hits, static_cast<long long>(row.max_hit_error));
    }
    fs::remove_all(out);
    std::printf("\nhits column: marked/with a note onset on the hit tick/requested\n");
    std::printf("summary: key accuracy %d/%zu (%.0f%%), hits marked %d/%d (onset on %d), max hit error %lld samples, "
                "max length error %lld samples\n",
                key_ok, cases().size(), 100.0 * key_ok / static_cast<double>(cases().size()), found_hits, total_hits,
                onset_hits, static_cast<long long>(worst_hit), static_cast<long long>(worst_length));
    return 0;
}
