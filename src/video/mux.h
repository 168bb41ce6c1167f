// Muxing new audio into a video with FFmpeg's libraries: the video stream's packets are copied
// unchanged (no re-encode) and each audio track is encoded as AAC, starting at the video's first
// frame. Also the soundtrack mix (original audio with the music under it). Reentrant.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "audio/buffer.h"
#include "video/decoder.h"

namespace tunesmith {

struct MuxTrack {
    AudioBuffer audio;  // stereo (mono is duplicated); any rate the AAC encoder accepts
    std::string title;  // stream title metadata
    bool default_track = false;
};

struct MuxOptions {
    std::int64_t aac_bit_rate = 192000;
};

// The output file name for a video: "scored.mp4" when MP4 can carry its video codec, else "scored.mkv".
std::string scored_video_name(const VideoInfo& info);

// Writes `out` (container chosen from its extension): the video stream of `video` copied packet
// for packet, then `tracks` as AAC. InputError("video file", ...) if the input cannot be read,
// InputError("output", ...) if `out` cannot be written or the container cannot hold the codec.
void mux_audio_into_video(const std::filesystem::path& video, const std::vector<MuxTrack>& tracks,
                          const std::filesystem::path& out, const MuxOptions& options = {});

// The second soundtrack: the original audio (resampled to the music's rate, cut or padded to its
// length) with the music under it, `music_below_lu` LU quieter than the original's integrated
// loudness (the music's own ducking under dialogue is kept). One gain keeps the peak below 0 dBFS.
AudioBuffer mix_music_under_original(const AudioBuffer& music, const AudioBuffer& original, double music_below_lu = 6.0);

}  // namespace tunesmith
