// Mixer DSP blocks: RBJ biquad filters, a Freeverb-style stereo reverb with pre-delay, a
// constant-power pan, and a small deterministic parallel_for. Each block allocates in its
// constructor (prepare) and process() never allocates. Not thread-safe per instance.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "music/units.h"

namespace tunesmith {

enum class EqKind { highpass, lowpass, low_shelf, high_shelf, peak };

struct EqBand {
    EqKind kind = EqKind::peak;
    double freq_hz = 1000.0;
    double gain_db = 0.0;  // shelves and peaks
    double q = 0.7071;
    friend bool operator==(const EqBand&, const EqBand&) = default;
};

// Direct form I biquad with double state (RBJ Audio EQ Cookbook coefficients).
class Biquad {
public:
    Biquad(const EqBand& band, SampleRate rate);
    void process(float* samples, std::size_t count);
    void reset() { x1_ = x2_ = y1_ = y2_ = 0.0; }

private:
    double b0_ = 1, b1_ = 0, b2_ = 0, a1_ = 0, a2_ = 0;
    double x1_ = 0, x2_ = 0, y1_ = 0, y2_ = 0;
};

struct ReverbSettings {
    double room_size = 0.84;  // 0..1, decay
    double damping = 0.35;    // 0..1, high-frequency damping in the tank
    double width = 1.0;       // 0..1 stereo width of the return
    double return_gain = 1.0; // linear gain of the wet return
    Seconds predelay{0.02};
    friend bool operator==(const ReverbSettings&, const ReverbSettings&) = default;
};

// Freeverb topology (8 damped combs + 4 allpasses per side, stereo spread) with delay lengths
// scaled to the sample rate. Linear and time-invariant: reverb(a + b) = reverb(a) + reverb(b),
// which is what lets each stem carry its own share of the shared reverb.
class Reverb {
public:
    Reverb(const ReverbSettings& settings, SampleRate rate);
    // Adds the wet return of the mono input `in` (already scaled by the send) to out_left/out_right.
    // A silent block once the tail has decayed below -160 dBFS costs nothing (most stems are
    // silent for long stretches); the decayed state is then cleared to exact zeros.
    void process_add(const float* in, float* out_left, float* out_right, std::size_t count);

private:
    float state_peak() const;
    void clear_state();

    struct Comb {
        std::vector<float> buffer;
        std::size_t index = 0;
        float store = 0.0f;
    };
    struct Allpass {
        std::vector<float> buffer;
        std::size_t index = 0;
    };
    // Each delay line runs over a whole chunk at a time (the lines are independent, so this is
    // the same arithmetic, in the same order, as stepping all of them per sample, only faster).
    void run_predelay(const float* in, float* delayed, std::size_t count);
    void run_combs(std::vector<Comb>& combs, const float* input, float* sum, std::size_t count) const;
    static void run_allpass(Allpass& a, float* signal, std::size_t count);

    std::vector<Comb> combs_left_, combs_right_;
    std::vector<Allpass> allpass_left_, allpass_right_;
    std::vector<float> predelay_;
    std::size_t predelay_index_ = 0;
    std::vector<float> delayed_, left_, right_;  // per-chunk scratch
    float feedback_ = 0.0f, damp1_ = 0.0f, damp2_ = 0.0f, wet1_ = 0.0f, wet2_ = 0.0f;
    bool idle_ = true;  // every delay line holds zeros: silence in gives silence out
};

// Constant-power pan gains for pan in [-1, 1]; both are 1 at the centre (unity for stereo stems).
struct PanGains {
    float left = 1.0f;
    float right = 1.0f;
};
PanGains pan_gains(double pan);

// Runs body(i) for i in [0, count) on up to `threads` threads (0: hardware). Results must be
// written to per-index slots, so the outcome does not depend on scheduling. Rethrows the first error.
void parallel_for(std::size_t count, int threads, const std::function<void(std::size_t)>& body);

}  // namespace tunesmith
