// Reading SoundFont 2/3 files without FluidSynth: the RIFF layout, the preset, instrument and sample
// tables, and one sample's 16-bit points (decoded when compressed). Internal to render/.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tunesmith {

inline constexpr std::size_t kSampleHeaderSize = 46;
inline constexpr std::uint16_t kVorbisSampleFlag = 0x10;  // SF3: the sample is an Ogg Vorbis stream
// The SF2 specification asks for at least 46 zero points after each sample; interpolation may read them.
inline constexpr std::size_t kZeroPointsAfterSample = 46;

// One chunk of the INFO or pdta list, with its bytes.
struct SoundFontChunk {
    std::string id;
    std::vector<unsigned char> data;
};

struct SampleHeader {
    std::array<unsigned char, kSampleHeaderSize> record{};  // as stored (name, rate, pitch, link, type)
    std::uint32_t start = 0, end = 0, loop_start = 0, loop_end = 0;
    std::uint16_t link = 0, type = 0;
    bool compressed() const { return (type & kVorbisSampleFlag) != 0; }
};

// A bank/program pair as FluidSynth selects it (drum kits are bank 128).
struct PresetId {
    int bank = 0;
    int program = 0;
    friend auto operator<=>(const PresetId&, const PresetId&) = default;
};

// The (key, velocity) pairs a preset is played with.
class KeyVelocitySet {
public:
    static KeyVelocitySet all();
    void add(int key, int velocity);
    void add(const KeyVelocitySet& other);
    // True when some pair with key in [key_lo, key_hi] and velocity in [vel_lo, vel_hi] was added.
    bool any_in(int key_lo, int key_hi, int vel_lo, int vel_hi) const;

private:
    std::vector<bool> played_ = std::vector<bool>(128 * 128, false);
};

// A preset and the notes it plays.
struct PresetUse {
    PresetId preset;
    KeyVelocitySet notes;
};

// The tables of a SoundFont, read once; sample data stays in the file and is read per sample.
class SoundFontFile {
public:
    // InputError("soundfont", path, ...) when the file is not a readable, well-formed SoundFont.
    explicit SoundFontFile(const std::filesystem::path& path);

    const std::filesystem::path& path() const { return path_; }
    const std::vector<SoundFontChunk>& info() const { return info_; }
    const std::vector<SoundFontChunk>& pdta() const { return pdta_; }
    const std::vector<SampleHeader>& samples() const { return samples_; }  // without the terminal record
    bool compressed() const { return compressed_; }

    bool has_preset(PresetId preset) const;
    // Indices into samples() of every sample the preset's instruments can play for these notes
    // (stereo partners included), sorted and unique; empty when there is no such preset. A zone
    // counts when one of the notes lies in its own key and velocity range (a superset of what
    // FluidSynth plays, which also applies the ranges of global zones).
    std::vector<std::size_t> samples_of(PresetId preset, const KeyVelocitySet& notes = KeyVelocitySet::all()) const;

    // Sample `index` as 16-bit points: decoded (libsndfile's Vorbis reader, as FluidSynth does) when
    // compressed, read as stored otherwise. Reentrant: each call opens its own stream.
    std::vector<std::int16_t> points(std::size_t index) const;
    // Loop points relative to the sample's first point.
    std::uint32_t relative_loop_start(std::size_t index) const;
    std::uint32_t relative_loop_end(std::size_t index) const;

private:
    std::uint32_t relative_to_start(std::size_t index, std::uint32_t point) const;
    const SoundFontChunk* chunk(const std::string& id) const;
    [[noreturn]] void malformed(const std::string& what) const;

    std::filesystem::path path_;
    std::vector<SoundFontChunk> info_;
    std::vector<SoundFontChunk> pdta_;
    std::vector<SampleHeader> samples_;
    std::uint64_t smpl_offset_ = 0;  // file offset of the sample data
    std::uint64_t smpl_size_ = 0;    // bytes
    bool compressed_ = false;
};

// Little-endian fields of SoundFont records.
std::uint32_t read_u32(const unsigned char* at);
std::uint16_t read_u16(const unsigned char* at);
void put_u32(unsigned char* out, std::uint64_t value);
void put_u16(unsigned char* out, std::uint32_t value);

}  // namespace tunesmith
