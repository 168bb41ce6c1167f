// Tests for base/file_io: a write that fails (a full disk: /dev/full) is an OutputError naming the
// file and the system's reason; a good write leaves exactly the bytes.
#include "base/file_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

#include "base/error.h"

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

TEST(FileIo, WritesTheBytes) {
    const fs::path file = fs::temp_directory_path() / ("tunesmith-file-io-" + std::to_string(::getpid()));
    write_file(file, std::string("abc\0def", 7));
    std::ifstream in(file, std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), std::string("abc\0def", 7));
    fs::remove(file);
}

TEST(FileIo, AFullDiskIsAnOutputErrorNamingTheFileAndTheReason) {
    if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
    try {
        write_file("/dev/full", "a small file: the failure must not hide in a buffer");
        FAIL() << "no error";
    } catch (const OutputError& e) {
        EXPECT_EQ(e.field(), "output");
        EXPECT_EQ(e.value(), "/dev/full");
        EXPECT_STREQ(e.what(), "output: cannot write '/dev/full': No space left on device");
    }
}

TEST(FileIo, AMissingFolderIsAnOutputError) {
    EXPECT_THROW(write_file("/nonexistent-tunesmith-dir/cue.json", "{}"), OutputError);
}

}  // namespace
}  // namespace tunesmith
