// generate(): the pipeline as the design draws it, one cue at a time into a staging folder that
// is renamed into place when every file of every variation has been written.
#include "pipeline/generate.h"

#include <algorithm>

#include "base/data_dir.h"
#include "base/error.h"
#include "base/text.h"
#include "compose/compose.h"
#include "compose/style.h"
#include "export/cue_sheet.h"
#include "export/midi_reader.h"
#include "export/midi_writer.h"
#include "export/provenance.h"
#include "pipeline/data_files.h"
#include "pipeline/staging_dir.h"
#include "render/mix.h"
#include "render/render.h"
#include "render/write_outputs.h"
#include "rights/check.h"
#include "spec/cue_spec_json.h"
#include "spec/lexicon.h"
#include "spec/validate.h"
#include "base/version.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxVariations = 16;
constexpr int kMaxWindowBars = 64;

fs::path data_dir_of(const GenerateOptions& options) {
    return options.data_dir.empty() ? default_data_dir() : options.data_dir;
}

std::vector<std::string> formats_of(const CueSpec& spec, const GenerateOptions& options) {
    return options.formats.empty() ? spec.formats : options.formats;
}

void check_options(const CueSpec& spec, const GenerateOptions& options) {
    if (options.variations < 1 || options.variations > kMaxVariations)
        throw InputError("variations", std::to_string(options.variations), "1..16");
    if (options.threads < 0) throw InputError("threads", std::to_string(options.threads), "0 (all cores) or more");
    if (options.window_bars < 0 || options.window_bars > kMaxWindowBars)
        throw InputError("window-bars", std::to_string(options.window_bars), "0 (one pass per stem) to 64");
    check_output_formats(formats_of(spec, options));
}

// Variation k (1-based) differs only in its seed, so its plan is the same and its notes differ.
CueSpec variation_spec(const CueSpec& spec, int k) {
    CueSpec out = spec;
    out.seed = spec.seed + static_cast<std::uint64_t>(k - 1);
    return out;
}

AudioMetadata audio_metadata(const CueSpec& spec) {
    AudioMetadata meta;
    meta.title = spec.prompt.empty() ? std::string("tunesmith cue") : spec.prompt;
    meta.comment = "seed " + std::to_string(spec.seed) + ", " + spec.key.to_string() + ", " +
                   spec.time_signature.to_string();
    meta.software = std::string("tunesmith ") + tunesmith_version();
    return meta;  // no date: the same spec gives the same bytes
}

// render -> master -> write audio. Returns the audio files written and fills the loudness figures.
std::vector<fs::path> render_audio(CueResult& cue, const GenerateOptions& options, const fs::path& folder,
                                   const Reporter& reporter) {
    RenderOptions render;
    render.soundfont = options.soundfont;
    render.soundfont_cache = options.soundfont_cache;
    render.threads = options.threads;
    render.window_bars = options.window_bars;
    MixSettings mix = mix_settings_for(cue.spec, cue.score);
    mix.make_loop = options.loop;
    mix.threads = options.threads;
    mix.spill_dir = folder;  // stems stream through unlinked temporary files: memory stays bounded
    const MixResult mastered = render_and_master(cue.score, render, mix, reporter);
    cue.integrated_lufs = mastered.integrated_lufs;
    cue.true_peak_dbtp = mastered.true_peak_dbtp;
    if (auto warning = loudness_shortfall(mastered, mix)) {
        reporter.warn(*warning);
        cue.warnings.push_back(std::move(*warning));
    }
    return write_cue_audio(mastered, folder, formats_of(cue.spec, options), audio_metadata(cue.spec), reporter,
                           options.threads, &cue.pcm_digests);
}

