// Tests for compose/motif: shape rules of generated motifs (length, contiguity, leaps and their
// recovery, strong-beat steps) and what each variation keeps and changes.
#include "compose/motif.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "base/error.h"

namespace tunesmith {
namespace {

TEST(Motif, GeneratedMotifsFollowTheShapeRules) {
    for (const Meter meter : {Meter{4, 4}, Meter{3, 4}, Meter{6, 8}, Meter{2, 4}}) {
        const MotifOptions options;
        for (std::uint64_t seed = 1; seed <= 200; ++seed) {
            const Motif m = make_motif(meter, options, Rng(seed));
            const auto beats = m.length / meter.beat();
            EXPECT_GE(beats, 2);
            EXPECT_LE(beats, 4);
            ASSERT_GE(m.notes.size(), 2u);
            EXPECT_LE(static_cast<int>(m.notes.size()), options.max_notes);
            EXPECT_EQ(m.notes.front().offset, Ticks(0));
            EXPECT_EQ(m.notes.front().step, 0);
            Ticks at(0);
            for (const auto& n : m.notes) {
                EXPECT_EQ(n.offset, at) << "notes are contiguous";
                at += n.duration;
                if (is_strong_position(n.offset, meter)) { EXPECT_EQ(n.step % 2, 0) << "strong notes a third apart"; }
            }
            EXPECT_EQ(at, m.length);
            const auto iv = m.intervals();
            for (std::size_t i = 0; i < iv.size(); ++i) {
                EXPECT_LE(std::abs(iv[i]), options.max_leap + 2);  // the flat-motif fix may add a third
                if (std::abs(iv[i]) >= 3 && i + 1 < iv.size()) {
                    const bool recovered = iv[i + 1] * iv[i] < 0 && std::abs(iv[i + 1]) <= 2;
                    const bool strong_blocked = is_strong_position(m.notes[i + 2].offset, meter);
                    EXPECT_TRUE(recovered || strong_blocked) << "leap " << iv[i] << " then " << iv[i + 1];
                }
            }
            int lo = 0;
            int hi = 0;
            for (const auto& n : m.notes) lo = std::min(lo, n.step), hi = std::max(hi, n.step);
            EXPECT_GE(hi - lo, 2) << "a motif has a contour";
        }
    }
}

TEST(Motif, DeterministicAndVaried) {
    const Meter meter{4, 4};
    EXPECT_EQ(make_motif(meter, {}, Rng(5)), make_motif(meter, {}, Rng(5)));
    std::set<std::vector<int>> shapes;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) shapes.insert(make_motif(meter, {}, Rng(seed)).intervals());
    EXPECT_GT(shapes.size(), 20u);
}

TEST(Motif, VariationsKeepOrChangeWhatTheyShould) {
    const Meter meter{4, 4};
    MotifOptions options;
    options.beats = 4;
    const Motif m = make_motif(meter, options, Rng(11));
    Rng rng(3);

    std::vector<int> negated;
    for (int v : m.intervals()) negated.push_back(-v);
    EXPECT_EQ(invert(m).intervals(), negated);

    const Motif slow = augment(m);
    EXPECT_EQ(slow.intervals(), m.intervals());
    EXPECT_EQ(slow.length, m.length * 2);
    EXPECT_EQ(slow.notes.back().duration, m.notes.back().duration * 2);

    const Motif fast = diminish(slow);
    EXPECT_EQ(fast, m);

    const Motif rhythm = vary_rhythm(m, meter, rng);
    EXPECT_EQ(rhythm.intervals(), m.intervals());
    EXPECT_EQ(rhythm.length, m.length);
    EXPECT_NE(rhythm, m);

    const Motif ornamented = ornament(m, rng);
    EXPECT_EQ(ornamented.notes.size(), m.notes.size() + 2);
    Ticks total(0);
    for (const auto& n : ornamented.notes) total += n.duration;
    EXPECT_EQ(total, m.length);

    const Motif fragment = truncate(m, 2);
    ASSERT_EQ(fragment.notes.size(), 2u);
    EXPECT_EQ(fragment.intervals().front(), m.intervals().front());
    EXPECT_EQ(fragment.notes.back().offset + fragment.notes.back().duration, m.length);

    for (auto v : {MotifVariation::original, MotifVariation::augmentation, MotifVariation::diminution, MotifVariation::rhythm}) {
        EXPECT_TRUE(keeps_intervals(v)) << variation_name(v);
        EXPECT_EQ(apply_variation(m, v, meter, rng).intervals(), m.intervals()) << variation_name(v);
    }
    EXPECT_FALSE(keeps_intervals(MotifVariation::inversion));
}

TEST(Motif, StrongPositions) {
    EXPECT_TRUE(is_strong_position(Ticks(0), Meter{4, 4}));
    EXPECT_TRUE(is_strong_position(Ticks(1920), Meter{4, 4}));
    EXPECT_FALSE(is_strong_position(Ticks(960), Meter{4, 4}));
    EXPECT_FALSE(is_strong_position(Ticks(1920), Meter{3, 4}));
    EXPECT_FALSE(is_strong_position(Ticks(1440), Meter{6, 8}));
}

TEST(Motif, OptionsFromJsonValidate) {
    const auto options = MotifOptions::from_json({{"beats", 3}, {"min_notes", 4}});
    EXPECT_EQ(options.beats, 3);
    EXPECT_EQ(options.min_notes, 4);
    try {
        MotifOptions::from_json({{"beats", 1}});
        FAIL() << "one-beat motif accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "melody.motif.beats");
    }
    EXPECT_THROW(MotifOptions::from_json({{"max_leap", 12}}), InputError);
    EXPECT_THROW(MotifOptions::from_json({{"length", 2}}), InputError);
}

}  // namespace
}  // namespace tunesmith
