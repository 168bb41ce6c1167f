// Tests for render/dialogue_duck.cpp: each dialogue range's duck is trimmed so the music inside
// it falls by the target against the music around it, whatever the score thinned there.
#include "render/dialogue_duck.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tunesmith {
namespace {

const SampleRate kRate(8000);
constexpr std::size_t kFrames = 30 * 8000;

// A stem of a steady tone at `level` (linear peak), `inside` times that from 10 s to 20 s: the
// strips' 10 dB duck and what the score thinned together.
FrameStore steady_stem(double level, double inside) {
    FrameStore store(kRate, 2, kFrames);
    AudioBuffer block(kRate, 2, kFrames);
    for (std::size_t i = 0; i < kFrames; ++i) {
        const bool ducked = i >= 10 * 8000 && i < 20 * 8000;
        const double v = (ducked ? inside : 1.0) * level * std::sin(2.0 * 3.14159265 * 220.0 * static_cast<double>(i) / kRate.hz);
        block.channels[0][i] = block.channels[1][i] = static_cast<float>(v);
    }
    store.write(0, block, kFrames);
    return store;
}

double db_of(const FrameStore& store, double from_s, double to_s) {
    AudioBuffer block;
    const auto first = static_cast<std::size_t>(from_s * kRate.hz), last = static_cast<std::size_t>(to_s * kRate.hz);
    store.read(first, last - first, block);
    double energy = 0.0;
    for (float v : block.channels[0]) energy += static_cast<double>(v) * static_cast<double>(v);
    return 10.0 * std::log10(energy / static_cast<double>(last - first));
}

MixSettings dialogue_settings() {
    MixSettings settings;
    settings.duck_ranges = {{Samples(10 * 8000), Samples(20 * 8000)}};
    return settings;
}

// corporate pop lost its drums under dialogue (16 dB down in all); cinematic kept most of its parts
// (9 dB down): after the trim both are 12 dB down.
TEST(DialogueDuck, EveryStyleFallsByTheTarget) {
    const MixSettings settings = dialogue_settings();
    for (double drop_db : {16.0, 9.0, 12.0}) {
        std::vector<FrameStore> stems;
        stems.push_back(steady_stem(0.3, std::pow(10.0, -drop_db / 20.0)));
        const std::vector<std::string> names{"strings"};
        const std::vector<double> trim = dialogue_duck_corrections(stems, settings, kFrames);
        ASSERT_EQ(trim.size(), 1u);
        EXPECT_NEAR(trim[0], drop_db - settings.dialogue_drop_db, 0.05) << drop_db;
        apply_dialogue_duck_corrections(stems, names, settings, trim);
        EXPECT_NEAR(db_of(stems[0], 2.0, 9.0) - db_of(stems[0], 11.0, 19.0), settings.dialogue_drop_db, 0.1) << drop_db;
        EXPECT_NEAR(db_of(stems[0], 22.0, 29.0), db_of(stems[0], 2.0, 9.0), 0.01);  // the music around is unchanged
    }
}

// The trim is one gain for every ducked stem (so the stems still sum to the mix); a stem whose strip
// does not duck is left alone. The duck never turns into a boost or falls past 20 dB.
TEST(DialogueDuck, OneGainForEveryDuckedStemWithinBounds) {
    MixSettings settings = dialogue_settings();
    settings.stems["voiceover"] = StemMix{};
    settings.stems["voiceover"].duck = false;
    std::vector<FrameStore> stems;
    stems.push_back(steady_stem(0.2, std::pow(10.0, -1.0)));
    stems.push_back(steady_stem(0.1, std::pow(10.0, -1.0)));
    stems.push_back(steady_stem(0.1, 1.0));
    const std::vector<std::string> names{"strings", "piano", "voiceover"};
    const std::vector<double> trim = dialogue_duck_corrections(stems, settings, kFrames);
    apply_dialogue_duck_corrections(stems, names, settings, trim);
    const double strings = db_of(stems[0], 11.0, 19.0) - db_of(stems[0], 2.0, 9.0);
    const double piano = db_of(stems[1], 11.0, 19.0) - db_of(stems[1], 2.0, 9.0);
    EXPECT_NEAR(strings, piano, 0.01);
    EXPECT_NEAR(db_of(stems[2], 11.0, 19.0), db_of(stems[2], 2.0, 9.0), 0.01);

    std::vector<FrameStore> silent_inside;
    silent_inside.push_back(steady_stem(0.3, 1e-4));  // -80 dB: the trim stops at no duck at all
    const std::vector<double> bounded = dialogue_duck_corrections(silent_inside, settings, kFrames);
    EXPECT_NEAR(bounded[0], 10.0, 1e-9);
    std::vector<FrameStore> loud_inside;
    loud_inside.push_back(steady_stem(0.3, 2.0));  // louder inside: at most a 20 dB duck
    EXPECT_NEAR(dialogue_duck_corrections(loud_inside, settings, kFrames)[0], -(20.0 - 10.0), 1e-9);
}

TEST(DialogueDuck, NoMusicAroundTheRangeLeavesTheDuckAsItIs) {
    MixSettings settings;
    settings.duck_ranges = {{Samples(0), Samples(kFrames)}};
    std::vector<FrameStore> stems;
    stems.push_back(steady_stem(0.3, 1.0));
    EXPECT_EQ(dialogue_duck_corrections(stems, settings, kFrames)[0], 0.0);
}

}  // namespace
}  // namespace tunesmith
