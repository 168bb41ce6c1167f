// A staging folder next to an output folder: everything is written there and renamed into place
// at the end, so a failed or interrupted run leaves no partial output. RAII: the destructor
// removes the staging folder unless commit() succeeded. Not thread-safe (one owner).
#pragma once

#include <filesystem>

namespace tunesmith {

class StagingDir {
public:
    // Checks that `target` can be (re)placed and creates `<parent>/.<name>.partial-<pid>-<n>`.
    // InputError("out", target, ...) if the target is a file, a non-empty folder that is not an
    // earlier cue (no cue.json), or the parent folder cannot be created or written.
    explicit StagingDir(std::filesystem::path target);
    ~StagingDir();
    StagingDir(const StagingDir&) = delete;
    StagingDir& operator=(const StagingDir&) = delete;

    const std::filesystem::path& path() const { return staging_; }
    const std::filesystem::path& target() const { return target_; }
    // The final location of a path inside the staging folder.
    std::filesystem::path final_path(const std::filesystem::path& staged) const;

    // Renames the staging folder to the target, replacing an earlier cue folder there.
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path staging_;
    bool committed_ = false;
};

}  // namespace tunesmith
