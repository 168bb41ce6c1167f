// `tunesmith plot INPUT --out PICTURE.png`: a piano roll of a MIDI file (or of a cue folder's
// score.mid), or, for an audio file, its waveform and spectrogram with the cue's section and hit
// markers when a cue.json sits beside it.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "audio/audio_reader.h"
#include "cli/commands.h"
#include "export/audio_plot.h"
#include "export/midi_reader.h"
#include "export/piano_roll.h"

namespace tunesmith::cli {
namespace {

namespace fs = std::filesystem;

bool is_midi(const fs::path& path) {
    const std::string ext = path.extension().string();
    return ext == ".mid" || ext == ".midi" || ext == ".MID";
}

// Section starts and hit points from the cue.json beside an audio file (none if absent/unreadable).
std::vector<AudioPlotMarker> cue_markers(const fs::path& audio) {
    std::ifstream in(audio.parent_path() / "cue.json");
    std::vector<AudioPlotMarker> markers;
    if (!in) return markers;
    const nlohmann::json cue = nlohmann::json::parse(in, nullptr, false);
    if (cue.is_discarded() || !cue.contains("plan")) return markers;
    for (const auto& s : cue["plan"].value("sections", nlohmann::json::array()))
        markers.push_back({Samples(s.value("start_sample", std::int64_t{0})), "section"});
    for (const auto& h : cue["plan"].value("hits", nlohmann::json::array()))
        markers.push_back({Samples(h.value("sample", std::int64_t{0})), "hit"});
    return markers;
}

}  // namespace

void register_plot(CLI::App& app, Registry& registry) {
    struct Options {
        fs::path input;
        fs::path out;
        int width = 1600;
        int height = 900;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand(
        "plot", "Draw a PNG: a piano roll of a score.mid or cue folder, or waveform + spectrogram of an audio file");
    command->add_option("input", options->input, "A MIDI file, a folder holding score.mid, or an audio file")
        ->required();
    command->add_option("--out,-o", options->out, "PNG file to write")->required();
    command->add_option("--width", options->width, "Width in pixels (400..8000)");
    command->add_option("--height", options->height, "Height in pixels (300..8000)");
    command->callback([options, &registry] {
        registry.action = [options] {
            fs::path input = options->input;
            if (fs::is_directory(input)) input /= "score.mid";
            if (is_midi(input)) {
                const Score score = read_midi_file(input, SampleRate(48000));
                write_piano_roll_png(score, options->out, PianoRollOptions{options->width, options->height});
            } else {
                AudioPlotOptions plot;
                plot.width = options->width;
                plot.height = options->height;
                plot.markers = cue_markers(input);
                write_audio_plot_png(read_audio_file(input), options->out, plot);
            }
            std::printf("%s\n", options->out.c_str());
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
