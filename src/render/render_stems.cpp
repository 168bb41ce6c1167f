// render_stems: every Track is split into bar-aligned windows; each window is rendered by a fresh
// FluidSynth from a pre-roll that starts every voice still sounding at the window's start, so its
// frames equal a one-pass render's; identical windows are rendered once; windows join without overlap.
#include "render/render.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include <fluidsynth.h>
#include <fstream>
#include <functional>

#include "base/error.h"
#include "render/fluid_synth.h"
#include "render/hit_layers.h"
#include "render/layer_player.h"
#include "render/onset_latency.h"
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

// One window's work: the frames [start, end) of one track, rendered from `preroll` on so that
// every voice still sounding at `start` is started inside the render, as in a one-pass render.
struct WindowJob {
    std::size_t track = 0;
    std::int64_t preroll = 0;     // first rendered frame (<= start; on the block grid)
    std::int64_t start = 0;       // first kept frame
    std::int64_t end = 0;         // one past the last kept frame
    std::int64_t last_event = 0;  // after this, stop as soon as no voice sounds
    std::size_t first_event = 0;  // index of the first event at or after preroll
    int source = -1;              // index of an identical earlier job (reuse), or -1
};

struct RenderedWindow {
    std::vector<float> left, right;  // the kept frames; may stop early (the rest is silence)
};

// How long a released voice may still sound: the render's tail, at least 4 s. General MIDI piano
// and pad releases run past 1.5 s (a 1.5 s bound left -44 dB at the seams); a voice released
// more than 4 s ago is at most a faint remnant of a very long release.
std::int64_t release_bound(const RenderOptions& options, SampleRate rate) {
    return std::max<std::int64_t>(to_samples(options.tail, rate).value, 4 * std::int64_t{rate.hz});
}

constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max() / 4;

// When each note (by its note_on's index) may still sound: until its note-off, or the next
// note-on of its key (which releases it), held on while the sustain pedal is down, plus `release`.
// An over-estimate only lengthens pre-rolls; an under-estimate would make a window inexact.
std::vector<std::int64_t> sounding_until(const std::vector<SynthEvent>& events, std::int64_t release) {
    std::vector<std::int64_t> until(events.size(), kForever);
    std::vector<std::vector<std::size_t>> held(128);
    std::vector<std::size_t> pedalled;
    bool pedal = false;
    auto release_key = [&](int key, std::int64_t at) {
        for (std::size_t i : held[static_cast<std::size_t>(key)]) {
            if (pedal) pedalled.push_back(i);
            else until[i] = at + release;
        }
        held[static_cast<std::size_t>(key)].clear();
    };
    for (std::size_t i = 0; i < events.size(); ++i) {
        const SynthEvent& e = events[i];
        if (e.kind == SynthEventKind::note_on) {
            release_key(e.a, e.sample);
            held[static_cast<std::size_t>(e.a)].push_back(i);
        } else if (e.kind == SynthEventKind::note_off) {
            release_key(e.a, e.sample);
        } else if (e.kind == SynthEventKind::control && e.a == 64) {
            pedal = e.b >= 64;
            if (!pedal) {
                for (std::size_t j : pedalled) until[j] = e.sample + release;
                pedalled.clear();
            }
        }
    }
    return until;
}

// The content that determines a window's audio: entering state, then every event in its
// render span relative to the pre-roll, then the span's shape.
std::vector<std::int64_t> window_key(const std::vector<SynthEvent>& events, const WindowJob& job) {
    std::vector<std::int64_t> key;
    const ChannelState state = state_before(events, job.preroll);
    for (std::size_t c = 0; c < state.controllers.size(); ++c)
        if (state.controllers[c] >= 0) key.insert(key.end(), {static_cast<std::int64_t>(c), state.controllers[c]});
    key.insert(key.end(), {-1, state.bend, job.start - job.preroll, job.end - job.preroll});
    for (std::size_t i = job.first_event; i < events.size() && events[i].sample < job.end; ++i) {
        const SynthEvent& e = events[i];
        key.insert(key.end(), {e.sample - job.preroll, static_cast<std::int64_t>(e.kind), e.a, e.b});
    }
    return key;
}

void dispatch(FluidSynthInstance& synth, const SynthEvent& e) {
    switch (e.kind) {
        case SynthEventKind::note_off: synth.note_off(e.a); break;
        case SynthEventKind::control: synth.control(e.a, e.b); break;
        case SynthEventKind::bend: synth.bend(e.a); break;
        case SynthEventKind::note_on: synth.note_on(e.a, e.b); break;
    }
}