// One cue: plan -> melody checked against known works (regenerated while too close) -> compose,
// then write_cue into `folder`.
CueResult make_cue(const CueSpec& spec, const StyleLibrary& styles, const MelodyIndex& known,
                   const GenerateOptions& options, const fs::path& folder,
                   const std::vector<std::string>& spec_warnings, const std::vector<fs::path>& prompt_files,
                   const Reporter& reporter) {
    // Computed before the aggregate: GCC 12 destroys already-built members twice when an
    // initializer of a braced aggregate throws.
    Plan plan = make_plan(spec);
    CueResult cue{spec, std::move(plan), {}, {}, {}, {}, {}, {}, {}, {}};
    reporter.report("plan", 1.0);
    const Style& style = choose_style(styles, spec);
    reporter.check_cancelled();
    cue.style = style.name;
    const MelodyChoice melody = choose_clear_melody(cue.plan, spec, style, known);
    cue.score = compose(cue.plan, spec, style, melody.options);
    reporter.report("compose", 1.0);
    reporter.check_cancelled();
    std::vector<std::string> warnings = spec_warnings;
    warnings.insert(warnings.end(), cue.plan.warnings.begin(), cue.plan.warnings.end());
    if (!melody.check.passed) {
        warnings.push_back("the melody stays close to the known melody " + melody.check.best_id + " (score " +
                           decimal_text(melody.check.score, 3) + ") after " +
                           std::to_string(melody.check.attempts) + " attempts; try another seed");
        reporter.warn(warnings.back());
    } else if (melody.check.attempts > 1) {
        reporter.info("melody regenerated " + std::to_string(melody.check.attempts - 1) +
                      " time(s): too close to a known melody");
    }
    const fs::path data = data_dir_of(options);
    cue.data_files = prompt_files;
    for (const auto& files : {style_data_files(data, style.name), melody_check_data_files(data)})
        cue.data_files.insert(cue.data_files.end(), files.begin(), files.end());
    write_cue(cue, options, folder, warnings, reporter, to_json(melody.check));
    return cue;
}

// Signs and writes provenance.json for the files of one folder and embeds the record in them.
fs::path write_cue_provenance(const CueResult& cue, const GenerateOptions& options, const fs::path& folder,
                              const nlohmann::json& rights, std::vector<fs::path> inputs, const Reporter& reporter) {
    ProvenanceRequest request;
    request.folder = folder;
    request.outputs = cue.files;
    request.spec = to_json(cue.spec);
    request.seed = cue.spec.seed;
    request.style = cue.style;
    request.data_files = cue.data_files;
    request.inputs = std::move(inputs);
    request.rights = rights;
    request.pcm_digests = cue.pcm_digests;
    return write_signed_provenance(std::move(request), options, reporter);
}

// `prompt_files`: the data files read resolving the request (none for a CueSpec given as is).
GenerateResult generate_cues(const CueSpec& spec, const GenerateOptions& options,
                             const std::vector<std::string>& spec_warnings, const std::vector<fs::path>& prompt_files,
                             const Reporter& reporter) {
    validate(spec);
    check_options(spec, options);
    if (options.audio) resolve_soundfont(RenderOptions{.soundfont = options.soundfont});  // fail before composing
    const StyleLibrary styles = load_styles(data_dir_of(options));
    const MelodyIndex known = load_melody_index(melody_index_dirs(data_dir_of(options)));
    StagingDir staging(options.out_dir);

    GenerateResult result;
    for (int k = 1; k <= options.variations; ++k) {
        const fs::path folder =
            options.variations == 1 ? staging.path() : staging.path() / ("v" + std::to_string(k));
        if (options.variations > 1) reporter.info("variation " + std::to_string(k));
        reporter.check_cancelled();
        result.cues.push_back(
            make_cue(variation_spec(spec, k), styles, known, options, folder, spec_warnings, prompt_files, reporter));
    }
    staging.commit();

    result.out_dir = staging.target();
    result.warnings = spec_warnings;
    for (auto& cue : result.cues) {
        for (auto& file : cue.files) file = staging.final_path(file);
        result.files.insert(result.files.end(), cue.files.begin(), cue.files.end());
        for (const auto& w : cue.plan.warnings)
            if (std::find(result.warnings.begin(), result.warnings.end(), w) == result.warnings.end()) {
                result.warnings.push_back(w);
                reporter.warn(w);  // what the plan could not do as asked (hits off the beat, moved sections)
            }
        for (const auto& w : cue.warnings)  // already reported while rendering
            if (std::find(result.warnings.begin(), result.warnings.end(), w) == result.warnings.end())
                result.warnings.push_back(w);
    }
    result.plan = result.cues.front().plan;
    result.score = result.cues.front().score;
    return result;
}

}  // namespace

