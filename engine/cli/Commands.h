// The `kith` subcommands. Each returns the process exit code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/CliSession.h"

namespace kith::engine {

int run_plugins(CliSession& session, bool verbose);
int run_accounts(CliSession& session);
int run_sync(CliSession& session, const std::vector<std::string>& accounts);
int run_status(CliSession& session);

struct ContactsOptions {
  std::string sort = "last";  // last | count | name
  std::optional<std::size_t> limit;
};
int run_contacts(CliSession& session, const ContactsOptions& options);
int run_history(CliSession& session, const std::string& address_or_id);

}  // namespace kith::engine
