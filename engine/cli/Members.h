// A team's members on the command line (--member NAME, `kith intro`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/Config.h"

namespace kith::engine {

// The accounts `member` owns; nullopt for "" (every account). An unknown
// name is a one-line error naming it and the config file.
inline Result<std::optional<std::vector<std::string>>> member_accounts(const Config& config, const std::string& member) {
  if (member.empty()) return std::optional<std::vector<std::string>>();
  if (!config.find_member(member)) {
    std::string message = "--member: '" + member + "' is no [[member]] name";
    if (config.file.empty())
      message += " (no config file)";
    else
      message.append(" in ").append(config.file.string());
    return Status::account(message);
  }
  return std::optional<std::vector<std::string>>(config.accounts_of(member));
}

}  // namespace kith::engine
