// libFuzzer target: a task list's resource through the kith::calendar task
// codec, as the engine uses it: read_task(), update_task() with every
// change, and write_task() of what was read. Besides never crashing,
// leaking or taking a second, it checks what the codec promises: errors
// are one line, and what it writes it can read again (the only exception
// is a UID libical itself cannot carry: one made of carriage returns,
// which its writer drops).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kith/calendar/Tasks.h"

namespace {

using kith::calendar::Task;

constexpr kith::UnixSeconds kNow = 1767225600;  // 2026-01-01

void check_one_line(const kith::Status& status) {
  if (status.message().find_first_of("\r\n") != std::string::npos) __builtin_trap();
}

// What the codec wrote must read again, with the UID it was given.
void check_readable(const std::string& written, const std::string& uid) {
  kith::Result<Task> again = kith::calendar::read_task(written);
  if (again) {
    if (again->uid.empty()) __builtin_trap();
    return;
  }
  if (uid.find_first_not_of('\r') != std::string::npos || again.status().message() != "the VTODO has no UID")
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  kith::Result<Task> task = kith::calendar::read_task(text);
  if (!task) check_one_line(task.status());

  Task kith_view;
  kith_view.uid = "fuzz@kith";
  kith_view.summary = "Call Dana, re: Q3; soon";
  kith_view.description = "line 1\nline 2";
  kith_view.due = kith::calendar::TaskDue{2026, 1, 15, std::nullopt};
  kith_view.status = kith::calendar::TaskStatus::Completed;
  kith::calendar::TaskChanges all;
  all.summary = all.description = all.due = all.status = true;
  kith::Result<std::string> updated = kith::calendar::update_task(text, kith_view, all, kNow);
  if (!updated) check_one_line(updated.status());

  if (task) {
    check_readable(kith::calendar::write_task(*task, kNow), task->uid);
    if (updated) check_readable(*updated, task->uid);
  }
  return 0;
}
