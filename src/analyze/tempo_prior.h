// A tempo prior learned from a corpus: a probability density over log tempo, tabulated in bins
// (data/analysis/tempo_prior.json, derived by tools/derive_tempo_prior from POP909's beats).
// Pure values; thread-safe.
#pragma once

#include <filesystem>
#include <vector>

namespace tunesmith {

struct TempoPrior {
    double min_bpm = 30.0;              // lower edge of bin 0
    int bins_per_octave = 24;
    std::vector<double> density;        // per octave, one value per bin; empty = no learned prior

    bool empty() const { return density.empty(); }
    // Natural log of the density at a tempo, linearly interpolated between bin centres and
    // held at the edge bins outside the table. Requires !empty().
    double log_density(double bpm) const;
};

// Reads a table written by tools/derive_tempo_prior. Throws InputError when the file is missing
// or malformed (no positive densities, bins_per_octave < 1, min_bpm <= 0).
TempoPrior load_tempo_prior(const std::filesystem::path& file);

}  // namespace tunesmith
