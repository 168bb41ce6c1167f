// Tests for base/text: the number formats of messages (no raw doubles such as 13.911999999999999).
#include "base/text.h"

#include <gtest/gtest.h>

namespace tunesmith {
namespace {

TEST(Text, DecimalTextRoundsAndDropsTrailingZeros) {
    EXPECT_EQ(decimal_text(13.911999999999999, 3), "13.912");
    EXPECT_EQ(decimal_text(92.0, 1), "92");
    EXPECT_EQ(decimal_text(92.5, 1), "92.5");
    EXPECT_EQ(decimal_text(0.1 + 0.2, 6), "0.3");
    EXPECT_EQ(decimal_text(-0.0001, 3), "0");
    EXPECT_EQ(decimal_text(-2.5, 3), "-2.5");
    EXPECT_EQ(decimal_text(1200.0, 0), "1200");
}

TEST(Text, SecondsAndTemposHaveOneFormat) {
    EXPECT_EQ(seconds_text(13.911999999999999), "13.912 s");
    EXPECT_EQ(seconds_text(10.0), "10 s");
    EXPECT_EQ(seconds_text(0.0004), "0 s");
    EXPECT_EQ(bpm_text(407.99999999), "408 bpm");
    EXPECT_EQ(bpm_text(92.26), "92.3 bpm");
    EXPECT_EQ(duration_text(95.25), "95.25 s");
    EXPECT_EQ(duration_text(2400.0), "40 minutes");
}

}  // namespace
}  // namespace tunesmith
