// Tests for src/video/cut_confirmation.cpp: the catch-all test drops a model's fade where no two shots
// meet, but a dip that stands on its own fit stays, however much its shots change by themselves.
#include "video/cut_confirmation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace tunesmith {
namespace {

// A picture that is new every frame (`seed`), with the contrast of busy content (an automaton, TV
// static): no motion relates one frame to the next, so each shot changes as much as a cut by itself.
std::vector<double> busy(int seed) {
    std::vector<double> p(Thumbnails::kSize);
    for (std::size_t i = 0; i < p.size(); ++i) {
        const unsigned hash = static_cast<unsigned>(i) * 2654435761u ^ static_cast<unsigned>(seed) * 40503u * 2246822519u;
        const double spread = i < Thumbnails::kPlane ? 140.0 : 60.0;
        p[i] = (i < Thumbnails::kPlane ? 60.0 : 98.0) + static_cast<double>(hash % 1000u) / 1000.0 * spread;
    }
    return p;
}

// `p` mixed with video black (Y 16, no colour) at weight w.
void add_towards_black(Thumbnails& t, const std::vector<double>& p, double w) {
    std::vector<std::uint8_t> bytes(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double black = i < Thumbnails::kPlane ? 16.0 : 128.0;
        bytes[i] = static_cast<std::uint8_t>(std::lround(std::clamp(w * p[i] + (1.0 - w) * black, 0.0, 255.0)));
    }
    t.add_pixels(bytes);
}

// Two busy shots and a dip to black between them (4 frames out, 8 in: frames 40..51, middle 46); a
// fade a model might claim inside the second shot, at 80. Neither has a change between two shots for
// the catch-all test (each shot changes every frame as much); the dip's fit alone tells it.
TEST(CutConfirmation, DipBetweenBusyShotsStandsOnItsOwnFit) {
    Thumbnails t;
    int f = 0;
    for (; f < 40; ++f) add_towards_black(t, busy(f), 1.0);
    for (int i = 1; i <= 4; ++i, ++f) add_towards_black(t, busy(f), 1.0 - i / 4.0);
    for (int i = 1; i <= 8; ++i, ++f) add_towards_black(t, busy(1000 + f), i / 9.0);
    for (int i = 0; i < 60; ++i, ++f) add_towards_black(t, busy(1000 + f), 1.0);
    const std::int64_t max_length = 50;
    const CutOptions options;
    const GradualChangeFinder finder(t, std::vector<bool>(t.size(), false), max_length, options.gradual_change);
    std::vector<Cut> cuts = {Cut{46, Rational(46, 25), 0.8, CutClass::fade, 40, 51},
                             Cut{80, Rational(80, 25), 0.5, CutClass::fade, 76, 84}};
    drop_unsupported(cuts, finder, t, max_length, options);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_EQ(cuts[0].frame, 46);
}

}  // namespace
}  // namespace tunesmith
