// Tests for src/video/dialogue.cpp: real read speech placed in quiet noise is found where it is,
// and noise, a sustained tone and silence give no dialogue.
#include "video/dialogue.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "audio/audio_reader.h"
#include "base/random.h"

namespace tunesmith {
namespace {

constexpr int kRate = 48000;

AudioBuffer noise_bed(double seconds, double level, std::uint64_t seed, int rate = kRate) {
    AudioBuffer audio(SampleRate(rate), 1, static_cast<std::size_t>(seconds * rate));
    Rng rng(seed);
    for (float& x : audio.channels[0]) x = static_cast<float>(level * rng.uniform(-1.0, 1.0));
    return audio;
}

double overlap(const std::vector<TimeRange>& ranges, double from, double to) {
    double total = 0.0;
    for (const auto& r : ranges) total += std::max(0.0, std::min(r.end.value, to) - std::max(r.start.value, from));
    return total;
}

TEST(Dialogue, SilenceNoiseAndToneAreNotSpeech) {
    EXPECT_TRUE(detect_dialogue(AudioBuffer(SampleRate(kRate), 2, kRate * 5)).empty());
    EXPECT_TRUE(detect_dialogue(noise_bed(6.0, 0.3, 1)).empty());
    AudioBuffer tone(SampleRate(kRate), 1, kRate * 6);
    for (std::size_t i = 0; i < tone.frames(); ++i) {
        const double t = static_cast<double>(i) / kRate;
        tone.channels[0][i] = static_cast<float>(0.2 * std::sin(2 * M_PI * 220 * t) + 0.1 * std::sin(2 * M_PI * 440 * t));
    }
    EXPECT_TRUE(detect_dialogue(tone).empty());
}

TEST(Dialogue, ReadSpeechIsFoundWhereItWasPlaced) {
    const std::filesystem::path speech_file = std::filesystem::path(TUNESMITH_SHARED_DATA_DIR) / "audio/speech2.ogg";
    if (!std::filesystem::exists(speech_file)) GTEST_SKIP() << "../shared/data/audio/speech2.ogg is absent";
    const AudioBuffer speech = read_audio_file(speech_file);
    const std::vector<float> voice = speech.mono();
    const int rate = speech.rate.hz;
    const double speech_seconds = static_cast<double>(voice.size()) / rate;
    const double start = 3.0;
    AudioBuffer scene = noise_bed(start + speech_seconds + 4.0, 0.003, 2, rate);
    const auto offset = static_cast<std::size_t>(start * rate);
    for (std::size_t i = 0; i < voice.size(); ++i) scene.channels[0][offset + i] += voice[i];

    const auto ranges = detect_dialogue(scene);
    ASSERT_FALSE(ranges.empty());
    const double inside = overlap(ranges, start, start + speech_seconds);
    const double outside = overlap(ranges, 0.0, start) + overlap(ranges, start + speech_seconds, 1e9);
    EXPECT_GT(inside / speech_seconds, 0.8) << "speech covered";
    EXPECT_LT(outside, 0.5) << "seconds marked outside the speech";
    EXPECT_NEAR(ranges.front().start.value, start, 0.6);
    EXPECT_NEAR(dialogue_coverage(ranges, Seconds(1e9)), 0.0, 1e-6);
}

}  // namespace
}  // namespace tunesmith
