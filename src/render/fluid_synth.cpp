// FluidSynthInstance: settings + synth handles with deleters, SoundFont loading and the reset
// that makes a reused synth render exactly like a fresh one (all voices cleared, controllers set).
#include "render/fluid_synth.h"

#include <fluidsynth.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace tunesmith {
namespace {

struct SettingsDeleter {
    void operator()(fluid_settings_t* s) const { delete_fluid_settings(s); }
};
struct SynthDeleter {
    void operator()(fluid_synth_t* s) const { delete_fluid_synth(s); }
};

// FluidSynth's process-wide setup, done once before any synth of ours exists:
// - The library never prints: FluidSynth's default log handlers write to stderr, so silence them.
// - FluidSynth 2.3 marks itself initialised *before* it fills its shared tables (the default
//   modulators: velocity, pan, expression, pitch bend), so a synth created on another thread at
//   the same moment could play with zeroed modulators, and the bytes of a render depended on
//   thread timing. Creating one synth here, alone, completes that setup first.
void initialise_fluidsynth() {
    static std::once_flag once;
    std::call_once(once, [] {
        for (int level : {FLUID_PANIC, FLUID_ERR, FLUID_WARN, FLUID_INFO, FLUID_DBG})
            fluid_set_log_function(level, nullptr, nullptr);
        std::unique_ptr<fluid_settings_t, SettingsDeleter> settings(new_fluid_settings());
        if (settings) std::unique_ptr<fluid_synth_t, SynthDeleter> first(new_fluid_synth(settings.get()));
    });
}

constexpr int kDrumChannel = 9;
constexpr int kDrumBank = 128;

}  // namespace

PresetId preset_of(const Track& track) {
    return {track.drums ? (track.bank > 0 ? track.bank : kDrumBank) : track.bank, track.program};
}

PresetId fallback_preset_of(const Track& track) {
    return {track.drums ? kDrumBank : 0, track.drums ? 0 : track.program};
}

std::vector<PresetUse> presets_played(const Score& score) {
    std::map<PresetId, KeyVelocitySet> uses;
    for (const Track& track : score.tracks) {
        KeyVelocitySet notes;
        for (const Note& note : track.notes) notes.add(note.pitch, synth_velocity(note));  // as track_events sends it
        uses[preset_of(track)].add(notes);
        uses[fallback_preset_of(track)].add(notes);
    }
    std::vector<PresetUse> out;
    for (auto& [preset, notes] : uses) out.push_back({preset, std::move(notes)});
    return out;
}

struct FluidSynthInstance::Handles {
    std::unique_ptr<fluid_settings_t, SettingsDeleter> settings;
    std::unique_ptr<fluid_synth_t, SynthDeleter> synth;
    int sfont_id = -1;
    std::vector<float> scratch_left = std::vector<float>(kSynthBlock);
    std::vector<float> scratch_right = std::vector<float>(kSynthBlock);
};

FluidSynthInstance::FluidSynthInstance(const std::filesystem::path& soundfont, const SynthConfig& config)
    : handles_(std::make_unique<Handles>()) {
    initialise_fluidsynth();
    handles_->settings.reset(new_fluid_settings());
    fluid_settings_t* s = handles_->settings.get();
    if (s == nullptr) throw std::runtime_error("FluidSynth: cannot create settings");
    fluid_settings_setnum(s, "synth.sample-rate", static_cast<double>(config.rate.hz));
    fluid_settings_setnum(s, "synth.gain", config.gain);
    fluid_settings_setint(s, "synth.polyphony", config.polyphony);
    // Stems are dry: the mixer adds one shared reverb, so FluidSynth's effects stay off.
    fluid_settings_setint(s, "synth.reverb.active", 0);
    fluid_settings_setint(s, "synth.chorus.active", 0);
    fluid_settings_setint(s, "synth.cpu-cores", 1);
    fluid_settings_setint(s, "synth.threadsafe-api", 0);
    // Zero so a note-off lands where the score says (and windowed renders match one-pass ones).
    fluid_settings_setint(s, "synth.min-note-length", 0);
    fluid_settings_setint(s, "synth.dynamic-sample-loading", 0);
    fluid_settings_setint(s, "synth.lock-memory", 0);  // offline rendering: pinning the samples in RAM buys nothing
    handles_->synth.reset(new_fluid_synth(s));
    if (!handles_->synth) throw std::runtime_error("FluidSynth: cannot create synth");
    const auto t0 = std::chrono::steady_clock::now();
    handles_->sfont_id = fluid_synth_sfload(handles_->synth.get(), soundfont.c_str(), 0);
    load_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (handles_->sfont_id == FLUID_FAILED)
        throw std::runtime_error("FluidSynth: cannot load SoundFont " + soundfont.string());
}

