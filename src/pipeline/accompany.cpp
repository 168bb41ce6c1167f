// accompany_file(): resolve the request, read the vocal, accompany it, then render the
// accompaniment, mix it with the vocal stem, master, and write every file (and the signed
// provenance record) through a StagingDir.
#include "pipeline/accompany.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include "audio/audio_reader.h"
#include "audio/loudness.h"
#include "audio/resample.h"
#include "base/data_dir.h"
#include "base/error.h"
#include "base/text.h"
#include "compose/harmony.h"
#include "compose/style.h"
#include "export/cue_sheet.h"
#include "export/midi_writer.h"
#include "pipeline/data_files.h"
#include "pipeline/staging_dir.h"
#include "render/mix.h"
#include "render/render.h"
#include "render/stem_stores.h"
#include "render/write_outputs.h"
#include "spec/cue_spec_json.h"
#include "spec/lexicon.h"
#include "spec/prompt_parser.h"
#include "spec/validate.h"
#include "spec/value_parsers.h"
#include "base/version.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

constexpr const char* kVocalStem = "vocal";
constexpr double kVocalAboveBandLu = 4.0;  // the voice sits this far above the accompaniment

bool mentions_bpm(const std::vector<WordUse>& words) {
    return std::any_of(words.begin(), words.end(), [](const WordUse& w) {
        std::string text = w.text;
        for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return text.find("bpm") != std::string::npos;
    });
}

// Key, tempo and meter are inferred from the singer unless the request states them: a flag, a
// --spec JSON field, or prompt words (a key, a number of BPM, a meter; not "slow" or a genre's tempo).
AccompanyOptions explicit_options(const SpecRequest& request, const CueSpec& resolved, const Lexicon& lexicon) {
    const PromptReading reading = read_prompt(request.prompt, lexicon);
    const auto json_has = [&](const char* field) { return request.spec_json && request.spec_json->contains(field); };
    AccompanyOptions options;
    if (request.flags.key || reading.patch.key || json_has("key")) options.key = resolved.key;
    if (request.flags.bpm || json_has("bpm") || (reading.patch.bpm && mentions_bpm(reading.used_words)))
        options.bpm = resolved.bpm;
    if (request.flags.time_signature || reading.patch.time_signature || json_has("time_signature"))
        options.meter = resolved.time_signature;
    return options;
}

// What an accompaniment cannot take from a request, said rather than dropped: it is as long as the
// vocal and follows the singer (no hit points, sections, dialogue or ending of a cue), and it plays
// each group as one track, so several players named for a group play that group's style sound.
std::vector<std::string> unused_by_accompany(const SpecRequest& request, const CueSpec& spec, const Lexicon& lexicon) {
    std::vector<std::string> out;
    const bool length_asked = request.flags.length || (request.spec_json && request.spec_json->contains("length_s")) ||
                              read_prompt(request.prompt, lexicon).patch.length;
    if (length_asked)
        out.push_back("length_s: " + seconds_text(spec.length.value) +
                      " is not used: an accompaniment is as long as the vocal");
    const auto unused = [&](const char* field, std::size_t count, const char* what, const char* why) {
        if (count > 0)
            out.push_back(std::string(field) + ": " + std::to_string(count) + " " + what +
                          (count == 1 ? " is" : "s are") + " not used: " + why);
    };
    unused("hits", spec.hits.size(), "hit point", "an accompaniment follows the singer (generate places hits)");
    unused("sections", spec.sections.size(), "section", "the accompaniment's form follows the singer's phrases");
    unused("dialogue", spec.dialogue.size(), "dialogue range", "an accompaniment plays under the vocal throughout");
    if (spec.ending != Ending::cadence)
        out.push_back("ending: '" + std::string(ending_name(spec.ending)) +
                      "' is not used: the accompaniment ends with the singer's last phrase");
    for (const auto& [group, voices] : spec.instruments.voices) {
        if (voices.size() < 2) continue;
        std::string names;
        for (std::size_t i = 0; i < voices.size(); ++i)
            names += (i == 0 ? "" : i + 1 == voices.size() ? " and " : ", ") + voices[i];
        out.push_back("instruments.voices." + group + ": the " + names + " are not separate players in an " +
                      "accompaniment (one track per group): the " + group + " play the style's sound");
    }
    return out;
}

