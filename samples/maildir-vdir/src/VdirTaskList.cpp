#include "VdirTaskList.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <system_error>
#include <vector>

#include "AtomicFile.h"
#include "IcsContent.h"
#include "LocalFiles.h"
#include "VdirMetadata.h"
#include "kith/Boundary.h"

namespace kith::local {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kIcs = ".ics";

// A new task file is readable by its owner only, as vdirsyncer's atomic
// writes leave them: reminders are private. An update keeps the mode the
// file had.
constexpr mode_t kNewFileMode = 0600;

// `prefix` followed by `name` in double quotes: "reminders list \"x\"".
std::string naming(std::string_view prefix, std::string_view name) {
  std::string out(prefix);
  out += '"';
  out += name;
  out += '"';
  return out;
}

// The file's etag, or the errno of a failed stat (ENOENT: no such file).
struct CurrentVersion {
  std::string etag;
  mode_t mode = 0;
  int error = 0;
};

CurrentVersion current_version(const FolderHandle& folder, const std::string& name) {
  struct stat st {};
  if (::fstatat(folder.fd(), name.c_str(), &st, 0) != 0) return {{}, 0, errno};
  if (!S_ISREG(st.st_mode)) return {{}, 0, EISDIR};
  return {file_etag(st), static_cast<mode_t>(st.st_mode & 07777), 0};
}

// A file of the list as read: its content and the version it was read at.
struct ReadFile {
  std::string text;
  std::string etag;
};

std::string too_large() {
  std::string text = "larger than ";
  text += std::to_string(kMaxCalendarResourceBytes / (1024 * 1024));
  text += " MiB";
  return text;
}

// Reads `path` through one descriptor, taking the etag before the content:
// if the file changes while it is read, the etag is the older one and a
// write naming it fails with Conflict, rather than a write overwriting a
// change never read. std::nullopt when the file is skipped, with `why`
// set (left empty when the file simply vanished).
std::optional<ReadFile> read_task_file(const fs::path& path, std::string& why) {
  // O_NONBLOCK: a FIFO named like a task must not block the read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno != ENOENT) why = std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  std::optional<ReadFile> file;
  if (::fstat(fd, &st) != 0) {
    why = std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    why = "not a regular file";
  } else if (static_cast<std::uint64_t>(st.st_size) > kMaxCalendarResourceBytes) {
    why = too_large();
  } else {
    file.emplace();
    file->etag = file_etag(st);
    file->text.reserve(static_cast<std::size_t>(st.st_size));
    char chunk[65536];
    while (true) {
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        why = std::strerror(errno);
        file.reset();
        break;
      }
      if (n == 0) break;
      // It may have grown since fstat(): the cap holds for what is read.
      if (file->text.size() + static_cast<std::size_t>(n) > kMaxCalendarResourceBytes) {
        why = too_large();
        file.reset();
        break;
      }
      file->text.append(chunk, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return file;
}

}  // namespace

Status check_task_file_name(std::string_view name) {
  const bool bare = !name.empty() && name.front() != '.' && name.find('/') == std::string_view::npos &&
                    name.find('\0') == std::string_view::npos;
  const bool ics = name.size() > kIcs.size() && name.substr(name.size() - kIcs.size()) == kIcs;
  if (bare && ics && name.size() <= kMaxTaskFileNameBytes) return Status::ok();
  std::string shown(name.substr(0, 80));
  std::replace(shown.begin(), shown.end(), '\0', '?');
  return Status::item(naming("task file name ", shown) +
                      " is not a bare, non-hidden file name ending in .ics of at most " +
                      std::to_string(kMaxTaskFileNameBytes) + " bytes");
}

Status check_task_list_name(std::string_view list) {
  const bool usable = !list.empty() && list.front() != '.' && list.find('/') == std::string_view::npos &&
                      list.find('\0') == std::string_view::npos;
  if (usable) return Status::ok();
  std::string shown(list.substr(0, 80));
  std::replace(shown.begin(), shown.end(), '\0', '?');
  return Status::account(naming("reminders list ", shown) +
                         " cannot be a folder of the vdir: it must be a folder name, not empty, without '/' "
                         "and not starting with '.'");
}

Result<std::unique_ptr<VdirTaskList>> VdirTaskList::open(const fs::path& vdir, std::string_view name,
                                                         const ProviderContext& context, bool create) {
  if (Status status = check_task_list_name(name); !status) return status;
  const std::string list(name);
  std::error_code ec;
  // The vdir itself must be there: creating it (or the list in a vdir on an
  // unmounted disk) would put the reminders where nothing syncs them.
  if (!fs::is_directory(vdir, ec)) {
    return Status::account(naming("cannot open reminders list ", list) + ": vdir '" + vdir.string() +
                           "' is not a folder");
  }
  const fs::path folder = vdir / list;
  if (!create && !fs::exists(fs::symlink_status(folder, ec))) return std::unique_ptr<VdirTaskList>();
  // Private, like the task files in it.
  if (::mkdir(folder.c_str(), 0700) == 0) {
    context.logger().log(LogLevel::Info, "created reminders list folder '" + folder.string() + "'");
    if (Status status = write_display_name(folder, list); !status) {
      context.logger().log(LogLevel::Warn, naming("reminders list ", list) + ": " + status.message());
    }
  } else if (errno != EEXIST) {
    return Status::account("cannot create reminders list folder '" + folder.string() + "': " + std::strerror(errno));
  }
  if (!fs::is_directory(folder, ec)) {
    return Status::account(naming("reminders list ", list) + ": '" + folder.string() + "' is not a folder");
  }
  return std::make_unique<VdirTaskList>(folder, context);
}

void VdirTaskList::warn(const std::string& message) const { context_.logger().log(LogLevel::Warn, message); }

Status VdirTaskList::read(TaskSink& sink) noexcept {
  return at_provider_boundary("local", [&] { return read_files(sink); });
}

Status VdirTaskList::read_files(TaskSink& sink) const {
  // Only names put() and remove() accept: a task the engine could read but
  // never update or remove would come back as a duplicate.
  std::vector<std::string> names;
  std::error_code ec;
  fs::directory_iterator it(folder_, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (check_task_file_name(name)) names.push_back(std::move(name));
  }
  if (ec) return Status::collection("cannot list reminders folder '" + folder_.string() + "': " + ec.message());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string why;
    const std::optional<ReadFile> file = read_task_file(folder_ / name, why);
    if (!file) {
      if (!why.empty()) warn("reminders list '" + folder_.string() + "': " + name + " skipped: " + why);
      continue;
    }
    if (!holds_component(file->text, "VTODO")) continue;  // an event or a journal in the same folder
    sink.task(name, file->etag, file->text);
  }
  return Status::ok();
}

Result<TaskWrite> VdirTaskList::put(std::string_view name, std::string_view icalendar, std::string_view if_match,
                                    std::string& etag) noexcept {
  return at_provider_boundary("local", [&]() -> Result<TaskWrite> {
    if (Status status = check_task_file_name(name); !status) return status;
    return put_file(std::string(name), icalendar, if_match, etag);
  });
}

Result<TaskWrite> VdirTaskList::put_file(const std::string& name, std::string_view icalendar,
                                         std::string_view if_match, std::string& etag) const {
  if (icalendar.size() > kMaxCalendarResourceBytes) {
    // read() would skip it: never write what cannot be read back.
    return Status::item("task " + name + " is " + too_large());
  }
  Result<FolderHandle> folder = FolderHandle::open(folder_);
  if (!folder) return folder.status();

  mode_t mode = kNewFileMode;
  if (!if_match.empty()) {
    // An update: the file must be at the version named. Checked now, so
    // nothing is written for nothing, and again right before the rename.
    const CurrentVersion before = current_version(*folder, name);
    if (before.error == ENOENT) return TaskWrite::Missing;
    if (before.error != 0) return file_error("cannot read", folder_ / name, before.error);
    if (before.etag != if_match) return TaskWrite::Conflict;
    mode = before.mode;
  }

  Result<PendingFile> pending = PendingFile::write(*folder, name, icalendar, mode);
  if (!pending) return pending.status();

  if (if_match.empty()) {
    // A create: only if the name is free, in the same step as taking it.
    Result<bool> placed = pending->place_if_free();
    if (!placed) return placed.status();
    if (!*placed) return TaskWrite::Conflict;
  } else {
    // The content took time to write: the version is checked once more
    // right before the rename. (A write by another program between this
    // check and the rename is not seen; see VdirTaskList.h.)
    const CurrentVersion now = current_version(*folder, name);
    if (now.error == ENOENT) return TaskWrite::Missing;
    if (now.error != 0) return file_error("cannot read", folder_ / name, now.error);
    if (now.etag != if_match) return TaskWrite::Conflict;
    if (Status status = pending->place_replacing(); !status) return status;
  }
  etag = pending->etag();
  if (Status status = folder->sync(); !status) warn(status.message());  // written; only its durability is unsure
  return TaskWrite::Written;
}

Result<TaskWrite> VdirTaskList::remove(std::string_view name, std::string_view if_match) noexcept {
  return at_provider_boundary("local", [&]() -> Result<TaskWrite> {
    if (Status status = check_task_file_name(name); !status) return status;
    return remove_file(std::string(name), if_match);
  });
}

Result<TaskWrite> VdirTaskList::remove_file(const std::string& name, std::string_view if_match) const {
  Result<FolderHandle> folder = FolderHandle::open(folder_);
  if (!folder) return folder.status();
  const CurrentVersion now = current_version(*folder, name);
  if (now.error == ENOENT) return TaskWrite::Missing;
  if (now.error != 0) return file_error("cannot read", folder_ / name, now.error);
  if (now.etag != if_match) return TaskWrite::Conflict;
  if (::unlinkat(folder->fd(), name.c_str(), 0) != 0) {
    if (errno == ENOENT) return TaskWrite::Missing;
    return file_error("cannot remove", folder_ / name, errno);
  }
  if (Status status = folder->sync(); !status) warn(status.message());
  return TaskWrite::Written;
}

}  // namespace kith::local
