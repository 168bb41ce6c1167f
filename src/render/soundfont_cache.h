// Compressed SoundFonts (SF3: Ogg Vorbis samples) decoded once and kept as SF2, so that a render
// reads PCM instead of decoding every preset's samples again in each stem's synth and each run.
// Thread contract: functions are reentrant; concurrent processes may fill the same cache safely
// (each writes its own temporary file and renames it into place).
#pragma once

#include <filesystem>

#include "base/progress.h"

namespace tunesmith {

// $XDG_CACHE_HOME/tunesmith/soundfonts, else $HOME/.cache/tunesmith/soundfonts; empty if neither is set.
std::filesystem::path default_soundfont_cache();

// True when the file is an SF3 (format version 3, compressed samples).
bool is_compressed_soundfont(const std::filesystem::path& soundfont);

// Writes `sf2` with the same presets, instruments and sample headers as `soundfont` and its samples
// decoded to 16-bit PCM exactly as FluidSynth decodes them (libsndfile's Vorbis reader), each
// followed by the 46 zero points the SF2 specification asks for. InputError("soundfont", ...) if
// the file is not a well-formed SoundFont. `threads` decode in parallel (0: all cores).
void write_decoded_soundfont(const std::filesystem::path& soundfont, const std::filesystem::path& sf2, int threads);

// The file FluidSynth should load: `soundfont` itself when it is not compressed (or `cache_dir` is
// empty); else its decoded copy in `cache_dir`, named by the font's SHA-256, made now if missing
// (progress stage "soundfont"). If the cache folder cannot be written, the copy goes to the system's
// temporary folder under the same name, so a render's bytes never depend on whether caching worked.
std::filesystem::path playable_soundfont(const std::filesystem::path& soundfont, const std::filesystem::path& cache_dir,
                                         int threads, const Reporter& reporter = {});

}  // namespace tunesmith
