// `tunesmith analyze AUDIO [--json]`: reads an audio file and prints what it hears - key, tempo,
// beats, chords, sung notes, phrases and loudness - as a readable summary, or the full JSON.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "analyze/analysis.h"
#include "audio/audio_reader.h"
#include "cli/commands.h"
#include "music/pitch.h"

namespace tunesmith::cli {
namespace {

struct AnalyzeFlags {
    std::string path;
    bool json = false;
    bool no_melody = false;
    double max_minutes = 120.0;
};

std::string format_number(double value, int decimals, const char* unit) {
    if (!std::isfinite(value)) return "n/a";
    char text[64];
    std::snprintf(text, sizeof text, "%.*f%s", decimals, value, unit);
    return text;
}

std::string format_time(double seconds) {
    char text[32];
    const int minutes = static_cast<int>(seconds / 60.0);
    std::snprintf(text, sizeof text, "%d:%05.2f", minutes, seconds - 60.0 * minutes);
    return text;
}

void print_line(const std::string& line) { std::printf("%s\n", line.c_str()); }

void print_summary(const std::string& path, const AudioAnalysis& a) {
    print_line("file:      " + path);
    print_line("duration:  " + format_time(a.duration_s) + "  (" + std::to_string(a.rate.hz) + " Hz, " +
               std::to_string(a.channels) + " ch)");
    print_line("key:       " + (a.key.key ? a.key.key->to_string() + " (confidence " +
                                                format_number(a.key.confidence, 2, "") + ")"
                                          : std::string("none")));
    if (a.melody_key.key) print_line("melody in: " + a.melody_key.key->to_string());
    print_line("tempo:     " + (a.beats.empty() ? std::string("no steady beat")
                                                : format_number(a.beats.bpm, 1, " bpm") + ", " +
                                                      std::to_string(a.beats.meter.numerator) + "/" +
                                                      std::to_string(a.beats.meter.denominator) + ", " +
                                                      std::to_string(a.beats.beats.size()) + " beats, " +
                                                      std::to_string(a.beats.downbeats.size()) + " bars"));
    std::string chords;
    for (std::size_t i = 0; i < a.chords.size() && i < 16; ++i) chords += (i ? " " : "") + a.chords[i].symbol(a.key.key);
    if (a.chords.size() > 16) chords += " ...";
    print_line("chords:    " + (chords.empty() ? std::string("none") : chords));
    print_line("notes:     " + std::to_string(a.notes.notes.size()) + " sung notes, tuning " +
               format_number(a.notes.tuning_cents, 0, " cents"));
    std::string melody;
    for (std::size_t i = 0; i < a.notes.notes.size() && i < 24; ++i)
        melody += (i ? " " : "") + midi_pitch_name(a.notes.notes[i].midi_pitch);
    if (!melody.empty()) print_line("           " + melody + (a.notes.notes.size() > 24 ? " ..." : ""));
    print_line("phrases:   " + std::to_string(a.phrases.size()));
    for (const Phrase& phrase : a.phrases)
        print_line("           " + format_time(phrase.start_s) + " - " + format_time(phrase.end_s) + "  (pause " +
                   format_number(phrase.pause_after_s, 2, " s") + ")");
    print_line("loudness:  " + format_number(a.loudness.integrated_lufs, 1, " LUFS integrated") + ", range " +
               format_number(a.loudness.loudness_range_lu, 1, " LU") + ", true peak " +
               format_number(a.loudness.true_peak_dbtp, 1, " dBTP"));
    for (const std::string& warning : a.warnings) print_line("note:      " + warning);
}

}  // namespace

void register_analyze(CLI::App& app, Registry& registry) {
    auto flags = std::make_shared<AnalyzeFlags>();
    CLI::App* command = app.add_subcommand(
        "analyze", "Analyse an audio file (WAV, FLAC, OGG, MP3, M4A): key, tempo, beats, chords, notes, phrases, loudness");
    command->add_option("audio", flags->path, "The audio file to analyse")->required();
    command->add_flag("--json", flags->json, "Print the full result as JSON (f0, notes, beats, chords, phrases, ...)");
    command->add_flag("--no-melody", flags->no_melody, "Skip the sung-melody analysis (f0, notes, phrases)");
    command->add_option("--max-minutes", flags->max_minutes, "Refuse files longer than this")
        ->check(CLI::Range(0.01, 600.0));
    command->callback([flags, &registry] {
        registry.action = [flags] {
            AudioReadOptions read_options;
            read_options.max_duration = Seconds(flags->max_minutes * 60.0);
            const AudioBuffer audio = read_audio_file(flags->path, read_options);
            AnalysisOptions options;
            options.melody = !flags->no_melody;
            Reporter reporter;
            if (!flags->json) {
                reporter.progress = [](std::string_view stage, double fraction) {
                    std::fprintf(stderr, "\r%.*s %3d%%", static_cast<int>(stage.size()), stage.data(),
                                 static_cast<int>(std::lround(fraction * 100.0)));
                    if (fraction >= 1.0) std::fprintf(stderr, "\n");
                };
            }
            const AudioAnalysis analysis = analyze_audio(audio, options, reporter);
            if (flags->json) {
                const std::string text = to_json(analysis).dump(2) + "\n";
                std::fwrite(text.data(), 1, text.size(), stdout);
            } else {
                print_summary(flags->path, analysis);
            }
            return 0;
        };
    });
}

}  // namespace tunesmith::cli
