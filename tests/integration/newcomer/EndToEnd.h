// What the end-to-end tests of reminders and events (RemindServersTest,
// RemindVdirTest, EventsServersTest) share: times written as mail and
// iCalendar write them, mail to seed, the ids Kith derives (task UIDs,
// event ids) computed here independently, the `kith` binary on a test's
// config and store, and the task list as a second client (the phone) sees
// it on a CalDAV server.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <ostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../../unit/engine/TempDir.h"
#include "kith/calendar/Tasks.h"
#include "servers/CalDavTestClient.h"
#include "servers/DovecotServer.h"
#include "servers/TestProcess.h"

namespace kith::test::e2e {

using nlohmann::json;
using Seconds = std::int64_t;
inline constexpr Seconds kDay = 86400;

// "2026-01-05T10:00:00Z" -> seconds since the epoch.
inline Seconds utc(const std::string& text) {
  int y = 0, h = 0, mi = 0, s = 0;
  unsigned mo = 0, d = 0;
  if (std::sscanf(text.c_str(), "%d-%u-%uT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s) != 6) {
    ADD_FAILURE() << "not a UTC time: " << text;
    return 0;
  }
  const std::chrono::sys_days day{std::chrono::year{y} / std::chrono::month{mo} / std::chrono::day{d}};
  return static_cast<Seconds>(day.time_since_epoch().count()) * kDay + h * 3600 + mi * 60 + s;
}

struct Civil {
  int year = 0, month = 0, day = 0, weekday = 0, hour = 0, minute = 0, second = 0;
};

inline Civil civil(Seconds t) {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{t}});
  const std::chrono::year_month_day ymd{days};
  const Seconds in_day = t - static_cast<Seconds>(days.time_since_epoch().count()) * kDay;
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(std::chrono::weekday{days}.c_encoding()),
          static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60)};
}

// An RFC 5322 Date in UTC: "Tue, 05 May 2026 10:00:00 +0000".
inline std::string rfc5322_date(Seconds t) {
  static const char* const kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = civil(t);
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kWeekdays[c.weekday], c.day,
                kMonths[c.month - 1], c.year, c.hour, c.minute, c.second);
  return text;
}

// An IMAP date-time for APPEND: "05-May-2026 10:00:00 +0000".
inline std::string imap_date(Seconds t) {
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = civil(t);
  char text[48];
  std::snprintf(text, sizeof text, "%02d-%s-%04d %02d:%02d:%02d +0000", c.day, kMonths[c.month - 1], c.year, c.hour,
                c.minute, c.second);
  return text;
}

// "20260505T100000Z"
inline std::string ics_time(Seconds t) {
  const Civil c = civil(t);
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second);
  return text;
}

// The parts one after the other (no `"literal" + std::string&&`: GCC 12
// at -O2 and above warns about it falsely, -Wrestrict).
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out += ... += parts);
  return out;
}

// ---- Mail ----

inline const std::string kOwner = "alex@example.org";
inline const std::string kOwnerMailbox = "Alex Morgan <alex@example.org>";

struct Mail {
  bool sent = false;           // from the owner (Sent), else to the owner (INBOX)
  std::string when;            // UTC
  std::vector<std::string> with;  // recipients (sent) or the sender ("Name <address>")
  std::string id;              // Message-ID without <>
  std::string subject;
};

inline std::string raw_mail(const Mail& m) {
  std::string from = kOwnerMailbox, to = kOwnerMailbox;
  if (m.sent) {
    to.clear();
    for (const auto& a : m.with) {
      if (!to.empty()) to += ", ";
      to += a;
    }
  } else {
    from = m.with.front();
  }
  std::string raw = "From: ";
  raw += from;
  raw += "\r\nTo: ";
  raw += to;
  raw += "\r\nMessage-ID: <";
  raw += m.id;
  raw += ">\r\nDate: ";
  raw += rfc5322_date(utc(m.when));
  raw += "\r\nSubject: ";
  raw += m.subject;
  raw += "\r\n\r\nHello.\r\n";
  return raw;
}

// Seeds the owner's INBOX and Sent (INTERNALDATE = Date).
inline void seed_mail(kith::testing::DovecotServer& dovecot, const std::vector<Mail>& mails) {
  std::vector<kith::testing::SeedMessage> inbox, sent;
  for (const Mail& m : mails) {
    kith::testing::SeedMessage seed{raw_mail(m), {"\\Seen"},
                                    std::chrono::system_clock::from_time_t(static_cast<std::time_t>(utc(m.when)))};
    (m.sent ? sent : inbox).push_back(std::move(seed));
  }
  if (!inbox.empty()) {
    auto added = dovecot.add_messages(kOwner, "INBOX", inbox);
    ASSERT_TRUE(added) << added.status().message();
  }
  if (!sent.empty()) {
    auto added = dovecot.add_messages(kOwner, "Sent", sent);
    ASSERT_TRUE(added) << added.status().message();
  }
}

