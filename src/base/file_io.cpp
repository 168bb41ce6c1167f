// write_file through POSIX calls: ofstream buffers and reports a full disk only in its destructor,
// where the error is lost.
#include "base/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/error.h"

namespace tunesmith {
namespace {

bool is_regular(int fd) {
    struct stat info {};
    return ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
}

// Closes a file whose write failed and removes it when it is a plain file: a short file would look
// like a finished one. A device (a path leading to /dev/full) is never removed.
void discard(int fd, const std::filesystem::path& path) {
    const bool regular = is_regular(fd);
    ::close(fd);
    if (regular) ::unlink(path.c_str());
}

}  // namespace

std::string system_reason(int error) { return std::strerror(error); }

void write_file(const std::filesystem::path& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw OutputError(path.string(), system_reason(errno));
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error = errno;
            discard(fd, path);
            throw OutputError(path.string(), system_reason(error));
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    const bool regular = is_regular(fd);
    if (::close(fd) != 0) {
        const int error = errno;
        if (regular) ::unlink(path.c_str());
        throw OutputError(path.string(), system_reason(error));
    }
}

}  // namespace tunesmith