// Without style or mood words, a singer-songwriter backing (folk) rather than the cinematic default.
const Style& accompaniment_style(const StyleLibrary& styles, CueSpec spec) {
    if (spec.style.empty() && spec.mood.empty() && styles.find("folk") != nullptr) spec.style = {"folk"};
    return choose_style(styles, spec);
}

// The vocal as a stereo stem of `frames` frames at `rate`, in a store spilled to `folder`.
FrameStore vocal_store(const AudioBuffer& audio, SampleRate rate, std::size_t frames, const fs::path& folder) {
    const std::vector<float> mono = audio.mono();
    const std::vector<float> converted = audio.rate == rate ? mono : resample(mono, audio.rate, rate);
    FrameStore store(rate, 2, frames, folder);
    AudioBuffer block(rate, 2, kStreamBlock);
    for (std::size_t first = 0; first < frames && first < converted.size(); first += kStreamBlock) {
        const std::size_t n = std::min({kStreamBlock, frames - first, converted.size() - first});
        for (auto& channel : block.channels) std::copy_n(converted.begin() + static_cast<std::ptrdiff_t>(first), n, channel.begin());
        store.write(first, block, n);
    }
    return store;
}

// Channel strips: the accompaniment groups moved together so the band sits kVocalAboveBandLu
// under the voice; the voice gets a high-pass and a little of the shared reverb.
MixSettings accompany_mix(const Accompaniment& a, const std::vector<std::string>& band, double band_lufs,
                          double voice_lufs, int threads) {
    MixSettings mix = mix_settings_for(a.spec, a.score);
    mix.make_loop = false;
    mix.threads = threads;
    const double shift = std::isfinite(band_lufs) && std::isfinite(voice_lufs)
                             ? std::clamp(voice_lufs - kVocalAboveBandLu - band_lufs, -30.0, 30.0) : 0.0;
    for (const std::string& name : band) {
        StemMix strip = default_stem_mix(name);
        strip.gain_db += shift;
        mix.stems[name] = strip;
    }
    StemMix vocal;
    vocal.eq.push_back(EqBand{EqKind::highpass, 80.0, 0.0, 0.7071});
    vocal.reverb_send = 0.12;
    vocal.duck = false;
    mix.stems[kVocalStem] = vocal;
    return mix;
}

