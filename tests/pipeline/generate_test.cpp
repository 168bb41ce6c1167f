// Tests for src/pipeline/generate.cpp and staging_dir.cpp: exactly the expected files, nothing
// left behind on error, earlier cues replaced but foreign folders refused, byte-identical
// reruns, variations, and a MIDI that reads back as the composed Score.
#include "pipeline/generate.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "base/error.h"
#include "audio/audio_reader.h"
#include "export/midi_reader.h"
#include "provenance_ingredients.h"
#include "render/render.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

class GenerateTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("tunesmith-generate-test-" +
                                             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(root_);
        fs::create_directories(root_);
    }
    void TearDown() override { fs::remove_all(root_); }

    static CueSpec short_spec() {
        CueSpec spec;
        spec.prompt = "test cue";
        spec.key = *Key::parse("G minor");
        spec.bpm = 110.0;
        spec.length = Seconds(12.0);
        spec.hits = {HitSpec{Seconds(6.5), "hit"}};
        spec.seed = 42;
        return spec;
    }
    GenerateOptions midi_only(const std::string& name) const {
        GenerateOptions options;
        options.out_dir = root_ / name;
        options.audio = false;
        options.threads = 2;
        return options;
    }
    // Every regular file under `dir`, relative, sorted.
    static std::set<std::string> files_under(const fs::path& dir) {
        std::set<std::string> out;
        for (const auto& entry : fs::recursive_directory_iterator(dir))
            if (entry.is_regular_file()) out.insert(entry.path().lexically_relative(dir).string());
        return out;
    }
    std::set<std::string> entries_of_root() const {
        std::set<std::string> out;
        for (const auto& entry : fs::directory_iterator(root_)) out.insert(entry.path().filename().string());
        return out;
    }
    static std::string bytes_of(const fs::path& path) {
        std::ifstream file(path, std::ios::binary);
        std::stringstream text;
        text << file.rdbuf();
        return text.str();
    }

    fs::path root_;
};

TEST_F(GenerateTest, WritesExactlyTheExpectedFiles) {
    const GenerateResult result = generate(short_spec(), midi_only("cue"));
    EXPECT_EQ(files_under(root_ / "cue"), (std::set<std::string>{"cue.json", "score.mid", "provenance.json"}));
    EXPECT_EQ(entries_of_root(), (std::set<std::string>{"cue"})) << "no staging folder is left";
    ASSERT_EQ(result.files.size(), 3u);
    for (const auto& file : result.files) EXPECT_TRUE(fs::exists(file)) << file;
    EXPECT_EQ(result.out_dir, fs::absolute(root_ / "cue").lexically_normal());
    EXPECT_FALSE(result.score.tracks.empty());
    EXPECT_EQ(result.plan.length_samples, Samples(12 * 48000));
}

TEST_F(GenerateTest, SameSpecGivesIdenticalBytes) {
    // The provenance record's creation time is the only clock read; pin it as reproducible builds do.
    ::setenv("SOURCE_DATE_EPOCH", "1764000000", 1);
    generate(short_spec(), midi_only("a"));
    generate(short_spec(), midi_only("b"));
    for (const char* name : {"score.mid", "cue.json"}) {
        const std::string a = bytes_of(root_ / "a" / name);
        EXPECT_FALSE(a.empty());
        EXPECT_EQ(a, bytes_of(root_ / "b" / name)) << name;
    }
    ::unsetenv("SOURCE_DATE_EPOCH");
}

TEST_F(GenerateTest, MidiReadsBackAsTheComposedScore) {
    const GenerateResult result = generate(short_spec(), midi_only("cue"));
    const Score back = read_midi_file(root_ / "cue" / "score.mid", SampleRate(48000));
    EXPECT_EQ(back.tempo, result.score.tempo);
    EXPECT_EQ(back.length_samples, result.score.length_samples);
    EXPECT_EQ(back.key, result.score.key);
    EXPECT_EQ(back.markers, result.score.markers);
    ASSERT_EQ(back.tracks.size(), result.score.tracks.size());
    for (std::size_t i = 0; i < back.tracks.size(); ++i) {
        EXPECT_EQ(back.tracks[i].name, result.score.tracks[i].name);
        EXPECT_EQ(back.tracks[i].notes.size(), result.score.tracks[i].notes.size());
    }
}

// What the plan could not do as asked (two hits a few hundred ms apart cannot both land on beats)
// reaches the caller's reporter, not only cue.json.
TEST_F(GenerateTest, PlanWarningsAreReported) {
    CueSpec spec = short_spec();
    spec.hits = {HitSpec{Seconds(6.5), "hit"}, HitSpec{Seconds(6.7), "hit"}};
    std::vector<std::string> warned;
    Reporter reporter;
    reporter.log = [&](LogLevel level, std::string_view message) {
        if (level == LogLevel::warning) warned.emplace_back(message);
    };
    const GenerateResult result = generate(spec, midi_only("cue"), reporter);
    ASSERT_FALSE(result.plan.warnings.empty());
    for (const std::string& w : result.plan.warnings)
        EXPECT_NE(std::find(warned.begin(), warned.end(), w), warned.end()) << "not reported: " << w;
}

