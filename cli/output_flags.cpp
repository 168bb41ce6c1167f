// Output flags shared by the commands that write a cue folder.
#include "cli/output_flags.h"

#include <algorithm>
#include <cmath>

#include "base/text.h"

#include "cli/soundfont_flags.h"

namespace tunesmith::cli {

void add_output_flags(CLI::App& command, GenerateOptions& output, OutputFlags& flags, const std::string& data_dir_help) {
    command.add_option("--out,-o", output.out_dir, "Output folder (created; an earlier cue there is replaced)")->required();
    add_soundfont_flags(command, output.soundfont, output.soundfont_cache);
    command.add_option("--formats", flags.formats, "Comma-separated: wav,flac,mid (default: the spec's)");
    command.add_option("--threads", output.threads, "Worker threads (0: all cores)");
    command.add_option("--data-dir", output.data_dir, data_dir_help);
    command.add_flag("--quiet,-q", flags.quiet, "No progress line");
}

std::string bars_text(long long bars) { return std::to_string(bars) + (bars == 1 ? " bar" : " bars"); }

std::string played_tempo_text(const CueResult& cue) {
    const Plan& plan = cue.plan;
    std::string text = fixed_text(plan.tempo.bpm_at(Ticks(0)), 1) + " bpm";
    const double seconds = to_seconds(plan.length_samples, plan.tempo.sample_rate()).value;
    if (!(seconds > 0.0)) return text;
    const double mean_bpm = static_cast<double>(plan.length.value) / kTicksPerQuarter * 60.0 / seconds;
    if (plan.ring_out)  // the final bar's tempo only makes its chord last to the end
        return text + " (" + decimal_text(cue.spec.bpm, 1) + " in the spec; " +
               bars_text(plan.length / plan.meter.bar() - 1) + ", then a final chord rings out to " +
               seconds_text(seconds) + ")";
    if (std::abs(mean_bpm - cue.spec.bpm) < 0.05) return text;
    const long long bars = plan.length / plan.meter.bar();
    return text + " (" + decimal_text(cue.spec.bpm, 1) + " in the spec; " + (bars == 1 ? "one whole bar fills " :
           std::to_string(bars) + " whole bars fill ") + seconds_text(seconds) + ")";
}

std::string hits_text(const CueResult& cue) {
    const Plan& plan = cue.plan;
    if (plan.hits.empty()) return "";
    constexpr std::size_t kListed = 6;  // a video's many cuts: the first few, then a count
    const Ticks bar = plan.meter.bar(), beat = plan.meter.beat();
    std::size_t off = 0;
    std::string list;
    for (std::size_t i = 0; i < plan.hits.size(); ++i) {
        const PlannedHit& hit = plan.hits[i];
        const Samples landed = plan.tempo.to_samples(hit.tick);
        off += landed != hit.sample;
        if (i >= kListed) continue;
        const Ticks in_bar = hit.tick % bar;
        list += (i ? "; " : "") + fixed_text(hit.requested.value, 3) + " s bar " + std::to_string(hit.tick / bar + 1) +
                " beat " + decimal_text(1.0 + static_cast<double>(in_bar.value) / static_cast<double>(beat.value), 2);
        if (landed != hit.sample)
            list += " (lands at " + fixed_text(to_seconds(landed, plan.tempo.sample_rate()).value, 3) + " s)";
    }
    if (plan.hits.size() > kListed) list += "; " + std::to_string(plan.hits.size() - kListed) + " more";
    const std::string count = std::to_string(plan.hits.size()) + (plan.hits.size() == 1 ? " hit" : " hits");
    const std::string landing = off == 0 ? (plan.hits.size() == 1 ? "on its sample" : "each on its sample")
                                         : std::to_string(off) + " off its sample (see cue.json plan.hits)";
    return count + ", " + landing + ": " + list;
}

void apply_output_flags(const OutputFlags& flags, GenerateOptions& output) {
    const std::string& list = flags.formats;
    for (std::size_t start = 0; start < list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        if (comma > start) output.formats.push_back(list.substr(start, comma - start));
        start = comma + 1;
    }
}

}  // namespace tunesmith::cli