// Band and vocal go render -> strips -> master through spilled stores, so memory does not grow
// with the vocal's length (a 19-minute vocal peaked at 4.1 GB when the stems were held in memory).
std::vector<fs::path> render_and_write(AccompanyResult& result, const AccompanyJob& job,
                                       const std::vector<std::string>& formats, const fs::path& folder,
                                       const Reporter& reporter) {
    const Accompaniment& a = result.accompaniment;
    RenderOptions render;
    render.soundfont = job.output.soundfont;
    render.soundfont_cache = job.output.soundfont_cache;
    render.threads = job.output.threads;
    std::vector<FrameStore> stores = render_stem_stores(a.score, render, folder, reporter);
    std::vector<std::string> names;
    for (const Track& track : a.score.tracks) names.push_back(track.name);
    const std::size_t frames = stores.empty() ? static_cast<std::size_t>(a.score.length_samples.value)
                                              : stores.front().frames();
    FrameStore voice = vocal_store(a.vocal, SampleRate(a.spec.sample_rate), frames, folder);
    const double band_lufs = integrated_lufs_of_sum(stores);
    const double voice_lufs = integrated_lufs_of_sum(std::span<const FrameStore>(&voice, 1));
    MixSettings mix = accompany_mix(a, names, band_lufs, voice_lufs, job.output.threads);
    mix.spill_dir = folder;
    names.push_back(kVocalStem);
    stores.push_back(std::move(voice));
    const MixResult mastered = mix_and_master_stores(std::move(names), std::move(stores), mix, reporter);
    result.integrated_lufs = mastered.integrated_lufs;
    result.true_peak_dbtp = mastered.true_peak_dbtp;
    if (auto warning = loudness_shortfall(mastered, mix)) {
        reporter.warn(*warning);
        result.warnings.push_back(std::move(*warning));
    }

    AudioMetadata meta;
    meta.title = a.spec.prompt.empty() ? std::string("tunesmith accompaniment") : a.spec.prompt;
    meta.comment = "accompaniment of " + job.vocal.filename().string() + ", seed " + std::to_string(a.spec.seed) +
                   ", " + a.spec.key.to_string();
    meta.software = std::string("tunesmith ") + tunesmith_version();
    std::vector<fs::path> files;
    for (const std::string& name : formats) {
        if (name != "wav" && name != "flac") continue;
        const AudioFileFormat format = audio_format_from_name(name);
        AudioMetadata m = meta;
        m.title += " (accompaniment)";
        const fs::path path = folder / (std::string("accompaniment.") + file_extension(format));
        write_mix_file(mastered, path, format, m, kVocalStem);
        files.push_back(path);
    }
    const auto written = write_cue_audio(mastered, folder, formats, meta, reporter, job.output.threads);
    files.insert(files.end(), written.begin(), written.end());
    return files;
}

nlohmann::json seconds_range(const TempoMap& tempo, Ticks start, Ticks end) {
    return {{"start_s", tempo.to_seconds(start).value}, {"end_s", tempo.to_seconds(end).value},
            {"start_tick", start.value}, {"end_tick", end.value}};
}

// The signed record of an accompaniment: the vocal as its input, and the data it was made from
// (the prompt's lexicon, the style, the harmony model and the corpus statistics of the singer grid
// and the harmonizer), not generate's melody index, which accompany does not read.
fs::path write_accompany_provenance(const AccompanyResult& result, const AccompanyJob& job, const fs::path& data_dir,
                                    const std::vector<fs::path>& files, const fs::path& folder, const Reporter& reporter) {
    ProvenanceRequest request;
    request.folder = folder;
    request.outputs = files;
    request.spec = to_json(result.accompaniment.spec);
    request.seed = result.accompaniment.spec.seed;
    request.style = result.style;
    for (const auto& list : {prompt_data_files(data_dir), style_data_files(data_dir, result.style),
                             accompany_data_files(data_dir)})
        request.data_files.insert(request.data_files.end(), list.begin(), list.end());
    request.inputs = {job.vocal};
    return write_signed_provenance(std::move(request), job.output, reporter);
}

}  // namespace

nlohmann::json accompany_cue_sheet(const Accompaniment& a, const std::string& style,
                                   const std::vector<std::string>& warnings) {
    nlohmann::json sheet = cue_sheet(a.spec, a.plan, a.score, style, warnings);
    nlohmann::json phrases = nlohmann::json::array();
    for (const TickRange& p : a.phrases) phrases.push_back(seconds_range(a.plan.tempo, p.start, p.end));
    sheet["accompany"] = {
        {"key_source", a.key_source},
        {"tempo_source", a.tempo_source},
        {"bar_shift_beats", a.bar_shift},
        {"tempo_halved", a.halved},
        {"rest_until_s", a.plan.tempo.to_seconds(a.rest_until).value},
        {"chord_source", a.chord_source},
        {"phrases", std::move(phrases)},
        {"vocal", {{"duration_s", a.check.duration_s},
                   {"sung_s", a.check.sung_s},
                   {"notes", a.vocal_track.notes.size()},
                   {"median_note_s", a.check.median_note_s},
                   {"speech_like", a.check.speech_like},
                   {"tuning_cents", a.analysis.notes.tuning_cents}}},
        {"mix_detection", {{"is_mix", a.mix.is_mix},
                           {"partial_share", a.mix.partial_share},
                           {"melody_agreement", a.mix.melody_agreement},
                           {"series_agreement", a.mix.series_agreement},
                           {"quiet_s", a.mix.quiet_s},
                           {"pause_level_db", std::isfinite(a.mix.pause_level_db) ? nlohmann::json(a.mix.pause_level_db)
                                                                                   : nlohmann::json(nullptr)}}}};
    return sheet;
}

