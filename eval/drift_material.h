// Evaluation material with known ground truth (ANALYSIS-B): a POP909 song excerpt whose MIDI is
// time-warped by a slow tempo drift and rendered with FluidSynth through a SoundFont other than
// the engine's default; its beat, downbeat, chord and key annotations are warped the same way.
// Header-only; eval code only (it runs the `fluidsynth` command).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "base/random.h"
#include "metrics.h"
#include "midi_events.h"
#include "music/chord.h"
#include "music/key.h"
#include "music/pitch.h"

namespace tunesmith::drift {

// Performance time of score time: the tempo factor is 1 + depth * sin(2 pi t / period + phase)
// (plus a slow random walk), and performed time is the integral of 1 / factor.
class TimeWarp {
public:
    TimeWarp(double depth, double period, Rng rng, double span) : step_(0.001) {
        const double phase = rng.uniform(0.0, 2.0 * std::numbers::pi);
        double walk = 0.0;
        double t = 0.0;
        table_.push_back(0.0);
        for (std::size_t i = 0; t < span + 5.0; ++i, t += step_) {
            if (i % 1000 == 0) walk = std::clamp(walk + rng.normal(0.0, 0.004), -0.02, 0.02);
            const double factor = 1.0 + depth * std::sin(2.0 * std::numbers::pi * t / period + phase) + walk;
            table_.push_back(table_.back() + step_ / factor);
        }
    }
    double operator()(double t) const {
        if (t <= 0.0) return t;
        const double x = t / step_;
        const auto i = static_cast<std::size_t>(x);
        if (i + 1 >= table_.size()) return table_.back() + (t - step_ * static_cast<double>(table_.size() - 1));
        const double frac = x - static_cast<double>(i);
        return table_[i] * (1.0 - frac) + table_[i + 1] * frac;
    }

private:
    double step_;
    std::vector<double> table_;
};

struct Material {
    std::string name;
    std::filesystem::path wav;
    double seconds = 0.0;
    std::vector<double> beats;       // performed times
    std::vector<double> downbeats;
    std::vector<double> onsets;      // note onsets, merged within 20 ms
    std::vector<metrics::ChordSpanSec> chords;
    std::optional<Key> key;
};

inline std::vector<std::vector<std::string>> read_table(const std::filesystem::path& path) {
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        std::vector<std::string> row;
        for (std::string f; fields >> f;) row.push_back(f);
        if (!row.empty()) rows.push_back(row);
    }
    return rows;
}

// "Gb:maj" / "A:min" -> Key; POP909's key_audio.txt holds one line per key region: the
// longest region's key is the song's.
inline std::optional<Key> song_key(const std::filesystem::path& path) {
    std::optional<Key> best;
    double longest = 0.0;
    for (const auto& row : read_table(path)) {
        if (row.size() < 3) continue;
        const double length = std::stod(row[1]) - std::stod(row[0]);
        const auto colon = row[2].find(':');
        if (colon == std::string::npos) continue;
        const std::string text = row[2].substr(0, colon) + (row[2].substr(colon + 1) == "min" ? " minor" : " major");
        const auto key = Key::parse(text);
        if (key && length > longest) {
            longest = length;
            best = key;
        }
    }
    return best;
}

// A Harte chord label reduced to what maj/min scoring sees: "N" -> no chord; a root with a
// major-third quality (maj, 7, maj7, maj6, 9) -> major; minor-third (min, min7, min6, minmaj7)
// -> minor; anything else (sus, dim, aug, hdim7) -> unscored (false). The bass ("/3") is ignored.
inline bool majmin_label(const std::string& label, std::optional<Chord>& chord) {
    chord.reset();
    if (label == "N") return true;
    const auto colon = label.find(':');
    if (colon == std::string::npos) return false;
    const auto root = NoteName::parse(label.substr(0, colon));
    const std::string quality = label.substr(colon + 1, label.find('/') == std::string::npos ? std::string::npos
                                                                                               : label.find('/') - colon - 1);
    if (!root) return false;
    static const std::vector<std::string> major{"maj", "7", "maj7", "maj6", "9", "maj9"};
    static const std::vector<std::string> minor{"min", "min7", "min6", "minmaj7", "min9"};
    if (std::find(major.begin(), major.end(), quality) != major.end()) chord = Chord{root->pitch_class(), ChordQuality::major, -1};
    else if (std::find(minor.begin(), minor.end(), quality) != minor.end()) chord = Chord{root->pitch_class(), ChordQuality::minor, -1};
    else return false;
    return true;
}

