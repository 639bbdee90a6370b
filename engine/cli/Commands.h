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
int run_sync(Session& session, const std::vector<std::string>& accounts);
int run_status(Session& session);

struct ContactsOptions {
  std::string sort = "last";  // last | count | name
  std::optional<std::size_t> limit;
};
int run_contacts(Session& session, const ContactsOptions& options);
int run_history(Session& session, const std::string& address_or_id);

struct InitOptions {
  std::vector<std::string> addresses;
  std::string imap_url;
  std::string caldav_url;
  std::string username;
  std::string password_command;
  std::string password_env;
  bool any_flag() const {
    return !addresses.empty() || !imap_url.empty() || !caldav_url.empty() || !username.empty() ||
           !password_command.empty() || !password_env.empty();
  }
};
int run_init(Session& session, const InitOptions& options);

}  // namespace kith::engine
