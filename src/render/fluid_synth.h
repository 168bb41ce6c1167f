// An owning wrapper around one FluidSynth synthesizer with a SoundFont loaded, driven directly
// (no driver, no sequencer, no MIDI file). One instance per thread; it is reset between uses.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "music/score.h"
#include "render/soundfont_file.h"
#include "render/stem_events.h"

namespace tunesmith {

struct SynthConfig {
    SampleRate rate;
    double gain = 0.2;
    int polyphony = 256;
};

// The preset a track asks for, and the one FluidSynth falls back to when the font lacks it.
PresetId preset_of(const Track& track);
PresetId fallback_preset_of(const Track& track);
// Every preset the score's tracks can select (both of the above per track) with the notes sent to
// it, sorted by preset and unique.
std::vector<PresetUse> presets_played(const Score& score);

class FluidSynthInstance {
public:
    // Loads the SoundFont whole (which must exist: a PlayableSoundFont's path). Samples are never
    // loaded lazily: FluidSynth 2.3's dynamic loading reads past the end of unpadded samples.
    FluidSynthInstance(const std::filesystem::path& soundfont, const SynthConfig& config);
    ~FluidSynthInstance();
    FluidSynthInstance(const FluidSynthInstance&) = delete;
    FluidSynthInstance& operator=(const FluidSynthInstance&) = delete;

    double load_seconds() const { return load_seconds_; }

    // Silences every voice and puts the track's channel into `state` (program, controllers, bend),
    // leaving the synth on a block boundary exactly as a fresh one would be.
    void prepare(const Track& track, const ChannelState& state);
    void note_on(int key, int velocity);
    void note_off(int key);
    void control(int controller, int value);
    void bend(int value);
    // Renders `frames` stereo frames. Events sent between renders take effect on the next block
    // boundary (every kSynthBlock frames since prepare()).
    void render(float* left, float* right, int frames);
    int active_voices() const;

private:
    struct Handles;
    std::unique_ptr<Handles> handles_;
    int channel_ = 0;
    int block_phase_ = 0;  // frames rendered since the last block boundary
    double load_seconds_ = 0.0;
};

// Synths loading one SoundFont, made on first use and kept for reuse (prepare() between uses):
// hit layers and accent measurements need synths besides a track's own, and loading one costs
// about 0.1 s with MuseScore General. A reused synth renders what a fresh one would to within
// float rounding (1e-7), so a pool is used in the same order wherever its output must repeat.
class SynthPool {
public:
    SynthPool(std::filesystem::path soundfont, const SynthConfig& config);
    // The i-th synth, loaded when first asked for.
    FluidSynthInstance& at(std::size_t i);

private:
    std::filesystem::path soundfont_;
    SynthConfig config_;
    std::vector<std::unique_ptr<FluidSynthInstance>> synths_;
};

}  // namespace tunesmith