TEST_F(GenerateTest, UnwritableOutputIsAnInputErrorAndLeavesNothing) {
    std::ofstream(root_ / "a-file") << "x";
    GenerateOptions options = midi_only("a-file/cue");
    EXPECT_THROW(generate(short_spec(), options), InputError);
    options.out_dir = root_ / "a-file";
    EXPECT_THROW(generate(short_spec(), options), InputError);
    EXPECT_EQ(entries_of_root(), (std::set<std::string>{"a-file"}));
}

// A disk that fills up during the run (a file-size limit stands in, in a child process) is an
// OutputError naming the file and the reason, not an internal error, and leaves nothing behind.
TEST_F(GenerateTest, AFullDiskIsAnOutputErrorAndLeavesNothing) {
    CueSpec spec = short_spec();
    spec.length = Seconds(4.0);
    spec.hits.clear();
    const auto generate_on_a_small_disk = [&](const GenerateOptions& options, rlim_t bytes) {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{bytes, bytes};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        try {
            generate(spec, options);
        } catch (const OutputError& e) {
            std::fprintf(stderr, "%s\n", e.what());
            std::exit(fs::is_empty(root_) ? 0 : 1);
        }
        std::exit(1);
    };
    // A file of the cue folder (staged beside it) cannot be written: score.mid fits, cue.json not.
    EXPECT_EXIT(generate_on_a_small_disk(midi_only("cue"), 2048), ::testing::ExitedWithCode(0),
                "output: cannot write '.*/\\.cue\\.partial-.*/cue\\.json': File too large");
    EXPECT_TRUE(fs::is_empty(root_));
    if (default_soundfont().empty()) GTEST_SKIP() << "no General MIDI SoundFont installed";
    GenerateOptions audio = midi_only("cue");
    audio.audio = true;  // the render's SoundFont subset is the first large file
    EXPECT_EXIT(generate_on_a_small_disk(audio, 64 << 10), ::testing::ExitedWithCode(0),
                "output: cannot write '.*': File too large");
    EXPECT_TRUE(fs::is_empty(root_));
}

// The record lists the data generate read: the prompt's lexicon and artist policy (only when a
// request was resolved), the style used with its harmony model, and the known-melody index.
TEST_F(GenerateTest, ProvenanceNamesTheDataGenerateRead) {
    SpecRequest request;
    request.prompt = "jazz, 8 seconds";
    const GenerateResult resolved = generate(request, midi_only("resolved"));
    ASSERT_EQ(resolved.cues.front().style, "jazz");
    EXPECT_EQ(testing::provenance_ingredients(root_ / "resolved", "data_files"),
              (std::vector<std::string>{"artists.txt", "artists_extra.txt", "jazz.json", "lexicon.json", "pop909.tsv",
                                        "real_words_near_lexicon.txt", "transitions.json"}));
    CueSpec spec = short_spec();
    spec.style = {"jazz"};
    generate(spec, midi_only("spec"));
    EXPECT_EQ(testing::provenance_ingredients(root_ / "spec", "data_files"),
              (std::vector<std::string>{"jazz.json", "pop909.tsv", "transitions.json"}));
}

TEST_F(GenerateTest, ForeignFolderIsRefusedAndEarlierCueReplaced) {
    fs::create_directories(root_ / "documents");
    std::ofstream(root_ / "documents" / "letter.txt") << "keep me";
    EXPECT_THROW(generate(short_spec(), midi_only("documents")), InputError);
    EXPECT_EQ(files_under(root_ / "documents"), (std::set<std::string>{"letter.txt"}));

    generate(short_spec(), midi_only("cue"));
    CueSpec other = short_spec();
    other.seed = 7;
    generate(other, midi_only("cue"));
    EXPECT_NE(bytes_of(root_ / "cue" / "cue.json").find("\"seed\": 7"), std::string::npos);
    EXPECT_EQ(entries_of_root(), (std::set<std::string>{"cue", "documents"}));
}

TEST_F(GenerateTest, SpecThatCannotBeHonouredLeavesNothing) {
    CueSpec spec = short_spec();
    spec.hits = {HitSpec{Seconds(30.0), "hit"}};  // after the end
    EXPECT_THROW(generate(spec, midi_only("cue")), InputError);
    EXPECT_TRUE(entries_of_root().empty());
}

