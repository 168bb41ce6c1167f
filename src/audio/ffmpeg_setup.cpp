// The process-wide FFmpeg settings every reader applies once (audio/ffmpeg_handles.h).
#include <mutex>

#include "audio/ffmpeg_handles.h"

extern "C" {
#include <libavutil/log.h>
}

namespace tunesmith::ffmpeg {

void configure_ffmpeg() {
    static std::once_flag once;
    std::call_once(once, [] {
        av_log_set_level(AV_LOG_QUIET);
        av_max_alloc(512u * 1024u * 1024u);
    });
}

}  // namespace tunesmith::ffmpeg
