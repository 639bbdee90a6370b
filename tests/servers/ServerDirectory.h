// The temporary directory a test server lives in, and the files in it.
//
// Every server (Dovecot, Radicale, Xandikos) gets a fresh directory of its
// own so any number can run in parallel processes, writes its config there,
// logs there, and leaves nothing behind. Failures are kith::Status values.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>

#include "kith/Status.h"

namespace kith::testing {

// `parent_dir` as the options give it: "" means /tmp; trailing '/' dropped
// (so <parent>/<name> stays as short as it can: unix socket paths are bounded).
std::string server_parent_dir(const std::string& parent_dir);

// A new directory <server_parent_dir(parent_dir)>/<prefix>XXXXXX (mkdtemp:
// mode 0700, a name no other server has).
kith::Result<std::string> make_server_dir(const std::string& parent_dir, const std::string& prefix);

// Removes `dir` and everything in it, unless the environment variable
// `keep_env` is set to something other than "" or "0": the directory is then
// left for a look after a failed test. An empty `dir` (never made) is ignored.
void remove_server_dir(const std::string& dir, const char* keep_env);

// Replaces the file with `content`, then sets `mode` (chmod, so the umask
// does not decide whether a server running as another user can read it).
kith::Status write_file_with_mode(const std::string& path, const std::string& content, mode_t mode);

// Writes all of `data` to `fd`, through short writes and EINTR; `path` names
// the file in the error. Does not close `fd`.
kith::Status write_all(int fd, const std::string& data, const std::string& path);

// The last `lines` lines of a file (a log), "" if it cannot be read.
std::string read_tail(const std::string& path, std::size_t lines);

bool is_directory(const std::string& path);

}  // namespace kith::testing
