// write_cue_audio: the file list of a cue (mix, stems, loop) and its parallel encoding.
#include "render/write_outputs.h"

#include <mutex>
#include <system_error>

#include "base/error.h"
#include "render/dsp.h"

namespace tunesmith {
namespace {

struct FileJob {
    std::filesystem::path path;
    const AudioBuffer* audio = nullptr;
    AudioFileFormat format = AudioFileFormat::wav_pcm24;
    std::string title_suffix;
};

void make_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec || !std::filesystem::is_directory(folder))
        throw InputError("output", folder.string(), "a folder that can be created and written (" + ec.message() + ")");
}

}  // namespace

std::vector<std::filesystem::path> write_cue_audio(const MixResult& result, const std::filesystem::path& out_dir,
                                                   const std::vector<std::string>& formats,
                                                   const AudioMetadata& metadata, const Reporter& reporter,
                                                   int threads) {
    std::vector<AudioFileFormat> audio_formats;
    for (const std::string& name : formats)
        if (name == "wav" || name == "flac") audio_formats.push_back(audio_format_from_name(name));
    make_folder(out_dir);
    if (!result.stems.empty() && !audio_formats.empty()) make_folder(out_dir / "stems");

    std::vector<FileJob> jobs;
    for (AudioFileFormat format : audio_formats) {
        const std::string ext = file_extension(format);
        jobs.push_back({out_dir / ("mix." + ext), &result.mix, format, ""});
        for (const Stem& stem : result.stems)
            jobs.push_back({out_dir / "stems" / (stem.name + "." + ext), &stem.audio, format, " (" + stem.name + " stem)"});
    }
    if (!result.loop.empty()) jobs.push_back({out_dir / "loop.wav", &result.loop, AudioFileFormat::wav_pcm24, " (loop)"});

    std::mutex report_mutex;  // Reporter callbacks are made one at a time
    std::size_t done = 0;
    parallel_for(jobs.size(), threads, [&](std::size_t i) {
        AudioMetadata meta = metadata;
        meta.title += jobs[i].title_suffix;
        write_audio_file(jobs[i].path, *jobs[i].audio, jobs[i].format, meta);
        std::lock_guard lock(report_mutex);
        reporter.report("write", static_cast<double>(++done) / static_cast<double>(jobs.size()));
    });
    std::vector<std::filesystem::path> written;
    for (const FileJob& job : jobs) written.push_back(job.path);
    return written;
}

}  // namespace tunesmith
