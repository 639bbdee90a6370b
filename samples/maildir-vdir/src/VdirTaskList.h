// A task list kept as one collection folder of the calendars vdir
// (`<vdir>/<list>/`), one `.ics` file per task, the layout vdirsyncer
// syncs: the reminders Kith writes reach a CalDAV server (and the phone)
// through the user's own vdirsyncer.
//
// Versions (etags) are file_etag(): mtime in nanoseconds, size and inode.
// Writes are atomic (AtomicFile.h) and checked against the version the
// engine names, so a file another program changed or removed is never
// overwritten: put() and remove() answer Conflict or Missing. The check
// and the write are two steps; a program writing the file between them
// (a window of one rename) is not detected, as with vdirsyncer itself.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "kith/Host.h"
#include "kith/Tasks.h"

namespace kith::local {

class VdirTaskList final : public TaskList {
 public:
  // Opens the list `name` of the calendars vdir `vdir`: the folder
  // `<vdir>/<name>`, created (with a `displayname` file holding `name`, as
  // vdirsyncer keeps a collection's name) when absent. An Account error
  // naming the list when `name` cannot be a folder name of the vdir, or
  // the vdir is not a folder. Without `create`, a missing folder is a
  // null list and nothing is made (`kith remind --dry-run`).
  static Result<std::unique_ptr<VdirTaskList>> open(const std::filesystem::path& vdir, std::string_view name,
                                                     const ProviderContext& context, bool create = true);

  VdirTaskList(std::filesystem::path folder, const ProviderContext& context)
      : folder_(std::move(folder)), context_(context) {}
  ~VdirTaskList() = default;

  // Every `*.ics` file of the folder that holds a VTODO, by name. A file
  // larger than kMaxCalendarResourceBytes or unreadable is skipped with a
  // warning; a Collection error when the folder cannot be listed.
  Status read(TaskSink& sink) noexcept override;

  Result<TaskWrite> put(std::string_view name, std::string_view icalendar, std::string_view if_match,
                        std::string& etag) noexcept override;

  Result<TaskWrite> remove(std::string_view name, std::string_view if_match) noexcept override;

  const std::filesystem::path& folder() const noexcept { return folder_; }

 private:
  Status read_files(TaskSink& sink) const;
  Result<TaskWrite> put_file(const std::string& name, std::string_view icalendar, std::string_view if_match,
                             std::string& etag) const;
  Result<TaskWrite> remove_file(const std::string& name, std::string_view if_match) const;
  void warn(const std::string& message) const;

  std::filesystem::path folder_;
  const ProviderContext& context_;
};

// An Item error unless `name` is a task file name put() and remove()
// accept: a bare, non-hidden file name ending in ".ics", no longer than
// kMaxTaskFileNameBytes.
Status check_task_file_name(std::string_view name);

// An Account error unless `list` can be the name of a vdir collection
// folder: not empty, not "." or "..", no '/' or NUL, not hidden.
Status check_task_list_name(std::string_view list);

// Room for the temporary file's suffix within NAME_MAX (255).
inline constexpr std::size_t kMaxTaskFileNameBytes = 200;

}  // namespace kith::local
