#include "LocalProvider.h"

#include <chrono>
#include <exception>
#include <new>
#include <system_error>
#include <utility>

#include "CalendarSync.h"
#include "ContactsSync.h"
#include "MailSync.h"
#include "MaildirScanner.h"
#include "kith/Boundary.h"
#include "VdirScanner.h"
#include "SyncPass.h"

namespace kith::local {
namespace fs = std::filesystem;

namespace {

// The root named by setting `key` must be a directory.
Status check_root(const char* key, const fs::path& root) {
  std::error_code ec;
  auto status = fs::status(root, ec);
  if (status.type() == fs::file_type::not_found) {
    return Status::account(std::string(key) + " '" + root.string() + "' does not exist");
  }
  if (ec) return Status::account(std::string("cannot read ") + key + " '" + root.string() + "': " + ec.message());
  if (status.type() != fs::file_type::directory) {
    return Status::account(std::string(key) + " '" + root.string() + "' is not a directory");
  }
  return Status::ok();
}

}  // namespace

LocalProvider::LocalProvider(const ProviderContext& context) : LocalProvider(context, Options{}) {}

LocalProvider::LocalProvider(const ProviderContext& context, Options options)
    : context_(context), settings_(LocalSettings::from(context.settings())), options_(std::move(options)) {
}

Status LocalProvider::sync(const SyncState& state, BatchSink& sink) noexcept {
  return at_provider_boundary("local", context_.cancellation(), [&] { return sync_pass(state, sink); });
}

Status LocalProvider::sync_pass(const SyncState& state, BatchSink& sink) {
  if (settings_.maildir) {
    if (Status status = check_root(kMaildirKey, *settings_.maildir); !status) return status;
  }
  if (settings_.vdir) {
    if (Status status = check_root(kVdirKey, *settings_.vdir); !status) return status;
  }
  if (settings_.contacts) {
    if (Status status = check_root(kContactsKey, *settings_.contacts); !status) return status;
  }
  SyncPass pass(context_, settings_, state, sink, context_.now(), options_.batch_size);
  if (settings_.maildir) {
    if (Status status = sync_maildir(pass, *settings_.maildir); !status) return status;
  }
  if (settings_.vdir) {
    if (Status status = sync_vdir(pass, *settings_.vdir); !status) return status;
  }
  if (settings_.contacts) {
    if (Status status = sync_contacts(pass, *settings_.contacts); !status) return status;
  }
  pass.log(LogLevel::Info, "delivered " + std::to_string(pass.items) + " items; " + std::to_string(pass.failures) +
                               " items failed");
  return pass.collection_status();
}

Result<CheckReport> LocalProvider::check() noexcept {
  return at_provider_boundary("local", context_.cancellation(), [&] { return check_pass(); });
}

Result<CheckReport> LocalProvider::check_pass() const {
  CheckReport report;
  report.supported = true;
  const auto list_everything = [](const std::string&) { return false; };
  const auto warn = [this](const std::string& message) { context_.logger().log(LogLevel::Warn, message); };
  if (settings_.maildir) {
    if (Status status = check_root(kMaildirKey, *settings_.maildir); !status) return status;
    auto folders = MaildirScanner(*settings_.maildir, list_everything, warn).folders();
    if (!folders) return folders.status();
    for (const auto& folder : *folders)
      report.collections.push_back({folder.name, to_string(folder.role), !settings_.excluded(folder.name)});
  }
  if (settings_.vdir) {
    if (Status status = check_root(kVdirKey, *settings_.vdir); !status) return status;
    auto calendars = VdirScanner(*settings_.vdir, list_everything, warn).collections();
    if (!calendars) return calendars.status();
    for (const auto& calendar : *calendars)
      report.collections.push_back({calendar.name, "calendar", !settings_.excluded(calendar.name)});
  }
  if (settings_.contacts) {
    if (Status status = check_root(kContactsKey, *settings_.contacts); !status) return status;
    auto books = VdirScanner(*settings_.contacts, list_everything, warn, kAddressBookLayout).collections();
    if (!books) return books.status();
    for (const auto& book : *books)
      report.collections.push_back({book.name, "contacts", !settings_.excluded(book.name)});
  }
  return report;
}

Result<TaskList*> LocalProvider::task_list(std::string_view list, bool create) noexcept {
  return at_provider_boundary("local", [&] { return open_task_list(list, create); });
}

Result<TaskList*> LocalProvider::open_task_list(std::string_view list, bool create) {
  if (auto it = task_lists_.find(list); it != task_lists_.end()) return static_cast<TaskList*>(it->second.get());
  if (!settings_.vdir) {
    std::string message = "account ";
    message += context_.account_name();
    message += " has no vdir setting to hold the reminders list";
    return Status::account(std::move(message));
  }
  Result<std::unique_ptr<VdirTaskList>> opened = VdirTaskList::open(*settings_.vdir, list, context_, create);
  if (!opened) return opened.status();
  if (!*opened) return static_cast<TaskList*>(nullptr);  // none yet, and not to be made
  TaskList* task_list = opened->get();
  task_lists_.emplace(std::string(list), std::move(*opened));
  return task_list;
}

}  // namespace kith::local