// Renders one job from its pre-roll and hands the kept frames to `sink` in order (offsets from
// job.start): the track's own synth, faded before hits, plus its hit layers when `layers` is given.
// Stops early once the last event has passed and nothing sounds. Returns the kept frames rendered.
using PieceSink = std::function<void(const float* left, const float* right, std::size_t offset, std::size_t count)>;
std::int64_t render_span(FluidSynthInstance& synth, LayerPlayer* layers, const Track& track, const TrackSchedule& schedule,
                         const WindowJob& job, const PieceSink& sink) {
    const std::vector<SynthEvent>& events = schedule.events;
    synth.prepare(track, state_before(events, job.preroll));
    constexpr std::int64_t kChunk = 16 * kSynthBlock;  // voice-count check granularity in the tail
    std::vector<float> left(static_cast<std::size_t>(kChunk)), right(static_cast<std::size_t>(kChunk));
    std::int64_t pos = job.preroll;
    std::size_t next = job.first_event;
    while (pos < job.end) {
        while (next < events.size() && events[next].sample <= pos) dispatch(synth, events[next++]);
        if (pos >= job.last_event && synth.active_voices() == 0 && (layers == nullptr || !layers->sounding_from(pos, job.end)))
            break;
        std::int64_t until = next < events.size() ? std::min(events[next].sample, job.end) : job.end;
        until = std::min({until, pos + kChunk, pos < job.start ? job.start : job.end});
        const auto n = static_cast<std::size_t>(until - pos);
        std::fill_n(left.begin(), n, 0.0f);
        std::fill_n(right.begin(), n, 0.0f);
        synth.render(left.data(), right.data(), static_cast<int>(n));
        if (pos >= job.start) {
            for (const BreathFade& fade : schedule.fades) {
                if (fade.to <= pos || fade.from >= until) continue;
                for (std::int64_t t = std::max(pos, fade.from); t < std::min(until, fade.to); ++t) {
                    const auto gain = static_cast<float>(breath_gain(fade, t));
                    left[static_cast<std::size_t>(t - pos)] *= gain;
                    right[static_cast<std::size_t>(t - pos)] *= gain;
                }
            }
            if (layers != nullptr) layers->add(left.data(), right.data(), pos, until - pos);
            sink(left.data(), right.data(), static_cast<std::size_t>(pos - job.start), n);
        }
        pos = until;
    }
    return std::max<std::int64_t>(pos, job.start) - job.start;
}

RenderedWindow render_window(FluidSynthInstance& synth, const Track& track, const TrackSchedule& schedule,
                             const WindowJob& job) {
    RenderedWindow out;
    const auto span = static_cast<std::size_t>(job.end - job.start);
    out.left.assign(span, 0.0f);
    out.right.assign(span, 0.0f);
    const std::int64_t rendered =
        render_span(synth, nullptr, track, schedule, job, [&](const float* l, const float* r, std::size_t offset, std::size_t n) {
            std::copy_n(l, n, out.left.begin() + static_cast<std::ptrdiff_t>(offset));
            std::copy_n(r, n, out.right.begin() + static_cast<std::ptrdiff_t>(offset));
        });
    out.left.resize(static_cast<std::size_t>(rendered));
    out.right.resize(static_cast<std::size_t>(rendered));
    return out;
}