TEST_F(GenerateTest, VariationsDifferOnlyInNotes) {
    GenerateOptions options = midi_only("cue");
    options.variations = 2;
    const GenerateResult result = generate(short_spec(), options);
    EXPECT_EQ(files_under(root_ / "cue"),
              (std::set<std::string>{"v1/cue.json", "v1/score.mid", "v1/provenance.json", "v2/cue.json",
                                     "v2/score.mid", "v2/provenance.json"}));
    ASSERT_EQ(result.cues.size(), 2u);
    EXPECT_EQ(result.cues[1].spec.seed, 43u);
    EXPECT_EQ(result.cues[0].plan.tempo, result.cues[1].plan.tempo);
    EXPECT_NE(bytes_of(root_ / "cue" / "v1" / "score.mid"), bytes_of(root_ / "cue" / "v2" / "score.mid"));
    EXPECT_EQ(result.cues[0].plan.hits, result.cues[1].plan.hits);
    generate(short_spec(), options);  // a folder of versions is an earlier cue: replaced
    options.variations = 0;
    EXPECT_THROW(generate(short_spec(), options), InputError);
}

TEST_F(GenerateTest, WindowBarsOutOfRangeIsAnInputErrorNamingTheFlag) {
    for (int bars : {-1, 65}) {
        GenerateOptions options = midi_only("cue");
        options.window_bars = bars;
        try {
            generate(short_spec(), options);
            ADD_FAILURE() << "window_bars " << bars << " accepted";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("window-bars"), std::string::npos) << e.what();
        }
        EXPECT_FALSE(std::filesystem::exists(root_ / "cue")) << "nothing written";
    }
}

TEST_F(GenerateTest, PromptRequestResolvesFirst) {
    SpecRequest request;
    request.prompt = "calm piano in A major, 80 bpm, 10 seconds";
    const GenerateResult result = generate(request, midi_only("cue"));
    EXPECT_EQ(result.cues.front().spec.key.to_string(), "A major");
    EXPECT_EQ(result.plan.length_samples, Samples(10 * 48000));
}

TEST_F(GenerateTest, AudioCueHasMixAndOneStemPerTrack) {
    if (default_soundfont().empty()) GTEST_SKIP() << "no General MIDI SoundFont installed";
    CueSpec spec = short_spec();
    spec.length = Seconds(6.0);
    spec.hits.clear();
    GenerateOptions options = midi_only("cue");
    options.audio = true;
    options.formats = {"wav"};
    const GenerateResult result = generate(spec, options);
    const auto expected = expected_cue_files(result.score, {"wav"}, true, false);
    EXPECT_EQ(files_under(root_ / "cue"), std::set<std::string>(expected.begin(), expected.end()));
    ASSERT_TRUE(result.cues.front().integrated_lufs.has_value());
    EXPECT_NEAR(*result.cues.front().integrated_lufs, spec.loudness_lufs, 1.5);
}

// Session 11: when the spec names a voice, its stem is named by it (stems/cello.wav, not
// stems/strings.wav), cue.json lists it with its group, and the stems still sum to the mix.
TEST_F(GenerateTest, StemsAreNamedByTheVoiceThatPlays) {
    if (default_soundfont().empty()) GTEST_SKIP() << "no General MIDI SoundFont installed";
    CueSpec spec = short_spec();
    spec.length = Seconds(4.0);
    spec.hits.clear();
    spec.instruments.include = {"piano", "strings"};
    spec.instruments.voices = {{"strings", {"cello"}}};
    GenerateOptions options = midi_only("cue");
    options.audio = true;
    options.formats = {"wav"};
    const GenerateResult result = generate(spec, options);
    const fs::path stems = root_ / "cue" / "stems";
    EXPECT_TRUE(fs::exists(stems / "cello.wav"));
    EXPECT_TRUE(fs::exists(stems / "piano.wav"));
    EXPECT_FALSE(fs::exists(stems / "strings.wav"));
    const auto sheet = nlohmann::json::parse(bytes_of(root_ / "cue" / "cue.json"));
    std::map<std::string, std::string> groups;
    for (const auto& t : sheet["tracks"]) groups[t["name"]] = t["group"];
    EXPECT_EQ(groups, (std::map<std::string, std::string>{{"cello", "strings"}, {"piano", "piano"}}));
    const AudioBuffer mix = read_audio_file(root_ / "cue" / "mix.wav");
    const AudioBuffer cello = read_audio_file(stems / "cello.wav");
    const AudioBuffer piano = read_audio_file(stems / "piano.wav");
    double worst = 0.0;
    for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t i = 0; i < mix.frames(); ++i)
            worst = std::max(worst, std::abs(static_cast<double>(mix.channels[c][i]) -
                                             static_cast<double>(cello.channels[c][i]) -
                                             static_cast<double>(piano.channels[c][i])));
    EXPECT_LT(worst, 1e-5);  // 24-bit rounding of three files
}

