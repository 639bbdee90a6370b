#include "cli/KithCli.h"

#include <cstdio>
#include <exception>

#include "util/Time.h"

namespace kith::engine {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& global) {
  app.add_option("--config", global.config_file, "config file (default: $XDG_CONFIG_HOME/kith/config.toml)");
  app.add_option("--db", global.db_file, "history database (default: [store] path, else $XDG_DATA_HOME/kith/history.db)");
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn or error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "warning", "error"}));
}

}  // namespace

KithCommandLine::KithCommandLine() : app("kith: your relationship history, from your own mail and calendar", "kith") {
  app.set_version_flag("--version", std::string("kith ") + KITH_VERSION);
  app.require_subcommand(1);
  add_global_options(app, global);
  app.add_flag("--json", global.json, "print JSON instead of tables");
  app.add_option("--as-of", as_of, "evaluate every query as if it were this moment: RFC 3339 or YYYY-MM-DD (UTC)");

  init_command = app.add_subcommand("init", "write a commented starter config (asks on a terminal; flags for scripts)");
  init_command->add_option("--address", init.addresses, "one of your own email addresses (repeatable)");
  init_command->add_option("--imap-url", init.imap_url, "add an IMAP account: imaps://host[:port] or imap://host[:port]");
  init_command->add_option("--caldav-url", init.caldav_url, "add a CalDAV account: https://host[/path]");
  init_command->add_option("--carddav-url", init.carddav_url, "add a CardDAV account: https://host[/path]");
  init_command->add_option("--username", init.username, "login name for the accounts (default: the first --address)");
  auto* command = init_command->add_option("--password-command", init.password_command,
                                           "command that prints the password (never the password itself)");
  auto* env = init_command->add_option("--password-env", init.password_env, "environment variable that holds the password");
  command->excludes(env);

  plugins = app.add_subcommand("plugins", "list the provider plugins found, with any load error");
  plugins->add_flag("-v,--verbose", verbose, "also list each plugin's settings");

  accounts = app.add_subcommand("accounts", "list configured accounts and check their settings");
  accounts->add_flag("--check", check, "log in to each account and list what a sync would read, storing nothing");
  accounts->add_option("ACCOUNT", account_names, "with --check: the accounts to check (default: all)");

  sync = app.add_subcommand("sync", "run one sync pass (all accounts, or those named)");
  sync->add_option("ACCOUNT", account_names, "account names from the config");
  sync->add_flag("--full", full, "forget where the last sync stopped and read everything again (duplicates nothing)");

  status = app.add_subcommand("status", "per account: last run, result, items, last error");

  contacts = app.add_subcommand("contacts", "people you interacted with");
  contacts->add_option("--sort", contacts_options.sort, "last (default), count, name or strength")
      ->check(CLI::IsMember({"last", "count", "name", "strength"}));
  contacts->add_option("--tag", contacts_options.tag, "only people with this tag");
  contacts->add_option("--member", contacts_options.member,
                       "a team member's view: the people their accounts saw, counts and strength from those, their tags");
  limit_option = contacts->add_option("--limit", limit, "show at most N contacts")->check(CLI::PositiveNumber);

  history = app.add_subcommand("history", "one contact's interactions, newest first");
  history->add_option("HANDLE_OR_ID", history_options.who,
                      "one of the contact's handles (an address, a profile URL, a phone number), or its id")
      ->required();
  history->add_option("--limit", history_options.limit, "only the newest N interactions (the JSON's total counts all)")
      ->check(CLI::PositiveNumber);
  history->add_option("--months", history_options.months,
                      "also count the interactions of the last N months (as-of's included) by month and kind")
      ->check(CLI::Range(1, 1200));

  const char* person_help = "an id, any of the person's handles, or part of one person's name";
  merge = app.add_subcommand("merge", "merge people into the first one named; --suggest lists likely duplicates");
  merge->add_option("PERSON", merge_options.people, person_help);
  merge->add_flag("--suggest", merge_options.suggest, "list likely duplicates with the reason and a confidence; merges nothing");

  split = app.add_subcommand("split", "move one handle of a person to a new person");
  split->add_option("PERSON", who, person_help)->required();
  split->add_option("HANDLE", handle, "the handle to move")->required();

  rename = app.add_subcommand("rename", "give a person the name syncs never overwrite (\"\" to go back)");
  rename->add_option("PERSON", who, person_help)->required();
  rename->add_option("NAME", new_name, "the name")->required();

  tag = app.add_subcommand("tag", "add tags to a person");
  untag = app.add_subcommand("untag", "remove tags from a person");
  const char* own_help = "a team member's own decision ([[member]]): only their views see it";
  for (auto* sub : {tag, untag}) {
    sub->add_option("PERSON", who, person_help)->required();
    sub->add_option("TAG", tags, "tags")->required();
    sub->add_option("--member", member, own_help);
  }

  cadence = app.add_subcommand("cadence", "how often to keep in touch: with a person, or everyone with a tag");
  cadence->add_option("--tag", cadence_options.tag, "set the cadence of everyone with this tag");
  cadence->add_option("--member", cadence_options.member, own_help);
  cadence->add_option("PERSON CADENCE", cadence_args,
                      "PERSON (not with --tag), then 30d, 6w, 3m, 1y, none, or default (back to tags and the default)")
      ->required()
      ->expected(1, 2);

  snooze = app.add_subcommand("snooze", "move a person's due date forward once");
  snooze->add_option("PERSON", who, person_help)->required();
  snooze->add_option("DURATION", duration, "from now (or --as-of): 3d, 2w, 1m")->required();
  snooze->add_option("--member", member, own_help);

  ignore = app.add_subcommand("ignore", "never keep interactions with a handle, an @domain (and subdomains) or a person");
  ignore->add_option("WHAT", ignore_options.items, "handles, @domains or people");
  ignore->add_flag("--list", ignore_options.list, "list what is ignored");
  ignore->add_option("--member", ignore_options.member,
                     "a team member's own ignore ([[member]]): hides from their views only, removes no history");
  unignore = app.add_subcommand("unignore", "stop ignoring; `kith sync --full` brings the history back");
  unignore->add_option("WHAT", ignore_options.items, "handles, @domains or people")->required();
  unignore->add_option("--member", ignore_options.member, "undo a team member's own ignore");

  decisions = app.add_subcommand("decisions", "export or import your decisions about people, by handle");
  decisions->require_subcommand(1);
  decisions_export = decisions->add_subcommand(
      "export", "write merges, splits, names, tags, cadences, snoozes and ignores as JSON (stdout, or --output)");
  decisions_export->add_option("-o,--output", decisions_file, "write to this file (created 0600) instead of stdout");
  decisions_import = decisions->add_subcommand(
      "import", "apply a file `kith decisions export` wrote, in one transaction (a new store too, before its first sync)");
  decisions_import->add_option("FILE", decisions_file, "the decisions file")->required();
  for (auto* sub : {decisions_export, decisions_import}) {
    sub->add_flag("--json", global.json, "print JSON instead of tables");
    sub->fallthrough();
  }

  due = app.add_subcommand("due", "who is overdue, most overdue first, then who comes due within the window");
  due->add_option("--within", due_options.within, "also list who comes due within this long (default 14d)");
  due->add_option("--tag", due_options.tag, "only people with this tag");
  const char* member_help = "a team member's view: only the interactions their accounts saw (config [[member]])";
  due->add_option("--member", due_options.member, member_help);

  awaiting = app.add_subcommand("awaiting", "who wrote and has not had your answer, oldest first");
  awaiting->add_option("--days", awaiting_days, "only mail and messages of the last N days (default 30)")
      ->check(CLI::PositiveNumber);
  awaiting->add_option("--member", member, member_help);

  drift = app.add_subcommand("drift", "whom you are drifting away from, by strength x drift");
  drift->add_option("--min-ratio", min_ratio, "days since the last contact / usual gap, at least (default 2)")
      ->check(CLI::PositiveNumber);
  drift->add_option("--member", member, member_help);

  explain = app.add_subcommand("explain", "a person's strength score, term by term");
  explain->add_option("PERSON", who, person_help)->required();
  explain->add_option("--member", member, std::string(member_help) + "; the strength is theirs");

  week = app.add_subcommand("week", "this week at a glance: who is due, awaiting your reply, drifting, to follow up "
                                    "after an event, and the next 14 days' milestones");
  week->add_option("--limit", week_options.limit, "rows per list (default 10; 0: every row)")
      ->check(CLI::NonNegativeNumber);
  week->add_option("--member", week_options.member, member_help);

  show = app.add_subcommand("show", "one person: handles, tags, cadence, strength, drift, due, recent interactions");
  show->add_option("PERSON", who, person_help)->required();
  show->add_option("--member", member, std::string(member_help) + "; history, counts, strength and due are theirs");

  intro = app.add_subcommand("intro", "who in the team knows a person, an @domain or an organization best: each "
                                      "member's strength, last touch and counts (never subjects)");
  intro->add_option("TARGET", intro_target,
                    "a person (id, handle or part of a name), @domain (subdomains too) or an organization "
                    "(as `kith show` and `kith network --by org` name it)")
      ->required();

  milestones = app.add_subcommand(
      "milestones", "birthdays, anniversaries, job changes, connection anniversaries and first meetings, by day");
  milestones->add_option("--within", milestones_options.within, "the days ahead to look at (default 30d)");
  milestones->add_option("--past", milestones_options.past, "the days back to look at (default 30d)");

  network = app.add_subcommand("network", "how your network divides, how concentrated it is, who is new each quarter");
  // Checked by run_network, which names the one grouping it does not know.
  network->add_option("--by", network_options.by,
                      "org (default), domain, source, tag or year-met; several, comma-separated (--json: an array)");

  events = app.add_subcommand("events", "events you went to or will: people met, new people, followed up or not");
  events->add_option("--past", events_options.past, "the days back to look at (default 90d)");
  events->add_option("--upcoming", events_options.upcoming, "the days ahead to look at (default 90d)");
  const char* member_events_help = "a team member's view: the events of their calendars, touches from their accounts";
  events->add_option("--member", events_options.member, member_events_help);

  event = app.add_subcommand("event", "one event's people (EVENT: an id from `kith events` or its title); add, "
                                      "confirm, reject, remove");
  event->require_subcommand(0, 1);
  event->add_option("EVENT", event_name, "an id from `kith events`, or the event's title");
  event_add = event->add_subcommand("add", "declare an event: kith event add \"RustConf 2026\" --from 2026-09-03 --to 2026-09-05");
  event_add->add_option("TITLE", event_add_options.title, "the event's name")->required();
  event_add->add_option("--from", event_add_options.from, "its first day (2026-09-03) or start (RFC 3339)")->required();
  event_add->add_option("--to", event_add_options.to, "its last day or end (default: the day of --from)");
  event_add->add_option("--tag", event_add_options.tag, "tag the people confirmed as met there");
  event_confirm = event->add_subcommand("confirm", "PERSON was met at EVENT (tagged with the event's tag, if any)");
  event_reject = event->add_subcommand("reject", "PERSON was not met at EVENT");
  for (auto* sub : {event_confirm, event_reject}) {
    sub->add_option("EVENT", event_name, "an id from `kith events`, or the event's title")->required();
    sub->add_option("PERSON", who, person_help)->required();
  }
  event_remove = event->add_subcommand("remove", "forget an event you declared");
  event_remove->add_option("EVENT", event_name, "an id from `kith events`, or the event's title")->required();
  for (auto* sub : {event_add, event_confirm, event_reject, event_remove}) {
    sub->add_flag("--json", global.json, "print JSON instead of tables");
    sub->fallthrough();
  }

  followups = app.add_subcommand("followups", "people met at recent events you have not been in touch with since, oldest event first");
  followups->add_option("--days", followup_days, "events that ended within the last N days (default 30)")
      ->check(CLI::PositiveNumber);
  followups->add_option("--member", member, member_events_help);

  coffees = app.add_subcommand("coffees", "your virtual coffees (video calls of two or three) and how many each month");
  coffees->add_option("--past", coffees_past, "the days back to look at (default 90d)");
  coffees->add_option("--member", member, "a team member's view: the video calls of their calendars");

  remind = app.add_subcommand("remind", "write who is due, follow-ups and milestones as tasks to [reminders] calendar");
  remind->add_flag("--dry-run", dry_run, "print what would change, change nothing");

  migrate_store = app.add_subcommand(
      "migrate-store", "copy the SQLite history into an empty PostgreSQL database, check every table's count, all or "
                       "nothing (the password as for [store]: password_command, password_env, else PGPASSWORD or ~/.pgpass)");
  migrate_store->add_option("--to", migrate_to, "the PostgreSQL database: postgresql://user@host:port/database")
      ->required();

  dashboard = app.add_subcommand("dashboard", "print the link to the dashboard kithd serves (with its token) and open it "
                                              "in a browser when there is one");
  dashboard->add_flag("--no-browser", no_browser, "only print the link");

  // --json is accepted after the subcommand too: `kith contacts --json`.
  for (auto* sub : {init_command, plugins, accounts, sync, status, contacts, history, merge, split, rename, tag, untag,
                    cadence, snooze, ignore, unignore, decisions, due, awaiting, drift, week, explain, show, intro,
                    milestones, network, events, event, followups, coffees, remind, migrate_store, dashboard}) {
    sub->add_flag("--json", global.json, "print JSON instead of tables");
    // The other global options too (--config, --db, --as-of, --log-level).
    sub->fallthrough();
  }
}

