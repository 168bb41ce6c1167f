// Tests for render/mix.cpp: stems sum to the mix (null test in memory and through 24-bit files),
// loudness and true peak measured independently on the written file (libebur128, and ffmpeg's
// ebur128 filter when the CLI is present), exact length, ducking depth, loop wrap, silence.
#include "render/mix.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <numbers>
#include <regex>
#include <string>

#include "audio/loudness.h"
#include "audio/pcm_digest.h"
#include "base/error.h"
#include "base/text.h"
#include "render_fixtures.h"
#include "render/write_outputs.h"

namespace tunesmith {
namespace {

using test::residual_db;

AudioBuffer read_back(const std::filesystem::path& path) {
    SF_INFO info{};
    std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> file(sf_open(path.c_str(), SFM_READ, &info), sf_close);
    if (!file) throw std::runtime_error("cannot read " + path.string());
    std::vector<float> interleaved(static_cast<std::size_t>(info.frames * info.channels));
    sf_readf_float(file.get(), interleaved.data(), info.frames);
    AudioBuffer out(SampleRate(info.samplerate), static_cast<std::size_t>(info.channels),
                    static_cast<std::size_t>(info.frames));
    for (std::size_t i = 0; i < out.frames(); ++i)
        for (std::size_t c = 0; c < out.channel_count(); ++c) out.channels[c][i] = interleaved[i * out.channel_count() + c];
    return out;
}

std::filesystem::path temp_dir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("tunesmith_render_" + name);
    std::filesystem::remove_all(dir);
    return dir;
}

// Stems of tones and decaying noise bursts, so the mix has transients and inter-sample peaks.
std::vector<Stem> synthetic_stems(SampleRate rate, std::size_t frames) {
    std::vector<Stem> stems;
    const double freqs[] = {110.0, 440.0, 1760.0};
    const char* names[] = {"bass", "strings", "drums"};
    std::uint32_t noise = 12345;
    for (int s = 0; s < 3; ++s) {
        Stem stem{names[s], AudioBuffer(rate, 2, frames)};
        for (std::size_t i = 0; i < frames; ++i) {
            const double t = static_cast<double>(i) / rate.hz;
            double x = 0.2 * std::sin(2 * std::numbers::pi * freqs[s] * t);
            if (s == 2) {
                noise = noise * 1664525u + 1013904223u;
                const double beat = std::fmod(t, 0.5);
                x = (static_cast<double>(noise >> 8) / 8388608.0 - 1.0) * 0.8 * std::exp(-beat * 30.0);
            }
            stem.audio.channels[0][i] = static_cast<float>(x);
            stem.audio.channels[1][i] = static_cast<float>(x * 0.8);
        }
        stems.push_back(std::move(stem));
    }
    return stems;
}

AudioBuffer sum_of(const std::vector<Stem>& stems) {
    AudioBuffer sum(stems.front().audio.rate, 2, stems.front().audio.frames());
    for (const auto& stem : stems)
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < sum.frames(); ++i) sum.channels[c][i] += stem.audio.channels[c][i];
    return sum;
}

// ffmpeg's independent EBU R128 meter; nullopt when the CLI is missing.
struct FfmpegReading {
    double integrated = 0.0;
    double true_peak = 0.0;
};
std::optional<FfmpegReading> ffmpeg_ebur128(const std::filesystem::path& file) {
    if (std::system("command -v ffmpeg > /dev/null 2>&1") != 0) return std::nullopt;
    const std::string command = "ffmpeg -hide_banner -nostats -i '" + file.string() +
                                "' -af ebur128=peak=true -f null - 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) return std::nullopt;
    std::string output;
    char buffer[4096];
    while (fgets(buffer, sizeof buffer, pipe.get()) != nullptr) output += buffer;
    const auto summary = output.rfind("Summary:");
    if (summary == std::string::npos) return std::nullopt;
    const std::string tail = output.substr(summary);
    std::smatch i_match, p_match;
    if (!std::regex_search(tail, i_match, std::regex(R"(I:\s+(-?[0-9.]+|-inf) LUFS)"))) return std::nullopt;
    if (!std::regex_search(tail, p_match, std::regex(R"(Peak:\s+(-?[0-9.]+|-inf) dBFS)"))) return std::nullopt;
    return FfmpegReading{std::stod(i_match[1]), std::stod(p_match[1])};
}

