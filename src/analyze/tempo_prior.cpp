// The learned tempo prior: JSON loading with validation, and interpolated log-density lookup.
#include "analyze/tempo_prior.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <nlohmann/json.hpp>

#include "base/error.h"

namespace tunesmith {

double TempoPrior::log_density(double bpm) const {
    if (density.empty()) throw std::logic_error("TempoPrior::log_density on an empty prior");
    // Bin i covers [i, i + 1) in units of 1 / bins_per_octave above min_bpm; its centre is i + 0.5.
    const double x = std::log2(std::max(bpm, 1e-6) / min_bpm) * bins_per_octave - 0.5;
    const double last = static_cast<double>(density.size() - 1);
    const double clamped = std::clamp(x, 0.0, last);
    const auto i = static_cast<std::size_t>(std::min(std::floor(clamped), std::max(0.0, last - 1.0)));
    const double frac = density.size() > 1 ? clamped - static_cast<double>(i) : 0.0;
    const double value = density[i] * (1.0 - frac) + (density.size() > 1 ? density[i + 1] * frac : 0.0);
    return std::log(std::max(value, 1e-9));
}

TempoPrior load_tempo_prior(const std::filesystem::path& file) {
    const std::string accepted = "a tempo prior table written by tools/derive_tempo_prior";
    std::ifstream in(file);
    if (!in) throw InputError("tempo prior", file.string(), accepted);
    nlohmann::json j;
    try {
        in >> j;
    } catch (const nlohmann::json::exception&) {
        throw InputError("tempo prior", file.string(), accepted + " (valid JSON)");
    }
    TempoPrior prior;
    try {
        prior.min_bpm = j.at("min_bpm").get<double>();
        prior.bins_per_octave = j.at("bins_per_octave").get<int>();
        prior.density = j.at("density_per_octave").get<std::vector<double>>();
    } catch (const nlohmann::json::exception&) {
        throw InputError("tempo prior", file.string(), accepted + " (min_bpm, bins_per_octave, density_per_octave)");
    }
    const bool positive = std::any_of(prior.density.begin(), prior.density.end(), [](double d) { return d > 0.0; });
    const bool finite = std::all_of(prior.density.begin(), prior.density.end(), [](double d) { return std::isfinite(d) && d >= 0.0; });
    if (!positive || !finite || prior.bins_per_octave < 1 || !(prior.min_bpm > 0.0))
        throw InputError("tempo prior", file.string(), accepted + " (positive densities, bins_per_octave >= 1, min_bpm > 0)");
    return prior;
}

}  // namespace tunesmith