void write_cue(CueResult& cue, const GenerateOptions& options, const std::filesystem::path& folder,
               const std::vector<std::string>& warnings, const Reporter& reporter, const nlohmann::json& rights) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw OutputError(folder.string(), ec.message());
    cue.files.clear();
    cue.pcm_digests.clear();
    cue.warnings.clear();
    if (options.audio) cue.files = render_audio(cue, options, folder, reporter);
    reporter.check_cancelled();
    write_midi_file(cue.score, folder / "score.mid");
    std::vector<std::string> all_warnings = warnings;
    all_warnings.insert(all_warnings.end(), cue.warnings.begin(), cue.warnings.end());
    nlohmann::json sheet = cue_sheet(cue.spec, cue.plan, cue.score, cue.style, all_warnings);
    sheet["rights"] = {{"melody_check", rights}};
    write_json_file(sheet, folder / "cue.json");
    cue.files.push_back(folder / "score.mid");
    cue.files.push_back(folder / "cue.json");
    reporter.report("export", 1.0);
    cue.files.push_back(write_cue_provenance(cue, options, folder, rights, {}, reporter));
}

fs::path write_signed_provenance(ProvenanceRequest request, const GenerateOptions& options, const Reporter& reporter) {
    if (options.audio) request.soundfont = resolve_soundfont(RenderOptions{.soundfont = options.soundfont});
    request.data_files = existing_data_files(std::move(request.data_files));
    request.inputs.insert(request.inputs.end(), options.inputs.begin(), options.inputs.end());
    request.created_unix = provenance_time();
    const fs::path record = write_provenance(request, load_signing_key(options.signing_key, reporter));
    reporter.report("provenance", 1.0);
    return record;
}

std::vector<std::string> expected_cue_files(const Score& score, const std::vector<std::string>& formats, bool audio,
                                            bool loop) {
    std::vector<std::string> files;
    for (const auto& f : formats) {
        if (!audio || (f != "wav" && f != "flac")) continue;
        files.push_back("mix." + f);
        for (const auto& t : score.tracks) files.push_back("stems/" + t.name + "." + f);
    }
    if (audio && loop) files.push_back("loop.wav");
    files.push_back("score.mid");
    files.push_back("cue.json");
    files.push_back("provenance.json");
    return files;
}

GenerateResult generate(const CueSpec& spec, const GenerateOptions& options, const Reporter& reporter) {
    return generate_cues(spec, options, {}, {}, reporter);
}

GenerateResult generate(const SpecRequest& request, const GenerateOptions& options, const Reporter& reporter) {
    const Resolution resolution = resolve_spec(request, load_lexicon(data_dir_of(options)));
    for (const auto& w : resolution.warnings) reporter.warn(w);
    return generate_cues(resolution.spec, options, resolution.warnings, prompt_data_files(data_dir_of(options)), reporter);
}

GenerateResult render_midi(const std::filesystem::path& midi, const CueSpec& spec, bool use_spec_length,
                           const GenerateOptions& options, const Reporter& reporter) {
    validate(spec);
    check_options(spec, options);
    resolve_soundfont(RenderOptions{.soundfont = options.soundfont});  // fail before reading and rendering
    Score score = read_midi_file(midi, SampleRate(spec.sample_rate));  // before the aggregate (see make_cue)
    CueResult cue{spec, {}, std::move(score), "edited MIDI", {}, {}, {}, {}, {}, {}};
    if (use_spec_length) cue.score.length_samples = to_samples(spec.length, SampleRate(spec.sample_rate));
    reporter.report("read", 1.0);
    StagingDir staging(options.out_dir);
    cue.files = render_audio(cue, options, staging.path(), reporter);
    write_midi_file(cue.score, staging.path() / "score.mid");
    cue.files.push_back(staging.path() / "score.mid");
    cue.files.push_back(write_cue_provenance(cue, options, staging.path(), nullptr, {midi}, reporter));
    staging.commit();

    GenerateResult result;
    result.out_dir = staging.target();
    for (auto& file : cue.files) file = staging.final_path(file);
    result.files = cue.files;
    result.score = cue.score;
    result.warnings = cue.warnings;
    result.cues.push_back(std::move(cue));
    return result;
}

}  // namespace tunesmith