// Session 12: a string quartet is four players of one group: four stems named by voice (two violins
// numbered), cue.json says each one's group and voice, the stems sum to the mix, and the same spec
// and seed give the same bytes.
TEST_F(GenerateTest, AQuartetHasAStemPerPlayerThatSumToTheMix) {
    if (default_soundfont().empty()) GTEST_SKIP() << "no General MIDI SoundFont installed";
    CueSpec spec = short_spec();
    spec.length = Seconds(4.0);
    spec.hits = {HitSpec{Seconds(2.0), "hit"}};
    spec.instruments.include = {"strings"};
    spec.instruments.voices = {{"strings", {"violin", "violin", "viola", "cello"}}};
    GenerateOptions options = midi_only("a");
    options.audio = true;
    options.formats = {"wav"};
    generate(spec, options);
    const fs::path cue = root_ / "a";
    const std::vector<std::string> names{"violin_1", "violin_2", "viola", "cello"};
    std::set<std::string> expected;
    for (const auto& name : names) expected.insert("stems/" + name + ".wav");
    std::set<std::string> stems;
    for (const auto& f : files_under(cue))
        if (f.starts_with("stems/")) stems.insert(f);
    EXPECT_EQ(stems, expected);
    const auto sheet = nlohmann::json::parse(bytes_of(cue / "cue.json"));
    ASSERT_EQ(sheet["tracks"].size(), 4u);
    for (std::size_t i = 0; i < names.size(); ++i) {
        EXPECT_EQ(sheet["tracks"][i]["name"], names[i]);
        EXPECT_EQ(sheet["tracks"][i]["group"], "strings");
        EXPECT_EQ(sheet["tracks"][i]["voice"], names[i].substr(0, names[i].find('_')));
    }
    EXPECT_EQ(sheet["spec"]["instruments"]["voices"]["strings"], (nlohmann::json{"violin", "violin", "viola", "cello"}));
    const AudioBuffer mix = read_audio_file(cue / "mix.wav");
    std::vector<AudioBuffer> parts;
    for (const auto& name : names) parts.push_back(read_audio_file(cue / "stems" / (name + ".wav")));
    double worst = 0.0;
    for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t i = 0; i < mix.frames(); ++i) {
            double sum = 0.0;
            for (const auto& part : parts) sum += static_cast<double>(part.channels[c][i]);
            worst = std::max(worst, std::abs(static_cast<double>(mix.channels[c][i]) - sum));
        }
    EXPECT_LT(worst, 2e-5);  // 24-bit rounding of five files
    // Same spec and seed, same bytes (the provenance record's time pinned as reproducible builds do).
    ::setenv("SOURCE_DATE_EPOCH", "1764000000", 1);
    options.out_dir = root_ / "b";
    generate(spec, options);
    options.out_dir = root_ / "c";
    generate(spec, options);
    ::unsetenv("SOURCE_DATE_EPOCH");
    for (const char* name : {"mix.wav", "score.mid", "cue.json", "stems/violin_2.wav"})
        EXPECT_TRUE(bytes_of(root_ / "b" / name) == bytes_of(root_ / "c" / name)) << name;
}

TEST_F(GenerateTest, EditedMidiRendersAtTheSpecLength) {
    if (default_soundfont().empty()) GTEST_SKIP() << "no General MIDI SoundFont installed";
    CueSpec spec = short_spec();
    spec.length = Seconds(5.0);
    spec.hits.clear();
    const GenerateResult composed = generate(spec, midi_only("cue"));
    GenerateOptions options = midi_only("edited");
    options.audio = true;
    options.formats = {"wav"};
    const GenerateResult rendered = render_midi(root_ / "cue" / "score.mid", spec, true, options);
    EXPECT_EQ(rendered.score.length_samples, Samples(5 * 48000));
    EXPECT_TRUE(fs::exists(root_ / "edited" / "mix.wav"));
    for (const auto& track : composed.score.tracks)
        EXPECT_TRUE(fs::exists(root_ / "edited" / "stems" / (track.name + ".wav"))) << track.name;
}

TEST_F(GenerateTest, RenderOfANonMidiFileIsAnInputErrorAndLeavesNothing) {
    if (default_soundfont().empty()) GTEST_SKIP() << "no General MIDI SoundFont installed";
    const fs::path not_midi = root_ / "notes.txt";
    std::ofstream(not_midi) << "these are not MIDI bytes";
    GenerateOptions options = midi_only("out");
    options.audio = true;
    EXPECT_THROW(render_midi(not_midi, short_spec(), false, options), InputError);
    EXPECT_EQ(entries_of_root(), std::set<std::string>{"notes.txt"});
}

}  // namespace
}  // namespace tunesmith
