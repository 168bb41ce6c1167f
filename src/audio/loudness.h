// Loudness measurement (EBU R128 / ITU BS.1770) over libebur128: integrated loudness, true peak
// and sample peak. One RAII meter; not thread-safe per instance, any number of instances at once.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "audio/buffer.h"
#include "music/units.h"

namespace tunesmith {

struct LoudnessReading {
    double integrated_lufs = 0.0;   // -infinity for silence (or anything shorter than one 400 ms block)
    double true_peak_dbtp = 0.0;    // max over channels, 4x oversampled (libebur128); -infinity for silence
    double sample_peak_dbfs = 0.0;  // max |sample| over channels; -infinity for silence
};

// Streaming meter: feed frames in any block size, read results at any time.
class LoudnessMeter {
public:
    // channels >= 1, rate > 0; true_peak adds libebur128's oversampled peak measurement.
    LoudnessMeter(SampleRate rate, std::size_t channels, bool true_peak = true);
    ~LoudnessMeter();
    LoudnessMeter(LoudnessMeter&&) noexcept;
    LoudnessMeter& operator=(LoudnessMeter&&) noexcept;
    LoudnessMeter(const LoudnessMeter&) = delete;
    LoudnessMeter& operator=(const LoudnessMeter&) = delete;

    // Frames [first, first + count) of a planar buffer with this meter's channel count.
    void add(const AudioBuffer& audio, std::size_t first, std::size_t count);
    void add(const AudioBuffer& audio) { add(audio, 0, audio.frames()); }
    // Interleaved frames.
    void add_interleaved(std::span<const float> frames);

    double integrated_lufs() const;
    // Integrated loudness over the gating blocks of several meters together (a meter's blocks are
    // the 400 ms windows every 100 ms from its first frame): meters fed consecutive parts of one
    // signal, each started three 100 ms hops before its part, tile exactly the blocks of one meter
    // fed the whole signal, so parts can be measured in parallel.
    static double integrated_lufs_of(std::span<const LoudnessMeter> meters);
    double true_peak_dbtp() const;
    double sample_peak_dbfs() const;
    LoudnessReading reading() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// One-shot measurement of a whole buffer (empty or silent buffers give -infinity values).
LoudnessReading measure_loudness(const AudioBuffer& audio, bool true_peak = true);

// Integrated loudness only (cheaper: no true-peak oversampling).
double integrated_loudness(const AudioBuffer& audio);

}  // namespace tunesmith
