// The melody bar profile: reading and checking the corpus table, classifying a melody's notes
// (phrase start and end, length) and scoring where they sit in the bar.
#include "accompany/bar_phase.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "spec/cue_spec_json.h"

namespace tunesmith {
namespace {

constexpr const char* kAccepted =
    "an object with optional 'beats_per_bar' (2-12, default 4), 'places_per_bar' (2-48), 'phrase_rest_beats' (> 0), 'length_edges_beats' (ascending, > 0) and "
    "'classes': one per phrase_start x phrase_end x length class, each with 'place_share' (places_per_bar numbers > 0)";

double number_at(const nlohmann::json& json, const char* key, const std::string& origin) {
    return finite_number_at(json, key, origin, kAccepted);
}

}  // namespace

MelodyBarProfile melody_bar_profile_from_json(const nlohmann::json& json, const std::string& origin) {
    if (!json.is_object()) throw InputError(origin, json.dump().substr(0, 40), kAccepted);
    MelodyBarProfile profile;
    profile.source = json.value("source", std::string("unknown"));
    const double beats = json.contains("beats_per_bar") ? number_at(json, "beats_per_bar", origin) : 4.0;
    if (beats < 2 || beats > 12 || beats != std::floor(beats))
        throw InputError(origin + ": beats_per_bar", json.at("beats_per_bar").dump(), kAccepted);
    profile.beats_per_bar = static_cast<int>(beats);
    const double places = number_at(json, "places_per_bar", origin);
    profile.phrase_rest_beats = number_at(json, "phrase_rest_beats", origin);
    if (places < 2 || places > 48 || places != std::floor(places))
        throw InputError(origin + ": places_per_bar", json.at("places_per_bar").dump(), kAccepted);
    if (!(profile.phrase_rest_beats > 0.0))
        throw InputError(origin + ": phrase_rest_beats", json.at("phrase_rest_beats").dump(), kAccepted);
    profile.places = static_cast<int>(places);
    if (!json.contains("length_edges_beats") || !json.at("length_edges_beats").is_array())
        throw InputError(origin + ": length_edges_beats", "missing", kAccepted);
    for (const auto& edge : json.at("length_edges_beats")) {
        const bool ascending = edge.is_number() && (profile.length_edges_beats.empty() ||
                                                    edge.get<double>() > profile.length_edges_beats.back());
        if (!ascending || !(edge.get<double>() > 0.0))
            throw InputError(origin + ": length_edges_beats", json.at("length_edges_beats").dump(), kAccepted);
        profile.length_edges_beats.push_back(edge.get<double>());
    }
    const std::size_t lengths = profile.length_edges_beats.size() + 1;
    profile.log_share.assign(4 * lengths, {});
    if (!json.contains("classes") || !json.at("classes").is_array())
        throw InputError(origin + ": classes", "missing", kAccepted);
    for (const auto& entry : json.at("classes")) {
        if (!entry.is_object() || !entry.contains("phrase_start") || !entry.at("phrase_start").is_boolean() ||
            !entry.contains("phrase_end") || !entry.at("phrase_end").is_boolean() || !entry.contains("place_share") ||
            !entry.at("place_share").is_array())
            throw InputError(origin + ": classes", entry.dump().substr(0, 60), kAccepted);
        const double length = number_at(entry, "length", origin + ": classes");
        if (length < 0 || length >= static_cast<double>(lengths) || length != std::floor(length))
            throw InputError(origin + ": classes: length", entry.at("length").dump(), kAccepted);
        auto& row = profile.log_share[profile.class_index(entry.at("phrase_start").get<bool>(),
                                                          entry.at("phrase_end").get<bool>(),
                                                          static_cast<std::size_t>(length))];
        const auto& shares = entry.at("place_share");
        if (!row.empty() || shares.size() != static_cast<std::size_t>(profile.places))
            throw InputError(origin + ": classes: place_share", shares.dump().substr(0, 60), kAccepted);
        double total = 0.0;
        for (const auto& share : shares) {
            if (!share.is_number() || !(share.get<double>() > 0.0) || !std::isfinite(share.get<double>()))
                throw InputError(origin + ": classes: place_share", share.dump(), kAccepted);
            total += share.get<double>();
        }
        for (const auto& share : shares) row.push_back(std::log(share.get<double>() / total));
    }
    for (const auto& row : profile.log_share)
        if (row.empty()) throw InputError(origin + ": classes", "a class missing", kAccepted);
    return profile;
}

MelodyBarProfile load_melody_bar_profile(const std::filesystem::path& data_dir) {
    const auto path = data_dir / "analysis" / "melody_bar_profile.json";
    return melody_bar_profile_from_json(read_json_file(path), path.string());
}

MelodyBarProfile load_three_four_bar_profile(const std::filesystem::path& data_dir) {
    const auto path = data_dir / "analysis" / "melody_bar_profile_3_4.json";
    return melody_bar_profile_from_json(read_json_file(path), path.string());
}

double bar_profile_fit(const std::vector<Note>& melody, const Meter& meter, const MelodyBarProfile& profile,
                       int profile_beats_per_beat) {
    if (melody.empty() || meter.beats_per_bar() != profile.beats_per_bar || profile.places < 2 ||
        profile.log_share.empty() || profile_beats_per_beat < 1)
        return 0.0;
    const Ticks grid_beat = meter.beat();
    const Ticks beat = grid_beat / profile_beats_per_beat, bar = beat * profile.beats_per_bar;
    const auto beats_of = [&](Ticks t) { return static_cast<double>(t.value) / static_cast<double>(beat.value); };
    const auto rest = Ticks(std::llround(profile.phrase_rest_beats * static_cast<double>(beat.value)));
    const double uniform = std::log(static_cast<double>(profile.places));
    double total = 0.0;
    Ticks last_end = melody.front().end();
    for (std::size_t i = 0; i < melody.size(); ++i) {
        const Note& note = melody[i];
        last_end = std::max(last_end, note.end());
        const bool start = i == 0 || note.start - melody[i - 1].end() >= rest;
        const bool end = i + 1 == melody.size() || melody[i + 1].start - note.end() >= rest;
        const double length = beats_of(note.duration);
        const auto length_class = static_cast<std::size_t>(
            std::count_if(profile.length_edges_beats.begin(), profile.length_edges_beats.end(),
                          [&](double edge) { return length >= edge; }));
        const Ticks in_bar = ((note.start % bar) + bar) % bar;
        const auto place = static_cast<std::size_t>(
            std::lround(static_cast<double>(in_bar.value) / static_cast<double>(bar.value) * profile.places) %
            profile.places);
        total += profile.log_share[profile.class_index(start, end, length_class)][place] + uniform;
    }
    const double span =
        static_cast<double>((last_end - melody.front().start).value) / static_cast<double>(grid_beat.value);
    return span > 0.0 ? total / span : 0.0;
}

}  // namespace tunesmith