TEST(MixAndMaster, StemsSumToTheMixAndLengthIsExact) {
    const SampleRate rate(48000);
    MixSettings settings;
    settings.length = Samples(rate.hz * 3);
    const auto result = mix_and_master(synthetic_stems(rate, static_cast<std::size_t>(rate.hz * 4)), settings);
    ASSERT_EQ(result.mix().frames(), static_cast<std::size_t>(rate.hz * 3));
    ASSERT_EQ(result.stem_names.size(), 3u);
    for (const auto& stem : result.stems()) EXPECT_EQ(stem.audio.frames(), result.mix().frames());
    EXPECT_LE(residual_db(sum_of(result.stems()), result.mix()), -90.0);
}

TEST(MixAndMaster, WrittenFilesMeetLoudnessTargetAndNullAgainstTheMix) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = test::make_test_score(8, 120.0, SampleRate(48000));
    RenderOptions render;
    render.tail = Seconds(2.0);
    MixSettings settings;
    settings.length = score.length_samples;
    const auto result = mix_and_master(render_stems(score, render), settings);
    EXPECT_NEAR(result.integrated_lufs, -14.0, 0.2);
    EXPECT_LE(result.true_peak_dbtp, -1.0);

    const auto dir = temp_dir("mix");
    AudioMetadata meta;
    meta.title = "render test";
    const auto files = write_cue_audio(result, dir, {"wav", "flac", "mid"}, meta);
    EXPECT_EQ(files.size(), 2u * (1 + result.stem_names.size()) + 1);
    const AudioBuffer mix = read_back(dir / "mix.wav");
    ASSERT_EQ(mix.frames(), static_cast<std::size_t>(score.length_samples.value));
    EXPECT_EQ(mix.rate, SampleRate(48000));
    // Independent measurement of the re-read 24-bit file.
    const LoudnessReading reading = measure_loudness(mix);
    EXPECT_NEAR(reading.integrated_lufs, -14.0, 0.5);
    EXPECT_LE(reading.true_peak_dbtp, -1.0);
    if (const auto ff = ffmpeg_ebur128(dir / "mix.wav")) {
        EXPECT_NEAR(ff->integrated, -14.0, 0.5);
        EXPECT_LE(ff->true_peak, -1.0);
    }
    // The written stems (24-bit) still sum to the written mix.
    std::vector<Stem> written;
    for (const auto& name : result.stem_names) written.push_back({name, read_back(dir / "stems" / (name + ".flac"))});
    EXPECT_LE(residual_db(sum_of(written), mix), -90.0);
    std::filesystem::remove_all(dir);
}

// A stem can peak above the mix where another stem cancels part of it (a kick under a bass in
// opposite phase). The stem files are integer PCM: a stem over full scale would clip alone and no
// longer sum to the mix, so the limiter keeps every stem inside full scale too.
TEST(MixAndMaster, NoStemClipsWhereStemsCancelInTheMix) {
    const SampleRate rate(48000);
    const auto frames = static_cast<std::size_t>(rate.hz * 3);
    Stem loud{"drums", AudioBuffer(rate, 2, frames)}, cancel{"bass", AudioBuffer(rate, 2, frames)};
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = static_cast<double>(i) / rate.hz;
        const double x = 0.9 * std::sin(2 * std::numbers::pi * 80.0 * t);
        for (std::size_t c = 0; c < 2; ++c) {
            loud.audio.channels[c][i] = static_cast<float>(x + 0.05 * std::sin(2 * std::numbers::pi * 1000.0 * t));
            cancel.audio.channels[c][i] = static_cast<float>(-0.95 * x);
        }
    }
    MixSettings settings;
    settings.length = Samples(static_cast<std::int64_t>(frames));
    const auto result = mix_and_master({loud, cancel}, settings);
    for (const auto& stem : result.stems()) {
        float peak = 0.0f;
        for (const auto& channel : stem.audio.channels)
            for (float v : channel) peak = std::max(peak, std::abs(v));
        EXPECT_LT(peak, 1.0f) << stem.name;
    }
    EXPECT_LE(residual_db(sum_of(result.stems()), result.mix()), -90.0);
}

