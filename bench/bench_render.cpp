// bench_render: wall time and peak memory of our render (all stems, mix, master, WAV+FLAC) for a
// multi-stem score, side by side with plain `fluidsynth -ni -F` rendering the same score as MIDI.
// Usage: bench_render [minutes=3] [stems=8] [threads=0] [soundfont]
#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "render/mix.h"
#include "render/render.h"
#include "render/write_outputs.h"

using namespace tunesmith;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A cue-like score: 8 instrument groups, 16-bar sections with their own chords, 4-bar patterns.
Score make_bench_score(double minutes, int stem_count) {
    Score score;
    const SampleRate rate(48000);
    score.tempo = TempoMap::constant(100.0, rate);
    score.meter = Meter{4, 4};
    const Ticks bar = score.meter.bar();
    const int bars = static_cast<int>(minutes * 60.0 * 100.0 / 4.0);
    score.length = bar * bars;
    score.length_samples = score.tempo.to_samples(score.length);
    struct Part { const char* name; int program; bool drums; };
    const Part parts[] = {{"piano", 0, false},   {"strings", 48, false}, {"bass", 33, false}, {"drums", 0, true},
                          {"brass", 61, false},  {"woodwinds", 73, false}, {"guitar", 25, false}, {"pad", 89, false}};
    const int progressions[4][4] = {{0, 5, 7, 0}, {9, 5, 0, 7}, {2, 7, 0, 9}, {5, 7, 9, 0}};
    for (int p = 0; p < stem_count && p < 8; ++p) {
        Track t;
        t.name = parts[p].name;
        t.program = parts[p].program;
        t.drums = parts[p].drums;
        for (int b = 0; b < bars; ++b) {
            const Ticks t0 = bar * b;
            const int root = 48 + progressions[(b / 16) % 4][b % 4];
            const bool last = b == bars - 1;
            const Ticks held = last ? kQuarter * 2 : bar - Ticks(120);
            switch (p) {
                case 0:
                    for (int beat = 0; beat < 4; ++beat)
                        for (int iv : {12, 16, 19}) t.notes.push_back({t0 + kQuarter * beat, kQuarter - Ticks(40), root + iv, 60 + 8 * (beat == 0)});
                    t.controls.push_back({t0 + Ticks(20), 64, 127});
                    t.controls.push_back({t0 + bar - Ticks(40), 64, 0});
                    break;
                case 1:
                    for (int iv : {12, 19, 24}) t.notes.push_back({t0, held, root + iv, 75});
                    for (int s = 0; s < 4; ++s) t.controls.push_back({t0 + kQuarter * s, 11, 80 + 10 * s});
                    break;
                case 2:
                    for (int e = 0; e < 8; ++e) t.notes.push_back({t0 + Ticks(480) * e, Ticks(400), root - 12 + (e == 6 ? 7 : 0), 95});
                    break;
                case 3:
                    for (int e = 0; e < 8; ++e) {
                        t.notes.push_back({t0 + Ticks(480) * e, Ticks(240), 42, 60 + (e % 2) * 20});
                        if (e % 4 == 0) t.notes.push_back({t0 + Ticks(480) * e, Ticks(240), 36, 110});
                        if (e % 4 == 2) t.notes.push_back({t0 + Ticks(480) * e, Ticks(240), 38, 100});
                    }
                    break;
                case 4:
                    if (b % 4 == 0) t.notes.push_back({t0, bar * 2 - Ticks(240), root + 7, 80});
                    break;
                case 5:
                    for (int q = 0; q < 4; ++q) t.notes.push_back({t0 + kQuarter * q, kQuarter - Ticks(60), root + 24 + (q * 2) % 5, 70});
                    break;
                case 6:
                    for (int s = 0; s < 3; ++s) t.notes.push_back({t0 + Ticks(30) * s, held - Ticks(30) * s, root + 12 + s * 4, 65});
                    break;
                default:
                    for (int iv : {0, 7, 16}) t.notes.push_back({t0, held, root + 12 + iv, 60});
                    break;
            }
        }
        score.tracks.push_back(std::move(t));
    }
    return score;
}

