// Tests for analyze/tempo_prior: the committed POP909 table loads and prefers ballad tempi to
// their doubles, interpolation, and refusal of missing or malformed tables.
#include "analyze/tempo_prior.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "base/error.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

TEST(TempoPrior, CommittedTableLoadsAndPrefersBalladTempi) {
    const fs::path file = fs::path(TUNESMITH_SOURCE_DIR) / "data" / "analysis" / "tempo_prior.json";
    if (!fs::exists(file)) GTEST_SKIP() << file << " is absent";
    const TempoPrior prior = load_tempo_prior(file);
    ASSERT_FALSE(prior.empty());
    // POP909's tempi cluster at 60-70 bpm: a tracked 124 bpm is more likely a doubled 62.
    EXPECT_GT(prior.log_density(62.0), prior.log_density(124.0));
    EXPECT_GT(prior.log_density(65.0), prior.log_density(200.0) + 2.0);
}

TEST(TempoPrior, InterpolatesBetweenBinCentres) {
    TempoPrior prior;
    prior.min_bpm = 60.0;
    prior.bins_per_octave = 1;
    prior.density = {1.0, 3.0};
    // Bin 0 centred at 60 * 2^0.5, bin 1 at 60 * 2^1.5; half way (in log tempo) is 120.
    EXPECT_NEAR(prior.log_density(120.0), std::log(2.0), 1e-9);
    EXPECT_NEAR(prior.log_density(10.0), std::log(1.0), 1e-9);   // held below the table
    EXPECT_NEAR(prior.log_density(1000.0), std::log(3.0), 1e-9);  // and above it
}

TEST(TempoPrior, MissingOrMalformedTablesAreRefused) {
    const fs::path dir = fs::temp_directory_path() / "tunesmith_tempo_prior_test";
    fs::create_directories(dir);
    EXPECT_THROW(load_tempo_prior(dir / "absent.json"), InputError);
    const auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return dir / name;
    };
    EXPECT_THROW(load_tempo_prior(write("bad.json", "{not json")), InputError);
    EXPECT_THROW(load_tempo_prior(write("fields.json", R"({"min_bpm": 30})")), InputError);
    EXPECT_THROW(load_tempo_prior(write("zero.json", R"({"min_bpm": 30, "bins_per_octave": 24, "density_per_octave": [0, 0]})")),
                 InputError);
    EXPECT_NO_THROW(load_tempo_prior(write("ok.json", R"({"min_bpm": 30, "bins_per_octave": 24, "density_per_octave": [0.5, 1]})")));
    fs::remove_all(dir);
}

}  // namespace
}  // namespace tunesmith
