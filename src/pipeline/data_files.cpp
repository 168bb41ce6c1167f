// Data-file lists per stage. The prompt's come from its loader (spec/lexicon); the others mirror
// their loaders' paths (compose/style, compose/harmonic_rhythm, accompany/sung_beats, rights/check);
// a loader's file that is missing is left out, as the loaders themselves skip optional files.
#include "pipeline/data_files.h"

#include <algorithm>
#include <system_error>

#include "rights/check.h"
#include "spec/lexicon.h"

namespace tunesmith {

namespace fs = std::filesystem;

std::vector<fs::path> prompt_data_files(const fs::path& data_dir) { return lexicon_files(data_dir); }

std::vector<fs::path> style_data_files(const fs::path& data_dir, const std::string& style) {
    return {data_dir / "styles" / (style + ".json"), data_dir / "harmony" / "transitions.json"};
}

std::vector<fs::path> melody_check_data_files(const fs::path& data_dir) {
    std::vector<fs::path> files;
    for (const auto& index_dir : melody_index_dirs(data_dir)) {
        std::error_code ec;
        if (!fs::is_directory(index_dir, ec)) continue;
        for (const auto& entry : fs::directory_iterator(index_dir, ec))
            if (entry.path().extension() == ".tsv") files.push_back(entry.path());
    }
    return files;
}

std::vector<fs::path> accompany_data_files(const fs::path& data_dir) {
    return {data_dir / "harmony" / "transitions.json", data_dir / "harmony" / "harmonic_rhythm.json",
            data_dir / "analysis" / "melody_onset_profile.json", data_dir / "analysis" / "melody_bar_profile.json",
            data_dir / "analysis" / "melody_bar_profile_3_4.json", data_dir / "analysis" / "melody_beat_patterns.json"};
}

std::vector<fs::path> existing_data_files(std::vector<fs::path> files) {
    std::erase_if(files, [](const fs::path& f) {
        std::error_code ec;
        return !fs::is_regular_file(f, ec);
    });
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

}  // namespace tunesmith
