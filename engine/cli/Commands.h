// The `kith` subcommands. Each returns the process exit code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "session/Session.h"

namespace kith::engine {

int run_plugins(Session& session, bool verbose);
int run_accounts(Session& session);
// `kith accounts --check [ACCOUNT...]`
int run_accounts_check(Session& session, const std::vector<std::string>& accounts);
// `full`: forget the accounts' cursors first and read everything again
// (nothing is duplicated; mail the server deleted stays).
int run_sync(Session& session, const std::vector<std::string>& accounts, bool full = false);
int run_status(Session& session);

struct ContactsOptions {
  std::string sort = "last";  // last | count | name | strength
  std::optional<std::size_t> limit;
  std::string tag;  // only people with this tag
  std::string member;  // --member: that member's view
};
int run_contacts(Session& session, const ContactsOptions& options);
// `limit`: the newest N interactions only (0: all); `months`: also count
// the past interactions of the last N months by kind (0: not).
struct HistoryOptions {
  std::string who;
  std::size_t limit = 0;
  int months = 0;
};
int run_history(Session& session, const HistoryOptions& options);

// People (PeopleCommands.cpp).
struct MergeOptions {
  std::vector<std::string> people;
  bool suggest = false;
};
int run_merge(Session& session, const MergeOptions& options);
int run_split(Session& session, const std::string& who, const std::string& handle);
int run_rename(Session& session, const std::string& who, const std::string& name);
// `member`: a team member's own decision (--member), which only their views
// see and which removes nothing; "" for the store's.
int run_tag(Session& session, const std::string& who, const std::vector<std::string>& tags, bool add,
            const std::string& member = {});
struct CadenceOptions {
  std::string person;
  std::string tag;
  std::string cadence;  // 30d, 6w, 3m, 1y, none, or default
  std::string member;   // --member
};
int run_cadence(Session& session, const CadenceOptions& options);
int run_snooze(Session& session, const std::string& who, const std::string& duration, const std::string& member = {});
struct IgnoreOptions {
  std::vector<std::string> items;
  bool list = false;
  std::string member;  // --member
};
int run_ignore(Session& session, const IgnoreOptions& options);
int run_unignore(Session& session, const std::vector<std::string>& items, const std::string& member = {});

// `kith decisions export [--output FILE]` / `import FILE` (DecisionsCommand.cpp).
int run_decisions_export(Session& session, const std::string& output);
int run_decisions_import(Session& session, const std::string& path);

// Keeping in touch (RelationshipCommands.cpp).
// `member`: a team member's view (--member): only what that member's
// accounts saw; "" for every account.
struct DueOptions {
  std::string within = "14d";
  std::string tag;
  std::string member;
};
int run_due(Session& session, const DueOptions& options);
int run_awaiting(Session& session, int days, const std::string& member = {});
int run_drift(Session& session, double min_ratio, const std::string& member = {});
int run_explain(Session& session, const std::string& who, const std::string& member = {});
// `kith week` (WeekCommand.cpp): due, awaiting, drift, follow-ups and the
// next 14 days' milestones, each with its command's defaults, from one
// read of the store; the first `limit` rows of each (0: all).
struct WeekOptions {
  std::size_t limit = 10;
  std::string member;
};
int run_week(Session& session, const WeekOptions& options);
int run_show(Session& session, const std::string& who, const std::string& member = {});

// Teams (IntroCommand.cpp): which member knows a person, an @domain or an
// organization best.
int run_intro(Session& session, const std::string& target);

// Milestones and the network (MilestonesCommand.cpp, NetworkCommand.cpp).
struct MilestonesOptions {
  std::string within = "30d";
  std::string past = "30d";
};
int run_milestones(Session& session, const MilestonesOptions& options);
struct NetworkOptions {
  std::string by = "org";
};
int run_network(Session& session, const NetworkOptions& options);

// Events, follow-ups and coffees (EventCommands.cpp).
struct EventsOptions {
  std::string past = "90d";
  std::string upcoming = "90d";
  std::string member;  // --member: that member's calendars and accounts
};
int run_events(Session& session, const EventsOptions& options);
// `kith event EVENT`: an id from `kith events` or a title.
int run_event_show(Session& session, const std::string& event);
struct EventAddOptions {
  std::string title;
  std::string from;  // a date or RFC 3339
  std::string to;    // likewise; default: the day of --from
  std::string tag;
};
int run_event_add(Session& session, const EventAddOptions& options);
// `kith event confirm|reject EVENT PERSON`.
int run_event_decide(Session& session, const std::string& event, const std::string& person, bool confirm);
int run_event_remove(Session& session, const std::string& event);
int run_followups(Session& session, int days, const std::string& member = {});
int run_coffees(Session& session, const std::string& past, const std::string& member = {});
// Reminders written back as tasks (RemindCommand.cpp).
int run_remind(Session& session, bool dry_run);

// `kith dashboard`: the link kithd's dashboard serves, with its token
// (DashboardCommand.cpp); `open_browser`: also open it, where there is a browser.
int run_dashboard(Session& session, bool open_browser);

// `kith migrate-store --to URL`: the SQLite store copied into an empty
// PostgreSQL database (MigrateStoreCommand.cpp).
int run_migrate_store(Session& session, const std::string& to);

struct InitOptions {
  std::vector<std::string> addresses;
  std::string imap_url;
  std::string caldav_url;
  std::string carddav_url;
  std::string username;
  std::string password_command;
  std::string password_env;
  bool any_flag() const {
    return !addresses.empty() || !imap_url.empty() || !caldav_url.empty() || !carddav_url.empty() || !username.empty() ||
           !password_command.empty() || !password_env.empty();
  }
};
int run_init(Session& session, const InitOptions& options);

}  // namespace kith::engine
