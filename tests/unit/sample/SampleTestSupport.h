// Test doubles for the SDK's host interfaces (context, settings, logger,
// cancellation, sink) and small file helpers for the `local` provider tests.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "LocalFiles.h"
#include "../support/FakeProviderContext.h"
#include "kith/Host.h"
#include "kith/Provider.h"
#include "kith/host/BatchCollector.h"

namespace kith::test {

namespace fs = std::filesystem;

struct Failure {
  std::string collection;
  std::string item;
  Status why;
};

// Records what a provider delivers and keeps the cursors the way the engine
// would: only those of successfully committed batches.
class RecordingSink final : public BatchCollector {
 public:
  // Called before each commit; a non-OK result refuses the batch.
  std::function<Status(const Batch&)> on_commit;

  Status on_batch(Batch& batch) noexcept override {
    ++commit_calls;
    if (on_commit) {
      Status status = on_commit(batch);
      if (!status) return status;
    }
    batches.push_back(batch);
    if (batch.cursor) state.cursors[batch.collection] = *batch.cursor;
    return Status::ok();
  }
  void item_failed(std::string_view collection, std::string_view item, const Status& why) noexcept override {
    failures.push_back(Failure{std::string(collection), std::string(item), why});
  }
  void progress(std::string_view collection, std::uint64_t done, std::uint64_t total) noexcept override {
    progress_calls.emplace_back(std::string(collection), done, total);
  }

  std::vector<MessageHeaders> messages() const {
    std::vector<MessageHeaders> all;
    for (const auto& b : batches) all.insert(all.end(), b.messages.begin(), b.messages.end());
    return all;
  }
  std::vector<CalendarEvent> events() const {
    std::vector<CalendarEvent> all;
    for (const auto& b : batches) all.insert(all.end(), b.events.begin(), b.events.end());
    return all;
  }
  std::vector<EventRemoval> removals() const {
    std::vector<EventRemoval> all;
    for (const auto& b : batches) all.insert(all.end(), b.removals.begin(), b.removals.end());
    return all;
  }
  std::vector<ContactCard> cards() const {
    std::vector<ContactCard> all;
    for (const auto& b : batches) all.insert(all.end(), b.cards.begin(), b.cards.end());
    return all;
  }
  std::vector<ContactRemoval> card_removals() const {
    std::vector<ContactRemoval> all;
    for (const auto& b : batches) all.insert(all.end(), b.card_removals.begin(), b.card_removals.end());
    return all;
  }
  // Forget what was delivered, keep the cursors: the next sync's view.
  void clear_deliveries() {
    batches.clear();
    failures.clear();
    progress_calls.clear();
    commit_calls = 0;
  }

  SyncState state;
  std::vector<Batch> batches;
  std::vector<Failure> failures;
  std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>> progress_calls;
  int commit_calls = 0;
};

// A fresh directory under the system temp dir, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("kith-sample-test-" + std::to_string(random()) + "-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A fixed reference time: 2026-06-01T00:00:00Z, in nanoseconds.
inline constexpr std::int64_t kBaseNs = 1780272000LL * 1'000'000'000LL;

inline void write_file(const fs::path& path, std::string_view content, std::optional<std::int64_t> mtime_ns = {}) {
  fs::create_directories(path.parent_path());
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  if (mtime_ns) fs::last_write_time(path, local::from_unix_nanoseconds(*mtime_ns));
}

inline void set_mtime(const fs::path& path, std::int64_t mtime_ns) {
  fs::last_write_time(path, local::from_unix_nanoseconds(mtime_ns));
}

// A Maildir folder with empty cur/ new/ tmp/.
inline void make_maildir(const fs::path& dir) {
  for (const char* sub : {"cur", "new", "tmp"}) fs::create_directories(dir / sub);
}

inline std::string message(std::string_view from, std::string_view to, std::string_view subject,
                           std::string_view message_id, std::string_view date = "Sun, 31 May 2026 09:00:00 +0000") {
  std::string text;
  if (!date.empty()) text += "Date: " + std::string(date) + "\n";
  text += "From: " + std::string(from) + "\n";
  text += "To: " + std::string(to) + "\n";
  text += "Subject: " + std::string(subject) + "\n";
  if (!message_id.empty()) text += "Message-ID: <" + std::string(message_id) + ">\n";
  text += "\nBody of " + std::string(subject) + "\n";
  return text;
}

inline std::string ics_event(std::string_view uid, std::string_view start_utc, std::string_view summary) {
  std::string text =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\nBEGIN:VEVENT\r\n"
      "UID:" + std::string(uid) + "\r\nDTSTAMP:20260101T000000Z\r\n"
      "DTSTART:" + std::string(start_utc) + "\r\nDURATION:PT1H\r\n"
      "SUMMARY:" + std::string(summary) + "\r\n"
      "ORGANIZER;CN=Alex Morgan:mailto:alex@example.org\r\n"
      "ATTENDEE;CN=Priya Raman;PARTSTAT=ACCEPTED:mailto:priya.raman@example.com\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  return text;
}

// A vCard 3.0 as Nextcloud and vdirsyncer store it, one card per file.
inline std::string vcard(std::string_view uid, std::string_view name, std::string_view email) {
  return "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Kith tests//EN\r\nUID:" + std::string(uid) + "\r\nFN:" +
         std::string(name) + "\r\nEMAIL;TYPE=work:" + std::string(email) + "\r\nEND:VCARD\r\n";
}

}  // namespace kith::test
