// A real Radicale CalDAV server for tests, on 127.0.0.1, owned by the test.
//
//   auto server = kith::testing::RadicaleServer::start({});
//   ASSERT_TRUE(server) << server.status().message();   // with Radicale's log tail
//   auto& r = *server.value();
//   ASSERT_TRUE(r.make_calendar("alex", "work", "Work"));
//   auto etag = r.put_event("alex", "work", "lunch.ics", ics);
//   ... point the CalDAV provider at r.base_url() as alex / "secret" ...
//
// Each server lives in its own temporary directory (/tmp/kr-XXXXXX: config,
// htpasswd file, collections, log) on a port chosen at start, so any number
// can run in parallel processes. Radicale (Debian package `radicale`, 3.1.8)
// runs in the foreground as a child of the test process, in its own process
// group, and is stopped by that PID (never by name); the destructor leaves no
// process and no directory behind. KITH_KEEP_RADICALE_DIR=1 keeps the directory.
//
// URLs: principal and calendar home are both http://127.0.0.1:PORT/USER/,
// a calendar is …/USER/CALENDAR/, an event …/USER/CALENDAR/NAME.
// /.well-known/caldav answers 301 to "/". Authentication is HTTP Basic
// against a plain htpasswd file; every user sees only their own collections
// (rights `owner_only`). See README.md for the observed protocol details.
//
// As root, Radicale runs as `nobody` (setpriv) and the collections are owned
// by it; as an ordinary user it runs as that user.
//
// Nothing here throws: failures are kith::Status / kith::Result values.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kith/Status.h"
#include "servers/CalDavTestClient.h"
#include "servers/TestProcess.h"

namespace kith::testing {

struct RadicaleOptions {
  // user name -> password (plain htpasswd). Names: letters, digits, . _ - @;
  // passwords: no ':' or line breaks.
  std::vector<std::pair<std::string, std::string>> users = {{"alex", "secret"}};
  // false: a Radicale WITHOUT RFC 6578 — no DAV:sync-token property (404 in
  // PROPFIND, absent from allprop), no sync-collection in
  // supported-report-set, and a sync-collection REPORT answers 403
  // <D:supported-report/>. Radicale has no setting for this: the harness
  // starts it through a small launcher that patches two functions of
  // Radicale 3.1.8 (and refuses versions other than 3.1.x). getctag and
  // getetag work as usual: the server for the ctag/etag fallback path.
  bool sync_collection = true;
  // token -> user (one of `users`): Bearer tokens the server accepts besides
  // Basic, through a small gateway the launcher puts in front of Radicale
  // (which has no bearer auth of its own); an unknown token gets a 401 with
  // WWW-Authenticate: Bearer. Tokens: RFC 6750 token68 characters.
  std::vector<std::pair<std::string, std::string>> bearer_tokens;
  // A second config file, read after the generated one (later settings win,
  // sections may repeat), e.g. "[storage]\nmax_sync_token_age = 5\n".
  std::string extra_config;
  // Where the server directory (<parent_dir>/kr-XXXXXX) is made; "/dev/shm"
  // for seeding that does not depend on disk load.
  std::string parent_dir = "/tmp";
  // Bound on the wait for the first HTTP answer after each (re)start.
  std::chrono::milliseconds startup_timeout = std::chrono::seconds(10);
};

class RadicaleServer {
 public:
  // Writes the config and the htpasswd file, starts Radicale and waits until
  // it answers OPTIONS / on its port (and the listening socket is its own).
  // If the port is taken before Radicale binds it, start retries with a new
  // port (up to 5 times).
  static kith::Result<std::unique_ptr<RadicaleServer>> start(const RadicaleOptions& options = {});

  // Stops the server (SIGTERM, then SIGKILL, to its process group) and removes its directory.
  ~RadicaleServer();
  RadicaleServer(const RadicaleServer&) = delete;
  RadicaleServer& operator=(const RadicaleServer&) = delete;

  // ---- Where to connect (always 127.0.0.1) ----
  int port() const { return port_; }
  std::string base_url() const;                                          // "http://127.0.0.1:PORT/"
  std::string principal_url(const std::string& user) const;              // ".../alex/" (also the calendar home)
  std::string calendar_home_url(const std::string& user) const { return principal_url(user); }
  std::string calendar_url(const std::string& user, const std::string& calendar) const;  // ".../alex/work/"
  std::string event_url(const std::string& user, const std::string& calendar,
                        const std::string& resource_name) const;         // ".../alex/work/lunch.ics"
  std::string password(const std::string& user) const;
  // A client authenticated as `user` with the configured password.
  CalDavTestClient client(const std::string& user) const;
  const RadicaleOptions& options() const { return options_; }

