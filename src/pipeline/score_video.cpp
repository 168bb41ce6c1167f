// score_video(): analyse -> condition the spec -> plan -> compose -> render -> write the cue,
// cuts.json and the remuxed video, all inside one staging folder.
#include "pipeline/score_video.h"

#include <algorithm>

#include "audio/audio_reader.h"
#include "base/data_dir.h"
#include "base/error.h"
#include "base/text.h"
#include "compose/compose.h"
#include "compose/style.h"
#include "compose/tempo_choice.h"
#include "export/cue_sheet.h"
#include "pipeline/data_files.h"
#include "pipeline/staging_dir.h"
#include "render/render.h"
#include "spec/lexicon.h"
#include "spec/prompt_parser.h"
#include "video/mux.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

fs::path data_dir_of(const GenerateOptions& options) {
    return options.data_dir.empty() ? default_data_dir() : options.data_dir;
}

void check_options(const ScoreVideoOptions& options) {
    if (options.generate.variations != 1)
        throw InputError("variations", std::to_string(options.generate.variations), "1 (score-video writes one cue)");
    if (options.generate.out_dir.empty()) throw InputError("out", "", "an output folder");
    if (options.generate.audio) resolve_soundfont(RenderOptions{.soundfont = options.generate.soundfont});
}

// The user's JSON patch and whether anything in the request already shapes the energy curve.
struct UserLayers {
    SpecPatch json;
    bool energy_given = false;
    bool bpm_given = false;         // a tempo in the prompt, JSON or flags: the video does not move it
    std::optional<Seconds> length;  // an explicit length (JSON or flag) that beats the video's
};

UserLayers user_layers(const SpecRequest& request, const Lexicon& lexicon) {
    UserLayers layers;
    if (request.spec_json) layers.json = spec_patch_from_json(*request.spec_json);
    std::string prompt = request.prompt;
    if (prompt.empty() && layers.json.prompt) prompt = *layers.json.prompt;
    const PromptReading reading = read_prompt(prompt, lexicon);
    layers.energy_given = !reading.energy.empty() || reading.patch.energy || layers.json.energy || request.flags.energy;
    layers.length = request.flags.length ? request.flags.length : layers.json.length;
    layers.bpm_given = reading.patch.bpm || layers.json.bpm || request.flags.bpm;
    return layers;
}

// Drops what the video put after an explicitly shorter cue (the flag wins; its hits cannot).
void trim_to(SpecPatch& patch, Seconds length) {
    if (patch.sections)
        std::erase_if(*patch.sections, [&](const SectionSpec& s) { return s.start >= length; });
    if (patch.hits) std::erase_if(*patch.hits, [&](const HitSpec& h) { return h.time >= length; });
    if (patch.dialogue) {
        std::erase_if(*patch.dialogue, [&](const TimeRange& r) { return r.start >= length; });
        for (auto& r : *patch.dialogue) r.end = std::min(r.end, length);
    }
    if (patch.energy) std::erase_if(*patch.energy, [&](const EnergyPoint& e) { return e.time > length; });
}

// The request with the video's patch layered under the user's JSON (prompt < video < JSON < flags).
SpecRequest layered_request(const SpecRequest& request, const SpecPatch& video) {
    nlohmann::json merged = to_json(video);
    if (request.spec_json) merged.merge_patch(*request.spec_json);
    SpecRequest out = request;
    out.spec_json = merged;
    return out;
}

// resolve_spec names the merged layer "the spec JSON"; fields the user's JSON lacks came from the video.
void relabel_warnings(std::vector<std::string>& warnings, const SpecRequest& request) {
    const std::string json_label = "from the spec JSON";
    for (std::string& w : warnings) {
        const auto colon = w.find(':');
        const auto at = w.find(json_label);
        if (colon == std::string::npos || at == std::string::npos) continue;
        const std::string key = w.substr(0, colon);
        const std::string top = key.substr(0, key.find('.'));
        if (request.spec_json && request.spec_json->contains(top)) continue;
        w.replace(at, json_label.size(), "from the video");
    }
}

// The mastered mix as written (24-bit), read back for muxing; empty when no audio file was made.
AudioBuffer written_mix(const fs::path& folder) {
    for (const char* name : {"mix.wav", "mix.flac"})
        if (fs::exists(folder / name)) return read_audio_file(folder / name);
    return {};
}

std::optional<fs::path> write_scored_video(const fs::path& video, const VideoAnalysis& analysis,
                                           const fs::path& folder, std::vector<std::string>& warnings,
                                           const Reporter& reporter) {
    const AudioBuffer music = written_mix(folder);
    if (music.empty()) {
        warnings.push_back("no wav or flac mix was written, so no scored video was made");
        return std::nullopt;
    }
    std::vector<MuxTrack> tracks;
    tracks.push_back(MuxTrack{music, "Music", true});
    if (analysis.info.has_audio) {
        const AudioBuffer original = read_audio_file(video);
        tracks.push_back(MuxTrack{mix_music_under_original(music, original), "Original audio with the music under it", false});
    }
    const fs::path out = folder / scored_video_name(analysis.info);
    mux_audio_into_video(video, tracks, out);
    reporter.report("mux", 1.0);
    return out;
}

