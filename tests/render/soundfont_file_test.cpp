// The default SoundFont holds every sound the engine asks for: each named voice's General MIDI
// program and each style's programs and drum kit (a missing preset would fall back to a piano).
#include "render/soundfont_file.h"

#include <gtest/gtest.h>

#include "compose/style.h"
#include "render/render.h"
#include "spec/voices.h"

namespace tunesmith {
namespace {

constexpr int kDrumBank = 128;

TEST(SoundFontFile, DefaultFontHasEveryVoiceAndStyleProgram) {
    const auto path = default_soundfont();
    if (path.empty()) GTEST_SKIP() << "no General MIDI SoundFont installed";
    const SoundFontFile font(path);
    for (const Voice& voice : voice_table())
        EXPECT_TRUE(font.has_preset({0, voice.program})) << voice.name << " program " << voice.program;
    const StyleLibrary styles = load_styles(std::filesystem::path(TUNESMITH_SOURCE_DIR) / "data");
    for (const Style& style : styles.styles)
        for (const auto& [group, program] : style.programs) {
            const bool drums = instrument_info(group).drums;
            EXPECT_TRUE(font.has_preset({drums ? kDrumBank : 0, program})) << style.name << " " << group << " " << program;
        }
}

}  // namespace
}  // namespace tunesmith