// Jobs for one track: each window that has sound, with the pre-roll that starts every voice
// still sounding at its start (windows then join without overlap: each frame comes from exactly
// one window). A window identical to an earlier one, pre-roll included, reuses it; one a fade
// reaches is never reused. A window a hit layer sounds in has a job (the streamed pass adds the
// layers in its render; render_stems after its windows).
void plan_jobs(std::size_t track_index, const TrackSchedule& schedule, const std::vector<RenderWindow>& windows,
               std::int64_t release, bool reuse, std::vector<WindowJob>& jobs) {
    const std::vector<SynthEvent>& events = schedule.events;
    const std::vector<std::int64_t> until = sounding_until(events, release);
    // Each note marks the window it starts in, and pulls the pre-roll of every later window it
    // may still sound into back to its start.
    std::vector<std::int64_t> preroll(windows.size());
    std::vector<bool> sounds(windows.size(), false);
    for (std::size_t w = 0; w < windows.size(); ++w) preroll[w] = windows[w].start;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i].kind != SynthEventKind::note_on) continue;
        const auto first = static_cast<std::size_t>(
            std::upper_bound(windows.begin(), windows.end(), events[i].sample,
                             [](std::int64_t t, const RenderWindow& w) { return t < w.end; }) - windows.begin());
        if (first >= windows.size()) continue;
        sounds[first] = true;
        for (std::size_t w = first + 1; w < windows.size() && windows[w].start < until[i]; ++w) {
            sounds[w] = true;
            preroll[w] = std::min(preroll[w], events[i].sample);
        }
    }
    // Windows a layer sounds in, and those a fade reaches (their audio is not the events' alone).
    std::vector<bool> faded(windows.size(), false);
    for (std::size_t w = 0; w < windows.size(); ++w) {
        const auto overlaps = [&](std::int64_t from, std::int64_t to) { return windows[w].start < to && windows[w].end > from; };
        for (const HitLayer& layer : schedule.layers) sounds[w] = sounds[w] || overlaps(layer.start, layer.sounds_until);
        for (const BreathFade& fade : schedule.fades) faded[w] = faded[w] || overlaps(fade.from, fade.to);
    }
    auto first_at = [&events](std::int64_t t) {
        return static_cast<std::size_t>(std::lower_bound(events.begin(), events.end(), t,
                                                         [](const SynthEvent& e, std::int64_t s) { return e.sample < s; }) -
                                        events.begin());
    };
    std::map<std::vector<std::int64_t>, int> seen;
    for (std::size_t w = 0; w < windows.size(); ++w) {
        if (!sounds[w]) continue;
        WindowJob job;
        job.track = track_index;
        job.start = windows[w].start;
        job.end = windows[w].end;
        job.preroll = preroll[w];
        job.first_event = first_at(job.preroll);
        const std::size_t past = first_at(job.end);  // events of the span are [first_event, past)
        job.last_event = past > job.first_event ? events[past - 1].sample : job.preroll;
        if (reuse && !faded[w]) {
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
    const std::int64_t release = release_bound(options, rate);
    const std::vector<RenderWindow> windows = make_windows(score, options.window_bars, total);

    const SynthConfig config{rate, options.synth_gain, options.polyphony};
    std::vector<TrackSchedule> schedules;
    std::vector<SynthPool> pools;  // per track: its accents' measurements, then its hit layers
    std::vector<WindowJob> jobs;
    for (std::size_t t = 0; t < score.tracks.size(); ++t) {
        // Hit accents get synths of their own, started so that they sound on the hit's sample.
        pools.emplace_back(soundfont, config);
        schedules.push_back(hit_schedule(score, t, pools.back(), release));
        plan_jobs(t, schedules.back(), windows, release, options.reuse_windows, jobs);
    }

    std::vector<RenderedWindow> rendered(jobs.size());
    std::vector<std::size_t> todo;
    for (std::size_t j = 0; j < jobs.size(); ++j)
        if (jobs[j].source < 0) todo.push_back(j);
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t thread_count = std::min<std::size_t>(
        options.threads > 0 ? static_cast<std::size_t>(options.threads) : hardware, std::max<std::size_t>(todo.size(), 1));

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
                rendered[todo[i]] = render_window(synth, score.tracks[job.track], schedules[job.track], job);
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
    for (std::size_t j = 0; j < jobs.size(); ++j) {  // windows do not overlap: each frame is copied once
        const WindowJob& job = jobs[j];
        const RenderedWindow& win = rendered[job.source >= 0 ? static_cast<std::size_t>(job.source) : j];
        auto& channels = stems[job.track].audio.channels;
        const auto start = static_cast<std::ptrdiff_t>(job.start);
        const std::size_t n = std::min(win.left.size(), static_cast<std::size_t>(total - job.start));
        std::copy_n(win.left.begin(), n, channels[0].begin() + start);
        std::copy_n(win.right.begin(), n, channels[1].begin() + start);
    }
    // Each track's hit layers in one pass over its stem, through the pool that measured them: the
    // synths and order of the streamed pass, so both give the same samples.
    for (std::size_t t = 0; t < score.tracks.size(); ++t) {
        if (schedules[t].layers.empty()) continue;
        LayerPlayer layers(pools[t], score.tracks[t], schedules[t].layers);
        auto& channels = stems[t].audio.channels;
        layers.add(channels[0].data(), channels[1].data(), 0, total);
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
    const std::vector<RenderWindow> windows = make_windows(score, 0, total);
    const SynthConfig config{rate, options.synth_gain, options.polyphony};
    const std::int64_t release = release_bound(options, rate);
    SynthPool pool(soundfont, config);
    const TrackSchedule schedule = hit_schedule(score, track, pool, release);
    std::vector<WindowJob> jobs;
    plan_jobs(track, schedule, windows, release, false, jobs);
    std::int64_t done = 0;
    if (!jobs.empty()) {
        FluidSynthInstance synth(soundfont, config);
        LayerPlayer layers(pool, score.tracks[track], schedule.layers);
        const WindowJob& job = jobs.front();  // one window: the whole track
        render_span(synth, &layers, score.tracks[track], schedule, job,
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

void render_track_in_blocks(const Score& score, std::size_t track, const RenderOptions& options,
                            const std::filesystem::path& soundfont, std::size_t block_frames,
                            const StereoBlockSink& on_block) {
    AudioBuffer block(score.tempo.sample_rate(), 2, block_frames);
    std::size_t filled = 0;
    std::size_t first = 0;
    auto flush = [&] {
        on_block(block, first, filled);
        first += filled;
        filled = 0;
    };
    render_track_blocks(score, track, options, soundfont, [&](const float* l, const float* r, std::size_t, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) {
            block.channels[0][filled] = l[i];
            block.channels[1][filled] = r[i];
            if (++filled == block_frames) flush();
        }
    });
    if (filled > 0) flush();
}

}  // namespace tunesmith
