// The shared reverb goes idle once its tail has decayed (linearity is tested in limiter_test), so
// silent stretches cost nothing and a later note rings exactly as in a fresh reverb.
#include "render/dsp.h"

#include <gtest/gtest.h>

#include <vector>

namespace tunesmith {
namespace {

constexpr std::size_t kBlock = 4096;

// Runs `input` through `reverb` in blocks; returns the left return.
std::vector<float> run(Reverb& reverb, const std::vector<float>& input) {
    std::vector<float> left(input.size(), 0.0f), right(input.size(), 0.0f);
    for (std::size_t at = 0; at < input.size(); at += kBlock) {
        const std::size_t n = std::min(kBlock, input.size() - at);
        reverb.process_add(input.data() + at, left.data() + at, right.data() + at, n);
    }
    return left;
}

TEST(Reverb, DecayedTailGoesIdleAndALaterNoteRingsAsInAFreshReverb) {
    const SampleRate rate(48000);
    const std::size_t gap = 60 * 48000 / kBlock * kBlock;  // a minute of silence, block aligned
    std::vector<float> input(gap + 2 * kBlock, 0.0f);
    input[0] = 1.0f;
    input[gap] = 1.0f;
    Reverb reverb({}, rate);
    const auto out = run(reverb, input);
    EXPECT_NE(out[5000], 0.0f) << "the first note rings";
    // Long before the second note the tail is exactly zero (idle)...
    for (std::size_t i = gap - 4 * kBlock; i < gap; ++i) ASSERT_EQ(out[i], 0.0f) << i;
    // ...and the second note's response is bit for bit a fresh reverb's.
    Reverb fresh({}, rate);
    std::vector<float> impulse(2 * kBlock, 0.0f);
    impulse[0] = 1.0f;
    const auto reference = run(fresh, impulse);
    for (std::size_t i = 0; i < reference.size(); ++i) ASSERT_EQ(out[gap + i], reference[i]) << i;
}

}  // namespace
}  // namespace tunesmith
