// The `kith` and `kithd` command lines. Each is built by one function, used
// both to parse arguments and to generate the man pages, so `--help` and
// the manual cannot disagree.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli/Commands.h"
#include "relate/KeepInTouch.h"

namespace kith::engine {

// `kith`'s parser and the variables its options fill.
struct KithCommandLine {
  KithCommandLine();
  KithCommandLine(const KithCommandLine&) = delete;
  KithCommandLine& operator=(const KithCommandLine&) = delete;

  CLI::App app;
  GlobalOptions global;
  bool verbose = false;
  bool check = false;
  std::vector<std::string> account_names;
  ContactsOptions contacts_options;
  HistoryOptions history_options;
  std::size_t limit = 0;
  std::string who;
  InitOptions init;
  bool full = false;
  std::string as_of;
  MergeOptions merge_options;
  std::string handle;
  std::string new_name;
  std::vector<std::string> tags;
  CadenceOptions cadence_options;
  std::vector<std::string> cadence_args;
  std::string duration;
  IgnoreOptions ignore_options;
  DueOptions due_options;
  int awaiting_days = 30;
  double min_ratio = kDefaultMinDriftRatio;
  WeekOptions week_options;
  MilestonesOptions milestones_options;
  NetworkOptions network_options;
  EventsOptions events_options;
  EventAddOptions event_add_options;
  std::string event_name;
  int followup_days = 30;
  std::string coffees_past = "90d";
  bool dry_run = false;
  std::string member;  // --member of show and drift (due's is in due_options)
  std::string intro_target;

  CLI::App* plugins = nullptr;
  CLI::App* intro = nullptr;
  CLI::App* events = nullptr;
  CLI::App* event = nullptr;
  CLI::App* event_add = nullptr;
  CLI::App* event_confirm = nullptr;
  CLI::App* event_reject = nullptr;
  CLI::App* event_remove = nullptr;
  CLI::App* followups = nullptr;
  CLI::App* coffees = nullptr;
  CLI::App* remind = nullptr;
  CLI::App* accounts = nullptr;
  CLI::App* init_command = nullptr;
  CLI::App* sync = nullptr;
  CLI::App* status = nullptr;
  CLI::App* contacts = nullptr;
  CLI::App* history = nullptr;
  CLI::App* merge = nullptr;
  CLI::App* split = nullptr;
  CLI::App* rename = nullptr;
  CLI::App* tag = nullptr;
  CLI::App* untag = nullptr;
  CLI::App* cadence = nullptr;
  CLI::App* snooze = nullptr;
  CLI::App* ignore = nullptr;
  CLI::App* unignore = nullptr;
  CLI::App* decisions = nullptr;
  CLI::App* decisions_export = nullptr;
  CLI::App* decisions_import = nullptr;
  CLI::App* migrate_store = nullptr;
  CLI::App* dashboard = nullptr;
  bool no_browser = false;
  std::string migrate_to;  // migrate-store --to
  std::string decisions_file;  // export --output / import FILE
  CLI::App* due = nullptr;
  CLI::App* awaiting = nullptr;
  CLI::App* drift = nullptr;
  CLI::App* week = nullptr;
  CLI::App* explain = nullptr;
  CLI::App* show = nullptr;
  CLI::App* milestones = nullptr;
  CLI::App* network = nullptr;
  CLI::Option* limit_option = nullptr;
};

// `kithd`'s parser.
struct KithdCommandLine {
  KithdCommandLine();
  KithdCommandLine(const KithdCommandLine&) = delete;
  KithdCommandLine& operator=(const KithdCommandLine&) = delete;

  CLI::App app;
  GlobalOptions global;
  bool once = false;
  std::string http;  // --http ADDRESS: serve the dashboard there
  std::string as_of;  // --as-of: the dashboard's queries as if it were then
};

// The whole `kith` command line; returns the exit code.
int run_kith_cli(int argc, char** argv);

}  // namespace kith::engine