// The spec with the video's layer. A video too short for one bar of music (a still image, a
// half-second clip) is named as the video: the user did not set the length it fails on.
Resolution resolve_video_spec(const SpecRequest& request, const SpecPatch& video_patch, const Lexicon& lexicon,
                              const fs::path& video, bool length_given) {
    try {
        return resolve_spec(layered_request(request, video_patch), lexicon);
    } catch (const InputError& e) {
        if (e.field() != "length_s" || length_given) throw;
        throw InputError("video", video.filename().string() + " is " + e.value() + " s long",
                         "a video of " + e.accepted());
    }
}

}  // namespace

ScoreVideoResult score_video(const fs::path& video, const SpecRequest& request, const ScoreVideoOptions& options,
                             const Reporter& reporter) {
    check_options(options);
    const Lexicon lexicon = load_lexicon(data_dir_of(options.generate));
    const UserLayers user = user_layers(request, lexicon);
    const StyleLibrary styles = load_styles(data_dir_of(options.generate));

    ScoreVideoResult result;
    result.analysis = analyze_video(video, options.analysis, reporter);
    reporter.check_cancelled();
    ConditionOptions condition;
    condition.hits = options.hits;
    condition.manual_cuts = options.cuts;
    condition.motion_energy = !user.energy_given;
    result.conditioning = condition_on_video(result.analysis, condition);
    SpecPatch video_patch = result.conditioning.patch;
    if (user.length) trim_to(video_patch, *user.length);
    const double video_s = result.analysis.length.seconds().value;
    if (user.length && user.length->value > video_s + 0.5)
        result.analysis.warnings.push_back("the cue is " + seconds_text(user.length->value) +
                                           " (an explicit length) but the video is " + seconds_text(video_s) +
                                           " long: the music runs on past the last picture in scored.mp4");

    Resolution resolution = resolve_video_spec(request, video_patch, lexicon, video, user.length.has_value());
    if (!user.bpm_given) {
        // A free tempo moves (within the style's feel) so the scene changes can start on bar lines.
        const double bpm = tempo_for_scene_changes(resolution.spec);
        if (bpm != resolution.spec.bpm) {
            video_patch.bpm = bpm;
            resolution = resolve_video_spec(request, video_patch, lexicon, video, user.length.has_value());
        }
    }
    relabel_warnings(resolution.warnings, request);
    std::vector<std::string> warnings = result.analysis.warnings;
    warnings.insert(warnings.end(), resolution.warnings.begin(), resolution.warnings.end());
    for (const auto& w : warnings) reporter.warn(w);

    Plan plan = make_plan(resolution.spec);  // before the aggregate (GCC 12, see generate.cpp)
    result.cue = CueResult{resolution.spec, std::move(plan), {}, {}, {}, {}, {}, {}, {}, {}};
    reporter.report("plan", 1.0);
    const Style& style = choose_style(styles, resolution.spec);
    result.cue.style = style.name;
    result.cue.score = compose(result.cue.plan, resolution.spec, style);
    result.cue.data_files = prompt_data_files(data_dir_of(options.generate));  // no melody check here
    const auto style_files = style_data_files(data_dir_of(options.generate), style.name);
    result.cue.data_files.insert(result.cue.data_files.end(), style_files.begin(), style_files.end());
    reporter.report("compose", 1.0);
    reporter.check_cancelled();
    warnings.insert(warnings.end(), result.cue.plan.warnings.begin(), result.cue.plan.warnings.end());
    for (const auto& w : result.cue.plan.warnings) reporter.warn(w);

    StagingDir staging(options.generate.out_dir);
    GenerateOptions output = options.generate;
    output.inputs.push_back(video);  // hashed into the provenance record
    write_cue(result.cue, output, staging.path(), warnings, reporter);
    warnings.insert(warnings.end(), result.cue.warnings.begin(), result.cue.warnings.end());
    reporter.check_cancelled();
    write_json_file(cuts_json(result.analysis, result.conditioning), staging.path() / "cuts.json");
    result.cue.files.push_back(staging.path() / "cuts.json");
    if (options.mux && options.generate.audio) {
        auto scored = write_scored_video(video, result.analysis, staging.path(), warnings, reporter);
        if (scored) {
            result.cue.files.push_back(*scored);
            result.scored_video = staging.final_path(*scored);
        }
    }
    staging.commit();

    result.out_dir = staging.target();
    for (auto& file : result.cue.files) file = staging.final_path(file);
    result.files = result.cue.files;
    result.warnings = std::move(warnings);
    return result;
}

}  // namespace tunesmith
