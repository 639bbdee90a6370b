#include <algorithm>
#include <iostream>

#include "cli/Commands.h"
#include "cli/Output.h"
#include "host/AccountContext.h"

namespace kith::engine {

int run_accounts(Session& session) {
  auto config = session.config();
  if (!config) return report_error(config.status());
  const auto& plugins = session.plugins();

  nlohmann::json out = nlohmann::json::array();
  // A team's config: whose account each is ([[member]], `owner`).
  const bool owners_column = std::any_of((*config)->accounts.begin(), (*config)->accounts.end(),
                                         [](const AccountConfig& a) { return !a.owner.empty(); });
  std::vector<std::vector<std::string>> rows = {{"NAME", "PROVIDER", "URL", "USERNAME", "PROBLEM", "WARNING"}};
  if (owners_column) rows.front().insert(rows.front().begin() + 2, "OWNER");
  bool any_problem = false;
  for (const auto& configured : (*config)->accounts) {
    AccountConfig account = configured;
    std::string problem;
    if (auto plugin = plugins.find(account.provider); !plugin) {
      problem = "no plugin provides '" + account.provider + "'";
    } else {
      const auto& d = plugin->descriptor();
      if (auto s = validate_account(account, d, (*config)->file); !s) problem = s.message();
    }
    any_problem = any_problem || !problem.empty();
    const auto url = account.string_setting("url");
    const auto username = account.string_setting("username");
    nlohmann::json owners = owner_addresses_for(**config, account);
    const auto warnings = account_warnings(account);
    out.push_back({{"name", account.name},
                   {"provider", account.provider},
                   {"url", url ? nlohmann::json(*url) : nlohmann::json(nullptr)},
                   {"username", username ? nlohmann::json(*username) : nlohmann::json(nullptr)},
                   {"owner", account.owner.empty() ? nlohmann::json(nullptr) : nlohmann::json(account.owner)},
                   {"owner_addresses", owners},
                   {"problem", problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(problem)},
                   {"warnings", warnings}});
    rows.push_back({account.name, account.provider, url.value_or("-"), username.value_or("-"), problem.empty() ? "-" : problem,
                    warnings.empty() ? "-" : warnings.front()});
    if (owners_column) rows.back().insert(rows.back().begin() + 2, account.owner.empty() ? "-" : account.owner);
  }
  if (session.options().json) {
    print_json(out);
  } else if ((*config)->accounts.empty()) {
    std::cout << "No accounts configured"
              << ((*config)->file.empty() ? std::string(" (no config file at ") + default_config_path().string() + ")"
                                          : " in " + (*config)->file.string())
              << ".\n";
  } else {
    print_table(rows);
  }
  return any_problem ? 1 : 0;
}

}  // namespace kith::engine
