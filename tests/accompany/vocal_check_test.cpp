// Tests for src/accompany/vocal_check.cpp: length limits, silence, too little singing and the
// speech-like warning, on analysis values built in code.
#include "accompany/vocal_check.h"

#include <gtest/gtest.h>

#include "base/error.h"

namespace tunesmith {
namespace {

AudioAnalysis with_notes(double duration, double note_length, int count) {
    AudioAnalysis a;
    a.duration_s = duration;
    for (int i = 0; i < count; ++i) {
        const double onset = 0.5 + i * (note_length + 0.05);
        a.notes.notes.push_back(NoteEvent{onset, onset + note_length, 60 + i % 5, 60.0 + i % 5, -20.0, 0.9});
    }
    return a;
}

TEST(VocalCheck, LengthLimits) {
    EXPECT_THROW(check_vocal_length(2.0), InputError);
    EXPECT_NO_THROW(check_vocal_length(4.0));
    EXPECT_NO_THROW(check_vocal_length(19.0 * 60.0));
    try {
        check_vocal_length(40.0 * 60.0);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "vocal");
        EXPECT_NE(e.value().find("40 minutes"), std::string::npos) << e.value();
    }
}

TEST(VocalCheck, SilenceAndNoNotesAreRefused) {
    std::vector<std::string> warnings;
    AudioAnalysis silent;
    silent.duration_s = 10.0;
    silent.warnings.push_back("silent audio: no key, tempo, chords or notes");
    EXPECT_THROW(check_vocal(silent, warnings), InputError);
    AudioAnalysis noise;
    noise.duration_s = 10.0;
    EXPECT_THROW(check_vocal(noise, warnings), InputError);
    EXPECT_THROW(check_vocal(with_notes(60.0, 0.3, 3), warnings), InputError) << "0.9 s of notes in a minute";
}

TEST(VocalCheck, SungNotesPassAndSpeechIsFlagged) {
    std::vector<std::string> warnings;
    const VocalCheck sung = check_vocal(with_notes(20.0, 0.5, 20), warnings);
    EXPECT_FALSE(sung.speech_like);
    EXPECT_TRUE(warnings.empty());
    EXPECT_NEAR(sung.sung_s, 10.0, 1e-9);
    EXPECT_NEAR(sung.sustained_share, 1.0, 1e-9);
    const VocalCheck spoken = check_vocal(with_notes(20.0, 0.1, 60), warnings);
    EXPECT_TRUE(spoken.speech_like);
    EXPECT_EQ(warnings.size(), 1u);
}

}  // namespace
}  // namespace tunesmith
