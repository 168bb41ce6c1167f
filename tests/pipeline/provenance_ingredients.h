// Test helper: the file names a folder's provenance.json lists as ingredients ("data_files" or
// "inputs"), sorted.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tunesmith::testing {

inline std::vector<std::string> provenance_ingredients(const std::filesystem::path& folder, const std::string& kind) {
    std::ifstream in(folder / "provenance.json");
    const nlohmann::json record = nlohmann::json::parse(in);
    std::vector<std::string> names;
    for (const auto& assertion : record["claim"]["assertions"])
        if (assertion["label"] == "tunesmith.ingredients")
            for (const auto& file : assertion["data"][kind]) names.push_back(file["name"].get<std::string>());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace tunesmith::testing
