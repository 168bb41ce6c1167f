// write_cue_audio: the file list of a cue (mix, stems, loop) and its parallel encoding, each file
// streamed block by block from the mastered result (memory does not grow with the length).
#include "render/write_outputs.h"

#include <algorithm>
#include <mutex>
#include <string_view>
#include <system_error>

#include "base/error.h"
#include "audio/pcm_digest.h"
#include "render/dsp.h"

namespace tunesmith {
namespace {

enum class Signal { mix, stem, loop };

// One signal and the files it goes to (one per format): it is read, quantized and hashed once.
struct SignalJob {
    Signal signal = Signal::mix;
    std::size_t stem = 0;
    std::vector<std::filesystem::path> paths;
    std::vector<AudioFileFormat> formats;
    std::string title_suffix;
};

// Writes the signal to every file of the job; returns the PcmDigest of its samples.
std::string write_signal(const MixResult& result, const SignalJob& job, const AudioMetadata& metadata,
                         std::string_view excluded = {}) {
    std::vector<AudioFileWriter> writers;
    for (std::size_t f = 0; f < job.paths.size(); ++f)
        writers.emplace_back(job.paths[f], result.rate, 2, job.formats[f], metadata);
    PcmDigest digest(result.rate, 2);
    AudioBuffer block;
    std::vector<std::int32_t> pcm(2 * kStreamBlock);
    for (std::size_t first = 0; first < result.length; first += kStreamBlock) {
        const std::size_t n = std::min(kStreamBlock, result.length - first);
        switch (job.signal) {
            case Signal::mix: result.read_mix(first, n, block, excluded); break;
            case Signal::stem: result.read_stem(job.stem, first, n, block); break;
            case Signal::loop: result.loop_signal.read(first, n, block); break;
        }
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t c = 0; c < 2; ++c) pcm[2 * i + c] = pcm24_at_full_scale(block.channels[c][i]);
        digest.add(pcm.data(), 2 * n);
        for (AudioFileWriter& writer : writers) writer.write_pcm(pcm.data(), n);
    }
    for (AudioFileWriter& writer : writers) writer.close();
    return digest.hex();
}

void make_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec || !std::filesystem::is_directory(folder))
        throw OutputError(folder.string(), ec ? ec.message() : std::string("a file is in the way of the folder"));
}

}  // namespace

std::vector<std::filesystem::path> write_cue_audio(const MixResult& result, const std::filesystem::path& out_dir,
                                                   const std::vector<std::string>& formats,
                                                   const AudioMetadata& metadata, const Reporter& reporter,
                                                   int threads, PcmDigests* digests) {
    std::vector<AudioFileFormat> audio_formats;
    for (const std::string& name : formats)
        if (name == "wav" || name == "flac") audio_formats.push_back(audio_format_from_name(name));
    make_folder(out_dir);
    if (!result.processed.empty() && !audio_formats.empty()) make_folder(out_dir / "stems");

    std::vector<SignalJob> jobs;
    auto add_job = [&](Signal signal, std::size_t stem, const std::filesystem::path& folder, const std::string& name,
                       const std::string& suffix) {
        SignalJob job{signal, stem, {}, {}, suffix};
        for (AudioFileFormat format : audio_formats) {
            job.paths.push_back(folder / (name + "." + file_extension(format)));
            job.formats.push_back(format);
        }
        if (!job.paths.empty()) jobs.push_back(std::move(job));
    };
    add_job(Signal::mix, 0, out_dir, "mix", "");
    for (std::size_t s = 0; s < result.stem_names.size(); ++s)
        add_job(Signal::stem, s, out_dir / "stems", result.stem_names[s], " (" + result.stem_names[s] + " stem)");
    if (!result.loop_signal.empty())
        jobs.push_back(SignalJob{Signal::loop, 0, {out_dir / "loop.wav"}, {AudioFileFormat::wav_pcm24}, " (loop)"});

    std::vector<std::string> job_digests(jobs.size());
    std::mutex report_mutex;  // Reporter callbacks are made one at a time
    std::size_t done = 0;
    parallel_for(jobs.size(), threads, [&](std::size_t i) {
        AudioMetadata meta = metadata;
        meta.title += jobs[i].title_suffix;
        job_digests[i] = write_signal(result, jobs[i], meta);
        std::lock_guard lock(report_mutex);
        reporter.report("write", static_cast<double>(++done) / static_cast<double>(jobs.size()));
    });
    // In a fixed order: every format of the mix, then of each stem, then the loop.
    std::vector<std::filesystem::path> written;
    for (std::size_t f = 0; f < audio_formats.size(); ++f)
        for (const SignalJob& job : jobs)
            if (job.signal != Signal::loop) written.push_back(job.paths[f]);
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        if (jobs[j].signal == Signal::loop) written.push_back(jobs[j].paths.front());
        if (digests != nullptr)
            for (const auto& path : jobs[j].paths) (*digests)[path] = job_digests[j];
    }
    return written;
}

std::string write_mix_file(const MixResult& result, const std::filesystem::path& path, AudioFileFormat format,
                           const AudioMetadata& metadata, std::string_view excluded_stem) {
    return write_signal(result, SignalJob{Signal::mix, 0, {path}, {format}, ""}, metadata, excluded_stem);
}

}  // namespace tunesmith
