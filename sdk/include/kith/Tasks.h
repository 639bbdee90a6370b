// Reminders written back as tasks (since ABI 2.4): the one place where the
// engine writes to what a provider serves.
//
// A task crosses the boundary as the text of one iCalendar object (RFC
// 5545: a VCALENDAR holding one VTODO), never as a struct, so a task can
// gain properties without an ABI change and a provider stores exactly what
// the engine wrote. The engine writes and reads that text with the SDK's
// kith::calendar task helpers (kith/calendar/Tasks.h); a provider only
// keeps resources: a CalDAV href, a file in a vdir folder.
//
// Every write names the version it replaces, as CalDAV's If-Match does, so
// a change the user made elsewhere (on their phone) is never overwritten:
// the write answers Conflict and the engine reads the list again.
//
//   create    put(name, text, if_match = "")   only when `name` is free
//   update    put(name, text, if_match = etag) only when still that version
//   complete  put of the same task with STATUS:COMPLETED, as an update
//   remove    remove(name, if_match = etag)
#pragma once

#include <string>
#include <string_view>

#include "kith/Abi.h"
#include "kith/Status.h"

namespace kith {

// Implemented by the engine: receives what a task list holds.
class KITH_SDK_VISIBLE TaskSink {
 public:
  // One resource of the list. `name`: its name in the list (the CalDAV
  // href, the file name), as put() and remove() take it. `etag`: its
  // current version, opaque, never empty. `icalendar`: its text as the
  // list holds it (the provider may skip resources holding no VTODO).
  virtual void task(std::string_view name, std::string_view etag, std::string_view icalendar) noexcept = 0;

 protected:
  ~TaskSink() = default;
};

// What a write did.
enum class TaskWrite : int {
  Written = 0,   // stored; `etag` (for put) holds the new version, "" when the server did not say
  Conflict = 1,  // the resource is not at the version named (or exists, for a create): nothing written
  Missing = 2,   // the resource is gone (an update or remove of something deleted elsewhere)
};

// Implemented by a provider: one task list (a CalDAV calendar holding
// VTODOs, a vdir folder). Owned by the provider; valid until the provider
// is destroyed. Thread-compatible, like the provider.
class KITH_SDK_VISIBLE TaskList {
 public:
  // Reports every task resource the list holds, through `sink`.
  virtual Status read(TaskSink& sink) noexcept = 0;

  // Writes `icalendar` as resource `name`. `if_match` empty: create, and
  // only if no resource has that name; else replace, and only if the
  // resource is still at version `if_match`. On Written, `etag` is set to
  // the new version ("" when the server did not say; read() tells).
  virtual Result<TaskWrite> put(std::string_view name, std::string_view icalendar, std::string_view if_match,
                                std::string& etag) noexcept = 0;

  // Removes resource `name` if it is still at version `if_match`.
  virtual Result<TaskWrite> remove(std::string_view name, std::string_view if_match) noexcept = 0;

 protected:
  ~TaskList() = default;
};

}  // namespace kith