// Builds the excerpt [start, start + seconds) of a POP909 song (folder with NNN.mid and the
// annotation files), warps it, renders it to `work/<name>.wav` with `soundfont`. nullopt if the
// song is shorter than the excerpt or rendering fails.
inline std::optional<Material> make_material(const std::filesystem::path& folder, const std::filesystem::path& work,
                                             const std::filesystem::path& soundfont, double seconds, double depth,
                                             Rng rng) {
    const std::string name = folder.filename().string();
    const auto events = midi_events::read_file((folder / (name + ".mid")).string());
    const auto beat_rows = read_table(folder / "beat_midi.txt");
    if (events.empty() || beat_rows.size() < 16) return std::nullopt;
    // Start on the first downbeat after 15 s (past most intros), else on the first downbeat.
    double start = -1.0;
    for (const auto& row : beat_rows)
        if (row.size() >= 3 && std::stod(row[2]) > 0.5 && (start < 0.0 || std::stod(row[0]) <= 15.0)) start = std::stod(row[0]);
    const double end = start + seconds;
    if (start < 0.0 || std::stod(beat_rows.back()[0]) < end) return std::nullopt;
    constexpr double lead = 0.5;
    const TimeWarp warp(depth, rng.uniform(14.0, 28.0), rng.fork("walk"), seconds + lead);
    auto performed = [&](double t) { return warp(t - start + lead); };

    Material m;
    m.name = name;
    m.seconds = performed(end) + 1.5;
    std::vector<midi_events::Event> out;
    std::map<int, bool> sounding;  // (channel << 8 | pitch) -> on
    for (const auto& e : events) {
        const int id = e.channel() << 8 | e.data1;
        if (e.is_note_on()) {
            if (e.seconds < start || e.seconds >= end) continue;
            sounding[id] = true;
            m.onsets.push_back(performed(e.seconds));
        } else if (e.is_note_off()) {
            if (!sounding[id]) continue;
            sounding[id] = false;
        } else if ((e.status & 0xF0) != 0xC0 && (e.seconds < start || e.seconds >= end)) {
            continue;
        }
        midi_events::Event warped = e;
        warped.seconds = e.seconds < start ? 0.0 : performed(std::min(e.seconds, end));
        out.push_back(warped);
    }
    for (const auto& [id, on] : sounding)
        if (on) out.push_back({performed(end), static_cast<std::uint8_t>(0x80 | (id >> 8)), static_cast<std::uint8_t>(id & 0xFF), 0, 0});
    std::sort(m.onsets.begin(), m.onsets.end());
    std::vector<double> merged;
    for (double t : m.onsets) if (merged.empty() || t - merged.back() > 0.02) merged.push_back(t);
    m.onsets = merged;

    for (const auto& row : beat_rows) {
        const double t = std::stod(row[0]);
        if (t < start - 1e-6 || t >= end) continue;
        m.beats.push_back(performed(t));
        if (row.size() >= 3 && std::stod(row[2]) > 0.5) m.downbeats.push_back(performed(t));
    }
    for (const auto& row : read_table(folder / "chord_midi.txt")) {
        if (row.size() < 3) continue;
        const double a = std::max(start, std::stod(row[0]));
        const double b = std::min(end, std::stod(row[1]));
        std::optional<Chord> chord;
        if (b <= a || !majmin_label(row[2], chord)) continue;
        m.chords.push_back({performed(a), performed(b), chord});
    }
    m.key = song_key(folder / "key_audio.txt");

    // The file name carries the excerpt length and drift depth; an existing render of the same
    // warped MIDI is reused (the warp is a pure function of the seed), which saves most of a re-run.
    char tag[64];
    std::snprintf(tag, sizeof tag, "_%.0fs_d%.0f", seconds, depth * 1000.0);
    const std::filesystem::path mid = work / (name + tag + ".mid");
    m.wav = work / (name + tag + ".wav");
    std::error_code ec;
    if (std::filesystem::file_size(m.wav, ec) > 44 && !ec) return m;
    midi_events::write_file(mid.string(), out);
    const std::string command = "fluidsynth -ni -q -g 0.6 -r 44100 -F '" + m.wav.string() + "' '" + soundfont.string() +
                                "' '" + mid.string() + "' > /dev/null 2>&1";
    if (std::system(command.c_str()) != 0 || !std::filesystem::exists(m.wav)) return std::nullopt;
    return m;
}

}  // namespace tunesmith::drift
