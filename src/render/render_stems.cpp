// render_stems: every Track is split into bar-aligned windows; each window's notes are rendered
// (with their full release) by a per-thread FluidSynth, identical windows are rendered once, and
// the windows are overlap-added in a fixed order so the bytes do not depend on thread timing.
#include "render/render.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include <fluidsynth.h>
#include <fstream>
#include <functional>

#include "base/error.h"
#include "render/fluid_synth.h"
#include "render/stem_events.h"

namespace tunesmith {

std::filesystem::path default_soundfont() {
    const std::filesystem::path candidates[] = {
        "/usr/share/sounds/sf3/MuseScore_General.sf3",
        "/usr/share/sounds/sf3/MuseScore_General_Lite.sf3",
        "/usr/share/sounds/sf3/MuseScore_General_Full.sf3",
        "/usr/share/sounds/sf2/FluidR3_GM.sf2",
    };
    std::error_code ec;
    for (const auto& path : candidates)
        if (std::filesystem::is_regular_file(path, ec)) return path;
    return {};
}

std::filesystem::path resolve_soundfont(const RenderOptions& options) {
    const std::filesystem::path path = options.soundfont.empty() ? default_soundfont() : options.soundfont;
    const std::string accepted =
        "a readable SoundFont (.sf2/.sf3) file; install musescore-general-soundfont-small or pass --soundfont";
    std::error_code ec;
    if (path.empty() || !std::filesystem::is_regular_file(path, ec)) throw InputError("soundfont", path.string(), accepted);
    std::ifstream probe(path, std::ios::binary);
    if (!probe || !fluid_is_soundfont(path.c_str())) throw InputError("soundfont", path.string(), accepted);
    return path;
}

PlayableSoundFont playable_soundfont_for(const Score& score, const RenderOptions& options, const Reporter& reporter) {
    return make_playable_soundfont(resolve_soundfont(options), presets_played(score), options.soundfont_cache,
                                   options.threads, reporter);
}

namespace {

// One window's work: which track, which window, and the frames it may touch.
struct WindowJob {
    std::size_t track = 0;
    int window = 0;
    std::int64_t start = 0;
    std::int64_t limit = 0;       // hard end of the render (grid-aligned)
    std::int64_t last_off = 0;    // after this, stop as soon as no voice sounds
    std::size_t first_event = 0;  // index of the first event at or after start
    int source = -1;              // index of an identical earlier job (reuse), or -1
};

struct RenderedWindow {
    std::vector<float> left, right;
};

std::int64_t round_up_to_block(std::int64_t n) { return (n + kSynthBlock - 1) / kSynthBlock * kSynthBlock; }

// The content that determines a window's audio: entering state, then every event in its
// render span relative to its start, then the span length.
std::vector<std::int64_t> window_key(const std::vector<SynthEvent>& events, const WindowJob& job) {
    std::vector<std::int64_t> key;
    const ChannelState state = state_before(events, job.start);
    for (std::size_t c = 0; c < state.controllers.size(); ++c)
        if (state.controllers[c] >= 0) key.insert(key.end(), {static_cast<std::int64_t>(c), state.controllers[c]});
    key.insert(key.end(), {-1, state.bend, job.limit - job.start, job.last_off - job.start});
    for (std::size_t i = job.first_event; i < events.size() && events[i].sample < job.limit; ++i) {
        const SynthEvent& e = events[i];
        const bool own = e.kind != SynthEventKind::note_on || e.window == job.window;
        key.insert(key.end(), {e.sample - job.start, static_cast<std::int64_t>(e.kind), e.a, e.b, own ? 1 : 0});
    }
    return key;
}

// Sends one event; another window's note-on becomes an inaudible "ghost" (velocity 1, released at
// once) so that it still releases a held note of the same key, as it would in a one-pass render.
void dispatch(FluidSynthInstance& synth, const SynthEvent& e, int window) {
    switch (e.kind) {
        case SynthEventKind::note_off: synth.note_off(e.a); break;
        case SynthEventKind::control: synth.control(e.a, e.b); break;
        case SynthEventKind::bend: synth.bend(e.a); break;
        case SynthEventKind::note_on:
            if (e.window == window) {
                synth.note_on(e.a, e.b);
            } else {
                synth.note_on(e.a, 1);
                synth.note_off(e.a);
            }
            break;
    }
}

// Renders one job's span in pieces handed to `sink` in order (offsets from job.start); stops early
// once every note of the window is off and no voice sounds. Returns the frames rendered.
using PieceSink = std::function<void(const float* left, const float* right, std::size_t offset, std::size_t count)>;
std::int64_t render_span(FluidSynthInstance& synth, const Track& track, const std::vector<SynthEvent>& events,
                         const WindowJob& job, const PieceSink& sink) {
    synth.prepare(track, state_before(events, job.start));
    constexpr std::int64_t kChunk = 16 * kSynthBlock;  // voice-count check granularity in the tail
    std::vector<float> left(static_cast<std::size_t>(kChunk)), right(static_cast<std::size_t>(kChunk));
    std::int64_t pos = job.start;
    std::size_t next = job.first_event;
    while (pos < job.limit) {
        while (next < events.size() && events[next].sample <= pos) dispatch(synth, events[next++], job.window);
        if (pos >= job.last_off && synth.active_voices() == 0) break;
        std::int64_t until = next < events.size() ? std::min(events[next].sample, job.limit) : job.limit;
        until = std::min(until, pos + kChunk);
        const auto n = static_cast<std::size_t>(until - pos);
        std::fill_n(left.begin(), n, 0.0f);
        std::fill_n(right.begin(), n, 0.0f);
        synth.render(left.data(), right.data(), static_cast<int>(n));
        sink(left.data(), right.data(), static_cast<std::size_t>(pos - job.start), n);
        pos = until;
    }
    return pos - job.start;
}

RenderedWindow render_window(FluidSynthInstance& synth, const Track& track, const std::vector<SynthEvent>& events,
                             const WindowJob& job) {
    RenderedWindow out;
    const auto span = static_cast<std::size_t>(job.limit - job.start);
    out.left.assign(span, 0.0f);
    out.right.assign(span, 0.0f);
    const std::int64_t rendered =
        render_span(synth, track, events, job, [&](const float* l, const float* r, std::size_t offset, std::size_t n) {
            std::copy_n(l, n, out.left.begin() + static_cast<std::ptrdiff_t>(offset));
            std::copy_n(r, n, out.right.begin() + static_cast<std::ptrdiff_t>(offset));
        });
    out.left.resize(static_cast<std::size_t>(rendered));
    out.right.resize(static_cast<std::size_t>(rendered));
    return out;
}

// Jobs for one track: windows that start notes; a window identical to an earlier one reuses it.
void plan_jobs(std::size_t track_index, const std::vector<SynthEvent>& events,
               const std::vector<RenderWindow>& windows, std::int64_t total, std::int64_t horizon,
               bool reuse, std::vector<WindowJob>& jobs) {
    std::vector<std::int64_t> last_off(windows.size(), -1);
    std::vector<int> held(128, -1);
    for (const SynthEvent& e : events) {
        if (e.kind == SynthEventKind::note_on) held[static_cast<std::size_t>(e.a)] = e.window;
        if (e.kind == SynthEventKind::note_off) {
            const int w = held[static_cast<std::size_t>(e.a)];
            if (w >= 0) last_off[static_cast<std::size_t>(w)] = std::max(last_off[static_cast<std::size_t>(w)], e.sample);
        }
    }
    std::map<std::vector<std::int64_t>, int> seen;
    for (std::size_t w = 0; w < windows.size(); ++w) {
        if (last_off[w] < 0) continue;  // no note starts here
        WindowJob job;
        job.track = track_index;
        job.window = static_cast<int>(w);
        job.start = windows[w].start;
        job.last_off = std::min(last_off[w], total);
        job.limit = std::min(round_up_to_block(total), round_up_to_block(job.last_off + horizon));
        job.first_event = static_cast<std::size_t>(
            std::lower_bound(events.begin(), events.end(), job.start,
                             [](const SynthEvent& e, std::int64_t s) { return e.sample < s; }) - events.begin());
        if (reuse) {
            auto [it, inserted] = seen.emplace(window_key(events, job), static_cast<int>(jobs.size()));
            if (!inserted) job.source = it->second;
        }
        jobs.push_back(job);
    }
}

}  // namespace

std::vector<Stem> render_stems(const Score& score, const RenderOptions& options, const Reporter& reporter,
                               RenderStats* stats) {
    const PlayableSoundFont playable = playable_soundfont_for(score, options, reporter);
    const std::filesystem::path& soundfont = playable.path();
    const SampleRate rate = score.tempo.sample_rate();
    const std::int64_t total =
        std::max<std::int64_t>(0, score.length_samples.value) + to_samples(options.tail, rate).value;
    const std::int64_t horizon = std::max<std::int64_t>(to_samples(options.tail, rate).value, rate.hz);
    const std::vector<RenderWindow> windows = make_windows(score, options.window_bars, total);

    std::vector<std::vector<SynthEvent>> events;
    std::vector<WindowJob> jobs;
    for (std::size_t t = 0; t < score.tracks.size(); ++t) {
        events.push_back(track_events(score.tracks[t], score.tempo, windows));
        plan_jobs(t, events.back(), windows, total, horizon, options.reuse_windows, jobs);
    }

    std::vector<RenderedWindow> rendered(jobs.size());
    std::vector<std::size_t> todo;
    for (std::size_t j = 0; j < jobs.size(); ++j)
        if (jobs[j].source < 0) todo.push_back(j);
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t thread_count = std::min<std::size_t>(
        options.threads > 0 ? static_cast<std::size_t>(options.threads) : hardware, std::max<std::size_t>(todo.size(), 1));

    const SynthConfig config{rate, options.synth_gain, options.polyphony};
    std::atomic<std::size_t> next_job{0};
    std::mutex report_mutex;
    std::size_t done = 0;
    double load_seconds = 0.0;
    std::exception_ptr failure;
    auto worker = [&] {
        try {
            for (std::size_t i = next_job++; i < todo.size(); i = next_job++) {
                // A fresh synth per job: a reused one carries internal state (voice and LFO
                // history) into the next stem, which made the bytes depend on the thread count.
                FluidSynthInstance synth(soundfont, config);
                {
                    std::lock_guard lock(report_mutex);
                    load_seconds += synth.load_seconds();
                }
                const WindowJob& job = jobs[todo[i]];
                rendered[todo[i]] = render_window(synth, score.tracks[job.track], events[job.track], job);
                std::lock_guard lock(report_mutex);
                reporter.report("render", static_cast<double>(++done) / static_cast<double>(todo.size()));
            }
        } catch (...) {
            std::lock_guard lock(report_mutex);
            if (!failure) failure = std::current_exception();
            next_job = todo.size();
        }
    };
    if (!todo.empty()) {
        std::vector<std::jthread> threads;
        for (std::size_t t = 1; t < thread_count; ++t) threads.emplace_back(worker);
        worker();
    }
    if (failure) std::rethrow_exception(failure);

    std::vector<Stem> stems;
    for (const Track& track : score.tracks)
        stems.push_back(Stem{track.name, AudioBuffer(rate, 2, static_cast<std::size_t>(total))});
    for (std::size_t j = 0; j < jobs.size(); ++j) {  // overlap-add in job order: thread timing cannot change the sum
        const WindowJob& job = jobs[j];
        const RenderedWindow& win = rendered[job.source >= 0 ? static_cast<std::size_t>(job.source) : j];
        auto& channels = stems[job.track].audio.channels;
        const auto start = static_cast<std::size_t>(job.start);
        const std::size_t n = std::min(win.left.size(), static_cast<std::size_t>(total) - start);
        for (std::size_t i = 0; i < n; ++i) {
            channels[0][start + i] += win.left[i];
            channels[1][start + i] += win.right[i];
        }
    }
    if (stats != nullptr) {
        stats->windows = static_cast<int>(jobs.size());
        stats->windows_reused = static_cast<int>(jobs.size() - todo.size());
        stats->soundfont_load_seconds = load_seconds;
    }
    return stems;
}

std::int64_t rendered_frames(const Score& score, const RenderOptions& options) {
    return std::max<std::int64_t>(0, score.length_samples.value) +
           to_samples(options.tail, score.tempo.sample_rate()).value;
}

void render_track_blocks(const Score& score, std::size_t track, const RenderOptions& options,
                         const std::filesystem::path& soundfont, const BlockSink& sink) {
    const SampleRate rate = score.tempo.sample_rate();
    const std::int64_t total = rendered_frames(score, options);
    const std::int64_t horizon = std::max<std::int64_t>(to_samples(options.tail, rate).value, rate.hz);
    const std::vector<RenderWindow> windows = make_windows(score, 0, total);
    const std::vector<SynthEvent> events = track_events(score.tracks.at(track), score.tempo, windows);
    std::vector<WindowJob> jobs;
    plan_jobs(track, events, windows, total, horizon, false, jobs);
    std::int64_t done = 0;
    if (!jobs.empty()) {
        const SynthConfig config{rate, options.synth_gain, options.polyphony};
        FluidSynthInstance synth(soundfont, config);
        const WindowJob& job = jobs.front();  // one window: the whole track
        render_span(synth, score.tracks[track], events, job,
                    [&](const float* l, const float* r, std::size_t offset, std::size_t n) {
                        const auto first = job.start + static_cast<std::int64_t>(offset);
                        const auto count = std::min<std::int64_t>(static_cast<std::int64_t>(n), total - first);
                        if (count <= 0) return;
                        sink(l, r, static_cast<std::size_t>(first), static_cast<std::size_t>(count));
                        done = first + count;
                    });
    }
    // Silence after the last voice, so the consumer sees every frame up to the end.
    std::vector<float> zeros(static_cast<std::size_t>(16 * kSynthBlock), 0.0f);
    while (done < total) {
        const auto n = std::min<std::int64_t>(static_cast<std::int64_t>(zeros.size()), total - done);
        sink(zeros.data(), zeros.data(), static_cast<std::size_t>(done), static_cast<std::size_t>(n));
        done += n;
    }
}

}  // namespace tunesmith
