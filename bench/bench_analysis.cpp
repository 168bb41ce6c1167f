// Speed of `analyze_audio` on one core: a 3-minute synthesized song (sung melody over clicks and a
// triad) and, when ../shared/data is present, the real song audio/fishin.ogg. Prints a table of
// stage times and the ratio to the audio's duration (the target is well under duration / 50), then
// the same for the read speech audio/speech2.ogg; each with its key, bpm and warnings.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <numbers>

#include "analyze/analysis.h"
#include "analyze/onsets.h"
#include "audio/audio_reader.h"

namespace {

using namespace tunesmith;
using Clock = std::chrono::steady_clock;

double seconds_of(const std::function<void()>& work) {
    const auto start = Clock::now();
    work();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Three minutes of a harmonic "voice" line (5.5 Hz vibrato, a new note every 0.5 s, a pause every
// 8 s) over a click track at 120 bpm and a sustained triad, stereo at 44.1 kHz.
AudioBuffer synthetic_song() {
    const int rate = 44100;
    const std::size_t frames = static_cast<std::size_t>(180 * rate);
    AudioBuffer audio(SampleRate(rate), 2, frames);
    const int scale[] = {0, 2, 4, 5, 7, 9, 11, 12};
    double phase = 0.0;
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = static_cast<double>(i) / rate;
        const auto step = static_cast<std::size_t>(t / 0.5);
        const bool resting = std::fmod(t, 8.0) > 7.0;
        const double midi = 60 + scale[(step * 5) % 8] + 0.4 * std::sin(2.0 * std::numbers::pi * 5.5 * t);
        phase += 2.0 * std::numbers::pi * 440.0 * std::exp2((midi - 69.0) / 12.0) / rate;
        double voice = 0.0;
        if (!resting)
            for (int h = 1; h <= 8; ++h) voice += std::sin(h * phase) / h;
        const double since_beat = std::fmod(t, 0.5);
        double x = 0.3 * std::exp(-since_beat * 60.0) * std::sin(2.0 * std::numbers::pi * 1800.0 * since_beat);
        for (double hz : {130.81, 164.81, 196.0}) x += 0.03 * std::sin(2.0 * std::numbers::pi * hz * t);
        audio.channels[0][i] = static_cast<float>(x + 0.12 * voice);
        audio.channels[1][i] = static_cast<float>(x + 0.10 * voice);
    }
    return audio;
}

void report(const char* name, const AudioBuffer& audio) {
    const double duration = static_cast<double>(audio.frames()) / audio.rate.hz;
    const std::vector<float> mono = audio.mono();
    F0Track track;
    const double pitch = seconds_of([&] { track = track_pitch(mono, audio.rate); });
    const double notes = seconds_of([&] { (void)segment_notes(track); });
    const double chroma = seconds_of([&] { (void)compute_chroma(mono, audio.rate); });
    const double beats = seconds_of([&] { (void)track_beats(mono, audio.rate); });
    const double loudness = seconds_of([&] { (void)loudness_report(audio); });
    AudioAnalysis analysis;
    const double total = seconds_of([&] { analysis = analyze_audio(audio); });
    std::printf("%s: %.1f s of audio, %zu notes, %zu phrases, %.1f bpm, key %s, melody key %s\n", name, duration,
                analysis.notes.notes.size(), analysis.phrases.size(), analysis.beats.bpm,
                analysis.key.key ? analysis.key.key->to_string().c_str() : "none",
                analysis.melody_key.key ? analysis.melody_key.key->to_string().c_str() : "none");
    std::printf("  stable pitch fraction %.3f\n", analysis.stable_pitch_fraction);
    for (const std::string& warning : analysis.warnings) std::printf("  warning: %s\n", warning.c_str());
    std::printf("  %-22s %9s %12s\n", "stage", "seconds", "x realtime");
    const std::pair<const char*, double> rows[] = {{"pitch (pYIN)", pitch},     {"notes", notes},
                                                   {"chroma", chroma},          {"onsets + beats", beats},
                                                   {"loudness", loudness},      {"analyze_audio (all)", total}};
    for (const auto& [stage, time] : rows)
        std::printf("  %-22s %9.3f %12.1f\n", stage, time, time > 0.0 ? duration / time : 0.0);
    std::printf("  target: analyze_audio under duration/50 = %.2f s -> %s\n", duration / 50.0,
                total < duration / 50.0 ? "met" : "NOT met");
}

void report_file(const char* name, const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) {
        std::printf("\n(skipped %s: %s not found)\n", name, path.c_str());
        return;
    }
    AudioBuffer audio;
    const double read = seconds_of([&] { audio = read_audio_file(path); });
    std::printf("\nread %s in %.3f s\n", path.filename().c_str(), read);
    report(name, audio);
}

}  // namespace

int main() {
    report("synthetic 3-minute song", synthetic_song());
    const std::filesystem::path data = std::filesystem::path(TUNESMITH_SOURCE_DIR) / "../shared/data/audio";
    report_file("fishin.ogg (voice and guitar)", data / "fishin.ogg");
    report_file("speech2.ogg (read speech)", data / "speech2.ogg");
    return 0;
}
