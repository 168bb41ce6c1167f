// Speed of `analyze_audio` on one core: a 3-minute synthesized song (sung melody over clicks and a
// triad) and, when ../shared/data is present, the real song audio/fishin.ogg. Prints a table of
// stage times (wall and thread CPU; x realtime is duration / CPU; the target is analyze_audio well
// under duration / 50 of CPU), then the same for the read speech audio/speech2.ogg; each with its
// key, bpm and warnings.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <functional>
#include <numbers>

#include "analyze/analysis.h"
#include "analyze/beat_evidence.h"
#include "analyze/onsets.h"
#include "audio/audio_reader.h"

namespace {

using namespace tunesmith;
using Clock = std::chrono::steady_clock;

// CPU time of this thread: unlike wall time it does not grow when other processes share the cores.
double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

struct Timing {
    double wall = 0.0;
    double cpu = 0.0;
};

Timing seconds_of(const std::function<void()>& work) {
    const auto start = Clock::now();
    const double cpu_start = thread_cpu_seconds();
    work();
    return {std::chrono::duration<double>(Clock::now() - start).count(), thread_cpu_seconds() - cpu_start};
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
    Chromagram chromagram;
    OnsetBands bands;
    const Timing mixdown = seconds_of([&] { (void)audio.mono(); });
    const Timing pitch = seconds_of([&] { track = track_pitch(mono, audio.rate); });
    const Timing notes = seconds_of([&] { (void)segment_notes(track); });
    const Timing chroma = seconds_of([&] { chromagram = compute_chroma(mono, audio.rate); });
    // The envelope and the bands over and under 5 kHz from one STFT pass, as analyze_audio makes them.
    const Timing onsets = seconds_of([&] { bands = onset_bands(mono, audio.rate); });
    const Timing beats = seconds_of([&] { (void)track_beats(bands, {}, &chromagram); });
    const Timing loudness = seconds_of([&] { (void)loudness_report(audio); });
    AudioAnalysis analysis;
    const Timing total = seconds_of([&] { analysis = analyze_audio(audio); });
    std::printf("%s: %.1f s of audio, %zu notes, %zu phrases, %.1f bpm, key %s, melody key %s\n", name, duration,
                analysis.notes.notes.size(), analysis.phrases.size(), analysis.beats.bpm,
                analysis.key.key ? analysis.key.key->to_string().c_str() : "none",
                analysis.melody_key.key ? analysis.melody_key.key->to_string().c_str() : "none");
    std::printf("  stable pitch fraction %.3f\n", analysis.stable_pitch_fraction);
    for (const std::string& warning : analysis.warnings) std::printf("  warning: %s\n", warning.c_str());
    std::printf("  %-22s %9s %9s %12s\n", "stage", "wall s", "cpu s", "x realtime");
    const std::pair<const char*, Timing> rows[] = {{"mono mixdown", mixdown}, {"pitch (pYIN)", pitch},
                                                   {"notes", notes},          {"chroma", chroma},
                                                   {"onset bands", onsets}, {"beats (tempo, DP, meter)", beats},
                                                   {"loudness", loudness},    {"analyze_audio (all)", total}};
    for (const auto& [stage, time] : rows)
        std::printf("  %-22s %9.3f %9.3f %12.1f\n", stage, time.wall, time.cpu, time.cpu > 0.0 ? duration / time.cpu : 0.0);
    std::printf("  target: analyze_audio under duration/50 = %.2f s of CPU -> %s\n", duration / 50.0,
                total.cpu < duration / 50.0 ? "met" : "NOT met");
}

void report_file(const char* name, const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) {
        std::printf("\n(skipped %s: %s not found)\n", name, path.c_str());
        return;
    }
    AudioBuffer audio;
    const Timing read = seconds_of([&] { audio = read_audio_file(path); });
    std::printf("\nread %s in %.3f s\n", path.filename().c_str(), read.wall);
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