// What a mail client does when the user writes: an IMAP APPEND to Sent
// (INTERNALDATE = Date).
void append_sent(const kith::testing::DovecotServer& dovecot, const Mail& mail);

// ---- The ids Kith derives, computed here ----

inline std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// README "Reminders as tasks": kith-<16 hex of the first handle and the reason>@kith.
inline std::string task_uid(const std::string& address, const std::string& reason) {
  char text[40];
  std::snprintf(text, sizeof text, "kith-%016llx@kith",
                static_cast<unsigned long long>(fnv1a("email:" + address + "|" + reason)));
  return text;
}

// README "Events": c and ten hex digits of a hash of its UID and recurrence.
inline std::string calendar_event_id(const std::string& uid, const std::string& recurrence_id = "") {
  char text[24];
  std::snprintf(text, sizeof text, "c%010llx",
                static_cast<unsigned long long>(fnv1a("cal:" + uid + "|" + recurrence_id) & 0xFFFFFFFFFFULL));
  return text;
}

// ---- The `kith` binary ----

class Kith {
 public:
  explicit Kith(const std::filesystem::path& dir) : dir_(dir) {}

  std::filesystem::path config() const { return dir_ / "kith.toml"; }

  // `kith ARGS...` on this test's config and store, bounded in time.
  kith::testing::ProcessResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {std::string(KITH_BINARY_DIR) + "/bin/kith", "--config", config().string(), "--db",
                               (dir_ / "history.db").string()});
    auto r = kith::testing::run_process(args, std::chrono::seconds(120));
    if (!r) {
      ADD_FAILURE() << r.status().message();
      return {};
    }
    EXPECT_FALSE(r->timed_out) << args[5];
    return std::move(*r);
  }

  void must(const std::vector<std::string>& args) const {
    auto r = run(args);
    ASSERT_EQ(r.exit_code, 0) << args.front() << ": " << r.out << r.err;
  }

  // `kith --as-of AS_OF --json ARGS...`, parsed; `exit_code` expected.
  json query(const std::string& as_of, std::vector<std::string> args, int exit_code = 0) const {
    const std::string what = args.front();
    args.insert(args.begin(), {"--as-of", as_of, "--json"});
    auto r = run(args);
    EXPECT_EQ(r.exit_code, exit_code) << what << ": " << r.out << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << what << ": " << e.what() << ": " << r.out << r.err;
      return json();
    }
  }

  // address -> person id, from `kith contacts`.
  std::map<std::string, std::int64_t> ids(const std::string& as_of) const {
    std::map<std::string, std::int64_t> out;
    for (const auto& c : query(as_of, {"contacts"}))
      for (const auto& a : c["addresses"]) out[a.get<std::string>()] = c["id"].get<std::int64_t>();
    return out;
  }

 private:
  std::filesystem::path dir_;
};

// ---- A task list on a CalDAV server, as the phone sees it ----

struct ServerTask {
  std::string etag;
  std::string text;
  friend bool operator==(const ServerTask&, const ServerTask&) = default;
};

inline void PrintTo(const ServerTask& t, std::ostream* out) { *out << "etag " << t.etag << ":\n" << t.text; }

// href -> task, of every resource of the calendar at `calendar_url`
// (PROPFIND Depth 1, then a GET of each).
std::map<std::string, ServerTask> server_tasks(const kith::testing::CalDavTestClient& phone,
                                               const std::string& calendar_url);

// The hrefs of the calendars of `home_url` with this display name, and
// the components each supports.
std::map<std::string, std::vector<std::string>> calendars_named(const kith::testing::CalDavTestClient& phone,
                                                                const std::string& home_url,
                                                                const std::string& displayname);

// `text` with its VTODO's STATUS set to COMPLETED and a COMPLETED time, as
// a phone's task app writes it.
std::string completed_copy(const std::string& text, const std::string& completed_utc);
// `text` with its DUE replaced by this day (YYYYMMDD).
std::string due_moved_copy(const std::string& text, const std::string& day);

// read_task, failing the test when it cannot.
kith::calendar::Task parsed_task(const std::string& text);

// "2026-06-04" of a task's DUE day, "" when none.
std::string due_day(const kith::calendar::Task& task);

}  // namespace kith::test::e2e
