// Tests for the artist-mimicry matching rules of session 9 (spec/content_policy and the prompt
// parser's imitation phrases): ordinary words, places and tempos that share a name with an act
// are not refused, "X style" / "a la X" and near-miss spellings of real imitation are, film
// composers are on the hand-kept list, and public-domain composers are treated alike in every
// phrase (never refused, ignored with a warning).
#include <gtest/gtest.h>

#include <algorithm>

#include "base/error.h"
#include "spec/content_policy.h"
#include "spec/prompt_parser.h"
#include "spec/resolve.h"
#include "spec_test_support.h"

namespace tunesmith {
namespace {

using testing::project_lexicon;

// What resolve_spec says about a prompt: the refused phrase, or "" when accepted.
std::string refused_phrase(const std::string& prompt) {
    try {
        resolve_spec({prompt, std::nullopt, {}}, project_lexicon());
    } catch (const InputError& e) {
        return e.value();
    }
    return "";
}

TEST(ArtistMatching, OrdinaryWordsPlacesAndTemposAreRefusedOnlyInImitationPhrases) {
    for (const char* prompt : {"rock, 112 bpm", "rock, 311 bpm", "eerie UFO sci-fi theme", "ancient rome epic battle",
                               "sleek tesla car commercial", "dreamy REM sleep ambient", "a cinderella fairy tale waltz",
                               "hiroshima memorial", "heatwave summer pop", "slow crossfade between scenes",
                               "warm piano for our 10 years anniversary video", "3 doors down the street",
                               "in the style of Bollywood", "synth pop for room 702", "epic, 311 seconds",
                               "a waltz for the conductor and his orchestra"}) {
        EXPECT_EQ(refused_phrase(prompt), "") << prompt;
    }
    // The same names in an imitation phrase, and a bare distinct name written as a name, still refuse.
    EXPECT_EQ(refused_phrase("rock in the style of Tesla"), "in the style of Tesla");
    EXPECT_EQ(refused_phrase("Cinderella-style hair metal"), "Cinderella-style");
    EXPECT_EQ(refused_phrase("sounds like 3 Doors Down"), "sounds like 3 Doors Down");
    EXPECT_EQ(refused_phrase("alt rock like 311"), "like 311");
    EXPECT_EQ(refused_phrase("heavy riffs, Metallica"), "Metallica");  // a bare distinct name written as a name
    EXPECT_EQ(refused_phrase("like coldplay, 60 seconds"), "like coldplay");
}

TEST(ArtistMatching, StyleAfterAndALaAreImitationAndComposersAreListed) {
    EXPECT_EQ(refused_phrase("Hans Zimmer style epic trailer"), "Hans Zimmer style");
    EXPECT_EQ(refused_phrase("john williams style adventure theme"), "john williams style");
    EXPECT_EQ(refused_phrase("a la Ennio Morricone western"), "a la Ennio Morricone");
    EXPECT_EQ(refused_phrase("Zimmer-style drums"), "Zimmer-style");
}

TEST(ArtistMatching, NearMissSpellingsInAnImitationPhrase) {
    EXPECT_EQ(refused_phrase("in the style of taylr swift"), "in the style of taylr swift");
    EXPECT_EQ(refused_phrase("sounds like ennio moricone"), "sounds like ennio moricone");
    EXPECT_EQ(refused_phrase("hans zimer style trailer"), "hans zimer style");
    // Outside an imitation phrase, or a short name, a near miss is not a name.
    EXPECT_EQ(refused_phrase("taylr swift river, calm"), "");
    EXPECT_EQ(refused_phrase("sounds like big band swing"), "");
}

TEST(ArtistMatching, PublicDomainComposersAreTreatedAlikeInEveryPhrase) {
    for (const char* prompt : {"inspired by Beethoven", "in the style of Mozart", "sounds like Bach, harpsichord",
                               "in the style of Ludwig van Beethoven", "like Chopin nocturnes"}) {
        EXPECT_EQ(refused_phrase(prompt), "") << prompt;
        const PromptReading reading = read_prompt(prompt, project_lexicon());
        const bool warned = std::any_of(reading.warnings.begin(), reading.warnings.end(),
                                        [](const std::string& w) { return w.find("public-domain composer") != std::string::npos; });
        EXPECT_TRUE(warned) << prompt;
    }
    // Composers of the copyright era are refused the same way as chart acts.
    EXPECT_EQ(refused_phrase("in the style of Philip Glass"), "in the style of Philip Glass");
}

TEST(ArtistMatching, UnlistedNamesAfterAnImitationPhrase) {
    // A full name is refused even when not listed; one word, or a place before a genre, is ignored.
    EXPECT_EQ(refused_phrase("in the style of Zorblat Quintet, 30 seconds"), "in the style of Zorblat Quintet");
    EXPECT_EQ(refused_phrase("in the style of Zorblat"), "");
    EXPECT_EQ(refused_phrase("in the style of New Orleans jazz"), "");
    EXPECT_EQ(refused_phrase("a jazzy piece inspired by New York nights"), "");
    EXPECT_EQ(refused_phrase("in the manner of Zorblat Quintet"), "in the manner of Zorblat Quintet");
    EXPECT_EQ(resolve_spec({"in the style of New Orleans jazz", std::nullopt, {}}, project_lexicon()).spec.style,
              std::vector<std::string>{"jazz"});
}

TEST(ArtistMatching, PolicyFileKinds) {
    const ArtistPolicy& policy = *project_lexicon().artists;
    EXPECT_EQ(policy.names.at("112"), ArtistKind::word);
    EXPECT_EQ(policy.names.at("10 years"), ArtistKind::word);
    EXPECT_EQ(policy.names.at("hans zimmer"), ArtistKind::distinct);
    EXPECT_EQ(policy.names.at("mozart"), ArtistKind::public_domain);
    EXPECT_EQ(artist_kind("Ludwig van Beethoven", policy), ArtistKind::public_domain);
    EXPECT_EQ(artist_kind("Beatles", policy), ArtistKind::distinct);
    EXPECT_FALSE(artist_kind("Zorblat", policy));
    const ArtistPolicy parsed = parse_artist_policy("foo\tpublic_domain\n", "t");
    EXPECT_FALSE(find_mimicry("in the style of foo", parsed));
}

}  // namespace
}  // namespace tunesmith