TEST(MixAndMaster, SameStemsGiveSameBytes) {
    const SampleRate rate(22050);
    MixSettings settings;
    const auto a = mix_and_master(synthetic_stems(rate, 44100), settings);
    const auto b = mix_and_master(synthetic_stems(rate, 44100), settings);
    EXPECT_EQ(a.mix(), b.mix());
    EXPECT_EQ(a.stems(), b.stems());
    EXPECT_EQ(a.loop(), b.loop());
}

// Session 11: a stem named by its voice ("cello") gets its group's strip ("strings"), so naming the
// stem changes no sample of the mix.
TEST(MixAndMaster, AVoiceNamedStemIsMixedAsItsGroup) {
    Score score;
    score.tracks.push_back(Track{"cello", 42, 0, false, {}, {}, {}, "strings"});
    score.tracks.push_back(Track{"piano", 0, 0, false, {}, {}, {}});
    const MixSettings settings = mix_settings_for(CueSpec{}, score);
    EXPECT_EQ(stem_mix_of(settings, "cello"), default_stem_mix("strings"));
    EXPECT_NE(default_stem_mix("cello"), default_stem_mix("strings"));
    EXPECT_EQ(stem_mix_of(settings, "piano"), default_stem_mix("piano"));
}

// The strips duck by duck_db, then each range is trimmed to the target drop (render/dialogue_duck.h):
// a steady pad falls by dialogue_drop_db under dialogue and is back after it.
TEST(MixAndMaster, DucksDialogueToTheTargetDrop) {
    const SampleRate rate(22050);
    std::vector<Stem> stems{{"pad", AudioBuffer(rate, 2, static_cast<std::size_t>(rate.hz * 6))}};
    for (auto& ch : stems[0].audio.channels)
        for (std::size_t i = 0; i < ch.size(); ++i)
            ch[i] = static_cast<float>(0.3 * std::sin(2 * std::numbers::pi * 220.0 * static_cast<double>(i) / rate.hz));
    MixSettings settings;
    settings.stems["pad"] = StemMix{0.0, 0.0, {}, 0.0, true};
    settings.duck_ranges.push_back({Samples(rate.hz * 2), Samples(rate.hz * 4)});
    const auto result = mix_and_master(stems, settings);
    const AudioBuffer mix = result.mix();
    auto rms = [&](double from, double to) {
        double e = 0.0;
        const auto a = static_cast<std::size_t>(from * rate.hz), b = static_cast<std::size_t>(to * rate.hz);
        for (std::size_t i = a; i < b; ++i) e += static_cast<double>(mix.channels[0][i]) * static_cast<double>(mix.channels[0][i]);
        return std::sqrt(e / static_cast<double>(b - a));
    };
    EXPECT_NEAR(20.0 * std::log10(rms(2.5, 3.5) / rms(0.5, 1.5)), -settings.dialogue_drop_db, 0.3);
    EXPECT_NEAR(20.0 * std::log10(rms(4.5, 5.5) / rms(0.5, 1.5)), 0.0, 0.3);
}

