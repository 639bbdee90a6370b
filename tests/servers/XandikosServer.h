// A real Xandikos CalDAV server for tests, on 127.0.0.1, owned by the test.
//
//   auto server = kith::testing::XandikosServer::start({});
//   ASSERT_TRUE(server) << server.status().message();   // with Xandikos' log tail
//   auto& x = *server.value();
//   ASSERT_TRUE(x.make_calendar("work", "Work"));
//   auto etag = x.put_event("work", "lunch.ics", ics);
//   ... point the CalDAV provider at x.base_url() (no authentication) ...
//
// Xandikos (Debian package `xandikos`, 0.2.8) has no authentication of its
// own and serves one principal: http://127.0.0.1:PORT/user/, calendar home
// …/user/calendars/, a calendar …/user/calendars/NAME/. Every collection is
// a git repository and every change a commit. /.well-known/caldav answers
// 302 to "/". See README.md for the observed protocol details.
//
// Each server lives in its own temporary directory (/tmp/kx-XXXXXX: data,
// a HOME for it, log) on a port chosen at start. Xandikos runs in the
// foreground (`xandikos -d <dir>/data -l 127.0.0.1 -p PORT --autocreate`) as a
// child of the test process in its own process group, as the current user;
// it is stopped by that PID and the destructor leaves no process and no
// directory behind. KITH_KEEP_XANDIKOS_DIR=1 keeps the directory.
//
// Nothing here throws: failures are kith::Status / kith::Result values.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kith/Status.h"
#include "servers/CalDavTestClient.h"
#include "servers/TestProcess.h"

namespace kith::testing {

struct XandikosOptions {
  // --defaults: also create the calendar "calendar" (…/user/calendars/calendar/),
  // the address book …/user/contacts/addressbook/ and the scheduling inbox
  // …/user/inbox/. Without it (--autocreate only) the calendar home is empty.
  bool defaults = false;
  // --current-user-principal; the calendar home is <principal>calendars/.
  std::string principal = "/user/";
  // Where the server directory (<parent_dir>/kx-XXXXXX) is made.
  std::string parent_dir = "/tmp";
  // Bound on the wait for the first HTTP answer after each (re)start.
  std::chrono::milliseconds startup_timeout = std::chrono::seconds(10);
};

class XandikosServer {
 public:
  // Starts Xandikos and waits until it answers OPTIONS / on its port (and the
  // listening socket is its own). If the port is taken before Xandikos binds
  // it, start retries with a new port (up to 5 times).
  static kith::Result<std::unique_ptr<XandikosServer>> start(const XandikosOptions& options = {});

  // Stops the server (SIGTERM, then SIGKILL, to its process group) and removes its directory.
  ~XandikosServer();
  XandikosServer(const XandikosServer&) = delete;
  XandikosServer& operator=(const XandikosServer&) = delete;

  // ---- Where to connect (always 127.0.0.1; no authentication) ----
  int port() const { return port_; }
  std::string base_url() const;           // "http://127.0.0.1:PORT/"
  std::string principal_url() const;      // ".../user/"
  std::string calendar_home_url() const;  // ".../user/calendars/"
  std::string calendar_url(const std::string& calendar) const;  // ".../user/calendars/work/"
  std::string event_url(const std::string& calendar, const std::string& resource_name) const;
  // A client without credentials (Xandikos ignores any Authorization header).
  CalDavTestClient client() const { return CalDavTestClient(); }
  const XandikosOptions& options() const { return options_; }

  // ---- Changing data over HTTP ----
  // MKCALENDAR with DAV:displayname and supported-calendar-component-set
  // VEVENT. Xandikos accepts the displayname but answers 404 for the
  // component set in its mkcalendar-response and keeps advertising VEVENT,
  // VTODO, VJOURNAL, VFREEBUSY. An existing calendar is an error (403 in a 207).
  kith::Status make_calendar(const std::string& calendar, const std::string& displayname);
  // PUT (201 new, 204 replaced); conditional with `if_match` (412 →
  // ErrorKind::Item). Returns the new ETag, with its quotes. One git commit each.
  kith::Result<std::string> put_event(const std::string& calendar, const std::string& resource_name,
                                      const std::string& ics, const std::string& if_match = "");
  kith::Status delete_event(const std::string& calendar, const std::string& resource_name);