  // ---- Changing data over HTTP (as the user) ----
  // MKCALENDAR with DAV:displayname and supported-calendar-component-set
  // VEVENT. An existing calendar is an error (409).
  kith::Status make_calendar(const std::string& user, const std::string& calendar, const std::string& displayname);
  // PUT (create or replace; Radicale answers 201 either way). With `if_match`
  // the PUT is conditional (412 → ErrorKind::Item). Returns the new ETag,
  // with its quotes.
  kith::Result<std::string> put_event(const std::string& user, const std::string& calendar,
                                      const std::string& resource_name, const std::string& ics,
                                      const std::string& if_match = "");
  kith::Status delete_event(const std::string& user, const std::string& calendar, const std::string& resource_name);

  // The same for CardDAV: an address book (extended MKCOL with
  // CARD:addressbook) at .../USER/BOOK/ (Radicale's address book home is
  // the principal too), and vCards in it. put_card returns the new ETag.
  kith::Status make_addressbook(const std::string& user, const std::string& book, const std::string& displayname);
  kith::Result<std::string> put_card(const std::string& user, const std::string& book,
                                     const std::string& resource_name, const std::string& vcard);
  kith::Status delete_card(const std::string& user, const std::string& book, const std::string& resource_name) {
    return delete_event(user, book, resource_name);
  }

  // ---- Fast paths on disk (benchmarks, special states) ----
  // Many events at once without one PUT each (a PUT of a new item makes
  // Radicale scan the whole collection: O(n²)). Creates the calendar (as
  // make_calendar, displayname = calendar) if it does not exist. Holding an
  // exclusive flock on <collections>/.Radicale.lock — the storage-wide lock
  // every Radicale request takes, shared for reads and exclusive for writes —
  // it writes each event as <collection dir>/<resource_name> (owned by the
  // server user), releases the lock, then sends one PROPFIND Depth 1 on the
  // calendar so Radicale parses and caches them all (and checks they are all
  // listed). Requests meanwhile wait for the lock, so they never see a
  // half-written file. Names: letters, digits, . _ - @, not starting with '.'; the data
  // must be a valid VCALENDAR with one UID (Radicale checks when reading:
  // bad data makes the PROPFIND fail and this returns its error). Existing
  // files of the same name are replaced. Afterwards sync-collection reports
  // the new items as changes like any PUT. vCards go into an address book
  // the same way (the layout on disk is the same): make it first with
  // make_addressbook, or this makes a calendar of that name.
  kith::Status seed_events(const std::string& user, const std::string& calendar,
                           const std::vector<std::pair<std::string, std::string>>& events);
  // Forgets every sync token of the calendar (Radicale keeps them in
  // <collection>/.Radicale.cache/sync-token/), as max_sync_token_age does
  // after 30 days: once the calendar changes, a REPORT with a token from
  // before answers 403 <D:valid-sync-token/>. (A token equal to the current
  // state is recomputed from the items, never looked up: it stays valid.)
  kith::Status expire_sync_tokens(const std::string& user, const std::string& calendar);
  // expire_sync_tokens, and the history of deleted items too
  // (<collection>/.Radicale.cache/history/), as after max_sync_token_age:
  // Radicale then lists the collection from scratch without reporting what
  // was deleted, so only the client can notice it is gone.
  kith::Status expire_sync_history(const std::string& user, const std::string& collection);

  // ---- Lifecycle ----
  // Graceful stop (SIGTERM to the process group, bounded wait, SIGKILL fallback);
  // data stays until destruction.
  kith::Status stop();
  // SIGKILL at once: a crash, as clients see it.
  kith::Status kill_hard();
  // Stops if running, then starts again on the same port with the same data.
  kith::Status restart();
  bool running() const { return process_.running(); }
  // PID of Radicale (== its process group id), -1 when stopped.
  pid_t pid() const { return process_.pid(); }

  // ---- Inspection ----
  const std::string& dir() const { return dir_; }  // /tmp/kr-XXXXXX (see parent_dir)
  const std::string& config_path() const { return config_path_; }
  const std::string& log_path() const { return log_path_; }  // Radicale's stdout+stderr (log level info)
  std::string log_tail(std::size_t lines = 40) const;
  // <dir>/collections/collection-root/<user>/<calendar>
  std::string collection_dir(const std::string& user, const std::string& calendar) const;

 private:
  RadicaleServer() = default;
  kith::Status prepare();
  kith::Status write_config();
  kith::Status launch(bool retry_port);
  bool has_user(const std::string& user) const;

  RadicaleOptions options_;
  bool uses_launcher() const { return !options_.sync_collection || !options_.bearer_tokens.empty(); }
  std::string dir_, config_path_, extra_config_path_, users_path_, log_path_, collections_dir_, launcher_path_;
  std::string radicale_bin_, python_bin_, setpriv_bin_, env_bin_;
  bool as_root_ = false;
  uid_t run_uid_ = 0;
  gid_t run_gid_ = 0;
  int port_ = 0;
  ChildProcess process_;
};

}  // namespace kith::testing