// A minimal Standard MIDI File (type 1, one track per stem) so the fluidsynth CLI plays the same notes.
void put_vlq(std::string& out, std::uint32_t value) {
    char bytes[5];
    int n = 0;
    bytes[n++] = static_cast<char>(value & 0x7F);
    while ((value >>= 7) != 0) bytes[n++] = static_cast<char>(0x80 | (value & 0x7F));
    while (n > 0) out += bytes[--n];
}
void put_be(std::string& out, std::uint32_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}
std::string write_smf(const Score& score) {
    struct Ev { std::int64_t tick; int order; std::string bytes; };
    std::vector<std::string> tracks;
    {
        std::string t;
        put_vlq(t, 0);
        t += "\xFF\x51\x03";
        put_be(t, static_cast<std::uint32_t>(score.tempo.midi_tempos().front().microseconds_per_quarter), 3);
        put_vlq(t, 0);
        t += std::string("\xFF\x2F\x00", 3);
        tracks.push_back(t);
    }
    int next_channel = 0;
    for (const Track& track : score.tracks) {
        int ch = track.drums ? 9 : next_channel++;
        if (!track.drums && ch == 9) ch = next_channel++;
        std::vector<Ev> evs;
        auto msg = [&](std::int64_t tick, int order, std::initializer_list<int> b) {
            std::string s;
            for (int x : b) s += static_cast<char>(x);
            evs.push_back({tick, order, s});
        };
        msg(0, 0, {0xC0 | ch, track.program});
        for (const Note& n : track.notes) {
            msg(n.start.value, 2, {0x90 | ch, n.pitch, n.velocity});
            msg(n.end().value, 0, {0x80 | ch, n.pitch, 0});
        }
        for (const ControlPoint& c : track.controls) msg(c.time.value, 1, {0xB0 | ch, c.controller, c.value});
        for (const PitchBendPoint& p : track.bends) msg(p.time.value, 1, {0xE0 | ch, (p.value + 8192) & 0x7F, (p.value + 8192) >> 7});
        std::stable_sort(evs.begin(), evs.end(), [](const Ev& a, const Ev& b) { return a.tick != b.tick ? a.tick < b.tick : a.order < b.order; });
        std::string t;
        std::int64_t last = 0;
        for (const Ev& e : evs) {
            put_vlq(t, static_cast<std::uint32_t>(e.tick - last));
            t += e.bytes;
            last = e.tick;
        }
        put_vlq(t, 0);
        t += std::string("\xFF\x2F\x00", 3);
        tracks.push_back(t);
    }
    std::string out = "MThd";
    put_be(out, 6, 4);
    put_be(out, 1, 2);
    put_be(out, static_cast<std::uint32_t>(tracks.size()), 2);
    put_be(out, static_cast<std::uint32_t>(kTicksPerQuarter), 2);
    for (const std::string& t : tracks) {
        out += "MTrk";
        put_be(out, static_cast<std::uint32_t>(t.size()), 4);
        out += t;
    }
    return out;
}

long max_rss_mb(int who) {
    rusage usage{};
    getrusage(who, &usage);
    return usage.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
    const double minutes = argc > 1 ? std::atof(argv[1]) : 3.0;
    const int stem_count = argc > 2 ? std::atoi(argv[2]) : 8;
    RenderOptions options;
    options.threads = argc > 3 ? std::atoi(argv[3]) : 0;
    if (argc > 4) options.soundfont = argv[4];
    const std::filesystem::path soundfont = resolve_soundfont(options);
    const auto out = std::filesystem::temp_directory_path() / "tunesmith_bench_render";
    std::filesystem::remove_all(out);
    std::filesystem::create_directories(out);

    const Score score = make_bench_score(minutes, stem_count);
    std::printf("score: %.1f min, %zu stems, %lld frames at 48 kHz, SoundFont %s\n", minutes, score.tracks.size(),
                static_cast<long long>(score.length_samples.value), soundfont.c_str());

    // Ours: stems -> mix/master -> WAV + FLAC (mix, stems, loop).
    const auto t0 = std::chrono::steady_clock::now();
    RenderStats stats;
    auto stems = render_stems(score, options, {}, &stats);
    const double t_render = seconds_since(t0);
    const auto t1 = std::chrono::steady_clock::now();
    MixSettings settings;
    settings.length = score.length_samples;
    settings.threads = options.threads;
    const MixResult result = mix_and_master(std::move(stems), settings);
    const double t_master = seconds_since(t1);
    const auto t2 = std::chrono::steady_clock::now();
    write_cue_audio(result, out / "ours", {"wav", "flac"}, AudioMetadata{"bench", "", "tunesmith", "", ""}, {}, options.threads);
    const double t_write = seconds_since(t2);
    const double ours = seconds_since(t0);
    const long ours_rss = max_rss_mb(RUSAGE_SELF);

    // Plain FluidSynth CLI on the same score (its default reverb/chorus left as they are).
    {
        std::ofstream midi(out / "score.mid", std::ios::binary);
        midi << write_smf(score);
    }
    const std::string command = "fluidsynth -ni -q -r 48000 -F '" + (out / "fluidsynth.wav").string() + "' '" +
                                soundfont.string() + "' '" + (out / "score.mid").string() + "' > /dev/null 2>&1";
    const auto t3 = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    const double theirs = seconds_since(t3);
    const long theirs_rss = max_rss_mb(RUSAGE_CHILDREN);

    std::printf("\n%-34s %10s %12s\n", "render", "wall s", "max RSS MB");
    std::printf("%-34s %10.2f %12ld\n", "tunesmith (stems+mix+master+files)", ours, ours_rss);
    std::printf("%-34s %10.2f %12ld%s\n", "fluidsynth -ni -F (mix only)", theirs, theirs_rss,
                status == 0 ? "" : "  (fluidsynth failed)");
    std::printf("%-34s %10.2fx\n", "speed-up", theirs / ours);
    std::printf("\nours in detail: synth %.2f s (%d windows, %d reused, SoundFont load %.2f s summed over threads),"
                " mix+master %.2f s (%d rounds), write %.2f s\n",
                t_render, stats.windows, stats.windows_reused, stats.soundfont_load_seconds, t_master, result.iterations,
                t_write);
    std::printf("mix: %.2f LUFS, %.2f dBTP, master gain %.2f dB, max limiting %.2f dB\n", result.integrated_lufs,
                result.true_peak_dbtp, result.master_gain_db, result.max_gain_reduction_db);
    std::printf("files in %s\n", out.c_str());
    return 0;
}
