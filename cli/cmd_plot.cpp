// `tunesmith plot score.mid|DIR --out roll.png`: draws a piano roll of a MIDI file (or of a cue
// folder's score.mid): time with bar lines and markers, pitch, one colour per track.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.h"
#include "export/midi_reader.h"
#include "export/piano_roll.h"

namespace tunesmith::cli {

void register_plot(CLI::App& app, Registry& registry) {
    struct Options {
        std::filesystem::path input;
        std::filesystem::path out;
        PianoRollOptions roll;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand("plot", "Draw a piano roll (PNG) of a score.mid or a cue folder");
    command->add_option("input", options->input, "A MIDI file, or a folder holding score.mid")->required();
    command->add_option("--out,-o", options->out, "PNG file to write")->required();
    command->add_option("--width", options->roll.width, "Width in pixels (400..8000)");
    command->add_option("--height", options->roll.height, "Height in pixels (300..8000)");
    command->callback([options, &registry] {
        registry.action = [options] {
            std::filesystem::path midi = options->input;
            if (std::filesystem::is_directory(midi)) midi /= "score.mid";
            const Score score = read_midi_file(midi, SampleRate(48000));
            write_piano_roll_png(score, options->out, options->roll);
            std::printf("%s\n", options->out.c_str());
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