// What rings in the hall fades with what rings on stage before a hit (render/hit_layers.h), and
// the return is back before the hit's own reverb arrives (pre-delay 20 ms).
TEST(MixAndMaster, TheReverbReturnFadesBeforeAHitAndIsBackForItsOwn) {
    const SampleRate rate(48000);
    MixSettings settings;
    settings.hits = {Samples(33600)};  // 0.7 s
    EXPECT_EQ(reverb_return_gain(settings, rate, 33600 - 4801), 1.0);
    EXPECT_NEAR(reverb_return_gain(settings, rate, 33600 - 2400), 0.5, 1e-9);
    EXPECT_LT(reverb_return_gain(settings, rate, 33599), 1e-5);
    EXPECT_EQ(reverb_return_gain(settings, rate, 33600), 0.0);
    EXPECT_NEAR(reverb_return_gain(settings, rate, 33600 + 240), 0.5, 1e-9);
    EXPECT_EQ(reverb_return_gain(settings, rate, 33600 + 480), 1.0);

    // A strings stem: a tone for 0.5 s, then only its reverb rings.
    AudioBuffer stem(rate, 2, 48000);
    for (std::size_t i = 0; i < 24000; ++i)
        stem.channels[0][i] = stem.channels[1][i] = static_cast<float>(0.3 * std::sin(2 * std::numbers::pi * 330.0 * static_cast<double>(i) / 48000.0));
    const auto through_strip = [&](const MixSettings& s) {
        StemStrip strip(default_stem_mix("strings"), s, rate);
        AudioBuffer out = stem;
        for (std::size_t first = 0; first < 48000; first += 4096) {
            const std::size_t n = std::min<std::size_t>(4096, 48000 - first);
            AudioBuffer block(rate, 2, n);
            for (std::size_t c = 0; c < 2; ++c) std::copy_n(out.channels[c].begin() + static_cast<std::ptrdiff_t>(first), n, block.channels[c].begin());
            strip.process(block, first, n);
            for (std::size_t c = 0; c < 2; ++c) std::copy_n(block.channels[c].begin(), n, out.channels[c].begin() + static_cast<std::ptrdiff_t>(first));
        }
        return out;
    };
    const AudioBuffer plain = through_strip(MixSettings{}), dipped = through_strip(settings);
    const auto peak = [](const AudioBuffer& a, std::size_t from, std::size_t to) {
        float p = 0.0f;
        for (std::size_t i = from; i < to; ++i) p = std::max(p, std::fabs(a.channels[0][i]));
        return p;
    };
    EXPECT_GT(peak(plain, 33120, 33600), 1e-3f) << "the reverb rings into the hit";
    EXPECT_LT(peak(dipped, 33120, 33600), peak(plain, 33120, 33600) * 0.03f);  // the last 10 ms: 30 dB down
    for (std::size_t i = 0; i < 28799; ++i) ASSERT_EQ(dipped.channels[0][i], plain.channels[0][i]) << i;
    for (std::size_t i = 34080; i < 48000; ++i) ASSERT_EQ(dipped.channels[0][i], plain.channels[0][i]) << i;
}

TEST(MixAndMaster, SilenceDoesNotBlowUp) {
    const SampleRate rate(22050);
    std::vector<Stem> stems{{"piano", AudioBuffer(rate, 2, 30000)}, {"bass", AudioBuffer(rate, 2, 30000)}};
    MixSettings settings;
    settings.length = Samples(25000);
    const auto result = mix_and_master(stems, settings);
    EXPECT_EQ(result.mix().frames(), 25000u);
    EXPECT_TRUE(std::isinf(result.integrated_lufs) && result.integrated_lufs < 0);
    EXPECT_FALSE(std::isnan(result.master_gain_db));
    const AudioBuffer mix = result.mix();
    for (const auto& ch : mix.channels)
        for (float x : ch) ASSERT_EQ(x, 0.0f);
}