KithdCommandLine::KithdCommandLine() : app("kithd: keeps your Kith history current", "kithd") {
  app.set_version_flag("--version", std::string("kithd ") + KITH_VERSION);
  global.log_level = "info";
  add_global_options(app, global);
  app.add_flag("--once", once, "sync every account once, then exit");
  app.add_option("--http", http,
                 "serve the web dashboard at this address, e.g. 127.0.0.1:8417 (as [dashboard] listen); `kith "
                 "dashboard` prints its link");
  app.add_option("--as-of", as_of,
                 "the dashboard's pages as if it were this moment (RFC 3339 or YYYY-MM-DD, UTC), for demos and "
                 "benchmarks; syncing is not affected");
}

int run_kith_cli(int argc, char** argv) {
  KithCommandLine cli;
  try {
    cli.app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!cli.account_names.empty() && *cli.accounts && !cli.check) {
    std::fprintf(stderr, "kith: accounts: account names go with --check\n");
    return 2;
  }

  if (!cli.as_of.empty()) {
    cli.global.as_of = parse_moment(cli.as_of);
    if (!cli.global.as_of) {
      std::fprintf(stderr, "kith: --as-of '%s' is neither RFC 3339 (2026-03-01T09:00:00Z) nor a date (2026-03-01)\n",
                   cli.as_of.c_str());
      return 2;
    }
  }

  try {
    Session session(cli.global);
    if (*cli.init_command) return run_init(session, cli.init);
    if (*cli.plugins) return run_plugins(session, cli.verbose);
    if (*cli.accounts) return cli.check ? run_accounts_check(session, cli.account_names) : run_accounts(session);
    if (*cli.sync) return run_sync(session, cli.account_names, cli.full);
    if (*cli.status) return run_status(session);
    if (*cli.contacts) {
      if (*cli.limit_option) cli.contacts_options.limit = cli.limit;
      return run_contacts(session, cli.contacts_options);
    }
    if (*cli.history) return run_history(session, cli.history_options);
    if (*cli.merge) return run_merge(session, cli.merge_options);
    if (*cli.split) return run_split(session, cli.who, cli.handle);
    if (*cli.rename) return run_rename(session, cli.who, cli.new_name);
    if (*cli.tag) return run_tag(session, cli.who, cli.tags, true, cli.member);
    if (*cli.untag) return run_tag(session, cli.who, cli.tags, false, cli.member);
    if (*cli.cadence) {
      const std::size_t wanted = cli.cadence_options.tag.empty() ? 2 : 1;
      if (cli.cadence_args.size() != wanted) {
        std::fprintf(stderr, "kith: cadence: write `kith cadence PERSON CADENCE` or `kith cadence --tag TAG CADENCE`\n");
        return 2;
      }
      cli.cadence_options.cadence = cli.cadence_args.back();
      if (wanted == 2) cli.cadence_options.person = cli.cadence_args.front();
      return run_cadence(session, cli.cadence_options);
    }
    if (*cli.snooze) return run_snooze(session, cli.who, cli.duration, cli.member);
    if (*cli.ignore) return run_ignore(session, cli.ignore_options);
    if (*cli.unignore) return run_unignore(session, cli.ignore_options.items, cli.ignore_options.member);
    if (*cli.decisions_export) return run_decisions_export(session, cli.decisions_file);
    if (*cli.decisions_import) return run_decisions_import(session, cli.decisions_file);
    if (*cli.due) return run_due(session, cli.due_options);
    if (*cli.awaiting) return run_awaiting(session, cli.awaiting_days, cli.member);
    if (*cli.drift) return run_drift(session, cli.min_ratio, cli.member);
    if (*cli.week) return run_week(session, cli.week_options);
    if (*cli.explain) return run_explain(session, cli.who, cli.member);
    if (*cli.show) return run_show(session, cli.who, cli.member);
    if (*cli.intro) return run_intro(session, cli.intro_target);
    if (*cli.milestones) return run_milestones(session, cli.milestones_options);
    if (*cli.network) return run_network(session, cli.network_options);
    if (*cli.events) return run_events(session, cli.events_options);
    if (*cli.event_add) return run_event_add(session, cli.event_add_options);
    if (*cli.event_confirm) return run_event_decide(session, cli.event_name, cli.who, true);
    if (*cli.event_reject) return run_event_decide(session, cli.event_name, cli.who, false);
    if (*cli.event_remove) return run_event_remove(session, cli.event_name);
    if (*cli.event) {
      if (cli.event_name.empty()) {
        std::fprintf(stderr, "kith: event: name an event (`kith event EVENT`), or add, confirm, reject, remove\n");
        return 2;
      }
      return run_event_show(session, cli.event_name);
    }
    if (*cli.followups) return run_followups(session, cli.followup_days, cli.member);
    if (*cli.coffees) return run_coffees(session, cli.coffees_past, cli.member);
    if (*cli.remind) return run_remind(session, cli.dry_run);
    if (*cli.migrate_store) return run_migrate_store(session, cli.migrate_to);
    if (*cli.dashboard) return run_dashboard(session, !cli.no_browser);
  } catch (const std::exception& e) {
    // A bug, not a user error; still one line, never a stack dump.
    std::fprintf(stderr, "kith: internal error: %s\n", e.what());
    return 70;
  }
  return 2;
}

}  // namespace kith::engine
