// Tests for rights/melody_index: a disguised melody is found among many, unrelated melodies and
// common figures are not too close, the text form round-trips, and the shipped index is small
// and finds its own melodies.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "base/error.h"
#include "melody_disguise.h"
#include "rights/check.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;
using testing_disguise::Disguise;
using testing_disguise::disguise;
using testing_disguise::pop_like_melody;

MelodyIndex pop_like_index(int count) {
    MelodyIndex index;
    for (int i = 0; i < count; ++i)
        index.add({"m" + std::to_string(i), "test", pop_like_melody(64, Rng(static_cast<std::uint64_t>(i)))});
    return index;
}

TEST(MelodyIndex, FindsTheDisguisedSourceAmongMany) {
    const MelodyIndex index = pop_like_index(300);
    int found = 0;
    int ranked_first = 0;
    for (int i = 0; i < 20; ++i) {
        const auto& source = index.melodies()[static_cast<std::size_t>(i * 15)];
        Disguise d;
        d.transpose = i % 7 - 3;
        const MelodyLine query = disguise(testing_disguise::excerpt(source.line, 10, 40), d, Rng(7 + static_cast<std::uint64_t>(i)));
        const auto matches = index.search(query);
        ranked_first += !matches.empty() && matches.front().id == source.id;
        const MelodyCheck check = check_melody(query, index);
        found += !check.passed && check.best_id == source.id;
    }
    // The source ranks first almost always, and the check calls nearly every disguised copy too
    // close (eval_rights measures about 9 in 10 on POP909).
    EXPECT_GE(ranked_first, 18);
    EXPECT_GE(found, 17);
}

TEST(MelodyIndex, UnrelatedMelodyPasses) {
    const MelodyIndex index = pop_like_index(300);
    const MelodyCheck unrelated = check_melody(pop_like_melody(64, Rng(12345)), index);
    EXPECT_TRUE(unrelated.passed) << unrelated.score;
    int false_alarms = 0;
    for (int i = 0; i < 60; ++i)
        false_alarms += !check_melody(pop_like_melody(64, Rng(50000 + static_cast<std::uint64_t>(i))), index).passed;
    EXPECT_LE(false_alarms, 1);
}

TEST(MelodyIndex, CommonFiguresAreNeverTooClose) {
    MelodyIndex index = pop_like_index(300);
    // A plain phrase (a scale run and repeated notes) that several known melodies share: a copy
    // of it matches them all about equally, so none stands out and it is not too close.
    MelodyLine plain;
    for (int p : {60, 60, 60, 62, 64, 65, 67, 67, 67, 65, 64, 62, 60, 60, 62, 64, 64, 64, 62, 60, 60, 60, 62, 64})
        plain.pitches.push_back(static_cast<std::uint8_t>(p));
    plain.iois.assign(plain.pitches.size(), 12);
    for (int k = 0; k < 4; ++k) {
        MelodyLine song = pop_like_melody(40, Rng(900 + static_cast<std::uint64_t>(k)));
        song.pitches.insert(song.pitches.begin() + 10 * k, plain.pitches.begin(), plain.pitches.end());
        song.iois.insert(song.iois.begin() + 10 * k, plain.iois.begin(), plain.iois.end());
        index.add({"shares-plain-" + std::to_string(k), "test", song});
    }
    const MelodyCheck check = check_melody(plain, index);
    EXPECT_TRUE(check.passed) << check.score << " runner-up " << check.runner_up;
    EXPECT_LT(check.score - check.runner_up, 0.1);
    // A melody of distinctive leaps copied as exactly is too close.
    MelodyLine leaps;
    for (int p : {60, 69, 62, 74, 63, 70, 58, 67, 72, 61, 66, 75, 64, 57, 68, 73, 59, 71, 65, 76, 62, 69, 60, 67})
        leaps.pitches.push_back(static_cast<std::uint8_t>(p));
    leaps.iois.assign(leaps.pitches.size(), 12);
    index.add({"leaps", "test", leaps});
    const MelodyCheck copied = check_melody(leaps, index);
    EXPECT_FALSE(copied.passed) << copied.score;
    EXPECT_EQ(copied.best_id, "leaps");
}

TEST(MelodyIndex, TextFormRoundTripsAndRejectsMalformedLines) {
    const IndexedMelody m{"pop909/001", "POP909 (MIT)", testing_disguise::random_melody(20, Rng(4))};
    const MelodyIndex parsed = parse_melody_index("# header\n" + format_melody(m) + "\n", "t");
    ASSERT_EQ(parsed.size(), 1u);
    EXPECT_EQ(parsed.melodies()[0].id, m.id);
    EXPECT_EQ(parsed.melodies()[0].source, m.source);
    EXPECT_EQ(parsed.melodies()[0].line, m.line);
    EXPECT_THROW(parse_melody_index("a\tb\t3c00zz\n", "t"), InputError);
    EXPECT_THROW(parse_melody_index("a\tb\t3c000c 90000c\n", "t"), InputError);  // pitch above 127
    EXPECT_THROW(parse_melody_index("just one field\n", "t"), InputError);
    const fs::path file = fs::path(::testing::TempDir()) / "rights_index" / "user.tsv";
    fs::remove_all(file.parent_path());
    append_melody(file, m);
    append_melody(file, IndexedMelody{"x", "user", testing_disguise::random_melody(12, Rng(5))});
    EXPECT_EQ(load_melody_index({file.parent_path(), "/nonexistent"}).size(), 2u);
    fs::remove_all(file.parent_path());
}

TEST(MelodyIndex, ShippedIndexLoadsAndIsSmall) {
    const fs::path dir = fs::path(TUNESMITH_SOURCE_DIR) / "data" / "rights" / "melody_index";
    ASSERT_TRUE(fs::exists(dir / "pop909.tsv")) << "the shipped index is missing: " << dir;
    EXPECT_LE(fs::file_size(dir / "pop909.tsv"), 3u * 1024 * 1024);
    const MelodyIndex index = load_melody_index({dir});
    EXPECT_GE(index.size(), 900u);
    EXPECT_EQ(melody_index_dirs(fs::path(TUNESMITH_SOURCE_DIR) / "data").front(), dir);
    // Indexed melodies, disguised, are found as themselves.
    Disguise light;  // transposed and slowed, a few ornaments
    light.change_rate = 0.0;
    light.rhythm_jitter = 0.05;
    int flagged = 0;
    for (std::size_t k : {42u, 400u, 800u}) {
        const IndexedMelody& known = index.melodies()[k];
        const MelodyLine query = disguise(testing_disguise::excerpt(known.line, 20, 40), light, Rng(11));
        flagged += !check_melody(query, index).passed;
        // POP909 holds a few near-duplicate melodies, so the source must be among the best three.
        SearchOptions options;
        options.results = 3;
        const auto matches = index.search(query, options);
        EXPECT_TRUE(std::any_of(matches.begin(), matches.end(), [&](const MelodyMatch& m) { return m.id == known.id; }))
            << known.id;
    }
    // A plain melody (mostly repeated notes and steps) can stay under the threshold: see docs/rights.md.
    EXPECT_GE(flagged, 2);
}

}  // namespace
}  // namespace tunesmith
