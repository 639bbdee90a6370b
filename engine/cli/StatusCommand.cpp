#include <iostream>
#include <map>
#include <set>

#include "cli/Commands.h"
#include "cli/Output.h"
#include "daemon/StoreLock.h"
#include "store/AccountLeases.h"
#include "store/SqlHistoryStore.h"
#include "util/Strings.h"
#include "util/Time.h"

namespace kith::engine {

namespace {

nlohmann::json run_json(const std::optional<SyncRun>& run) {
  if (!run) return nullptr;
  return {{"started", json_time(run->started)},
          {"finished", json_time(run->finished)},
          {"result", to_string(run->outcome.state)},
          {"items", run->outcome.items},
          {"interactions_added", run->outcome.interactions_added},
          {"item_errors", run->outcome.item_errors},
          {"error_kind", run->outcome.error_kind.empty() ? nlohmann::json(nullptr) : nlohmann::json(run->outcome.error_kind)},
          {"error", run->outcome.error_message.empty() ? nlohmann::json(nullptr) : nlohmann::json(run->outcome.error_message)}};
}

nlohmann::json state_json(const std::optional<AccountState>& state) {
  if (!state) return nullptr;
  return {{"state", state->state},
          {"since", json_time(state->since)},
          {"until", json_time(state->until)},
          {"reason", state->reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(state->reason)}};
}

// "idle, next sync in 4 minutes", "backing off until 14:05", "failed: ...".
std::string describe(const std::optional<AccountState>& state, bool daemon_running, UnixSeconds now) {
  if (!state || !daemon_running) return daemon_running ? "waiting" : "-";
  if (state->state == "idle") return state->until ? "idle, next sync " + relative_time(state->until, now) : "idle";
  if (state->state == "backing_off")
    return "backing off until " + human_time(state->until) + " UTC";
  if (state->state == "failed") return "failed";
  return state->state;
}

nlohmann::json lease_json(const LeaseHolder* lease) {
  if (lease == nullptr) return nullptr;
  return {{"worker", lease->worker},
          {"host", lease->host},
          {"pid", lease->pid},
          {"expires_at", json_time(lease->expires_at)},
          {"expired", lease->expired}};
}

// "host pid 1234, until 14:05:10 UTC" / "expired 14:05:10 UTC" / "-".
std::string describe_lease(const LeaseHolder* lease) {
  if (lease == nullptr) return "-";
  std::string out = lease->host;
  out.append(" pid ").append(std::to_string(lease->pid));
  out.append(lease->expired ? ", expired " : ", until ").append(human_time(lease->expires_at)).append(" UTC");
  return out;
}

}  // namespace

int run_status(Session& session) {
  auto config = session.config();
  if (!config) return report_error(config.status());
  auto store = session.store();
  if (!store) return report_error(store.status());

  std::vector<std::string> names;
  for (const auto& a : (*config)->accounts) names.push_back(a.name);
  auto statuses = (*store)->account_status(names);
  if (!statuses) return report_error(statuses.status());
  auto contacts = (*store)->contact_count();
  if (!contacts) return report_error(contacts.status());

  std::optional<pid_t> daemon_pid;
  const bool postgres = !session.store_url().empty();
  if (!postgres) daemon_pid = StoreLock::holder(session.store_path());
  const pid_t shown_pid = daemon_pid.value_or(0);
  // A PostgreSQL store: which kithd worker holds each account's lease.
  std::map<std::string, LeaseHolder> leases;
  std::set<std::string> live_workers;
  if (postgres) {
    if (auto* sql = dynamic_cast<SqlHistoryStore*>(*store)) {
      auto holders = AccountLeases::holders(sql->database());
      if (!holders) return report_error(holders.status());
      for (auto& h : *holders) {
        if (!h.expired) live_workers.insert(h.worker);
        leases.emplace(h.account, std::move(h));
      }
    }
  }
  auto lease_of = [&](const std::string& account) -> const LeaseHolder* {
    auto it = leases.find(account);
    return it == leases.end() ? nullptr : &it->second;
  };
  const bool daemon_running = daemon_pid.has_value() || !live_workers.empty();
  if (session.options().json) {
    nlohmann::json daemon = {{"running", daemon_running},
                             {"pid", shown_pid > 0 ? nlohmann::json(shown_pid) : nlohmann::json(nullptr)}};
    if (postgres) daemon["workers"] = live_workers.size();
    nlohmann::json out = {{"store", session.store_name()},
                          {"daemon", daemon},
                          {"config", (*config)->file.empty() ? nlohmann::json(nullptr) : nlohmann::json((*config)->file.string())},
                          {"contacts", *contacts},
                          {"accounts", nlohmann::json::array()}};
    for (const auto& s : *statuses) {
      const auto* configured = (*config)->find_account(s.account);
      nlohmann::json errors = nlohmann::json::array();
      for (const auto& e : s.recent_item_errors)
        errors.push_back({{"collection", e.collection}, {"item", e.item}, {"error", e.message}, {"at", json_time(e.at)}});
      out["accounts"].push_back({{"name", s.account},
                                 {"provider", configured ? nlohmann::json(configured->provider) : nlohmann::json(nullptr)},
                                 {"configured", configured != nullptr},
                                 {"state", daemon_running ? state_json(s.daemon_state) : nlohmann::json(nullptr)},
                                 {"last_run", run_json(s.last_run)},
                                 {"last_success", json_time(s.last_success)},
                                 {"last_failure", run_json(s.last_failure)},
                                 {"item_errors", errors},
                                 {"quarantined", errors.size()}});
      if (postgres) out["accounts"].back()["lease"] = lease_json(lease_of(s.account));
    }
    print_json(out);
    return 0;
  }

  const auto now = now_utc();
  std::cout << "Store:    " << session.store_name() << '\n'
            << "Config:   " << ((*config)->file.empty() ? "(none)" : (*config)->file.string()) << '\n'
            << "Contacts: " << *contacts << '\n'
            << "Daemon:   "
            << (postgres ? (live_workers.empty() ? std::string("no kithd worker holds a lease")
                                                 : std::to_string(live_workers.size()) + " kithd workers hold leases")
                : daemon_running ? "kithd is running" + (shown_pid > 0 ? " (pid " + std::to_string(shown_pid) + ")" : std::string())
                               : std::string("not running"))
            << "\n\n";
  if (statuses->empty()) {
    std::cout << "No accounts configured and no sync has run yet.\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{"ACCOUNT", "STATE", "LAST RUN", "RESULT", "ITEMS", "NEW", "ITEM ERRORS", "LAST SUCCESS"}};
  if (postgres) rows.front().push_back("LEASE");
  std::vector<std::string> notes;
  for (const auto& s : *statuses) {
    const auto& run = s.last_run;
    std::string name = s.account;
    if (!(*config)->find_account(s.account)) name += " (not in config)";
    rows.push_back({name, describe(s.daemon_state, daemon_running, now), run ? relative_time(run->started, now) : "never",
                    run ? to_string(run->outcome.state) : "-", run ? std::to_string(run->outcome.items) : "-",
                    run ? std::to_string(run->outcome.interactions_added) : "-",
                    run ? std::to_string(run->outcome.item_errors) : "-", relative_time(s.last_success, now)});
    if (postgres) rows.back().push_back(describe_lease(lease_of(s.account)));
    if (daemon_running && s.daemon_state && !s.daemon_state->reason.empty())
      notes.push_back(s.account + ": " + s.daemon_state->state + ": " + s.daemon_state->reason);
    else if (s.last_failure && (!s.last_success || s.last_failure->started > *s.last_success))
      notes.push_back(s.account + ": last error: " + s.last_failure->outcome.error_message);
    for (const auto& e : s.recent_item_errors)
      notes.push_back(s.account + ": quarantined " + e.collection + "/" + e.item + ": " + e.message);
  }
  print_table(rows);
  if (!notes.empty()) std::cout << '\n';
  for (const auto& n : notes) std::cout << terminal_safe(n) << '\n';
  return 0;
}

}  // namespace kith::engine