AccompanyResult accompany_file(const AccompanyJob& job, const Reporter& reporter) {
    const fs::path data_dir = job.output.data_dir.empty() ? default_data_dir() : job.output.data_dir;
    const Lexicon lexicon = load_lexicon(data_dir);
    Resolution resolution = resolve_spec(job.request, lexicon);
    for (auto& w : unused_by_accompany(job.request, resolution.spec, lexicon))
        resolution.warnings.push_back(std::move(w));
    for (const auto& w : resolution.warnings) reporter.warn(w);
    const std::vector<std::string> formats = job.output.formats.empty() ? resolution.spec.formats : job.output.formats;
    check_output_formats(formats);
    if (job.output.threads < 0) throw InputError("threads", std::to_string(job.output.threads), "0 (all cores) or more");
    AccompanyOptions options = explicit_options(job.request, resolution.spec, lexicon);
    options.chords = parse_chord_list(job.chords);
    options.isolate = job.isolate;
    options.harmony.model = std::make_shared<const HarmonyModel>(load_harmony_model(data_dir));
    options.harmony.rhythm = std::make_shared<const HarmonicRhythm>(load_harmonic_rhythm(data_dir));
    options.sung_onsets = std::make_shared<const SungOnsetProfile>(load_sung_onset_profile(data_dir));
    options.sung_beats.beat_patterns = std::make_shared<const BeatPatterns>(load_beat_patterns(data_dir));
    options.bar_profile = std::make_shared<const MelodyBarProfile>(load_melody_bar_profile(data_dir));
    options.three_four_bar_profile = std::make_shared<const MelodyBarProfile>(load_three_four_bar_profile(data_dir));
    if (job.output.audio) resolve_soundfont(RenderOptions{.soundfont = job.output.soundfont});  // fail before analysing
    const StyleLibrary styles = load_styles(data_dir);
    const Style& style = accompaniment_style(styles, resolution.spec);

    AudioReadOptions read;
    read.max_duration = Seconds(kMaxVocalSeconds);
    const AudioBuffer vocal = read_audio_file(job.vocal, read);
    reporter.report("read", 1.0);
    reporter.check_cancelled();

    AccompanyResult result;
    result.accompaniment = accompany(vocal, resolution.spec, style, options, reporter);
    result.style = style.name;
    result.warnings = resolution.warnings;
    for (const auto& w : result.accompaniment.warnings) {
        reporter.warn(w);
        result.warnings.push_back(w);
    }

    StagingDir staging(job.output.out_dir);
    std::vector<fs::path> files;
    reporter.check_cancelled();
    if (job.output.audio) files = render_and_write(result, job, formats, staging.path(), reporter);
    reporter.check_cancelled();
    Score with_vocal = result.accompaniment.score;
    with_vocal.tracks.push_back(result.accompaniment.vocal_track);
    write_midi_file(with_vocal, staging.path() / "score.mid");
    write_json_file(accompany_cue_sheet(result.accompaniment, style.name, result.warnings), staging.path() / "cue.json");
    files.push_back(staging.path() / "score.mid");
    files.push_back(staging.path() / "cue.json");
    reporter.report("export", 1.0);
    files.push_back(write_accompany_provenance(result, job, data_dir, files, staging.path(), reporter));
    staging.commit();

    result.out_dir = staging.target();
    for (auto& file : files) result.files.push_back(staging.final_path(file));
    return result;
}

}  // namespace tunesmith
