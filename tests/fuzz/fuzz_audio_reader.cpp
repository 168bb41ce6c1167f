// libFuzzer target for the audio decoding path (libsndfile and FFmpeg behind decode_audio_bytes).
// Any input must either decode or throw InputError; crashes, leaks and other exceptions are bugs.
#include <cstddef>
#include <cstdint>

#include "audio/audio_reader.h"
#include "base/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    tunesmith::AudioReadOptions options;
    options.max_duration = tunesmith::Seconds(60.0);  // keeps each input's memory bounded
    try {
        (void)tunesmith::decode_audio_bytes({data, size}, options);
    } catch (const tunesmith::InputError&) {
        // Refusing bad input is the expected outcome.
    }
    return 0;
}