  // CardDAV: an address book (extended MKCOL with CARD:addressbook) at
  // .../user/contacts/BOOK/ (Xandikos' addressbook-home-set is
  // <principal>contacts/), and vCards in it. put_card returns the new ETag.
  std::string addressbook_url(const std::string& book) const;  // ".../user/contacts/friends/"
  kith::Status make_addressbook(const std::string& book, const std::string& displayname);
  kith::Result<std::string> put_card(const std::string& book, const std::string& resource_name,
                                     const std::string& vcard);
  kith::Status delete_card(const std::string& book, const std::string& resource_name);

  // ---- Fast path on disk (benchmarks) ----
  // Many events in ONE git commit instead of one commit per PUT (~40 ms
  // each): creates the calendar (displayname = calendar) if needed, writes
  // each event into the collection's git work tree, then stages and commits
  // them all with dulwich (the git library Xandikos uses; no git executable
  // needed) in Xandikos' Python. Xandikos opens the repository afresh for
  // every request, so it sees them at once; sync-collection reports them as
  // changes. Nothing checks the data (a PUT would): pass valid VCALENDARs
  // with distinct UIDs; names: letters, digits, . _ - @, not starting with
  // '.'. Existing files of the same name are replaced. Do not run it while
  // requests that change the same calendar are in flight (both take the git
  // index lock; the loser fails).
  kith::Status seed_events(const std::string& calendar,
                           const std::vector<std::pair<std::string, std::string>>& events);
  // The same for vCards in an address book (made with make_addressbook,
  // displayname = book, if needed): pass valid vCards with distinct UIDs.
  kith::Status seed_cards(const std::string& book, const std::vector<std::pair<std::string, std::string>>& cards);

  // ---- Lifecycle ----
  kith::Status stop();
  kith::Status kill_hard();
  // Stops if running, then starts again on the same port with the same data.
  kith::Status restart();
  bool running() const { return process_.running(); }
  pid_t pid() const { return process_.pid(); }  // == its process group id; -1 when stopped

  // ---- Inspection ----
  const std::string& dir() const { return dir_; }            // /tmp/kx-XXXXXX (see parent_dir)
  const std::string& data_dir() const { return data_dir_; }  // <dir>/data, Xandikos' -d
  const std::string& log_path() const { return log_path_; }  // Xandikos' stdout+stderr
  std::string log_tail(std::size_t lines = 40) const;
  // The git work tree of a calendar: <dir>/data/user/calendars/<calendar>
  std::string collection_dir(const std::string& calendar) const;
  // The git work tree of an address book: <dir>/data/user/contacts/<book>
  std::string addressbook_dir(const std::string& book) const;

 private:
  XandikosServer() = default;
  kith::Status prepare();
  kith::Status launch(bool retry_port);
  std::string principal_path() const;  // "/user/" normalised: leading and trailing '/'
  // seed_events and seed_cards: writes `files` into the work tree `dir`
  // (made first by `make_collection` if it is missing) and commits them in
  // one go; `noun` ("events", "cards") names them in the commit message.
  kith::Status seed_files(const std::string& dir, const std::function<kith::Status()>& make_collection,
                          const std::vector<std::pair<std::string, std::string>>& files, const std::string& noun);

  XandikosOptions options_;
  std::string dir_, data_dir_, home_dir_, log_path_;
  std::string xandikos_bin_, python_bin_, env_bin_;
  int port_ = 0;
  ChildProcess process_;
};

}  // namespace kith::testing
