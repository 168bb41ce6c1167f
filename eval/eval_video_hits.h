// eval_video's hit part: videos with known cuts in several cut patterns, each scored end to end with
// several prompts (styles), every cut a hit; for each hit the onset (render/attack_onset.h) in the
// drum stem, the earliest stem and the mix against the cut's sample, then summaries per cut
// pattern, per prompt and over all.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "audio/audio_reader.h"
#include "pipeline/score_video.h"
#include "render/attack_onset.h"
#include "render/onset_latency.h"
#include "../tests/video/synthetic_video.h"
#include "cut_eval_videos.h"

namespace hit_eval {

namespace fs = std::filesystem;
using namespace tunesmith;

// One cut pattern: a video whose cuts all become hits.
struct HitVideo {
    std::string name;
    testing::SyntheticVideo video;
};

inline std::vector<HitVideo> hit_videos() {
    using namespace cut_eval;
    std::vector<HitVideo> out;
    testing::SyntheticVideo a = at_rate("30000/1001", 30000.0 / 1001.0);  // the session-6 video
    a.shots = {{kTestsrc, 130}, {kMandel, 140}, {kRed, 125}, {kSpin, 150}, {kCells, 135}, {kLife, 120}};
    out.push_back({"29.97 fps, 5 cuts 4.2-5.0 s apart", a});
    testing::SyntheticVideo b = at_rate("25", 25.0);
    b.shots = {{kMandel, 60}, {kRed, 45}, {kTestsrc, 75}, {kCells, 50}, {kSpin, 90}, {kLife, 40}, {kBlue, 100}};
    out.push_back({"25 fps, 6 quick cuts 1.6-3.6 s apart", b});
    testing::SyntheticVideo c = at_rate("24000/1001", 24000.0 / 1001.0);
    c.shots = {{kSpin, 200}, {kBars, 260}, {kLife, 150}, {kMandel, 90}};
    out.push_back({"23.976 fps, 3 cuts 6-11 s apart, the last 3.8 s before the end", c});
    for (HitVideo& v : out) v.video.audio = "sine";
    return out;
}

// Prompts that reach different styles, drum kits and stab groups.
inline const std::vector<std::string>& hit_prompts() {
    static const std::vector<std::string> prompts{
        "driving action percussion and brass", "cinematic", "corporate pop", "orchestral",
        "tense synth pulse", "acoustic", "ambient piano"};
    return prompts;
}

inline constexpr std::int64_t kNoStem = -2;  // the cue has no drum stem

// "+0.250" (ms from the cut), or "none" when no onset was found.
inline std::string ms_text(std::int64_t onset, std::int64_t cut, SampleRate rate) {
    if (onset < 0) return "none";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.3f", 1000.0 * static_cast<double>(onset - cut) / rate.hz);
    return buf;
}

// Max |error| and how many within 1 ms, over the onsets found.
struct Errors {
    int measured = 0, within = 0, missing = 0;
    double worst = 0.0;
    // An onset (-1: none found) against the cut's sample.
    void add(std::int64_t onset, std::int64_t cut, SampleRate rate) {
        if (onset < 0) {
            ++missing;
            return;
        }
        const double ms = 1000.0 * static_cast<double>(onset - cut) / rate.hz;
        ++measured;
        within += std::fabs(ms) <= 1.0 ? 1 : 0;
        worst = std::max(worst, std::fabs(ms));
    }
    void add(const Errors& o) {
        measured += o.measured, within += o.within, missing += o.missing, worst = std::max(worst, o.worst);
    }
    std::string text() const {
        char buf[80];
        std::snprintf(buf, sizeof buf, "%d of %d within 1 ms, max |error| %.3f ms", within, measured, worst);
        return missing > 0 ? buf + (", " + std::to_string(missing) + " not found") : std::string(buf);
    }
};

struct Figures {
    int hits = 0, exact = 0;
    Errors drums, mix, mix_old;
    void add(const Figures& o) {
        hits += o.hits, exact += o.exact;
        drums.add(o.drums), mix.add(o.mix), mix_old.add(o.mix_old);
    }
    void print(const std::string& title) const {
        std::printf("  %s: %d hits, %d on a beat at the cut's sample; of those:\n", title.c_str(), hits, exact);
        std::printf("    drum stem      %s\n", drums.text().c_str());
        std::printf("    mix            %s\n", mix.text().c_str());
        std::printf("    mix, onset_near (the session 6-11 measure) %s\n", mix_old.text().c_str());
    }
};

// The level (dB, RMS over 20 ms) just before `at` relative to the peak RMS over the 20 ms after it:
// how loud what rings into the hit is.
inline double level_before_db(const AudioBuffer& audio, std::int64_t at) {
    const auto rms = [&](std::int64_t from, std::int64_t to) {
        double sum = 0.0;
        std::int64_t n = 0;
        for (std::int64_t i = std::max<std::int64_t>(0, from); i < to && i < static_cast<std::int64_t>(audio.frames()); ++i, ++n)
            for (const auto& ch : audio.channels) {
                const double x = ch[static_cast<std::size_t>(i)];
                sum += x * x;
            }
        return n > 0 ? std::sqrt(sum / static_cast<double>(n * 2)) : 0.0;
    };
    const std::int64_t span = audio.rate.hz / 50;
    const double before = rms(at - span, at), after = rms(at, at + span);
    return before > 0.0 && after > 0.0 ? 20.0 * std::log10(before / after) : -120.0;
}

// One video scored with one prompt: a line per hit, and its figures.
inline Figures score_one(const fs::path& video, const std::string& prompt, const fs::path& out, const fs::path& soundfont) {
    Figures f;
    ScoreVideoOptions options;
    options.generate.out_dir = out;
    options.generate.formats = {"wav"};
    options.generate.soundfont = soundfont;
    options.hits = HitSelection::all;
    options.mux = false;
    SpecRequest request;
    request.prompt = prompt;
    const ScoreVideoResult result = score_video(video, request, options);
    const AudioBuffer mix = read_audio_file(result.out_dir / "mix.wav");
    std::vector<std::pair<std::string, AudioBuffer>> stems;
    for (const auto& entry : fs::directory_iterator(result.out_dir / "stems"))
        stems.emplace_back(entry.path().stem().string(), read_audio_file(entry.path()));
    std::sort(stems.begin(), stems.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::printf("\n  \"%s\" -> %s, %.1f bpm; stems:", prompt.c_str(), result.cue.style.c_str(),
                result.cue.plan.tempo.bpm_at(Ticks(0)));
    for (const auto& [name, audio] : stems) std::printf(" %s", name.c_str());
    std::printf("\n");
    for (const ChosenCut& c : result.conditioning.cuts) {
        if (!c.hit) continue;
        ++f.hits;
        const std::int64_t cut = rational_to_samples(c.cut.time, mix.rate).value;
        const PlannedHit* hit = nullptr;
        for (const PlannedHit& h : result.cue.plan.hits)
            if (std::llabs(h.sample.value - cut) <= 1) hit = &h;
        const std::int64_t beat = hit != nullptr ? result.cue.plan.tempo.to_samples(hit->tick).value : -1;
        std::printf("    %8.3f s %-4s beat%+6lld", static_cast<double>(cut) / mix.rate.hz,
                    hit != nullptr ? hit->kind.c_str() : "?", static_cast<long long>(beat - cut));
        // Each stem's onset; the earliest one is what leads the hit.
        std::int64_t drums = kNoStem, first = -1;
        std::string first_name;
        for (const auto& [name, audio] : stems) {
            const std::int64_t at = attack_onset(audio.channels[0], audio.channels[1], cut, audio.rate);
            if (name.find("drum") != std::string::npos || name.find("percussion") != std::string::npos) drums = at;
            if (at >= 0 && (first < 0 || at < first)) first = at, first_name = name;
        }
        const std::int64_t in_mix = attack_onset(mix.channels[0], mix.channels[1], cut, mix.rate);
        const std::int64_t in_mix_old = onset_near(mix.channels[0], mix.channels[1], cut, mix.rate);
        std::printf(" | drums %7s | first %7s %-9s | mix %7s (%+4lld) [old %7s] | before %6.1f dB\n",
                    drums == kNoStem ? "-" : ms_text(drums, cut, mix.rate).c_str(), ms_text(first, cut, mix.rate).c_str(),
                    first_name.c_str(), ms_text(in_mix, cut, mix.rate).c_str(),
                    static_cast<long long>(in_mix >= 0 ? in_mix - cut : 0), ms_text(in_mix_old, cut, mix.rate).c_str(),
                    level_before_db(mix, cut));
        if (beat != cut) continue;  // a hit the tempo fit could not place (the plan warns): its error is the beat's
        ++f.exact;
        if (drums != kNoStem) f.drums.add(drums, cut, mix.rate);
        f.mix.add(in_mix, cut, mix.rate);
        f.mix_old.add(in_mix_old, cut, mix.rate);
    }
    return f;
}

// Every cut pattern with every prompt (`quick`: the first pattern with the first prompt only).
inline void evaluate_hits(const fs::path& work, const fs::path& soundfont, bool quick) {
    std::printf("\nHits: every cut a hit; onset = render/attack_onset.h (from 10 ms before the cut, the first sample\n"
                "whose 0.5 ms RMS level is at least 2x the loudest level from 30 to 10 ms before the cut and at least\n"
                "-30 dB of the hit's peak); errors are onset - cut sample. 'before': the mix's RMS over the 20 ms before the cut\n"
                "against the 20 ms after it. [old]: render/onset_latency.h's onset_near in the mix.\n");
    Figures all;
    std::map<std::string, Figures> by_prompt;
    const std::vector<HitVideo> videos = hit_videos();
    for (std::size_t v = 0; v < videos.size() && (!quick || v == 0); ++v) {
        bool ok = false;
        const fs::path video = work / ("hits" + std::to_string(v + 1) + ".mp4");
        testing::make_video(videos[v].video, video, ok);
        if (!ok) {
            std::printf("%s: ffmpeg failed to make the video\n", videos[v].name.c_str());
            continue;
        }
        std::printf("\nCut pattern %zu: %s\n", v + 1, videos[v].name.c_str());
        Figures pattern;
        for (std::size_t p = 0; p < hit_prompts().size() && (!quick || p == 0); ++p) {
            const std::string& prompt = hit_prompts()[p];
            const Figures f = score_one(video, prompt, work / ("hits" + std::to_string(v + 1) + "-" + std::to_string(p + 1)),
                                        soundfont);
            pattern.add(f);
            by_prompt[prompt].add(f);
        }
        pattern.print("pattern " + std::to_string(v + 1));
        all.add(pattern);
    }
    std::printf("\nHits by prompt (all cut patterns):\n");
    for (const std::string& prompt : hit_prompts())
        if (by_prompt.contains(prompt)) by_prompt[prompt].print("\"" + prompt + "\"");
    std::printf("\nHits, all:\n");
    all.print("all");
}

}  // namespace hit_eval
