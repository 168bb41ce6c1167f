// The SoundFont a render's synths load: the user's font reduced to the presets the score plays,
// written as a temporary SF2 whose samples are 16-bit PCM padded with zeros. FluidSynth loads it
// whole, so no synth decodes or lazily loads samples (FluidSynth 2.3's dynamic sample loading reads
// past the end of unpadded samples, which made bytes depend on heap contents). Compressed fonts
// (SF3) can also be decoded once into a cache, so a render only copies PCM.
// Thread contract: functions are reentrant; concurrent processes may fill the same cache safely
// (each writes its own temporary file and renames it into place).
#pragma once

#include <filesystem>
#include <utility>
#include <vector>

#include "base/progress.h"
#include "render/soundfont_file.h"

namespace tunesmith {

// $XDG_CACHE_HOME/tunesmith/soundfonts, else $HOME/.cache/tunesmith/soundfonts; empty if neither is set.
std::filesystem::path default_soundfont_cache();

// True when the file is an SF3 (format version 3, compressed samples).
bool is_compressed_soundfont(const std::filesystem::path& soundfont);

// Writes `sf2` with the same presets, instruments and sample headers as `soundfont` and its samples
// decoded to 16-bit PCM exactly as FluidSynth decodes them (libsndfile's Vorbis reader), each
// followed by the 46 zero points the SF2 specification asks for. InputError("soundfont", ...) if
// the file is not a well-formed SoundFont; OutputError naming `sf2` and the reason if it cannot be
// written (a full disk). `threads` decode in parallel (0: all cores).
void write_decoded_soundfont(const std::filesystem::path& soundfont, const std::filesystem::path& sf2, int threads);

// `soundfont` itself when it is not compressed (or `cache_dir` is empty); else its decoded copy in
// `cache_dir`, named by the font's SHA-256, made now if missing (progress stage "soundfont"). If the
// cache folder cannot be written, the copy goes to the system's temporary folder under the same name.
std::filesystem::path decoded_soundfont(const std::filesystem::path& soundfont, const std::filesystem::path& cache_dir,
                                        int threads, const Reporter& reporter = {});

// Writes `sf2` with every preset, instrument and sample header of `soundfont`, but sample data only
// for the samples `presets` can play with their notes (decoded when compressed, each followed by 46 zero points);
// every other sample header points at a short silent span. The bytes depend only on the font's
// samples and the preset set: a compressed font and its decoded copy give the same file.
void write_soundfont_subset(const SoundFontFile& soundfont, const std::vector<PresetUse>& presets,
                            const std::filesystem::path& sf2, int threads);

// A temporary SF2 for one render (write_soundfont_subset of the presets it plays); removed when
// this object is destroyed. Movable, not copyable.
class PlayableSoundFont {
public:
    explicit PlayableSoundFont(std::filesystem::path path) : path_(std::move(path)) {}
    PlayableSoundFont(PlayableSoundFont&& other) noexcept : path_(std::exchange(other.path_, {})) {}
    PlayableSoundFont& operator=(PlayableSoundFont&& other) noexcept;
    PlayableSoundFont(const PlayableSoundFont&) = delete;
    PlayableSoundFont& operator=(const PlayableSoundFont&) = delete;
    ~PlayableSoundFont();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// The playable subset of `soundfont` for `presets`, read from its decoded copy in `cache_dir` when
// the font is compressed and a cache is given (decoded_soundfont), else from the font itself.
PlayableSoundFont make_playable_soundfont(const std::filesystem::path& soundfont, const std::vector<PresetUse>& presets,
                                          const std::filesystem::path& cache_dir, int threads,
                                          const Reporter& reporter = {});

}  // namespace tunesmith
