// The playable SoundFont: a subset holds exactly the chosen presets' samples, an SF3 and its decoded
// copy give the same bytes, the cache is made once and reused, and bad files are refused by name.
#include "render/soundfont_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "base/sha256.h"
#include "render/render.h"
#include "render_fixtures.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

fs::path compressed_font() {
    const fs::path font = default_soundfont();
    return !font.empty() && is_compressed_soundfont(font) ? font : fs::path{};
}

// The tests' own cache folder, in the build (never the user's).
fs::path test_cache() { return fs::path(TUNESMITH_BINARY_DIR) / "test-cache" / "soundfonts"; }

fs::path scratch(const char* name) {
    const fs::path dir = fs::temp_directory_path() / ("tunesmith-sfcache-" + std::string(name));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

float peak(const std::vector<Stem>& stems) {
    float out = 0.0f;
    for (const Stem& stem : stems)
        for (const auto& channel : stem.audio.channels)
            for (const float v : channel) out = std::max(out, std::abs(v));
    return out;
}

TEST(SoundFontCache, KnowsCompressedFromPlainFonts) {
    const fs::path plain = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    if (fs::exists(plain)) {
        EXPECT_FALSE(is_compressed_soundfont(plain));
    }
    if (compressed_font().empty()) GTEST_SKIP() << "no .sf3 SoundFont installed";
    EXPECT_TRUE(is_compressed_soundfont(compressed_font()));
}

TEST(SoundFontCache, PlainFontsAndAnEmptyCacheAreUsedAsTheyAre) {
    const fs::path plain = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    if (fs::exists(plain)) {
        EXPECT_EQ(decoded_soundfont(plain, scratch("plain"), 1), plain);
    }
    if (compressed_font().empty()) GTEST_SKIP() << "no .sf3 SoundFont installed";
    EXPECT_EQ(decoded_soundfont(compressed_font(), {}, 1), compressed_font());
}

// A subset keeps every header but only the chosen presets' sample data; dropped samples are silent.
TEST(SoundFontCache, SubsetKeepsThePresetsSamplesAndSilencesTheRest) {
    const fs::path font = fs::exists("/usr/share/sounds/sf2/FluidR3_GM.sf2") ? fs::path("/usr/share/sounds/sf2/FluidR3_GM.sf2")
                                                                            : compressed_font();
    if (font.empty()) GTEST_SKIP() << "no SoundFont installed";
    const SoundFontFile source(font);
    const std::vector<PresetUse> presets{{{0, 33}, KeyVelocitySet::all()}};  // fingered bass
    const fs::path subset_path = scratch("subset") / "bass.sf2";
    write_soundfont_subset(source, presets, subset_path, 2);
    const SoundFontFile subset(subset_path);
    ASSERT_EQ(subset.samples().size(), source.samples().size());
    EXPECT_FALSE(subset.compressed());
    EXPECT_TRUE(subset.has_preset({0, 33}));
    const std::vector<std::size_t> kept = source.samples_of({0, 33});
    ASSERT_FALSE(kept.empty());
    EXPECT_EQ(subset.samples_of({0, 33}), kept);
    for (const std::size_t i : kept) {
        EXPECT_EQ(subset.points(i), source.points(i)) << "sample " << i;
        EXPECT_EQ(subset.relative_loop_start(i), source.relative_loop_start(i));
        EXPECT_EQ(subset.relative_loop_end(i), source.relative_loop_end(i));
    }
    const std::vector<std::size_t> piano = source.samples_of({0, 0});
    ASSERT_FALSE(piano.empty());
    const std::vector<std::int16_t> dropped = subset.points(piano.front());
    EXPECT_FALSE(dropped.empty());
    EXPECT_TRUE(std::all_of(dropped.begin(), dropped.end(), [](std::int16_t v) { return v == 0; }));
    EXPECT_LT(fs::file_size(subset_path), fs::file_size(font) / 4);
}

// Only the zones whose key and velocity ranges hold a played note keep their samples.
TEST(SoundFontCache, SubsetKeepsOnlyTheZonesThePlayedNotesReach) {
    const fs::path font = default_soundfont();
    if (font.empty()) GTEST_SKIP() << "no SoundFont installed";
    const SoundFontFile source(font);
    const std::vector<std::size_t> all = source.samples_of({0, 0});
    KeyVelocitySet middle_c;
    middle_c.add(60, 80);
    const std::vector<std::size_t> some = source.samples_of({0, 0}, middle_c);
    ASSERT_FALSE(some.empty());
    EXPECT_LT(some.size() * 4, all.size()) << "one note needs few of the piano's samples";
    EXPECT_TRUE(std::includes(all.begin(), all.end(), some.begin(), some.end()));
    KeyVelocitySet other;
    other.add(30, 20);
    EXPECT_NE(source.samples_of({0, 0}, other), some);
    EXPECT_TRUE(source.samples_of({0, 0}, KeyVelocitySet{}).empty());
}

// The subset of an SF3 and of its decoded copy are the same bytes, so a render does not depend on
// whether the cache was used.
TEST(SoundFontCache, SubsetOfACompressedFontEqualsTheSubsetOfItsDecodedCopy) {
    if (compressed_font().empty()) GTEST_SKIP() << "no .sf3 SoundFont installed";
    const fs::path decoded = decoded_soundfont(compressed_font(), test_cache(), 0);
    ASSERT_NE(decoded, compressed_font());
    EXPECT_FALSE(is_compressed_soundfont(decoded));
    std::vector<PresetUse> presets;
    for (const PresetId id : {PresetId{0, 0}, PresetId{0, 48}, PresetId{128, 0}}) presets.push_back({id, KeyVelocitySet::all()});
    const fs::path dir = scratch("equal");
    write_soundfont_subset(SoundFontFile(compressed_font()), presets, dir / "from_sf3.sf2", 2);
    write_soundfont_subset(SoundFontFile(decoded), presets, dir / "from_cache.sf2", 2);
    EXPECT_EQ(sha256_file_hex(dir / "from_sf3.sf2"), sha256_file_hex(dir / "from_cache.sf2"));
}

TEST(SoundFontCache, RendersAreTheSameBytesWithAndWithoutTheCache) {
    if (compressed_font().empty()) GTEST_SKIP() << "no .sf3 SoundFont installed";
    const Score score = test::make_test_score(2);
    RenderOptions direct;
    direct.soundfont = compressed_font();
    const std::vector<Stem> from_sf3 = render_stems(score, direct);
    RenderOptions cached = direct;
    cached.soundfont_cache = test_cache();
    EXPECT_EQ(render_stems(score, cached), from_sf3);
    EXPECT_GT(peak(from_sf3), 0.01) << "the stems sound";
}

TEST(SoundFontCache, APlayableFontIsRemovedWithItsOwner) {
    const fs::path font = default_soundfont();
    if (font.empty()) GTEST_SKIP() << "no SoundFont installed";
    fs::path path;
    {
        const PlayableSoundFont playable = make_playable_soundfont(font, {{{0, 0}, KeyVelocitySet::all()}}, {}, 1);
        path = playable.path();
        EXPECT_TRUE(fs::is_regular_file(path));
        EXPECT_TRUE(SoundFontFile(path).has_preset({0, 0}));
    }
    EXPECT_FALSE(fs::exists(path));
}

TEST(SoundFontCache, IsMadeOnceAndReused) {
    if (compressed_font().empty()) GTEST_SKIP() << "no .sf3 SoundFont installed";
    const fs::path first = decoded_soundfont(compressed_font(), test_cache(), 0);
    const auto written = fs::last_write_time(first);
    EXPECT_EQ(decoded_soundfont(compressed_font(), test_cache(), 0), first);
    EXPECT_EQ(fs::last_write_time(first), written);
    // No temporary file of this process is left (other test processes may be writing theirs now).
    const std::string own_temporary = ".tmp-" + std::to_string(::getpid()) + "-";
    for (const auto& entry : fs::directory_iterator(first.parent_path()))
        EXPECT_EQ(entry.path().filename().string().find(own_temporary), std::string::npos) << entry.path();
}

TEST(SoundFontCache, RefusesFilesThatAreNotSoundFonts) {
    const fs::path dir = scratch("bad");
    const fs::path bad = dir / "bad.sf3";
    const std::string truncated("RIFF\x10\0\0\0sfbkLIST\x04\0\0\0INFO", 24);  // no sample data, no headers
    std::ofstream(bad, std::ios::binary) << truncated;
    try {
        write_decoded_soundfont(bad, dir / "out.sf2", 1);
        FAIL() << "expected InputError";
    } catch (const InputError& error) {
        EXPECT_EQ(error.field(), "soundfont");
    }
    const fs::path text = dir / "text.sf3";
    std::ofstream(text) << "not a soundfont";
    EXPECT_FALSE(is_compressed_soundfont(text));
    EXPECT_THROW(write_decoded_soundfont(text, dir / "out.sf2", 1), InputError);
}

}  // namespace
}  // namespace tunesmith