FluidSynthInstance::~FluidSynthInstance() = default;

void FluidSynthInstance::prepare(const Track& track, const ChannelState& state) {
    fluid_synth_t* synth = handles_->synth.get();
    // FluidSynth renders whole blocks and hands out the rest of one on the next call; after a
    // render that ended inside a block, finish that block first, so what follows starts on one.
    if (block_phase_ != 0) {
        const int rest = static_cast<int>(kSynthBlock) - block_phase_;
        fluid_synth_write_float(synth, rest, handles_->scratch_left.data(), 0, 1, handles_->scratch_right.data(), 0, 1);
        block_phase_ = 0;
    }
    for (int c = 0; c < 16; ++c) fluid_synth_all_sounds_off(synth, c);
    channel_ = track.drums ? kDrumChannel : 0;
    fluid_synth_cc(synth, channel_, 121, 0);  // reset all controllers (expression, sustain, bend...)
    fluid_synth_cc(synth, channel_, 7, 100);
    fluid_synth_cc(synth, channel_, 10, 64);
    fluid_synth_pitch_bend(synth, channel_, 8192);
    const PresetId wanted = preset_of(track);
    if (fluid_synth_program_select(synth, channel_, handles_->sfont_id, wanted.bank, wanted.program) == FLUID_FAILED) {
        const PresetId fallback = fallback_preset_of(track);
        fluid_synth_program_select(synth, channel_, handles_->sfont_id, fallback.bank, fallback.program);
    }
    for (int cc = 0; cc < 128; ++cc) {
        const int value = state.controllers[static_cast<std::size_t>(cc)];
        if (value >= 0 && cc != 121) fluid_synth_cc(synth, channel_, cc, value);
    }
    fluid_synth_pitch_bend(synth, channel_, state.bend + 8192);
    // One silent block lets FluidSynth retire the voices switched off above, so voice allocation
    // (and therefore summation order) starts exactly as in a fresh synth.
    fluid_synth_write_float(synth, kSynthBlock, handles_->scratch_left.data(), 0, 1,
                            handles_->scratch_right.data(), 0, 1);
}

void FluidSynthInstance::note_on(int key, int velocity) {
    fluid_synth_noteon(handles_->synth.get(), channel_, key, velocity);
}
void FluidSynthInstance::note_off(int key) { fluid_synth_noteoff(handles_->synth.get(), channel_, key); }
void FluidSynthInstance::control(int controller, int value) {
    fluid_synth_cc(handles_->synth.get(), channel_, controller, value);
}
void FluidSynthInstance::bend(int value) { fluid_synth_pitch_bend(handles_->synth.get(), channel_, value + 8192); }

void FluidSynthInstance::render(float* left, float* right, int frames) {
    if (frames <= 0) return;
    fluid_synth_write_float(handles_->synth.get(), frames, left, 0, 1, right, 0, 1);
    block_phase_ = static_cast<int>((block_phase_ + frames) % kSynthBlock);
}

SynthPool::SynthPool(std::filesystem::path soundfont, const SynthConfig& config)
    : soundfont_(std::move(soundfont)), config_(config) {}

FluidSynthInstance& SynthPool::at(std::size_t i) {
    if (synths_.size() <= i) synths_.resize(i + 1);
    if (!synths_[i]) synths_[i] = std::make_unique<FluidSynthInstance>(soundfont_, config_);
    return *synths_[i];
}

int FluidSynthInstance::active_voices() const { return fluid_synth_get_active_voice_count(handles_->synth.get()); }

}  // namespace tunesmith
