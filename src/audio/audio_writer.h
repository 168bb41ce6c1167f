// Writing audio files (WAV and FLAC, 16/24-bit PCM or 32-bit float WAV) through libsndfile, with
// title/comment/software/date metadata. AudioFileWriter streams blocks (bounded memory);
// write_audio_file writes a whole buffer. Not thread-safe per writer; separate writers are independent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "audio/buffer.h"
#include "music/units.h"

namespace tunesmith {

enum class AudioFileFormat { wav_pcm24, wav_pcm16, wav_float, flac_pcm24, flac_pcm16 };

// Metadata strings; empty ones are not written. The date is the caller's (so output stays
// deterministic: the same inputs give the same bytes).
struct AudioMetadata {
    std::string title;
    std::string comment;
    std::string software = "tunesmith";
    std::string artist;
    std::string date;  // e.g. "2026-11-25"
};

// "wav" -> wav_pcm24, "flac" -> flac_pcm24 (the cue's delivery formats); InputError otherwise.
AudioFileFormat audio_format_from_name(const std::string& name);
const char* file_extension(AudioFileFormat format);  // "wav" or "flac"

class AudioFileWriter {
public:
    // Opens (creates or truncates) `path`. InputError("output", path, ...) if it cannot be written.
    AudioFileWriter(const std::filesystem::path& path, SampleRate rate, std::size_t channels,
                    AudioFileFormat format, const AudioMetadata& metadata);
    ~AudioFileWriter();
    AudioFileWriter(AudioFileWriter&&) noexcept;
    AudioFileWriter& operator=(AudioFileWriter&&) noexcept;
    AudioFileWriter(const AudioFileWriter&) = delete;
    AudioFileWriter& operator=(const AudioFileWriter&) = delete;

    // Appends frames [first, first + count) of a planar buffer with this writer's channel count.
    // Samples outside [-1, 1] are clipped by libsndfile (never wrapped).
    void write(const AudioBuffer& audio, std::size_t first, std::size_t count);
    void write(const AudioBuffer& audio) { write(audio, 0, audio.frames()); }
    // Appends interleaved samples already quantized, at int32 full scale (see pcm24_at_full_scale):
    // written exactly, so their PcmDigest is the file's.
    void write_pcm(const std::int32_t* interleaved, std::size_t frames);
    // Flushes and closes; OutputError if the file could not be finished (a full disk). The
    // destructor closes too, without reporting (it runs while an earlier error unwinds).
    void close();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Writes a whole buffer (creating parent folders is the caller's job).
void write_audio_file(const std::filesystem::path& path, const AudioBuffer& audio, AudioFileFormat format,
                      const AudioMetadata& metadata);

}  // namespace tunesmith
