// Tests for spec/content_policy: requests to imitate a named artist are refused (with the phrase
// named), ordinary and genre words that are also band names are not, and resolve_spec applies it.
#include "spec/content_policy.h"

#include <gtest/gtest.h>

#include "base/error.h"
#include "spec/lexicon.h"
#include "spec/resolve.h"

namespace tunesmith {
namespace {

const ArtistPolicy& shipped_policy() {
    static const ArtistPolicy policy = load_artist_policy(std::filesystem::path(TUNESMITH_SOURCE_DIR) / "data");
    return policy;
}

struct Case {
    const char* prompt;
    const char* phrase;  // nullptr: not refused
};

TEST(ContentPolicy, ShippedListIsLargeAndClassifiesHardNames) {
    const ArtistPolicy& policy = shipped_policy();
    EXPECT_GE(policy.names.size(), 2000u);
    EXPECT_EQ(policy.names.at("radiohead"), ArtistKind::distinct);
    EXPECT_EQ(policy.names.at("taylor swift"), ArtistKind::distinct);
    EXPECT_EQ(policy.names.at("yes"), ArtistKind::word);
    EXPECT_EQ(policy.names.at("genesis"), ArtistKind::word);
    EXPECT_EQ(policy.names.at("cream"), ArtistKind::word);
    EXPECT_EQ(policy.names.at("boston"), ArtistKind::word);
    EXPECT_FALSE(policy.names.contains("soundtrack"));
    EXPECT_FALSE(policy.names.contains("various artists"));
    EXPECT_FALSE(policy.names.contains("blues"));
}

TEST(ContentPolicy, RefusalsAndNonRefusals) {
    const Case cases[] = {
        // Refused: explicit phrases, bare distinct names, possessives, accents, "X type beat".
        {"in the style of Radiohead", "in the style of Radiohead"},
        {"a sad piano piece that sounds like Adele", "sounds like Adele"},
        {"upbeat pop like Taylor Swift, 120 bpm", "like Taylor Swift"},
        {"Metallica riffs, 2 minutes", "Metallica"},
        {"dark trap, Drake type beat", "Drake type beat"},
        {"something in the style of the Beatles", "in the style of the Beatles"},
        {"Beatles-style harmonies", "Beatles-style"},
        {"a ballad inspired by Beyoncé's voice", "inspired by Beyoncé's"},
        {"prog rock in the style of Genesis", "in the style of Genesis"},
        {"make it sound like Yes", "sound like Yes"},
        {"heavy blues rock like Cream", "like Cream"},
        {"arena rock like Boston", "like Boston"},
        {"Guns N' Roses energy", "Guns N' Roses"},
        {"epic orchestral, Hans Zimmer", "Hans Zimmer"},  // film composers: data/policy/artists_extra.txt
        // Not refused: genre words, ordinary words, places as style qualifiers.
        {"slow blues in E, 90 bpm", nullptr},
        {"yes, a happy ukulele tune", nullptr},
        {"chase scene with the police sirens feel", nullptr},
        {"Chicago blues shuffle", nullptr},
        {"a journey through a dark forest, strings and choir", nullptr},
        {"genesis of a hero, cinematic build", nullptr},
        {"cream and honey, soft lofi", nullptr},
        {"dark ambient, D minor, 45 seconds", nullptr},
        {"uplifting corporate with a big finish at 0:30", nullptr},
        {"like a heart beating, slow pulse", nullptr},
        {"jazz style walking bass", nullptr},
        {"", nullptr},
    };
    for (const Case& c : cases) {
        const auto match = find_mimicry(c.prompt, shipped_policy());
        if (c.phrase == nullptr) {
            EXPECT_FALSE(match.has_value()) << c.prompt << " -> refused as " << (match ? match->phrase : "");
        } else {
            ASSERT_TRUE(match.has_value()) << c.prompt;
            EXPECT_EQ(match->phrase, c.phrase) << c.prompt;
        }
    }
}

TEST(ContentPolicy, RefusalNamesFieldPhraseAndSuggestion) {
    try {
        check_mimicry("ambient in the style of Radiohead", shipped_policy());
        FAIL() << "not refused";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "prompt");
        EXPECT_EQ(e.value(), "in the style of Radiohead");
        EXPECT_NE(e.accepted().find("description of the sound"), std::string::npos);
    }
}

TEST(ContentPolicy, ParsesListAndRejectsMalformedLines) {
    const ArtistPolicy policy = parse_artist_policy("# comment\nfoo bar\tdistinct\nbaz\tword\n", "t");
    EXPECT_EQ(policy.names.size(), 2u);
    EXPECT_EQ(policy.longest, 2u);
    EXPECT_TRUE(find_mimicry("some foo bar music", policy).has_value());
    EXPECT_FALSE(find_mimicry("some baz music", policy).has_value());
    EXPECT_TRUE(find_mimicry("in the style of baz", policy).has_value());
    EXPECT_THROW(parse_artist_policy("foo\tmaybe\n", "t"), InputError);
    EXPECT_THROW(parse_artist_policy("no tab here\n", "t"), InputError);
    EXPECT_TRUE(load_artist_policy("/nonexistent").names.empty());
}

TEST(ContentPolicy, ResolveSpecRefusesThroughTheLexicon) {
    const Lexicon lexicon = load_lexicon(std::filesystem::path(TUNESMITH_SOURCE_DIR) / "data");
    ASSERT_TRUE(lexicon.artists);
    SpecRequest request;
    request.prompt = "melancholic piano in the style of Coldplay, 60 seconds";
    EXPECT_THROW(resolve_spec(request, lexicon), InputError);
    request.prompt = "melancholic piano, 60 seconds";
    EXPECT_NO_THROW(resolve_spec(request, lexicon));
    request.prompt.clear();
    request.spec_json = nlohmann::json{{"prompt", "sounds like Coldplay"}};
    EXPECT_THROW(resolve_spec(request, lexicon), InputError);
}

}  // namespace
}  // namespace tunesmith
