// Staging folder creation, the safety checks on what may be replaced, and the final renames.
#include "pipeline/staging_dir.h"

#include <unistd.h>

#include <string>
#include <system_error>

#include "base/error.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

constexpr const char* kAccepted = "a new folder, an empty folder or an earlier tunesmith output folder";

fs::path normalised(const fs::path& target) {
    if (target.empty()) throw InputError("out", "", "an output folder path");
    fs::path p = fs::absolute(target).lexically_normal();
    if (!p.has_filename()) p = p.parent_path();
    return p;
}

// A sibling of `target` that does not exist yet, created (or reserved) atomically.
fs::path create_sibling(const fs::path& target, const std::string& tag) {
    const std::string stem = "." + target.filename().string() + "." + tag + "-" + std::to_string(::getpid()) + "-";
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const fs::path candidate = target.parent_path() / (stem + std::to_string(attempt));
        std::error_code ec;
        if (fs::create_directory(candidate, ec)) return candidate;
        if (ec && ec != std::errc::file_exists)
            throw InputError("out", target.string(), std::string(kAccepted) + " in a writable location (" + ec.message() + ")");
    }
    throw InputError("out", target.string(), "a location without 1000 leftover staging folders");
}

void check_replaceable(const fs::path& target) {
    std::error_code ec;
    const auto status = fs::status(target, ec);
    if (!fs::exists(status)) return;
    if (!fs::is_directory(status)) throw InputError("out", target.string() + " is a file", kAccepted);
    if (fs::is_empty(target, ec) || fs::exists(target / "cue.json", ec) || fs::exists(target / "v1" / "cue.json", ec))
        return;
    throw InputError("out", target.string() + " holds other files", kAccepted);
}

}  // namespace

StagingDir::StagingDir(fs::path target) : target_(normalised(target)) {
    check_replaceable(target_);
    std::error_code ec;
    fs::create_directories(target_.parent_path(), ec);
    if (ec) throw InputError("out", target_.string(), std::string(kAccepted) + " (" + ec.message() + ")");
    staging_ = create_sibling(target_, "partial");
}

StagingDir::~StagingDir() {
    if (committed_) return;
    std::error_code ignored;  // best effort: a destructor must not throw
    fs::remove_all(staging_, ignored);
}

fs::path StagingDir::final_path(const fs::path& staged) const {
    return target_ / staged.lexically_relative(staging_);
}

void StagingDir::commit() {
    std::error_code ec;
    fs::path old;
    if (fs::exists(target_, ec)) {
        check_replaceable(target_);
        old = create_sibling(target_, "old");
        fs::remove(old, ec);  // rename needs the name free
        fs::rename(target_, old, ec);
        if (ec) throw InputError("out", target_.string(), std::string(kAccepted) + " (" + ec.message() + ")");
    }
    fs::rename(staging_, target_, ec);
    if (ec) {
        std::error_code ignored;
        if (!old.empty()) fs::rename(old, target_, ignored);  // put the earlier cue back
        throw InputError("out", target_.string(), std::string(kAccepted) + " (" + ec.message() + ")");
    }
    committed_ = true;
    if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace tunesmith