// A loud target against the true-peak ceiling cannot be met on transient material: the shortfall
// names the target, the measured figure and the ceiling. A quiet target is met, with no warning.
TEST(MixAndMaster, AMissedLoudnessTargetIsExplained) {
    const SampleRate rate(48000);
    MixSettings settings;
    settings.make_loop = false;
    settings.target_lufs = -5.0;
    const auto loud = mix_and_master(synthetic_stems(rate, static_cast<std::size_t>(rate.hz * 4)), settings);
    ASSERT_LT(loud.integrated_lufs, -5.5) << "the fixture no longer shows the limit";
    const auto warning = loudness_shortfall(loud, settings);
    ASSERT_TRUE(warning.has_value());
    EXPECT_NE(warning->find("loudness_lufs"), std::string::npos) << *warning;
    EXPECT_NE(warning->find("-5 LUFS asked"), std::string::npos) << *warning;
    EXPECT_NE(warning->find(decimal_text(loud.integrated_lufs, 1) + " LUFS"), std::string::npos) << *warning;
    EXPECT_NE(warning->find("under -1 dBTP (true_peak_dbtp)"), std::string::npos) << *warning;

    settings.target_lufs = -40.0;
    const auto quiet = mix_and_master(synthetic_stems(rate, static_cast<std::size_t>(rate.hz * 4)), settings);
    EXPECT_NEAR(quiet.integrated_lufs, -40.0, 0.5);
    EXPECT_FALSE(loudness_shortfall(quiet, settings).has_value());

    std::vector<Stem> silent{{"piano", AudioBuffer(rate, 2, 30000)}};
    const auto nothing = mix_and_master(silent, settings);
    ASSERT_TRUE(loudness_shortfall(nothing, settings).has_value());
    EXPECT_NE(loudness_shortfall(nothing, settings)->find("silent"), std::string::npos);
}

TEST(MixAndMaster, LoopWrapsWithoutAClick) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = test::make_test_score(4, 120.0, SampleRate(22050));
    RenderOptions render;
    render.tail = Seconds(2.0);
    MixSettings settings;
    settings.length = score.length_samples;
    const auto result = mix_and_master(render_stems(score, render), settings);
    const AudioBuffer loop = result.loop();
    ASSERT_EQ(loop.frames(), result.mix().frames());
    for (const auto& ch : loop.channels) {
        std::vector<float> steps;
        for (std::size_t i = 1; i < ch.size(); ++i) steps.push_back(std::abs(ch[i] - ch[i - 1]));
        std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() * 99 / 100), steps.end());
        const float typical = steps[steps.size() * 99 / 100];
        EXPECT_LE(std::abs(ch.front() - ch.back()), typical);
    }
    // The tail is really folded in: the loop's start differs from the mix's start.
    EXPECT_GT(residual_db(result.loop(), result.mix()), -60.0);
}

// The streamed path (render straight into strips and spilled stores) gives the in-memory path's
// samples, and spilling changes nothing.
TEST(MixAndMaster, StreamedRenderEqualsTheInMemoryPath) {
    TUNESMITH_REQUIRE_SOUNDFONT();
    const Score score = test::make_test_score(4, 120.0, SampleRate(22050));
    RenderOptions render;
    render.tail = Seconds(1.0);
    MixSettings settings;
    settings.length = score.length_samples;
    settings.duck_ranges.push_back({Samples(5000), Samples(20000)});
    const MixResult in_memory = mix_and_master(render_stems(score, render), settings);
    const auto dir = temp_dir("streamed");
    std::filesystem::create_directories(dir);
    settings.spill_dir = dir;
    const MixResult streamed = render_and_master(score, render, settings);
    EXPECT_EQ(streamed.stem_names, in_memory.stem_names);
    EXPECT_EQ(streamed.mix(), in_memory.mix());
    EXPECT_EQ(streamed.stems(), in_memory.stems());
    EXPECT_EQ(streamed.loop(), in_memory.loop());
    EXPECT_EQ(streamed.integrated_lufs, in_memory.integrated_lufs);
    EXPECT_TRUE(std::filesystem::is_empty(dir));  // spill files are unlinked
    // The digests computed while writing are those of the files as decoded.
    PcmDigests digests;
    const auto files = write_cue_audio(streamed, dir, {"wav", "flac"}, {}, {}, 0, &digests);
    ASSERT_EQ(digests.size(), files.size());
    for (const auto& file : files) EXPECT_EQ(digests.at(file), pcm_digest_of_file(file)) << file;
    EXPECT_EQ(digests.at(dir / "mix.wav"), digests.at(dir / "mix.flac"));
    std::filesystem::remove_all(dir);
}

TEST(WriteCueAudio, UnwritableFolderIsAnInputError) {
    MixResult result;
    result.rate = SampleRate(22050);
    result.length = 100;
    EXPECT_THROW(write_cue_audio(result, "/proc/tunesmith/out", {"wav"}, {}), InputError);
}

}  // namespace
}  // namespace tunesmith
